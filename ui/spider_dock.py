"""Spider chart dock: the selected areas' mean profile and each cluster present, against the
area average (index or difference of standardised means), exportable to PNG/SVG."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from qgis.core import QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.gui import (
    QgsCheckableComboBox,
    QgsDockWidget,
    QgsFieldComboBox,
    QgsFileWidget,
    QgsMapLayerComboBox,
)
from qgis.PyQt.QtCore import QEvent, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core import spider
from ..core.colours import cluster_colours
from . import labels as ui_labels
from .docks_common import (
    LayerData,
    figure_pixmap,
    follow_active_layer,
    follow_project_and_iface,
    guess_cluster_field,
    load_state,
    save_state,
    tr,
)

STATE_KEY = "spider"
SELECTED = "Selected areas"


def default_variables(layer: QgsVectorLayer, cluster_field: str) -> list[str]:
    """The classification's variables when recorded, else every numeric field that is not a
    code, a count or a joined label."""
    recorded = [f for f in ui_labels.variables(layer) if f in layer.fields().names()]
    if recorded:
        return recorded
    skip = ("fid", "total", "label_", "objectid", "shape_")
    return [f.name() for f in layer.fields() if f.isNumeric() and f.name() != cluster_field
            and not f.name().lower().startswith(skip)]


def read_lookup(path: str) -> tuple[dict[str, str], dict[str, str] | None]:
    """VariableCode → VariableName, and → VariableDomain (None without that column)."""
    from ..core.errors import SegmentationError
    from ..core.table_read import read_table

    if not path or not Path(path).exists():
        return {}, None
    try:
        lk = read_table(path, dtype=str)  # any encoding the plugin reads (UTF-16, cp1252 …)
    except (OSError, SegmentationError):
        return {}, None
    if "VariableCode" not in lk.columns:
        return {}, None
    codes = lk["VariableCode"].str.strip()
    names = dict(zip(codes, lk["VariableName"])) if "VariableName" in lk.columns else {}
    domains = dict(zip(codes, lk["VariableDomain"])) if "VariableDomain" in lk.columns else None
    return names, domains


class SpiderDock(QgsDockWidget):
    """Radar chart of the selection and of each cluster present against the average."""

    def __init__(self, iface=None, parent=None):
        super().__init__(tr("Cluster spider chart"), parent)
        self.setObjectName("CustomerSegmentationSpiderDock")
        self.iface = iface
        self._layer: QgsVectorLayer | None = None
        self._data: LayerData | None = None
        self._restoring = False
        self.last_figure = None
        self.last_table = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.update_view)

        body = QWidget()
        layout = QVBoxLayout(body)
        form = QFormLayout()
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.VectorLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        self.cluster_combo = QgsFieldComboBox()
        self.variables_combo = QgsCheckableComboBox()
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(tr("Index (100 = area average)"), spider.INDEX)
        self.mode_combo.addItem(tr("Difference of standardised means"), spider.ZSCORE)
        self.clusters_check = QCheckBox(tr("Also draw each cluster present"))
        self.clusters_check.setChecked(True)
        self.lookup_widget = QgsFileWidget()
        self.lookup_widget.setFilter(tr("CSV files (*.csv)"))
        form.addRow(tr("Classified layer"), self.layer_combo)
        form.addRow(tr("Cluster field"), self.cluster_combo)
        form.addRow(tr("Variables"), self.variables_combo)
        form.addRow(tr("Scale"), self.mode_combo)
        form.addRow(tr("Variable lookup (optional)"), self.lookup_widget)
        form.addRow("", self.clusters_check)
        layout.addLayout(form)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.chart = QLabel()
        self.chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart.setMinimumSize(200, 200)
        self.chart.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.chart.installEventFilter(self)
        layout.addWidget(self.chart, 1)
        buttons = QHBoxLayout()
        self.png_button = QPushButton(tr("Export PNG…"))
        self.svg_button = QPushButton(tr("Export SVG…"))
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.svg_button)
        layout.addLayout(buttons)
        self.setWidget(body)

        self.layer_combo.layerChanged.connect(self._layer_changed)
        self.cluster_combo.fieldChanged.connect(self._data_changed)
        self.variables_combo.checkedItemsChanged.connect(self._data_changed)
        self.mode_combo.currentIndexChanged.connect(self._options_changed)
        self.clusters_check.toggled.connect(self._options_changed)
        self.lookup_widget.fileChanged.connect(self._options_changed)
        self.png_button.clicked.connect(lambda: self._export_dialog("png"))
        self.svg_button.clicked.connect(lambda: self._export_dialog("svg"))
        follow_project_and_iface(self, iface)

    # --- wiring -------------------------------------------------------------------------
    def _active_layer_changed(self, *_):
        follow_active_layer(self)

    def set_layer(self, layer, cluster_field: str = "", variables: list[str] | None = None,
                  mode: str | None = None) -> None:
        """Show a layer (cluster field and variables guessed when not given)."""
        self.layer_combo.setLayer(layer)
        if cluster_field:
            self.cluster_combo.setField(cluster_field)
        if variables is not None:
            self.set_variables(variables)
        if mode is not None:
            self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(mode), 0))
        self._data_changed()

    def set_variables(self, variables: list[str]) -> None:
        wanted = set(variables)
        combo = self.variables_combo
        combo.blockSignals(True)
        for i in range(combo.count()):
            combo.setItemCheckState(i, Qt.CheckState.Checked if combo.itemText(i) in wanted
                                    else Qt.CheckState.Unchecked)
        combo.blockSignals(False)

    def variables(self) -> list[str]:
        return list(self.variables_combo.checkedItems())

    def mode(self) -> str:
        return self.mode_combo.currentData() or spider.INDEX

    def _layer_changed(self, layer):
        if self._layer is not None:
            try:
                self._layer.selectionChanged.disconnect(self.schedule)
            except (TypeError, RuntimeError):
                pass
        self._layer = layer if isinstance(layer, QgsVectorLayer) else None
        self.cluster_combo.blockSignals(True)
        self.cluster_combo.setLayer(self._layer)
        self.variables_combo.blockSignals(True)
        self.variables_combo.clear()
        if self._layer is not None:
            self._layer.selectionChanged.connect(self.schedule)
            self.variables_combo.addItems([f.name() for f in self._layer.fields()
                                           if f.isNumeric()])
            if not self._restoring:
                field = guess_cluster_field(self._layer)
                self.cluster_combo.setField(field)
                self.set_variables(default_variables(self._layer, field))
        self.variables_combo.blockSignals(False)
        self.cluster_combo.blockSignals(False)
        self._data_changed()

    def _data_changed(self, *_):
        self._data = None
        if self._layer is not None and self.cluster_combo.currentField():
            self._data = LayerData(self._layer, self.cluster_combo.currentField(),
                                   self.variables())
        self._options_changed()

    def _options_changed(self, *_):
        if not self._restoring:
            save_state(STATE_KEY, self.state())
        self.update_view()

    def _labels_changed(self, layer_id: str):
        if self._layer is not None and self._layer.id() == layer_id:
            self.schedule()

    def schedule(self, *_):
        self.timer.start()

    # --- state --------------------------------------------------------------------------
    def state(self) -> dict:
        return {"layer": self._layer.id() if self._layer is not None else "",
                "cluster_field": self.cluster_combo.currentField(),
                "variables": self.variables(), "mode": self.mode(),
                "lookup": self.lookup_widget.filePath(),
                "clusters": "1" if self.clusters_check.isChecked() else "0"}

    def restore_state(self, *_):
        s = load_state(STATE_KEY, {"layer": "", "cluster_field": "", "variables": [],
                                   "mode": spider.INDEX, "lookup": "", "clusters": "1"})
        layer = QgsProject.instance().mapLayer(s["layer"]) if s["layer"] else None
        if layer is None:
            return
        self._restoring = True
        try:
            self.layer_combo.setLayer(layer)
            self._layer_changed(layer)
            self.cluster_combo.setField(s["cluster_field"])
            self.set_variables(s["variables"])
            self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(s["mode"]), 0))
            self.lookup_widget.setFilePath(s["lookup"])
            self.clusters_check.setChecked(s["clusters"] != "0")
        finally:
            self._restoring = False
        self._data_changed()

    # --- contents -----------------------------------------------------------------------
    def update_view(self):
        data, layer = self._data, self._layer
        fields = [f for f in self.variables() if data is not None and f in data.values]
        if data is None or layer is None or not fields or not len(data):
            self.chart.clear()
            self.last_figure = self.last_table = None
            self.status.setText(tr("Choose a classified layer, its cluster field and the "
                                   "variables."))
            return
        X = data.matrix(fields)
        names, colours = ui_labels.names_and_colours(layer)
        fallback = cluster_colours(data.codes)
        selected = layer.selectedFeatureIds()
        rows = data.rows(selected) if selected else None
        groups, group_colours = {}, {}
        if rows is not None and len(rows):
            groups[tr(SELECTED)] = rows
            group_colours[tr(SELECTED)] = "#111111"
            present = sorted(set(data.code_index[rows]) - {-1})
            self.status.setText(tr("{n} areas selected, {k} cluster(s)").format(
                n=len(rows), k=len(present)))
        else:
            present = list(range(len(data.codes)))
            self.status.setText(tr("Nothing selected: every cluster"))
        if self.clusters_check.isChecked() or not groups:
            for i in present:
                code = data.codes[i]
                label = f"{code} {names.get(code, '')}".strip()
                groups[label] = np.flatnonzero(data.code_index == i)
                group_colours[label] = colours.get(code) or fallback[code]
        table = spider.profile_table(X, groups, fields, self.mode())
        var_names, domains = read_lookup(self.lookup_widget.filePath())
        fig = spider.radar_figure(table, self.mode(), group_colours, domains, var_names,
                                  width=5.2, height=5.6)
        fig.set_dpi(80)
        self.last_figure, self.last_table = fig, table
        self._pixmap = figure_pixmap(fig)
        self._fit_chart()

    def _fit_chart(self):
        """Show the chart as large as the dock allows, never cropped."""
        pixmap = getattr(self, "_pixmap", None)
        if pixmap is None or pixmap.isNull():
            return
        w, h = self.chart.width(), self.chart.height()
        if w < pixmap.width() or h < pixmap.height():
            pixmap = pixmap.scaled(max(w, 50), max(h, 50), Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.chart.setPixmap(pixmap)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt name)
        if watched is self.chart and event.type() == QEvent.Type.Resize:
            self._fit_chart()
        return super().eventFilter(watched, event)

    def export(self, path: str) -> Path | None:
        """Save the chart now shown (PNG or SVG by extension); None when there is none."""
        if self.last_figure is None:
            return None
        return spider.export_figure(self.last_figure, path)

    def _export_dialog(self, kind: str):
        filters = {"png": tr("PNG images (*.png)"), "svg": tr("SVG images (*.svg)")}
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the spider chart"),
                                              f"spider.{kind}", filters[kind])
        if path:
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
            try:
                self.export(path)
            except OSError as e:
                QMessageBox.warning(self, tr("Export the spider chart"), tr(
                    "Could not write {file}: {error}.").format(file=path, error=e.strerror or e))
