"""Charts of profile indices: bars around 100 with confidence whiskers (matplotlib, Agg)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .charts import new_figure

OVER, UNDER, PLAIN = "#1a9850", "#d73027", "#9e9e9e"


def _colours(index: np.ndarray, significant: np.ndarray) -> list[str]:
    return [PLAIN if not s or not np.isfinite(i) else (OVER if i > 100 else UNDER)
            for i, s in zip(index, significant)]


def _short(name: str, width: int = 22) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def index_chart(table: pd.DataFrame, title: str) -> Figure:
    """Index by cluster as bars from 100 (up: over-represented), with the CI as whiskers.

    `table` has the profile columns cluster, index, index_low, index_high, significant and
    suppressed (and optionally name, shown after the code). Significant clusters are coloured
    (green over, red under 100); suppressed ones are labelled and have no bar.
    """
    n = len(table)
    named = "name" in table and table["name"].fillna("").astype(str).str.len().gt(0).any()
    fig = new_figure(max(5.0, 0.5 * n + 2.5), 5.6 if named else 4.2)
    ax = fig.add_subplot(1, 1, 1)
    x = np.arange(n)
    index = table["index"].to_numpy(float)
    low = table["index_low"].to_numpy(float)
    high = table["index_high"].to_numpy(float)
    sig = table["significant"].fillna(False).to_numpy(bool)
    shown = np.isfinite(index)
    ax.bar(x[shown], index[shown] - 100, bottom=100, color=np.array(
        _colours(index, sig), dtype=object)[shown].tolist(), edgecolor="#444", linewidth=0.5)
    ci = shown & np.isfinite(low) & np.isfinite(high)
    # one 2 x n array, not a list of arrays (which numpy 2 + matplotlib warn about)
    yerr = np.vstack([index[ci] - low[ci], high[ci] - index[ci]])
    ax.errorbar(x[ci], index[ci], yerr=yerr, fmt="none", ecolor="#222", capsize=3, linewidth=1)
    ax.axhline(100, color="#222", linewidth=1)
    supp = table["suppressed"].fillna(False).to_numpy(bool) if "suppressed" in table else ~shown
    for i in np.flatnonzero(supp):
        ax.text(x[i], 100, "suppressed", rotation=90, ha="center", va="bottom", fontsize=7,
                color="#666")
    ax.set_xticks(x)
    names = (table["name"].fillna("").astype(str).tolist() if "name" in table
             else [""] * n)
    ticks = [f"{c} {_short(nm)}".strip() for c, nm in zip(table["cluster"], names)]
    named = any(names)
    ax.set_xticklabels(ticks, rotation=90 if named or n > 12 else 0,
                       fontsize=7 if named else None)
    ax.set_xlabel("cluster")
    ax.set_ylabel("index (100 = as expected)")
    ax.set_title(title, fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    return fig


def field_index_chart(table: pd.DataFrame, title: str) -> Figure:
    """Know-your-area: each field's index (local / reference × 100) as horizontal bars."""
    n = len(table)
    fig = new_figure(7.0, max(3.0, 0.3 * n + 1.5))
    ax = fig.add_subplot(1, 1, 1)
    y = np.arange(n)[::-1]
    index = table["index"].to_numpy(float)
    shown = np.isfinite(index)
    colours = [OVER if i > 100 else UNDER for i in np.nan_to_num(index, nan=100)]
    ax.barh(y[shown], index[shown] - 100, left=100,
            color=np.array(colours, dtype=object)[shown].tolist())
    ax.axvline(100, color="#222", linewidth=1)
    ax.set_yticks(y)
    ax.set_yticklabels([str(f) for f in table["field"]], fontsize=8)
    ax.set_xlabel("index (local / reference × 100)")
    ax.set_title(title, fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    return fig
