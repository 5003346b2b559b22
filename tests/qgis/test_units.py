"""Unique units through real headless QGIS: a household (person, UPRN) counts once in
'Join records to areas by postcode', 'Profile records by cluster' and 'Target areas'; records
join by UPRN through a lookup in the ONS UPRN Directory's layout."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import SAMPLE, run, shared
from support.feedback import Recorder


def placed(df: pd.DataFrame, unit: str, place: str) -> pd.Series:
    """The documented rule, by hand: each unit in the place holding most of its records; on a
    tie, its first record's place."""
    cells = df.assign(_pos=np.arange(len(df))).groupby([unit, place], sort=False)["_pos"]
    cells = cells.agg(["size", "min"]).reset_index()
    cells = cells.sort_values(["size", "min"], ascending=[False, True]).drop_duplicates(unit)
    return cells.set_index(unit)[place]


def run_logged(alg: str, params: dict) -> tuple[dict, Recorder]:
    import processing

    rec = Recorder()
    return processing.run(f"segmentation:{alg}", params, feedback=rec), rec


# --- Lewisham: real postcodes, OA11 and LOAC 2011 ----------------------------------------
@pytest.fixture(scope="module")
def lewisham_households(tmp_path_factory):
    """Visits by 300 households at real live Lewisham postcodes: 1 to 4 visits each (seeded),
    household 'H7' moved (2 visits at its old postcode, 3 at a new one in another OA), two
    visits carry no household id."""
    folder = shared("lewisham_2011")
    lk = pd.read_csv(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv", dtype=str)
    live = lk[lk["TerminationDate"].isna()].sample(300, random_state=11).reset_index(drop=True)
    rng = np.random.default_rng(5)
    rows = []
    for h, pc in enumerate(live["PostcodeNatural"]):
        rows += [[f"H{h}", pc, v] for v in range(int(rng.integers(1, 5)))]
    rows = [r for r in rows if r[0] != "H7"]
    other = live.loc[live["OA11CD"] != live.loc[7, "OA11CD"], "PostcodeNatural"].iloc[0]
    rows += [["H7", live.loc[7, "PostcodeNatural"], v] for v in range(2)]
    rows += [["H7", other, v] for v in range(2, 5)]
    rows += [["", live.loc[0, "PostcodeNatural"], 9], [None, live.loc[1, "PostcodeNatural"], 9]]
    visits = pd.DataFrame(rows, columns=["household", "postcode", "visit"])
    d = tmp_path_factory.mktemp("lewisham_units")
    visits.to_csv(d / "visits.csv", index=False)
    return {"visits": visits, "path": str(d / "visits.csv"), "dir": d, "lookup": lk,
            "other_oa": lk.set_index("PostcodeNatural").loc[other, "OA11CD"],
            "lookup_path": str(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv"),
            "loac": str(folder / "lewisham_oa11_loac2011.csv")}


def test_lewisham_households_counted_once(provider, lewisham_households):
    lh, d = lewisham_households, lewisham_households["dir"]
    visits = lh["visits"]
    res, rec = run_logged("joinpostcodes", {
        "INPUT": lh["path"], "POSTCODE_FIELD": "postcode", "UNIT_FIELD": "household",
        "LOOKUP": lh["lookup_path"], "AREAS": lh["loac"], "AREA_ID_FIELD": "OA11CD",
        "CLUSTER_FIELDS": ["LOAC2011_group"], "OUTPUT": str(d / "hh.csv")})
    households = visits["household"].replace("", np.nan).dropna().nunique()
    assert households == 300
    assert res["MATCHED"] == len(visits) and res["UNITS"] == households + 2  # 2 without id
    assert res["COLLAPSED"] == len(visits) - households - 2
    out = pd.read_csv(d / "hh.csv", dtype=str, keep_default_na=False)
    assert len(out) == households + 2
    counts = visits.assign(household=visits["household"].fillna("")).groupby("household").size()
    by_id = out[out["household"] != ""].set_index("household")
    assert (by_id["unit_records"].astype(int) == counts.drop("").loc[by_id.index]).all()
    # The household that moved counts once, where most of its visits were, and is reported.
    assert by_id.loc["H7", "OA11CD"] == lh["other_oa"] and by_id.loc["H7", "unit_areas"] == "2"
    assert any("1 unit(s) have records in more than one area (e.g. H7)" in w
               for w in rec.warnings)
    assert any("2 record(s) have no 'household'" in w for w in rec.warnings)
    assert any(f"{len(visits)} records are {households + 2} units" in i for i in rec.infos)


def test_lewisham_profile_counts_households_not_visits(provider, lewisham_households):
    """The household-deduplicated count by LOAC group, through 'profile' with UNIT_FIELD on
    the visit-level join, equals the number of distinct households per group."""
    lh, d = lewisham_households, lewisham_households["dir"]
    run("joinpostcodes", {
        "INPUT": lh["path"], "POSTCODE_FIELD": "postcode", "LOOKUP": lh["lookup_path"],
        "AREAS": lh["loac"], "AREA_ID_FIELD": "OA11CD", "CLUSTER_FIELDS": ["LOAC2011_group"],
        "OUTPUT": str(d / "visits_matched.csv")})
    common = {"INPUT": str(d / "visits_matched.csv"), "CLUSTER_FIELD": ["LOAC2011_group"],
              "AREAS": lh["loac"], "AREA_ID_FIELD": "OA11CD", "MIN_COUNT": 0}
    res, rec = run_logged("profile", {**common, "UNIT_FIELD": "household",
                                      "OUTPUT": str(d / "p_units.csv")})
    run("profile", {**common, "OUTPUT": str(d / "p_rows.csv")})
    units = pd.read_csv(d / "p_units.csv", dtype={"cluster": str})
    rows = pd.read_csv(d / "p_rows.csv", dtype={"cluster": str})
    units = units[units["indicator"] == "all"].set_index("cluster")["count"]
    rows = rows[rows["indicator"] == "all"].set_index("cluster")["count"]
    m = pd.read_csv(d / "visits_matched.csv", dtype=str, keep_default_na=False)
    m["unit"] = np.where(m["household"] == "", "row" + m.index.astype(str), m["household"])
    # Each household in the group holding most of its visits (only H7 has two groups).
    first = placed(m, "unit", "LOAC2011_group")
    expect = first.value_counts()
    assert units[units > 0].astype(int).to_dict() == expect.to_dict()
    assert rows.sum() == len(m) > units.sum() == len(first)
    assert any(f"{len(m)} records are {len(first)} units" in i for i in rec.infos)


# --- the sample town: household visits by UPRN and by postcode -----------------------------
@pytest.fixture(scope="module")
def town_visits(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    from conftest import register_provider

    register_provider()
    d = tmp_path_factory.mktemp("town_units")
    return {"dir": d, "visits": str(SAMPLE / "sample_town_visits.csv"),
            "uprn": str(SAMPLE / "sample_town_uprn.csv"), "areas": sample_town["areas"],
            "postcodes": sample_town["postcodes"]}


def test_sample_town_join_by_uprn_counts_households(town_visits):
    tv, d = town_visits, town_visits["dir"]
    visits = pd.read_csv(tv["visits"], dtype=str, keep_default_na=False)
    lookup = pd.read_csv(tv["uprn"], dtype=str).set_index("UPRN")
    res, rec = run_logged("joinpostcodes", {
        "INPUT": tv["visits"], "UPRN_FIELD": "uprn", "UNIT_FIELD": "household_id",
        "LOOKUP": tv["uprn"], "AREAS": tv["areas"], "AREA_ID_FIELD": "OA_CODE",
        "OUTPUT": str(d / "u.csv"), "OUTPUT_UNMATCHED": str(d / "un.csv")})
    assert res["AREA_FIELD"] == "OA21CD"
    assert any("Lookup fields: key 'UPRN', area 'OA21CD'" in i for i in rec.infos)
    # UPRNs with a leading zero or a trailing '.0' match; visits without a UPRN do not.
    clean = visits["uprn"].str.replace(r"\.0$", "", regex=True).str.lstrip("0")
    assert (visits["uprn"].str.startswith("0").any() and visits["uprn"].str.endswith(".0").any())
    has_uprn = clean != ""
    assert res["MATCHED"] == int(has_uprn.sum()) and res["UNMATCHED"] == int((~has_uprn).sum())
    un = pd.read_csv(d / "un.csv", dtype=str)
    assert set(un["reason"]) == {"empty"}
    out = pd.read_csv(d / "u.csv", dtype=str, keep_default_na=False)
    assert (out["OA21CD"].to_numpy() == lookup.loc[out["uprn_norm"], "OA21CD"].to_numpy()).all()
    matched = visits[has_uprn]
    ids = matched["household_id"]
    expect_units = ids[ids != ""].nunique() + int((ids == "").sum())
    assert res["UNITS"] == len(out) == expect_units
    assert res["COLLAPSED"] == len(matched) - expect_units
    # Households seen at two addresses in different OAs (moved) are flagged, not dropped.
    oa = lookup.loc[clean[has_uprn], "OA21CD"].to_numpy()
    per = pd.DataFrame({"h": ids.to_numpy(), "oa": oa})
    per = per[per["h"] != ""].groupby("h")["oa"].nunique()
    moved = sorted(per.index[per > 1])
    assert moved and sorted(out.loc[out["unit_areas"].astype(int) > 1, "household_id"]) == moved
    assert any(f"{len(moved)} unit(s) have records in more than one area" in w
               for w in rec.warnings)


def test_sample_town_households_by_postcode_then_profile_and_target(town_visits):
    """Join by postcode (visit level), then profile and target counting households once."""
    tv, d = town_visits, town_visits["dir"]
    run("joinpostcodes", {"INPUT": tv["visits"], "POSTCODE_FIELD": "postcode",
                          "LOOKUP": tv["postcodes"], "AREAS": tv["areas"],
                          "AREA_ID_FIELD": "OA_CODE", "CLUSTER_FIELDS": ["WARD_NAME"],
                          "OUTPUT": str(d / "m.csv")})
    m = pd.read_csv(d / "m.csv", dtype=str, keep_default_na=False)
    res, rec = run_logged("profile", {
        "INPUT": str(d / "m.csv"), "CLUSTER_FIELD": ["WARD_NAME"], "UNIT_FIELD": "household_id",
        "AREAS": tv["areas"], "AREA_ID_FIELD": "OA_CODE", "BASE_FIELD": "Total_Households",
        "MIN_COUNT": 0, "OUTPUT": str(d / "p.csv")})
    p = pd.read_csv(d / "p.csv")
    p = p[p["indicator"] == "all"].set_index("cluster")
    m["unit"] = np.where(m["household_id"] == "", "row" + m.index.astype(str), m["household_id"])
    wards = placed(m, "unit", "WARD_NAME")
    assert p["count"].astype(int).to_dict() == wards.value_counts().to_dict()
    assert p["count"].sum() == m["unit"].nunique() < len(m)
    # Targeting from the same records counts each household once in its area as observed use.
    res, rec = run_logged("targeting", {
        "INPUT": tv["areas"], "CLUSTER_FIELD": "WARD_NAME", "HOUSEHOLDS_FIELD": "Total_Households",
        "RECORDS": str(d / "m.csv"), "RECORDS_AREA_FIELD": "oa21", "AREA_ID_FIELD": "OA_CODE",
        "UNIT_FIELD": "household_id", "MIN_INDEX": 0, "MIN_COUNT": 0,
        "OUTPUT": str(d / "t.csv")})
    t = pd.read_csv(d / "t.csv", dtype={"OA_CODE": str}).set_index("OA_CODE")
    by_oa = placed(m, "unit", "oa21")
    expect = by_oa.value_counts().reindex(t.index, fill_value=0)
    assert (t["observed_users"].astype(int) == expect).all() and expect.sum() == len(by_oa)
    assert set(t["ranking"]) == {"observed non-users = households − observed users"}


def test_sample_town_uprn_then_postcode(town_visits):
    """With a postcode field too, visits without a usable UPRN match by postcode through the
    UPRN Directory's PCDS column; matched_by says which key matched each record."""
    tv, d = town_visits, town_visits["dir"]
    visits = pd.read_csv(tv["visits"], dtype=str, keep_default_na=False)
    res, rec = run_logged("joinpostcodes", {
        "INPUT": tv["visits"], "UPRN_FIELD": "uprn", "POSTCODE_FIELD": "postcode",
        "LOOKUP": tv["uprn"], "AREAS": tv["areas"], "AREA_ID_FIELD": "OA_CODE",
        "OUTPUT": str(d / "both.csv"), "OUTPUT_UNMATCHED": str(d / "both_un.csv")})
    no_uprn = visits["uprn"] == ""
    assert res["MATCHED"] == len(visits) and res["UNMATCHED"] == 0
    out = pd.read_csv(d / "both.csv", dtype=str, keep_default_na=False)
    assert out["visit"].tolist() == visits["visit"].tolist()  # file order kept
    assert (out["matched_by"] == np.where(no_uprn, "postcode", "uprn")).all()
    towns = pd.read_csv(tv["postcodes"], dtype=str).set_index("pcds")["oa21"]
    by_pc = out[no_uprn.to_numpy()]
    assert (by_pc["OA21CD"].to_numpy() == towns.loc[by_pc["postcode_norm"]].to_numpy()).all()
    assert any(f"Matched by UPRN: {int((~no_uprn).sum())}; by postcode (no UPRN match): "
               f"{int(no_uprn.sum())}" in i for i in rec.infos)
