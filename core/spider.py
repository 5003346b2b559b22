"""Spider (radar) charts of mean profiles against the area average (no QGIS, no GUI)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .charts import new_figure

INDEX, ZSCORE = "index", "zscore"
MODES = (INDEX, ZSCORE)
MODE_TITLES = {INDEX: "Index (100 = area average)",
               ZSCORE: "Difference of standardised means (0 = area average)"}
DOMAIN_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                  "#666666"]


def profile_table(values: np.ndarray, groups: Mapping[str, np.ndarray], fields: Sequence[str],
                  mode: str = INDEX) -> pd.DataFrame:
    """Rows: groups (boolean masks or row indices into `values`); columns: fields.

    `index`: 100 × group mean / overall mean (NaN where the overall mean is 0);
    `zscore`: (group mean − overall mean) / overall standard deviation.
    Empty groups are left out. NaN values are ignored in every mean.
    """
    if mode not in MODES:
        raise ValueError(f"Unknown spider mode '{mode}': use one of {', '.join(MODES)}.")
    X = np.asarray(values, dtype=float)
    mean = np.nanmean(X, axis=0) if len(X) else np.full(X.shape[1], np.nan)
    sd = np.nanstd(X, axis=0) if len(X) else np.full(X.shape[1], np.nan)
    rows, names = [], []
    for name, sel in groups.items():
        sub = X[np.asarray(sel)]
        if not len(sub):
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            gm = np.nanmean(sub, axis=0)
            row = 100.0 * gm / np.where(mean == 0, np.nan, mean) if mode == INDEX else \
                (gm - mean) / np.where(sd == 0, np.nan, sd)
        rows.append(row)
        names.append(str(name))
    return pd.DataFrame(rows, index=names, columns=list(fields), dtype=float)


def order_by_domain(fields: Sequence[str], domains: Mapping[str, str] | None
                    ) -> tuple[list[str], list[str]]:
    """Fields grouped by domain (domains in order of first appearance); the domain of each."""
    fields = list(fields)
    if not domains:
        return fields, [""] * len(fields)
    order: list[str] = []
    for f in fields:
        d = str(domains.get(f, "") or "")
        if d not in order:
            order.append(d)
    ranked = sorted(fields, key=lambda f: (order.index(str(domains.get(f, "") or "")),
                                           fields.index(f)))
    return ranked, [str(domains.get(f, "") or "") for f in ranked]


def _limits(table: pd.DataFrame, mode: str) -> tuple[float, float]:
    vals = table.to_numpy(dtype=float)
    vals = vals[np.isfinite(vals)]
    if mode == INDEX:
        top = float(np.percentile(vals, 98)) if len(vals) else 150.0
        top = min(max(150.0, 1.1 * top), 500.0)
        return 0.0, float(np.ceil(top / 50.0) * 50.0)
    span = float(np.percentile(np.abs(vals), 98)) if len(vals) else 1.0
    span = min(max(1.0, 1.1 * span), 4.0)
    span = float(np.ceil(span * 2) / 2)
    return -span, span


def radar_figure(table: pd.DataFrame, mode: str = INDEX, colours: Mapping[str, str] | None = None,
                 domains: Mapping[str, str] | None = None,
                 variable_names: Mapping[str, str] | None = None, title: str = "",
                 width: float = 6.5, height: float = 6.5, fig: Figure | None = None,
                 rect=None, legend: bool = True) -> Figure:
    """A radar of each row of `table` against the area average (a bold grey ring).

    Values beyond the scale are drawn at its edge. With `domains`, variables are grouped by
    domain, their labels coloured by domain and the domains listed under the chart.
    """
    fields, doms = order_by_domain(list(table.columns), domains)
    table = table[fields]
    lo, hi = _limits(table, mode)
    n = len(fields)
    if fig is None:
        fig = new_figure(width, height)
    ax = fig.add_axes(rect or [0.12, 0.14, 0.76, 0.70], polar=True)
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False) if n else np.array([])
    closed = np.concatenate([angles, angles[:1]])
    ring = np.linspace(0, 2 * np.pi, 200)
    ax.plot(ring, np.full_like(ring, 100.0 if mode == INDEX else 0.0), color="#555555",
            linewidth=2.0, label="Area average", zorder=2)
    palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"]
    for i, (name, row) in enumerate(table.iterrows()):
        colour = (colours or {}).get(str(name)) or palette[i % len(palette)]
        v = np.clip(row.to_numpy(dtype=float), lo, hi)
        v = np.where(np.isfinite(v), v, 100.0 if mode == INDEX else 0.0)
        v = np.concatenate([v, v[:1]])
        ax.plot(closed, v, color=colour, linewidth=1.6, label=str(name), zorder=3)
        ax.fill(closed, v, color=colour, alpha=0.12, zorder=1)
    ax.set_ylim(lo, hi)
    ax.set_xticks(angles)
    names = [(variable_names or {}).get(f, f) for f in fields]
    size = 8 if n <= 16 else (6 if n <= 32 else 4.5)
    ax.set_xticklabels([_short(s, 28 if n <= 32 else 22) for s in names], fontsize=size)
    ax.tick_params(axis="y", labelsize=6, colors="#777777")
    ax.grid(alpha=0.35)
    if domains:
        unique = list(dict.fromkeys(doms))
        dcol = {d: DOMAIN_COLOURS[i % len(DOMAIN_COLOURS)] for i, d in enumerate(unique)}
        for label, d in zip(ax.get_xticklabels(), doms):
            label.set_color(dcol[d])
        handles = [ax.plot([], [], color=dcol[d], linewidth=6)[0] for d in unique]
        x0, y0, w, _ = rect or [0.12, 0.14, 0.76, 0.70]
        fig.legend(handles, [d or "(no domain)" for d in unique], loc="upper center",
                   bbox_to_anchor=(x0 + w / 2, y0 - 0.07), fontsize=6,
                   ncol=min(6, len(unique)), frameon=False)
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(-0.18, 1.16), fontsize=7, frameon=False)
    if title:
        ax.set_title(title, fontsize=10, pad=26)
    ax.text(0.5, -0.085, MODE_TITLES[mode], transform=ax.transAxes, ha="center", fontsize=7,
            color="#555555")
    return fig


def _short(text: str, width: int) -> str:
    text = str(text)
    return text if len(text) <= width else text[:width - 1] + "…"


def export_figure(fig: Figure, path: str | Path) -> Path:
    """Save a chart as PNG or SVG (by the file's extension; PNG when there is none)."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        path = path.with_suffix(".png")
    temp = path.with_name(f".{path.stem}.cs-{os.getpid()}{path.suffix}")
    try:  # written whole or not at all: a temporary file beside it, renamed into place
        fig.savefig(str(temp), format=path.suffix.lower()[1:], dpi=150, bbox_inches="tight")
        os.replace(temp, path)
    except BaseException:
        if temp.exists():
            temp.unlink()
        raise
    return path
