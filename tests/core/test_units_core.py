"""Unique units and UPRN keys (no QGIS)."""

from __future__ import annotations

import pandas as pd
import pytest

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.postcodes import build_postcode_index, match_records
from customer_segmentation.core.units import unique_units, unit_ids


def test_each_unit_once_where_most_of_its_records_are():
    df = pd.DataFrame({"hh": ["h1", "h2", "h1", None, "h3", "h3", "h3", " h2 ", "", "4.0", "4"],
                       "area": ["A", "B", "A", "A", "C", "D", "D", "B", "C", "A", "A"],
                       "visit": range(11)})
    out, info = unique_units(df, "hh", ["area"])
    assert out["visit"].tolist() == [0, 1, 3, 5, 8, 9]  # h3: 2 of its 3 records are in D
    assert out["unit_records"].tolist() == [2, 2, 1, 3, 1, 2]
    assert out["unit_areas"].tolist() == [1, 1, 1, 2, 1, 1]
    assert info == {"records": 11, "units": 6, "collapsed": 5, "split_units": 1,
                    "split_records": 1, "split_examples": ["h3"], "no_unit_id": 2}


def test_a_tie_goes_to_the_first_records_area_and_recollapsing_keeps_counts():
    df = pd.DataFrame({"hh": ["x", "x", "y", "x", "x"], "area": ["B", "A", "A", "A", "B"],
                       "n": range(5)})
    out, info = unique_units(df, "hh", ["area"])
    assert out.set_index("hh").loc["x", "area"] == "B" and info["split_units"] == 1
    again, info2 = unique_units(out, "hh", ["area"])
    assert again["unit_records"].tolist() == [4, 1] and again["unit_areas"].tolist() == [2, 1]
    assert info2["collapsed"] == 0 and info2["split_units"] == 0


def test_unit_ids_and_missing_field():
    assert unit_ids(pd.Series([" 10 ", 10.0, "10.0", None, "", "A1"])).tolist() == [
        "10", "10", "10", None, None, "A1"]
    with pytest.raises(SegmentationError, match="Field 'hh' is not in the records"):
        unique_units(pd.DataFrame({"x": [1]}), "hh")


def test_records_join_by_uprn():
    lookup = pd.DataFrame({"UPRN": ["100023336956", "10001234", "10001234", "x1"],
                           "OA21CD": ["E00000001", "E00000002", "E00000003", "E00000004"]})
    idx = build_postcode_index(lookup, "UPRN", "OA21CD", kind="uprn")
    assert idx.attrs["invalid_format"] == 1 and idx.attrs["duplicates"] == 1
    records = pd.DataFrame({"u": ["0100023336956", "10001234.0", " 10001234", "", "abc",
                                  "999", None]})
    matched, unmatched, summary = match_records(records, "u", idx)
    assert matched["OA21CD"].tolist() == ["E00000001", "E00000002", "E00000002"]
    assert matched["uprn_norm"].tolist() == ["100023336956", "10001234", "10001234"]
    assert unmatched["reason"].astype(str).tolist() == ["empty", "invalid format",
                                                         "not in lookup", "empty"]
    assert summary["matched"] == 3


def test_uprn_then_postcode_retries_only_unknown_addresses():
    from customer_segmentation.core.postcodes import match_uprn_then_postcode

    lookup = pd.DataFrame({"UPRN": ["1", "2", "3"], "PCDS": ["AB1 1AA", "AB1 1AB", "AB1 1AB"],
                           "OA": ["E1", "E2", "E9"]})
    ui = build_postcode_index(lookup, "UPRN", "OA", kind="uprn")
    pi = build_postcode_index(lookup, "PCDS", "OA")
    areas = pd.DataFrame({"OA": ["E1", "E2"], "cl": ["a", "b"]})
    records = pd.DataFrame({"u": ["2", "", "77", "3", "x"],
                            "pc": ["AB1 1AA", "ab11ab", "AB11AA", "AB1 1AB", "ZZ9 9ZZ"]})
    m, u, s = match_uprn_then_postcode(records, "u", ui, "pc", pi, areas, "OA", ["cl"])
    assert m.index.tolist() == [0, 1, 2] and m["matched_by"].tolist() == ["uprn", "postcode",
                                                                          "postcode"]
    assert m["cl"].tolist() == ["b", "b", "a"]
    # UPRN 3 is known but its area is not classified: not retried by postcode.
    assert u.index.tolist() == [3, 4]
    assert u["reason"].astype(str).tolist() == ["area not in classification", "not in lookup"]
    assert (s["by_uprn"], s["by_postcode"], s["matched"], s["unmatched"]) == (1, 2, 3, 2)
    assert s["by_reason"]["not in lookup"] == 1
