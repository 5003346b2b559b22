"""Cluster codes, the one table reader and file schema checks, without QGIS (issue 12)."""

from __future__ import annotations

import codecs
import math
import random

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core.codes import code_text, natural_key, sort_codes
from customer_segmentation.core.colours import cluster_colours
from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.geography import composition
from customer_segmentation.core.hierarchy import subcluster
from customer_segmentation.core.kmeans import estimate_seconds
from customer_segmentation.core.labels import draft_portraits
from customer_segmentation.core.pen_portraits import cluster_index
from customer_segmentation.core.table_read import header, read_table, sniff_encoding
from customer_segmentation.core.tables import negative_cells, skipped_fields
from customer_segmentation.core.validate import check_model, check_standardisation


# ---------------------------------------------------------------------------- codes
@pytest.mark.parametrize("value, text", [
    (1, "1"), (2.0, "2"), (np.float64(3.0), "3"), (np.int64(4), "4"), (" 5 ", "5"),
    ("2.0", "2"), ("1a", "1a"), (None, None), (math.nan, None), ("", None), (pd.NA, None),
    (1.5, "1.5"), ("Urbanites", "Urbanites"),
])
def test_code_text(value, text):
    assert code_text(value) == text


def test_natural_key_orders_any_mix_without_type_error():
    codes = [10, "1a", 2.0, None, "1", "a1", math.nan, "1b", " 1", "Z", np.int64(3), "1a1"]
    assert sort_codes(codes) == ["1", "1a", "1a1", "1b", "2", "3", "10", "a1", "Z"]
    rng = random.Random(3)
    for _ in range(200):  # any order in, one order out, never a TypeError
        shuffled = codes[:]
        rng.shuffle(shuffled)
        ordered = sorted(shuffled, key=natural_key)
        assert all(code_text(c) is None for c in ordered[-2:])  # missing codes last
        assert sort_codes(shuffled) == sort_codes(codes)


def test_colours_labels_portraits_and_hierarchy_take_mixed_codes():
    colours = cluster_colours([1, "1a", 2.0, "1b"])
    assert list(colours) == ["1", "1a", "1b", "2"]
    X = np.arange(12, dtype=float).reshape(6, 2)
    labels = [1, "1a", 2.0, 1, "1a", 2.0]
    assert list(draft_portraits(X, labels, ["a", "b"])) == ["1", "1a", "2"]
    index = cluster_index(pd.DataFrame(X, columns=["a", "b"]), labels)
    assert index.index.tolist() == ["1", "1a", "2"]
    codes, summary = subcluster(X, np.array([1, "1a", 2.0, 1, "1a", 2.0], dtype=object), "1",
                                runs=1)
    assert list(summary) == ["1", "1a", "2"] and set(codes) == {"1a", "1a1", "2a"}


def test_composition_zero_weight_group_has_no_dominant():
    df = pd.DataFrame({"g": ["a", "a", "b", "b"], "c": ["1", "2", "1", "2"],
                       "w": [0, 0, 3, 5]})
    out = composition(df, "g", "c", "w")
    assert out.loc["a", "dominant"] is None and math.isnan(out.loc["a", "dominant_pct"])
    assert out.loc["b", "dominant"] == "2"


# ---------------------------------------------------------------------------- tables
TEXT = "Title\nid;postcode;note\n1;SE6 2AH;café £1\n2;se14 5xt;x\n"


@pytest.mark.parametrize("encoding, bom, sniffed", [
    ("utf-8", b"", "utf-8"), ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"), ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-16-le", b"", "utf-16-le"), ("utf-16-be", b"", "utf-16-be"),
    ("cp1252", b"", "cp1252"),
])
def test_every_encoding_reads_the_same(tmp_path, encoding, bom, sniffed):
    raw = bom + TEXT.encode(encoding)
    assert sniff_encoding(raw) == sniffed
    path = tmp_path / "t.csv"
    path.write_bytes(raw)
    df = read_table(path, required_columns=["POSTCODE"], dtype=str)
    assert df.to_dict("list") == {"id": ["1", "2"], "POSTCODE": ["SE6 2AH", "se14 5xt"],
                                  "note": ["café £1", "x"]}
    assert header(path) == ["id", "postcode", "note"]
    only = read_table(path, columns=["note"], required_columns=["postcode"], dtype=str)
    assert only.columns.tolist() == ["note", "postcode"]


def test_utf8_sample_cut_inside_a_character_is_still_utf8():
    assert sniff_encoding("abc é".encode()[:-1]) == "utf-8"


def test_windows_1252_after_the_sniffed_part(tmp_path):
    path = tmp_path / "late.csv"
    path.write_bytes(b"id,note\n" + b"1,plain\n" * 40_000 + "2,£\n".encode("cp1252"))
    df = read_table(path, dtype=str)
    assert len(df) == 40_001 and df["note"].iloc[-1] == "£"


@pytest.mark.parametrize("content, message", [
    (b"", "t.csv is empty"),
    (b"\n \n", "t.csv is empty"),
    (b"\x00\x01\x02binary\x00" * 50, "t.csv is not a text table: it holds binary data"),
    (b"PK\x03\x04" + b"\x00" * 50, "t.csv is an Excel workbook"),
    (b"id,pc\n1,\x81\x8d\n", "t.csv cannot be decoded as Windows-1252"),
])
def test_hostile_csv_refused_by_name(tmp_path, content, message):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    with pytest.raises(SegmentationError, match=message):
        read_table(path)


def test_missing_column_and_missing_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(SegmentationError, match="Field 'postcode' is not in t.csv; fields "
                                                "found: a, b"):
        read_table(path, columns=["postcode"])
    with pytest.raises(SegmentationError, match="nope.csv is not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(SegmentationError, match="is a folder"):
        read_table(tmp_path)


def test_skipped_and_negative_fields():
    df = pd.DataFrame({"id": ["a", "b", "c"], "x": ["1", "t", "u"], "y": [1.0, -2.0, 3.0],
                       "name": ["p", "q", "r"]})
    assert skipped_fields(df, ["id"]) == [("x", 2, 1)]
    assert negative_cells(df, ["y"], "id") == {"y": ["row 2 (id=b)"]}


def test_estimate_grows_with_the_work():
    small = estimate_seconds(320, 8, 20, 100)
    assert estimate_seconds(320, 8, 20, 10_000) == pytest.approx(100 * small)
    assert estimate_seconds(320, 8, 20, 100, "best-of-runs") > small


# ---------------------------------------------------------------------------- schemas
def _model() -> dict:
    return {"format": "customer-segmentation-model", "fields": ["a", "b"], "k": 2, "seed": 1,
            "runs": 10, "total_wcss": 1.5,
            "clusters": [{"code": "1", "size": 3, "centre": [0.1, 0.2]},
                         {"code": "2", "size": 4, "centre": [0.3, 0.4]}],
            "standardisation": {"transform": "ihs", "scale": "range", "fields": ["a", "b"],
                                "parameters": {f: {"min": 0, "max": 1, "mean": 0.5, "sd": 0.2,
                                                   "boxcox_lambda": None} for f in "ab"}}}


def test_good_model_passes():
    check_model(_model(), "M")


@pytest.mark.parametrize("path, value, message", [
    (("runs",), 0, "M: runs must be at least 1, not 0"),
    (("seed",), 1.5, "M: seed must be a whole number, not 1.5"),
    (("total_wcss",), True, "M: total_wcss must be a number, not True"),
    (("clusters", 0, "code"), None, r"M: clusters\[0\].code must be a code"),
    (("clusters", 1, "centre"), "0.3,0.4", r"clusters\[1\].centre must be a list of numbers"),
    (("standardisation", "scale"), "log", "standardisation.scale is 'log'"),
    (("standardisation", "parameters", "a", "sd"), -1, r"parameters\['a'\].sd must not be "
                                                       "negative"),
])
def test_model_schema_refusals(path, value, message):
    m = _model()
    target = m
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SegmentationError, match=message):
        check_model(m, "M")


def test_boxcox_needs_lambda_and_zscore_needs_sd():
    s = _model()["standardisation"]
    s["transform"] = "boxcox"
    with pytest.raises(SegmentationError, match="boxcox_lambda is missing"):
        check_standardisation(s, "S")
    s = _model()["standardisation"]
    s["scale"] = "zscore"
    s["parameters"]["b"]["sd"] = 0
    with pytest.raises(SegmentationError, match=r"S: parameters\['b'\].sd is 0"):
        check_standardisation(s, "S")
