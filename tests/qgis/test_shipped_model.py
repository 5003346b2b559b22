"""The graphical model shipped with the plugin runs the whole method headless."""

from __future__ import annotations

import csv

from conftest import register_provider
from qgis.core import QgsApplication, QgsVectorLayer


def test_whole_method_model_on_the_sample_town(qgis_app, qgis_processing, sample_town, tmp_path):
    import processing

    register_provider()
    alg = QgsApplication.processingRegistry().algorithmById("segmentation:wholemethod")
    assert alg is not None and alg.group()
    out = {name: str(tmp_path / name) for name in
           ("areas.gpkg", "matched.csv", "unmatched.csv", "profile.csv", "profile.html")}
    res = processing.run("segmentation:wholemethod", {
        "census": sample_town["areas"], "lookup": sample_town["lookup"], "id_field": "OA_CODE",
        "k": 6, "sub_k": "2", "runs": 10, "seed": 1, "records": sample_town["services"],
        "postcode_field": "postcode", "postcode_lookup": sample_town["postcodes"],
        "subcluster:Classified areas": out["areas.gpkg"],
        "join:Matched records": out["matched.csv"],
        "join:Unmatched records": out["unmatched.csv"], "profile:Profile": out["profile.csv"],
        "profile:Profile report": out["profile.html"]})
    areas = QgsVectorLayer(res["subcluster:Classified areas"], "a", "ogr")
    assert areas.featureCount() == 320
    groups = {f["group"] for f in areas.getFeatures()}
    assert len(groups) == 12 and all(g[0].isdigit() and g[-1] in "ab" for g in groups)
    records = sum(1 for _ in open(sample_town["services"])) - 1
    matched = QgsVectorLayer(out["matched.csv"], "m", "ogr").featureCount()
    unmatched = QgsVectorLayer(out["unmatched.csv"], "u", "ogr").featureCount()
    assert matched + unmatched == records and unmatched >= 30
    rows = list(csv.DictReader(open(out["profile.csv"])))
    levels = {r["level"] for r in rows}
    assert levels == {"cluster", "group"}
    assert sum(float(r["count"] or 0) for r in rows if r["level"] == "cluster") <= matched
    assert "<img" in open(out["profile.html"]).read()
