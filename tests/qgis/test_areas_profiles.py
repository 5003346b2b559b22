"""Know your area through headless QGIS: the rate of the whole area as the default reference,
the unweighted mean as an option, signed fields by difference, and every ward or LSOA at once
('Area profiles') on the sample town and on real Leicester and Lewisham data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import register_provider, run, shared
from qgis.core import QgsProcessingException, QgsVectorLayer
from support.frames import frame

FIELDS = ["p01", "p02", "change"]




def calc(inp, name, formula, out, kind=0):
    return run("native:fieldcalculator", {"INPUT": inp, "FIELD_NAME": name, "FIELD_TYPE": kind,
                                          "FIELD_LENGTH": 20, "FIELD_PRECISION": 8,
                                          "FORMULA": formula, "OUTPUT": out})["OUTPUT"]


@pytest.fixture(scope="module")
def areas(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """The sample town with two percentages, a signed field and a cluster."""
    register_provider()
    d = tmp_path_factory.mktemp("areas")
    a = calc(sample_town["areas"], "p01", '100.0 * "v01" / "Total_Population"',
             "TEMPORARY_OUTPUT")
    a = calc(a, "p02", '100.0 * "v02" / "Total_Population"', "TEMPORARY_OUTPUT")
    a = calc(a, "change", '"v01" - "v02"', "TEMPORARY_OUTPUT")
    a = calc(a, "cluster", "CASE WHEN \"v01\" > 25 THEN '1' WHEN \"v02\" > 30 THEN '2' "
                           "ELSE '3' END", str(d / "areas.gpkg"), kind=2)
    return a


def weighted(df, f, w="Total_Population"):
    return (df[f] * df[w]).sum() / df[w].sum()


# --- one area ('Know your area') ---------------------------------------------------------
def test_default_reference_is_the_rate_of_the_whole_area_and_needs_the_weight(areas, tmp_path):
    local = run("native:extractbyattribute", {"INPUT": areas, "FIELD": "WARD_NAME",
                                              "OPERATOR": 0, "VALUE": "Riverside",
                                              "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    with pytest.raises(QgsProcessingException, match="WEIGHT_FIELD"):
        run("areaprofile", {"INPUT": local, "REFERENCE": areas, "FIELDS": ["p01"],
                            "OUTPUT": str(tmp_path / "no.csv")})
    assert not (tmp_path / "no.csv").exists()
    res = run("areaprofile", {"INPUT": local, "REFERENCE": areas, "FIELDS": ["p01", "p02"],
                              "WEIGHT_FIELD": "Total_Population",
                              "OUTPUT": str(tmp_path / "w.csv")})
    out = pd.read_csv(res["OUTPUT"]).set_index("field")
    raw = frame(areas)
    for f, count in (("p01", "v01"), ("p02", "v02")):
        # The whole area's own percentage: all its people with the attribute / all its people.
        whole = 100 * raw[count].sum() / raw["Total_Population"].sum()
        assert out.loc[f, "reference"] == pytest.approx(whole, rel=1e-9)
        assert out.loc[f, "reference"] != pytest.approx(raw[f].mean(), rel=1e-6)


def test_unweighted_mean_is_an_option(areas, tmp_path):
    local = run("native:extractbyattribute", {"INPUT": areas, "FIELD": "WARD_NAME",
                                              "OPERATOR": 0, "VALUE": "Riverside",
                                              "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    res = run("areaprofile", {"INPUT": local, "REFERENCE": areas, "FIELDS": ["p01", "p02"],
                              "WEIGHT_FIELD": "Total_Population", "REFERENCE_METHOD": 1,
                              "OUTPUT": str(tmp_path / "u.csv"),
                              "OUTPUT_HTML": str(tmp_path / "u.html")})
    out = pd.read_csv(res["OUTPUT"]).set_index("field")
    raw = frame(areas)
    loc = raw[raw["WARD_NAME"] == "Riverside"]
    for f in ("p01", "p02"):
        assert out.loc[f, "reference"] == pytest.approx(raw[f].mean(), rel=1e-9)
        assert out.loc[f, "local"] == pytest.approx(loc[f].mean(), rel=1e-9)
        assert out.loc[f, "index"] == pytest.approx(100 * loc[f].mean() / raw[f].mean())
    assert "unweighted" in (tmp_path / "u.html").read_text(encoding="utf-8")


def test_signed_field_gets_a_difference_not_an_index(areas, tmp_path):
    raw = frame(areas)
    assert (raw["change"] < 0).any() and (raw["change"] > 0).any()
    local = run("native:extractbyattribute", {"INPUT": areas, "FIELD": "WARD_NAME",
                                              "OPERATOR": 0, "VALUE": "Riverside",
                                              "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    res = run("areaprofile", {"INPUT": local, "REFERENCE": areas, "FIELDS": FIELDS,
                              "WEIGHT_FIELD": "Total_Population",
                              "OUTPUT": str(tmp_path / "s.csv")})
    out = pd.read_csv(res["OUTPUT"]).set_index("field")
    loc = raw[raw["WARD_NAME"] == "Riverside"]
    assert np.isnan(out.loc["change", "index"])
    assert bool(out.loc["change", "signed"]) and not bool(out.loc["p01", "signed"])
    assert out.loc["change", "difference"] == pytest.approx(
        weighted(loc, "change") - weighted(raw, "change"))
    assert np.isfinite(out.loc["p01", "index"])
    # A field declared signed (it can be negative elsewhere) is compared by difference too.
    res = run("areaprofile", {"INPUT": local, "REFERENCE": areas, "FIELDS": ["p01", "p02"],
                              "SIGNED_FIELDS": ["p02"], "WEIGHT_FIELD": "Total_Population",
                              "OUTPUT": str(tmp_path / "d.csv")})
    out = pd.read_csv(res["OUTPUT"]).set_index("field")
    assert np.isnan(out.loc["p02", "index"]) and np.isfinite(out.loc["p01", "index"])
    assert bool(out.loc["p02", "signed"])


# --- every area at once ('Area profiles') ----------------------------------------------
def check_groups(out: pd.DataFrame, raw: pd.DataFrame, key: str, group_col: str) -> None:
    """Every group's values, indices, differences and cluster shares against pandas."""
    pop = "Total_Population"
    out = out.set_index(key)
    assert sorted(out.index) == sorted(raw[group_col].unique())
    for g, part in raw.groupby(group_col):
        row = out.loc[g]
        assert row["areas"] == len(part)
        assert row["weight"] == pytest.approx(part[pop].sum())
        for f in ("p01", "p02"):
            assert row[f] == pytest.approx(weighted(part, f))
            assert row[f"{f}_index"] == pytest.approx(
                100 * weighted(part, f) / weighted(raw, f))
        assert row["change_diff"] == pytest.approx(
            weighted(part, "change") - weighted(raw, "change"))
        shares = part.groupby("cluster")[pop].sum() / part[pop].sum() * 100
        for c in ("1", "2", "3"):
            assert (row.get(f"pct_{c}") or 0) == pytest.approx(shares.get(c, 0))
        assert str(g) in row["pen_portrait"] or key == "WARD_NAME"
        assert row["pen_portrait"].startswith("Compared with the whole area") or \
            "close to the whole area" in row["pen_portrait"]
    assert "change_index" not in out.columns


def test_area_profiles_by_group_field(areas, tmp_path):
    res = run("areaprofiles", {"INPUT": areas, "FIELDS": FIELDS, "GROUP_FIELD": "WARD_NAME",
                               "WEIGHT_FIELD": "Total_Population", "CLUSTER_FIELD": "cluster",
                               "OUTPUT": str(tmp_path / "wards.csv"),
                               "OUTPUT_HTML": str(tmp_path / "wards.html")})
    out = pd.read_csv(res["OUTPUT"], dtype={"WARD_NAME": str})
    raw = frame(areas)
    check_groups(out, raw, "WARD_NAME", "WARD_NAME")
    for ward, text in zip(out["WARD_NAME"], out["pen_portrait"]):
        assert ward in text
    # With the rate of the whole area as reference, the wards' indices average (weighted by
    # their population) to exactly 100: the whole area is the sum of its wards.
    for f in ("p01", "p02"):
        assert np.average(out[f"{f}_index"], weights=out["weight"]) == pytest.approx(100)
    html = (tmp_path / "wards.html").read_text(encoding="utf-8")
    for ward in raw["WARD_NAME"].unique():
        assert f"<h2>{ward}</h2>" in html
    assert html.count('contenteditable="true"') == raw["WARD_NAME"].nunique()
    assert html.count("data:image/png;base64") == raw["WARD_NAME"].nunique()
    assert "rate of the whole area" in html and "change: negative values" in html


def test_area_profiles_by_polygons_match_the_group_field(areas, tmp_path):
    wards = run("native:dissolve", {"INPUT": areas, "FIELD": ["WARD_NAME"],
                                    "OUTPUT": str(tmp_path / "wards.gpkg")})["OUTPUT"]
    res = run("areaprofiles", {"INPUT": areas, "FIELDS": FIELDS, "GROUPS": wards,
                               "GROUP_NAME_FIELD": "WARD_NAME",
                               "WEIGHT_FIELD": "Total_Population", "CLUSTER_FIELD": "cluster",
                               "OUTPUT": str(tmp_path / "wp.gpkg")})
    out = frame(res["OUTPUT"])
    assert len(out) == len(frame(wards))
    assert (out["name"] == out["WARD_NAME"]).all()
    check_groups(out, frame(areas), "WARD_NAME", "WARD_NAME")


def test_area_profiles_refuse_bad_input(areas, tmp_path):
    with pytest.raises(QgsProcessingException, match="WEIGHT_FIELD"):
        run("areaprofiles", {"INPUT": areas, "FIELDS": ["p01"], "GROUP_FIELD": "WARD_NAME",
                             "OUTPUT": str(tmp_path / "a.csv")})
    with pytest.raises(QgsProcessingException, match="GROUP_FIELD"):
        run("areaprofiles", {"INPUT": areas, "FIELDS": ["p01"],
                             "WEIGHT_FIELD": "Total_Population",
                             "OUTPUT": str(tmp_path / "b.csv")})
    text = tmp_path / "text.csv"
    raw = frame(areas)[["OA_CODE", "LSOA_CODE", "Total_Population", "p01"]].astype(object)
    raw.loc[7, "p01"] = "n/a"
    raw.to_csv(text, index=False)
    with pytest.raises(QgsProcessingException, match=r"'p01'.*row 8.*n/a"):
        run("areaprofiles", {"INPUT": str(text), "FIELDS": ["p01"], "GROUP_FIELD": "LSOA_CODE",
                             "WEIGHT_FIELD": "Total_Population",
                             "OUTPUT": str(tmp_path / "c.csv")})
    assert not (tmp_path / "c.csv").exists()


def test_area_profiles_unweighted_by_lsoa(areas, tmp_path):
    res = run("areaprofiles", {"INPUT": areas, "FIELDS": ["p01"], "GROUP_FIELD": "LSOA_CODE",
                               "REFERENCE_METHOD": 1, "OUTPUT": str(tmp_path / "l.csv")})
    out = pd.read_csv(res["OUTPUT"]).set_index("LSOA_CODE")
    raw = frame(areas)
    means = raw.groupby("LSOA_CODE")["p01"].mean()
    assert np.allclose(out.loc[means.index, "p01"], means)
    assert np.allclose(out.loc[means.index, "p01_index"], 100 * means / raw["p01"].mean())
    assert "weight" not in out.columns and "pct_1" not in out.columns


# --- real data ---------------------------------------------------------------------------
def test_area_profiles_leicester_msoas(qgis_app, qgis_processing, tmp_path):
    """Leicester's 969 OAs (2011 census counts, published OAC supergroups) profiled by MSOA:
    each MSOA's and the city's figures are its own percentages (counts / population)."""
    register_provider()
    counts = pd.read_csv(shared("leicester_2011", "2011_OAC_Raw_kVariables_Leicester.csv"))
    lookup = pd.read_csv(shared("leicester_2011", "Leicester_OA_lookup_and_published_OAC.csv"),
                         dtype=str)
    df = counts.merge(lookup[["OA11CD", "MSOA11CD", "supgrpcode"]], left_on="OA",
                      right_on="OA11CD")
    assert len(df) == len(counts) == 969
    ks = ("k001", "k010", "k020")
    pct = df.assign(**{k: 100 * df[k] / df["Total_Population"] for k in ks})
    cols = ["OA", "MSOA11CD", "supgrpcode", "Total_Population", *ks]
    pct[cols].to_csv(tmp_path / "leicester.csv", index=False)
    lookup_path = shared("leicester_2011", "2011_OAC_Raw_kVariables_Lookup.csv")
    res = run("areaprofiles", {"INPUT": str(tmp_path / "leicester.csv"), "FIELDS": list(ks),
                               "LOOKUP": str(lookup_path),
                               "GROUP_FIELD": "MSOA11CD", "WEIGHT_FIELD": "Total_Population",
                               "CLUSTER_FIELD": "supgrpcode", "OUTPUT": str(tmp_path / "m.csv"),
                               "OUTPUT_HTML": str(tmp_path / "m.html")})
    out = pd.read_csv(res["OUTPUT"]).set_index("MSOA11CD")
    assert len(out) == df["MSOA11CD"].nunique()
    pop = df.groupby("MSOA11CD")["Total_Population"].sum()
    for k in ks:
        city = 100 * df[k].sum() / df["Total_Population"].sum()
        rate = 100 * df.groupby("MSOA11CD")[k].sum() / pop
        assert np.allclose(out.loc[rate.index, k], rate, rtol=1e-9)
        assert np.allclose(out.loc[rate.index, f"{k}_index"], 100 * rate / city, rtol=1e-9)
    mix = pd.crosstab(df["MSOA11CD"], df["supgrpcode"], values=df["Total_Population"],
                      aggfunc="sum").fillna(0)
    mix = mix.div(mix.sum(axis=1), axis=0) * 100
    for c in mix.columns:
        assert np.allclose(out.loc[mix.index, f"pct_{c}"].fillna(0), mix[c])
    assert out["pen_portrait"].str.len().min() > 40
    names = pd.read_csv(lookup_path).set_index("VariableCode")["VariableName"]
    named = [n for n in names[list(ks)] if out["pen_portrait"].str.contains(
        n[1:], regex=False).any()]
    assert named, "the lookup's names are used in the pen portraits"
    assert "<h2>E02" in (tmp_path / "m.html").read_text(encoding="utf-8")


def test_area_profiles_lewisham_ward_polygons(qgis_app, qgis_processing, tmp_path):
    """Lewisham's OA centroids placed in its (WGS84) ward polygons give the published OA →
    ward lookup's ward sizes, and each ward's share of live postcodes per OA."""
    register_provider()
    centroids = shared("lewisham_2011", "lbl_oa11_centroids.json")
    wards = shared("lewisham_2011", "lbl_wd22_proposed.geojson")
    lookup = pd.read_csv(shared("lewisham_2011", "lbl_oa11_wd22_proposed.csv"), dtype=str)
    loac = pd.read_csv(shared("lewisham_2011", "lewisham_oa11_loac2011.csv"), dtype=str)
    pcs = pd.read_csv(shared("lewisham_2011", "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv"),
                      dtype=str)
    oa_col = next(c for c in pcs.columns if c.lower().startswith("oa11"))
    term = next((c for c in pcs.columns if "term" in c.lower()), None)
    live = pcs[pcs[term].isna()] if term else pcs
    n_live = live.groupby(oa_col).size()
    points = json.loads(Path(centroids).read_text())
    for feat in points["features"]:
        oa = feat["properties"]["OA11CD"]
        feat["properties"]["live_postcodes"] = float(n_live.get(oa, 0))
        feat["properties"]["loac"] = dict(zip(loac["OA11CD"],
                                              loac["LOAC2011_supergroup"])).get(oa)
    pts = tmp_path / "oa.geojson"
    pts.write_text(json.dumps(points))
    res = run("areaprofiles", {"INPUT": str(pts), "FIELDS": ["live_postcodes"],
                               "GROUPS": str(wards), "GROUP_NAME_FIELD": "name",
                               "REFERENCE_METHOD": 1, "CLUSTER_FIELD": "loac",
                               "OUTPUT": str(tmp_path / "w.gpkg"),
                               "OUTPUT_HTML": str(tmp_path / "w.html")})
    out = frame(res["OUTPUT"]).set_index("name")
    expected = lookup.groupby("WD22NM_proposed").size()
    placed = out["areas"].reindex(expected.index)
    # A centroid on a ward's edge can fall in its neighbour: at most 2 % of the OAs move.
    moved = (placed - expected).abs().sum() / 2
    assert moved <= 0.02 * len(lookup), pd.DataFrame({"lookup": expected, "polygons": placed})
    assert len(points["features"]) - 2 <= out["areas"].sum() <= len(points["features"])
    mean_all = np.mean([f["properties"]["live_postcodes"] for f in points["features"]])
    assert out["live_postcodes_index"].notna().all()
    per_ward = out["live_postcodes"] * out["areas"]
    assert per_ward.sum() == pytest.approx(mean_all * out["areas"].sum(), rel=0.05)
    assert all(name in text for name, text in zip(out.index, out["pen_portrait"]))


def test_weight_defaults_to_the_population_recorded_on_a_classified_layer(areas, tmp_path):
    """A layer the plugin classified records its population field: with no weight field chosen,
    the whole area's rate is weighted by it, and the log says so."""
    from support.feedback import Recorder

    import processing
    from customer_segmentation.ui.styling import PROPERTY_PREFIX

    layer = QgsVectorLayer(areas, "classified", "ogr")
    layer.setCustomProperty(PROPERTY_PREFIX + "population_field", "Total_Population")
    fb = Recorder()
    res = processing.run("segmentation:areaprofile", {
        "INPUT": layer, "REFERENCE": areas, "FIELDS": ["p01"],
        "OUTPUT": str(tmp_path / "rec.csv")}, feedback=fb)
    out = pd.read_csv(res["OUTPUT"]).set_index("field")
    raw = frame(areas)
    assert out.loc["p01", "reference"] == pytest.approx(
        100 * raw["v01"].sum() / raw["Total_Population"].sum(), rel=1e-9)
    assert any("'Total_Population', recorded on the input layer" in m for m in fb.infos), fb.infos
