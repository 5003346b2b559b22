"""Unique units: count each household, person or property (UPRN) once, however many records.

A case-management export often has several records per household (one per visit, per person,
per referral). Counting "households who attend" needs one row per unit. A unit whose records
fall in different areas (or clusters) is counted once, in the area holding most of its records;
on a tie, the area of its first record in file order. Nothing is dropped silently: the result
says, per unit, how many records it had (``unit_records``) and in how many areas
(``unit_areas``), and the summary counts the collapsed records and the split units.
Records with no unit id cannot be collapsed: each counts as its own unit, and is reported.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import SegmentationError

UNIT_RECORDS = "unit_records"
UNIT_AREAS = "unit_areas"


def unit_ids(values: pd.Series) -> pd.Series:
    """Unit ids as text: surrounding spaces and a spreadsheet's trailing ``.0`` on a whole
    number dropped; empty values become None."""
    text = values.astype(object).where(values.notna(), None)
    text = text.map(lambda v: None if v is None else str(v).strip())
    text = text.str.replace(r"^([0-9]+)\.0+$", r"\1", regex=True)
    return text.where(text.notna() & (text != ""), None)


def unique_units(
    records_df: pd.DataFrame,
    unit_col: str,
    place_cols: Sequence[str] = (),
) -> tuple[pd.DataFrame, dict]:
    """One row per unit (its representative record), in the records' order.

    ``place_cols`` (area code, or cluster fields) say where a record falls; a unit is placed
    where most of its records are (ties: its first record's place) and represented by its
    first record there. Adds ``unit_records`` and ``unit_areas`` (an input already collapsed,
    which has them, keeps counting the records its rows stand for). Returns the rows and a
    summary: ``records``, ``units``, ``collapsed`` (records − units), ``split_units`` (units
    with records in more than one place), ``split_records`` (their records counted
    elsewhere), ``split_examples`` (up to five unit ids), ``no_unit_id`` (records without an
    id, each kept as its own unit).
    """
    cols = [unit_col, *place_cols]
    missing = [c for c in cols if c not in records_df.columns]
    if missing:
        raise SegmentationError(
            f"Field '{missing[0]}' is not in the records; fields are: "
            f"{', '.join(map(str, records_df.columns))}.")
    n = len(records_df)
    # Records already collapsed (e.g. by 'Join records to areas by postcode'): keep counting
    # the records they stand for.
    before = np.ones(n, np.int64)
    if UNIT_RECORDS in records_df.columns:
        prior = pd.to_numeric(records_df[UNIT_RECORDS], errors="coerce")
        before = prior.fillna(1).clip(lower=1).to_numpy(np.int64)
    prior_areas = (pd.to_numeric(records_df[UNIT_AREAS], errors="coerce").fillna(1)
                   .to_numpy(np.int64) if UNIT_AREAS in records_df.columns
                   else np.ones(n, np.int64))
    ids = unit_ids(records_df[unit_col])
    uid, uniques = pd.factorize(ids)
    no_id = uid < 0
    uid = np.where(no_id, len(uniques) + np.arange(n), uid)  # each record without id: own unit
    if place_cols:
        place = records_df.groupby(list(place_cols), dropna=False, sort=False).ngroup()
        place = place.to_numpy()
    else:
        place = np.zeros(n, np.int64)
    frame = pd.DataFrame({"u": uid, "p": place, "pos": np.arange(n), "w": before,
                          "a": prior_areas})
    cells = frame.groupby(["u", "p"], sort=False)["pos"].agg(["size", "min"]).reset_index()
    cells = cells.sort_values(["u", "size", "min"], ascending=[True, False, True],
                              kind="mergesort")
    chosen = cells.drop_duplicates("u", keep="first")
    per_unit = frame.groupby("u", sort=False)["w"].sum()
    n_places = cells.groupby("u", sort=False).size()
    split = n_places[n_places > 1]  # split among this input's places
    n_places = np.maximum(n_places, frame.groupby("u", sort=False)["a"].max().reindex(
        n_places.index))
    rep = np.sort(chosen["min"].to_numpy())
    out = records_df.iloc[rep].drop(columns=[UNIT_RECORDS, UNIT_AREAS], errors="ignore")
    rep_unit = uid[rep]
    out[UNIT_RECORDS] = per_unit.reindex(rep_unit).to_numpy()
    out[UNIT_AREAS] = n_places.reindex(rep_unit).to_numpy()
    rows_per_unit = frame.groupby("u", sort=False)["pos"].size()
    split_records = int((rows_per_unit.reindex(chosen["u"]).to_numpy()
                         - chosen["size"].to_numpy()).sum())
    examples = [str(uniques[u]) for u in split.index[:5] if u < len(uniques)]
    info = {
        "records": n,
        "units": len(out),
        "collapsed": n - len(out),
        "split_units": int(len(split)),
        "split_records": split_records,
        "split_examples": examples,
        "no_unit_id": int(no_id.sum()),
    }
    return out, info
