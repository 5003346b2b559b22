"""core.area_profile: the comparison table's order, signed fields and the ward pen portrait."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core.area_profile import (
    area_profile,
    area_profiles,
    compare,
    describe_group,
)


def test_signed_fields_by_difference_after_the_indexed_ones():
    out = compare(["a", "b", "c", "d"], np.array([50.0, 10.0, -2.0, 3.0]),
                  np.array([100.0, 10.0, 1.0, 0.0]), np.array([False, False, True, False]))
    assert list(out["field"]) == ["a", "b", "c", "d"]
    assert out["index"].iloc[0] == 50 and np.isnan(out["index"].iloc[2])
    assert out["difference"].iloc[2] == -3  # not an index of -200
    assert np.isnan(out["index"].iloc[3])  # reference 0: no index


def test_weighted_reference_is_the_rate_and_missing_values_are_counted():
    ref = pd.DataFrame({"pct": [10.0, 50.0, np.nan], "pop": [900, 100, 50],
                        "chg": [-1.0, 2.0, 0.0]})
    out = area_profile(ref.iloc[[1]], ref, ["pct", "chg"], "pop").set_index("field")
    assert out.loc["pct", "reference"] == pytest.approx((10 * 900 + 50 * 100) / 1000)
    assert out.loc["pct", "index"] == pytest.approx(100 * 50 / 14)
    assert bool(out.loc["chg", "signed"]) and np.isnan(out.loc["chg", "index"])
    assert out.attrs["missing"] == {"pct": 1}
    plain = area_profile(ref.iloc[[1]], ref, ["pct"], "pop", "unweighted").set_index("field")
    assert plain.loc["pct", "reference"] == pytest.approx(30.0)


def test_every_group_and_its_pen_portrait():
    df = pd.DataFrame({"ward": ["N", "N", "S", "S", None], "old": [30.0, 40, 10, 10, 20],
                       "pop": [100, 100, 100, 300, 100], "cl": ["1", "1", "2", "1", "2"]})
    prof = area_profiles(df, "ward", ["old"], "pop", cluster_col="cl")
    whole = (30 * 100 + 40 * 100 + 10 * 400 + 20 * 100) / 700
    assert prof.reference["old"] == pytest.approx(whole)
    assert prof.local.loc["N", "old"] == pytest.approx(35)
    assert prof.index.loc["S", "old"] == pytest.approx(100 * 10 / whole)
    table = prof.table().set_index("group")
    assert table.loc["S", "pct_1"] == pytest.approx(75) and table.loc["N", "areas"] == 2
    text = describe_group("North", prof.index.loc["N"], pd.Series({"1": 100.0}),
                          {"1": "Young families"}, {"old": "people over 65"})
    assert text == ("Compared with the whole area, North has many more people over 65. "
                    "Its largest cluster is Young families (100%).")
