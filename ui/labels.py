"""Keep the map in step with the labels table.

A classified areas layer is *linked* to its labels layer (one row per cluster: code, name,
colour …) through custom properties of the areas layer, so the link is saved with the project:

* `customer_segmentation/labels_layer` – the labels layer's id,
* `customer_segmentation/cluster_field` – the areas field holding the cluster code,
* `customer_segmentation/variables` – the variables (JSON list): as recorded by the algorithm
  (`ui.styling.mark_layer`: the unstandardised percentages on the layer), else the
  classification's variables.

The labels are also joined to the areas (prefix `label_`) so that the names show in the
attribute table, in labels and in expressions. Editing a name or a colour in the labels layer
(committed or not) re-applies the categorised renderer and emits `LabelSync.labelsChanged`,
which the docks listen to. `LabelSync` re-reads the links when a project is opened.
"""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerJoinInfo,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from .styling import PROPERTY_PREFIX, STYLED_SUFFIXES, save_style

# the same keys as ui.styling.mark_layer's (one record of what the plugin wrote on a layer)
PROP_LABELS = PROPERTY_PREFIX + "labels_layer"
PROP_FIELD = PROPERTY_PREFIX + "cluster_field"
PROP_VARIABLES = PROPERTY_PREFIX + "variables"
SCOPE = "CustomerSegmentation"
JOIN_PREFIX = "label_"
JOIN_FIELDS = ["name", "description", "colour"]


# --- reading ----------------------------------------------------------------------------
def labels_frame(layer: QgsVectorLayer | None):
    """The labels layer as a normalised DataFrame (uncommitted edits included)."""
    import pandas as pd

    if layer is None or not layer.isValid():
        return None
    names = layer.fields().names()
    rows = [[None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
             for v in f.attributes()] for f in layer.getFeatures()]
    frame = pd.DataFrame(rows, columns=names)
    try:
        return _core_labels().normalise(frame)
    except ValueError:
        return None


def is_labels_layer(layer) -> bool:
    """A table with `code` and `name` fields."""
    if not isinstance(layer, QgsVectorLayer):
        return False
    lower = [n.lower() for n in layer.fields().names()]
    return "code" in lower and "name" in lower


def cluster_field(layer) -> str:
    """The linked cluster field of an areas layer ('' when not linked)."""
    if not isinstance(layer, QgsVectorLayer):
        return ""
    return str(layer.customProperty(PROP_FIELD, "") or "")


def variables(layer) -> list[str]:
    """The classification's variables recorded on an areas layer (may be empty)."""
    if not isinstance(layer, QgsVectorLayer):
        return []
    try:
        return [str(v) for v in json.loads(layer.customProperty(PROP_VARIABLES, "[]") or "[]")]
    except (TypeError, ValueError):
        return []


def linked_labels_layer(areas, project: QgsProject | None = None):
    """The labels layer linked to `areas`, if it is in the project."""
    if not isinstance(areas, QgsVectorLayer):
        return None
    lid = areas.customProperty(PROP_LABELS, "")
    if not lid:
        return None
    layer = (project or areas.project() or QgsProject.instance()).mapLayer(str(lid))
    return layer if isinstance(layer, QgsVectorLayer) else None


def names_and_colours(areas, project=None) -> tuple[dict[str, str], dict[str, str]]:
    """code → name and code → colour for a linked areas layer (empty when not linked)."""
    frame = labels_frame(linked_labels_layer(areas, project))
    return _core_labels().names_of(frame), _core_labels().colours_of(frame)


# --- styling ----------------------------------------------------------------------------
def apply_renderer(layer: QgsVectorLayer, field: str, names: dict | None = None,
                   colours: dict | None = None) -> bool:
    """Categorised renderer on `field`: legend `code name`, colours from the labels (the one
    renderer of `ui.styling.categorised_renderer`)."""
    from .styling import apply_categorised

    return apply_categorised(layer, field, names, colours)


def apply_labels(areas: QgsVectorLayer, labels_layer: QgsVectorLayer, field: str) -> bool:
    """Re-style `areas` with the names and colours now in `labels_layer`."""
    frame = labels_frame(labels_layer)
    return apply_renderer(areas, field, _core_labels().names_of(frame),
                          _core_labels().colours_of(frame))


# --- linking ----------------------------------------------------------------------------
def _join(areas: QgsVectorLayer, labels_layer: QgsVectorLayer, field: str) -> None:
    for j in areas.vectorJoins():
        if j.joinLayerId() == labels_layer.id():
            return
    code = next((n for n in labels_layer.fields().names() if n.lower() == "code"), "code")
    info = QgsVectorLayerJoinInfo()
    info.setJoinLayer(labels_layer)
    info.setJoinFieldName(code)
    info.setTargetFieldName(field)
    info.setPrefix(JOIN_PREFIX)
    info.setUsingMemoryCache(False)
    present = [n for n in labels_layer.fields().names() if n.lower() in JOIN_FIELDS]
    if present:
        info.setJoinFieldNamesSubset(present)
    areas.addJoin(info)


def link(areas: QgsVectorLayer, labels_layer: QgsVectorLayer, field: str,
         variables_: list[str] | None = None, project: QgsProject | None = None) -> bool:
    """Join the labels to the areas, style them, remember the link and keep it in sync."""
    if not isinstance(areas, QgsVectorLayer) or not is_labels_layer(labels_layer):
        return False
    if areas.fields().indexOf(field) < 0:
        return False
    areas.setCustomProperty(PROP_LABELS, labels_layer.id())
    areas.setCustomProperty(PROP_FIELD, field)
    if variables_ is not None and not variables(areas):  # the plugin's record wins
        areas.setCustomProperty(PROP_VARIABLES, json.dumps(list(variables_)))
    _join(areas, labels_layer, field)
    apply_labels(areas, labels_layer, field)
    label_sync(project or areas.project() or QgsProject.instance()).watch(areas)
    return True


def unlink(areas: QgsVectorLayer) -> None:
    """Forget the labels table of `areas`: drop its join and style by code alone."""
    labels_layer = linked_labels_layer(areas)
    if labels_layer is not None:
        areas.removeJoin(labels_layer.id())
    areas.removeCustomProperty(PROP_LABELS)
    field = cluster_field(areas)
    if field and areas.fields().indexOf(field) >= 0:
        apply_renderer(areas, field)


class LabelSync(QObject):
    """Watches every linked labels layer of one project.

    Every connection it makes is recorded, so that `release()` (the plugin being unloaded)
    leaves no handler behind on the project or its layers."""

    labelsChanged = pyqtSignal(str)  # noqa: N815 (Qt style) – the areas layer id

    def __init__(self, project: QgsProject):
        super().__init__(project)
        self.project = project
        self._watched: dict[str, set[str]] = {}  # labels layer id → areas layer ids
        self._connected: dict[str, list] = {}  # labels layer id → [(signal, slot)]
        self._project_slots = [(project.readProject, self._restore_slot),
                               (project.layersAdded, self._restore_slot),
                               (project.cleared, self._clear)]
        for signal, slot in self._project_slots:
            signal.connect(slot)

    def _restore_slot(self, *_):
        self.restore()

    def _clear(self):
        for lid in list(self._connected):
            self._forget(lid)
        self._watched.clear()

    def release(self) -> None:
        """Disconnect from the project and from every labels layer."""
        self._clear()
        for signal, slot in self._project_slots:
            _disconnect(signal, slot)
        self._project_slots = []

    def watch(self, areas: QgsVectorLayer) -> None:
        labels_layer = linked_labels_layer(areas, self.project)
        if labels_layer is None:
            return
        self._watched.setdefault(labels_layer.id(), set()).add(areas.id())
        lid = labels_layer.id()
        if lid in self._connected:
            return

        def refresh(*_):
            self.refresh(lid)

        def forget(*_):
            self._forget(lid)

        pairs = [(labels_layer.attributeValueChanged, refresh),
                 (labels_layer.afterCommitChanges, refresh),
                 (labels_layer.afterRollBack, refresh),
                 (labels_layer.featureAdded, refresh),
                 (labels_layer.dataChanged, refresh),
                 (labels_layer.willBeDeleted, forget)]
        for signal, slot in pairs:
            signal.connect(slot)
        self._connected[lid] = pairs

    def _forget(self, labels_id: str) -> None:
        self._watched.pop(labels_id, None)
        for signal, slot in self._connected.pop(labels_id, []):
            _disconnect(signal, slot)

    def refresh(self, labels_id: str) -> None:
        """Re-style every areas layer linked to this labels layer; tell the docks."""
        labels_layer = self.project.mapLayer(labels_id)
        if not isinstance(labels_layer, QgsVectorLayer):
            return
        for aid in sorted(self._watched.get(labels_id, ())):
            areas = self.project.mapLayer(aid)
            if isinstance(areas, QgsVectorLayer):
                apply_labels(areas, labels_layer, cluster_field(areas))
                self.labelsChanged.emit(aid)

    def restore(self) -> None:
        """Find the links stored in the project's layers (after opening a project)."""
        for layer in self.project.mapLayers().values():
            if isinstance(layer, QgsVectorLayer) and layer.customProperty(PROP_LABELS, ""):
                if linked_labels_layer(layer, self.project) is not None:
                    self.watch(layer)


def _disconnect(signal, slot) -> None:
    try:
        signal.disconnect(slot)
    except (TypeError, RuntimeError):  # already gone (the layer or project was deleted)
        pass


_SYNCS: dict[int, LabelSync] = {}


def label_sync(project: QgsProject | None = None) -> LabelSync:
    """The (one) LabelSync of a project."""
    project = project or QgsProject.instance()
    key = id(project)
    if key not in _SYNCS:
        _SYNCS[key] = LabelSync(project)
    return _SYNCS[key]


def release() -> None:
    """Disconnect every LabelSync and drop every kept post-processor (plugin unload)."""
    for sync in _SYNCS.values():
        try:
            sync.release()
            sync.deleteLater()
        except RuntimeError:  # its project is gone
            pass
    _SYNCS.clear()
    _KEEP.clear()


# --- from Processing ----------------------------------------------------------------------
class _Pair:
    def __init__(self, field: str, variables_: list[str]):
        self.field, self.variables = field, variables_
        self.areas = self.labels = None

    def done(self, project):
        if self.areas is not None and self.labels is not None:
            link(self.areas, self.labels, self.field, self.variables, project)


class _Linker(QgsProcessingLayerPostProcessorInterface):
    """Post-processor of one of the two outputs; links them once both are in the project."""

    def __init__(self, pair: _Pair, role: str, previous=None):
        super().__init__()
        self.pair, self.role, self.previous = pair, role, previous

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (Qt name)
        if self.previous is not None:  # e.g. ui.styling's: marks the layer with its properties
            self.previous.postProcessLayer(layer, context, feedback)
        if isinstance(layer, QgsVectorLayer):
            setattr(self.pair, self.role, layer)
            self.pair.done(layer.project() or context.project() or QgsProject.instance())


_KEEP: list = []  # Processing does not own post-processors


def link_outputs_later(areas_dest: str, labels_dest: str, field: str, variables_: list[str],
                       context, feedback=None) -> None:
    """From postProcessAlgorithm (main thread): when both outputs are loaded into a project,
    join and style them; otherwise write the names and colours into the areas' default style
    (.qml beside a file output)."""
    if context.willLoadLayerOnCompletion(areas_dest) and \
            context.willLoadLayerOnCompletion(labels_dest):
        pair = _Pair(field, list(variables_))
        for dest, role in ((areas_dest, "areas"), (labels_dest, "labels")):
            details = context.layerToLoadOnCompletionDetails(dest)
            linker = _Linker(pair, role, details.postProcessor())
            _KEEP.append(linker)
            details.setPostProcessor(linker)
        return
    labels_layer = QgsProcessingUtils.mapLayerFromString(labels_dest, context)
    frame = labels_frame(labels_layer) if isinstance(labels_layer, QgsVectorLayer) else None
    if frame is None:
        return
    names, colours = _core_labels().names_of(frame), _core_labels().colours_of(frame)
    path = Path(areas_dest.split("|")[0])
    if path.suffix.lower() in STYLED_SUFFIXES and path.exists():
        layer = QgsVectorLayer(areas_dest, path.stem, "ogr")
        if layer.isValid() and apply_renderer(layer, field, names, colours):
            save_style(layer, path.with_suffix(".qml"))
            if feedback is not None:
                feedback.pushInfo(f"Cluster names and colours from the labels table saved in "
                                  f"the default style {path.with_suffix('.qml')}.")
    else:
        layer = QgsProcessingUtils.mapLayerFromString(areas_dest, context)
        if isinstance(layer, QgsVectorLayer):
            apply_renderer(layer, field, names, colours)


def _core_labels():
    """core.labels (pandas), imported on first use so that QGIS starts fast."""
    from ..core import labels

    return labels
