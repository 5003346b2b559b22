"""The summary dock's bar chart on matplotlib's Qt canvas (see spider_chart.py for why): as
wide as the dock, one bar per cluster present (never dropped: the canvas asks for the height
its bars need and the dock scrolls), text at the desktop's font size (at least 9 pt)."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QSizePolicy

from .spider_chart import desktop_points


class BarCanvas(FigureCanvasQTAgg):
    """Horizontal bars named from the labels, redrawn at the canvas's size."""

    def __init__(self, parent=None):
        super().__init__(Figure())
        if parent is not None:
            self.setParent(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.bars: tuple | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self.redraw)

    def show_bars(self, labels: list[str], values, colours: list[str], xlabel: str) -> None:
        self.bars = (list(labels), np.asarray(values, dtype=float), list(colours), xlabel)
        fs = desktop_points()
        px = fs * self.figure.dpi / 72.0 / max(self.devicePixelRatioF(), 1.0)
        self.setFixedHeight(int((len(labels) * 1.9 + 3.2) * px))
        self.redraw()

    def clear_chart(self) -> None:
        self.bars = None
        self.figure.clear()
        self.draw_idle()

    def redraw(self) -> None:
        self.figure.clear()
        if self.bars is None:
            self.draw_idle()
            return
        labels, values, colours, xlabel = self.bars
        fs = desktop_points()
        ax = self.figure.add_subplot(1, 1, 1)
        y = np.arange(len(labels))[::-1]
        ax.barh(y, values, color=colours)
        ax.set_yticks(y)
        ax.set_yticklabels([s[:28] for s in labels], fontsize=fs)
        ax.tick_params(axis="x", labelsize=fs)
        ax.set_xlabel(xlabel, fontsize=fs)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        try:
            self.figure.tight_layout(pad=0.4)
        except ValueError:  # too small to lay out: draw as it is
            pass
        self.draw_idle()

    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.bars is not None:
            self._timer.start()
