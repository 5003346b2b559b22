"""The labels table: one editable row per cluster at each level (name, description, colour).

Every classification writes one. The officer renames clusters and changes their colours in it;
the map legend, the docks and the pen-portrait report read names and colours from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from .codes import code_text as _code_text
from .codes import natural_key
from .colours import _shade, cluster_colours

COLUMNS = ["code", "level", "parent", "name", "description", "pen_portrait", "colour"]
LEVEL_WORDS = {1: "Cluster", 2: "Group", 3: "Sub-group"}


def parent_code(code: str) -> str | None:
    """OAC-style parent of a code: `1a` → `1`, `1a2` → `1a`, `3` → None."""
    code = str(code)
    if not code:
        return None
    last_digit = code[-1].isdigit()
    i = len(code)
    while i > 0 and code[i - 1].isdigit() == last_digit:
        i -= 1
    return code[:i] or None


def default_name(code: str, level: int) -> str:
    """`Cluster 1`, `Group 1a`, `Sub-group 1a2` (deeper levels: `Level 4 1a2b`)."""
    return f"{LEVEL_WORDS.get(level, f'Level {level}')} {code}"


def labels_table(
    codes_by_level: Mapping[str, Sequence] | Sequence[Sequence],
    parent_of: Mapping[str, str] | Callable[[str], str | None] | None = None,
    colours: Callable = cluster_colours,
    names: Mapping[str, str] | None = None,
    descriptions: Mapping[str, str] | None = None,
    pen_portraits: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per cluster at each level, top level first.

    `codes_by_level`: the codes of each level (a mapping level name → codes, or a list of code
    lists), top level first. Codes may repeat; they are listed once, in natural order.
    `parent_of`: child code → parent code (mapping or function); OAC-style prefixes by default.
    Top-level colours come from `colours(codes)`; each child gets a shade of its parent's colour.
    """
    levels = list(codes_by_level.values()) if isinstance(codes_by_level, Mapping) \
        else list(codes_by_level)
    if parent_of is None:
        find_parent = parent_code
    elif callable(parent_of):
        find_parent = parent_of
    else:
        mapping = {str(k): str(v) for k, v in parent_of.items()}
        find_parent = mapping.get
    rows: list[dict] = []
    colour_of: dict[str, str] = {}
    for depth, codes in enumerate(levels, start=1):
        codes = sorted({_text(c) for c in codes if _text(c) != ""}, key=natural_key)
        if depth == 1:
            colour_of.update(colours(codes))
            parents = {c: None for c in codes}
        else:
            parents = {c: find_parent(c) for c in codes}
            by_parent: dict[str | None, list[str]] = {}
            for c in codes:
                by_parent.setdefault(parents[c], []).append(c)
            for p, children in by_parent.items():
                if p is None or p not in colour_of:
                    colour_of.update(colours(children))
                else:
                    n = len(children)
                    for i, c in enumerate(children):
                        colour_of[c] = _shade(colour_of[p], i, n) if n > 1 else colour_of[p]
        for c in codes:
            rows.append({
                "code": c, "level": depth, "parent": parents[c] or "",
                "name": (names or {}).get(c) or default_name(c, depth),
                "description": (descriptions or {}).get(c, ""),
                "pen_portrait": (pen_portraits or {}).get(c, ""),
                "colour": colour_of[c],
            })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["level"] = frame["level"].astype("int64")
    return frame


def _text(value) -> str:
    """Codes as text (`core.codes.code_text`): 3.0 is `3`, missing is ``."""
    return _code_text(value) or ""


def code_text(value) -> str:
    """Public form of the code normaliser (3.0 → `3`, None → ``)."""
    return _text(value)


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """A labels table read back from a file or layer: columns checked, codes as text, missing
    names and colours filled, so that callers can rely on `code`, `name` and `colour`."""
    cols = {c.lower(): c for c in frame.columns}
    if "code" not in cols:
        raise ValueError("The labels table has no 'code' column.")
    out = pd.DataFrame({"code": frame[cols["code"]].map(_text)})
    out = out[out["code"] != ""]
    for col in COLUMNS[1:]:
        out[col] = frame.loc[out.index, cols[col]] if col in cols else None
    out["level"] = pd.to_numeric(out["level"], errors="coerce").fillna(1).astype("int64")
    out["parent"] = out["parent"].map(_text)
    for col in ("description", "pen_portrait"):
        out[col] = out[col].map(lambda v: "" if v is None or v != v else str(v))
    default_colours = cluster_colours(out["code"])
    out["name"] = [str(n) if n is not None and n == n and str(n).strip() else
                   default_name(c, lv) for c, n, lv in zip(out["code"], out["name"], out["level"])]
    out["colour"] = [str(v).strip() if _is_colour(v) else default_colours[c]
                     for c, v in zip(out["code"], out["colour"])]
    return out.reset_index(drop=True)


def _is_colour(value) -> bool:
    if value is None or value != value:
        return False
    text = str(value).strip()
    return len(text) in (7, 9) and text.startswith("#") and all(
        ch in "0123456789abcdefABCDEF" for ch in text[1:])


def names_of(frame: pd.DataFrame | None) -> dict[str, str]:
    """code → name."""
    if frame is None or not len(frame):
        return {}
    return dict(zip(frame["code"].map(_text), frame["name"].astype(str)))


def colours_of(frame: pd.DataFrame | None) -> dict[str, str]:
    """code → colour (#RRGGBB)."""
    if frame is None or not len(frame):
        return {}
    return {c: v for c, v in zip(frame["code"].map(_text), frame["colour"]) if _is_colour(v)}


def parse_names_list(text: str) -> dict[str, str]:
    """`1 - Rural Residents` lines (as in the published OAC Cluster_Names.csv, any line ends;
    `Supergroup`/`Group` headings skipped) → {"1": "Rural Residents"}."""
    out: dict[str, str] = {}
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip().strip(",").strip('"')
        if " - " in line:
            code, name = line.split(" - ", 1)
            if code.strip() and " " not in code.strip():
                out[code.strip()] = name.strip()
    return out


def draft_portraits(X: np.ndarray, labels: Sequence, fields: Sequence[str],
                    names: Mapping[str, str] | None = None, n: int = 3) -> dict[str, str]:
    """A one-sentence draft per cluster from the difference of standardised means."""
    from .pen_portraits import draft_description

    X = np.asarray(X, dtype=float)
    labels = np.asarray([_text(v) for v in labels], dtype=object)
    mean, sd = X.mean(axis=0), X.std(axis=0)
    sd[sd == 0] = 1.0
    out = {}
    for code in sorted(set(labels), key=natural_key):
        z = (X[labels == code].mean(axis=0) - mean) / sd
        series = pd.Series(z, index=list(fields))
        out[code] = draft_description(series, names=names, n=n, centre=0.0, threshold=0.2)
    return out
