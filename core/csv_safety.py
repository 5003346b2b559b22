"""CSV formula injection: text cells a spreadsheet would run as a formula are escaped.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (e.g. `=HYPERLINK(...)`, `@SUM(...)`). As OWASP
recommends, such text is written with a leading single quote (`'=HYPERLINK(...)`), which the
spreadsheet shows as text. Numbers are never changed: numeric values, and text that is a plain
decimal number such as `-3.5` or `-1e-3` (a leading `+` is escaped: `+44 20 …` is a phone number).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def escape_cell(value):
    """`value` with a leading `'` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell and column name escaped (numbers untouched)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(escape_cell)
    out.columns = [escape_cell(str(c)) for c in out.columns]
    return out
