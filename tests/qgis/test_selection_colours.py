"""Selected areas stay visible: no cluster colour of the plugin's categorised styles is close
to the project's selection colour (CIE76 ΔE at least core.colours.MIN_DISTANCE)."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QColor

from customer_segmentation.core.colours import MIN_DISTANCE, cluster_colours, distance
from customer_segmentation.ui import labels as ui_labels
from customer_segmentation.ui.styling import apply_categorised


def areas(codes):
    layer = QgsVectorLayer("Polygon?crs=EPSG:27700&field=cluster:string", "areas", "memory")
    feats = []
    for c in codes:
        f = QgsFeature(layer.fields())
        f.setAttributes([c])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    QgsProject.instance().addMapLayer(layer)
    return layer


def symbol_colours(layer):
    return {c.value(): c.symbol().color().name().upper() for c in layer.renderer().categories()}


FLAT = [str(i) for i in range(1, 17)]
NESTED = [f"{i}{x}" for i in range(1, 9) for x in "abc"]


@pytest.mark.parametrize("selection", ["#FFFF00", "#56B4E9", "#E69F00", "#FF0000"])
@pytest.mark.parametrize("codes", [FLAT, NESTED], ids=["16 clusters", "8x3 groups"])
def test_no_cluster_colour_is_close_to_the_selection_colour(qgis_new_project, selection,
                                                             codes):
    project = QgsProject.instance()
    project.setSelectionColor(QColor(selection))
    layer = areas(codes)
    assert apply_categorised(layer, "cluster")
    colours = symbol_colours(layer)
    assert len(colours) == len(codes)
    near = {c: round(distance(col, project.selectionColor().name()), 1)
            for c, col in colours.items()
            if distance(col, project.selectionColor().name()) < MIN_DISTANCE}
    assert near == {}
    assert len(set(colours.values())) == len(codes)  # still one colour per cluster
    project.removeAllMapLayers()


def test_colours_from_a_labels_table_are_kept_clear_of_the_selection(qgis_new_project):
    """Even a labels table naming the selection colour itself does not hide selected areas."""
    project = QgsProject.instance()
    layer = areas(["1", "2", "3", "4"])
    assert ui_labels.apply_renderer(layer, "cluster", {"1": "Owners"},
                                    {"1": "#FFFF00", "2": "#123456"})
    colours = symbol_colours(layer)
    assert colours["2"] == "#123456"  # a colour far from the selection is the officer's own
    assert distance(colours["1"], project.selectionColor().name()) >= MIN_DISTANCE
    project.removeAllMapLayers()


def test_default_palette_leaves_out_the_default_selection_yellow():
    colours = cluster_colours(range(1, 9))
    assert min(distance(c, "#FFFF00") for c in colours.values()) >= MIN_DISTANCE
