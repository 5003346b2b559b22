"""The labels table written by the classifications, joined to the areas and kept in sync with
the map when the officer edits names and colours (through the QGIS API), across save/reopen."""

from __future__ import annotations

import pytest
from conftest import register_provider
from qgis.core import QgsProject, QgsVectorLayer

from customer_segmentation.ui import labels as ui_labels


def run(alg, params, load=False):
    import processing

    if load:
        return processing.runAndLoadResults(f"segmentation:{alg}", params)
    return processing.run(f"segmentation:{alg}", params)


@pytest.fixture(scope="module")
def std(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    register_provider()
    d = tmp_path_factory.mktemp("labels")
    prep = run("preparevariables", {"INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"],
                                    "ID_FIELD": "OA_CODE", "OUTPUT": str(d / "prep.gpkg")})
    return {"dir": d, "std": run("standardise", {
        "INPUT": prep["OUTPUT"], "ID_FIELD": "OA_CODE", "TRANSFORM": 2, "SCALE": 0,
        "OUTPUT": str(d / "std.gpkg")})["OUTPUT"]}


def categories(layer):
    return {str(c.value()): (c.label(), c.symbol().color().name().upper())
            for c in layer.renderer().categories()}


def test_kmeans_labels_table_and_named_default_style(std, tmp_path):
    res = run("kmeans", {"INPUT": std["std"], "ID_FIELD": "OA_CODE", "K": 5, "RUNS": 5,
                         "SEED": 2, "OUTPUT": str(tmp_path / "km.gpkg"),
                         "OUTPUT_LABELS": str(tmp_path / "labels.csv")})
    table = ui_labels.labels_frame(QgsVectorLayer(res["OUTPUT_LABELS"], "l", "ogr"))
    assert list(table["code"]) == ["1", "2", "3", "4", "5"]
    assert list(table["name"]) == [f"Cluster {i}" for i in range(1, 6)]
    assert all(p.startswith("Compared with the area average") for p in table["pen_portrait"])
    qml = (tmp_path / "km.qml").read_text()
    assert "Cluster 3" in qml  # the default style's legend uses the names
    styled = QgsVectorLayer(res["OUTPUT"], "km", "ogr")
    assert categories(styled)["1"] == ("1 Cluster 1", table["colour"][0].upper())


def test_subcluster_labels_two_levels_with_shades(std, tmp_path):
    km = run("kmeans", {"INPUT": std["std"], "ID_FIELD": "OA_CODE", "K": 3, "RUNS": 5, "SEED": 2,
                        "OUTPUT": str(tmp_path / "km.gpkg")})
    res = run("subcluster", {"INPUT": km["OUTPUT"], "ID_FIELD": "OA_CODE",
                             "PARENT_FIELD": "cluster", "K": "2", "RUNS": 5,
                             "OUTPUT": str(tmp_path / "sub.gpkg"),
                             "OUTPUT_LABELS": str(tmp_path / "sub_labels.csv")})
    t = ui_labels.labels_frame(QgsVectorLayer(res["OUTPUT_LABELS"], "l", "ogr"))
    assert list(t["code"]) == ["1", "2", "3", "1a", "1b", "2a", "2b", "3a", "3b"]
    assert list(t["level"]) == [1, 1, 1, 2, 2, 2, 2, 2, 2]
    assert list(t["parent"][3:]) == ["1", "1", "2", "2", "3", "3"]
    assert t["name"][3] == "Group 1a"
    col = dict(zip(t["code"], t["colour"]))
    assert col["1a"] != col["1b"] and col["1a"] != col["2a"]


def _edit(layer, code, **values):
    fid = next(f.id() for f in layer.getFeatures() if str(f["code"]) == code)
    for name, value in values.items():
        assert layer.changeAttributeValue(fid, layer.fields().indexOf(name), value)


def test_loaded_outputs_are_joined_styled_and_follow_edits_after_reopen(std, tmp_path,
                                                                       qgis_new_project):
    project = QgsProject.instance()
    res = run("kmeans", {"INPUT": std["std"], "ID_FIELD": "OA_CODE", "K": 4, "RUNS": 5,
                         "SEED": 3, "OUTPUT": str(tmp_path / "areas.gpkg"),
                         "OUTPUT_LABELS": str(tmp_path / "labels.gpkg")}, load=True)
    areas = next(x for x in project.mapLayers().values() if x.source().startswith(res["OUTPUT"]))
    labels = next(x for x in project.mapLayers().values()
                  if x.source().startswith(res["OUTPUT_LABELS"]))
    assert project.layerTreeRoot().findLayer(areas.id()) is not None  # loaded into the layer tree
    assert areas.customProperty(ui_labels.PROP_LABELS) == labels.id()
    assert areas.customProperty(ui_labels.PROP_FIELD) == "cluster"
    # the percentages carried from standardise (raw_, see core.carried), as the docks show
    assert ui_labels.variables(areas)[:2] == ["raw_v01", "raw_v02"]
    assert "label_name" in areas.fields().names()
    first = next(areas.getFeatures())
    assert first["label_name"] == f"Cluster {first['cluster']}"
    assert categories(areas)["2"][0] == "2 Cluster 2"

    changed = []
    ui_labels.label_sync(project).labelsChanged.connect(changed.append)
    # uncommitted edits already show on the map
    labels.startEditing()
    _edit(labels, "2", name="Young renters", colour="#123456")
    assert categories(areas)["2"] == ("2 Young renters", "#123456")
    assert changed and changed[-1] == areas.id()
    assert labels.commitChanges()
    assert categories(areas)["2"] == ("2 Young renters", "#123456")
    assert next(f for f in areas.getFeatures() if f["cluster"] == "2")["label_name"] == \
        "Young renters"

    areas_id = areas.id()
    path = str(tmp_path / "project.qgz")
    assert project.write(path)
    project.clear()
    assert project.read(path)
    areas = project.mapLayer(areas_id)
    labels = ui_labels.linked_labels_layer(areas, project)
    assert labels is not None and categories(areas)["2"] == ("2 Young renters", "#123456")
    labels.startEditing()
    _edit(labels, "3", name="Family suburbs", colour="#00AA00")
    assert labels.commitChanges()
    assert categories(areas)["3"] == ("3 Family suburbs", "#00AA00")
    project.clear()
