"""Categorised cluster styles (the plugin's one way to colour a classified layer), applied in the
main thread after an algorithm has run, and the marks the docks read on a classified layer."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsProject,
    QgsRendererCategory,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..core.codes import natural_key
from ..core.colours import away_from, cluster_colours

PROPERTY_PREFIX = "customer_segmentation/"
STYLED_SUFFIXES = (".gpkg", ".shp", ".geojson", ".fgb", ".sqlite")  # get a .qml beside them


def mark_layer(layer: QgsVectorLayer, field: str, properties: dict | None = None) -> None:
    """Record on the layer what the plugin wrote: the cluster field (the docks read it instead of
    guessing) and any other `properties` (str values), saved with the project and the .qml.

    Keys the docks read (all strings; lists and maps as JSON):
    `cluster_field` (always), `level_fields` (hierarchy fields, coarse to fine),
    `population_field`, `households_field` (unstandardised totals), `variables` (percentage
    variables on the layer, unstandardised), `denominators` (variable → denominator count field,
    for the whole-area rate), `lookup` (the variable lookup CSV, with its domain column)."""
    set_properties(layer, {"cluster_field": field, **(properties or {})})


def set_properties(layer: QgsVectorLayer, properties: dict) -> None:
    """Record `properties` (str values) on the layer under the plugin's prefix."""
    for key, value in properties.items():
        layer.setCustomProperty(PROPERTY_PREFIX + key, value)


def layer_property(layer, key: str, default=None):
    """A property written by `mark_layer` (`default` when absent)."""
    return layer.customProperty(PROPERTY_PREFIX + key, default)


def selection_colour(project: QgsProject | None = None) -> str:
    """The project's selection colour as `#RRGGBB` (what the cluster colours keep away from)."""
    project = project or QgsProject.instance()
    return project.selectionColor().name().upper()


def categorised_renderer(layer: QgsVectorLayer, field: str, names: dict | None = None,
                         colours: dict | None = None
                         ) -> QgsCategorizedSymbolRenderer | None:
    """A renderer with one category per code of `field` (codes as text, `3.0` → `3`, matched
    to the attribute values as stored), legend `code name`, colours from `colours` (the labels
    table) or the plugin's palette; every colour kept clear of the selection colour."""
    from ..core.labels import code_text

    idx = layer.fields().indexOf(field)
    if idx < 0:
        return None
    raw = {}
    for v in layer.uniqueValues(idx):
        if v is None or str(v) == "NULL" or (hasattr(v, "isNull") and v.isNull()):
            continue
        raw.setdefault(code_text(v), v)
    raw.pop("", None)
    values = sorted(raw, key=natural_key)
    if not values:
        return None
    avoid = selection_colour(layer.project())
    fallback = cluster_colours(values, avoid)
    categories = []
    for v in values:
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        if symbol is None:
            continue
        colour = QColor((colours or {}).get(v) or fallback[v])
        symbol.setColor(QColor(away_from(colour.name(), avoid)))
        name = (names or {}).get(v)
        categories.append(QgsRendererCategory(raw[v], symbol, f"{v} {name}" if name else v))
    return QgsCategorizedSymbolRenderer(field, categories) if categories else None


def apply_categorised(layer: QgsVectorLayer, field: str, names: dict | None = None,
                      colours: dict | None = None) -> bool:
    """Colour `layer` by the codes in `field` (see `categorised_renderer`)."""
    renderer = categorised_renderer(layer, field, names, colours)
    if renderer is None:
        return False
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    layer.emitStyleChanged()
    return True


class _Styler(QgsProcessingLayerPostProcessorInterface):
    """Marks (and, given a cluster field, styles) a layer when Processing loads it."""

    def __init__(self, field: str | None, properties: dict | None = None):
        super().__init__()
        self.field = field
        self.properties = properties

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (Qt name)
        if isinstance(layer, QgsVectorLayer):
            _mark_and_style(layer, self.field, self.properties)


def _mark_and_style(layer: QgsVectorLayer, field: str | None, properties: dict | None) -> bool:
    """Mark the layer; with a cluster `field`, also colour it. True when there is a style to
    save."""
    if field is None:
        set_properties(layer, properties or {})
        return True
    mark_layer(layer, field, properties)
    return apply_categorised(layer, field)


def save_style(layer: QgsVectorLayer, qml: Path) -> None:
    """Write `layer`'s style to `qml` whole or not at all (a temporary file beside it, renamed
    into place); a failure is a QgsProcessingException naming the file."""
    import os
    import uuid

    temp = qml.with_name(f".{qml.stem}.cs-{uuid.uuid4().hex[:8]}.qml")
    message, ok = layer.saveNamedStyle(str(temp))
    try:
        if not ok or not temp.is_file():
            raise OSError(0, message or "the style could not be saved")
        os.replace(temp, qml)
    except OSError as e:
        if temp.exists():
            temp.unlink()
        raise QgsProcessingException(QCoreApplication.translate(
            "CustomerSegmentation", "Could not write the style {file}: {error}.").format(
            file=qml, error=e.strerror or e)) from None


_KEEP: list[_Styler] = []  # Processing does not own post-processors: keep them alive


def release() -> None:
    """Drop the post-processors kept alive (the plugin is being unloaded)."""
    _KEEP.clear()


def style_output(dest_id: str, field: str | None, context: QgsProcessingContext, feedback=None,
                 properties: dict | None = None) -> None:
    """Style and mark (see `mark_layer`) an output when it is loaded into the project; for a file
    output, also write a `.qml` beside it, which QGIS loads as the default style whenever the
    file is opened. With `field` None the output is only marked with `properties`."""
    if context.willLoadLayerOnCompletion(dest_id):
        styler = _Styler(field, properties)
        _KEEP.append(styler)
        context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)
    path = Path(dest_id.split("|")[0])
    if path.suffix.lower() in STYLED_SUFFIXES and path.exists():
        layer = QgsVectorLayer(dest_id, path.stem, "ogr")
        if layer.isValid() and _mark_and_style(layer, field, properties):
            qml = path.with_suffix(".qml")
            save_style(layer, qml)
            if feedback is not None and field is not None:
                feedback.pushInfo(f"Cluster colours on '{field}' saved as the default style {qml}.")
    else:
        layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
        if isinstance(layer, QgsVectorLayer):
            _mark_and_style(layer, field, properties)
