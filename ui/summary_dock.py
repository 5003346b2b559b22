"""Cluster summary dock: areas, population and households per cluster for the selected areas
(all areas when nothing is selected), as a table and a bar chart named from the labels."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsFieldProxyModel, QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.gui import QgsDockWidget, QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.charts import new_figure
from ..core.colours import cluster_colours
from . import labels as ui_labels
from .docks_common import (
    LayerData,
    figure_pixmap,
    follow_active_layer,
    follow_project_and_iface,
    guess_cluster_field,
    guess_count_field,
    load_state,
    save_state,
    tr,
)

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


class ClusterSummaryDock(QgsDockWidget):
    """Table and bar chart of the clusters in the selection of a classified layer."""

    def __init__(self, iface=None, parent=None):
        super().__init__(tr("Cluster summary"), parent)
        self.setObjectName("CustomerSegmentationSummaryDock")
        self.iface = iface
        self._data: LayerData | None = None
        self._layer: QgsVectorLayer | None = None
        self._restoring = False
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
        self.population_combo = QgsFieldComboBox()
        self.population_combo.setFilters(QgsFieldProxyModel.Numeric)
        self.population_combo.setAllowEmptyFieldName(True)
        self.households_combo = QgsFieldComboBox()
        self.households_combo.setFilters(QgsFieldProxyModel.Numeric)
        self.households_combo.setAllowEmptyFieldName(True)
        form.addRow(tr("Classified layer"), self.layer_combo)
        form.addRow(tr("Cluster field"), self.cluster_combo)
        form.addRow(tr("Population field"), self.population_combo)
        form.addRow(tr("Households field"), self.households_combo)
        self.labels_combo = QgsMapLayerComboBox()  # the names and colours of the clusters
        self.labels_combo.setFilters(QgsMapLayerProxyModel.VectorLayer)
        self.labels_combo.setAllowEmptyLayer(True)
        self.labels_combo.setToolTip(tr(
            "The labels table (code, name, colour …) giving the clusters their names and "
            "colours. Choose another one, e.g. from an earlier run, to link it to the layer."))
        form.addRow(tr("Labels table"), self.labels_combo)
        layout.addLayout(form)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        self.chart = QLabel()
        self.chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.chart.setMinimumHeight(160)
        layout.addWidget(self.chart, 1)
        self.setWidget(body)

        self.layer_combo.layerChanged.connect(self._layer_changed)
        self.labels_combo.layerChanged.connect(self._labels_table_chosen)
        QgsProject.instance().layersAdded.connect(self._show_labels_table)
        QgsProject.instance().layersRemoved.connect(self._show_labels_table)
        for combo in (self.cluster_combo, self.population_combo, self.households_combo):
            combo.fieldChanged.connect(self._fields_changed)
        follow_project_and_iface(self, iface)

    # --- wiring -------------------------------------------------------------------------
    def _active_layer_changed(self, *_):
        follow_active_layer(self)

    def set_layer(self, layer, cluster_field: str = "", population: str | None = None,
                  households: str | None = None) -> None:
        """Show a layer (fields guessed when not given)."""
        self.layer_combo.setLayer(layer)
        if cluster_field:
            self.cluster_combo.setField(cluster_field)
        if population is not None:
            self.population_combo.setField(population)
        if households is not None:
            self.households_combo.setField(households)
        self._fields_changed()

    def _layer_changed(self, layer):
        if self._layer is not None:
            try:
                self._layer.selectionChanged.disconnect(self.schedule)
            except (TypeError, RuntimeError):
                pass
        self._layer = layer if isinstance(layer, QgsVectorLayer) else None
        for combo in (self.cluster_combo, self.population_combo, self.households_combo):
            combo.blockSignals(True)
            combo.setLayer(self._layer)
            combo.blockSignals(False)
        if self._layer is not None:
            self._layer.selectionChanged.connect(self.schedule)
            if not self._restoring:
                self.cluster_combo.setField(guess_cluster_field(self._layer))
                self.population_combo.setField(guess_count_field(
                    self._layer, ("population", "persons", "usual_res")))
                self.households_combo.setField(guess_count_field(self._layer, ("household",)))
        self._fields_changed()
        self._show_labels_table()

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
        field = self.cluster_combo.currentField()
        if self._layer is None or not field:
            return
        project = QgsProject.instance()
        if labels_layer is None:
            ui_labels.unlink(self._layer)
        elif not ui_labels.link(self._layer, labels_layer, field, project=project):
            return
        ui_labels.label_sync(project).labelsChanged.emit(self._layer.id())

    def _fields_changed(self, *_):
        self._data = None
        if self._layer is not None and self.cluster_combo.currentField():
            self._data = LayerData(self._layer, self.cluster_combo.currentField(),
                                   [self.population_combo.currentField(),
                                    self.households_combo.currentField()])
        if not self._restoring:
            save_state(STATE_KEY, self.state())
        self.update_view()

    def _labels_changed(self, layer_id: str):
        if self._layer is not None and self._layer.id() == layer_id:
            self.schedule()

    def schedule(self, *_):
        """Debounced update (selection changes arrive in bursts)."""
        self.timer.start()

    # --- state --------------------------------------------------------------------------
    def state(self) -> dict:
        return {"layer": self._layer.id() if self._layer is not None else "",
                "cluster_field": self.cluster_combo.currentField(),
                "population_field": self.population_combo.currentField(),
                "households_field": self.households_combo.currentField()}

    def restore_state(self, *_):
        """Re-select the layer and fields saved with the project."""
        s = load_state(STATE_KEY, {"layer": "", "cluster_field": "", "population_field": "",
                                   "households_field": ""})
        layer = QgsProject.instance().mapLayer(s["layer"]) if s["layer"] else None
        if layer is None:
            return
        self._restoring = True
        try:
            self.layer_combo.setLayer(layer)
            self._layer_changed(layer)
            self.cluster_combo.setField(s["cluster_field"])
            self.population_combo.setField(s["population_field"])
            self.households_combo.setField(s["households_field"])
        finally:
            self._restoring = False
        self._fields_changed()

    # --- contents -----------------------------------------------------------------------
    def rows(self) -> list[list]:
        """The table's rows as shown: code, name, areas, population, households."""
        return [[self.table.item(r, c).text() if self.table.item(r, c) else ""
                 for c in range(self.table.columnCount())] for r in range(self.table.rowCount())]

    def update_view(self):
        data, layer = self._data, self._layer
        if data is None or layer is None or not len(data.codes):
            self.table.setRowCount(0)
            self.chart.clear()
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
        fallback = cluster_colours(data.codes)
        headers = [tr("Code"), tr("Name"), tr("Areas")]
        extra = [k for k in ("population", "households") if k in result]
        headers += [tr("Population") if k == "population" else tr("Households") for k in extra]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        present = [i for i, n in enumerate(result["areas"]) if n > 0]
        self.table.setRowCount(len(present))
        for r, i in enumerate(present):
            code = data.codes[i]
            cells = [code, names.get(code, ""), f"{int(result['areas'][i]):,}"]
            cells += [f"{result[k][i]:,.0f}" for k in extra]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(_NUMBER_ALIGN)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for c in range(len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        height = header.sizeHint().height() + \
            sum(self.table.rowHeight(r) for r in range(len(present)))
        self.table.setMaximumHeight(height + 2 * self.table.frameWidth() + 2)
        measure = extra[0] if extra else "areas"
        self.chart.setPixmap(figure_pixmap(self.figure(
            [data.codes[i] for i in present], result[measure][present], names,
            {c: colours.get(c) or fallback[c] for c in data.codes}, measure)))

    def figure(self, codes, values, names, colours, measure):
        """Horizontal bars, one per cluster present, named from the labels."""
        fig = new_figure(4.8, 0.6 + 0.32 * max(len(codes), 1))
        fig.set_dpi(90)
        ax = fig.add_subplot(1, 1, 1)
        y = np.arange(len(codes))[::-1]
        ax.barh(y, values, color=[colours[c] for c in codes])
        ax.set_yticks(y)
        ax.set_yticklabels([f"{c} {names.get(c, '')}".strip()[:30] for c in codes], fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel({"areas": tr("areas"), "population": tr("population"),
                       "households": tr("households")}[measure], fontsize=8)
        for s in ("top", "right"):
            ax.spines[s].set_visible(False)
        fig.tight_layout()
        return fig
