"""The spider chart drawn in the dock, at the dock's size, interactive.

Drawn with matplotlib's Qt canvas (`backend_qtagg.FigureCanvasQTAgg`) rather than QtCharts:
matplotlib is already a dependency of the plugin (reports, pen portraits, exports) and the
same `core.spider.radar_figure` draws the dock, the PNG/SVG exports and the pen portraits, so
they always agree; the Qt canvas works with the PyQt5 of QGIS 3 and the PyQt6 of QGIS 4
(matplotlib uses the binding QGIS has loaded); QtCharts is a separate, optional module
(PyQt5.QtChart is missing from several QGIS installs) and its polar chart cannot colour labels
by domain. The canvas is redrawn (not scaled) whenever the dock is resized, with text at the
desktop's font size (at least 9 pt); hovering shows the variable, value and index under the
cursor; clicking a legend entry hides or shows that line.

Imported only when the spider dock is first opened (matplotlib's Qt backend is not light).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QCursor
from qgis.PyQt.QtWidgets import QApplication, QSizePolicy, QToolTip

from ..core import spider

MIN_POINTS = 9.0


def desktop_points() -> float:
    """The desktop's font size in points (never under 9)."""
    font = QApplication.font()
    size = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
    return max(MIN_POINTS, float(size))


class SpiderCanvas(FigureCanvasQTAgg):
    """A radar chart that fills its widget, follows resizes, hovers and toggles lines."""

    def __init__(self, parent=None):
        super().__init__(Figure())
        if parent is not None:
            self.setParent(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 240)
        self.setMouseTracking(True)
        self.table = None
        self.options: dict = {}
        self.hidden: set[str] = set()
        self.info: dict = {}
        self._legend_names: dict = {}
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(60)
        self._redraw_timer.timeout.connect(self.redraw)
        self.mpl_connect("motion_notify_event", self._hover)
        self.mpl_connect("pick_event", self._pick)

    # --- drawing ------------------------------------------------------------------------
    def show_table(self, table, **options) -> None:
        """Draw `table` (see core.spider.radar_figure for the options)."""
        names = set(map(str, table.index)) if table is not None else set()
        self.hidden &= names
        self.table, self.options = table, options
        self.redraw()

    def clear_chart(self) -> None:
        self.table = None
        self.figure.clear()
        self.info = {}
        self.draw_idle()

    def font_points(self) -> float:
        return desktop_points()

    def layout_for(self, width: float, height: float) -> dict:
        """Where things go on a canvas of width × height px (figure fractions), from the top:
        the legend of lines, the chart, the numbered key of variables, the scale, the domains.
        Also sets `wanted_height`: what a round chart as wide as the canvas needs."""
        fs = self.font_points()
        px = fs * self.figure.dpi / 72.0 / max(self.devicePixelRatioF(), 1.0)
        char = 0.56 * px
        line = 1.32 * px
        entries = [str(self.options.get("reference_label", ""))] + \
            ([str(i) for i in self.table.index] if self.table is not None else [])
        entry_w = max(len(e) for e in entries) * char + 3.2 * px
        legend_cols = 2 if len(entries) > 3 and 2 * entry_w <= width else 1
        top = math.ceil(len(entries) / legend_cols) * 1.45 * px + 0.6 * px
        fields = list(self.table.columns) if self.table is not None else []
        ncol = 1 if width < 600 else 2
        key_h = math.ceil(len(fields) / ncol) * line + 0.4 * px
        domains = self.options.get("domains") or {}
        names = sorted({str(domains.get(f, "") or "") for f in fields}) if domains else []
        longest = max((len(d) for d in names), default=0) * char * 0.92 + 2.5 * px
        dom_cols = max(1, min(3, int(width // max(longest, 1.0)))) if names else 1
        dom_h = math.ceil(len(names) / dom_cols) * 1.45 * px if names else 0.0
        note_chars = max(int(width / (char * 0.92)) - 2, 20)
        note_h = 1.4 * px * (2 if len(self.options.get("mode_title") or "") > note_chars
                             else 1)
        bottom = key_h + note_h + dom_h + 0.5 * px
        margin = 2.4 * px  # the spoke numbers
        side = max(min(width - 2 * margin, height - top - bottom - 2 * margin), 60.0)
        self.wanted_height = top + bottom + 2 * margin + min(width - 2 * margin, 700)
        chart_bottom = height - top - margin - side
        key_top = chart_bottom - margin
        note_top = key_top - key_h
        return {"rect": [(width - side) / 2 / width, chart_bottom / height, side / width,
                         side / height],
                "font_size": fs, "domain_columns": dom_cols, "legend_columns": legend_cols,
                "note_y": note_top / height, "note_chars": note_chars,
                "domains_y": (note_top - note_h) / height,
                "key": {"top": key_top / height, "ncol": ncol,
                        "chars": max(int((width / ncol) / char) - 1, 12)}}

    def redraw(self) -> None:
        self.figure.clear()
        if self.table is None or not len(self.table.columns):
            self.info = {}
            self.draw_idle()
            return
        width, height = max(self.width(), 50), max(self.height(), 50)
        layout = self.layout_for(width, height)
        spider.radar_figure(self.table, fig=self.figure, rect=layout["rect"],
                            font_size=layout["font_size"], note_y=layout["note_y"],
                            note_chars=layout["note_chars"], domains_y=layout["domains_y"],
                            key=layout["key"], domain_columns=layout["domain_columns"],
                            legend_columns=layout["legend_columns"],
                            hidden=tuple(self.hidden), **self.options)
        self.info = getattr(self.figure, "spider", {})
        self.fit_height()
        self._legend_names = {}
        legend = self.info.get("legend")
        if legend is not None:
            names = [t.get_text() for t in legend.get_texts()]
            for handle, text, name in zip(legend.legend_handles if hasattr(
                    legend, "legend_handles") else legend.legendHandles,
                    legend.get_texts(), names):
                if name in self.info["lines"]:
                    for artist in (handle, text):
                        artist.set_picker(True)
                        self._legend_names[artist] = name
                    if name in self.hidden:
                        handle.set_alpha(0.25)
                        text.set_alpha(0.35)
        self.draw_idle()

    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.table is not None:
            self._redraw_timer.start()

    def fit_height(self) -> None:
        """Ask for the height a round chart as wide as the dock needs, with its legend and
        key (the dock scrolls rather than shrinking the chart to a stamp)."""
        if self.table is None:
            return
        self.layout_for(max(self.width(), 50), max(self.height(), 50))
        wanted = int(getattr(self, "wanted_height", 0))
        if abs(self.minimumHeight() - wanted) > 4:
            self.setMinimumHeight(max(wanted, 240))

    # --- interaction --------------------------------------------------------------------
    def toggle(self, name: str) -> None:
        """Hide or show one line (as a click on its legend entry does)."""
        if name in self.hidden:
            self.hidden.discard(name)
        else:
            self.hidden.add(name)
        self.redraw()

    def _pick(self, event):
        name = self._legend_names.get(event.artist)
        if name is not None:
            self.toggle(name)

    def hover_text(self, theta: float, r: float) -> str:
        """What the tooltip says at polar position (theta, r): variable, value and index."""
        info = self.info
        if not info or not len(info["angles"]):
            return ""
        angles = info["angles"]
        step = 2 * np.pi / len(angles)
        j = int(np.round((theta % (2 * np.pi)) / step)) % len(angles)
        field = info["fields"][j]
        table, lo_hi = info["table"], info["limits"]
        tolerance = 0.07 * (lo_hi[1] - lo_hi[0])
        best, best_d = None, tolerance
        for name, line in info["lines"].items():
            if not line.get_visible():
                continue
            value = table.loc[name, field]
            drawn = np.clip(value, *lo_hi) if np.isfinite(value) else np.nan
            if np.isfinite(drawn) and abs(drawn - r) <= best_d:
                best, best_d = name, abs(drawn - r)
        label = info["names"].get(field, field)
        if label != field:
            label = f"{label} ({field})"
        reference = info.get("reference_values")
        ref_text = f"{self.options.get('reference_label', 'Reference')}: " \
                   f"{_number(reference[field])}" if reference is not None else ""
        if best is None:
            return "\n".join(t for t in (label, ref_text) if t)
        index = table.loc[best, field]
        values = info.get("values")
        value = values.loc[best, field] if values is not None else None
        word = "index" if info["mode"] == spider.INDEX else "difference (SDs)"
        parts = [label, f"{best}: {_number(value)}" if value is not None else best,
                 f"{word} {index:.0f}" if info["mode"] == spider.INDEX else
                 f"{word} {index:+.2f}", ref_text]
        return "\n".join(p for p in parts if p)

    def _hover(self, event):
        ax = self.info.get("ax") if self.info else None
        if ax is None or event.inaxes is not ax or event.xdata is None:
            QToolTip.hideText()
            return
        text = self.hover_text(event.xdata, event.ydata)
        if text:
            QToolTip.showText(QCursor.pos(), text, self)


def _number(value) -> str:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "–"
    if not np.isfinite(value):
        return "–"
    return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
