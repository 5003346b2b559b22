"""Statistics of the records' values in each area (house prices, energy ratings, amounts):
sum, mean, median, minimum, maximum, weighted mean and distinct count, beside the count of
`core.geography.aggregate`.

Rules for the values: text that is not a number is refused naming the field and the row; an
empty value is left out of the statistics of its area and counted (``attrs['missing']``), so
the caller can report it; an area with no value gets an empty statistic (0 for a sum or a
distinct count).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import SegmentationError
from .options import AGGREGATE_STATISTIC_LABELS, AGGREGATE_STATISTICS

#: Statistics of the value field (and distinct count of a key field), in the order offered.
STATISTICS, STATISTIC_LABELS = AGGREGATE_STATISTICS, AGGREGATE_STATISTIC_LABELS
#: Statistics that need the value field.
VALUE_STATISTICS = ("sum", "mean", "median", "min", "max", "wmean")


def record_numbers(records: pd.DataFrame, col: str, rows: np.ndarray | None = None,
                   what: str = "records", minimum: float | None = None) -> np.ndarray:
    """A numeric field of the records (NaN where empty). Text that is not a number, or a
    number below ``minimum``, raises naming the field and the row; only the ``rows`` (a boolean
    mask, e.g. the records in an area) are checked."""
    raw = records[col]
    values = pd.to_numeric(raw, errors="coerce").to_numpy(float)
    text = raw.astype(str).str.strip()
    empty = (raw.isna() | (text == "")).to_numpy()
    bad = ~empty & ~np.isfinite(values)
    if minimum is not None:
        bad |= np.isfinite(values) & (values < minimum)
    if rows is not None:
        bad &= rows
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        need = "a number" if minimum is None else f"a number ≥ {minimum:g}"
        raise SegmentationError(
            f"Field '{col}' of the {what} must be {need}: row {row + 1} has {raw.iloc[row]!r}.")
    values[empty] = np.nan
    return values


def area_statistics(
    records: pd.DataFrame,
    positions: np.ndarray,
    n_areas: int,
    statistics: Sequence[str],
    value_col: str | None = None,
    weight_col: str | None = None,
    distinct_col: str | None = None,
) -> pd.DataFrame:
    """One row per area (``n_areas``, in order) with a column per statistic asked for.

    ``positions``: the area position of each record (-1: in no area; those are ignored).
    Value statistics use ``value_col`` (``wmean`` weights it by ``weight_col``, numbers ≥ 0);
    ``distinct`` counts the different non-empty values of ``distinct_col`` (or of
    ``value_col``). With a value statistic, ``n_values`` is the number of values behind it.
    ``attrs['missing']``: field → number of records in an area whose value is empty (left out).
    """
    stats = list(dict.fromkeys(statistics))
    unknown = [s for s in stats if s not in STATISTICS]
    if unknown:
        raise SegmentationError(f"Unknown statistic(s) {', '.join(unknown)}; known: "
                                f"{', '.join(STATISTICS)}.")
    pos = np.asarray(positions, dtype=np.int64)
    inside = pos >= 0
    out = pd.DataFrame(index=range(n_areas))
    missing: dict[str, int] = {}
    value_stats = [s for s in stats if s in VALUE_STATISTICS]
    if value_stats:
        if value_col is None:
            raise SegmentationError(
                f"The statistic(s) {', '.join(value_stats)} need a value field.")
        values = record_numbers(records, value_col, inside)
        has = inside & np.isfinite(values)
        if (inside & ~has).any():
            missing[value_col] = int((inside & ~has).sum())
        frame = pd.DataFrame({"a": pos[has], "v": values[has]})
        grouped = frame.groupby("a")["v"]
        n_values = np.bincount(pos[has], minlength=n_areas)
        for s in value_stats:
            if s == "sum":
                out["sum"] = np.bincount(pos[has], weights=values[has], minlength=n_areas)
            elif s == "wmean":
                if weight_col is None:
                    raise SegmentationError("The weighted mean needs a weight field.")
                w = record_numbers(records, weight_col, inside, minimum=0)
                both = has & np.isfinite(w)
                if (has & ~np.isfinite(w)).any():
                    missing[weight_col] = int((has & ~np.isfinite(w)).sum())
                num = np.bincount(pos[both], weights=values[both] * w[both], minlength=n_areas)
                den = np.bincount(pos[both], weights=w[both], minlength=n_areas)
                with np.errstate(divide="ignore", invalid="ignore"):
                    out["wmean"] = np.where(den > 0, num / den, np.nan)
            else:
                agg = {"mean": "mean", "median": "median", "min": "min", "max": "max"}[s]
                out[s] = grouped.agg(agg).reindex(range(n_areas)).to_numpy(float)
        out["n_values"] = n_values
    if "distinct" in stats:
        col = distinct_col or value_col
        if col is None:
            raise SegmentationError("The distinct count needs a field (distinct or value field).")
        raw = records[col]
        text = raw.astype(str).str.strip()
        ok = inside & (raw.notna() & (text != "")).to_numpy()
        if (inside & ~ok).any():
            missing[col] = max(missing.get(col, 0), int((inside & ~ok).sum()))
        keys = pd.DataFrame({"a": pos[ok], "k": text[ok].to_numpy()})
        out["distinct"] = keys.groupby("a")["k"].nunique().reindex(range(n_areas)).fillna(
            0).astype("int64").to_numpy()
    out.attrs["missing"] = missing
    return out


def area_positions(records: pd.DataFrame, area_col: str, area_ids: pd.Series) -> np.ndarray:
    """The position in ``area_ids`` of each record's area code (-1: none), as
    `core.geography.aggregate` matches them (codes compared as stripped text)."""
    ids = area_ids.astype(str).str.strip()
    rec = records[area_col].astype(str).str.strip().where(records[area_col].notna())
    return pd.Index(ids).get_indexer(rec)
