"""Census year (no QGIS): ranking a lookup's area columns against a classification's codes."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.postcodes import (
    area_candidates,
    choose_area_column,
    detect_lookup_columns,
    rank_area_columns,
)

# Five postcodes; OA E00000003 was split in 2021 (E00200001/2), the others kept their code.
LOOKUP = pd.DataFrame({
    "pcds": ["AB1 1AA", "AB1 1AB", "AB1 1AD", "AB1 1AE", "AB1 1AF", "AB1 1AF"],
    "doterm": ["", "", "", "", "", "199901"],
    "oa11": ["E00000001", "E00000002", "E00000003", "E00000003", "E00000004", "E00000009"],
    "oa21": ["E00000001", "E00000002", "E00200001", "E00200002", "E00000004", "E00000009"],
    "lsoa11": ["E01000001"] * 6,
})
CANDIDATES = {"oa21": "Output Areas 2021", "oa11": "Output Areas 2011", "lsoa11": "LSOAs 2011"}


def rank(records, ids, lookup=LOOKUP, candidates=CANDIDATES):
    return rank_area_columns(lookup, "pcds", candidates, pd.Series(records), pd.Series(ids),
                             "doterm").set_index("column")


def test_2011_classification_ranks_oa11_first_and_counts_every_column():
    r = rank(["ab11aa", "AB1 1AD", "AB1 1AE", "AB1 1AF", "ZZ9 9ZZ", None],
             ["E00000001", "E00000002", "E00000003", "E00000004"])
    assert r.index.tolist() == ["oa11", "oa21", "lsoa11"]
    assert r.loc["oa11", ["in_lookup", "matched"]].tolist() == [4, 4]
    assert r.loc["oa21", "matched"] == 2  # the split OA's postcodes fail under 2021 codes
    assert r.loc["oa21", "rate"] == 50 and r.loc["lsoa11", "matched"] == 0
    assert r.loc["oa11", "coverage"] == 100 and r.loc["oa21", "coverage"] == 75
    # AB1 1AF: the live row (E00000004) is used, not the terminated duplicate.
    assert choose_area_column(r.reset_index(), "OA11CD") == ("oa11", None)


def test_equal_matches_keep_the_candidates_order_then_coverage():
    r = rank(["AB1 1AA"], ["E00000001", "E00000002"])
    assert r.index[0] == "oa21"  # both match 1 of 1 and cover 100 %: first candidate
    r = rank(["AB1 1AA"], ["E00000001", "E00000003"])
    assert r.index[0] == "oa11"  # same matches, oa11 covers more of the classification


def test_no_record_in_lookup_falls_back_on_coverage():
    r = rank(["ZZ9 9ZZ"], ["E00200001", "E00200002"])
    assert math.isnan(r.loc["oa21", "rate"]) and r.index[0] == "oa21"
    col, warning = choose_area_column(r.reset_index(), "OA21CD")
    assert col == "oa21" and "No record's key is in the lookup" in warning
    # Not refused on the census year: the records, not the year, are the problem.
    r = rank(["ZZ9 9ZZ"], ["S00090303"])
    assert choose_area_column(r.reset_index(), "OA", "lsoa11")[0] == "lsoa11"


def test_nothing_matches_is_refused_naming_the_years():
    r = rank(["AB1 1AA", "AB1 1AB"], ["S00090303", "S00090304"]).reset_index()
    with pytest.raises(SegmentationError,
                       match=r"(?s)None of the lookup's area columns.*'oa21', 0 of 2 records.*"
                             r"'OAcode', e\.g\. S00090303.*2011-based classification.*oa11"):
        choose_area_column(r, "OAcode", example="S00090303")


def test_a_chosen_column_is_kept_warned_or_refused():
    r = rank(["AB1 1AA", "AB1 1AB", "AB1 1AD", "AB1 1AE"],
             ["E00000001", "E00000002", "E00000003"]).reset_index()
    col, warning = choose_area_column(r, "OA11CD", "oa21")
    assert col == "oa21" and "'oa11' (Output Areas 2011) matches 4" in warning
    assert "'oa21' (Output Areas 2021) matches 2 of 4" in warning
    assert choose_area_column(r, "OA11CD", "oa11") == ("oa11", None)
    with pytest.raises(SegmentationError, match="'lsoa11' \\(LSOAs 2011\\) matches 0 of 4"):
        choose_area_column(r, "OA11CD", "lsoa11")
    assert choose_area_column(r, "OA11CD", "other") == ("other", None)  # nothing to compare


def test_candidates_from_onspd_and_uprn_directory_headers():
    onspd = detect_lookup_columns(["pcd7", "pcds", "doterm", "oa11", "lsoa11", "oa21",
                                   "lsoa21", "oslaua", "osward"])
    assert list(area_candidates(onspd)) == ["oa21", "oa11", "lsoa21", "lsoa11", "osward",
                                            "oslaua"]
    onsud = detect_lookup_columns(["UPRN", "GRIDGB1E", "GRIDGB1N", "PCDS", "LAD25CD",
                                   "OA21CD", "LSOA21CD"])
    assert (onsud["uprn"], onsud["postcode"], onsud["oa21"], onsud["lsoa21"], onsud["lad"]) == (
        "UPRN", "PCDS", "OA21CD", "LSOA21CD", "LAD25CD")
