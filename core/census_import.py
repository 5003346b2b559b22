"""Step 2 without Excel: read ONS census bulk tables at OA level and merge them on the area code.

Census 2021 bulk files (`census2021-ts007a-oa.csv`): `date, geography, geography code`, then one
column per cell, named in words (`Age: Total`, `Age: Aged 4 years and under` …). Cells get
Nomis-style codes: table id + position (`ts007a0001` is the first cell, the table's total).
Census 2011 bulk files (`KS101EWDATA.CSV` …): `GeographyCode` (or `GEO_CODE`) and one column per
cell, named by its code (`KS101EW0001`). Several tables are merged on the area code; a variable
lookup in the 2011 OAC schema is drafted from them (denominator = each table's total cell), or a
shipped preset (2011 OAC, London OAC 2021) sums cells into the published variables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import SegmentationError

LOOKUPS = Path(__file__).resolve().parent.parent / "lookups"
PRESETS = {"oac2011": LOOKUPS / "oac2011_60_variables.csv",
           "loac2021": LOOKUPS / "loac2021_68_variables.csv"}
from .options import PRESET_LABELS  # noqa: E402,F401

CELL_2011 = re.compile(r"^[A-Z]{2}\d{3}[A-Z]{2}\d{4}$", re.I)
FILE_2021 = re.compile(r"census(\d{4})-(ts\d{3}[a-z]?)-([a-z0-9]+)", re.I)
GEOGRAPHY_BY_PREFIX = {"E00": "oa", "W00": "oa", "E01": "lsoa", "W01": "lsoa", "E02": "msoa",
                       "W02": "msoa", "S00": "oa", "95": "oa"}


@dataclass
class BulkTable:
    """One census table: cells by area code, with each cell's published label."""

    path: str
    year: int
    table: str
    geography: str
    frame: pd.DataFrame  # index: area code; columns: cell codes
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def total_cell(self) -> str:
        """The table's total (its first cell)."""
        return self.frame.columns[0]


def _geography(codes: pd.Series, hint: str | None) -> str:
    if hint:
        return hint.lower()
    first = str(codes.iloc[0]) if len(codes) else ""
    for prefix, level in GEOGRAPHY_BY_PREFIX.items():
        if first.startswith(prefix):
            return level
    return "unknown"


def read_bulk_table(path: str | Path) -> BulkTable:
    """Read one 2021 or 2011 bulk table, refusing anything else with the reason."""
    from .table_read import read_table

    path = Path(path)
    try:
        raw = read_table(path, dtype=str)
    except SegmentationError as e:
        raise SegmentationError(f"Cannot read census table '{path.name}': {e}") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    cols = {c.lower().strip(): c for c in raw.columns}
    if "geography code" in cols:
        m = FILE_2021.search(path.name)
        date = raw[cols["date"]].dropna().iloc[0] if "date" in cols and len(raw) else ""
        year = int(str(date)[:4]) if str(date)[:4].isdigit() else int(m.group(1)) if m else 0
        if not m:
            raise SegmentationError(
                f"'{path.name}': a Census {year or 2021} bulk table must keep its published file "
                "name (census2021-tsNNN-oa.csv) so its table id is known.")
        table = m.group(2).lower()
        meta = {cols[c] for c in ("date", "geography", "geography code") if c in cols}
        cells = [c for c in raw.columns if c not in meta]
        codes = raw[cols["geography code"]].str.strip()
        data = raw[cells].copy()
        names = [f"{table}{i + 1:04d}" for i in range(len(cells))]
        data.columns = names
        labels = dict(zip(names, cells))
        geography = m.group(3)
    else:
        key = next((cols[c] for c in ("geographycode", "geo_code", "geography_code") if c in cols),
                   None)
        if key is None:
            raise SegmentationError(
                f"'{path.name}' is not an ONS bulk table: no 'geography code' (2021) or "
                f"'GeographyCode'/'GEO_CODE' (2011) column; columns are "
                f"{', '.join(raw.columns[:8])}…")
        cells = [c for c in raw.columns if CELL_2011.match(c.strip())]
        if not cells:
            raise SegmentationError(f"'{path.name}' has no 2011 cell columns (e.g. KS101EW0001).")
        codes = raw[key].str.strip()
        data = raw[cells].copy()
        data.columns = [c.strip().upper() for c in cells]
        labels = {c: c for c in data.columns}
        table = data.columns[0][:7]
        year = 2011
        geography = None
    blank = codes.isna() | (codes == "")
    if blank.any():
        row = int(blank.to_numpy().nonzero()[0][0])
        raise SegmentationError(f"'{path.name}': the area code is empty at data row {row + 1}.")
    data.index = codes.to_numpy()
    data.index.name = "geography_code"
    empty = data.isna() | (data.apply(lambda c: c.str.strip()) == "")
    if empty.any().any():
        col = empty.any().idxmax()
        row = empty[col].to_numpy().nonzero()[0][0]
        raise SegmentationError(
            f"'{path.name}': cell {labels.get(col, col)} is empty for area {data.index[row]} "
            f"({int(empty.to_numpy().sum())} empty cell(s) in all); a census count cannot be "
            "missing.")
    bad = data.apply(pd.to_numeric, errors="coerce").isna() & data.notna()
    if bad.any().any():
        col = bad.any().idxmax()
        row = bad[col].to_numpy().nonzero()[0][0]
        raise SegmentationError(f"'{path.name}': cell {labels.get(col, col)} has a non-numeric "
                                f"value '{data[col].iloc[row]}' for area {data.index[row]}.")
    data = data.apply(pd.to_numeric)
    if data.index.duplicated().any():
        dup = data.index[data.index.duplicated()][0]
        raise SegmentationError(f"'{path.name}': area {dup} appears more than once.")
    return BulkTable(str(path), year, table, _geography(codes, geography), data, labels)


def merge_tables(tables: list[BulkTable]) -> pd.DataFrame:
    """One table of every cell, by area code; refuses mixed census years or geographies."""
    if not tables:
        raise SegmentationError("No census tables given.")
    years = {t.year for t in tables}
    if len(years) > 1:
        detail = "; ".join(f"{Path(t.path).name}: {t.year}" for t in tables)
        raise SegmentationError(f"The tables mix census years ({detail}). Use one census.")
    geos = {t.geography for t in tables}
    if len(geos) > 1:
        detail = "; ".join(f"{Path(t.path).name}: {t.geography}" for t in tables)
        raise SegmentationError(f"The tables mix geographies ({detail}). Use one level, e.g. OA.")
    merged = tables[0].frame
    for t in tables[1:]:
        dup = set(merged.columns) & set(t.frame.columns)
        if dup:
            raise SegmentationError(f"Table {t.table} is given twice ({Path(t.path).name}).")
        missing = merged.index.symmetric_difference(t.frame.index)
        if len(missing):
            raise SegmentationError(
                f"{Path(t.path).name} and the tables before it cover different areas "
                f"({len(missing)} area(s) in one but not the other, e.g. {missing[0]}).")
        merged = merged.join(t.frame)
    return merged.reset_index()


def draft_lookup(tables: list[BulkTable]) -> pd.DataFrame:
    """A lookup in the 2011 OAC schema: every cell a Count over its table's total."""
    rows = []
    for t in tables:
        total = t.total_cell
        rows.append((total, "Count", t.table, "Totals", t.labels.get(total, total)))
        for cell in t.frame.columns[1:]:
            rows.append((cell, "Count", t.table, t.table.upper(), t.labels.get(cell, cell)))
    return pd.DataFrame(rows, columns=["VariableCode", "VariableMeasurementUnit",
                                       "VariableStatisticalUnit", "VariableDomain",
                                       "VariableName"])


def load_preset(name: str) -> pd.DataFrame:
    """A shipped lookup (with its `Cells` formulas)."""
    if name not in PRESETS:
        raise SegmentationError(f"Unknown preset '{name}'; choose from {', '.join(PRESETS)}.")
    return pd.read_csv(PRESETS[name], dtype=str, keep_default_na=False)


def apply_preset(cells: pd.DataFrame, preset: pd.DataFrame, id_field: str = "geography_code"
                 ) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Sum census cells into the preset's variables; returns table, lookup, variables left out
    (those the preset defines without census cells, e.g. a standardised illness ratio)."""
    available = {c.lower(): c for c in cells.columns}
    needed = {c for f in preset["Cells"] for c in f.split("+") if c}
    missing = sorted(c for c in needed if c.lower() not in available)
    if missing:
        tables = sorted({re.sub(r"\d{4}$", "", c) for c in missing})
        raise SegmentationError(
            f"The preset needs census cells that are not in the tables given: "
            f"{', '.join(missing[:8])}{' …' if len(missing) > 8 else ''} "
            f"(tables {', '.join(t.upper() for t in tables)}).")
    out = pd.DataFrame({id_field: cells[id_field]})
    skipped = []
    for row in preset.itertuples():
        parts = [available[c.lower()] for c in row.Cells.split("+") if c]
        if not parts:
            skipped.append(row.VariableCode)
            continue
        out[row.VariableCode] = cells[parts].sum(axis=1)
    lookup = preset[~preset.VariableCode.isin(skipped)].drop(columns="Cells")
    return out, lookup.reset_index(drop=True), skipped
