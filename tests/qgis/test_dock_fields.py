"""The docks always show a meaningful classification: the cluster field the plugin recorded on
the layer, never an id field, and the officer's own choice kept per layer across new runs,
plugin reloads and project reopening (issue 11, item 1)."""

from __future__ import annotations

import pytest
from conftest import register_provider, run
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtTest import QTest

from customer_segmentation.ui.spider_dock import SpiderDock
from customer_segmentation.ui.summary_dock import ClusterSummaryDock


@pytest.fixture(scope="module")
def std(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    register_provider()
    d = tmp_path_factory.mktemp("dockfields")
    prep = run("preparevariables", {"INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"],
                                    "ID_FIELD": "OA_CODE", "KEEP_TOTALS": True,
                                    "OUTPUT": str(d / "prep.gpkg")})
    return run("standardise", {"INPUT": prep["OUTPUT"], "ID_FIELD": "OA_CODE", "TRANSFORM": 2,
                               "SCALE": 0, "OUTPUT": str(d / "std.gpkg")})["OUTPUT"]


def kmeans(std, tmp_path, name, seed=3, **extra):
    res = run("kmeans", {"INPUT": std, "ID_FIELD": "OA_CODE", "K": 4, "RUNS": 3, "SEED": seed,
                         "OUTPUT": str(tmp_path / f"{name}.gpkg"),
                         "OUTPUT_LABELS": str(tmp_path / f"{name}_labels.gpkg"), **extra},
               load=True)
    project = QgsProject.instance()
    return next(x for x in project.mapLayers().values() if x.source().startswith(res["OUTPUT"]))


def test_running_kmeans_again_with_both_docks_open_keeps_the_cluster_field(
        std, tmp_path, qgis_iface, qgis_new_project):
    first = kmeans(std, tmp_path, "first")
    qgis_iface.setActiveLayer(first)
    docks = [ClusterSummaryDock(qgis_iface), SpiderDock(qgis_iface)]
    for dock in docks:
        assert dock.layer_combo.currentLayer() == first
        assert dock.cluster_combo.currentField() == "cluster"
    project = QgsProject.instance()

    def make_active(layers):  # QGIS desktop makes a layer current as it is added
        qgis_iface.setActiveLayer(layers[-1])
        qgis_iface.currentLayerChanged.emit(layers[-1])

    project.layersAdded.connect(make_active)
    try:
        second = kmeans(std, tmp_path, "second", seed=4)
    finally:
        project.layersAdded.disconnect(make_active)
    QTest.qWait(300)
    for dock in docks:
        assert dock.layer_combo.currentLayer() == second
        assert dock.cluster_combo.currentField() == "cluster", type(dock).__name__
    QgsProject.instance().clear()


def test_reopening_a_project_that_saved_fid_shows_the_recorded_cluster_field(
        std, tmp_path, qgis_iface, qgis_new_project):
    """An earlier version saved `fid` as the spider's cluster field; after a plugin reload the
    dock drew every selected area as its own cluster. A saved id field is never restored."""
    project = QgsProject.instance()
    areas = kmeans(std, tmp_path, "saved")
    for key in ("spider", "summary"):  # as the earlier version wrote them
        project.writeEntry("CustomerSegmentation", f"{key}/layer", areas.id())
        project.writeEntry("CustomerSegmentation", f"{key}/cluster_field", "fid")
    path, areas_id = str(tmp_path / "saved.qgz"), areas.id()
    assert project.write(path)
    project.clear()
    assert project.read(path)
    spider, summary = SpiderDock(qgis_iface), ClusterSummaryDock(qgis_iface)  # plugin reloaded
    areas = project.mapLayer(areas_id)
    for dock in (spider, summary):
        assert dock.layer() == areas
        assert dock.cluster_field() == "cluster", type(dock).__name__
    areas.selectByIds(areas.allFeatureIds()[:29])
    QTest.qWait(300)
    assert "29 areas selected" in spider.status.text()
    assert len(spider.last_table) <= 1 + 4  # the selection and at most the 4 clusters
    project.clear()


def classified_layer(path, name="two codes"):
    """A GeoPackage layer with two code fields, marked with `cluster` as its cluster field."""
    from qgis.core import QgsCoordinateTransformContext, QgsFeature, QgsVectorFileWriter

    from customer_segmentation.ui.styling import mark_layer

    layer = QgsVectorLayer("None?field=code:string&field=cluster:string&field=alt:string"
                           "&field=pop:integer&field=v1:double", name, "memory")
    feats = []
    for i in range(120):
        f = QgsFeature(layer.fields())
        f.setAttributes([f"E{i:05d}", str(1 + i % 4), "abcdef"[i % 6], 100 + i, i / 10])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(),
                                              options)
    layer = QgsVectorLayer(str(path), name, "ogr")
    assert layer.isValid()
    mark_layer(layer, "cluster")
    return layer


def test_the_officers_choice_is_kept_per_layer_across_runs_and_reopening(
        std, tmp_path, qgis_iface, qgis_new_project):
    project = QgsProject.instance()
    mine = classified_layer(tmp_path / "mine.gpkg")
    project.addMapLayer(mine)
    qgis_iface.setActiveLayer(mine)
    summary, spider = ClusterSummaryDock(qgis_iface), SpiderDock(qgis_iface)
    for dock in (summary, spider):
        assert dock.layer() == mine and dock.cluster_field() == "cluster"
        dock.cluster_combo.setField("alt")  # the officer's choice
    new = kmeans(std, tmp_path, "another")  # a new run, shown when made active
    qgis_iface.setActiveLayer(new)
    qgis_iface.currentLayerChanged.emit(new)
    for dock in (summary, spider):
        assert dock.layer() == new and dock.cluster_field() == "cluster"
    qgis_iface.setActiveLayer(mine)
    qgis_iface.currentLayerChanged.emit(mine)
    for dock in (summary, spider):
        assert dock.layer() == mine and dock.cluster_field() == "alt"
    # id-like fields are never guessed: a layer with only an id has no cluster field
    ids = QgsVectorLayer("None?field=fid:integer&field=OA_CODE:string", "ids", "memory")
    from customer_segmentation.ui.cluster_dock import guess_cluster_field

    assert guess_cluster_field(ids) == ""
    # without a recorded cluster field: the finest recorded level, never an id
    from customer_segmentation.ui.styling import PROPERTY_PREFIX

    plain = classified_layer(tmp_path / "levels.gpkg", "levels")
    plain.removeCustomProperty(PROPERTY_PREFIX + "cluster_field")
    plain.setCustomProperty(PROPERTY_PREFIX + "level_fields", '["cluster", "alt"]')
    assert guess_cluster_field(plain) == "alt"
    plain.setCustomProperty(PROPERTY_PREFIX + "level_fields", '["code"]')  # one per area
    assert guess_cluster_field(plain) == "cluster"
    path = str(tmp_path / "choices.qgs")
    mine_id = mine.id()
    assert project.write(path)
    project.clear()
    assert project.read(path)
    again = SpiderDock(qgis_iface)  # QGIS restarted
    assert again.layer().id() == mine_id and again.cluster_field() == "alt"
    project.clear()


def test_a_loaded_output_keeps_what_its_algorithm_recorded_when_its_labels_are_joined(
        std, tmp_path, qgis_new_project, monkeypatch):
    """Processing keeps one post-processor per output: the labels linker runs the styler's
    (which marks the layer with the algorithm's properties) before linking."""
    from customer_segmentation.processing import base
    from customer_segmentation.ui import labels as ui_labels
    from customer_segmentation.ui.styling import layer_property

    real = base.SegmentationAlgorithm.style_later

    def style_later(self, dest_id, field, properties=None):
        real(self, dest_id, field, {**(properties or {}), "population_field": "Total_Population",
                                    "variables": '["v01", "v02"]'})

    monkeypatch.setattr(base.SegmentationAlgorithm, "style_later", style_later)
    areas = kmeans(std, tmp_path, "recorded")
    assert layer_property(areas, "population_field") == "Total_Population"
    assert ui_labels.variables(areas) == ["v01", "v02"]  # not overwritten by the link
    assert ui_labels.linked_labels_layer(areas) is not None
    QgsProject.instance().clear()


def test_a_kmeans_output_shows_people_and_percentages_in_the_docks(std, tmp_path, qgis_iface,
                                                                   qgis_new_project,
                                                                   sample_town):
    """End to end: what k-means records on its output (the carried totals, percentages and
    denominators) is what the docks show: people counted, real percentages against the whole
    area's rate, the variables named from the lookup."""
    import json

    from customer_segmentation.ui.styling import layer_property

    areas = kmeans(std, tmp_path, "carried", LOOKUP=sample_town["lookup"])
    qgis_iface.setActiveLayer(areas)
    summary, spider = ClusterSummaryDock(qgis_iface), SpiderDock(qgis_iface)
    population = layer_property(areas, "population_field")
    assert population and summary.population_combo.currentField() == population
    rows = summary.rows()
    total = sum(f[population] for f in areas.getFeatures())
    assert sum(float(r[3].replace(",", "")) for r in rows) == pytest.approx(total, abs=len(rows))
    assert total > 1000  # people, not a standardised column
    variables = json.loads(layer_property(areas, "variables"))
    assert spider.variables() == variables and spider.percentages()
    assert spider.reference() == "rate" and spider.denominators()
    assert "whole-area rate" in spider.mode_title()
    names = spider.chart.info["names"]
    assert any(names[f] != f for f in names)  # named from the lookup recorded on the output
    QgsProject.instance().clear()
