"""Spider chart dock: the selected areas' profile and each cluster present, against the whole
area's rate (denominator-weighted percentages) or the mean of areas, as an index or a
difference in standard deviations; exportable to PNG/SVG."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from qgis.core import QgsVectorLayer
from qgis.gui import QgsCheckableComboBox, QgsCollapsibleGroupBox, QgsFileWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSpinBox,
)

from ..core import spider
from ..core.colours import cluster_colours
from . import labels as ui_labels
from .cluster_dock import ClusterDock, cluster_field_for, json_property
from .docks_common import LayerData, read_lookup, tr
from .spider_chart import SpiderCanvas
from .styling import layer_property, selection_colour

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


def lookup_keys(values: dict, fields: list[str]) -> dict:
    """`values` (by VariableCode) for each field, a carried `raw_<code>` taking its code's."""
    from ..core.carried import PREFIX

    out = {}
    for f in fields:
        code = f[len(PREFIX):] if f.lower().startswith(PREFIX) else f
        if f in values or code in values:
            out[f] = values.get(f, values.get(code))
    return out


class SpiderDock(ClusterDock):
    """Radar chart of the selection and of each cluster present against the average."""

    STATE_KEY = STATE_KEY
    OPTIONS = {"variables": [], "mode": spider.INDEX, "lookup": "", "clusters": "1",
               "reference": spider.RATE, "distinctive": "12"}

    def __init__(self, iface=None, parent=None):
        self.last_figure = None
        self.last_table = None
        super().__init__(tr("Cluster spider chart"), iface, parent)
        self.setObjectName("CustomerSegmentationSpiderDock")

    def build(self) -> None:
        self.variables_combo = QgsCheckableComboBox()
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(tr("Index (100 = reference)"), spider.INDEX)
        self.mode_combo.addItem(tr("Difference (standard deviations)"), spider.ZSCORE)
        self.clusters_check = QCheckBox(tr("Also draw each cluster present"))
        self.mode_combo.setToolTip(tr("Index: 100 × value / reference. Difference: in standard "
                                      "deviations of the areas."))
        self.clusters_check.setChecked(True)
        self.lookup_widget = QgsFileWidget()
        self.lookup_widget.setFilter(tr("CSV files (*.csv)"))
        self.lookup_widget.setToolTip(tr("Variable lookup (optional): names and domains of the "
                                         "variables (VariableCode, VariableName, "
                                         "VariableDomain)."))
        self.form.addRow(tr("Variables"), self.variables_combo)
        options = QgsCollapsibleGroupBox(tr("Chart options"))
        options.setObjectName("SpiderChartOptions")
        box = QFormLayout(options)
        box.addRow(tr("Scale"), self.mode_combo)
        self.reference_combo = QComboBox()
        self.reference_combo.addItem(tr("Whole-area rate"), spider.RATE)
        self.reference_combo.addItem(tr("Mean of areas"), spider.MEAN)
        self.reference_combo.setItemData(0, tr(
            "The rate of the whole area: each variable's count over its denominator, summed "
            "over all areas (as 'the average unemployment level is 6 per cent')."),
            Qt.ItemDataRole.ToolTipRole)
        box.addRow(tr("Compared with"), self.reference_combo)
        self.distinctive_spin = QSpinBox()
        self.distinctive_spin.setRange(0, 500)
        self.distinctive_spin.setValue(12)
        self.distinctive_spin.setSpecialValueText(tr("all"))
        self.distinctive_spin.setToolTip(tr(
            "Draw only the variables furthest from the reference in any line (0 = all)."))
        box.addRow(tr("Most distinctive"), self.distinctive_spin)
        box.addRow(tr("Lookup"), self.lookup_widget)
        box.addRow(self.clusters_check)
        options.setCollapsed(True)
        self.options_box = options
        self.body_layout.addWidget(options)
        self.body_layout.addWidget(self.status)
        self.chart = SpiderCanvas()
        self.chart.setToolTip("")
        self.body_layout.addWidget(self.chart, 1)
        buttons = QHBoxLayout()
        self.png_button = QPushButton(tr("Export PNG…"))
        self.svg_button = QPushButton(tr("Export SVG…"))
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.svg_button)
        self.body_layout.addLayout(buttons)
        self.variables_combo.checkedItemsChanged.connect(self._variables_chosen)
        self.mode_combo.currentIndexChanged.connect(self._options_changed)
        self.reference_combo.currentIndexChanged.connect(self._reference_chosen)
        self.distinctive_spin.valueChanged.connect(self._options_changed)
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
            self.reference_combo.blockSignals(True)
            self.reference_combo.setCurrentIndex(max(self.reference_combo.findData(
                self.choice("reference") or spider.RATE), 0))
            self.reference_combo.blockSignals(False)
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
        return LayerData(self._layer, self.cluster_field(),
                         self.variables() + list(self.denominators().values()))

    def _reference_chosen(self, *_):
        self.remember("reference", self.reference_combo.currentData())
        self._options_changed()

    def _options_changed(self, *_):
        self.save()
        self.update_view()

    # --- state --------------------------------------------------------------------------
    def options(self) -> dict:
        return {"variables": self.variables(), "mode": self.mode(),
                "lookup": self.lookup_widget.filePath(),
                "clusters": "1" if self.clusters_check.isChecked() else "0",
                "reference": self.reference_combo.currentData() or spider.RATE,
                "distinctive": str(self.distinctive_spin.value())}

    def restore_options(self, saved: dict) -> None:
        if self.choice("variables") is None and saved.get("variables"):
            self.set_variables(saved["variables"])
            self._data = None
        self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(saved["mode"]), 0))
        self.lookup_widget.setFilePath(saved["lookup"])
        self.clusters_check.setChecked(saved["clusters"] != "0")
        self.reference_combo.setCurrentIndex(
            max(self.reference_combo.findData(saved["reference"]), 0))
        try:
            self.distinctive_spin.setValue(int(saved["distinctive"]))
        except (TypeError, ValueError):
            pass

    # --- what the values are ---------------------------------------------------------
    def denominators(self) -> dict[str, str]:
        """variable → denominator count field recorded on the layer (present fields only)."""
        if self._layer is None:
            return {}
        names = self._layer.fields().names()
        found = json_property(self._layer, "denominators", {})
        return {str(v): str(d) for v, d in found.items() if v in names and d in names}

    def percentages(self) -> bool:
        """The variables are the plugin's unstandardised percentages (recorded on the layer)."""
        if self._layer is None:
            return False
        return bool(json_property(self._layer, "variables", [])) and bool(
            self.denominators() or layer_property(self._layer, "population_field", ""))

    def values_word(self) -> str:
        """What unrecorded values look like: standardised (0–1 or z-scores) or as stored."""
        data = self._data
        fields = [f for f in self.variables() if data is not None and f in data.values]
        if not fields:
            return tr("values as on the layer")
        X = data.matrix(fields)
        X = X[np.isfinite(X).all(axis=1)] if len(X) else X
        if len(X) and ((X.min() >= -0.001 and X.max() <= 1.001) or (
                np.all(np.abs(X.mean(axis=0)) < 0.2) and
                np.all(np.abs(X.std(axis=0) - 1) < 0.3))):
            return tr("standardised values")
        return tr("values as on the layer")

    def reference(self) -> str:
        """`rate` (the whole area's, denominator-weighted) or `mean` (of areas)."""
        wanted = self.reference_combo.currentData() or spider.RATE
        return wanted if wanted == spider.MEAN or self.denominators() else spider.MEAN

    def reference_label(self) -> str:
        if not self.percentages():
            return tr("Mean of areas ({values})").format(values=self.values_word())
        return tr("Whole-area rate") if self.reference() == spider.RATE else tr("Mean of areas")

    def mode_title(self) -> str:
        if self.mode() == spider.ZSCORE:
            return tr("Difference from the {reference}, in standard deviations of the "
                      "areas").format(reference=self.reference_label().lower())
        if not self.percentages():
            return tr("Index of {values} (100 = mean of areas)").format(
                values=self.values_word())
        return tr("Index of percentages (100 = {reference})").format(
            reference=self.reference_label().lower())

    def _refresh_reference(self) -> None:
        """Offer the whole-area rate only when the denominators are known."""
        has = bool(self.denominators())
        if not has:
            self.reference_combo.blockSignals(True)
            self.reference_combo.setCurrentIndex(self.reference_combo.findData(spider.MEAN))
            self.reference_combo.blockSignals(False)
        self.reference_combo.setEnabled(has)
        self.reference_combo.setToolTip("" if has else tr(
            "The whole-area rate needs each variable's denominator count on the layer (the "
            "plugin records them on its classified outputs)."))

    # --- contents -----------------------------------------------------------------------
    def update_view(self):
        data, layer = self._data, self._layer
        fields = [f for f in self.variables() if data is not None and f in data.values]
        if data is None or layer is None or not fields or not len(data):
            self.chart.clear_chart()
            self.last_figure = self.last_table = None
            self.status.setText(tr("Choose a classified layer, its cluster field and the "
                                   "variables."))
            return
        self._refresh_reference()
        X = data.matrix(fields)
        weights = None
        if self.reference() == spider.RATE:
            denominators = self.denominators()
            weights = np.column_stack([
                data.values[denominators[f]] if denominators.get(f) in data.values
                else np.ones(len(data)) for f in fields])
        names, colours = ui_labels.names_and_colours(layer)
        fallback = cluster_colours(data.codes, selection_colour())
        selected = layer.selectedFeatureIds()
        rows = data.rows(selected) if selected else None
        groups, group_colours = {}, {}
        selection = None
        if rows is not None and len(rows):
            selection = tr(SELECTED)
            groups[selection] = rows
            present = sorted(set(data.code_index[rows]) - {-1})
            status = tr("{n} areas selected, {k} cluster(s)").format(n=len(rows),
                                                                       k=len(present))
        else:
            present = list(range(len(data.codes)))
            status = tr("Nothing selected: every cluster")
        if self.clusters_check.isChecked() or not groups:
            for i in present:
                code = data.codes[i]
                label = f"{code} {names.get(code, '')}".strip()
                groups[label] = np.flatnonzero(data.code_index == i)
                group_colours[label] = colours.get(code) or fallback[code]
        table = spider.profile_table(X, groups, fields, self.mode(), weights)
        top = self.distinctive_spin.value()
        if 0 < top < len(fields):
            keep = spider.most_distinctive(table, top, self.mode())
            shown = table[keep]
            shown.attrs = {"values": table.attrs["values"][keep],
                           "reference": table.attrs["reference"][keep]}
            status += " · " + tr("the {n} most distinctive of {total} variables").format(
                n=len(keep), total=len(fields))
            table = shown
        if not self.percentages():
            status += " · " + self.values_word()
        self.status.setText(status)
        var_names, domains = read_lookup(self.lookup_widget.filePath())
        var_names = lookup_keys(var_names, fields)  # raw_v01 (carried percentage) → v01's
        domains = lookup_keys(domains, fields) if domains else domains
        self.last_table = table
        self.chart.show_table(table, mode=self.mode(), colours=group_colours, domains=domains,
                              variable_names=var_names, selection=selection,
                              reference_label=self.reference_label(),
                              mode_title=self.mode_title())
        self.last_figure = self.chart.figure

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
