"""Step 2 and 3: percentages and standardisation, against the OAC method recomputed by hand."""

import numpy as np
import pandas as pd
import pytest
from conftest import shared

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.transform import Standardisation, fit_standardisation
from customer_segmentation.core.variables import plan_variables, prepare_variables

LOOKUP = pd.DataFrame({
    "VariableCode": ["Total_Population", "Total_Households", "a", "b", "dens"],
    "VariableMeasurementUnit": ["Count", "Count", "Count", "Count", "Ratio"],
    "VariableStatisticalUnit": ["Person", "Household", "Person", "Household", "Density"],
    "VariableDomain": ["Totals", "Totals", "D", "D", "D"],
})
RAW = pd.DataFrame({"OA": ["x", "y", "z"], "Total_Population": [100, 0, 50],
                    "Total_Households": [40, 0, 20], "a": [25, 0, 50], "b": [10, 0, 5],
                    "dens": [12.5, 3.0, 7.0], "extra": [1, 2, 3]})


def test_percentages_zero_over_zero_and_passthrough():
    out = prepare_variables(RAW, LOOKUP, "OA")
    assert list(out.table.columns) == ["OA", "a", "b", "dens"]
    assert out.table["a"].tolist() == [25.0, 0.0, 100.0]
    assert out.table["b"].tolist() == [25.0, 0.0, 25.0]
    assert out.table["dens"].tolist() == [12.5, 3.0, 7.0]
    assert out.unused_columns == ["extra"]


def test_missing_denominator_is_named():
    lookup = LOOKUP[LOOKUP.VariableCode != "Total_Households"]
    with pytest.raises(SegmentationError, match="unit 'Household' for b"):
        plan_variables(lookup)


def test_missing_column_is_named():
    with pytest.raises(SegmentationError, match="lacks column.*b"):
        prepare_variables(RAW.drop(columns="b"), LOOKUP, "OA")


def test_non_numeric_count_names_field_and_row():
    raw = RAW.astype({"a": object})
    raw.loc[1, "a"] = "n/a"
    with pytest.raises(SegmentationError, match=r"'a'.*'n/a'.*row 2 \(OA=y\)"):
        prepare_variables(raw, LOOKUP, "OA")


def test_duplicate_ids_named():
    raw = RAW.copy()
    raw.loc[2, "OA"] = "x"
    with pytest.raises(SegmentationError, match="duplicated.*x"):
        prepare_variables(raw, LOOKUP, "OA")


def test_transforms_by_definition():
    df = pd.DataFrame({"p": [0.0, 1.0, 10.0, 100.0], "q": [5.0, 3.0, 2.0, 9.0]})
    out, std = fit_standardisation(df, ["p", "q"], "log1p", "range")
    lp = np.log(df["p"] + 1)
    assert np.allclose(out["p"], (lp - lp.min()) / (lp.max() - lp.min()), atol=0, rtol=1e-15)
    out, _ = fit_standardisation(df, ["p"], "none", "zscore")
    assert np.allclose(out["p"], (df.p - df.p.mean()) / df.p.std(ddof=1))
    out, std = fit_standardisation(df, ["p", "q"], "boxcox", "none")
    lam = std.parameters["p"].boxcox_lambda
    expect = ((df.p + 1) ** lam - 1) / lam
    assert np.allclose(out["p"], expect)
    # The stored parameters re-apply exactly.
    again = Standardisation.from_dict(std.to_dict()).apply(df)
    assert np.array_equal(again.to_numpy(), out.to_numpy())


def test_constant_field_refused_by_name():
    df = pd.DataFrame({"p": [1.0, 2.0], "c": [4.0, 4.0]})
    with pytest.raises(SegmentationError, match="'c' is constant"):
        fit_standardisation(df, ["p", "c"], "ihs", "range")


def test_log_of_minus_one_refused():
    with pytest.raises(SegmentationError, match="'p'.*-1 or less"):
        fit_standardisation(pd.DataFrame({"p": [-1.0, 2.0]}), ["p"], "log1p", "range")


def test_barking_dagenham_equals_oac_method_to_1e9():
    folder = shared("barking_dagenham_2018")
    raw = pd.read_csv(folder / "2018_OAC_Raw_Variables.csv")
    lookup = pd.read_csv(folder / "2018_OAC_Raw_Variables_Lookup.csv")
    prepared = prepare_variables(raw, lookup, "OA11CD")
    # The OAC method, written out independently from the lookup rows.
    totals = lookup[lookup.VariableDomain == "Totals"].set_index("VariableStatisticalUnit")
    variables = lookup[lookup.VariableDomain != "Totals"]
    assert len(variables) == 37 and prepared.table.shape == (553, 38)
    for row in variables.itertuples():
        x = raw[row.VariableCode].astype(float)
        if row.VariableMeasurementUnit == "Count":
            den = raw[totals.loc[row.VariableStatisticalUnit, "VariableCode"]].astype(float)
            expect = (x / den * 100).where(den != 0, 0.0)
        else:
            expect = x
        assert np.max(np.abs(prepared.table[row.VariableCode] - expect)) < 1e-9, row.VariableCode
        ihs = np.log(expect + np.sqrt(expect ** 2 + 1))
        rng = (ihs - ihs.min()) / (ihs.max() - ihs.min())
        out, _ = fit_standardisation(prepared.table, [row.VariableCode], "ihs", "range")
        assert np.max(np.abs(out[row.VariableCode] - rng)) < 1e-9, row.VariableCode
    assert "RM2018_32" in prepared.plan.passthrough
