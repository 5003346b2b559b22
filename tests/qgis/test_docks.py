"""The cluster summary and spider docks in a real (offscreen) QGIS application."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import register_provider
from qgis.core import QgsFeature, QgsProject, QgsVectorLayer
from qgis.PyQt.QtTest import QTest

from customer_segmentation.ui import labels as ui_labels
from customer_segmentation.ui.docks_common import LayerData
from customer_segmentation.ui.spider_dock import SpiderDock
from customer_segmentation.ui.summary_dock import ClusterSummaryDock

V = [f"v{i:02d}" for i in range(1, 23)]
SHOTS = Path(os.environ.get("DOCK_SHOTS", "/tmp/customer_segmentation_docks"))


def run(alg, params):
    import processing

    return processing.run(alg, params)


@pytest.fixture(scope="module")
def town_files(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """Percentages + cluster + population/households of the sample town, and its labels."""
    register_provider()
    d = tmp_path_factory.mktemp("docks")
    prep = run("segmentation:preparevariables", {
        "INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "KEEP_TOTALS": False, "OUTPUT": str(d / "prep.gpkg")})["OUTPUT"]
    std = run("segmentation:standardise", {"INPUT": prep, "ID_FIELD": "OA_CODE", "TRANSFORM": 2,
                                           "SCALE": 0, "OUTPUT": str(d / "std.gpkg")})["OUTPUT"]
    km = run("segmentation:kmeans", {"INPUT": std, "ID_FIELD": "OA_CODE", "K": 5, "RUNS": 10,
                                     "SEED": 4, "OUTPUT": str(d / "km.gpkg"),
                                     "OUTPUT_LABELS": str(d / "labels.gpkg")})
    step = run("native:joinattributestable", {
        "INPUT": prep, "FIELD": "OA_CODE", "INPUT_2": km["OUTPUT"], "FIELD_2": "OA_CODE",
        "FIELDS_TO_COPY": ["cluster"], "METHOD": 1, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    town = run("native:joinattributestable", {
        "INPUT": step, "FIELD": "OA_CODE", "INPUT_2": sample_town["areas"],
        "FIELD_2": "OA_CODE", "FIELDS_TO_COPY": ["Total_Population", "Total_Households"],
        "METHOD": 1, "OUTPUT": str(d / "town.gpkg")})["OUTPUT"]
    return {"dir": d, "town": town, "labels": km["OUTPUT_LABELS"]}


@pytest.fixture
def town(town_files, qgis_new_project, tmp_path):
    """The layers loaded and linked; fresh copies, as the tests edit them."""
    import shutil

    project = QgsProject.instance()
    paths = [shutil.copy(town_files[k], tmp_path / f"{k}.gpkg") for k in ("town", "labels")]
    areas = QgsVectorLayer(str(paths[0]), "Sample town clusters", "ogr")
    labels = QgsVectorLayer(str(paths[1]), "Cluster labels", "ogr")
    assert areas.isValid() and labels.isValid()
    project.addMapLayers([areas, labels])
    assert ui_labels.link(areas, labels, "cluster", V, project)
    yield areas, labels
    project.clear()


def activate(iface, layer):
    iface.setActiveLayer(layer)
    iface.currentLayerChanged.emit(iface.mapCanvas())


def settle(ms=400):
    QTest.qWait(ms)


def shot(dock, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    dock.resize(460, 820)
    dock.show()
    settle(50)
    path = SHOTS / name
    assert dock.grab().save(str(path))
    return path


def rename(labels, code, **values):
    labels.startEditing()
    fid = next(f.id() for f in labels.getFeatures() if f["code"] == code)
    for k, v in values.items():
        labels.changeAttributeValue(fid, labels.fields().indexOf(k), v)
    assert labels.commitChanges()


def test_summary_dock_counts_names_and_selection(town, qgis_iface):
    areas, labels = town
    dock = ClusterSummaryDock(qgis_iface)
    activate(qgis_iface, areas)
    assert dock.layer_combo.currentLayer() == areas
    assert dock.cluster_combo.currentField() == "cluster"
    assert dock.population_combo.currentField() == "Total_Population"
    assert dock.households_combo.currentField() == "Total_Households"
    feats = list(areas.getFeatures())
    codes = np.array([f["cluster"] for f in feats])
    pop = np.array([f["Total_Population"] for f in feats], dtype=float)
    rows = dock.rows()
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r[1] for r in rows] == [f"Cluster {i}" for i in range(1, 6)]
    assert sum(int(r[2].replace(",", "")) for r in rows) == 320
    assert rows[0][3] == f"{pop[codes == '1'].sum():,.0f}"
    assert "All 320 areas" in dock.status.text()
    # selection: only the clusters selected, updated after the debounce
    chosen = [f.id() for f in feats if f["cluster"] in ("2", "4")][:25]
    areas.selectByIds(chosen)
    settle()
    sel = np.isin([f.id() for f in feats], chosen)
    rows = dock.rows()
    assert "25 of 320 areas selected" in dock.status.text()
    assert {r[0] for r in rows} <= {"2", "4"}
    assert sum(int(r[2]) for r in rows) == 25
    assert sum(float(r[3].replace(",", "")) for r in rows) == pytest.approx(pop[sel].sum(),
                                                                            abs=len(rows))
    # renaming a cluster in the labels table renames it in the dock
    rename(labels, rows[0][0], name="Terraced families")
    settle()
    assert dock.rows()[0][1] == "Terraced families"
    assert dock.chart.pixmap() is not None and not dock.chart.pixmap().isNull()
    assert shot(dock, "summary_dock.png").stat().st_size > 5000


def test_a_dock_opened_later_shows_the_classified_layer_with_its_fields(town, qgis_iface):
    areas, labels = town
    project = QgsProject.instance()
    qgis_iface.setActiveLayer(labels)  # the labels table is active: not a classified layer
    project.setDirty(False)
    summary, spider = ClusterSummaryDock(qgis_iface), SpiderDock(qgis_iface)
    for dock in (summary, spider):
        assert dock.layer_combo.currentLayer() == areas
        assert dock.cluster_combo.currentField() == "cluster"
    assert summary.population_combo.currentField() == "Total_Population"
    assert spider.variables()[:2] == ["v01", "v02"]
    assert not project.isDirty()  # opening a dock changes nothing in the project


def test_officer_picks_another_labels_table_or_none(town, town_files, qgis_iface, tmp_path):
    import shutil

    areas, labels = town
    project = QgsProject.instance()
    dock = ClusterSummaryDock(qgis_iface)
    activate(qgis_iface, areas)
    assert dock.labels_combo.currentLayer() == labels
    other = QgsVectorLayer(str(shutil.copy(town_files["labels"], tmp_path / "older.gpkg")),
                           "Older labels", "ogr")
    project.addMapLayer(other)
    rename(other, "1", name="Suburban owners")
    listed = {dock.labels_combo.layer(i) for i in range(dock.labels_combo.count())}
    assert {labels, other} <= listed and areas not in listed  # labels tables only
    dock.labels_combo.setLayer(other)
    settle()
    assert ui_labels.linked_labels_layer(areas, project) == other
    assert dock.rows()[0][1] == "Suburban owners"
    assert "1 Suburban owners" in [c.label() for c in areas.renderer().categories()]
    dock.labels_combo.setLayer(None)
    settle()
    assert ui_labels.linked_labels_layer(areas, project) is None
    assert dock.rows()[0][1] != "Suburban owners"
    assert [c.label() for c in areas.renderer().categories()][0] == "1"
    assert not [j for j in areas.vectorJoins() if j.joinLayerId() == other.id()]


def test_spider_dock_profile_modes_and_export(town, qgis_iface, tmp_path):
    areas, labels = town
    dock = SpiderDock(qgis_iface)
    activate(qgis_iface, areas)
    assert dock.cluster_combo.currentField() == "cluster" and dock.variables() == V
    t = dock.last_table
    assert list(t.index) == [f"{i} Cluster {i}" for i in range(1, 6)]
    feats = list(areas.getFeatures())
    X = np.array([[f[v] for v in V] for f in feats], dtype=float)
    codes = np.array([f["cluster"] for f in feats])
    chosen = [f.id() for f, c in zip(feats, codes) if c == "3"][:10]
    rename(labels, "3", name="Students")
    areas.selectByIds(chosen)
    settle()
    t = dock.last_table
    assert list(t.index) == ["Selected areas", "3 Students"]
    sel = np.isin([f.id() for f in feats], chosen)
    assert t.loc["Selected areas", "v15"] == pytest.approx(
        100 * X[sel, 14].mean() / X[:, 14].mean())
    assert t.loc["3 Students", "v15"] == pytest.approx(
        100 * X[codes == "3", 14].mean() / X[:, 14].mean())
    assert "10 areas selected" in dock.status.text()
    dock.mode_combo.setCurrentIndex(dock.mode_combo.findData("zscore"))
    t = dock.last_table
    assert t.loc["Selected areas", "v15"] == pytest.approx(
        (X[sel, 14].mean() - X[:, 14].mean()) / X[:, 14].std())
    dock.clusters_check.setChecked(False)
    assert list(dock.last_table.index) == ["Selected areas"]
    dock.clusters_check.setChecked(True)
    dock.mode_combo.setCurrentIndex(dock.mode_combo.findData("index"))
    from conftest import SAMPLE

    dock.lookup_widget.setFilePath(str(SAMPLE / "sample_town_lookup.csv"))
    png, svg = dock.export(str(tmp_path / "s.png")), dock.export(str(tmp_path / "s.svg"))
    assert png.read_bytes()[:4] == b"\x89PNG" and "Social rented" in svg.read_text()
    assert shot(dock, "spider_dock.png").stat().st_size > 5000


def test_docks_survive_saving_and_reopening(town, town_files, qgis_iface, tmp_path):
    areas, _ = town
    summary, spider = ClusterSummaryDock(qgis_iface), SpiderDock(qgis_iface)
    summary.set_layer(areas, "cluster", population="", households="Total_Households")
    spider.set_layer(areas, "cluster", ["v14", "v15", "v16"], "zscore")
    path = str(tmp_path / "docks.qgz")
    project = QgsProject.instance()
    assert project.write(path)
    areas_id = areas.id()
    project.clear()
    summary.layer_combo.setLayer(None)
    assert summary.rows() == []
    assert project.read(path)
    settle(50)
    assert summary.layer_combo.currentLayer().id() == areas_id
    assert summary.population_combo.currentField() == ""
    assert summary.households_combo.currentField() == "Total_Households"
    assert summary.rows() and summary.table.columnCount() == 4
    assert spider.layer_combo.currentLayer().id() == areas_id
    assert spider.variables() == ["v14", "v15", "v16"] and spider.mode() == "zscore"
    assert list(spider.last_table.columns) == ["v14", "v15", "v16"]
    # and fresh docks (QGIS restarted) read the same state when the project opens
    project.clear()
    again = SpiderDock(qgis_iface)
    assert project.read(path)
    assert again.variables() == ["v14", "v15", "v16"] and again.mode() == "zscore"


def test_twenty_thousand_areas_stay_responsive(qgis_new_project, qgis_iface):
    n = 20_000
    layer = QgsVectorLayer("None?field=cluster:string&field=pop:double&field=a:double"
                           "&field=b:double", "big", "memory")
    rng = np.random.default_rng(1)
    codes = rng.integers(1, 9, n).astype(str)
    pop = rng.integers(100, 400, n).astype(float)
    a, b = rng.random(n), rng.random(n)
    feats = []
    for i in range(n):
        f = QgsFeature(layer.fields())
        f.setAttributes([str(codes[i]), float(pop[i]), float(a[i]), float(b[i])])
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)[0]
    QgsProject.instance().addMapLayer(layer)
    t0 = time.perf_counter()
    data = LayerData(layer, "cluster", ["pop"])
    read = time.perf_counter() - t0
    assert len(data) == n and data.codes == [str(i) for i in range(1, 9)]
    summary = ClusterSummaryDock(qgis_iface)
    summary.set_layer(layer, "cluster", population="pop", households="")
    ids = layer.allFeatureIds()
    layer.selectByIds(ids[::3])
    t0 = time.perf_counter()
    summary.update_view()
    update = time.perf_counter() - t0
    rows = summary.rows()
    assert sum(int(r[2].replace(",", "")) for r in rows) == len(ids[::3])
    spider = SpiderDock(qgis_iface)
    spider.set_layer(layer, "cluster", ["a", "b"])
    t0 = time.perf_counter()
    spider.update_view()
    spider_update = time.perf_counter() - t0
    print(f"\n20,000 areas: read {read:.2f}s, summary update {update:.3f}s, "
          f"spider update {spider_update:.3f}s")
    assert read < 5 and update < 1.0 and spider_update < 2.0


def test_plugin_adds_and_removes_the_docks(qgis_iface, qgis_processing):
    from qgis.core import QgsApplication

    import customer_segmentation

    plugin = customer_segmentation.classFactory(qgis_iface)
    registry = QgsApplication.processingRegistry()
    if registry.providerById("segmentation") is not None:  # another test's: take it out
        registry.removeProvider(registry.providerById("segmentation"))
    plugin.initGui()
    try:
        assert plugin.docks == {}  # made when first opened: nothing at start-up
        assert len(plugin.dock_actions) == 2
        action = plugin.dock_actions[0]
        action.trigger()
        assert set(plugin.docks) == {"summary"}
        assert not plugin.docks["summary"].isHidden()  # shown (the mock window is not)
        plugin.dock_actions[1].trigger()
        assert set(plugin.docks) == {"summary", "spider"}
        plugin.dock_actions[1].setChecked(False)
        assert plugin.docks["spider"].isHidden()
    finally:
        plugin.unload()
        register_provider()
    assert plugin.docks == {} and plugin.dock_actions == []


def test_docks_open_again_with_the_project(qgis_iface, qgis_processing, tmp_path):
    from qgis.core import QgsApplication

    import customer_segmentation

    registry = QgsApplication.processingRegistry()
    project, path = QgsProject.instance(), str(tmp_path / "docks.qgs")

    def session():
        if registry.providerById("segmentation") is not None:  # another test's: take it out
            registry.removeProvider(registry.providerById("segmentation"))
        plugin = customer_segmentation.classFactory(qgis_iface)
        plugin.initGui()
        return plugin

    plugin = session()
    try:
        plugin.dock_actions[1].trigger()  # the spider chart only
        assert project.write(path)
        assert '<customer-segmentation-docks open="spider"' in Path(path).read_text()
        plugin.dock_actions[1].setChecked(False)
        project.clear()
        assert project.read(path)
        assert not plugin.docks["spider"].isHidden() and "summary" not in plugin.docks
    finally:
        plugin.unload()
    project.clear()
    plugin = session()  # a later QGIS session: no dock until the project asks for one
    try:
        assert plugin.docks == {}
        assert project.read(path)
        assert set(plugin.docks) == {"spider"} and not plugin.docks["spider"].isHidden()
    finally:
        plugin.unload()
        project.clear()
        register_provider()


@pytest.mark.skipif(not (__import__("shutil").which("xvfb-run") and
                         __import__("shutil").which("qgis")), reason="xvfb-run or qgis missing")
def test_screenshot_of_qgis_desktop_with_the_docks(tmp_path):
    """QGIS desktop under Xvfb loads the plugin, classifies the sample town, opens the docks
    and grabs its main window (scripts/screenshot.py; docs/screenshot_docks.png is one)."""
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "shot.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    python = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
    res = subprocess.run([python, str(ROOT / "scripts" / "screenshot.py"), str(out)], env=env,
                         timeout=300, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 600
