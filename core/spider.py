"""Spider (radar) charts of mean profiles against the area average (no QGIS, no GUI)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
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


MEAN, RATE = "mean", "rate"  # reference: mean of areas, or the whole area's rate
REFERENCE_TITLES = {MEAN: "mean of areas", RATE: "whole-area rate"}


def _weighted_mean(X: np.ndarray, W: np.ndarray | None) -> np.ndarray:
    """Column means ignoring NaN; with `W`, weighted (a pooled rate: Σ w·x / Σ w)."""
    if not len(X):
        return np.full(X.shape[1], np.nan)
    if W is None:
        with np.errstate(invalid="ignore"), _quiet():
            return np.nanmean(X, axis=0)
    ok = np.isfinite(X) & np.isfinite(W) & (W > 0)
    num = np.where(ok, X * np.where(ok, W, 0), 0).sum(axis=0)
    den = np.where(ok, W, 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


@contextmanager
def _quiet():
    """Silence numpy's 'mean of empty slice' (an all-NaN column gives NaN, as wanted)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def profile_table(values: np.ndarray, groups: Mapping[str, np.ndarray], fields: Sequence[str],
                  mode: str = INDEX, weights: np.ndarray | None = None) -> pd.DataFrame:
    """Rows: groups (boolean masks or row indices into `values`); columns: fields.

    `index`: 100 × group mean / overall mean (NaN where the overall mean is 0);
    `zscore`: (group mean − overall mean) / overall standard deviation of the areas.
    With `weights` (areas × fields, e.g. each percentage's denominator count) the means are
    weighted: the group's and the whole area's rate (as "the average unemployment level is
    6 per cent"); without, plain means of areas. Empty groups are left out; NaN ignored.
    The means themselves (in the variables' units) are in `table.attrs["values"]` and the
    reference in `table.attrs["reference"]`.
    """
    if mode not in MODES:
        raise ValueError(f"Unknown spider mode '{mode}': use one of {', '.join(MODES)}.")
    X = np.asarray(values, dtype=float)
    W = None if weights is None else np.asarray(weights, dtype=float)
    mean = _weighted_mean(X, W)
    with _quiet():
        sd = np.nanstd(X, axis=0) if len(X) else np.full(X.shape[1], np.nan)
    rows, names, raw = [], [], []
    for name, sel in groups.items():
        sel = np.asarray(sel)
        sub = X[sel]
        if not len(sub):
            continue
        gm = _weighted_mean(sub, None if W is None else W[sel])
        with np.errstate(invalid="ignore", divide="ignore"):
            row = 100.0 * gm / np.where(mean == 0, np.nan, mean) if mode == INDEX else \
                (gm - mean) / np.where(sd == 0, np.nan, sd)
        rows.append(row)
        raw.append(gm)
        names.append(str(name))
    table = pd.DataFrame(rows, index=names, columns=list(fields), dtype=float)
    table.attrs["values"] = pd.DataFrame(raw, index=names, columns=list(fields), dtype=float)
    table.attrs["reference"] = pd.Series(mean, index=list(fields), dtype=float)
    return table


def most_distinctive(table: pd.DataFrame, n: int, mode: str = INDEX) -> list[str]:
    """The `n` variables furthest from the reference in any row (all when n ≤ 0 or more),
    in their original order."""
    fields = list(table.columns)
    if n <= 0 or n >= len(fields):
        return fields
    centre = 100.0 if mode == INDEX else 0.0
    spread = (table - centre).abs().max(axis=0).fillna(0.0)
    keep = set(spread.sort_values(ascending=False, kind="stable").index[:n])
    return [f for f in fields if f in keep]


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


SELECTION_STYLE = {"color": "#000000", "linewidth": 2.6, "linestyle": "-", "marker": "o",
                   "markersize": 3.5, "zorder": 5}
REFERENCE_STYLE = {"color": "#7a7a7a", "linewidth": 2.0, "linestyle": (0, (5, 3)), "zorder": 2}


def radar_figure(table: pd.DataFrame, mode: str = INDEX, colours: Mapping[str, str] | None = None,
                 domains: Mapping[str, str] | None = None,
                 variable_names: Mapping[str, str] | None = None, title: str = "",
                 width: float = 6.5, height: float = 6.5, fig: Figure | None = None,
                 rect=None, legend: bool = True, font_size: float | None = None,
                 reference_label: str = "Area average", mode_title: str | None = None,
                 selection: str | None = None, hidden: Sequence[str] = (),
                 wrap: int = 0, note_y: float | None = None,
                 key: Mapping | None = None, domain_columns: int = 3,
                 note_chars: int = 0, domains_y: float = 0.0,
                 legend_columns: int = 0) -> Figure:
    """A radar of each row of `table` against the reference (a dashed grey ring).

    Values beyond the scale are drawn at its edge. With `domains`, variables are grouped by
    domain, their labels coloured by domain and the domains listed under the chart. The row
    named `selection` is drawn black and bold with markers, the others in their colours with a
    light fill; rows in `hidden` are drawn invisible (shown again from the legend). With
    `font_size` (points) every text uses it (ticks slightly smaller) and the legends go under
    the chart; `wrap` breaks variable names onto two lines of about that many characters;
    `key` ({"top": figure y, "ncol": columns, "chars": characters a line}) numbers the spokes
    and lists the names in a key from `top` down (for a narrow dock).
    The lines drawn are in `fig.spider` (angles, fields, rows, lines, fills, legend).
    """
    attrs = dict(table.attrs)
    fields, doms = order_by_domain(list(table.columns), domains)
    table = table[fields]
    lo, hi = _limits(table, mode)
    n = len(fields)
    if fig is None:
        fig = new_figure(width, height)
    fs = font_size or 8
    small = max(fs - 1, 6) if font_size else 6
    box = rect or [0.12, 0.14, 0.76, 0.70]
    ax = fig.add_axes(box, polar=True)
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False) if n else np.array([])
    closed = np.concatenate([angles, angles[:1]])
    ring = np.linspace(0, 2 * np.pi, 200)
    centre = 100.0 if mode == INDEX else 0.0
    ref, = ax.plot(ring, np.full_like(ring, centre), label=reference_label, **REFERENCE_STYLE)
    palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"]
    lines, fills = {}, {}
    for i, (name, row) in enumerate(table.iterrows()):
        name = str(name)
        colour = (colours or {}).get(name) or palette[i % len(palette)]
        v = np.clip(row.to_numpy(dtype=float), lo, hi)
        v = np.where(np.isfinite(v), v, centre)
        v = np.concatenate([v, v[:1]])
        if name == selection:
            line, = ax.plot(closed, v, label=name, **SELECTION_STYLE)
        else:
            line, = ax.plot(closed, v, color=colour, linewidth=1.6, label=name, zorder=3)
            fills[name] = ax.fill(closed, v, color=colour, alpha=0.10, zorder=1)[0]
        lines[name] = line
        if name in hidden:
            line.set_visible(False)
            if name in fills:
                fills[name].set_visible(False)
    ax.set_ylim(lo, hi)
    ax.set_xticks(angles)
    names = [(variable_names or {}).get(f, f) for f in fields]
    size = fs if font_size else (8 if n <= 16 else (6 if n <= 32 else 4.5))
    labels = [_wrap(s, wrap) for s in names] if wrap else \
        [_short(s, 28 if n <= 32 else 22) for s in names]
    ax.set_xticklabels(labels, fontsize=size)
    if font_size and key:  # numbered spokes; the names in a key under the chart
        ax.set_xticklabels([str(i + 1) for i in range(n)], fontsize=size, fontweight="bold")
        ax.spider_labels = list(ax.get_xticklabels())
    elif font_size:  # labels anchored at the spoke's end and extending outwards
        ax.set_xticklabels([""] * n)
        texts = []
        for angle, label in zip(angles, labels):
            x, y = np.sin(angle), np.cos(angle)  # clockwise from the top
            ha = "center" if abs(x) < 0.2 else ("left" if x > 0 else "right")
            va = "center" if abs(y) < 0.5 else ("bottom" if y > 0 else "top")
            texts.append(ax.text(angle, hi + 0.06 * (hi - lo), label, ha=ha, va=va,
                                 fontsize=size, linespacing=1.0, clip_on=False))
        ax.spider_labels = texts
    if font_size:
        ticks = [centre, (centre + hi) / 2] if mode == INDEX else [lo / 2, centre, hi / 2]
        ax.set_yticks(ticks)
        ax.set_yticklabels([f"{t:g}" for t in ticks])
    key_legend = None
    if font_size and key:
        from matplotlib.lines import Line2D

        blank = [Line2D([], [], linestyle="none") for _ in range(n)]
        key_legend = fig.legend(blank, [_short(f"{i + 1}  {s}", key.get("chars", 60))
                                        for i, s in enumerate(names)],
                                loc="upper left", bbox_to_anchor=(0.0, key["top"]),
                                ncol=key.get("ncol", 1), fontsize=size, frameon=False,
                                handlelength=0, handletextpad=0, columnspacing=1.2,
                                borderaxespad=0.2, labelspacing=0.25)
        fig.add_artist(key_legend)
    x0, y0, w, _ = box
    handles_note = None
    if domains:
        unique = list(dict.fromkeys(doms))
        dcol = {d: DOMAIN_COLOURS[i % len(DOMAIN_COLOURS)] for i, d in enumerate(unique)}
        for label, d in zip(getattr(ax, "spider_labels", None) or ax.get_xticklabels(), doms):
            label.set_color(dcol[d])
        if key_legend is not None:
            for label, d in zip(key_legend.get_texts(), doms):
                label.set_color(dcol[d])
        handles = [ax.plot([], [], color=dcol[d], linewidth=6)[0] for d in unique]
        if font_size:
            handles_note = fig.legend(handles, [d or "(no domain)" for d in unique],
                                      loc="upper center" if key else "lower center",
                                      bbox_to_anchor=(0.5, domains_y if key else 0.0),
                                      fontsize=small, ncol=min(domain_columns, len(unique)),
                                      frameon=False,
                                      handlelength=1.0, columnspacing=1.0)
        else:
            fig.legend(handles, [d or "(no domain)" for d in unique], loc="upper center",
                       bbox_to_anchor=(x0 + w / 2, y0 - 0.07), fontsize=6,
                       ncol=min(6, len(unique)), frameon=False)
    leg = None
    if legend:
        if font_size:
            entries = [ref, *lines.values()]
            leg = fig.legend(entries, [e.get_label() for e in entries], loc="upper left",
                             bbox_to_anchor=(0.0, 1.0), fontsize=fs, frameon=False,
                             ncol=legend_columns or (2 if len(entries) > 3 else 1),
                             handlelength=1.6,
                             columnspacing=1.0, borderaxespad=0.2)
        else:
            leg = ax.legend(loc="upper left", bbox_to_anchor=(-0.18, 1.16), fontsize=7,
                            frameon=False)
    if title:
        ax.set_title(title, fontsize=fs + 2, pad=26)
    text = mode_title or MODE_TITLES[mode]
    if font_size:
        fig.text(0.5, y0 - 0.01 if note_y is None else note_y,
                 _wrap(text, note_chars) if note_chars else text, ha="center", va="top",
                 fontsize=small, color="#555555", linespacing=1.1)
    else:
        ax.text(0.5, -0.085, text, transform=ax.transAxes, ha="center", fontsize=7,
                color="#555555")
    fig.spider = {"ax": ax, "angles": angles, "fields": fields, "table": table,
                  "lines": lines, "fills": fills, "legend": leg, "domains": handles_note,
                  "reference": ref, "names": dict(zip(fields, names)), "limits": (lo, hi),
                  "values": attrs.get("values"), "reference_values": attrs.get("reference"),
                  "mode": mode, "key": key_legend,
                  "labels": getattr(ax, "spider_labels", None) or list(ax.get_xticklabels())}
    return fig


def _wrap(text: str, width: int) -> str:
    """At most two lines of about `width` characters (the second shortened with …)."""
    import textwrap

    lines = textwrap.wrap(str(text), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), width)]
    return "\n".join(lines)


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
