"""What the two docks share: cached attribute arrays, chart pixmaps, project-saved state."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QPixmap

from ..core.codes import natural_key
from . import labels as ui_labels

SCOPE = "CustomerSegmentation"


def tr(text: str) -> str:
    """Translate a dock string."""
    return QCoreApplication.translate("CustomerSegmentation", text)


def figure_pixmap(fig) -> QPixmap:
    """A matplotlib (Agg) figure as a pixmap for a QLabel."""
    from ..core.charts import to_png

    pixmap = QPixmap()
    pixmap.loadFromData(to_png(fig), "PNG")
    return pixmap


def guess_cluster_field(layer) -> str:
    """The linked cluster field, else `subcluster`/`cluster`, else the categorised field."""
    if not isinstance(layer, QgsVectorLayer):
        return ""
    linked = ui_labels.cluster_field(layer)
    names = layer.fields().names()
    if linked and linked in names:
        return linked
    for name in ("subcluster", "cluster", "supgrpcode", "grpcode"):
        if name in names:
            return name
    renderer = layer.renderer()
    if renderer is not None and renderer.type() == "categorizedSymbol":
        if renderer.classAttribute() in names:
            return renderer.classAttribute()
    return ""


def guess_count_field(layer, words) -> str:
    """First numeric field whose name contains one of `words` (e.g. population)."""
    if not isinstance(layer, QgsVectorLayer):
        return ""
    for word in words:
        for f in layer.fields():
            if f.isNumeric() and word in f.name().lower() and not f.name().startswith("label_"):
                return f.name()
    return ""


class LayerData:
    """Attributes of one layer read once: feature ids (sorted), cluster index, numeric arrays.

    Selections are then turned into row indices with a binary search, so that a selection
    change on 20,000 areas costs milliseconds."""

    def __init__(self, layer: QgsVectorLayer, cluster_field: str, fields: list[str]):
        names = layer.fields().names()
        fields = [f for f in dict.fromkeys(fields) if f and f in names]
        wanted = [cluster_field, *fields] if cluster_field in names else fields
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes(wanted, layer.fields())
        ids, codes, rows = [], [], []
        for feat in layer.getFeatures(request):
            ids.append(feat.id())
            codes.append(code_text(feat[cluster_field]) if cluster_field in names else "")
            rows.append([_num(feat[f]) for f in fields])
        order = np.argsort(np.asarray(ids, dtype=np.int64), kind="stable")
        self.ids = np.asarray(ids, dtype=np.int64)[order]
        codes = np.asarray(codes, dtype=object)[order] if codes else np.array([], dtype=object)
        self.codes = sorted({c for c in codes if c}, key=natural_key)
        lookup = {c: i for i, c in enumerate(self.codes)}
        self.code_index = np.array([lookup.get(c, -1) for c in codes], dtype=np.int64)
        matrix = np.asarray(rows, dtype=float).reshape(len(ids), len(fields))
        self.values = {f: matrix[order, j] for j, f in enumerate(fields)}
        self.fields = fields

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, fids) -> np.ndarray:
        """Row positions of the given feature ids (unknown ids ignored)."""
        fids = np.fromiter(fids, dtype=np.int64)
        if not len(fids) or not len(self.ids):
            return np.array([], dtype=np.int64)
        pos = np.searchsorted(self.ids, fids)
        pos = np.clip(pos, 0, len(self.ids) - 1)
        return pos[self.ids[pos] == fids]

    def matrix(self, fields: list[str]) -> np.ndarray:
        return np.column_stack([self.values[f] for f in fields]) if fields else \
            np.empty((len(self), 0))


def _num(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def save_state(key: str, state: dict, project: QgsProject | None = None) -> None:
    """Write the dock's state as project entries (saved with the project)."""
    project = project or QgsProject.instance()
    for name, value in state.items():
        entry = f"{key}/{name}"
        if isinstance(value, list):
            value = [str(v) for v in value]
            old, ok = project.readListEntry(SCOPE, entry, [])
        else:
            value = str(value if value is not None else "")
            old, ok = project.readEntry(SCOPE, entry, "")
        if old == value:  # unchanged (or still empty): leave the project clean
            continue
        project.writeEntry(SCOPE, entry, value)


def load_state(key: str, names: dict, project: QgsProject | None = None) -> dict:
    """Read the dock's state; `names`: entry → default (a list default reads a list)."""
    project = project or QgsProject.instance()
    out = {}
    for name, default in names.items():
        if isinstance(default, list):
            value, ok = project.readListEntry(SCOPE, f"{key}/{name}", default)
        else:
            value, ok = project.readEntry(SCOPE, f"{key}/{name}", default)
        out[name] = value if ok else default
    return out


def code_text(value) -> str:
    """Cluster code as text (3.0 → `3`), via core.labels imported on first use."""
    from ..core.labels import code_text as _code_text

    return _code_text(value)


def follow_project_and_iface(dock, iface) -> None:
    """Wire a cluster dock to project loading, label edits and the active layer, then show the
    layer saved with the project, else the active (or first) classified layer, with its fields
    (without marking the project as changed)."""
    from qgis.core import QgsProject

    project = QgsProject.instance()
    project.readProject.connect(dock.restore_state)
    ui_labels.label_sync(project).labelsChanged.connect(dock._labels_changed)
    if iface is not None:
        iface.currentLayerChanged.connect(dock._active_layer_changed)
    was_dirty = project.isDirty()
    dock.restore_state()  # the layer and fields saved with the project, if any
    if dock._layer is None:  # else the active classified layer, else the first one
        from qgis.core import QgsVectorLayer

        candidates = [iface.activeLayer()] if iface is not None else []
        candidates += list(project.mapLayers().values())
        layer = next((lyr for lyr in candidates
                      if isinstance(lyr, QgsVectorLayer) and guess_cluster_field(lyr)), None)
        if layer is not None:
            dock.layer_combo.blockSignals(True)
            dock.layer_combo.setLayer(layer)
            dock.layer_combo.blockSignals(False)
            dock._layer_changed(layer)  # fields guessed
        else:
            dock._restoring = True
            try:
                dock._layer_changed(dock.layer_combo.currentLayer())
            finally:
                dock._restoring = False
    if not was_dirty:  # opening a dock is not a change to the project
        project.setDirty(False)


def follow_active_layer(dock) -> None:
    """Show the officer's active layer when it is a classified layer."""
    from qgis.core import QgsVectorLayer

    layer = dock.iface.activeLayer() if dock.iface is not None else None
    if isinstance(layer, QgsVectorLayer) and guess_cluster_field(layer):
        dock.layer_combo.setLayer(layer)
