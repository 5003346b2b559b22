"""Checks that turn a table of areas into a clean numeric matrix."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import SegmentationError


def _row_name(df: pd.DataFrame, pos: int, id_field: str | None) -> str:
    if id_field and id_field in df.columns:
        return f"row {pos + 1} ({id_field}={df[id_field].iloc[pos]})"
    return f"row {pos + 1}"


def check_not_empty(df: pd.DataFrame, what: str = "input") -> None:
    """Refuse a table with no rows."""
    if len(df) == 0:
        raise SegmentationError(f"The {what} has no rows (features): nothing to work on.")


def check_unique_ids(df: pd.DataFrame, id_field: str) -> None:
    """Refuse missing or duplicated area codes, naming the first few."""
    if id_field not in df.columns:
        raise SegmentationError(
            f"Area id field '{id_field}' is not in the input; fields are: {', '.join(df.columns)}."
        )
    ids = df[id_field]
    empty = ids.isna() | (ids.astype(str).str.strip() == "")
    if empty.any():
        pos = int(np.flatnonzero(empty.to_numpy())[0])
        raise SegmentationError(f"Area id field '{id_field}' is empty at row {pos + 1}.")
    dup = ids[ids.duplicated(keep=False)]
    if len(dup):
        codes = sorted(dup.astype(str).unique())
        shown = ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")
        raise SegmentationError(
            f"Area id field '{id_field}' has {len(codes)} duplicated code(s): {shown}. "
            "Each area must appear once."
        )


def check_fields_exist(df: pd.DataFrame, fields: Sequence[str], what: str = "input") -> None:
    """Refuse fields that are not in the table."""
    missing = [f for f in fields if f not in df.columns]
    if missing:
        raise SegmentationError(
            f"Field(s) {', '.join(missing)} not found in the {what}; "
            f"it has: {', '.join(map(str, df.columns))}."
        )


MOSTLY_NUMERIC = 0.8


def numeric_fields(df: pd.DataFrame, exclude: Sequence[str] = ()) -> list[str]:
    """Fields whose values are (mostly) numbers, in table order, without `exclude`, a
    GeoPackage `fid` or values carried unstandardised (`raw_…`, see core.carried)."""
    from .carried import is_carried

    out = []
    for name in df.columns:
        if name in exclude or str(name).lower() == "fid" or is_carried(name):
            continue
        col = df[name]
        if pd.api.types.is_bool_dtype(col):
            continue
        if pd.api.types.is_numeric_dtype(col):
            out.append(name)
            continue
        conv = pd.to_numeric(col.astype(str).str.strip().replace({"": np.nan}), errors="coerce")
        filled = col.notna() & (col.astype(str).str.strip() != "")
        # Mostly numbers (e.g. a CSV read as text with a stray 'n/a'): keep it, so that
        # to_numeric names the bad cell instead of the field vanishing silently.
        if filled.any() and conv[filled].notna().mean() >= MOSTLY_NUMERIC:
            out.append(name)
    return out


def skipped_fields(df: pd.DataFrame, exclude: Sequence[str] = ()) -> list[tuple[str, int, int]]:
    """Fields :func:`numeric_fields` leaves out although some cells are numbers: (name, text
    cells, number cells), so that a numeric column spoilt by text never vanishes silently."""
    chosen = set(numeric_fields(df, exclude))
    out = []
    for name in df.columns:
        if name in chosen or name in exclude or str(name).lower() == "fid":
            continue
        col = df[name]
        if pd.api.types.is_bool_dtype(col) or pd.api.types.is_numeric_dtype(col):
            continue
        text = col.astype(str).str.strip()
        filled = col.notna() & (text != "")
        numbers = pd.to_numeric(text.where(filled, np.nan), errors="coerce").notna()
        n_number = int(numbers.sum())
        if n_number:
            out.append((str(name), int(filled.sum()) - n_number, n_number))
    return out


def negative_cells(df: pd.DataFrame, fields: Sequence[str], id_field: str | None = None
                   ) -> dict[str, list[str]]:
    """Rows (named as in messages) where each of `fields` is negative; fields without any are
    left out."""
    out: dict[str, list[str]] = {}
    for name in fields:
        values = pd.to_numeric(df[name], errors="coerce").to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            rows = np.flatnonzero(values < 0)
        if len(rows):
            out[str(name)] = [_row_name(df, int(r), id_field) for r in rows]
    return out


def to_numeric(
    df: pd.DataFrame, fields: Sequence[str], id_field: str | None = None, allow_missing=False
) -> pd.DataFrame:
    """Return `fields` as float64, refusing text or empty cells with the field and row named."""
    check_fields_exist(df, fields)
    out = {}
    for name in fields:
        col = df[name]
        if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
            values = col.astype("float64")
        else:
            text = col.astype(str).str.strip()
            values = pd.to_numeric(text.where(col.notna(), np.nan), errors="coerce")
            bad = values.isna() & col.notna() & (text != "") & (text.str.lower() != "nan")
            if bad.any():
                pos = int(np.flatnonzero(bad.to_numpy())[0])
                raise SegmentationError(
                    f"Field '{name}' has a non-numeric value '{col.iloc[pos]}' at "
                    f"{_row_name(df, pos, id_field)} ({int(bad.sum())} such value(s) in all)."
                )
            values = values.astype("float64")
        if not allow_missing:
            miss = values.isna() | ~np.isfinite(values.to_numpy())
            if miss.any():
                pos = int(np.flatnonzero(miss.to_numpy())[0])
                raise SegmentationError(
                    f"Field '{name}' is empty or not a number (NULL/NaN/inf) at "
                    f"{_row_name(df, pos, id_field)} ({int(miss.sum())} such cell(s) in all). "
                    "Fill or remove these areas first."
                )
        out[name] = values.to_numpy()
    return pd.DataFrame(out, index=df.index)


def numeric_matrix(
    df: pd.DataFrame, fields: Sequence[str] | None, id_field: str | None = None,
    exclude: Sequence[str] = (),
) -> tuple[np.ndarray, list[str]]:
    """Validated float matrix of `fields`.

    Empty `fields` means every numeric field but the id, `exclude` and a GeoPackage `fid`.
    """
    check_not_empty(df)
    if id_field:
        check_unique_ids(df, id_field)
    if not fields:
        fields = numeric_fields(df, exclude=[*exclude, *([id_field] if id_field else [])])
        if not fields:
            raise SegmentationError("The input has no numeric fields to work on.")
    fields = list(fields)
    values = to_numeric(df, fields, id_field)
    return values.to_numpy(dtype="float64"), fields
