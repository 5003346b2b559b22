"""Mosaic-style profile: figures recomputed by hand on a tiny example (no QGIS)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.profile import profile, representativeness

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
Z95 = 1.959963984540054


def _records() -> pd.DataFrame:
    # 20 records in supergroup 1 (group 1a: 12, 1b: 8), 6 in 2 (2a), 2 in 3 (3a), 1 unmatched
    return pd.DataFrame(
        {
            "sg": ["1"] * 20 + ["2"] * 6 + ["3"] * 2 + [None],
            "grp": ["1a"] * 12 + ["1b"] * 8 + ["2a"] * 6 + ["3a"] * 2 + [None],
            "channel": ["web"] * 15 + ["phone"] * 13 + ["web"],
        }
    )


def _base() -> pd.DataFrame:
    # households: supergroup 1 = 200 (40 %), 2 = 100 (20 %), 3 = 200 (40 %)
    return pd.DataFrame(
        {
            "oa": ["A", "B", "C", "D", "E"],
            "sg": [1, 1, 2, 3, 3],
            "grp": ["1a", "1b", "2a", "3a", "3a"],
            "hh": [150, 50, 100, 120, 80],
        }
    )


def test_profile_figures_by_hand():
    table, info = profile(_records(), "sg", _base(), "sg", base_col="hh")
    row = table.set_index("cluster").loc["1"]
    n, c = 28, 20  # the unmatched record is left out
    p = c / n
    idx = 100 * (100 * p) / 40
    se = math.sqrt((1 - p) / c)  # SE of log p, binomial
    assert row["count"] == 20 and row["records"] == 20
    assert row["pct"] == pytest.approx(100 * 20 / 28)
    assert row["base"] == 200 and row["base_pct"] == pytest.approx(40)
    assert row["penetration"] == pytest.approx(100 * 20 / 200)
    assert row["index"] == pytest.approx(idx)  # 178.57
    assert row["index_low"] == pytest.approx(idx * math.exp(-Z95 * se))
    assert row["index_high"] == pytest.approx(idx * math.exp(Z95 * se))
    assert row["index_low"] == pytest.approx(141.28, abs=0.01)
    assert row["significant"] and not row["suppressed"]

    # Cluster 2 (6 records) is hidden too: with the total (28) it would give cluster 3 away.
    assert table.set_index("cluster").loc["2", "suppressed"]
    two = profile(_records(), "sg", _base(), "sg", base_col="hh", min_count=0)[0]
    two = two.set_index("cluster").loc["2"]
    p2 = 6 / 28
    se2 = math.sqrt((1 - p2) / 6)
    assert two["index"] == pytest.approx(100 * p2 * 100 / 20)
    assert two["index_high"] == pytest.approx(two["index"] * math.exp(Z95 * se2))
    assert not two["significant"]  # CI (58, 198) spans 100

    three = table.set_index("cluster").loc["3"]  # 2 records < min_count 5: suppressed
    assert three["suppressed"] and not three["significant"]
    for col in ("records", "count", "pct", "penetration", "index", "index_low", "index_high"):
        assert np.isnan(three[col])
    assert three["base"] == 200 and three["base_pct"] == pytest.approx(40)  # base is public
    assert info["suppressed_cells"] == 2
    assert info["records_without_cluster"] == {"sg": 1}
    assert info["total_count"] == 28
    assert "Katz" in info["ci_method"]


def test_profile_base_counts_areas_and_confidence_level():
    table, _ = profile(_records(), "sg", _base(), "sg", min_count=0, confidence=0.9)
    row = table.set_index("cluster").loc["3"]
    assert row["base"] == 2 and row["base_pct"] == pytest.approx(40)  # 2 of 5 OAs
    assert row["penetration"] == pytest.approx(100)  # 2 records per 2 areas × 100
    p = 2 / 28
    z90 = 1.6448536269514722
    assert row["index_low"] == pytest.approx(
        100 * p / 0.4 * math.exp(-z90 * math.sqrt((1 - p) / 2))
    )


def test_profile_levels_and_indicators():
    table, info = profile(
        _records(), ["sg", "grp"], _base(), ["sg", "grp"], "hh", indicator_cols=["channel"],
        min_count=0,
    )
    assert table["level"].unique().tolist() == ["sg", "grp"]
    assert table["indicator"].unique().tolist() == ["all", "channel=phone", "channel=web"]
    grp = table[(table["level"] == "grp") & (table["indicator"] == "all")].set_index("cluster")
    assert grp.index.tolist() == ["1a", "1b", "2a", "3a"]
    assert grp.loc["1a", "count"] == 12 and grp.loc["1a", "base_pct"] == pytest.approx(30)
    web = table[(table["level"] == "sg") & (table["indicator"] == "channel=web")]
    web = web.set_index("cluster")
    # web: 15 records, all in supergroup 1 (the web record without a cluster is left out)
    assert web.loc["1", "count"] == 15 and web.loc["1", "pct"] == pytest.approx(100)
    assert web.loc["2", "count"] == 0 and not web.loc["2", "suppressed"]  # zeros are shown
    phone = table[(table["level"] == "sg") & (table["indicator"] == "channel=phone")]
    assert phone.set_index("cluster").loc["2", "pct"] == pytest.approx(100 * 6 / 13)
    assert info["suppressed_cells"] == int(table["suppressed"].sum())


def test_weighted_profile_uses_linearised_variance():
    rec = _records().iloc[:28].copy()
    rng = np.random.default_rng(0)
    rec["w"] = rng.uniform(0.5, 2.0, len(rec))
    table, info = profile(rec, "sg", _base(), "sg", "hh", weight_col="w")
    row = table.set_index("cluster").loc["1"]
    w, y = rec["w"].to_numpy(), (rec["sg"] == "1").to_numpy(float)
    p = (w * y).sum() / w.sum()
    n = len(w)  # with-replacement linearised variance, n/(n-1) as R survey::svymean (#15)
    var = n / (n - 1) * (w**2 * (y - p) ** 2).sum() / w.sum() ** 2
    idx = 100 * p / 0.4
    assert row["count"] == pytest.approx((w * y).sum()) and row["records"] == 20
    assert row["index"] == pytest.approx(idx)
    assert row["index_low"] == pytest.approx(idx * math.exp(-Z95 * math.sqrt(var) / p))
    assert info["total_count"] == pytest.approx(w.sum())
    # all weights 1: the binomial figures, the interval wider by sqrt(n/(n-1)) on the log scale
    ones, _ = profile(rec.assign(w=1.0), "sg", _base(), "sg", "hh", weight_col="w")
    plain, _ = profile(rec, "sg", _base(), "sg", "hh")
    same = ["cluster", "count", "pct", "base_pct", "index"]
    pd.testing.assert_frame_equal(ones[same], plain[same])
    for a, b in zip(ones.itertuples(), plain.itertuples()):
        if np.isfinite(b.index_high) and 0 < b.pct < 100:
            assert math.log(a.index_high / a.index) == pytest.approx(
                math.log(b.index_high / b.index) * math.sqrt(n / (n - 1)))


def test_profile_bad_input_names_field_and_row():
    rec = _records().assign(w=[1.0] * 28 + [-1.0])
    with pytest.raises(SegmentationError, match="'w'.*row 29"):
        profile(rec, "sg", _base(), "sg", weight_col="w")
    with pytest.raises(SegmentationError, match="'households' is not in the base table"):
        profile(rec, "sg", _base(), "sg", base_col="households")
    with pytest.raises(SegmentationError, match="one base cluster field"):
        profile(rec, ["sg", "grp"], _base(), "sg")


def test_cluster_not_in_base_reported():
    rec = _records()
    rec.loc[0:5, "sg"] = "9"
    table, info = profile(rec, "sg", _base(), "sg", "hh")
    assert info["clusters_not_in_base"] == {"sg": ["9"]}
    nine = table.set_index("cluster").loc["9"]
    assert nine["base"] == 0 and np.isnan(nine["index"]) and np.isnan(nine["penetration"])


def test_representativeness_chi_square_by_hand():
    out, info = representativeness(_records(), "sg", _base(), "sg", "hh")
    obs = np.array([20, 6, 2])
    exp = 28 * np.array([0.4, 0.2, 0.4])
    stat = ((obs - exp) ** 2 / exp).sum()
    assert out["expected"].tolist() == pytest.approx(exp.tolist())
    assert info["statistic"] == pytest.approx(stat)
    assert info["dof"] == 2
    assert info["p_value"] == pytest.approx(math.exp(-stat / 2))  # chi2 sf with 2 dof
    assert not info["representative"]
    assert out["difference"].iloc[0] == pytest.approx(100 * 20 / 28 - 40)
    weighted, _ = representativeness(
        _records().assign(w=1.0), "sg", _base(), "sg", "hh", weight_col="w"
    )
    assert weighted["weighted_pct"].tolist() == pytest.approx(weighted["sample_pct"].tolist())


def test_real_lewisham_profile_of_matched_postcodes():
    folder = DATA / "lewisham_2011"
    if not folder.exists():
        pytest.skip(f"real data {folder} not present")
    from customer_segmentation.core.postcodes import build_postcode_index, match_records
    from customer_segmentation.core.table_read import read_table

    lookup = read_table(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv", dtype=str)
    loac = read_table(folder / "lewisham_oa11_loac2011.csv", dtype=str)
    live = lookup[lookup["TerminationDate"].isna()]
    idx = build_postcode_index(live, "PostcodeNatural", "OA11CD")
    # a "file" of one record per live postcode: its profile mirrors postcodes per OA type
    matched, unmatched, _ = match_records(
        live[["PostcodeNatural"]].rename(columns={"PostcodeNatural": "pc"}),
        "pc", idx, loac, "OA11CD", ["LOAC2011_supergroup"],
    )  # fmt: skip
    assert len(unmatched) == 0
    table, info = profile(matched, "LOAC2011_supergroup", loac, "LOAC2011_supergroup")
    assert table["pct"].sum() == pytest.approx(100)
    assert table["base"].sum() == len(loac) == 887
    expected = (
        100
        * (matched["LOAC2011_supergroup"].value_counts(normalize=True) * 100)
        / (loac["LOAC2011_supergroup"].value_counts(normalize=True) * 100)
    )
    got = table.set_index("cluster")["index"]
    assert got.to_dict() == pytest.approx(expected.reindex(got.index).to_dict())
