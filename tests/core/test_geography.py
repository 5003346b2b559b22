"""Area tables: composition, targeting, aggregation, know-your-area (no QGIS)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.geography import aggregate, area_profile, composition, targeting

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _areas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "oa": ["A", "B", "C", "D", "E", "F"],
            "ward": ["W1", "W1", "W1", "W2", "W2", "W2"],
            "sg": ["1", "1", "2", "2", "3", "3"],
            "hh": [100, 300, 100, 200, 100, 100],
            "pop": [250, 700, 200, 500, 0, 260],
        }
    )


def test_composition_by_households():
    out = composition(_areas(), "ward", "sg", "hh")
    assert out.index.tolist() == ["W1", "W2"]
    assert out.loc["W1", "total"] == 500
    assert out.loc["W1", ["pct_1", "pct_2", "pct_3"]].tolist() == pytest.approx([80, 20, 0])
    assert out.loc["W2", ["pct_1", "pct_2", "pct_3"]].tolist() == pytest.approx([0, 50, 50])
    assert out.loc["W1", "dominant"] == "1" and out.loc["W1", "dominant_pct"] == pytest.approx(80)
    assert out.loc["W2", "dominant"] == "2"  # tie 50/50 goes to the first cluster


def test_composition_counts_areas_without_weight():
    out = composition(_areas(), "ward", "sg")
    assert out.loc["W1", "total"] == 3
    assert out.loc["W1", "pct_1"] == pytest.approx(200 / 3)


def test_targeting_ranks_non_users_in_high_index_clusters():
    pen = pd.Series({"1": 10.0, "2": 40.0, "3": 5.0})
    idx = pd.Series({"1": 150.0, "2": 90.0, "3": 110.0})
    out = targeting(_areas(), "sg", "hh", pen, idx, min_index=110)
    assert out["oa"].tolist() == ["B", "E", "F", "A"]  # cluster 2 (index 90) left out
    assert out["est_non_users"].tolist() == pytest.approx([270, 95, 95, 90])
    assert out["est_users"].tolist() == pytest.approx([30, 5, 5, 10])
    assert out["rank"].tolist() == [1, 2, 3, 4]
    assert "pop" in out.columns
    # integer cluster codes in the area table match text codes in the profile
    out2 = targeting(_areas().assign(sg=[1, 1, 2, 2, 3, 3]), "sg", "hh", pen, idx, 120)
    assert out2["oa"].tolist() == ["B", "A"]


def test_targeting_skips_suppressed_and_floors_at_zero():
    pen = pd.Series({"1": 150.0, "3": np.nan})
    idx = pd.Series({"1": 200.0, "3": np.nan})
    out = targeting(_areas(), "sg", "hh", pen, idx)
    assert out["oa"].tolist() == ["A", "B"]
    assert out["est_non_users"].tolist() == [0, 0]


def test_aggregate_counts_sums_zero_areas_and_rates():
    records = pd.DataFrame(
        {"area": ["A", "A", "C", "Z", None, "B"], "spend": [10.0, 5.0, 2.5, 100.0, 1.0, 0.0]}
    )
    out = aggregate(records, "area", _areas(), "oa", base_col="pop", per=1000)
    assert out["count"].tolist() == [2, 1, 1, 0, 0, 0]
    assert out["rate"].tolist()[:4] == pytest.approx([8, 1000 / 700, 5, 0])
    assert np.isnan(out["rate"].iloc[4])  # population 0
    assert out.attrs["records_outside_areas"] == 2
    summed = aggregate(records, "area", _areas(), "oa", sum_col="spend", base_col="hh", per=100)
    assert summed["sum"].tolist() == [15, 0, 2.5, 0, 0, 0]
    assert summed["rate"].tolist()[:3] == pytest.approx([15, 0, 2.5])
    with pytest.raises(SegmentationError, match="'spend'.*row 2"):
        aggregate(records.assign(spend=[1, "x", 1, 1, 1, 1]), "area", _areas(), "oa", "spend")


def test_area_profile_local_vs_reference():
    ref = pd.DataFrame({"old": [10, 20, 30, 40], "young": [30, 30, 30, 30], "pop": [1, 1, 1, 1]})
    local = ref.iloc[:2]
    out = area_profile(local, ref, ["old", "young"])
    assert out["field"].tolist() == ["old", "young"]  # old is the distinct one
    assert out.loc[0, ["local", "reference", "index", "difference"]].tolist() == pytest.approx(
        [15, 25, 60, -10]
    )
    assert out.loc[1, "index"] == pytest.approx(100)
    weighted = area_profile(local, ref.assign(pop=[3, 1, 0, 0]), ["old"], "pop")
    assert weighted.loc[0, "reference"] == pytest.approx(12.5)
    with pytest.raises(SegmentationError, match="'nope' is not in the local areas"):
        area_profile(local, ref, ["nope"])


def test_real_lewisham_ward_composition():
    folder = DATA / "lewisham_2011"
    if not folder.exists():
        pytest.skip(f"real data {folder} not present")
    loac = pd.read_csv(folder / "lewisham_oa11_loac2011.csv", dtype=str)
    wards = pd.read_csv(folder / "lbl_oa11_wd22_proposed.csv", dtype=str)
    areas = loac.merge(wards, on="OA11CD")
    out = composition(areas, "WD22NM_proposed", "LOAC2011_supergroup")
    assert len(out) == 19 and out["total"].sum() == len(areas)
    pct = out.filter(like="pct_")
    assert pct.sum(axis=1).tolist() == pytest.approx([100] * len(out))
    assert (out["dominant_pct"] == pct.max(axis=1)).all()
