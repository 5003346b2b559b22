"""Counts for people and real percentages in the docks (issue 11, item 2, the docks' side):
the summary shows areas, population and households from the totals the plugin recorded on the
classified layer (never a standardised column summed as "Population"); the spider compares the
percentages with the whole area's rate (denominator-weighted) by default, or the mean of areas.
"""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtTest import QTest
from support.dock_layers import N, town

from customer_segmentation.ui.spider_dock import SpiderDock
from customer_segmentation.ui.summary_dock import ClusterSummaryDock


def test_summary_counts_people_from_the_recorded_totals(qgis_new_project, qgis_iface):
    layer, data = town()
    dock = ClusterSummaryDock(qgis_iface)
    dock.set_layer(layer)
    assert dock.population_combo.currentField() == "pop"
    assert dock.households_combo.currentField() == "hh"
    rows = dock.rows()
    assert [r[0] for r in rows] == ["1", "2", "3"], (dock.status.text(), dock.cluster_field())
    assert rows[0][3] == f"{data['pop'][data['cluster'] == '1'].sum():,.0f}"
    assert rows[1][4] == f"{data['hh'][data['cluster'] == '2'].sum():,.0f}"
    QgsProject.instance().removeAllMapLayers()


def test_summary_never_sums_a_standardised_column_as_population(qgis_new_project, qgis_iface):
    layer, _ = town(marked=False)
    layer.dataProvider().deleteAttributes([layer.fields().indexOf("pop")])
    layer.updateFields()
    dock = ClusterSummaryDock(qgis_iface)
    dock.set_layer(layer)
    assert dock.population_combo.currentField() == ""  # Total_Population is 0–1: not counts
    assert dock.table.columnCount() == 2  # cluster, areas
    assert "Population" not in [dock.table.horizontalHeaderItem(c).text()
                                for c in range(dock.table.columnCount())]
    QgsProject.instance().removeAllMapLayers()


def test_spider_compares_percentages_with_the_whole_area_rate(qgis_new_project, qgis_iface):
    layer, data = town()
    dock = SpiderDock(qgis_iface)
    dock.set_layer(layer)
    assert dock.variables() == ["unemp_pct", "rent_pct"]
    assert dock.reference() == "rate" and dock.reference_combo.isEnabled()
    t = dock.last_table
    one = data["cluster"] == "1"
    rate = (data["unemp_pct"] * data["adults"]).sum() / data["adults"].sum()
    rate1 = (data["unemp_pct"][one] * data["adults"][one]).sum() / data["adults"][one].sum()
    assert t.attrs["reference"]["unemp_pct"] == pytest.approx(rate)
    label = next(i for i in t.index if i.startswith("1"))
    assert t.attrs["values"].loc[label, "unemp_pct"] == pytest.approx(rate1)
    assert t.loc[label, "unemp_pct"] == pytest.approx(100 * rate1 / rate)
    assert "whole-area rate" in dock.mode_title()
    assert "standardised" not in dock.status.text()
    # the mean of areas instead
    dock.reference_combo.setCurrentIndex(dock.reference_combo.findData("mean"))
    t = dock.last_table
    assert t.attrs["reference"]["unemp_pct"] == pytest.approx(data["unemp_pct"].mean())
    assert t.loc[label, "unemp_pct"] == pytest.approx(
        100 * data["unemp_pct"][one].mean() / data["unemp_pct"].mean())
    # selection: its pooled rate against the whole area's
    ids = sorted(layer.allFeatureIds())[:10]
    dock.reference_combo.setCurrentIndex(dock.reference_combo.findData("rate"))
    layer.selectByIds(ids)
    QTest.qWait(300)
    sel = np.arange(N) < 10
    t = dock.last_table
    assert t.loc["Selected areas", "rent_pct"] == pytest.approx(
        100 * ((data["rent_pct"][sel] * data["hh"][sel]).sum() / data["hh"][sel].sum())
        / ((data["rent_pct"] * data["hh"]).sum() / data["hh"].sum()))
    QgsProject.instance().removeAllMapLayers()


def test_spider_says_when_it_compares_standardised_values(qgis_new_project, qgis_iface):
    layer, _ = town(marked=False)
    dock = SpiderDock(qgis_iface)
    dock.set_layer(layer, "cluster", ["unemp_pct", "rent_pct"])
    assert dock.reference() == "mean" and not dock.reference_combo.isEnabled()
    assert "values as on the layer" in dock.status.text()  # not claimed to be percentages
    assert "percentages" not in dock.mode_title()
    dock.set_variables(["Total_Population"])  # scaled 0–1, as standardise leaves it
    dock._variables_chosen()
    assert "standardised values" in dock.status.text()
    assert "standardised" in dock.mode_title() and "mean of areas" in dock.mode_title()
    QgsProject.instance().removeAllMapLayers()


def test_the_lookup_is_read_once_not_on_every_selection_change(qgis_new_project, qgis_iface,
                                                                tmp_path, monkeypatch):
    import shutil

    from conftest import SAMPLE

    from customer_segmentation.ui import docks_common

    reads = []
    real = docks_common._read_lookup
    monkeypatch.setattr(docks_common, "_read_lookup", lambda p: reads.append(p) or real(p))
    lookup = shutil.copy(SAMPLE / "sample_town_lookup.csv", tmp_path / "lookup.csv")
    layer, _ = town()
    dock = SpiderDock(qgis_iface)
    dock.set_layer(layer)
    dock.lookup_widget.setFilePath(str(lookup))
    for n in (5, 10, 20):
        layer.selectByIds(sorted(layer.allFeatureIds())[:n])
        QTest.qWait(250)
    assert "20 areas selected" in dock.status.text()
    assert reads == [str(lookup)]
    QgsProject.instance().removeAllMapLayers()
