"""The profile laid out as the Mosaic Public Sector table (#13 item 1): Total rows, names and
colours from the labels table, every level; by hand and on the real Lewisham data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core.labels import labels_table
from customer_segmentation.core.mosaic_table import MOSAIC_COLUMNS, mosaic_display, mosaic_table
from customer_segmentation.core.profile import profile

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
LOAC_NAMES = {"A": "Intermediate Lifestyles", "B": "High Density and High Rise Flats",
              "C": "Settled Asians", "D": "Urban Elites", "E": "City Vibe",
              "F": "London Life-Cycle", "G": "Multi-Ethnic Suburbs", "H": "Ageing City Fringe"}


def _records() -> pd.DataFrame:
    return pd.DataFrame({"sg": ["1"] * 20 + ["2"] * 6 + ["3"] * 2 + [None],
                         "grp": ["1a"] * 12 + ["1b"] * 8 + ["2a"] * 6 + ["3a"] * 2 + [None]})


def _base() -> pd.DataFrame:
    return pd.DataFrame({"sg": [1, 1, 2, 3, 3], "grp": ["1a", "1b", "2a", "3a", "3a"],
                         "hh": [150, 50, 100, 120, 80]})


def _labels() -> pd.DataFrame:
    return labels_table({"sg": ["1", "2", "3"], "grp": ["1a", "1b", "2a", "3a"]},
                        names={"1": "Country Living", "2": "Prestige Positions",
                               "1a": "Rural Vogue"})


@pytest.mark.parametrize("min_count", [0, 5])
def test_total_row_and_layout_by_hand(min_count):
    table, info = profile(_records(), ["sg", "grp"], _base(), ["sg", "grp"], "hh",
                          min_count=min_count, labels=_labels())
    out = mosaic_table(table, info["totals"])
    assert list(out.columns) == MOSAIC_COLUMNS
    sg = out[out["level"] == "sg"].reset_index(drop=True)
    assert sg["group"].tolist() == ["1", "2", "3", "Total"]
    assert sg["name"].tolist() == ["Country Living", "Prestige Positions", "Cluster 3", ""]
    total = sg.iloc[-1]
    # the record without a cluster is left out; the Total row is the same with or without
    # blank (suppressed) cells
    assert total["count"] == 28 and total["pct"] == 100
    assert total["base_count"] == 500 and total["base_pct"] == 100
    assert total["penetration_pct"] == pytest.approx(100 * 28 / 500) and total["index"] == 100
    one = sg.iloc[0]
    assert one["count"] == 20 and one["pct"] == pytest.approx(100 * 20 / 28)
    assert one["base_count"] == 200 and one["base_pct"] == pytest.approx(40)
    assert one["penetration_pct"] == pytest.approx(10) and one["index"] == pytest.approx(
        100 * (20 / 28) / 0.4)
    grp = out[out["level"] == "grp"]
    assert grp["group"].tolist() == ["1a", "1b", "2a", "3a", "Total"]
    assert grp["name"].iloc[0] == "Rural Vogue"
    assert grp["count"].iloc[-1] == 28 and grp["base_count"].iloc[-1] == 500
    if min_count == 0:  # shown cells add up to the Total
        assert sg["count"].iloc[:-1].sum() == total["count"]
        assert sg["pct"].iloc[:-1].sum() == pytest.approx(100)


def test_names_and_colours_in_the_profile_table():
    labels = _labels()
    table, _ = profile(_records(), ["sg", "grp"], _base(), ["sg", "grp"], "hh",
                       labels=labels)
    colour = dict(zip(labels["code"], labels["colour"]))
    assert table["colour"].tolist() == [colour[c] for c in table["cluster"]]
    assert table.set_index("cluster").loc["2", "name"] == "Prestige Positions"
    plain, _ = profile(_records(), "sg", _base(), "sg", "hh")
    assert (plain["name"] == "").all() and (plain["colour"] == "").all()


def test_display_reads_as_the_published_table():
    table, info = profile(_records(), "sg", _base(), "sg", "hh", min_count=0,
                          labels=_labels())
    shown = mosaic_display(mosaic_table(table, info["totals"]))
    assert list(shown.columns) == ["Group", "Name", "Count", "%", "Base count", "Base %",
                                   "Penetration %", "Index"]
    assert shown.iloc[-1].tolist() == ["Total", "", "28", "100.0", "500", "100.0", "5.60",
                                       "100"]
    assert shown.iloc[0].tolist()[:3] == ["1", "Country Living", "20"]


def test_mosaic_total_matches_the_published_arithmetic():
    # the published table's Total: 6,942 records against 109,825 households: 6.32 per 100
    rec = pd.DataFrame({"g": ["A"] * 4000 + ["B"] * 2942})
    base = pd.DataFrame({"g": ["A", "B"], "hh": [60000, 49825]})
    table, info = profile(rec, "g", base, "g", "hh")
    shown = mosaic_display(mosaic_table(table, info["totals"]))
    assert shown.iloc[-1].tolist() == ["Total", "", "6,942", "100.0", "109,825", "100.0",
                                       "6.32", "100"]


def test_real_lewisham_mosaic_table_both_levels():
    folder = DATA / "lewisham_2011"
    if not folder.exists():
        pytest.skip(f"real data {folder} not present")
    from customer_segmentation.core.postcodes import build_postcode_index, match_records
    from customer_segmentation.core.table_read import read_table

    lookup = read_table(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv", dtype=str)
    loac = read_table(folder / "lewisham_oa11_loac2011.csv", dtype=str)
    live = lookup[lookup["TerminationDate"].isna()]
    idx = build_postcode_index(live, "PostcodeNatural", "OA11CD")
    levels = ["LOAC2011_supergroup", "LOAC2011_group"]
    matched, unmatched, _ = match_records(
        live[["PostcodeNatural"]].rename(columns={"PostcodeNatural": "pc"}),
        "pc", idx, loac, "OA11CD", levels)
    labels = labels_table({lv: loac[lv] for lv in levels}, names=LOAC_NAMES)
    table, info = profile(matched, levels, loac, levels, labels=labels)
    out = mosaic_table(table, info["totals"])
    for level in levels:
        block = out[out["level"] == level]
        total = block.iloc[-1]
        assert block["group"].iloc[:-1].tolist() == sorted(loac[level].unique())
        assert total["group"] == "Total" and total["count"] == len(matched) == 4969
        assert total["base_count"] == 887 and total["index"] == 100
        assert total["penetration_pct"] == pytest.approx(100 * 4969 / 887)
        shown = block.iloc[:-1]
        assert np.nansum(shown["count"]) <= total["count"]
        counts = matched[level].value_counts()
        for row in shown.itertuples():
            if np.isfinite(row.count):
                assert row.count == counts.get(row.group, 0)
    sg = out[out["level"] == levels[0]].set_index("group")
    assert sg.loc["B", "name"] == "High Density and High Rise Flats"
    assert len(unmatched) == 0
