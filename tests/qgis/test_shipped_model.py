"""The graphical model shipped with the plugin runs the whole method headless."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, register_provider
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
        "profile:Profile report": out["profile.html"],
        "subcluster:Two-level model": str(tmp_path / "two_level.json"),
        "profile:Profile table (Mosaic layout)": str(tmp_path / "mosaic.csv")})
    areas = QgsVectorLayer(res["subcluster:Classified areas"], "a", "ogr")
    assert areas.featureCount() == 320
    census = QgsVectorLayer(sample_town["areas"], "c", "ogr")
    assert sum(f["raw_Total_Population"] for f in areas.getFeatures()) == sum(
        f["Total_Population"] for f in census.getFeatures())  # counts for people, unscaled
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
    # The two-level model re-applies both levels to the prepared variables: every area back.
    model = json.loads((tmp_path / "two_level.json").read_text())
    assert model["format_version"] == 2 and model["sublevel"]["field_name"] == "group"
    applied = processing.run("segmentation:applymodel", {
        "INPUT": out["areas.gpkg"], "MODEL": str(tmp_path / "two_level.json"),
        "ID_FIELD": "OA_CODE", "FIELD_NAME": "cluster_again", "SUB_FIELD_NAME": "group_again",
        "OUTPUT": str(tmp_path / "applied.gpkg")})["OUTPUT"]
    again = QgsVectorLayer(applied, "again", "ogr")
    assert again.featureCount() == 320
    assert all(f["cluster_again"] == f["cluster"] and f["group_again"] == f["group"]
               for f in again.getFeatures())
    mosaic = list(csv.DictReader(open(tmp_path / "mosaic.csv")))
    assert sum(r["group"] == "Total" for r in mosaic) == len({(r["level"], r["indicator"])
                                                               for r in rows})


def _registry_model():
    register_provider()
    return QgsApplication.processingRegistry().algorithmById("segmentation:wholemethod")


def test_every_step_of_the_registry_copy_is_valid(qgis_app, qgis_processing):
    """The modeler draws a step red when validateChildAlgorithm fails: a parameter without a
    value (STRATEGY, CONFIDENCE, SURVEY were missing) or a step whose algorithm the registry's
    copy could not find (it was read before the provider was registered)."""
    model = _registry_model()
    assert sorted(model.childAlgorithms()) == ["join", "kmeans", "prepare", "profile",
                                               "standardise", "subcluster"]
    for child_id, child in model.childAlgorithms().items():
        ok, issues = model.validateChildAlgorithm(child_id)
        assert ok, (child_id, issues)
        alg = QgsApplication.processingRegistry().algorithmById(child.algorithmId())
        given = set(child.parameterSources())
        for param in alg.parameterDefinitions():  # every parameter with a value to give
            optional = param.flags() & param.FlagOptional
            if not param.isDestination() and not (optional and param.defaultValue() is None):
                assert param.name() in given, (child_id, param.name())
    assert model.validate() == (True, [])


def test_registry_copy_lists_its_outputs(qgis_app, qgis_processing):
    outputs = {o.name() for o in _registry_model().outputDefinitions()}
    assert {"subcluster:Classified areas", "subcluster:Cluster labels", "profile:Profile",
            "join:Matched records"} <= outputs


def test_qgis_process_help_and_run_of_the_shipped_model(sample_town, tmp_path):
    """Headless: `qgis_process.bin help` lists the outputs, `run` (of the registry's copy)
    writes them, with a labels table naming every cluster and group."""
    from support import qgis_process as qp

    home = tmp_path / "home"
    helped = qp.call(home, "help", "segmentation:wholemethod")
    assert helped.returncode == 0, helped.stderr
    outputs = helped.stdout.split("Outputs")[-1]
    for name in ("subcluster:Classified areas", "subcluster:Cluster labels", "profile:Profile",
                 "join:Matched records", "join:Unmatched records", "profile:Profile report"):
        assert name in outputs, helped.stdout
    res = qp.run(home, "segmentation:wholemethod", *_model_args(sample_town, tmp_path))
    areas = QgsVectorLayer(res["subcluster:Classified areas"], "a", "ogr")
    assert areas.featureCount() == 320
    labels = list(csv.DictReader(open(res["subcluster:Cluster labels"])))
    codes = {r["code"] for r in labels}
    assert codes == {f["cluster"] for f in areas.getFeatures()} | {
        f["group"] for f in areas.getFeatures()}
    assert all(r["name"] for r in labels)


def _model_args(town: dict, d) -> list[str]:
    return [f"census={town['areas']}", f"lookup={town['lookup']}", "id_field=OA_CODE", "k=4",
            "sub_k=2", "runs=5", "seed=1", f"records={town['services']}",
            "postcode_field=postcode", f"postcode_lookup={town['postcodes']}",
            f"subcluster:Classified areas={d / 'areas.gpkg'}",
            f"subcluster:Cluster labels={d / 'labels.csv'}",
            f"join:Matched records={d / 'matched.csv'}", f"profile:Profile={d / 'profile.csv'}"]


def test_copy_for_editing_puts_a_valid_model_in_the_models_folder(qgis_app, qgis_processing,
                                                                  tmp_path):
    import pytest
    from qgis.core import QgsProcessingException, QgsProcessingModelAlgorithm

    import processing

    register_provider()
    res = processing.run("segmentation:copymodel", {"FOLDER": str(tmp_path)})
    copy = QgsProcessingModelAlgorithm()
    assert copy.fromFile(res["MODEL_FILE"]) and res["MODEL_FILE"].startswith(str(tmp_path))
    assert copy.name() == "Whole method (my copy)"
    assert copy.validate() == (True, [])
    with pytest.raises(QgsProcessingException, match="already exists"):
        processing.run("segmentation:copymodel", {"FOLDER": str(tmp_path)})
    assert processing.run("segmentation:copymodel", {"FOLDER": str(tmp_path),
                                                     "OVERWRITE": True})["MODEL_FILE"]


def test_loaded_model_output_is_named_by_its_labels_and_marked(qgis_app, qgis_processing,
                                                               sample_town, tmp_path,
                                                               qgis_new_project):
    """Run as the dialog does (outputs loaded): the classified areas are joined to the labels
    table, the legend shows names, and the layer carries the docks' properties."""
    import json

    from qgis.core import QgsProject

    import processing
    from customer_segmentation.ui.styling import layer_property

    register_provider()
    res = processing.runAndLoadResults("segmentation:wholemethod", {
        "census": sample_town["areas"], "lookup": sample_town["lookup"], "id_field": "OA_CODE",
        "k": 4, "sub_k": "2", "runs": 3, "seed": 1, "records": sample_town["services"],
        "postcode_field": "postcode", "postcode_lookup": sample_town["postcodes"],
        "subcluster:Classified areas": str(tmp_path / "a.gpkg"),
        "subcluster:Cluster labels": str(tmp_path / "l.csv"),
        "join:Matched records": "TEMPORARY_OUTPUT", "profile:Profile": "TEMPORARY_OUTPUT"})
    project = QgsProject.instance()
    areas = next(x for x in project.mapLayers().values()
                 if x.source().startswith(res["subcluster:Classified areas"]))
    assert "label_name" in areas.fields().names()
    legend = {c.value(): c.label() for c in areas.renderer().categories()}
    assert legend["1a"] == "1a Group 1a" and areas.renderer().classAttribute() == "group"
    assert json.loads(layer_property(areas, "level_fields")) == ["cluster", "group"]
    assert layer_property(areas, "population_field") == "raw_Total_Population"
    assert layer_property(areas, "households_field") == "raw_Total_Households"
    assert json.loads(layer_property(areas, "denominators"))["raw_v01"] == "raw_Total_Population"
    project.removeAllMapLayers()


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("qgis")),
                    reason="xvfb-run or qgis missing")
def test_shipped_model_opens_valid_in_the_modeler(tmp_path):
    """QGIS desktop under Xvfb opens the registry's copy of the shipped model in the graphical
    modeler: every step valid (none drawn red), and a picture of it (with UPDATE_DOCS=1 into
    docs/screenshot_modeler.png)."""
    out = (ROOT / "docs" if os.environ.get("UPDATE_DOCS") == "1" else tmp_path) / \
        "screenshot_modeler.png"
    info = tmp_path / "modeler.json"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(CS_SCENE="modeler", CS_SCREENSHOT_INFO=str(info))
    python = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
    res = subprocess.run([python, str(ROOT / "scripts" / "screenshot.py"), str(out)], env=env,
                         timeout=300, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    seen = json.loads(info.read_text(encoding="utf-8"))
    assert seen == {"valid": True, "errors": [], "children": [
        "join", "kmeans", "prepare", "profile", "standardise", "subcluster"]}
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 1200 and image.height() >= 800
