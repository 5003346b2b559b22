"""Bad inputs and hostile files (issue 12, the input half), through real headless QGIS.

Each case asserts the exact outcome: either a clear error naming the file, key/field and value
(and then no new output file and the inputs unchanged, by checksum), or the correct result
with the warning text (and the warning repeated in the end-of-log summary). A few go through
`qgis_process.bin` as an officer's script would.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import register_provider
from qgis.core import QgsProcessingException
from support import qgis_process as qp
from support.feedback import Recorder
from support.frames import frame

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


# --------------------------------------------------------------------------- helpers
def run(alg: str, params: dict, feedback: Recorder | None = None) -> dict:
    import processing

    return processing.run(f"segmentation:{alg}", params, feedback=feedback)


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def refused(alg: str, params: dict, pattern: str, folder: Path, inputs=()) -> str:
    """Run, expect a QgsProcessingException matching `pattern` (no traceback), no new file in
    `folder` and every input unchanged; returns the message."""
    inputs = [p for p in inputs if Path(p).is_file()]
    sums = {p: digest(p) for p in inputs}
    before = files(folder)
    with pytest.raises(QgsProcessingException) as err:
        run(alg, params, Recorder())
    message = str(err.value)
    assert re.search(pattern, message, re.S), message
    assert "Traceback" not in message, message
    assert files(folder) == before, files(folder) - before
    assert {p: digest(p) for p in inputs} == sums
    return message


def warned(alg: str, params: dict, pattern: str, inputs=()) -> tuple[dict, Recorder]:
    """Run, expect success with a warning matching `pattern`, repeated in the summary."""
    sums = {p: digest(p) for p in inputs}
    fb = Recorder()
    res = run(alg, params, fb)
    hits = [w for w in fb.warnings if re.search(pattern, w, re.S)]
    assert hits, f"no warning like {pattern!r} in {fb.warnings}"
    assert hits[0] in fb.summary
    assert {p: digest(p) for p in inputs} == sums
    return res, fb




def town() -> pd.DataFrame:
    """The sample town's attributes (320 areas)."""
    d = json.loads((SAMPLE / "sample_town_oa.geojson").read_text(encoding="utf-8"))
    return pd.DataFrame([f["properties"] for f in d["features"]])


def write_text(path: Path, text: str, encoding: str = "utf-8", bom: bytes = b"") -> str:
    path.write_bytes(bom + text.encode(encoding))
    return str(path)


def csv_text(df: pd.DataFrame, sep: str = ",") -> str:
    return df.to_csv(index=False, sep=sep, lineterminator="\n")


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def built(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """prepare → standardise → kmeans (model + standardisation files) on the sample town."""
    register_provider()
    d = tmp_path_factory.mktemp("built")
    prep = run("preparevariables", {
        "INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "KEEP_TOTALS": True, "OUTPUT": str(d / "prep.gpkg")})["OUTPUT"]
    std = run("standardise", {
        "INPUT": prep, "ID_FIELD": "OA_CODE", "FIELDS": ["v12", "v14", "v15", "v16", "v17"],
        "TRANSFORM": 2, "SCALE": 0, "OUTPUT": str(d / "std.gpkg"),
        "OUTPUT_PARAMS": str(d / "std.json")})["OUTPUT"]
    km = run("kmeans", {
        "INPUT": std, "ID_FIELD": "OA_CODE", "FIELDS": ["v12", "v14", "v15", "v16", "v17"],
        "K": 6, "RUNS": 10, "SEED": 5, "STANDARDISATION": str(d / "std.json"),
        "OUTPUT": str(d / "km.gpkg"), "MODEL": str(d / "model.json")})["OUTPUT"]
    prep_csv = d / "prep.csv"
    frame(prep).to_csv(prep_csv, index=False)
    model = json.loads((d / "model.json").read_text(encoding="utf-8"))
    return {"dir": d, "prep": prep, "prep_csv": str(prep_csv), "std": std, "km": km,
            "model": model, "std_params": json.loads((d / "std.json").read_text()),
            "codes": frame(km)["cluster"].tolist()}


@pytest.fixture
def out(tmp_path):
    """A folder for outputs (watched for new files) and one for bad inputs."""
    (tmp_path / "out").mkdir()
    (tmp_path / "in").mkdir()
    return tmp_path


def write_model(path: Path, model: dict) -> str:
    path.write_text(json.dumps(model), encoding="utf-8")  # NaN/Infinity written as JSON allows
    return str(path)


def apply_params(built, model_path: str, out: Path) -> dict:
    return {"INPUT": built["prep"], "MODEL": model_path, "ID_FIELD": "OA_CODE",
            "OUTPUT": str(out / "out" / "applied.gpkg")}


# --------------------------------------------------------------------------- model files
def test_saved_model_applies_cleanly(built, out):
    res = run("applymodel", apply_params(built, str(built["dir"] / "model.json"), out))
    assert frame(res["OUTPUT"])["cluster"].tolist() == built["codes"]


def _bad_model(built, out, change) -> tuple[str, dict]:
    model = json.loads(json.dumps(built["model"]))
    change(model)
    return write_model(out / "in" / "model.json", model), model


@pytest.mark.parametrize("change, pattern", [
    (lambda m: m["clusters"][2]["centre"].__setitem__(3, math.nan),
     r"model file 'model\.json': clusters\[2\]\.centre\[3\] \(field 'v16'\) must be a finite "
     r"number, not nan"),
    (lambda m: m["clusters"][0]["centre"].__setitem__(0, math.inf),
     r"clusters\[0\]\.centre\[0\] \(field 'v12'\) must be a finite number, not inf"),
    (lambda m: m["clusters"][1]["centre"].__setitem__(1, "0.5"),
     r"clusters\[1\]\.centre\[1\] \(field 'v14'\) must be a number, not '0\.5'"),
    (lambda m: m["clusters"][1]["centre"].__setitem__(1, None),
     r"clusters\[1\]\.centre\[1\] \(field 'v14'\) must be a number, not None"),
    (lambda m: m.__setitem__("k", 9),
     r"model file 'model\.json': k is 9 but the file holds 6 cluster\(s\)"),
    (lambda m: m["clusters"][4].__setitem__("centre", m["clusters"][4]["centre"][:3]),
     r"clusters\[4\]\.centre has 3 value\(s\) but the model has 5 field\(s\)"),
    (lambda m: m["clusters"][4]["centre"].append(0.1),
     r"clusters\[4\]\.centre has 6 value\(s\) but the model has 5 field\(s\)"),
    (lambda m: m.pop("clusters"),
     r"model file 'model\.json': key 'clusters' is missing \(keys found: format, "),
    (lambda m: m.pop("fields"), r"key 'fields' is missing"),
    (lambda m: m["clusters"][3].pop("centre"), r"key 'centre' is missing in clusters\[3\]"),
    (lambda m: m.__setitem__("clusters", []), r"clusters must be a non-empty list, not \[\]"),
    (lambda m: m["standardisation"]["parameters"].pop("v15"),
     r"standardisation\.parameters has no entry for field 'v15'"),
    (lambda m: m["standardisation"]["parameters"]["v12"].__setitem__("mean", math.nan),
     r"standardisation\.parameters\['v12'\]\.mean must be a finite number, not nan"),
    (lambda m: m["standardisation"].__setitem__("transform", "magic"),
     r"standardisation\.transform is 'magic'; known transforms: none, log1p, ihs, boxcox"),
    (lambda m: m["standardisation"]["parameters"]["v14"].__setitem__("max", -5),
     r"parameters\['v14'\]\.max \(-5\) must exceed min"),
    (lambda m: m["clusters"][5].__setitem__("code", m["clusters"][0]["code"]),
     r"clusters\[5\]\.code '1' repeats clusters\[0\]'s code"),
    (lambda m: m["clusters"][5].__setitem__("code", 1),
     r"clusters\[5\]\.code 1 repeats clusters\[0\]'s code"),
    (lambda m: m["clusters"][2].__setitem__("size", -3), r"clusters\[2\]\.size must be at least 0"),
    (lambda m: m.__setitem__("fields", ["v12", "v14", "v12", "v16", "v17"]),
     r"fields\[2\] repeats 'v12'"),
    (lambda m: m.__setitem__("k", "six"), r"k must be a number, not 'six'"),
], ids=["nan-centre", "inf-centre", "text-centre", "null-centre", "k9-of-6", "short-centre",
        "long-centre", "no-clusters", "no-fields", "no-centre", "empty-clusters",
        "std-missing-field", "std-nan-mean", "std-unknown-transform", "std-max-below-min",
        "duplicate-code", "duplicate-code-int", "negative-size", "duplicate-field", "k-text"])
def test_bad_model_refused(built, out, change, pattern):
    path, _ = _bad_model(built, out, change)
    refused("applymodel", apply_params(built, path, out), pattern, out / "out",
            [path, built["prep"]])


@pytest.mark.parametrize("content, pattern", [
    (b"", r"model file 'model\.json' is empty"),
    (b"{\"format\": \"customer-segmentation-model\", \"k\": ", r"is not valid JSON"),
    (bytes(range(256)) * 4, r"model file 'model\.json' is not UTF-8 text"),
    (b"[1, 2, 3]", r"'.*model\.json' is not a Customer Segmentation model file"),
    (b"__import__('os').system('touch pwned')", r"is not valid JSON"),
    (b"[" * 200_000 + b"]" * 200_000, r"model file 'model\.json' is not a valid file: its JSON "
                                      r"is nested too deeply"),
], ids=["empty", "truncated", "binary", "json-list", "python-code", "deep-nesting"])
def test_unreadable_model_refused(built, out, content, pattern):
    path = out / "in" / "model.json"
    path.write_bytes(content)
    refused("applymodel", apply_params(built, str(path), out), pattern, out / "out", [path])
    assert not (out / "pwned").exists() and not Path("pwned").exists()


def test_integer_codes_in_a_hand_written_model_are_text(built, out):
    """Codes written as numbers (1, 2.0) are the codes '1', '2': same clusters as saved."""
    def numeric_codes(m):
        for i, c in enumerate(m["clusters"]):
            c["code"] = float(c["code"]) if i % 2 else int(c["code"])
    path, _ = _bad_model(built, out, numeric_codes)
    res = run("applymodel", apply_params(built, path, out))
    assert frame(res["OUTPUT"])["cluster"].tolist() == built["codes"]


def test_model_with_utf8_bom_loads(built, out):
    path = out / "in" / "model.json"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps(built["model"]).encode("utf-8"))
    res = run("applymodel", apply_params(built, str(path), out))
    assert frame(res["OUTPUT"])["cluster"].tolist() == built["codes"]


# --------------------------------------------------------------------------- standardisation
def _kmeans_params(built, std_path: str, out: Path) -> dict:
    return {"INPUT": built["std"], "ID_FIELD": "OA_CODE",
            "FIELDS": ["v12", "v14", "v15", "v16", "v17"], "K": 3, "RUNS": 2, "SEED": 1,
            "STANDARDISATION": std_path, "OUTPUT": str(out / "out" / "km.gpkg"),
            "MODEL": str(out / "out" / "model.json")}


@pytest.mark.parametrize("change, pattern", [
    (lambda d: d["parameters"].pop("v17"),
     r"standardisation file 'std\.json': parameters has no entry for field 'v17'"),
    (lambda d: d["parameters"]["v16"].__setitem__("sd", math.inf),
     r"standardisation file 'std\.json': parameters\['v16'\]\.sd must be a finite number, "
     r"not inf"),
    (lambda d: d.pop("scale"), r"standardisation file 'std\.json': key 'scale' is missing"),
    (None, r"standardisation file 'std\.json' is empty"),
], ids=["missing-field", "inf-sd", "no-scale", "empty-file"])
def test_bad_standardisation_refused(built, out, change, pattern):
    d = json.loads(json.dumps(built["std_params"]))
    path = out / "in" / "std.json"
    if change is None:
        path.write_bytes(b"")
    else:
        change(d)
        path.write_text(json.dumps(d), encoding="utf-8")
    refused("kmeans", _kmeans_params(built, str(path), out), pattern, out / "out",
            [path, built["std"]])


# --------------------------------------------------------------------------- cluster codes
def test_parent_codes_mixing_text_and_numbers(built, out):
    """Parents 1, '1x' and 2.0 (any mix): sub-codes 1a/1b, 1x1/1x2, 2a/2b, no TypeError."""
    df = frame(built["std"])
    parents = ["1"] * 100 + ["1x"] * 100 + ["2.0"] * 120
    df["parent"] = parents
    path = out / "in" / "parents.csv"
    df.drop(columns=["fid"], errors="ignore").to_csv(path, index=False)
    before = digest(path)
    res = run("subcluster", {"INPUT": str(path), "PARENT_FIELD": "parent", "ID_FIELD": "OA_CODE",
                             "FIELDS": ["v12", "v14", "v15"], "K": "2", "RUNS": 2, "SEED": 1,
                             "OUTPUT": str(out / "out" / "sub.gpkg"),
                             "OUTPUT_LABELS": str(out / "out" / "labels.csv")})
    sub = frame(res["OUTPUT"])["subcluster"].tolist()
    assert set(sub[:100]) == {"1a", "1b"} and set(sub[100:200]) == {"1x1", "1x2"}
    assert set(sub[200:]) == {"2a", "2b"}
    labels = pd.read_csv(res["OUTPUT_LABELS"], dtype=str)
    assert labels["code"].tolist() == ["1", "1x", "2", "1a", "1b", "1x1", "1x2", "2a", "2b"]
    assert digest(path) == before


# --------------------------------------------------------------------------- tables: encodings
def _services() -> str:
    return (SAMPLE / "sample_town_services.csv").read_text(encoding="utf-8")


def _join(records: str, out: Path, lookup: str | None = None, **extra) -> dict:
    return {"INPUT": records, "POSTCODE_FIELD": "postcode",
            "LOOKUP": lookup or str(SAMPLE / "sample_town_postcodes.csv"),
            "OUTPUT": str(out / "out" / "matched.csv"),
            "OUTPUT_UNMATCHED": str(out / "out" / "unmatched.csv"), **extra}


@pytest.fixture(scope="module")
def utf8_join(built, tmp_path_factory):
    d = tmp_path_factory.mktemp("utf8")
    res = run("joinpostcodes", {"INPUT": str(SAMPLE / "sample_town_services.csv"),
                                "POSTCODE_FIELD": "postcode",
                                "LOOKUP": str(SAMPLE / "sample_town_postcodes.csv"),
                                "OUTPUT": str(d / "m.csv"), "OUTPUT_UNMATCHED": str(d / "u.csv")})
    return res, pd.read_csv(d / "m.csv", dtype=str)


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("utf-16-be", b""), ("utf-8", codecs.BOM_UTF8),
], ids=["utf16le-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom", "utf8-bom"])
def test_utf16_and_bom_records_match_like_utf8(utf8_join, out, encoding, bom):
    path = write_text(out / "in" / "services.csv", _services(), encoding, bom)
    res = run("joinpostcodes", _join(path, out))
    assert res["MATCHED"] == utf8_join[0]["MATCHED"] and res["UNMATCHED"] == utf8_join[0][
        "UNMATCHED"]
    m = pd.read_csv(res["OUTPUT"], dtype=str)
    assert m["record_id"].tolist() == utf8_join[1]["record_id"].tolist()
    assert m["oa21"].tolist() == utf8_join[1]["oa21"].tolist()


def test_utf16_lookup_matches(utf8_join, out):
    lookup = write_text(out / "in" / "lookup.csv",
                        (SAMPLE / "sample_town_postcodes.csv").read_text(encoding="utf-8"),
                        "utf-16-le", codecs.BOM_UTF16_LE)
    res = run("joinpostcodes", _join(str(SAMPLE / "sample_town_services.csv"), out, lookup))
    assert res["MATCHED"] == utf8_join[0]["MATCHED"] and res["AREA_FIELD"] == "oa21"


def test_windows_1252_records_keep_accents(utf8_join, out):
    df = pd.read_csv(SAMPLE / "sample_town_services.csv", dtype=str).head(30)
    df["client"] = ["José Müller £5", "Renée", "Zoë"] * 10
    path = write_text(out / "in" / "services.csv", csv_text(df, ";"), "cp1252")
    res = run("joinpostcodes", _join(path, out))
    m = pd.read_csv(res["OUTPUT"], dtype=str, keep_default_na=False)
    u = pd.read_csv(res["OUTPUT_UNMATCHED"], dtype=str, keep_default_na=False)
    assert len(m) + len(u) == 30
    assert set(m["client"]) | set(u["client"]) == {"José Müller £5", "Renée", "Zoë"}


def test_title_rows_above_header(utf8_join, out):
    path = write_text(out / "in" / "services.csv",
                      "Stop smoking service: contacts\nExported 2024-02-01,,\n" + _services())
    res = run("joinpostcodes", _join(path, out))
    assert res["MATCHED"] == utf8_join[0]["MATCHED"]


def test_undecodable_windows_1252_named(built, out):
    path = out / "in" / "services.csv"
    path.write_bytes(b"record_id,postcode\nR1,ZZ4 2PF\nR2,\x81\x8d\x90\n")
    refused("joinpostcodes", _join(str(path), out),
            r"services\.csv cannot be decoded as Windows-1252", out / "out", [path])


@pytest.mark.parametrize("content, pattern", [
    (b"", r"services\.csv is empty: no header and no rows"),
    (b"\r\n\r\n   \r\n", r"services\.csv is empty"),
    (bytes(range(256)) * 8, r"services\.csv is not a text table: it holds binary data"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200, r"services\.csv is an Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, r"services\.csv is an Excel workbook"),
], ids=["empty", "blank-lines", "binary", "xlsx-renamed", "xls-renamed"])
def test_hostile_records_file_refused(built, out, content, pattern):
    path = out / "in" / "services.csv"
    path.write_bytes(content)
    refused("joinpostcodes", _join(str(path), out), pattern, out / "out", [path])


def test_ragged_records_named_with_line(built, out):
    path = write_text(out / "in" / "services.csv",
                      "record_id,postcode\nR1,ZZ4 2PF\nR2,ZZ4 2PF,extra,cells\n")
    refused("joinpostcodes", _join(path, out),
            r"Cannot read services\.csv as a table: .*Expected 2 fields in line 3, saw 4",
            out / "out", [path])


def test_corrupt_workbook_named(built, out):
    path = out / "in" / "services.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook" + bytes(range(256)))
    refused("joinpostcodes", _join(str(path), out), r"Cannot open services\.xlsx as a workbook",
            out / "out", [path])


def test_records_missing_required_column(built, out):
    path = write_text(out / "in" / "services.csv", "record_id,post_code\nR1,ZZ4 2PF\n")
    refused("joinpostcodes", _join(path, out),
            r"Field\(s\) 'postcode' not in the records \(services\.csv\); fields are: "
            r"record_id, post_code", out / "out", [path])


def test_utf16_header_only_file_gives_zero_records(built, out):
    """A header and no rows is a correct (empty) result, not an error."""
    path = write_text(out / "in" / "services.csv", "record_id,postcode\n", "utf-16-le",
                      codecs.BOM_UTF16_LE)
    res = run("joinpostcodes", _join(path, out))
    assert res["MATCHED"] == 0 and res["UNMATCHED"] == 0


def test_lookup_binary_refused(built, out):
    lookup = out / "in" / "lookup.csv"
    lookup.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    refused("joinpostcodes", _join(str(SAMPLE / "sample_town_services.csv"), out, str(lookup)),
            r"lookup\.csv is not a text table", out / "out", [lookup])


def test_utf16_areas_table_classified_with_its_columns(built, out):
    """A UTF-16 table QGIS cannot open is read by the plugin; the output keeps its columns."""
    df = pd.read_csv(built["prep_csv"], dtype={"OA_CODE": str}).drop(columns=["fid"],
                                                                       errors="ignore")
    path = write_text(out / "in" / "areas.csv", csv_text(df), "utf-16-le", codecs.BOM_UTF16_LE)
    res = run("applymodel", {"INPUT": path, "MODEL": str(built["dir"] / "model.json"),
                             "ID_FIELD": "OA_CODE", "OUTPUT": str(out / "out" / "a.csv")})
    got = pd.read_csv(res["OUTPUT"], dtype=str)
    assert got["cluster"].tolist() == built["codes"]
    assert got["OA_CODE"].tolist() == df["OA_CODE"].tolist() and "v12" in got.columns


@pytest.mark.parametrize("content, pattern", [
    (bytes(range(256)) * 8, r"areas\.csv is not a text table: it holds binary data"),
    (b"PK\x03\x04" + b"\x00" * 300, r"areas\.csv is an Excel workbook"),
], ids=["binary", "zip"])
def test_hostile_areas_table_refused(built, out, content, pattern):
    path = out / "in" / "areas.csv"
    path.write_bytes(content)
    refused("correlation", {"INPUT": str(path), "OUTPUT": str(out / "out" / "c.csv")}, pattern,
            out / "out", [path])


# --------------------------------------------------------------------------- census tables
def _census(path: Path, rows=None, encoding="utf-8", bom=b"") -> str:
    rows = rows or [["E00000001", 100, 10, 90], ["E00000002", 200, 0, 200]]
    lines = ["date,geography,geography code,Age: Total,Age: Young,Age: Old"]
    lines += [f"2021,{r[0]},{r[0]},{','.join(map(str, r[1:]))}" for r in rows]
    return write_text(path, "\n".join(lines) + "\n", encoding, bom)


def _import(paths, out: Path) -> dict:
    return {"INPUT_FILES": list(paths), "PRESET": 0, "OUTPUT": str(out / "out" / "cells.csv"),
            "OUTPUT_LOOKUP": str(out / "out" / "lookup.csv")}


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE)],
                         ids=["le", "be"])
def test_utf16_census_table_reads(built, out, encoding, bom):
    path = _census(out / "in" / "census2021-ts007a-oa.csv", encoding=encoding, bom=bom)
    before = digest(path)
    res = run("importcensus", _import([path], out))
    cells = pd.read_csv(res["OUTPUT"], dtype={"geography_code": str})
    assert cells["geography_code"].tolist() == ["E00000001", "E00000002"]
    assert cells["ts007a0003"].tolist() == [90, 200]
    assert digest(path) == before


@pytest.mark.parametrize("rows, pattern", [
    ([["E00000001", 100, "", 90], ["E00000002", 200, 0, 200]],
     r"census2021-ts007a-oa\.csv': cell Age: Young is empty for area E00000001"),
    ([["E00000001", 100, "x", 90], ["E00000002", 200, 0, 200]],
     r"cell Age: Young has a non-numeric value 'x' for area E00000001"),
    ([["E00000001", 100, 10, 90], ["E00000001", 200, 0, 200]], r"area E00000001 appears more"),
], ids=["empty-cell", "text-cell", "duplicate-area"])
def test_bad_census_cells_refused(built, out, rows, pattern):
    path = _census(out / "in" / "census2021-ts007a-oa.csv", rows)
    refused("importcensus", _import([path], out), pattern, out / "out", [path])


@pytest.mark.parametrize("content, pattern", [
    (b"", r"Cannot read census table 'census2021-ts007a-oa\.csv': .*is empty"),
    (bytes(range(256)) * 8, r"census2021-ts007a-oa\.csv is not a text table"),
], ids=["empty", "binary"])
def test_hostile_census_file_refused(built, out, content, pattern):
    path = out / "in" / "census2021-ts007a-oa.csv"
    path.write_bytes(content)
    refused("importcensus", _import([str(path)], out), pattern, out / "out", [path])


# --------------------------------------------------------------------------- variable lookups
def test_lookup_without_statistical_unit_for_a_variable(built, sample_town, out):
    lk = pd.read_csv(sample_town["lookup"], dtype=str)
    lk.loc[lk["VariableCode"] == "v12", "VariableStatisticalUnit"] = None
    path = out / "in" / "lookup.csv"
    lk.to_csv(path, index=False)
    refused("preparevariables", {"INPUT": sample_town["areas"], "LOOKUP": str(path),
                                 "ID_FIELD": "OA_CODE", "OUTPUT": str(out / "out" / "p.gpkg")},
            r"Variable lookup: VariableStatisticalUnit is empty for variable 'v12'",
            out / "out", [path, sample_town["areas"]])


def test_lookup_missing_column(built, sample_town, out):
    lk = pd.read_csv(sample_town["lookup"], dtype=str).drop(columns="VariableMeasurementUnit")
    path = out / "in" / "lookup.csv"
    lk.to_csv(path, index=False)
    refused("preparevariables", {"INPUT": sample_town["areas"], "LOOKUP": str(path),
                                 "ID_FIELD": "OA_CODE", "OUTPUT": str(out / "out" / "p.gpkg")},
            r"'VariableMeasurementUnit' not in the variable lookup \(lookup\.csv\); fields "
            r"are: VariableCode, VariableStatisticalUnit", out / "out", [path])


def test_utf16_lookup_and_census_csv_prepare_like_utf8(built, sample_town, out):
    lookup = write_text(out / "in" / "lookup.csv",
                        Path(sample_town["lookup"]).read_text(encoding="utf-8"), "utf-16-be",
                        codecs.BOM_UTF16_BE)
    areas = write_text(out / "in" / "areas.csv", csv_text(town()), "utf-16-le",
                       codecs.BOM_UTF16_LE)
    res = run("preparevariables", {"INPUT": areas, "LOOKUP": lookup, "ID_FIELD": "OA_CODE",
                                   "OUTPUT": str(out / "out" / "p.csv")})
    got = pd.read_csv(res["OUTPUT"]).set_index("OA_CODE")
    want = frame(built["prep"]).set_index("OA_CODE")
    assert got.index.tolist() == want.index.tolist()
    for col in ("v12", "v15", "v07"):
        assert got[col].to_numpy() == pytest.approx(want[col].to_numpy())


# --------------------------------------------------------------------------- warnings
def test_negative_count_warned(built, out):
    df = town()
    df.loc[4, "v15"] = -14
    path = write_text(out / "in" / "areas.csv", csv_text(df))
    res, fb = warned("preparevariables", {
        "INPUT": path, "LOOKUP": str(SAMPLE / "sample_town_lookup.csv"), "ID_FIELD": "OA_CODE",
        "OUTPUT": str(out / "out" / "p.csv")},
        r"v15: 1 negative count\(s\) \(row 5 \(OA_CODE=E00990005\)\)", [path])
    p = pd.read_csv(res["OUTPUT"])
    assert p.loc[4, "v15"] == pytest.approx(-14 / df.loc[4, "Total_Households"] * 100)


def test_text_filled_numeric_column_named_not_dropped_silently(built, out):
    df = frame(built["prep"]).drop(columns=["fid"], errors="ignore")
    df = df[["OA_CODE", "v12", "v14", "v15", "v16"]].astype(object)
    df.loc[3:, "v16"] = "suppressed"  # 317 of 320 cells text
    path = write_text(out / "in" / "areas.csv", csv_text(df))
    res, fb = warned("correlation", {"INPUT": path, "ID_FIELD": "OA_CODE",
                                     "OUTPUT": str(out / "out" / "c.csv")},
                     r"Field 'v16' is left out of the variables: 317 of its 320 filled cell\(s\) "
                     r"are text, not numbers \(it has 3 number\(s\)\)", [path])
    assert pd.read_csv(res["OUTPUT"])["variable"].tolist() == ["v12", "v14", "v15"]


def test_mostly_numeric_column_with_text_is_an_error(built, out):
    df = frame(built["prep"])[["OA_CODE", "v12", "v14"]].astype(object)
    df.loc[7, "v14"] = "n/a"
    path = write_text(out / "in" / "areas.csv", csv_text(df))
    refused("correlation", {"INPUT": path, "ID_FIELD": "OA_CODE",
                            "OUTPUT": str(out / "out" / "c.csv")},
            r"Field 'v14' has a non-numeric value 'n/a' at row 8 \(OA_CODE=E00990008\)",
            out / "out", [path])


def test_constant_field_correlation_warned(built, out):
    df = frame(built["prep"])[["OA_CODE", "v12", "v14", "v15"]]
    df["flat"] = 7.0
    path = write_text(out / "in" / "areas.csv", csv_text(df))
    res, fb = warned("correlation", {"INPUT": path, "ID_FIELD": "OA_CODE",
                                     "OUTPUT": str(out / "out" / "c.csv")},
                     r"Constant field\(s\) 'flat': the same value in every area, so their "
                     r"correlations are blank \(NaN\)", [path])
    c = pd.read_csv(res["OUTPUT"]).set_index("variable")
    assert c.loc["flat"].isna().all() and c.loc["v12", "v12"] == pytest.approx(1)


def test_single_area_correlation_warned(built, out):
    df = frame(built["prep"])[["OA_CODE", "v12", "v14"]].head(1)
    path = write_text(out / "in" / "areas.csv", csv_text(df))
    res, fb = warned("correlation", {"INPUT": path, "ID_FIELD": "OA_CODE",
                                     "OUTPUT": str(out / "out" / "c.csv")},
                     r"Only 1 area: no correlation can be computed", [path])
    assert pd.read_csv(res["OUTPUT"])[["v12", "v14"]].isna().all().all()


def _classified(built) -> pd.DataFrame:
    df = town()[["OA_CODE", "WARD_NAME", "Total_Households"]].copy()
    df["cluster"] = built["codes"]
    return df


def test_zero_base_profile_warned(built, out):
    areas = _classified(built)
    areas["Total_Households"] = 0
    apath = write_text(out / "in" / "areas.csv", csv_text(areas))
    records = pd.DataFrame({"id": range(60), "cluster": [str(1 + i % 6) for i in range(60)]})
    rpath = write_text(out / "in" / "records.csv", csv_text(records))
    res, fb = warned("profile", {"INPUT": rpath, "CLUSTER_FIELD": ["cluster"], "AREAS": apath,
                                 "AREA_ID_FIELD": "OA_CODE", "BASE_FIELD": "Total_Households",
                                 "MIN_COUNT": 0, "OUTPUT": str(out / "out" / "p.csv")},
                     r"The base \(Total_Households\) is zero in every cluster of 'cluster': base "
                     r"shares, indices and penetrations are all blank", [apath, rpath])
    p = pd.read_csv(res["OUTPUT"])
    assert p["index"].isna().all() and p["penetration"].isna().all()
    assert p["count"].tolist() == [10.0] * 6


def test_zero_base_in_one_cluster_warned(built, out):
    areas = _classified(built)
    areas.loc[areas["cluster"] == "6", "Total_Households"] = 0
    apath = write_text(out / "in" / "areas.csv", csv_text(areas))
    records = pd.DataFrame({"id": range(60), "cluster": [str(1 + i % 6) for i in range(60)]})
    rpath = write_text(out / "in" / "records.csv", csv_text(records))
    res, fb = warned("profile", {"INPUT": rpath, "CLUSTER_FIELD": ["cluster"], "AREAS": apath,
                                 "AREA_ID_FIELD": "OA_CODE", "BASE_FIELD": "Total_Households",
                                 "MIN_COUNT": 0, "OUTPUT": str(out / "out" / "p.csv")},
                     r"Cluster\(s\) 6 of 'cluster' have a zero base \(Total_Households\): their "
                     r"index and penetration are blank", [apath, rpath])
    p = pd.read_csv(res["OUTPUT"], dtype={"cluster": str}).set_index("cluster")
    assert math.isnan(p.loc["6", "index"]) and p.drop(index="6")["index"].notna().all()


def test_zero_weights_composition_names_no_dominant(built, out):
    areas = _classified(built)
    areas.loc[areas["WARD_NAME"] == "Riverside", "Total_Households"] = 0
    path = write_text(out / "in" / "areas.csv", csv_text(areas))
    res, fb = warned("composition", {"INPUT": path, "CLUSTER_FIELD": "cluster",
                                     "GROUP_FIELD": "WARD_NAME",
                                     "WEIGHT_FIELD": "Total_Households",
                                     "OUTPUT": str(out / "out" / "c.csv")},
                     r"1 group\(s\) have a total weight \('Total_Households'\) of zero "
                     r"\(Riverside\): their shares and dominant cluster are left blank", [path])
    c = pd.read_csv(res["OUTPUT"], keep_default_na=True).set_index("WARD_NAME")
    assert pd.isna(c.loc["Riverside", "dominant"]) and pd.isna(c.loc["Riverside",
                                                                     "dominant_pct"])
    assert c.drop(index="Riverside")["dominant"].notna().all()


def test_all_zero_weights_composition(built, out):
    areas = _classified(built)
    areas["Total_Households"] = 0
    path = write_text(out / "in" / "areas.csv", csv_text(areas))
    res, fb = warned("composition", {"INPUT": path, "CLUSTER_FIELD": "cluster",
                                     "GROUP_FIELD": "WARD_NAME",
                                     "WEIGHT_FIELD": "Total_Households",
                                     "OUTPUT": str(out / "out" / "c.csv")},
                     r"8 group\(s\) have a total weight", [path])
    assert pd.read_csv(res["OUTPUT"])["dominant"].isna().all()


# --------------------------------------------------------------------------- RUNS
def test_runs_above_maximum_refused(built, out):
    refused("kmeans", {"INPUT": built["std"], "K": 3, "RUNS": 10_001,
                       "OUTPUT": str(out / "out" / "km.gpkg")},
            r"RUNS", out / "out", [built["std"]])


def test_long_run_announced_with_estimate(built, out, monkeypatch):
    from customer_segmentation.processing import base

    monkeypatch.setattr(base, "LONG_RUN_SECONDS", 0.0)
    fb = Recorder()
    run("kmeans", {"INPUT": built["std"], "ID_FIELD": "OA_CODE", "K": 3, "RUNS": 5,
                   "FIELDS": ["v12", "v14"], "OUTPUT": str(out / "out" / "km.gpkg")}, fb)
    assert any(re.search(r"5 runs on 320 areas × 2 variables, K=3: this may take about \d+ "
                         r"minute", w) for w in fb.warnings), fb.warnings


# --------------------------------------------------------------------------- qgis_process.bin
def test_qgis_process_nan_model(built, out):
    model = json.loads(json.dumps(built["model"]))
    model["clusters"][0]["centre"][0] = math.nan
    path = write_model(out / "in" / "model.json", model)
    before = files(out / "out")
    text = qp.run(out / "home", "segmentation:applymodel", f"INPUT={built['prep']}",
                  f"MODEL={path}", f"OUTPUT={out / 'out' / 'a.gpkg'}", expect_ok=False)
    assert "clusters[0].centre[0] (field 'v12') must be a finite number, not nan" in text
    assert "Traceback" not in text and files(out / "out") == before


def test_qgis_process_utf16_records(utf8_join, out):
    path = write_text(out / "in" / "services.csv", _services(), "utf-16-le", codecs.BOM_UTF16_LE)
    res = qp.run(out / "home", "segmentation:joinpostcodes", f"INPUT={path}",
                 "POSTCODE_FIELD=postcode", f"LOOKUP={SAMPLE / 'sample_town_postcodes.csv'}",
                 f"OUTPUT={out / 'out' / 'm.csv'}")
    assert int(res["MATCHED"]) == utf8_join[0]["MATCHED"]


def test_qgis_process_runs_above_maximum(built, out):
    text = qp.run(out / "home", "segmentation:kmeans", f"INPUT={built['std']}", "K=3",
                  "RUNS=1000000", f"OUTPUT={out / 'out' / 'k.gpkg'}", expect_ok=False)
    assert "RUNS" in text and not (out / "out" / "k.gpkg").exists()


def test_csv_reader_keeps_header_only_columns(out):
    """A core check through the same module the algorithms use: usecols reads only what is
    asked, by name, case-insensitively, under title rows."""
    from customer_segmentation.core.table_read import read_table

    path = out / "in" / "t.csv"
    with open(path, "w", newline="", encoding="utf-16") as f:
        w = csv.writer(f)
        w.writerows([["A title"], ["PCDS", "x", "oa21"], ["AB1 0AA", "1", "E1"]])
    df = read_table(path, required_columns=["pcds"], columns=["oa21"], dtype=str)
    assert df.to_dict("list") == {"oa21": ["E1"], "pcds": ["AB1 0AA"]}
