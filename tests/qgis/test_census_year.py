"""Census year: 'Join records to areas by postcode' joins through the lookup's area column whose
codes match the classification (2011 OAs against 2021 OAs), logs each column's match rate and
refuses a column that does not match, through real headless QGIS."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import SAMPLE, run, shared
from qgis.core import QgsProcessingException
from support.feedback import Recorder


def run_logged(alg: str, params: dict) -> tuple[dict, Recorder]:
    import processing

    rec = Recorder()
    return processing.run(f"segmentation:{alg}", params, feedback=rec), rec


def rate_line(rec: Recorder, column: str) -> tuple[int, int]:
    """(matched, records in lookup) logged for one candidate column."""
    for line in rec.infos:
        m = re.match(rf"\s+{re.escape(column)} \(.*?\): (\d+) of (\d+) records", line)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError(f"no match rate logged for {column}: {rec.infos}")


# --- the real ONS Postcode Directory extract with the 2011 OAC of each OA -----------------
@pytest.fixture(scope="module")
def onspd_2011(tmp_path_factory):
    """200 real postcodes and a real 2011-based classification: the 2011 OAC that the ONSPD
    itself publishes for each 2011 OA (its oac11 column), keyed by oa11."""
    path = shared("onspd_extract", "ONSPD_extract.csv")
    lk = pd.read_csv(path, dtype=str)
    d = tmp_path_factory.mktemp("census_year")
    oac = lk[["oa11", "oac11"]].dropna().drop_duplicates("oa11")
    oac.to_csv(d / "oac2011.csv", index=False)
    pick = lk[lk["oa11"].notna() & lk["oa21"].notna()].sample(200, random_state=7)
    records = pd.DataFrame({"ref": [f"R{i}" for i in range(200)],
                            "postcode": pick["pcd7"].str.lower().to_numpy()})
    records.to_csv(d / "records.csv", index=False)
    return {"lookup": str(path), "classes": str(d / "oac2011.csv"),
            "records": str(d / "records.csv"), "pick": pick.reset_index(drop=True), "dir": d}


def test_onspd_2011_classification_joins_through_oa11(provider, onspd_2011):
    d = onspd_2011["dir"]
    res, rec = run_logged("joinpostcodes", {
        "INPUT": onspd_2011["records"], "POSTCODE_FIELD": "postcode",
        "LOOKUP": onspd_2011["lookup"], "AREAS": onspd_2011["classes"],
        "AREA_ID_FIELD": "oa11", "CLUSTER_FIELDS": ["oac11"],
        "OUTPUT": str(d / "m.csv"), "OUTPUT_UNMATCHED": str(d / "u.csv")})
    assert res["AREA_FIELD"] == "oa11"
    assert res["MATCHED"] == 200 and res["UNMATCHED"] == 0
    m = pd.read_csv(d / "m.csv", dtype=str)
    assert m["oa11"].tolist() == onspd_2011["pick"]["oa11"].tolist()
    assert m["oac11"].tolist() == onspd_2011["pick"]["oac11"].tolist()
    # Every candidate's rate is in the log: the 2021 (Scottish codes all renumbered) gets none.
    assert rate_line(rec, "oa11") == (200, 200)
    assert rate_line(rec, "oa21") == (0, 200)
    assert rate_line(rec, "lsoa11") == (0, 200)
    assert any("Area field used: 'oa11' (best match)" in i for i in rec.infos)


def test_onspd_chosen_oa21_against_2011_classification_is_refused(provider, onspd_2011):
    with pytest.raises(QgsProcessingException,
                       match=r"(?s)'oa21' \(Output Areas 2021\) matches 0 of 200 records.*"
                             r"'oa11' \(Output Areas 2011\) matches 200.*2011-based"):
        run("joinpostcodes", {
            "INPUT": onspd_2011["records"], "POSTCODE_FIELD": "postcode",
            "LOOKUP": onspd_2011["lookup"], "LOOKUP_AREA_FIELD": "oa21",
            "AREAS": onspd_2011["classes"], "AREA_ID_FIELD": "oa11",
            "OUTPUT": "TEMPORARY_OUTPUT"})


def test_onspd_no_column_matches_names_the_year(provider, onspd_2011, tmp_path):
    """A classification in codes none of the lookup's columns holds (a 2011 classification
    whose lookup only has 2021 columns) is refused, naming the census years."""
    lk = pd.read_csv(onspd_2011["lookup"], dtype=str)
    lk[["pcds", "doterm", "oa21", "lsoa21", "msoa21"]].to_csv(tmp_path / "lk21.csv",
                                                              index=False)
    with pytest.raises(QgsProcessingException,
                       match=r"(?s)None of the lookup's area columns matches.*0 of 200 records.*"
                             r"2011-based classification.*oa11 column.*'oa21' \(Output Areas "
                             r"2021\) 0\.0 %"):
        run("joinpostcodes", {
            "INPUT": onspd_2011["records"], "POSTCODE_FIELD": "postcode",
            "LOOKUP": str(tmp_path / "lk21.csv"), "AREAS": onspd_2011["classes"],
            "AREA_ID_FIELD": "oa11", "OUTPUT": "TEMPORARY_OUTPUT"})


# --- Lewisham: real postcodes, OA11 and LOAC 2011; 2021 OA codes from the national list -----
@pytest.fixture(scope="module")
def lewisham_pd(tmp_path_factory):
    """Lewisham's real postcode lookup laid out as a Postcode Directory with an oa21 column.

    Our data has no postcode -> OA 2021 rows for Lewisham, so oa21 is built from real code lists:
    a 2011 OA's own code where that code is still an OA in 2021 (most English OAs kept their
    code; england_wales_2021 lists all 188,880), empty where the OA was split or merged (its
    2021 codes are not in our data). That is the officer's case: the 2021 column matches most
    records, not all, and a run that took it would silently lose the changed areas."""
    folder = shared("lewisham_2011")
    oa21 = pd.read_csv(shared("england_wales_2021", "OA21_to_LSOA21_EW.csv"), dtype=str)["OA"]
    lk = pd.read_csv(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv", dtype=str)
    pd_like = pd.DataFrame({
        "pcds": lk["PostcodeNatural"], "doterm": lk["TerminationDate"], "oa11": lk["OA11CD"],
        "lsoa11": lk["LSOA11CD"], "msoa11": lk["MSOA11CD"],
        "oa21": lk["OA11CD"].where(lk["OA11CD"].isin(set(oa21)))})
    d = tmp_path_factory.mktemp("lewisham_year")
    pd_like.to_csv(d / "lookup.csv", index=False)
    live = lk[lk["TerminationDate"].isna()].sample(400, random_state=3).reset_index(drop=True)
    pd.DataFrame({"id": range(400), "pc": live["Postcode8"]}).to_csv(d / "r.csv", index=False)
    return {"lookup": str(d / "lookup.csv"), "records": str(d / "r.csv"), "live": live,
            "loac": str(folder / "lewisham_oa11_loac2011.csv"), "oa21": set(oa21), "dir": d}


def test_lewisham_loac_2011_joins_through_oa11_not_oa21(provider, lewisham_pd):
    d, live = lewisham_pd["dir"], lewisham_pd["live"]
    res, rec = run_logged("joinpostcodes", {
        "INPUT": lewisham_pd["records"], "POSTCODE_FIELD": "pc", "LOOKUP": lewisham_pd["lookup"],
        "AREAS": lewisham_pd["loac"], "AREA_ID_FIELD": "OA11CD",
        "CLUSTER_FIELDS": ["LOAC2011_group"], "OUTPUT": str(d / "m.csv")})
    loac = pd.read_csv(lewisham_pd["loac"], dtype=str).set_index("OA11CD")
    in_loac = live["OA11CD"].isin(loac.index)
    assert res["AREA_FIELD"] == "oa11" and res["MATCHED"] == int(in_loac.sum()) == 400
    m = pd.read_csv(d / "m.csv", dtype=str)
    assert m["LOAC2011_group"].tolist() == loac.loc[live["OA11CD"], "LOAC2011_group"].tolist()
    # The 2021 column matches only the records whose OA kept its 2011 code.
    kept = int(live["OA11CD"].isin(lewisham_pd["oa21"]).sum())
    assert 300 < kept < 400
    assert rate_line(rec, "oa21") == (kept, 400)
    assert rate_line(rec, "oa11") == (400, 400)
    assert rate_line(rec, "lsoa11") == (0, 400)


def test_lewisham_chosen_oa21_is_kept_with_a_warning(provider, lewisham_pd):
    res, rec = run_logged("joinpostcodes", {
        "INPUT": lewisham_pd["records"], "POSTCODE_FIELD": "pc", "LOOKUP": lewisham_pd["lookup"],
        "LOOKUP_AREA_FIELD": "oa21", "AREAS": lewisham_pd["loac"], "AREA_ID_FIELD": "OA11CD",
        "OUTPUT": "TEMPORARY_OUTPUT"})
    kept = int(lewisham_pd["live"]["OA11CD"].isin(lewisham_pd["oa21"]).sum())
    assert res["AREA_FIELD"] == "oa21" and res["MATCHED"] == kept
    warning = [w for w in rec.warnings if "'oa21' (Output Areas 2021) matches" in w]
    assert warning and "'oa11' (Output Areas 2011) matches 400" in warning[0]
    assert "2011-based classification" in warning[0]


# --- the sample town: its ONSPD-style lookup with 2011 and 2021 OAs -----------------------
def test_sample_town_2011_classification_joins_through_oa11(provider, sample_town, tmp_path):
    """The sample town's Postcode-Directory-style lookup (generated, see sample_data/generate.py)
    has the town's OAs as oa21 and their fictitious 2011 predecessors as oa11. A classification
    built on the 2011 OAs joins through oa11; the town's own (2021) one through oa21."""
    lookup = pd.read_csv(SAMPLE / "sample_town_onspd.csv", dtype=str)
    changed = lookup["oa11"] != lookup["oa21"]
    assert 0.05 < changed.mean() < 0.3  # most OAs kept their code, as in England
    towns = pd.read_csv(sample_town["postcodes"], dtype=str)
    assert set(lookup["oa21"]) == set(towns["oa21"])
    # A 2011-based classification: the 2011 OAs with a (made-up) cluster each.
    oa11 = sorted(set(lookup["oa11"]))
    pd.DataFrame({"OA11CD": oa11, "cluster": [str(i % 4 + 1) for i in range(len(oa11))]}).to_csv(
        tmp_path / "c2011.csv", index=False)
    res, rec = run_logged("joinpostcodes", {
        "INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
        "LOOKUP": str(SAMPLE / "sample_town_onspd.csv"), "AREAS": str(tmp_path / "c2011.csv"),
        "AREA_ID_FIELD": "OA11CD", "CLUSTER_FIELDS": ["cluster"],
        "OUTPUT": str(tmp_path / "m.csv"), "OUTPUT_UNMATCHED": str(tmp_path / "u.csv")})
    assert res["AREA_FIELD"] == "oa11"
    u = pd.read_csv(tmp_path / "u.csv", dtype=str)
    assert "area not in classification" not in set(u["reason"])
    n11, found = rate_line(rec, "oa11")
    n21, found21 = rate_line(rec, "oa21")
    assert n11 == found == found21 == res["MATCHED"] and n21 < n11
    # The town's own classification is 2021-based: oa21 is picked, every record found matches.
    res, rec = run_logged("joinpostcodes", {
        "INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
        "LOOKUP": str(SAMPLE / "sample_town_onspd.csv"), "AREAS": sample_town["areas"],
        "AREA_ID_FIELD": "OA_CODE", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["AREA_FIELD"] == "oa21" and rate_line(rec, "oa21")[0] == n11


def test_lewisham_lsoa_level_table_joins_through_lsoa11(provider, lewisham_pd):
    """An LSOA-level table (Lewisham's LSOA 2011 -> ward lookup, as a classification keyed by
    LSOA) joins through the lookup's LSOA column, not its OA one."""
    folder = shared("lewisham_2011")
    d, live = lewisham_pd["dir"], lewisham_pd["live"]
    res, rec = run_logged("joinpostcodes", {
        "INPUT": lewisham_pd["records"], "POSTCODE_FIELD": "pc", "LOOKUP": lewisham_pd["lookup"],
        "AREAS": str(folder / "lbl_lsoa11_wd22_proposed.csv"), "AREA_ID_FIELD": "LSOA11CD",
        "CLUSTER_FIELDS": ["WD22NM_proposed"], "OUTPUT": str(d / "lsoa.csv")})
    assert res["AREA_FIELD"] == "lsoa11" and res["MATCHED"] == 400
    m = pd.read_csv(d / "lsoa.csv", dtype=str)
    assert m["lsoa11"].tolist() == live["LSOA11CD"].tolist()
    assert rate_line(rec, "oa11") == (0, 400) and rate_line(rec, "lsoa11") == (400, 400)
