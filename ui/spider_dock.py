"""Spider chart dock: the selected areas' mean profile and each cluster present, against the
area average (index or difference of standardised means), exportable to PNG/SVG."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from qgis.core import QgsVectorLayer
from qgis.gui import (
    QgsCheckableComboBox,
    QgsFileWidget,
)
from qgis.PyQt.QtCore import QEvent, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
)

from ..core import spider
from ..core.colours import cluster_colours
from . import labels as ui_labels
from .cluster_dock import ClusterDock, cluster_field_for
from .docks_common import LayerData, figure_pixmap, read_lookup, tr
from .styling import layer_property

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


class SpiderDock(ClusterDock):
    """Radar chart of the selection and of each cluster present against the average."""

    STATE_KEY = STATE_KEY
    OPTIONS = {"variables": [], "mode": spider.INDEX, "lookup": "", "clusters": "1"}

    def __init__(self, iface=None, parent=None):
        self.last_figure = None
        self.last_table = None
        super().__init__(tr("Cluster spider chart"), iface, parent)
        self.setObjectName("CustomerSegmentationSpiderDock")

    def build(self) -> None:
        self.variables_combo = QgsCheckableComboBox()
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(tr("Index (100 = area average)"), spider.INDEX)
        self.mode_combo.addItem(tr("Difference of standardised means"), spider.ZSCORE)
        self.clusters_check = QCheckBox(tr("Also draw each cluster present"))
        self.clusters_check.setChecked(True)
        self.lookup_widget = QgsFileWidget()
        self.lookup_widget.setFilter(tr("CSV files (*.csv)"))
        self.form.addRow(tr("Variables"), self.variables_combo)
        self.form.addRow(tr("Scale"), self.mode_combo)
        self.form.addRow(tr("Variable lookup (optional)"), self.lookup_widget)
        self.form.addRow("", self.clusters_check)
        self.body_layout.addWidget(self.status)
        self.chart = QLabel()
        self.chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart.setMinimumSize(200, 200)
        self.chart.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.chart.installEventFilter(self)
        self.body_layout.addWidget(self.chart, 1)
        buttons = QHBoxLayout()
        self.png_button = QPushButton(tr("Export PNG…"))
        self.svg_button = QPushButton(tr("Export SVG…"))
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.svg_button)
        self.body_layout.addLayout(buttons)
        self.variables_combo.checkedItemsChanged.connect(self._variables_chosen)
        self.mode_combo.currentIndexChanged.connect(self._options_changed)
        self.clusters_check.toggled.connect(self._options_changed)
        self.lookup_widget.fileChanged.connect(self._options_changed)
        self.png_button.clicked.connect(lambda: self._export_dialog("png"))
        self.svg_button.clicked.connect(lambda: self._export_dialog("svg"))

    # --- wiring -------------------------------------------------------------------------
    def set_layer(self, layer, cluster_field: str = "", variables: list[str] | None = None,
                  mode: str | None = None) -> None:
        """Show a layer (cluster field and variables recorded or guessed when not given)."""
        super().set_layer(layer, cluster_field)
        if variables is not None:
            self.set_variables(variables)
            self._variables_chosen()
        if mode is not None:
            self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(mode), 0))

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

    def layer_shown(self, layer) -> None:
        self.variables_combo.blockSignals(True)
        self.variables_combo.clear()
        if layer is not None:
            self.variables_combo.addItems([f.name() for f in layer.fields() if f.isNumeric()])
            chosen = self.choice("variables")
            self.set_variables(chosen if chosen else
                               default_variables(layer, cluster_field_for(layer)))
            lookup = str(layer_property(layer, "lookup", "") or "")
            if lookup and not self.lookup_widget.filePath():
                self.lookup_widget.setFilePath(lookup)
        self.variables_combo.blockSignals(False)

    def _variables_chosen(self, *_):
        if self._setting:
            return
        self.remember("variables", self.variables())
        self._fields_changed()

    def read_data(self) -> LayerData:
        return LayerData(self._layer, self.cluster_field(), self.variables())

    def _options_changed(self, *_):
        self.save()
        self.update_view()

    # --- state --------------------------------------------------------------------------
    def options(self) -> dict:
        return {"cluster_field": self.cluster_field(),
                "variables": self.variables(), "mode": self.mode(),
                "lookup": self.lookup_widget.filePath(),
                "clusters": "1" if self.clusters_check.isChecked() else "0"}

    def restore_options(self, saved: dict) -> None:
        if self.choice("variables") is None and saved.get("variables"):
            self.set_variables(saved["variables"])
            self._data = None
        self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(saved["mode"]), 0))
        self.lookup_widget.setFilePath(saved["lookup"])
        self.clusters_check.setChecked(saved["clusters"] != "0")

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
            self.export(path)
