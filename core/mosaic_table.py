"""The profile laid out as the Mosaic Public Sector table, with its Total row.

Columns, for every level and indicator: group, name, count, %, base count, %, penetration %,
index; the block ends with ``Total · count · 100 · base · 100 · penetration · 100``, as the
published table ends "Total 6,942 · 100 % · 109,825 · 100 % · 6.32 · 100". The Total row
holds the block's whole count (the records with a group at that level) and whole base, so it is
the same whether or not some groups' cells are blank (suppressed).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

MOSAIC_COLUMNS = ["level", "indicator", "group", "name", "count", "pct", "base_count",
                  "base_pct", "penetration_pct", "index"]
MOSAIC_HEADINGS = {"group": "Group", "name": "Name", "count": "Count", "pct": "%",
                   "base_count": "Base count", "base_pct": "Base %",
                   "penetration_pct": "Penetration %", "index": "Index"}
TOTAL = "Total"


def mosaic_table(table: pd.DataFrame, totals: Sequence[dict],
                 round_to: int | None = None) -> pd.DataFrame:
    """One block per (level, indicator) of a `core.profile.profile` table, each followed by
    its Total row; ``totals`` is the profile's ``info["totals"]`` (level, indicator, count,
    base). Disclosure: the Total's count is shown only where the block's visible cells give it
    away anyway (a visible count with its %) or nothing in the block is hidden; with
    ``round_to`` (counts rounded by `core.disclosure`) it is rounded to that base too."""
    by_block = {(t["level"], t["indicator"]): t for t in totals}
    blocks = []
    for (level, indicator), block in table.groupby(["level", "indicator"], sort=False):
        rows = pd.DataFrame({
            "level": level, "indicator": indicator,
            "group": block["cluster"].astype(str).to_numpy(),
            "name": block["name"].fillna("").astype(str).to_numpy()
            if "name" in block else "",
            "count": block["count"].to_numpy(float), "pct": block["pct"].to_numpy(float),
            "base_count": block["base"].to_numpy(float),
            "base_pct": block["base_pct"].to_numpy(float),
            "penetration_pct": block["penetration"].to_numpy(float),
            "index": block["index"].to_numpy(float),
        })
        t = by_block.get((level, indicator))
        if t is not None:
            count, base = float(t["count"]), float(t["base"])
            if round_to:
                count = float(round_to * np.floor(count / round_to + 0.5))
            hidden = (block["suppressed"].fillna(False).astype(bool).to_numpy()
                      if "suppressed" in block else np.zeros(len(block), bool))
            c, p = block["count"].to_numpy(float), block["pct"].to_numpy(float)
            gives_total = ~hidden & np.isfinite(c) & (c > 0) & np.isfinite(p) & (p > 0)
            if hidden.any() and not gives_total.any():
                count = np.nan  # only hidden cells: their total is not published either
            total = {"level": level, "indicator": indicator, "group": TOTAL, "name": "",
                     "count": count, "pct": 100.0 if count > 0 else np.nan,
                     "base_count": base, "base_pct": 100.0 if base > 0 else np.nan,
                     "penetration_pct": 100 * count / base if base > 0 else np.nan,
                     "index": 100.0 if count > 0 and base > 0 else np.nan}
            rows = pd.concat([rows, pd.DataFrame([total])], ignore_index=True)
        blocks.append(rows)
    if not blocks:
        return pd.DataFrame(columns=MOSAIC_COLUMNS)
    return pd.concat(blocks, ignore_index=True)[MOSAIC_COLUMNS]


def _number(value: float, decimals: int, thousands: bool = False) -> str:
    if value is None or not np.isfinite(value):
        return ""
    return f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"


def mosaic_display(block: pd.DataFrame) -> pd.DataFrame:
    """One block as councils read it: headings Group … Index, counts with thousands
    separators, shares to 1 decimal, penetration to 2, index whole; blank where suppressed."""
    whole = np.all(np.isclose(np.nan_to_num(block["count"].to_numpy(float)) % 1, 0))
    out = pd.DataFrame({
        "group": block["group"].astype(str),
        "name": block["name"].fillna("").astype(str),
        "count": [_number(v, 0 if whole else 1, True) for v in block["count"]],
        "pct": [_number(v, 1) for v in block["pct"]],
        "base_count": [_number(v, 0, True) for v in block["base_count"]],
        "base_pct": [_number(v, 1) for v in block["base_pct"]],
        "penetration_pct": [_number(v, 2) for v in block["penetration_pct"]],
        "index": [_number(v, 0) for v in block["index"]],
    })
    return out.rename(columns=MOSAIC_HEADINGS).reset_index(drop=True)
