"""Self-contained HTML reports (charts embedded as PNG, no network, no external files)."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .charts import to_png

STYLE = """body{font-family:Segoe UI,Helvetica,Arial,sans-serif;margin:2em;max-width:70em;
color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;font-size:.85em}
td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}th{background:#f0f0f0}
.note{color:#555;font-size:.9em}img{max-width:100%}
.swatch{display:inline-block;width:1em;height:1em;border:1px solid #888}
tr.total td{font-weight:bold;border-top:2px solid #444}"""

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?")


def readable_number(value: float) -> str:
    """Thousands with separators and no decimals, ordinary figures to 1 decimal, small ones
    (p-values) to 3 significant figures."""
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 1 or value == 0:
        return f"{value:.1f}"
    return f"{value:.3g}"


class HtmlReport:
    """Build a report section by section, then write it."""

    def __init__(self, title: str):
        self.title = title
        self.parts: list[str] = []

    def heading(self, text: str) -> None:
        """A section heading."""
        self.parts.append(f"<h2>{html.escape(text)}</h2>")

    def paragraph(self, text: str, note: bool = False) -> None:
        """A paragraph of plain text."""
        cls = ' class="note"' if note else ""
        self.parts.append(f"<p{cls}>{html.escape(text)}</p>")

    def table(self, df: pd.DataFrame, float_format: str | Callable[[float], str] = "{:.4g}",
              colours: Sequence[str] | None = None, bold_last: bool = False) -> None:
        """A table; `float_format` a format string or a function; with `colours` (one #RRGGBB
        per row, '' for none), a first column of colour swatches; `bold_last` sets the last
        row (a Total) in bold."""
        frame = df
        if colours is not None:
            frame = df.copy()
            frame.insert(0, "", [f"@@swatch{c}@@" if _COLOUR.fullmatch(str(c or "")) else ""
                                 for c in colours])
        fmt = float_format if callable(float_format) else float_format.format
        text = frame.to_html(index=False, float_format=fmt, na_rep="", border=0)
        text = re.sub(r"@@swatch(#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?)@@",
                      r'<span class="swatch" style="background:\1"></span>', text)
        if bold_last and len(frame):
            head, sep, last = text.rpartition("<tr>")
            text = head + sep.replace("<tr>", '<tr class="total">') + last
        self.parts.append(text)

    def figure(self, fig: Figure, alt: str) -> None:
        """A chart, embedded as a PNG."""
        data = base64.b64encode(to_png(fig)).decode("ascii")
        alt = html.escape(alt)
        self.parts.append(f'<p><img alt="{alt}" src="data:image/png;base64,{data}"></p>')

    def render(self) -> str:
        """The whole page."""
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
                f"{html.escape(self.title)}</title><style>{STYLE}</style></head><body>"
                f"<h1>{html.escape(self.title)}</h1><p class='note'>Customer Segmentation, "
                f"{stamp}</p>{''.join(self.parts)}</body></html>")

    def write(self, path: str | Path) -> None:
        """Write the page as UTF-8."""
        Path(path).write_text(self.render(), encoding="utf-8")
