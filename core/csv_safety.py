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


def _escape_column(values: pd.Series) -> pd.Series:
    """`values` (object dtype) with the formula-like text cells escaped."""
    import numpy as np

    cells = values.to_numpy(dtype=object)
    first = np.fromiter((isinstance(v, str) and v.startswith(FORMULA_START) for v in cells),
                        dtype=bool, count=len(cells))
    if not first.any():
        return values
    cells = cells.copy()
    for i in np.flatnonzero(first):
        cells[i] = escape_cell(cells[i])
    return values.__class__(cells, index=values.index, name=values.name, dtype=object)


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell and column name escaped (numbers untouched)."""
    import pandas as pd

    columns = [_escape_column(frame.iloc[:, i]) if frame.dtypes.iloc[i].kind == "O"
               else frame.iloc[:, i] for i in range(frame.shape[1])]
    out = pd.concat(columns, axis=1) if columns else frame.copy()
    out.columns = [escape_cell(str(c)) for c in frame.columns]
    return out
