"""Step 2 of the method: raw census counts to percentages of each variable's denominator.

The variable lookup follows the 2011 OAC schema: one row per variable with
`VariableCode`, `VariableMeasurementUnit` (`Count`, `Ratio`, `Density` …) and
`VariableStatisticalUnit` (the population it is counted over, e.g. `Person`,
`Household`). Denominator rows (domain `Totals`, or a code starting `Total`)
say which column holds each statistical unit's total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import SegmentationError
from .tables import (
    check_fields_exist,
    check_not_empty,
    check_unique_ids,
    negative_cells,
    to_numeric,
)

CODE, MEASURE, UNIT = "VariableCode", "VariableMeasurementUnit", "VariableStatisticalUnit"
LOOKUP_COLUMNS = (CODE, MEASURE, UNIT)


@dataclass
class VariablePlan:
    """What the lookup says to do with each column."""

    denominators: dict[str, str]  # statistical unit -> denominator column
    counts: dict[str, str]  # variable -> denominator column
    passthrough: list[str]  # ratio / density variables kept as they are
    order: list[str]  # variables in lookup order


@dataclass
class PreparedVariables:
    """Percentages and what happened on the way."""

    table: pd.DataFrame
    plan: VariablePlan
    zero_denominator: dict[str, int] = field(default_factory=dict)
    over_100: dict[str, int] = field(default_factory=dict)
    unused_columns: list[str] = field(default_factory=list)
    negative: dict[str, list[str]] = field(default_factory=dict)  # count column -> rows


def _is_denominator(row: pd.Series) -> bool:
    for col in ("VariableDomain", "VariableSubDomain"):
        if col in row.index and str(row[col]).strip().lower() == "totals":
            return True
    return str(row[CODE]).strip().lower().startswith("total")


def plan_variables(lookup: pd.DataFrame) -> VariablePlan:
    """Read a lookup table; refuse variables whose denominator is missing."""
    check_fields_exist(lookup, LOOKUP_COLUMNS, "variable lookup")
    lookup = lookup.copy()
    for col in LOOKUP_COLUMNS:
        lookup[col] = lookup[col].where(lookup[col].notna(), "").astype(str).str.strip()
    filled = lookup.apply(lambda r: any(str(v).strip() not in ("", "nan", "None")
                                        for v in r if v is not None), axis=1)
    lookup = lookup[filled]  # wholly empty rows (e.g. trailing lines of a spreadsheet)
    for col in LOOKUP_COLUMNS:
        blank = lookup[col].isin(["", "nan", "None"])
        if blank.any():
            pos = int(blank.to_numpy().nonzero()[0][0])
            code = lookup[CODE].iloc[pos]
            which = f"variable '{code}'" if code not in ("", "nan", "None") else "a row"
            raise SegmentationError(
                f"Variable lookup: {col} is empty for {which} (lookup row {lookup.index[pos] + 1});"
                f" every variable needs its {', '.join(LOOKUP_COLUMNS)}.")
    dup = lookup[CODE][lookup[CODE].duplicated()]
    if len(dup):
        raise SegmentationError(f"Variable lookup lists {', '.join(dup.unique())} more than once.")
    is_den = lookup.apply(_is_denominator, axis=1)
    denominators: dict[str, str] = {}
    for _, row in lookup[is_den].iterrows():
        denominators.setdefault(row[UNIT], row[CODE])
    counts: dict[str, str] = {}
    passthrough: list[str] = []
    order: list[str] = []
    missing: dict[str, list[str]] = {}
    for _, row in lookup[~is_den].iterrows():
        code, measure, unit = row[CODE], row[MEASURE].lower(), row[UNIT]
        order.append(code)
        if measure != "count":
            passthrough.append(code)
        elif unit in denominators:
            counts[code] = denominators[unit]
        else:
            missing.setdefault(unit, []).append(code)
    if missing:
        detail = "; ".join(f"unit '{u}' for {', '.join(v)}" for u, v in missing.items())
        raise SegmentationError(
            "The variable lookup has no denominator (a 'Totals' row) for " + detail + "."
        )
    if not order:
        raise SegmentationError("The variable lookup lists denominators only, no variables.")
    return VariablePlan(denominators, counts, passthrough, order)


def prepare_variables(raw: pd.DataFrame, lookup: pd.DataFrame, id_field: str) -> PreparedVariables:
    """Counts to `count / denominator × 100` (0/0 → 0); ratios pass through unchanged."""
    check_not_empty(raw, "census table")
    check_unique_ids(raw, id_field)
    plan = plan_variables(lookup)
    needed = list(dict.fromkeys(plan.order + list(plan.counts.values())))
    missing = [c for c in needed if c not in raw.columns]
    if missing:
        raise SegmentationError(
            f"The census table lacks column(s) named in the lookup: {', '.join(missing)}."
        )
    values = to_numeric(raw, needed, id_field)
    out = pd.DataFrame({id_field: raw[id_field].to_numpy()}, index=raw.index)
    zero_den: dict[str, int] = {}
    over: dict[str, int] = {}
    for code in plan.order:
        x = values[code].to_numpy()
        if code in plan.counts:
            den = values[plan.counts[code]].to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                pct = np.where(den == 0, 0.0, x / den * 100.0)
            bad = int(((den == 0) & (x != 0)).sum())
            if bad:
                zero_den[code] = bad
            high = int((pct > 100.0 + 1e-9).sum())
            if high:
                over[code] = high
            out[code] = pct
        else:
            out[code] = x
    unused = [c for c in raw.columns if c not in needed and c != id_field]
    count_columns = list(dict.fromkeys([*plan.counts, *plan.counts.values()]))
    negative = negative_cells(raw.assign(**{c: values[c] for c in count_columns}),
                              count_columns, id_field)
    return PreparedVariables(out, plan, zero_den, over, unused, negative)
