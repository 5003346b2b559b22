"""Pen portraits: one page per cluster with its size, spider chart, most over- and
under-represented variables, a small map and a drafted description (no QGIS here: the
polygons arrive as plain coordinate arrays)."""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from .charts import new_figure, to_png
from .codes import code_text, natural_key
from .colours import cluster_colours
from .report import HtmlReport
from .spider import INDEX, profile_table, radar_figure

# One entry per area: its rings (each an (n, 2) array of x, y).
Polygons = Sequence[Sequence[np.ndarray]]


@dataclass
class Portrait:
    """Everything on one cluster's page."""

    code: str
    name: str
    colour: str
    areas: int
    share: float
    population: float | None
    index: pd.Series  # variable → index (100 = average)
    over: pd.DataFrame  # variable, name, index (largest first)
    under: pd.DataFrame  # variable, name, index (smallest first)
    description: str
    extra: dict = field(default_factory=dict)


def cluster_index(values: pd.DataFrame, clusters: Sequence) -> pd.DataFrame:
    """100 × cluster mean / overall mean of each variable; rows = clusters (natural order)."""
    clusters = np.asarray([code_text(c) for c in clusters], dtype=object)
    codes = sorted(set(clusters) - {None}, key=natural_key)
    return profile_table(values.to_numpy(dtype=float), {c: clusters == c for c in codes},
                         list(values.columns), INDEX)


def extremes(index: pd.Series, n: int = 5, names: Mapping[str, str] | None = None
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `n` most over-represented (index > 100) and under-represented (< 100) variables."""
    s = index.dropna()
    over = s[s > 100].sort_values(ascending=False).head(n)
    under = s[s < 100].sort_values().head(n)

    def frame(part):
        return pd.DataFrame({"variable": part.index,
                             "name": [(names or {}).get(v, v) for v in part.index],
                             "index": part.to_numpy()})
    return frame(over), frame(under)


def _phrase(names: list[str]) -> str:
    names = [_lower_first(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _lower_first(text: str) -> str:
    text = str(text).strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def draft_description(values: pd.Series, names: Mapping[str, str] | None = None, n: int = 3,
                      centre: float = 100.0, threshold: float = 10.0,
                      subject: str = "these neighbourhoods",
                      compared_with: str = "the area average") -> str:
    """"Compared with the area average, these neighbourhoods have many more … and fewer …".

    `values`: variable → index (centre 100) or difference of standardised means (centre 0);
    only variables at least `threshold` away from the centre are named. `subject` and
    `compared_with` name what is described (a cluster's neighbourhoods, a ward) and against what.
    """
    s = values.dropna()
    high = s[s >= centre + threshold].sort_values(ascending=False).head(n)
    low = s[s <= centre - threshold].sort_values().head(n)
    label = [(names or {}).get(v, v) for v in high.index]
    lows = [(names or {}).get(v, v) for v in low.index]
    has = "have" if subject == "these neighbourhoods" else "has"
    if not label and not lows:
        return f"{subject[:1].upper()}{subject[1:]} {'are' if has == 'have' else 'is'} close " \
            f"to {compared_with} on every variable."
    parts = []
    if label:
        parts.append(f"many more {_phrase(label)}")
    if lows:
        parts.append(f"fewer {_phrase(lows)}")
    return f"Compared with {compared_with}, {subject} {has} " + ", and ".join(parts) + "."


def build_portraits(values: pd.DataFrame, clusters: Sequence, *,
                    population: Sequence | None = None, names: Mapping[str, str] | None = None,
                    colours: Mapping[str, str] | None = None,
                    variable_names: Mapping[str, str] | None = None,
                    descriptions: Mapping[str, str] | None = None, n: int = 5
                    ) -> list[Portrait]:
    """A portrait per cluster from the variables (one row per area) and each area's cluster."""
    clusters = np.asarray([code_text(c) for c in clusters], dtype=object)
    if len(clusters) != len(values):
        raise ValueError("One cluster code per row of values is needed.")
    index = cluster_index(values, clusters)
    default_colours = cluster_colours(index.index)
    pop = None if population is None else np.asarray(population, dtype=float)
    out = []
    for code in index.index:
        mask = clusters == code
        over, under = extremes(index.loc[code], n, variable_names)
        text = (descriptions or {}).get(code) or draft_description(
            index.loc[code], variable_names, n=3)
        out.append(Portrait(
            code=code, name=(names or {}).get(code) or f"Cluster {code}",
            colour=(colours or {}).get(code) or default_colours[code],
            areas=int(mask.sum()), share=float(mask.mean()),
            population=None if pop is None else float(np.nansum(pop[mask])),
            index=index.loc[code], over=over, under=under, description=text))
    return out


def map_axes(ax, polygons: Polygons, clusters: Sequence, code: str, colour: str) -> None:
    """Every area in pale grey, the cluster's areas in its colour."""
    clusters = np.asarray([code_text(c) for c in clusters], dtype=object)
    rest, mine = [], []
    for rings, c in zip(polygons, clusters):
        (mine if c == code else rest).extend(np.asarray(r, dtype=float) for r in rings)
    if rest:
        ax.add_collection(PolyCollection(rest, facecolors="#e4e4e4", edgecolors="#ffffff",
                                         linewidths=0.1))
    if mine:
        ax.add_collection(PolyCollection(mine, facecolors=colour, edgecolors=colour,
                                         linewidths=0.1))
    allpts = [r for rings in polygons for r in rings]
    if allpts:
        pts = np.vstack(allpts)
        ax.set_xlim(pts[:, 0].min(), pts[:, 0].max())
        ax.set_ylim(pts[:, 1].min(), pts[:, 1].max())
    ax.set_aspect("equal")
    ax.set_axis_off()


def map_figure(polygons: Polygons, clusters: Sequence, code: str, colour: str) -> Figure:
    """A small map of where the cluster lives."""
    fig = new_figure(4, 4)
    map_axes(fig.add_axes([0, 0, 1, 1]), polygons, clusters, code, colour)
    return fig


def spider(p: Portrait, domains=None, variable_names=None) -> Figure:
    """The cluster's spider chart against the area average."""
    table = pd.DataFrame([p.index.to_numpy()], index=[p.name], columns=p.index.index)
    return radar_figure(table, INDEX, {p.name: p.colour}, domains, variable_names,
                        width=6, height=6)


def _size_text(p: Portrait) -> str:
    text = f"{p.areas:,} areas ({100 * p.share:.1f}% of all)"
    if p.population is not None:
        text += f", population {p.population:,.0f}"
    return text


def _bars(ax, p: Portrait) -> None:
    rows = pd.concat([p.over, p.under.iloc[::-1]])
    if not len(rows):
        ax.set_axis_off()
        return
    y = np.arange(len(rows))[::-1]
    vals = rows["index"].to_numpy(dtype=float)
    ax.barh(y, vals - 100, left=100, color=["#2c7fb8" if v > 100 else "#d95f0e" for v in vals])
    ax.axvline(100, color="#555555", linewidth=1)
    ax.set_yticks(y)
    ax.set_yticklabels([str(n)[:45] for n in rows["name"]], fontsize=7)
    ax.tick_params(axis="x", labelsize=7)
    ax.set_xlabel("index (100 = area average)", fontsize=7)
    ax.set_title("Most over- and under-represented", fontsize=9)


def page_figure(p: Portrait, polygons: Polygons | None = None, clusters: Sequence | None = None,
                domains=None, variable_names=None, title: str = "") -> Figure:
    """One A4 page: heading, size, description, spider chart, bars and map."""
    import textwrap

    fig = new_figure(8.27, 11.69)
    fig.text(0.06, 0.965, f"{p.code}  {p.name}", fontsize=17, weight="bold", color=p.colour)
    if title:
        fig.text(0.94, 0.972, title, fontsize=8, ha="right", color="#666666")
    fig.text(0.06, 0.94, _size_text(p), fontsize=10)
    fig.text(0.06, 0.925, "\n".join(textwrap.wrap(p.description, 100)), fontsize=9,
             va="top", style="italic")
    table = pd.DataFrame([p.index.to_numpy()], index=[p.name], columns=p.index.index)
    radar_figure(table, INDEX, {p.name: p.colour}, domains, variable_names, fig=fig,
                 rect=[0.17, 0.45, 0.66, 0.38], legend=False)
    bars = fig.add_axes([0.36, 0.05, 0.27, 0.30])
    _bars(bars, p)
    if polygons is not None and clusters is not None:
        m = fig.add_axes([0.66, 0.05, 0.32, 0.30])
        map_axes(m, polygons, clusters, p.code, p.colour)
        m.set_title("Where it lives", fontsize=9)
    return fig


def write_pdf(portraits: Sequence[Portrait], path: str | Path, polygons=None, clusters=None,
              domains=None, variable_names=None, title: str = "", progress=None) -> Path:
    """A PDF with one page per cluster."""
    from matplotlib.backends.backend_pdf import PdfPages

    path = Path(path)
    with PdfPages(str(path)) as pdf:
        for i, p in enumerate(portraits):
            pdf.savefig(page_figure(p, polygons, clusters, domains, variable_names, title))
            if progress:
                progress((i + 1) / len(portraits))
    return path


def _img(fig: Figure, alt: str, width: str = "") -> str:
    data = base64.b64encode(to_png(fig)).decode("ascii")
    style = f' style="width:{width}"' if width else ""
    return f'<img alt="{html.escape(alt)}"{style} src="data:image/png;base64,{data}">'


def write_html(portraits: Sequence[Portrait], path: str | Path, polygons=None, clusters=None,
               domains=None, variable_names=None, title: str = "Pen portraits",
               progress=None) -> Path:
    """A self-contained HTML report, one section (printed page) per cluster; the drafted
    descriptions are editable in the browser (contenteditable) for the officer to rewrite."""
    report = HtmlReport(title)
    report.parts.append(
        "<style>.portrait{page-break-before:always}.desc{border:1px dashed #aaa;padding:.5em;"
        "background:#fffbe8}.cols{display:flex;gap:1em;flex-wrap:wrap}"
        "td:first-child,th:first-child{text-align:left}</style>")
    report.paragraph("One section per cluster. Index = 100 × the cluster's mean / the mean of "
                     "all areas: above 100 over-represented, below 100 under-represented. The "
                     "drafted descriptions (dashed boxes) can be edited here before printing.",
                     note=True)
    for i, p in enumerate(portraits):
        parts = [f'<section class="portrait"><h2 style="color:{html.escape(p.colour)}">'
                 f"{html.escape(p.code)} {html.escape(p.name)}</h2>",
                 f"<p>{html.escape(_size_text(p))}</p>",
                 f'<p class="desc" contenteditable="true">{html.escape(p.description)}</p>',
                 '<div class="cols">', _img(spider(p, domains, variable_names),
                                            f"Spider chart of {p.name}", "30em")]
        if polygons is not None and clusters is not None:
            parts.append(_img(map_figure(polygons, clusters, p.code, p.colour),
                              f"Map of {p.name}", "20em"))
        parts.append("</div>")
        for title_, part in (("Most over-represented", p.over),
                             ("Most under-represented", p.under)):
            parts.append(f"<h3>{title_}</h3>")
            parts.append(part.rename(columns={"variable": "code"}).to_html(
                index=False, float_format="{:.0f}".format, border=0) if len(part)
                else "<p class='note'>none</p>")
        parts.append("</section>")
        report.parts.append("".join(parts))
        if progress:
            progress((i + 1) / len(portraits))
    path = Path(path)
    report.write(path)
    return path
