"""Census rows onto area boundaries by area code, with every mismatch accounted for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .errors import SegmentationError

LISTED = 10  # codes named in a message; the rest are counted


@dataclass
class CodeMatch:
    """Which census row goes with which area."""

    census_rows: list[int]  # positions of the census rows that have an area, in census order
    area_rows: list[int]  # the matching area's position, for each of census_rows
    census_only: list[str]  # census codes with no area (in census order)
    areas_only: list[str]  # area codes with no census row (in area order)


def _codes(values: pd.Series) -> list[str]:
    """Codes as text: 3.0 from a numeric column reads as 3; spaces trimmed."""
    out = []
    for v in values:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        out.append("" if v is None or (isinstance(v, float) and v != v) else str(v).strip())
    return out


def _unique(codes: list[str], what: str, field: str) -> None:
    seen, dup = set(), []
    for pos, code in enumerate(codes):
        if not code:
            raise SegmentationError(f"The {what}'s code field '{field}' is empty at row {pos + 1}.")
        if code in seen:
            dup.append(code)
        seen.add(code)
    if dup:
        raise SegmentationError(
            f"The {what}'s code field '{field}' has {len(set(dup))} duplicated code(s): "
            f"{listing(sorted(set(dup)))}. Each area must appear once.")


def match_codes(census: pd.Series, areas: pd.Series, census_field: str = "census code",
                area_field: str = "area code") -> CodeMatch:
    """Match census rows to areas by code (both unique), both ways."""
    c, a = _codes(census), _codes(areas)
    _unique(c, "census table", census_field)
    _unique(a, "area layer", area_field)
    where = {code: pos for pos, code in enumerate(a)}
    census_rows = [i for i, code in enumerate(c) if code in where]
    matched = {c[i] for i in census_rows}
    return CodeMatch(census_rows, [where[c[i]] for i in census_rows],
                     [code for code in c if code not in where],
                     [code for code in a if code not in matched])


def listing(codes: Sequence[str], limit: int = LISTED) -> str:
    """The first `limit` codes, and how many more."""
    shown = ", ".join(codes[:limit])
    return shown + (f" … and {len(codes) - limit} more" if len(codes) > limit else "")
