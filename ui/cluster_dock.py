"""The skeleton every cluster dock shares: a classified layer and its cluster field, chosen from
what the plugin recorded on the layer (never an id field), the officer's choices kept per layer
in the project, the selection followed (debounced), label edits followed, and every signal the
dock connects released by `release()` when the plugin unloads.

A dock is a subclass that adds its widgets in `build`, sets its own fields in `layer_shown`,
reads its data in `read_data` and draws in `update_view` (see summary_dock.py, spider_dock.py).
"""

from __future__ import annotations

import json

from qgis.core import QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.gui import QgsDockWidget, QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from . import labels as ui_labels
from .docks_common import LayerData, load_state, save_state, tr
from .styling import PROPERTY_PREFIX, layer_property

ID_NAMES = {"fid", "id", "ogc_fid", "objectid", "gid", "oid", "rowid", "pk"}
KNOWN_CLUSTER_FIELDS = ("subcluster", "group", "cluster", "subgrpcode", "grpcode", "supgrpcode")
CHOICES_KEY = "layers"  # project entry: {layer id: {setting: value}} (the officer's choices)


def is_id_field(layer: QgsVectorLayer, name: str) -> bool:
    """An identifier, not a classification: `fid`/`id`…, or (almost) one value per area."""
    if name.lower() in ID_NAMES:
        return True
    idx = layer.fields().indexOf(name)
    if idx < 0:
        return True
    n = layer.featureCount()
    distinct = len(layer.uniqueValues(idx, max(60, n // 2 + 2)))
    return distinct > max(50, n // 2) or (n >= 10 and distinct >= n)


def guess_cluster_field(layer) -> str:
    """The cluster field the plugin recorded on the layer (`cluster_field` property), else the
    finest of its recorded `level_fields`, else a known cluster field name, else the
    categorised field; never an id field ('' if none)."""
    if not isinstance(layer, QgsVectorLayer):
        return ""
    names = layer.fields().names()
    marked = str(layer_property(layer, "cluster_field", "") or "")
    if marked in names:
        return marked
    levels = [str(f) for f in json_property(layer, "level_fields", []) if str(f) in names]
    candidates = levels[::-1] + [n for n in KNOWN_CLUSTER_FIELDS if n in names]
    renderer = layer.renderer()
    if renderer is not None and renderer.type() == "categorizedSymbol":
        candidates.append(renderer.classAttribute())
    return next((n for n in candidates if n in names and not is_id_field(layer, n)), "")


def layer_choices(project: QgsProject | None = None) -> dict:
    """The officer's choices per layer id, saved with the project."""
    text = load_state("docks", {CHOICES_KEY: ""}, project)[CHOICES_KEY]
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def remember_choice(layer: QgsVectorLayer, key: str, value, project=None) -> None:
    """Save one of the officer's choices for `layer` (e.g. its cluster field)."""
    choices = layer_choices(project)
    entry = choices.setdefault(layer.id(), {})
    if entry.get(key) == value:
        return
    entry[key] = value
    save_state("docks", {CHOICES_KEY: json.dumps(choices, sort_keys=True)}, project)


def cluster_field_for(layer, project=None) -> str:
    """The officer's choice for this layer when still meaningful, else `guess_cluster_field`."""
    if not isinstance(layer, QgsVectorLayer):
        return ""
    chosen = layer_choices(project).get(layer.id(), {}).get("cluster_field", "")
    if chosen and chosen in layer.fields().names() and not is_id_field(layer, chosen):
        return chosen
    return guess_cluster_field(layer)


def json_property(layer, key: str, default):
    """A JSON property of `mark_layer` (`default` when absent or unreadable)."""
    text = layer_property(layer, key, "") if layer is not None else ""
    try:
        value = json.loads(text) if text else default
    except (TypeError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


class _DockScroll(QScrollArea):
    """The dock's body: asks QGIS for a dock wide enough for its tables and charts."""

    def sizeHint(self):  # noqa: N802 (Qt name)
        from qgis.PyQt.QtCore import QSize

        return QSize(DOCK_WIDTH, 640)


DOCK_WIDTH = 400  # px QGIS is asked for (the officer may make it narrower or wider)


def narrow(body: QWidget) -> None:
    """Let the dock be as narrow as QGIS's right-hand docks usually are: combo boxes and file
    fields shrink (their full text is in the list and the tooltip) instead of widening it."""
    for combo in body.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
    for edit in body.findChildren(QLineEdit):
        edit.setMinimumWidth(60)


class ClusterDock(QgsDockWidget):
    """A dock showing one classified layer: layer and cluster field combos, state, signals."""

    STATE_KEY = ""  # project entries of this dock
    OPTIONS: dict = {}  # dock options saved with the project → default

    def __init__(self, title: str, iface=None, parent=None):
        super().__init__(title, parent)
        self.iface = iface
        self._layer: QgsVectorLayer | None = None
        self._data: LayerData | None = None
        self._restoring = False
        self._setting = False  # the dock itself is setting its combos (not the officer)
        self._connections: list = []
        self._layer_connections: list = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.update_view)
        self.fields_timer = QTimer(self)  # the layer's fields changed (e.g. labels joined)
        self.fields_timer.setSingleShot(True)
        self.fields_timer.setInterval(0)
        self.fields_timer.timeout.connect(self._reshow_layer)

        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.form = QFormLayout()
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.VectorLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        self.cluster_combo = QgsFieldComboBox()
        self.cluster_combo.setAllowEmptyFieldName(True)
        self.form.addRow(tr("Classified layer"), self.layer_combo)
        self.form.addRow(tr("Cluster field"), self.cluster_combo)
        self.body_layout.addLayout(self.form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.build()
        narrow(body)
        scroll = _DockScroll()  # a small dock scrolls rather than squeezing tables and charts
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)

        self.layer_combo.layerChanged.connect(self._layer_changed)
        self.cluster_combo.fieldChanged.connect(self._cluster_field_chosen)
        project = QgsProject.instance()
        self._connect(project.readProject, self.restore_state)
        self._connect(ui_labels.label_sync(project).labelsChanged, self._labels_changed)
        if iface is not None:
            self._connect(iface.currentLayerChanged, self._active_layer_changed)
        self._show_first_layer()

    # --- for subclasses -----------------------------------------------------------------
    def build(self) -> None:
        """Add the dock's own widgets to `self.form` and `self.body_layout`."""

    def layer_shown(self, layer: QgsVectorLayer | None) -> None:
        """Set the dock's own fields for a newly shown layer (choices, properties, guesses)."""

    def read_data(self) -> LayerData | None:
        """Read what the dock needs from the layer (called when the layer or fields change)."""
        return None

    def update_view(self) -> None:
        """Draw the dock's contents for the current selection."""

    def options(self) -> dict:
        """The dock's own options, saved with the project."""
        return {}

    def restore_options(self, saved: dict) -> None:
        """Set the dock's own options from the project."""

    # --- signals ------------------------------------------------------------------------
    def _connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def release(self) -> None:
        """Disconnect every signal the dock connected (the plugin is being unloaded)."""
        self.timer.stop()
        self.fields_timer.stop()
        self._watch_layer(None)
        for signal, slot in self._connections:
            ui_labels._disconnect(signal, slot)
        self._connections = []

    def _watch_layer(self, layer) -> None:
        for signal, slot in self._layer_connections:
            ui_labels._disconnect(signal, slot)
        self._layer_connections = []
        if layer is not None:
            for signal, slot in ((layer.selectionChanged, self.schedule),
                                 (layer.customPropertyChanged, self._property_changed),
                                 (layer.updatedFields, self.fields_timer.start),
                                 (layer.willBeDeleted, self._layer_deleted)):
                signal.connect(slot)
                self._layer_connections.append((signal, slot))

    def _layer_deleted(self, *_):
        self._layer_connections = []
        self._layer = None
        self._data = None

    def schedule(self, *_):
        """Debounced update (selection changes arrive in bursts)."""
        self.timer.start()

    def _labels_changed(self, layer_id: str):
        if self._layer is not None and self._layer.id() == layer_id:
            self.schedule()

    def _reshow_layer(self):
        """The field combos reset themselves when the layer's fields change (Processing joins
        the labels table after adding the layer): show the layer's fields again."""
        if self._layer is not None:
            self._layer_changed(self._layer)

    def _property_changed(self, key: str):
        """The plugin marked the layer after it was shown (Processing adds a layer before its
        post-processor marks it): take the recorded cluster field unless the officer chose."""
        if not key.startswith(PROPERTY_PREFIX) or self._layer is None:
            return
        chosen = layer_choices().get(self._layer.id(), {}).get("cluster_field")
        if not chosen:
            self._layer_changed(self._layer)

    # --- layer and fields ---------------------------------------------------------------
    def layer(self) -> QgsVectorLayer | None:
        return self._layer

    def cluster_field(self) -> str:
        return self.cluster_combo.currentField()

    def set_layer(self, layer, cluster_field: str = "") -> None:
        """Show `layer` (its cluster field recorded or guessed unless given)."""
        self.layer_combo.setLayer(layer)
        if self._layer is not layer:
            self._layer_changed(layer)
        if cluster_field:
            self.cluster_combo.setField(cluster_field)

    def _active_layer_changed(self, *_):
        """Show the officer's active layer when it is a classified layer."""
        layer = self.iface.activeLayer() if self.iface is not None else None
        if isinstance(layer, QgsVectorLayer) and layer is not self._layer and \
                cluster_field_for(layer):
            self.set_layer(layer)

    def _layer_changed(self, layer):
        layer = layer if isinstance(layer, QgsVectorLayer) else None
        self._watch_layer(layer)
        self._layer = layer
        self._setting = True
        try:
            if self.layer_combo.currentLayer() is not layer:
                self.layer_combo.blockSignals(True)
                self.layer_combo.setLayer(layer)
                self.layer_combo.blockSignals(False)
            self.cluster_combo.setLayer(layer)
            self.cluster_combo.setField(cluster_field_for(layer) if layer is not None else "")
            self.layer_shown(layer)
        finally:
            self._setting = False
        self._fields_changed()

    def _cluster_field_chosen(self, field: str):
        if self._setting:
            return
        if self._layer is not None and not self._restoring:
            remember_choice(self._layer, "cluster_field", field)
        self._fields_changed()

    def remember(self, key: str, value) -> None:
        """Keep one of the officer's choices for the layer shown (unless the dock set it)."""
        if not self._setting and not self._restoring and self._layer is not None:
            remember_choice(self._layer, key, value)

    def choice(self, key: str, default=None):
        """The officer's choice `key` for the layer shown."""
        if self._layer is None:
            return default
        return layer_choices().get(self._layer.id(), {}).get(key, default)

    def _fields_changed(self, *_):
        if self._setting:
            return
        self._data = self.read_data() if self._layer is not None and self.cluster_field() \
            else None
        self.save()
        self.update_view()

    # --- state --------------------------------------------------------------------------
    def state(self) -> dict:
        return {"layer": self._layer.id() if self._layer is not None else "", **self.options()}

    def save(self) -> None:
        if not self._restoring:
            save_state(self.STATE_KEY, self.state())

    def restore_state(self, *_):
        """Show the layer saved with the project, with the officer's choices for it."""
        saved = load_state(self.STATE_KEY, {"layer": "", "cluster_field": "", **self.OPTIONS})
        layer = QgsProject.instance().mapLayer(saved["layer"]) if saved["layer"] else None
        if not isinstance(layer, QgsVectorLayer):
            return
        self._restoring = True
        try:
            self._layer_changed(layer)
            legacy = saved.get("cluster_field")  # saved by versions before per-layer choices
            if legacy and not layer_choices().get(layer.id(), {}).get("cluster_field") and \
                    legacy in layer.fields().names() and not is_id_field(layer, legacy):
                self.cluster_combo.setField(legacy)
            self.restore_options(saved)
        finally:
            self._restoring = False
        self._fields_changed()

    def _show_first_layer(self) -> None:
        """The layer saved with the project, else the active (or first) classified layer
        (without marking the project as changed)."""
        project = QgsProject.instance()
        was_dirty = project.isDirty()
        self.restore_state()
        if self._layer is None:
            candidates = [self.iface.activeLayer()] if self.iface is not None else []
            candidates += list(project.mapLayers().values())
            layer = next((lyr for lyr in candidates
                          if isinstance(lyr, QgsVectorLayer) and cluster_field_for(lyr)), None)
            self._layer_changed(layer)
        if not was_dirty:  # opening a dock is not a change to the project
            project.setDirty(False)
