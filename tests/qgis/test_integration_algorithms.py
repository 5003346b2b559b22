"""The 'Integrate your data' algorithms through real headless QGIS (processing.run and
qgis_process.bin), on the sample town and on real ONS postcode data."""

from __future__ import annotations

import csv
import math
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import classify_town, register_provider, run, shared
from qgis.core import QgsProcessingException, QgsVectorLayer
from support import qgis_process as qp
from support.frames import frame


def write_csv(path: Path, rows: list[list], encoding="utf-8") -> str:
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f).writerows(rows)
    return str(path)


def qgis_process(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Run qgis_process.bin with the plugin enabled in a throw-away profile."""
    return qp.call(tmp_path / "home", *args)


# --- the sample town: classify, then join the services to areas and clusters ----------
@pytest.fixture(scope="module")
def town(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    register_provider()
    d = tmp_path_factory.mktemp("integration")
    km = classify_town(sample_town, d, 10)["OUTPUT"]
    # The classified areas with their raw fields (ward, households) and the cluster.
    raw = frame(sample_town["areas"])
    clusters = frame(km)[["OA_CODE", "cluster"]]
    classified = raw.merge(clusters, on="OA_CODE")
    classified_csv = d / "classified.csv"
    classified.drop(columns=[c for c in classified if c.startswith("v")]).to_csv(
        classified_csv, index=False)
    areas = run("native:joinattributestable", {
        "INPUT": sample_town["areas"], "FIELD": "OA_CODE", "INPUT_2": km, "FIELD_2": "OA_CODE",
        "FIELDS_TO_COPY": ["cluster"], "METHOD": 1, "OUTPUT": str(d / "areas.gpkg")})["OUTPUT"]
    res = run("joinpostcodes", {
        "INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
        "LOOKUP": sample_town["postcodes"], "AREAS": km, "AREA_ID_FIELD": "OA_CODE",
        "CLUSTER_FIELDS": ["cluster"], "OUTPUT": str(d / "matched.csv"),
        "OUTPUT_UNMATCHED": str(d / "unmatched.csv")})
    return {"dir": d, "km": km, "areas": areas, "classified": classified,
            "classified_csv": str(classified_csv), "join": res,
            "matched": pd.read_csv(d / "matched.csv", dtype=str),
            "unmatched": pd.read_csv(d / "unmatched.csv", dtype=str)}


def test_join_sample_town_counts_and_clusters(town, sample_town):
    services = pd.read_csv(sample_town["services"], dtype=str)
    matched, unmatched, res = town["matched"], town["unmatched"], town["join"]
    assert len(matched) + len(unmatched) == len(services)
    assert res["MATCHED"] == len(matched) and res["UNMATCHED"] == len(unmatched)
    assert res["MATCH_RATE"] == pytest.approx(100 * len(matched) / len(services))
    assert res["AREA_FIELD"] == "oa21"  # auto-detected (oa21 before oa11)
    assert set(matched["record_id"]) | set(unmatched["record_id"]) == set(services["record_id"])
    assert list(matched.columns[:4]) == list(services.columns)
    assert {"postcode_norm", "oa21", "terminated", "cluster"} <= set(matched.columns)
    # Each matched record carries the lookup's OA and that OA's cluster.
    lookup = pd.read_csv(sample_town["postcodes"], dtype=str).set_index("pcds")
    assert (matched["oa21"].to_numpy() == lookup.loc[matched["postcode_norm"], "oa21"]).all()
    cl = town["classified"].set_index("OA_CODE")["cluster"]
    assert (matched["cluster"].to_numpy() == cl.loc[matched["oa21"]].to_numpy()).all()
    # Terminated postcodes match and are flagged.
    term = lookup["doterm"].notna()
    flagged = matched["terminated"].str.lower().isin(["1", "true"])
    assert flagged.sum() > 0
    assert (flagged.to_numpy() == term.loc[matched["postcode_norm"]].to_numpy()).all()
    assert set(unmatched["reason"]) <= {"empty", "invalid format", "not in lookup",
                                        "area not in classification"}


# --- real ONS postcodes: Lewisham (OA11) and the ONSPD column set ------------------------
@pytest.fixture(scope="module")
def lewisham():
    folder = shared("lewisham_2011")
    return {"lookup": str(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv"),
            "loac": str(folder / "lewisham_oa11_loac2011.csv"),
            "frame": pd.read_csv(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv",
                                 dtype=str)}


def test_join_lewisham_every_reason(provider, lewisham, tmp_path):
    lk = lewisham["frame"]
    live = lk[lk["TerminationDate"].isna()].iloc[::500].reset_index(drop=True)
    dead = lk[lk["TerminationDate"].notna()].iloc[7]
    loac = pd.read_csv(lewisham["loac"], dtype=str)
    dropped_oa = live.loc[0, "OA11CD"]  # an area left out of the classification
    loac[loac["OA11CD"] != dropped_oa].to_csv(tmp_path / "loac.csv", index=False)
    messy = [lambda p: p.lower().replace(" ", ""), lambda p: f"  {p.replace(' ', '   ')} ",
             lambda p: p.upper(), lambda p: p.lower()]
    rows, expect = [["id", "client", "post_code"]], {}
    for i, pc in enumerate(live["PostcodeNatural"]):
        rid = f"L{i}"
        rows.append([rid, f"client {i}", messy[i % len(messy)](pc)])
        expect[rid] = ("area not in classification" if live.loc[i, "OA11CD"] == dropped_oa
                       else live.loc[i, "OA11CD"])
    rows.append(["T1", "moved", dead["Postcode8"].lower()])
    expect["T1"] = dead["OA11CD"]
    for rid, pc, reason in [("E1", "", "empty"), ("E2", "   ", "empty"),
                            ("I1", "SE6", "invalid format"), ("I2", "not known", "invalid format"),
                            ("I3", "SE6 4R", "invalid format"), ("I4", "12345", "invalid format"),
                            ("N1", "ZZ99 9ZZ", "not in lookup"),
                            ("N2", "se1 7pb", "not in lookup")]:
        rows.append([rid, "x", pc])
        expect[rid] = reason
    records = write_csv(tmp_path / "records.csv", rows)
    res = run("joinpostcodes", {
        "INPUT": records, "POSTCODE_FIELD": "post_code", "LOOKUP": lewisham["lookup"],
        "AREAS": str(tmp_path / "loac.csv"), "AREA_ID_FIELD": "OA11CD",
        "CLUSTER_FIELDS": ["LOAC2011_supergroup", "LOAC2011_group"],
        "OUTPUT": str(tmp_path / "m.csv"), "OUTPUT_UNMATCHED": str(tmp_path / "u.csv")})
    assert res["AREA_FIELD"] == "OA11CD"
    m = pd.read_csv(tmp_path / "m.csv", dtype=str, keep_default_na=False)
    u = pd.read_csv(tmp_path / "u.csv", dtype=str, keep_default_na=False)
    assert len(m) + len(u) == len(rows) - 1
    got = dict(zip(m["id"], m["OA11CD"])) | dict(zip(u["id"], u["reason"]))
    assert got == expect
    t1 = m.set_index("id").loc["T1"]
    assert t1["terminated"].lower() in ("1", "true")
    assert t1["postcode_norm"] == dead["PostcodeNatural"]
    supergroups = loac.set_index("OA11CD")["LOAC2011_group"]
    assert (m["LOAC2011_group"].to_numpy() == supergroups.loc[m["OA11CD"]].to_numpy()).all()
    assert (m["postcode_norm"].str.fullmatch(r"[A-Z0-9]{2,4} [0-9][A-Z]{2}")).all()


def test_join_onspd_autodetects_and_flags_terminated(provider, tmp_path):
    onspd = shared("onspd_extract", "ONSPD_extract.csv")
    lk = pd.read_csv(onspd, dtype=str)
    pick = pd.concat([lk[lk["doterm"].notna() & lk["oa21"].notna()].head(5),
                      lk[lk["doterm"].isna() & lk["oa21"].notna()].head(5)])
    rows = [["ref", "pc"]] + [[f"R{i}", p.replace(" ", "")] for i, p in enumerate(pick["pcd7"])]
    records = write_csv(tmp_path / "r.csv", rows)
    res = run("joinpostcodes", {"INPUT": records, "POSTCODE_FIELD": "pc", "LOOKUP": str(onspd),
                                "OUTPUT": str(tmp_path / "m.csv")})
    assert res["AREA_FIELD"] == "oa21" and res["MATCHED"] == 10 and res["UNMATCHED"] == 0
    m = pd.read_csv(tmp_path / "m.csv", dtype=str)
    assert list(m["oa21"]) == list(pick["oa21"])
    assert list(m["postcode_norm"]) == list(pick["pcds"])
    assert [t.lower() in ("1", "true") for t in m["terminated"]] == [True] * 5 + [False] * 5
    # Naming the 2011 OA column instead of the default.
    res = run("joinpostcodes", {"INPUT": records, "POSTCODE_FIELD": "pc", "LOOKUP": str(onspd),
                                "LOOKUP_POSTCODE_FIELD": "pcd8", "LOOKUP_AREA_FIELD": "oa11",
                                "OUTPUT": str(tmp_path / "m11.csv")})
    assert list(pd.read_csv(tmp_path / "m11.csv", dtype=str)["oa11"]) == list(pick["oa11"])


# --- messy files: Excel title rows, Windows-1252 -----------------------------------------
def test_join_reads_xlsx_with_title_rows_and_cp1252_csv(provider, sample_town, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    lookup = pd.read_csv(sample_town["postcodes"], dtype=str)
    pcs = list(lookup["pcds"].head(3))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Housing advice: clients seen, April"])
    sheet.append(["Exported 01/05/2024"])
    sheet.append([])
    sheet.append(["Client", "Postcode", "Amount"])
    for name, pc, amount in zip(["José", "Zoë", "Siân"], pcs, [12.5, 3, 40]):
        sheet.append([name, pc.lower(), amount])
    book.save(tmp_path / "clients.xlsx")
    csv_path = write_csv(tmp_path / "clients.csv",
                         [["Client", "Postcode", "Paid"],
                          ["José Müller", pcs[0], "£12.50"], ["Renée", pcs[1], "£3"],
                          ["Zoë", pcs[2], "£40.00"]], encoding="cp1252")
    for path, paid in [(str(tmp_path / "clients.xlsx"), "Amount"), (csv_path, "Paid")]:
        out = tmp_path / (Path(path).stem + Path(path).suffix[1:] + ".gpkg")
        res = run("joinpostcodes", {"INPUT": path, "POSTCODE_FIELD": "Postcode",
                                    "LOOKUP": sample_town["postcodes"], "OUTPUT": str(out)})
        assert res["MATCHED"] == 3
        m = frame(out)
        assert list(m["oa21"]) == list(lookup["oa21"].head(3))
        if paid == "Paid":
            assert list(m["Client"]) == ["José Müller", "Renée", "Zoë"]
            assert list(m["Paid"]) == ["£12.50", "£3", "£40.00"]
        else:
            assert list(m["Client"]) == ["José", "Zoë", "Siân"]
            assert [float(v) for v in m["Amount"]] == [12.5, 3, 40]


def test_tables_io_reads_only_needed_columns(tmp_path):
    from customer_segmentation.processing import tables_io

    path = write_csv(tmp_path / "l.csv", [["Title line"], [], ["pcds", "x", "oa21"],
                                          ["AB1 0AA", "1", "S1"], ["AB1 0AB", "2", ""]])
    assert tables_io.header(path) == ["pcds", "x", "oa21"]
    df = tables_io.read_columns(path, ["oa21", "pcds"])
    assert list(df.columns) == ["oa21", "pcds"] and df["pcds"].tolist() == ["AB1 0AA", "AB1 0AB"]
    assert df["oa21"].isna().tolist() == [False, True]
    assert tables_io.file_path({"X": path}, "X") == Path(path)
    assert tables_io.file_path({"X": path + "|layername=l"}, "X") is None


@pytest.mark.parametrize("params,message", [
    ({"POSTCODE_FIELD": "postcode_x"}, "'postcode_x' not in the records"),
    ({"LOOKUP_AREA_FIELD": "OA99"}, "'OA99' not in the postcode lookup"),
    ({"CLUSTER_FIELDS": ["cluster"], "AREA_ID_FIELD": "OA_CODE", "AREAS": "LOOKUP"},
     "'OA_CODE', 'cluster' not in the classified areas"),
])
def test_join_missing_fields_are_named(provider, sample_town, params, message):
    base = {"INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
            "LOOKUP": sample_town["postcodes"], "OUTPUT": "TEMPORARY_OUTPUT"}
    base.update(params)
    if base.get("AREAS") == "LOOKUP":
        base["AREAS"] = sample_town["postcodes"]
    with pytest.raises(QgsProcessingException, match=message):
        run("joinpostcodes", base)


def test_join_lookup_without_postcode_or_area(provider, sample_town, tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [["code", "area"], ["AB1 0AA", "S1"]])
    with pytest.raises(QgsProcessingException, match="No postcode field recognised.*code, area"):
        run("joinpostcodes", {"INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
                              "LOOKUP": bad, "OUTPUT": "TEMPORARY_OUTPUT"})
    bad = write_csv(tmp_path / "bad2.csv", [["pcds", "area"], ["AB1 0AA", "S1"]])
    with pytest.raises(QgsProcessingException, match="No Output Area field recognised"):
        run("joinpostcodes", {"INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
                              "LOOKUP": bad, "OUTPUT": "TEMPORARY_OUTPUT"})


# --- profile: a hand computation, then the sample town --------------------------------
def test_profile_matches_hand_computation(provider, tmp_path):
    records = write_csv(tmp_path / "rec.csv", [["id", "cl", "quit"]] + [
        [f"r{i}", c, "Y" if i % 2 else "N"]
        for i, c in enumerate(["A"] * 10 + ["B"] * 6 + ["C"] * 3)])
    areas = write_csv(tmp_path / "areas.csv", [["oa", "cl", "hh"], ["o1", "A", "100"],
                                               ["o2", "A", "100"], ["o3", "B", "300"],
                                               ["o4", "C", "500"]])
    res = run("profile", {"INPUT": records, "CLUSTER_FIELD": ["cl"], "AREAS": areas,
                          "AREA_ID_FIELD": "oa", "BASE_FIELD": "hh", "MIN_COUNT": 5,
                          "INDICATOR_FIELDS": ["quit"], "OUTPUT": str(tmp_path / "p.csv"),
                          "OUTPUT_HTML": str(tmp_path / "p.html")})
    p = pd.read_csv(tmp_path / "p.csv")
    assert {"cluster", "count", "pct", "base", "base_pct", "penetration", "index", "index_low",
            "index_high", "significant", "level", "indicator", "suppressed"} <= set(p.columns)
    al = p[p["indicator"] == "all"].set_index("cluster")
    z = 1.959963984540054
    # B (6) is hidden with C (3): with the total 19 and A it would give C away (README,
    # 'Disclosure control'); A is checked by hand.
    assert str(al.loc["B", "suppressed"]).lower() in ("1", "true") and np.isnan(al.loc["B", "pct"])
    for c, n, base in [("A", 10, 200)]:
        pct = 100 * n / 19
        base_pct = 100 * base / 1000
        index = 100 * pct / base_pct
        se = math.sqrt((1 - n / 19) / n)
        row = al.loc[c]
        assert row["count"] == n and row["base"] == base
        assert row["pct"] == pytest.approx(pct) and row["base_pct"] == pytest.approx(base_pct)
        assert row["penetration"] == pytest.approx(100 * n / base)
        assert row["index"] == pytest.approx(index)
        assert row["index_low"] == pytest.approx(index * math.exp(-z * se))
        assert row["index_high"] == pytest.approx(index * math.exp(z * se))
        assert str(row["significant"]).lower() in (
            ("1", "true") if index * math.exp(-z * se) > 100 or index * math.exp(z * se) < 100
            else ("0", "false"))
    c = al.loc["C"]  # 3 records < 5: suppressed
    assert str(c["suppressed"]).lower() in ("1", "true") and np.isnan(c["count"])
    assert np.isnan(c["index"]) and c["base"] == 500
    assert res["SUPPRESSED"] == int(p["suppressed"].astype(str).str.lower()
                                    .isin(["1", "true"]).sum())
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64") == 3 and "quit=Y" in html


def test_profile_sample_town_with_report(town, tmp_path):
    res = run("profile", {"INPUT": str(town["dir"] / "matched.csv"), "CLUSTER_FIELD": ["cluster"],
                          "INDICATOR_FIELDS": ["quit_at_4_weeks"], "AREAS": town["areas"],
                          "AREA_ID_FIELD": "OA_CODE", "BASE_FIELD": "Total_Households",
                          "SURVEY": True, "OUTPUT": str(tmp_path / "p.gpkg"),
                          "OUTPUT_HTML": str(tmp_path / "p.html")})
    p = frame(res["OUTPUT"])
    al = p[p["indicator"] == "all"]
    assert sorted(al["cluster"]) == ["1", "2", "3", "4", "5"]
    assert al["count"].sum() == len(town["matched"])
    assert al["base"].sum() == pytest.approx(town["classified"]["Total_Households"].sum())
    assert set(p["indicator"]) == {"all", "quit_at_4_weeks=NO", "quit_at_4_weeks=YES"}
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "Representativeness" in html and "Chi-square" in html


def test_profile_missing_field_named(provider, town):
    with pytest.raises(QgsProcessingException, match="'supergroup' not in the classified areas"):
        run("profile", {"INPUT": str(town["dir"] / "matched.csv"), "CLUSTER_FIELD": ["cluster"],
                        "AREAS": town["areas"], "AREA_CLUSTER_FIELD": ["supergroup"],
                        "OUTPUT": "TEMPORARY_OUTPUT"})


# --- composition, targeting, aggregate, know-your-area -------------------------------
def test_composition_by_field_and_by_reprojected_polygons(town, tmp_path):
    by_field = run("composition", {"INPUT": town["areas"], "CLUSTER_FIELD": "cluster",
                                   "GROUP_FIELD": "WARD_NAME", "WEIGHT_FIELD": "Total_Households",
                                   "OUTPUT": str(tmp_path / "c.csv")})
    c = pd.read_csv(by_field["OUTPUT"]).set_index("WARD_NAME")
    pct = [col for col in c if col.startswith("pct_")]
    assert len(c) == 8 and (c["areas"] == 40).all()
    assert np.allclose(c[pct].sum(axis=1), 100)
    hh = town["classified"].groupby("WARD_NAME")["Total_Households"].sum()
    assert np.allclose(c["total"], hh.loc[c.index])
    wards = run("native:dissolve", {"INPUT": town["areas"], "FIELD": ["WARD_NAME"],
                                    "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    wards = run("native:reprojectlayer", {"INPUT": wards, "TARGET_CRS": "EPSG:4326",
                                          "OUTPUT": str(tmp_path / "wards.gpkg")})["OUTPUT"]
    by_poly = run("composition", {"INPUT": town["areas"], "CLUSTER_FIELD": "cluster",
                                  "GROUPS": wards, "GROUP_NAME_FIELD": "WARD_NAME",
                                  "WEIGHT_FIELD": "Total_Households",
                                  "OUTPUT": str(tmp_path / "cp.gpkg")})
    layer = QgsVectorLayer(by_poly["OUTPUT"], "cp", "ogr")
    assert layer.crs().authid() == "EPSG:4326" and layer.featureCount() == 8
    cp = frame(by_poly["OUTPUT"]).set_index("WARD_NAME")
    assert np.allclose(cp.loc[c.index, pct].astype(float), c[pct], equal_nan=True)
    assert (cp.loc[c.index, "dominant"].astype(str) == c["dominant"].astype(str)).all()


def test_composition_names_the_dominant_cluster_from_a_labels_table(town, tmp_path):
    labels = tmp_path / "labels.csv"
    pd.DataFrame({"code": ["1", "2", "3", "4", "5"],
                  "name": ["Suburban", "Renters", "Terraces", "Older", "Students"]}).to_csv(
        labels, index=False)
    res = run("composition", {"INPUT": town["areas"], "CLUSTER_FIELD": "cluster",
                              "GROUP_FIELD": "WARD_NAME", "WEIGHT_FIELD": "Total_Households",
                              "LABELS": str(labels), "OUTPUT": str(tmp_path / "c.csv")})
    c = pd.read_csv(res["OUTPUT"], dtype={"dominant": str})
    names = dict(zip(["1", "2", "3", "4", "5"],
                     ["Suburban", "Renters", "Terraces", "Older", "Students"]))
    assert list(c.columns).index("dominant_name") == list(c.columns).index("dominant") + 1
    assert (c["dominant_name"] == c["dominant"].map(names)).all()


def test_targeting_from_profile_and_from_records(town, tmp_path):
    prof = run("profile", {"INPUT": str(town["dir"] / "matched.csv"), "CLUSTER_FIELD": ["cluster"],
                           "AREAS": town["areas"], "BASE_FIELD": "Total_Households",
                           "OUTPUT": str(tmp_path / "p.csv")})["OUTPUT"]
    p = pd.read_csv(prof, dtype={"cluster": str}).set_index("cluster")
    over = sorted(p.index[p["index"] >= 100])
    res = run("targeting", {"INPUT": town["areas"], "CLUSTER_FIELD": "cluster",
                            "HOUSEHOLDS_FIELD": "Total_Households", "PROFILE": prof,
                            "MIN_INDEX": 100, "OUTPUT": str(tmp_path / "t.gpkg")})
    t = frame(res["OUTPUT"])
    layer = QgsVectorLayer(res["OUTPUT"], "t", "ogr")
    assert layer.geometryType() == 2 and layer.crs().authid() == "EPSG:27700"
    assert sorted(set(t["cluster"])) == over and len(t) > 0
    assert list(t["rank"]) == list(range(1, len(t) + 1))
    assert (np.diff(t["est_non_users"].astype(float)) <= 1e-9).all()
    pen = p.loc[t["cluster"], "penetration"].to_numpy()
    hh = t["Total_Households"].astype(float).to_numpy()
    assert np.allclose(t["est_non_users"], np.maximum(hh * (1 - pen / 100), 0))
    again = run("targeting", {"INPUT": town["areas"], "CLUSTER_FIELD": "cluster",
                              "HOUSEHOLDS_FIELD": "Total_Households",
                              "RECORDS": str(town["dir"] / "matched.csv"), "MIN_INDEX": 100,
                              "OUTPUT": str(tmp_path / "t2.gpkg")})
    assert list(frame(again["OUTPUT"])["OA_CODE"]) == list(t["OA_CODE"])


def test_aggregate_table_and_points(town, tmp_path):
    matched = town["matched"]
    res = run("aggregate", {"INPUT": str(town["dir"] / "matched.csv"),
                            "RECORD_AREA_FIELD": "oa21", "AREAS": town["areas"],
                            "AREA_ID_FIELD": "OA_CODE", "BASE_FIELD": "Total_Population",
                            "PER": 1000, "FIELD_PREFIX": "svc_", "MIN_COUNT": 5,
                            "OUTPUT": str(tmp_path / "a.gpkg")})
    a = frame(res["OUTPUT"]).set_index("OA_CODE")
    assert QgsVectorLayer(res["OUTPUT"], "a", "ogr").geometryType() == 2
    expect = matched.groupby("oa21").size().reindex(a.index, fill_value=0)
    small = (expect > 0) & (expect < 5)
    hidden = a["svc_suppressed"].astype(bool)
    assert hidden[small].all()  # and the counts that would give them away (secondary)
    assert (expect[hidden & ~small] >= 5).all() and (expect[hidden] > 0).all()
    shown = ~hidden
    assert (a.loc[shown, "svc_count"].astype(float) == expect[shown]).all()
    assert a.loc[small, "svc_count"].isna().all()
    rate = expect / a["Total_Population"].astype(float) * 1000
    assert np.allclose(a.loc[shown, "svc_rate"].astype(float), rate[shown])
    # A point layer (one point per area, in WGS84) counted in the 27700 polygons.
    pts = run("native:pointonsurface", {"INPUT": town["areas"], "ALL_PARTS": False,
                                        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    pts = run("native:reprojectlayer", {"INPUT": pts, "TARGET_CRS": "EPSG:4326",
                                        "OUTPUT": str(tmp_path / "pts.gpkg")})["OUTPUT"]
    res = run("aggregate", {"INPUT": pts, "AREAS": town["areas"], "AREA_ID_FIELD": "OA_CODE",
                            "MIN_COUNT": 0, "OUTPUT": str(tmp_path / "ap.gpkg")})
    assert (frame(res["OUTPUT"])["rec_count"] == 1).all()


def test_area_profile_against_pandas(town, sample_town, tmp_path):
    local = run("native:extractbyattribute", {"INPUT": sample_town["areas"],
                                              "FIELD": "WARD_NAME", "OPERATOR": 0,
                                              "VALUE": "Riverside",
                                              "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    res = run("areaprofile", {"INPUT": local, "REFERENCE": sample_town["areas"],
                              "FIELDS": ["v01", "v02"], "WEIGHT_FIELD": "Total_Population",
                              "OUTPUT": str(tmp_path / "ap.csv"),
                              "OUTPUT_HTML": str(tmp_path / "ap.html")})
    out = pd.read_csv(res["OUTPUT"]).set_index("field")
    raw = frame(sample_town["areas"])
    loc = raw[raw["WARD_NAME"] == "Riverside"]
    for f in ["v01", "v02"]:
        w = loc["Total_Population"]
        assert out.loc[f, "local"] == pytest.approx((loc[f] * w).sum() / w.sum())
        wr = raw["Total_Population"]
        assert out.loc[f, "reference"] == pytest.approx((raw[f] * wr).sum() / wr.sum())
    assert "data:image/png;base64" in (tmp_path / "ap.html").read_text(encoding="utf-8")


def test_integration_algorithms_listed_with_help(provider):
    algs = {a.name(): a for a in provider.algorithms()}
    for name in ["joinpostcodes", "profile", "composition", "targeting", "areaprofile",
                 "aggregate"]:
        alg = algs[name]
        assert alg.groupId() == "integration" and alg.group() == "Integrate your data"
        assert len(alg.shortHelpString()) > 300
        assert all(p.help() for p in alg.parameterDefinitions()), name


# --- qgis_process.bin: the plugin as a user's QGIS would load it --------------------------
def test_qgis_process_joinpostcodes_and_profile(town, sample_town, tmp_path):
    out = tmp_path / "m.csv"
    proc = qgis_process(tmp_path, "run", "segmentation:joinpostcodes", "--",
                        f"INPUT={sample_town['services']}", "POSTCODE_FIELD=postcode",
                        f"LOOKUP={sample_town['postcodes']}", f"AREAS={town['classified_csv']}",
                        "AREA_ID_FIELD=OA_CODE", "CLUSTER_FIELDS=cluster", f"OUTPUT={out}",
                        f"OUTPUT_UNMATCHED={tmp_path / 'u.csv'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    m = pd.read_csv(out, dtype=str)
    assert len(m) == len(town["matched"]) and list(m["cluster"]) == list(town["matched"]["cluster"])
    assert "matched" in proc.stdout
    prof = tmp_path / "p.csv"
    proc = qgis_process(tmp_path, "run", "segmentation:profile", "--", f"INPUT={out}",
                        "CLUSTER_FIELD=cluster", f"AREAS={town['classified_csv']}",
                        "BASE_FIELD=Total_Households", f"OUTPUT={prof}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    p = pd.read_csv(prof)
    assert p["count"].sum() == len(m) and "suppressed" in proc.stdout


def test_join_cancelled_writes_nothing(provider, sample_town, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from customer_segmentation.processing.join_postcodes import JoinPostcodesAlgorithm

    alg = JoinPostcodesAlgorithm()
    alg.initAlgorithm()
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out = tmp_path / "m.csv"
    res = alg.processAlgorithm({"INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
                                "LOOKUP": sample_town["postcodes"], "OUTPUT": str(out)},
                               QgsProcessingContext(), feedback)
    assert res == {} and not out.exists()
