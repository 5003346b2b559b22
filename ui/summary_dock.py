"""Cluster summary dock: areas, population and households per cluster for the selected areas
(all areas when nothing is selected), as a table and a bar chart named from the labels."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsFieldProxyModel, QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from ..core.colours import cluster_colours
from . import labels as ui_labels
from .bar_chart import BarCanvas
from .cluster_dock import ClusterDock
from .docks_common import LayerData, guess_count_field, tr
from .styling import layer_property, selection_colour

_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
STATE_KEY = "summary"


def summarise(data: LayerData, rows: np.ndarray | None, count_fields: dict[str, str]) -> dict:
    """Per cluster (in data.codes order): areas and the sum of each count field over `rows`
    (None = every row). Returns {"areas": array, "<label>": array, "total_areas": n}."""
    idx = data.code_index if rows is None else data.code_index[rows]
    ok = idx >= 0
    k = len(data.codes)
    out = {"areas": np.bincount(idx[ok], minlength=k)}
    for label, field in count_fields.items():
        if field and field in data.values:
            v = data.values[field] if rows is None else data.values[field][rows]
            v = np.where(np.isfinite(v), v, 0.0)
            out[label] = np.bincount(idx[ok], weights=v[ok], minlength=k)
    out["total_areas"] = int(len(idx))
    return out


class ClusterSummaryDock(ClusterDock):
    """Table and bar chart of the clusters in the selection of a classified layer."""

    STATE_KEY = STATE_KEY

    def __init__(self, iface=None, parent=None):
        super().__init__(tr("Cluster summary"), iface, parent)
        self.setObjectName("CustomerSegmentationSummaryDock")

    def build(self) -> None:
        self.population_combo = QgsFieldComboBox()
        self.population_combo.setFilters(QgsFieldProxyModel.Numeric)
        self.population_combo.setAllowEmptyFieldName(True)
        self.households_combo = QgsFieldComboBox()
        self.households_combo.setFilters(QgsFieldProxyModel.Numeric)
        self.households_combo.setAllowEmptyFieldName(True)
        self.form.addRow(tr("Population field"), self.population_combo)
        self.form.addRow(tr("Households field"), self.households_combo)
        self.labels_combo = QgsMapLayerComboBox()  # the names and colours of the clusters
        self.labels_combo.setFilters(QgsMapLayerProxyModel.VectorLayer)
        self.labels_combo.setAllowEmptyLayer(True)
        self.labels_combo.setToolTip(tr(
            "The labels table (code, name, colour …) giving the clusters their names and "
            "colours. Choose another one, e.g. from an earlier run, to link it to the layer."))
        self.form.addRow(tr("Labels table"), self.labels_combo)
        self.body_layout.addWidget(self.status)
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.body_layout.addWidget(self.table)
        self.chart = BarCanvas()
        self.body_layout.addWidget(self.chart)
        self.body_layout.addStretch(1)
        self.labels_combo.layerChanged.connect(self._labels_table_chosen)
        project = QgsProject.instance()
        self._connect(project.layersAdded, self._show_labels_table)
        self._connect(project.layersRemoved, self._show_labels_table)
        self.population_combo.fieldChanged.connect(
            lambda f: self._count_field_chosen("population_field", f))
        self.households_combo.fieldChanged.connect(
            lambda f: self._count_field_chosen("households_field", f))

    # --- wiring -------------------------------------------------------------------------
    def set_layer(self, layer, cluster_field: str = "", population: str | None = None,
                  households: str | None = None) -> None:
        """Show a layer (fields recorded on it or guessed when not given)."""
        super().set_layer(layer, cluster_field)
        if population is not None:
            self.population_combo.setField(population)
        if households is not None:
            self.households_combo.setField(households)

    def _count_field(self, layer, key: str, words) -> str:
        """The officer's choice, else the field the plugin recorded, else a count field."""
        names = layer.fields().names()
        chosen = self.choice(key)
        if chosen is not None and (chosen == "" or chosen in names):
            return chosen
        marked = str(layer_property(layer, key, "") or "")
        if marked in names:
            return marked
        return guess_count_field(layer, words)

    def layer_shown(self, layer) -> None:
        for combo in (self.population_combo, self.households_combo):
            combo.setLayer(layer)
        if layer is not None:
            self.population_combo.setField(self._count_field(
                layer, "population_field", ("population", "persons", "usual_res")))
            self.households_combo.setField(self._count_field(
                layer, "households_field", ("household",)))
        self._show_labels_table()

    def _count_field_chosen(self, key: str, field: str) -> None:
        if self._setting:
            return
        self.remember(key, field)
        self._fields_changed()

    def _show_labels_table(self, *_):
        """List only labels tables, showing the one linked to the layer (no relinking)."""
        project = QgsProject.instance()
        self.labels_combo.blockSignals(True)
        try:
            self.labels_combo.setExceptedLayerList(
                [lyr for lyr in project.mapLayers().values() if not ui_labels.is_labels_layer(lyr)])
            self.labels_combo.setLayer(ui_labels.linked_labels_layer(self._layer, project))
        finally:
            self.labels_combo.blockSignals(False)

    def _labels_table_chosen(self, labels_layer):
        """Link (or, with none chosen, unlink) the labels table the officer picked."""
        field = self.cluster_field()
        if self._layer is None or not field:
            return
        project = QgsProject.instance()
        if labels_layer is None:
            ui_labels.unlink(self._layer)
        elif not ui_labels.link(self._layer, labels_layer, field, project=project):
            return
        ui_labels.label_sync(project).labelsChanged.emit(self._layer.id())

    def read_data(self) -> LayerData:
        return LayerData(self._layer, self.cluster_field(),
                         [self.population_combo.currentField(),
                          self.households_combo.currentField()])

    # --- state --------------------------------------------------------------------------
    def options(self) -> dict:
        return {"population_field": self.population_combo.currentField(),
                "households_field": self.households_combo.currentField()}

    def restore_options(self, saved: dict) -> None:
        """Fields saved by versions before per-layer choices, when the layer has none."""
        names = self._layer.fields().names() if self._layer is not None else []
        for key, combo in (("population_field", self.population_combo),
                           ("households_field", self.households_combo)):
            if self.choice(key) is None and key in saved and \
                    (saved[key] == "" or saved[key] in names):
                combo.setField(saved[key])

    # --- contents -----------------------------------------------------------------------
    def rows(self) -> list[list]:
        """The rows shown: code, name, areas (and population, households when shown); the
        table shows code and name together in its first column."""
        out = []
        for r in range(self.table.rowCount()):
            first = self.table.item(r, 0)
            code, name = first.data(Qt.ItemDataRole.UserRole) if first is not None else ("", "")
            out.append([code, name] + [self.table.item(r, c).text() if self.table.item(r, c)
                                       else "" for c in range(1, self.table.columnCount())])
        return out

    def update_view(self):
        data, layer = self._data, self._layer
        if data is None or layer is None or not len(data.codes):
            self.table.setRowCount(0)
            self.chart.clear_chart()
            self.status.setText(tr("Choose a classified layer and its cluster field."))
            return
        selected = layer.selectedFeatureIds()
        rows = data.rows(selected) if selected else None
        counts = {"population": self.population_combo.currentField(),
                  "households": self.households_combo.currentField()}
        result = summarise(data, rows, counts)
        if rows is None:
            self.status.setText(tr("All {n} areas (nothing selected)").format(n=len(data)))
        else:
            self.status.setText(tr("{n} of {total} areas selected").format(
                n=result["total_areas"], total=len(data)))
        names, colours = ui_labels.names_and_colours(layer)
        fallback = cluster_colours(data.codes, selection_colour())
        headers = [tr("Cluster"), tr("Areas")]
        extra = [k for k in ("population", "households") if k in result]
        headers += [tr("Population") if k == "population" else tr("Households") for k in extra]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        present = [i for i, n in enumerate(result["areas"]) if n > 0]
        self.table.setRowCount(len(present))
        for r, i in enumerate(present):
            code = data.codes[i]
            name = names.get(code, "")
            cells = [f"{code} {name}".strip(), f"{int(result['areas'][i]):,}"]
            cells += [f"{result[k][i]:,.0f}" for k in extra]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 1:
                    item.setTextAlignment(_NUMBER_ALIGN)
                else:
                    item.setData(Qt.ItemDataRole.UserRole, (code, name))
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for c in range(len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == 0
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        height = header.sizeHint().height() + \
            sum(self.table.rowHeight(r) for r in range(len(present)))
        height += 2 * self.table.frameWidth() + 2
        self.table.setMinimumHeight(height)  # every cluster's row, never squeezed to two
        self.table.setMaximumHeight(height)
        measure = extra[0] if extra else "areas"
        codes = [data.codes[i] for i in present]
        self.chart.show_bars([f"{c} {names.get(c, '')}".strip() for c in codes],
                             result[measure][present],
                             [colours.get(c) or fallback[c] for c in codes],
                             {"areas": tr("areas"), "population": tr("population"),
                              "households": tr("households")}[measure])
