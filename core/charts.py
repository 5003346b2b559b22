"""Matplotlib figures for the reports, drawn with the Agg canvas (safe off the GUI thread)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def new_figure(width: float = 7.0, height: float = 4.5) -> Figure:
    """A figure bound to an Agg canvas (no pyplot, no GUI)."""
    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def to_png(fig: Figure) -> bytes:
    """PNG bytes of a figure."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


def elbow_chart(table: pd.DataFrame) -> Figure:
    """Total WCSS and the three validity indices against k."""
    fig = new_figure(9, 6)
    panels = [("total_wcss", "Total within-cluster sum of squares (elbow)"),
              ("silhouette", "Silhouette (higher is better)"),
              ("calinski_harabasz", "Calinski-Harabasz (higher is better)"),
              ("davies_bouldin", "Davies-Bouldin (lower is better)")]
    for i, (col, title) in enumerate(panels):
        ax = fig.add_subplot(2, 2, i + 1)
        ax.plot(table["k"], table[col], marker="o", color="#1f77b4")
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("k")
        ax.set_xticks(list(table["k"]))
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def clustergram(X: np.ndarray, labels: dict[int, np.ndarray]) -> Figure:
    """Schonlau's clustergram: cluster means on the first principal component for each k,
    with lines as thick as the number of areas moving between clusters of k and k+1."""
    Xc = X - X.mean(axis=0)
    _, _, vt = np.linalg.svd(Xc, full_matrices=False)
    pc1 = Xc @ vt[0]
    ks = sorted(labels)
    means = {k: {c: pc1[labels[k] == c].mean() for c in np.unique(labels[k])} for k in ks}
    fig = new_figure(8, 5)
    ax = fig.add_subplot(1, 1, 1)
    n = len(pc1)
    for k0, k1 in zip(ks, ks[1:]):
        pairs = pd.crosstab(labels[k0], labels[k1])
        for a in pairs.index:
            for b in pairs.columns:
                m = pairs.loc[a, b]
                if m:
                    ax.plot([k0, k1], [means[k0][a], means[k1][b]], color="#d62728",
                            alpha=0.5, linewidth=0.5 + 12 * m / n, solid_capstyle="round")
    for k in ks:
        sizes = np.bincount(labels[k])
        ax.scatter([k] * len(means[k]), list(means[k].values()), s=10 + 300 * sizes / n,
                   color="#1f77b4", zorder=3)
    ax.set_xlabel("number of clusters k")
    ax.set_ylabel("cluster mean on first principal component")
    ax.set_title("Clustergram: how areas split as k grows")
    ax.set_xticks(ks)
    ax.grid(alpha=0.3)
    return fig


def heatmap(matrix: pd.DataFrame, title: str) -> Figure:
    """Correlation heat-map with a diverging colour scale from -1 to 1."""
    n = len(matrix)
    size = min(4 + 0.28 * n, 22)
    fig = new_figure(size + 1.5, size)
    ax = fig.add_subplot(1, 1, 1)
    im = ax.imshow(matrix.to_numpy(), cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    fs = max(4, 10 - n // 8)
    ax.set_xticklabels(matrix.columns, rotation=90, fontsize=fs)
    ax.set_yticklabels(matrix.index, fontsize=fs)
    if n <= 20:
        for i in range(n):
            for j in range(n):
                ax.text(j, i, f"{matrix.iat[i, j]:.2f}", ha="center", va="center", fontsize=6)
    fig.colorbar(im, ax=ax, shrink=0.8)
    ax.set_title(title)
    return fig
