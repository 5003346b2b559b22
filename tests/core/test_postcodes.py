"""Postcode cleaning, lookups, matching and robust table reading (no QGIS)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.postcodes import (
    build_postcode_index,
    detect_lookup_columns,
    match_records,
    normalise_postcode,
    normalise_postcodes,
    terminated_flags,
    validate,
)
from customer_segmentation.core.table_read import read_table

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
LEWISHAM = DATA / "lewisham_2011"
ONSPD = DATA / "onspd_extract" / "ONSPD_extract.csv"


# ---------------------------------------------------------------------------- cleaning


@pytest.mark.parametrize("raw", ["ng243fy", "NG24  3FY", " ng24 3fy ", "NG24 3FY", "n g 2 4\t3fy"])
def test_messy_postcode_forms_normalise_to_pcds(raw):
    assert normalise_postcode(raw) == "NG24 3FY"
    assert normalise_postcodes(pd.Series([raw])).iloc[0] == "NG24 3FY"


def test_normalise_empty_values_give_none():
    for raw in (None, np.nan, "", "   "):
        assert normalise_postcode(raw) is None
    out = normalise_postcodes(pd.Series([None, np.nan, "", "  ", "gir0aa"], index=[5, 6, 7, 8, 9]))
    assert out.tolist() == [None, None, None, None, "GIR 0AA"]
    assert out.index.tolist() == [5, 6, 7, 8, 9]


def test_validate_status_per_record():
    raw = pd.Series(
        [
            "W1A 0AX",
            "ec1a1bb",
            "M1 1AE",
            "B33 8TH",
            "CR2 6XH",
            "DN55 1PT",
            "GIR 0AA",  # ok
            None,
            " ",  # empty
            "N/A",
            "12345",
            "1A 1AA",
            "AB1 1A1",
            "ABCD 1AA",
            "SW1A 1AAA",
            "né 1aa",
        ]  # invalid
    )
    status = validate(raw)["status"].astype(str).tolist()
    assert status == ["ok"] * 7 + ["empty"] * 2 + ["invalid format"] * 7


def test_vectorised_path_agrees_with_scalar_on_odd_values():
    raw = pd.Series(["  sw1a\u00a01aa ", "x" * 40 + " 1AA", 12345, 1.5, "se6 2ah\n", "é"])
    expected = [normalise_postcode(v) for v in raw]
    assert normalise_postcodes(raw).tolist() == expected
    assert expected[0] == "SW1A 1AA"


def test_terminated_flags_understand_dates_and_flags():
    assert terminated_flags(
        pd.Series(["199606", None, "", "Y", "N", "live", "2010-01-01"])
    ).tolist() == [True, False, False, True, False, False, True]
    assert terminated_flags(pd.Series([199606.0, np.nan, 0])).tolist() == [True, False, False]
    assert terminated_flags(pd.Series([True, False])).tolist() == [True, False]


# ---------------------------------------------------------------------------- lookups


def test_detect_lookup_columns_onspd_nspl_and_council_names():
    onspd = [
        "pcd7",
        "pcd8",
        "pcds",
        "dointr",
        "doterm",
        "oslaua",
        "osward",
        "oa11",
        "lsoa11",
        "msoa11",
        "oa21",
        "lsoa21",
        "msoa21",
    ]
    found = detect_lookup_columns(onspd)
    assert found["postcode"] == "pcds"
    assert found["terminated"] == "doterm"
    assert found["lad"] == "oslaua" and found["ward"] == "osward"
    assert {found[k] for k in ("oa11", "oa21", "lsoa11", "lsoa21", "msoa11", "msoa21")} == {
        "oa11",
        "oa21",
        "lsoa11",
        "lsoa21",
        "msoa11",
        "msoa21",
    }
    nspl = detect_lookup_columns(["PCD", "PCD2", "DOTERM", "OA21CD", "LSOA21CD", "LAD", "WARD"])
    assert nspl["postcode"] == "PCD2" and nspl["oa21"] == "OA21CD" and nspl["lad"] == "LAD"
    council = detect_lookup_columns(
        [
            "Postcode7",
            "Postcode8",
            "PostcodeNatural",
            "IntroductionDate",
            "TerminationDate",
            "OA11CD",
            "LSOA11CD",
            "MSOA11CD",
            "LAD19CD",
            "WD22CD_proposed",
        ]
    )
    assert council["postcode"] == "PostcodeNatural"
    assert council["pcd7"] == "Postcode7" and council["pcd8"] == "Postcode8"
    assert council["terminated"] == "TerminationDate"
    assert council["oa11"] == "OA11CD" and council["lad"] == "LAD19CD"
    assert council["ward"] == "WD22CD_proposed"
    assert detect_lookup_columns(["Postcode", "Date of termination"])["terminated"] == (
        "Date of termination"
    )


def _lookup() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pcd": ["AB1 0AA", "AB10AB", "ab1 0ac", "AB1  0AA", "ZZ9 9ZZ", None, "BAD", "CD2 1AA"],
            "oa": ["OA1", "OA1", "OA2", "OA9", "OA3", "OA4", "OA5", "OA4"],
            "doterm": ["199606", None, None, None, None, None, None, "202001"],
        }
    )


def test_build_index_prefers_live_row_and_reports_conflicts():
    idx = build_postcode_index(_lookup(), "pcd", "oa", "doterm")
    assert idx.index.is_unique
    assert idx.loc["AB1 0AA", "oa"] == "OA9"  # live duplicate wins over the terminated one
    assert not idx.loc["AB1 0AA", "terminated"]
    assert idx.loc["CD2 1AA", "terminated"]
    assert idx.attrs["duplicates"] == 1
    assert idx.attrs["conflicts"]["postcode_norm"].unique().tolist() == ["AB1 0AA"]
    assert idx.attrs["dropped_empty"] == 1 and idx.attrs["invalid_format"] == 1
    assert sorted(idx.index) == ["AB1 0AA", "AB1 0AB", "AB1 0AC", "CD2 1AA", "ZZ9 9ZZ"]


def test_build_index_missing_column_names_fields():
    with pytest.raises(SegmentationError, match="oa11.*fields are: pcd, oa, doterm"):
        build_postcode_index(_lookup(), "pcd", "oa11")


# ---------------------------------------------------------------------------- matching


def _areas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "OA": ["OA1", "OA2", "OA9", "OA4"],
            "sg": ["1", "2", "1", "3"],
            "grp": ["1a", "2b", "1b", "3a"],
        }
    )


def test_match_records_reasons_and_every_record_once():
    idx = build_postcode_index(_lookup(), "pcd", "oa", "doterm")
    records = pd.DataFrame(
        {
            "id": range(10),
            "pc": [
                "ab10ab",
                " AB1  0AC ",
                "ab1 0aa",
                None,
                "",
                "not known",
                "XY1 1XY",
                "ZZ99ZZ",
                "cd21aa",
                "AB1 0AB",
            ],
            "cost": [1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        },
        index=list("abcdefghij"),
    )
    matched, unmatched, summary = match_records(records, "pc", idx, _areas(), "OA", ["sg", "grp"])
    assert len(matched) + len(unmatched) == len(records)
    assert sorted(matched.index.tolist() + unmatched.index.tolist()) == list("abcdefghij")
    assert matched.index.tolist() == ["a", "b", "c", "i", "j"]
    assert matched["postcode_norm"].tolist() == [
        "AB1 0AB",
        "AB1 0AC",
        "AB1 0AA",
        "CD2 1AA",
        "AB1 0AB",
    ]
    assert matched["oa"].tolist() == ["OA1", "OA2", "OA9", "OA4", "OA1"]
    assert matched["sg"].tolist() == ["1", "2", "1", "3", "1"]
    assert matched["grp"].tolist() == ["1a", "2b", "1b", "3a", "1a"]
    assert matched["terminated"].tolist() == [False, False, False, True, False]
    assert matched["cost"].tolist() == [1.5, 2, 3, 9, 10]  # own fields kept
    reasons = dict(zip(unmatched["id"], unmatched["reason"].astype(str)))
    assert reasons == {
        3: "empty",
        4: "empty",
        5: "invalid format",
        6: "not in lookup",
        7: "area not in classification",
    }
    assert summary["by_reason"] == {
        "empty": 2,
        "invalid format": 1,
        "not in lookup": 1,
        "area not in classification": 1,
    }
    assert summary["matched"] == 5 and summary["unmatched"] == 5 and summary["terminated"] == 1
    assert summary["match_rate"] == pytest.approx(50.0)


def test_match_without_classification_and_errors():
    idx = build_postcode_index(_lookup(), "pcd", "oa")
    records = pd.DataFrame({"pc": ["ZZ9 9ZZ", "AB1 0AB", None]})
    matched, unmatched, summary = match_records(records, "pc", idx)
    assert matched["oa"].tolist() == ["OA3", "OA1"]
    assert unmatched["reason"].astype(str).tolist() == ["empty"]
    with pytest.raises(SegmentationError, match="'postcode' is not in the records"):
        match_records(records, "postcode", idx)
    with pytest.raises(SegmentationError, match="repeats code OA1"):
        match_records(records, "pc", idx, pd.concat([_areas(), _areas()]), "OA", ["sg"])
    with pytest.raises(SegmentationError, match="already have a field named 'oa'"):
        match_records(records.assign(oa=1), "pc", idx)


def test_match_empty_records():
    idx = build_postcode_index(_lookup(), "pcd", "oa")
    matched, unmatched, summary = match_records(pd.DataFrame({"pc": []}), "pc", idx)
    assert len(matched) == len(unmatched) == 0 and summary["records"] == 0


# ---------------------------------------------------------------------------- real lookups


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"real data {path} not present")


def test_real_lewisham_lookup_and_loac_classification():
    _need(LEWISHAM)
    lookup = read_table(LEWISHAM / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv", dtype=str)
    cols = detect_lookup_columns(lookup.columns)
    loac = read_table(LEWISHAM / "lewisham_oa11_loac2011.csv", dtype=str)
    # Postcode7 has no space for 4-character outward codes: must still key like PostcodeNatural
    idx = build_postcode_index(lookup, cols["pcd7"], cols["oa11"], cols["terminated"])
    assert len(idx) == len(lookup) == 8419
    assert int((~idx["terminated"]).sum()) == 4969  # live postcodes, as documented
    rng = np.random.default_rng(0)
    sample = lookup.sample(2000, random_state=1, replace=True).reset_index(drop=True)
    messy = sample["PostcodeNatural"].str.lower().str.replace(" ", "", regex=False)
    pc = np.where(rng.random(len(sample)) < 0.5, messy, sample["Postcode8"])
    records = pd.DataFrame({"ref": range(len(sample)), "postcode": pc})
    records.loc[[0, 1, 2], "postcode"] = [None, "SE6", "SE99 9ZZ"]
    matched, unmatched, summary = match_records(
        records, "postcode", idx, loac, "OA11CD", ["LOAC2011_supergroup", "LOAC2011_group"]
    )
    assert len(matched) + len(unmatched) == len(records)
    assert unmatched["reason"].astype(str).tolist() == ["empty", "invalid format", "not in lookup"]
    expected = sample.merge(loac, on="OA11CD", how="left").iloc[3:]
    got = matched.set_index("ref")
    assert got["OA11CD"].tolist() == expected["OA11CD"].tolist()
    assert got["LOAC2011_group"].tolist() == expected["LOAC2011_group"].tolist()
    assert summary["match_rate"] == pytest.approx(100 * (len(records) - 3) / len(records))


def test_real_onspd_extract():
    _need(ONSPD)
    lookup = read_table(ONSPD, dtype=str, required_columns=["pcd8", "doterm"])
    cols = detect_lookup_columns(lookup.columns)
    assert (cols["postcode"], cols["terminated"], cols["oa11"], cols["oa21"]) == (
        "pcds",
        "doterm",
        "oa11",
        "oa21",
    )
    idx = build_postcode_index(lookup, cols["pcd8"], cols["oa21"], cols["terminated"])
    with_oa = lookup[lookup["oa21"].notna()]  # one terminated postcode (AB11 3AG) has no OA
    assert len(idx) == len(with_oa) == len(lookup) - 1 and idx.attrs["dropped_empty"] == 1
    assert idx["terminated"].sum() == with_oa["doterm"].notna().sum()
    records = pd.DataFrame({"pc": lookup["pcd7"].str.lower().tolist() + ["AB1 9ZZ"]})
    matched, unmatched, summary = match_records(records, "pc", idx)
    assert len(matched) == len(with_oa) and summary["by_reason"]["not in lookup"] == 2
    assert matched["oa21"].tolist() == with_oa["oa21"].tolist()


# ---------------------------------------------------------------------------- reading


def test_read_windows_1252_csv_keeps_pound_and_accents(tmp_path):
    path = tmp_path / "council.csv"
    text = "Name,Postcode,Amount\r\nCafé Noël,SE6 2AH,£12.50\r\nJosé,se14 5xt,£3\r\n"
    path.write_bytes(text.encode("cp1252"))
    df = read_table(path, required_columns=["postcode"])
    assert df["Name"].tolist() == ["Café Noël", "José"]
    assert df["Amount"].tolist() == ["£12.50", "£3"]
    assert "postcode" in df.columns  # renamed to the requested spelling


def test_read_utf8_bom_and_semicolon_csv(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffPostcode;Note\nSE6 2AH;café £1\nSE14 5XT;x\n".encode("utf-8"))
    df = read_table(path)
    assert df.columns.tolist() == ["Postcode", "Note"]
    assert df["Note"].tolist() == ["café £1", "x"]


def test_read_xlsx_with_title_rows(tmp_path):
    pytest.importorskip("openpyxl")
    path = tmp_path / "report.xlsx"
    body = pd.DataFrame(
        {
            "Ref": [1, 2, 3],
            "Post Code": ["se6 2ah", "SE14 5XT", None],
            "Service": ["web", "phone", "web"],
        }
    )
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        body.to_excel(writer, sheet_name="Cases", startrow=2, index=False)
        ws = writer.sheets["Cases"]
        ws["A1"] = "Lewisham council – contacts 2023"
        ws["A2"] = "Produced 01/02/2024"
    df = read_table(path)
    assert df.columns.tolist() == ["Ref", "Post Code", "Service"]
    assert len(df) == 3 and df["Service"].tolist() == ["web", "phone", "web"]
    df = read_table(path, sheet="Cases", required_columns=["post code"])
    assert df["post code"].tolist()[:2] == ["se6 2ah", "SE14 5XT"]
    with pytest.raises(SegmentationError, match="'Postcode' is not in report.xlsx.*Ref"):
        read_table(path, required_columns=["Postcode"])
    with pytest.raises(SegmentationError, match="Sheet 'Nope'.*Cases"):
        read_table(path, sheet="Nope")


def test_read_csv_with_title_lines(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text("Contacts export\nrun 2024-02-01\nid,postcode,channel\n1,SE6 2AH,web\n")
    df = read_table(path, required_columns=["postcode"])
    assert df.to_dict("list") == {"id": [1], "postcode": ["SE6 2AH"], "channel": ["web"]}
    df = read_table(path)
    assert df.columns.tolist() == ["id", "postcode", "channel"]
