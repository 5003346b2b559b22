"""Census counts onto boundaries in one step: `preparevariables` with BOUNDARIES joins a census
table to area polygons by code and accounts for every code found on one side only."""

from __future__ import annotations

import csv

import pytest
from conftest import register_provider, shared
from qgis.core import (
    QgsFeature,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from support.feedback import Recorder


def run(alg, params, feedback=None):
    import processing

    return processing.run(alg, params, feedback=feedback)


@pytest.fixture(scope="module")
def split_town(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """The sample town as geometry-only polygons (the first 10 areas missing) and a count table
    without geometry (the last 10 rows missing, two codes no area has)."""
    register_provider()
    d = tmp_path_factory.mktemp("split")
    town = QgsVectorLayer(sample_town["areas"], "town", "ogr")
    feats = list(town.getFeatures())
    codes = [f["OA_CODE"] for f in feats]
    polys = QgsVectorLayer(f"Polygon?crs={town.crs().authid()}&field=OA_CODE:string", "p",
                           "memory")
    for f in feats[10:]:
        g = QgsFeature(polys.fields())
        g.setAttributes([f["OA_CODE"]])
        g.setGeometry(f.geometry())
        polys.dataProvider().addFeature(g)
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    QgsVectorFileWriter.writeAsVectorFormatV3(polys, str(d / "polys.gpkg"),
                                              town.transformContext(), opts)
    names = [n for n in town.fields().names() if n not in ("LSOA_CODE", "WARD_NAME")]
    with open(d / "counts.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(names)
        for f in feats[:-10]:
            w.writerow([f[n] for n in names])
        for extra in ("E00999998", "E00999999"):
            w.writerow([extra] + [feats[0][n] for n in names[1:]])
    return {"dir": d, "polys": str(d / "polys.gpkg"), "counts": str(d / "counts.csv"),
            "codes": codes}


def test_counts_table_onto_polygons_reports_both_ways(split_town, sample_town, tmp_path):
    fb = Recorder()
    res = run("segmentation:preparevariables", {
        "INPUT": split_town["counts"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "BOUNDARIES": split_town["polys"], "OUTPUT": str(tmp_path / "prep.gpkg"),
        "OUTPUT_UNMATCHED": str(tmp_path / "unmatched.csv")}, fb)
    codes = split_town["codes"]
    assert (res["MATCHED"], res["AREAS_WITHOUT_CENSUS"], res["CENSUS_WITHOUT_AREA"]) == (
        300, 10, 12)
    out = QgsVectorLayer(res["OUTPUT"], "o", "ogr")
    assert out.featureCount() == 300
    assert QgsWkbTypes.geometryType(out.wkbType()) == QgsWkbTypes.PolygonGeometry
    assert out.crs().authid() == "EPSG:27700"
    # the same percentages, on the same polygons, as preparing the complete sample town
    whole = run("segmentation:preparevariables", {
        "INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    ref = {f["OA_CODE"]: f for f in whole.getFeatures()}
    for f in out.getFeatures():
        r = ref[f["OA_CODE"]]
        assert f["v15"] == pytest.approx(r["v15"])
        assert f["raw_Total_Population"] == r["raw_Total_Population"]
        assert f.geometry().equals(r.geometry())
    # nothing silently dropped: both sides named in the log, census-only rows in their table
    areas_msg = next(e for e in fb.errors if "have no census row" in e)
    assert areas_msg.startswith("10 area(s)") and codes[-1] in areas_msg
    census_msg = next(e for e in fb.errors if "have no area" in e)
    assert census_msg.startswith("12 census row(s)") and "… and 2 more" in census_msg
    unmatched = list(csv.DictReader(open(res["OUTPUT_UNMATCHED"])))
    assert sorted(r["OA_CODE"] for r in unmatched) == sorted(codes[:10] + ["E00999998",
                                                                          "E00999999"])


def test_no_code_in_common_is_refused_with_examples(split_town, sample_town):
    message = r"No census code \(OA_CODE\).*\(fid\).*census E00990001.*boundaries 1, 2, 3"
    with pytest.raises(QgsProcessingException, match=message):
        run("segmentation:preparevariables", {
            "INPUT": split_town["counts"], "LOOKUP": sample_town["lookup"],
            "ID_FIELD": "OA_CODE", "BOUNDARIES": split_town["polys"],
            "BOUNDARIES_ID_FIELD": "fid", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_leicester_boundaries_and_census_table(qgis_app, qgis_processing, tmp_path):
    """Real data: Leicester's 969 OA polygons (oa_code) and the 2011 OAC count table (OA)."""
    register_provider()
    folder = shared("leicester_2011")
    res = run("segmentation:preparevariables", {
        "INPUT": str(folder / "2011_OAC_Raw_kVariables_Leicester.csv"),
        "LOOKUP": str(folder / "2011_OAC_Raw_kVariables_Lookup.csv"), "ID_FIELD": "OA",
        "BOUNDARIES": str(folder / "boundaries" / "E06000016_Leicester.shp"),
        "BOUNDARIES_ID_FIELD": "oa_code", "OUTPUT": str(tmp_path / "prep.gpkg")})
    assert (res["MATCHED"], res["AREAS_WITHOUT_CENSUS"], res["CENSUS_WITHOUT_AREA"]) == (
        969, 0, 0)
    layer = QgsVectorLayer(res["OUTPUT"], "p", "ogr")
    assert layer.featureCount() == 969 and layer.crs().authid() == "EPSG:27700"
    assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.PolygonGeometry
    assert len([n for n in layer.fields().names() if n.startswith("k")]) == 60
