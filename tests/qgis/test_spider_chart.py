"""The spider chart in the dock (issue 11, item 3): drawn at the dock's size and redrawn on
resize, text at the desktop's font size (at least 9 pt), distinct reference and selection
styles, hover shows variable, value and index, a click on a legend entry hides or shows a
line, and a 60-variable classification shown as its 12 most distinctive variables, grouped by
domain, with no two labels overlapping. Also the documentation's picture of it."""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, SHARED_DATA
from qgis.core import QgsFeature, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest
from support.dock_layers import town

from customer_segmentation.ui.spider_dock import SpiderDock
from customer_segmentation.ui.styling import mark_layer

LOOKUP = ROOT / "lookups" / "oac2011_60_variables.csv"
LEICESTER = SHARED_DATA / "leicester_2011"
DEFAULT_DOCK = (380, 760)  # about what QGIS gives a dock on the right of a 1280×800 window


@pytest.fixture(autouse=True)
def no_other_docks_on_screen(qgis_app):
    """Docks left shown by earlier tests would lie over this one (mouse events go to them)."""
    from qgis.gui import QgsDockWidget
    from qgis.PyQt.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QgsDockWidget) and widget.isVisible():
            widget.hide()
    yield


def settle(ms=200):
    QTest.qWait(ms)


def spider_for(layer, qgis_iface, size=DEFAULT_DOCK):
    dock = SpiderDock(qgis_iface)
    dock.resize(*size)
    dock.show()
    dock.set_layer(layer)
    settle()
    return dock


def texts(fig):
    return [t for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and
                                   hasattr(a, "get_text") and a.get_visible() and
                                   a.get_text().strip())]


def test_chart_fills_the_dock_follows_resizes_and_uses_readable_text(qgis_new_project,
                                                                     qgis_iface):
    layer, _ = town()
    dock = spider_for(layer, qgis_iface)
    canvas = dock.chart
    w, h = canvas.width(), canvas.height()
    fig_w, fig_h = canvas.figure.get_size_inches() * canvas.figure.dpi
    assert (fig_w, fig_h) == pytest.approx((w * canvas.devicePixelRatioF(),
                                            h * canvas.devicePixelRatioF()), abs=2)
    assert w > 300 and h > 300  # the chart takes the dock's room
    sizes = [t.get_fontsize() for t in texts(canvas.figure)]
    assert sizes and min(sizes) >= 9
    box = canvas.info["ax"].get_position().bounds
    dock.resize(700, 1000)
    settle(300)
    assert canvas.width() > w + 200
    fig_w2, _ = canvas.figure.get_size_inches() * canvas.figure.dpi
    assert fig_w2 == pytest.approx(canvas.width() * canvas.devicePixelRatioF(), abs=2)
    assert canvas.info["ax"].get_position().bounds != box  # laid out again, not stretched
    assert min(t.get_fontsize() for t in texts(canvas.figure)) >= 9
    QgsProject.instance().removeAllMapLayers()


def test_reference_and_selection_are_drawn_differently(qgis_new_project, qgis_iface):
    layer, _ = town()
    dock = spider_for(layer, qgis_iface)
    layer.selectByIds(sorted(layer.allFeatureIds())[:8])
    settle(300)
    info = dock.chart.info
    ref, sel = info["reference"], info["lines"]["Selected areas"]
    clusters = [line for name, line in info["lines"].items() if name != "Selected areas"]
    assert ref.get_linestyle() != sel.get_linestyle() or ref.get_color() != sel.get_color()
    assert ref.get_color() != sel.get_color()
    assert sel.get_linewidth() > max(c.get_linewidth() for c in clusters)
    assert sel.get_marker() not in (None, "None", "")
    assert ref.get_label() == "Whole-area rate"
    QgsProject.instance().removeAllMapLayers()


def test_hover_shows_variable_value_and_index(qgis_new_project, qgis_iface):
    layer, data = town()
    dock = spider_for(layer, qgis_iface)
    info, t = dock.chart.info, dock.last_table
    j = info["fields"].index("unemp_pct")
    name = next(n for n in t.index if n.startswith("2"))
    text = dock.chart.hover_text(info["angles"][j], t.loc[name, "unemp_pct"])
    assert "unemp_pct" in text and name in text
    assert f"{t.attrs['values'].loc[name, 'unemp_pct']:,.1f}" in text
    assert f"index {t.loc[name, 'unemp_pct']:.0f}" in text
    assert "Whole-area rate" in text
    # and with the mouse: the tooltip over that vertex says the same
    from qgis.PyQt.QtWidgets import QToolTip

    canvas = dock.chart
    canvas.draw()
    x, y = info["ax"].transData.transform((info["angles"][j], t.loc[name, "unemp_pct"]))
    ratio = canvas.devicePixelRatioF()
    canvas.window().raise_()
    canvas.window().activateWindow()
    QTest.mouseMove(canvas, QPoint(2, 2))
    settle(50)
    QTest.mouseMove(canvas, QPoint(int(x / ratio), int(canvas.height() - y / ratio)))
    settle(100)
    assert QToolTip.isVisible() and name in QToolTip.text() and "index" in QToolTip.text()
    QgsProject.instance().removeAllMapLayers()


def test_clicking_a_legend_entry_hides_and_shows_a_cluster(qgis_new_project, qgis_iface):
    layer, _ = town()
    dock = spider_for(layer, qgis_iface)
    canvas = dock.chart
    canvas.draw()
    legend = canvas.info["legend"]
    entry = next(t for t in legend.get_texts() if t.get_text().startswith("2"))
    name = entry.get_text()
    renderer = canvas.get_renderer()
    box = entry.get_window_extent(renderer)
    ratio = canvas.devicePixelRatioF()
    point = QPoint(int((box.x0 + box.x1) / 2 / ratio),
                   int(canvas.height() - (box.y0 + box.y1) / 2 / ratio))
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    settle()
    assert name in canvas.hidden and not canvas.info["lines"][name].get_visible()
    entry = next(t for t in canvas.info["legend"].get_texts() if t.get_text() == name)
    box = entry.get_window_extent(canvas.get_renderer())
    point = QPoint(int((box.x0 + box.x1) / 2 / ratio),
                   int(canvas.height() - (box.y0 + box.y1) / 2 / ratio))
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    settle()
    assert name not in canvas.hidden and canvas.info["lines"][name].get_visible()
    QgsProject.instance().removeAllMapLayers()


def sixty_variables():
    """Leicester's 969 OAs: the 60 OAC variables as percentages of their denominators, with the
    published 2011 OAC supergroups (../shared/data); else generated values, same lookup."""
    lookup = pd.read_csv(LOOKUP, dtype=str)
    variables = [c for c in lookup["VariableCode"] if not c.startswith("Total_")]
    source = LEICESTER / "2011_OAC_Raw_kVariables_Leicester.csv"
    if source.exists():
        raw = pd.read_csv(source)
        oac = pd.read_csv(LEICESTER / "Leicester_OA_lookup_and_published_OAC.csv", dtype=str)
        raw = raw.merge(oac[["OA11CD", "supgrpcode"]], left_on="OA", right_on="OA11CD")
        full = pd.read_csv(LEICESTER / "2011_OAC_Raw_kVariables_Lookup.csv", dtype=str)
        totals = {"Person": "Total_Population", "Household": "Total_Households",
                  "Person_16_Over": "Total_Population_16_and_over",
                  "Person_16_to_74": "Total_Population_16_to_74",
                  "Not_Students_16_to_74": "Total_Pop_No_NI_Students_16_to_74",
                  "Employment_16_to_74": "Total_Employment_16_to_74",
                  "Person_3_Over": "Total_Population_3_and_over",
                  "Count": "Total_Household_Spaces"}
        unit = dict(zip(full["VariableCode"], full["VariableStatisticalUnit"]))
        denominators = {v: totals[unit[v]] for v in variables if unit.get(v) in totals}
        frame = pd.DataFrame({"code": raw["OA"], "cluster": raw["supgrpcode"]})
        for v in variables:
            d = denominators.get(v)
            frame[v] = 100 * raw[v] / raw[d].where(raw[d] > 0) if d else raw[v]
            frame[v] = frame[v].fillna(0.0)
        for d in sorted(set(denominators.values())):
            frame[d] = raw[d]
        source_name = "Leicester 2011, published OAC supergroups"
    else:
        rng = np.random.default_rng(11)
        n = 400
        frame = pd.DataFrame({"code": [f"E{i:05d}" for i in range(n)],
                              "cluster": [str(1 + i % 8) for i in range(n)]})
        centres = rng.uniform(2, 40, (8, len(variables)))
        for j, v in enumerate(variables):
            frame[v] = np.clip(centres[frame["cluster"].astype(int) - 1, j] +
                               rng.normal(0, 4, n), 0, 100)
        denominators = {}
        source_name = "generated values, 2011 OAC lookup"
    return frame, variables, denominators, source_name


def layer_from(frame, variables, denominators):
    uri = "Polygon?crs=EPSG:27700" + "".join(
        f"&field={c}:{'string' if c in ('code', 'cluster') else 'double'}"
        for c in frame.columns)
    layer = QgsVectorLayer(uri, "OAC 60 variables", "memory")
    feats = []
    for row in frame.itertuples(index=False):
        f = QgsFeature(layer.fields())
        f.setAttributes([str(v) if isinstance(v, str) else float(v) for v in row])
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)[0]
    mark_layer(layer, "cluster", {"variables": json.dumps(variables),
                                  "denominators": json.dumps(denominators),
                                  "lookup": str(LOOKUP)})
    QgsProject.instance().addMapLayer(layer)
    return layer


def overlaps(boxes):
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if boxes[i].overlaps(boxes[j])]


def test_sixty_variables_show_the_twelve_most_distinctive_by_domain(qgis_new_project,
                                                                    qgis_iface, tmp_path):
    frame, variables, denominators, source_name = sixty_variables()
    assert len(variables) == 60
    layer = layer_from(frame, variables, denominators)
    names = LEICESTER / "boundaries" / "Cluster_Names.csv"
    if names.exists():  # the published supergroup names, as a labels table
        from customer_segmentation.core.labels import parse_names_list
        from customer_segmentation.ui import labels as ui_labels

        known = parse_names_list(names.read_text(encoding="utf-8", errors="replace"))
        table = QgsVectorLayer("None?field=code:string&field=name:string", "OAC names",
                               "memory")
        rows = []
        for code in sorted(set(frame["cluster"])):
            f = QgsFeature(table.fields())
            f.setAttributes([code, known.get(code, "")])
            rows.append(f)
        table.dataProvider().addFeatures(rows)
        QgsProject.instance().addMapLayer(table)
        assert ui_labels.link(layer, table, "cluster", variables)
    dock = spider_for(layer, qgis_iface)
    codes = sorted(set(frame["cluster"]))
    ids = [f.id() for f in layer.getFeatures() if f["cluster"] == codes[1]][:30]
    layer.selectByIds(ids)
    settle(400)
    assert dock.variables() == variables and dock.distinctive_spin.value() == 12
    t = dock.last_table
    assert len(t.columns) == 12
    assert "12 most distinctive of 60" in dock.status.text()
    chart = dock.chart.info
    domains = pd.read_csv(LOOKUP, dtype=str).set_index("VariableCode")["VariableDomain"]
    drawn = [domains[f] for f in chart["fields"]]
    assert drawn == sorted(drawn, key=lambda d: drawn.index(d))  # grouped by domain
    dock.chart.draw()
    renderer = dock.chart.get_renderer()
    labels = [lbl.get_window_extent(renderer) for lbl in chart["labels"]]
    assert overlaps(labels) == []
    assert min(t.get_fontsize() for t in texts(dock.chart.figure)) >= 9
    # exports keep working
    png, svg = dock.export(str(tmp_path / "s.png")), dock.export(str(tmp_path / "s.svg"))
    assert png.read_bytes()[:4] == b"\x89PNG" and "<svg" in svg.read_text()[:500]
    out = ROOT / "docs" if os.environ.get("UPDATE_DOCS") == "1" else tmp_path
    path = out / "spider_dock_60_variables.png"
    body = dock.widget().widget()  # the whole dock, scrolled down to the key too
    assert body.grab().save(str(path))
    print(f"\n{path}: {source_name}")
    QgsProject.instance().removeAllMapLayers()
