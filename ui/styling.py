"""Categorised cluster styles, applied in the main thread after an algorithm has run."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsRendererCategory,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..core.codes import natural_key
from ..core.colours import cluster_colours

PROPERTY_PREFIX = "customer_segmentation/"
STYLED_SUFFIXES = (".gpkg", ".shp", ".geojson", ".fgb", ".sqlite")  # get a .qml beside them


def mark_layer(layer: QgsVectorLayer, field: str, properties: dict | None = None) -> None:
    """Record on the layer what the plugin wrote: the cluster field (the docks read it instead of
    guessing) and any other `properties` (str values), saved with the project and the .qml."""
    layer.setCustomProperty(PROPERTY_PREFIX + "cluster_field", field)
    for key, value in (properties or {}).items():
        layer.setCustomProperty(PROPERTY_PREFIX + key, value)


def layer_property(layer, key: str, default=None):
    """A property written by `mark_layer` (`default` when absent)."""
    return layer.customProperty(PROPERTY_PREFIX + key, default)


def apply_categorised(layer: QgsVectorLayer, field: str, names: dict | None = None) -> bool:
    """Colour `layer` by the values of `field`; legend labels `code name` when names given."""
    idx = layer.fields().indexOf(field)
    if idx < 0:
        return False
    values = sorted({str(v) for v in layer.uniqueValues(idx) if v is not None and str(v) != "NULL"},
                    key=natural_key)
    colours = cluster_colours(values)
    categories = []
    for v in values:
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        if symbol is None:
            continue
        symbol.setColor(QColor(colours[v]))
        label = f"{v} {names[v]}" if names and names.get(v) else v
        categories.append(QgsRendererCategory(v, symbol, label))
    if not categories:
        return False
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))
    layer.triggerRepaint()
    return True


class _Styler(QgsProcessingLayerPostProcessorInterface):
    """Styles a layer when Processing loads it into the project."""

    def __init__(self, field: str, properties: dict | None = None):
        super().__init__()
        self.field = field
        self.properties = properties

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (Qt name)
        if isinstance(layer, QgsVectorLayer):
            mark_layer(layer, self.field, self.properties)
            apply_categorised(layer, self.field)


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


def style_output(dest_id: str, field: str, context: QgsProcessingContext, feedback=None,
                 properties: dict | None = None) -> None:
    """Style and mark (see `mark_layer`) an output when it is loaded into the project; for a file
    output, also write a `.qml` beside it, which QGIS loads as the default style whenever the
    file is opened."""
    if context.willLoadLayerOnCompletion(dest_id):
        styler = _Styler(field, properties)
        _KEEP.append(styler)
        context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)
    path = Path(dest_id.split("|")[0])
    if path.suffix.lower() in STYLED_SUFFIXES and path.exists():
        layer = QgsVectorLayer(dest_id, path.stem, "ogr")
        if layer.isValid():
            mark_layer(layer, field, properties)
        if layer.isValid() and apply_categorised(layer, field):
            qml = path.with_suffix(".qml")
            save_style(layer, qml)
            if feedback is not None:
                feedback.pushInfo(f"Cluster colours on '{field}' saved as the default style {qml}.")
    else:
        layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
        if isinstance(layer, QgsVectorLayer):
            mark_layer(layer, field, properties)
            apply_categorised(layer, field)
