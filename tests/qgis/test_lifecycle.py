"""A clean lifecycle (issue 10, item 5): unload() disconnects every signal the plugin connected
and releases every cache, so that after loading, unloading and reloading the plugin three times
(as QGIS's plugin reloader does) a label edit restyles the map exactly once and no handler of an
unloaded copy runs."""

from __future__ import annotations

import importlib
import sys

from conftest import register_provider
from qgis.core import QgsApplication, QgsFeature, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, Qt
from qgis.PyQt.QtTest import QTest

PACKAGE = "customer_segmentation"


def fresh_copy():
    """Import the plugin package anew (a reload: new module objects, new classes)."""
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    return importlib.import_module(PACKAGE)


def layers():
    areas = QgsVectorLayer("Polygon?crs=EPSG:27700&field=code:string&field=cluster:string", "areas",
                           "memory")
    feats = []
    for i in range(40):
        f = QgsFeature(areas.fields())
        f.setAttributes([f"E{i:04d}", str(1 + i % 4)])
        feats.append(f)
    areas.dataProvider().addFeatures(feats)
    labels = QgsVectorLayer("None?field=code:string&field=name:string&field=colour:string",
                            "labels", "memory")
    rows = []
    for c in "1234":
        f = QgsFeature(labels.fields())
        f.setAttributes([c, f"Cluster {c}", ""])
        rows.append(f)
    labels.dataProvider().addFeatures(rows)
    return areas, labels


def test_three_reloads_leave_one_set_of_handlers(qgis_iface, qgis_processing, qgis_new_project):
    registry = QgsApplication.processingRegistry()
    project = QgsProject.instance()
    original = {n: m for n, m in sys.modules.items()
                if n == PACKAGE or n.startswith(PACKAGE + ".")}
    stale_calls: list[str] = []
    leftovers: list[str] = []
    areas, labels = layers()
    project.addMapLayers([areas, labels])
    plugin = None
    try:
        for cycle in range(3):
            if registry.providerById("segmentation") is not None:
                registry.removeProvider(registry.providerById("segmentation"))
            package = fresh_copy()
            plugin = package.classFactory(qgis_iface)
            plugin.initGui()
            for action in plugin.dock_actions:  # open both docks: they connect to signals
                action.trigger()
            ui_labels = importlib.import_module(f"{PACKAGE}.ui.labels")
            styling = importlib.import_module(f"{PACKAGE}.ui.styling")
            assert ui_labels.link(areas, labels, "cluster", [], project)
            docks = list(plugin.docks.values())
            plugin.unload()
            plugin = None
            QTest.qWait(50)
            leftovers += [f"copy {cycle}: {what}" for what, kept in (
                ("label synchronisers", ui_labels._SYNCS), ("labels post-processors",
                                                            ui_labels._KEEP),
                ("style post-processors", styling._KEEP)) if kept]
            # anything of this copy that still runs after unload is recorded
            real = ui_labels.apply_labels

            def stale(*args, _cycle=cycle, _real=real, **kwargs):
                stale_calls.append(f"labels sync of copy {_cycle}")
                return _real(*args, **kwargs)

            ui_labels.apply_labels = stale
            for dock in docks:
                try:
                    dock.update_view = lambda *a, _c=cycle: stale_calls.append(f"dock {_c}")
                except RuntimeError:  # already deleted: nothing of it can run
                    pass
        # the copy loaded now
        if registry.providerById("segmentation") is not None:
            registry.removeProvider(registry.providerById("segmentation"))
        package = fresh_copy()
        plugin = package.classFactory(qgis_iface)
        plugin.initGui()
        for action in plugin.dock_actions:
            action.trigger()
        ui_labels = importlib.import_module(f"{PACKAGE}.ui.labels")
        assert ui_labels.link(areas, labels, "cluster", [], project)
        restyled = []
        areas.rendererChanged.connect(lambda: restyled.append(1))
        labels.startEditing()
        fid = next(f.id() for f in labels.getFeatures() if f["code"] == "2")
        assert labels.changeAttributeValue(fid, labels.fields().indexOf("name"), "Renters")
        QTest.qWait(300)
        assert len(restyled) == 1
        assert [c.label() for c in areas.renderer().categories()][1] == "2 Renters"
        assert stale_calls == []
        assert leftovers == []
        titles = [a.text() for a in qgis_iface.mainWindow().findChildren(
            QObject, "", Qt.FindChildOption.FindDirectChildrenOnly)
            if a.metaObject().className() == "QAction"]
        assert titles.count("Cluster summary") == 1  # the loaded copy's toggle only
        labels.rollBack()
    finally:
        if plugin is not None:
            plugin.unload()
        project.removeAllMapLayers()
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        sys.modules.update(original)  # the other tests' copy of the plugin, as it was
        if registry.providerById("segmentation") is not None:
            registry.removeProvider(registry.providerById("segmentation"))
        register_provider()
