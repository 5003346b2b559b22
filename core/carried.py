"""Values carried unstandardised through the method, beside the clustering variables.

`Prepare variables` keeps each denominator (population, households …) as `raw_<name>`;
`Standardise` keeps each variable's percentage as `raw_<variable>` and passes every `raw_` field
on untouched; k-means and sub-clustering copy them to the classified areas. The prefix marks
them as not variables: an empty FIELDS (every numeric field) never picks them, so they are never
standardised or clustered on, and the classified output can say how many people and households
each cluster holds and compare real percentages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

PREFIX = "raw_"


def carried(name: str) -> str:
    """The carried (unstandardised) field of `name`."""
    return PREFIX + name


def is_carried(name: str) -> bool:
    """Whether `name` is a carried field (never a variable by default)."""
    return str(name).lower().startswith(PREFIX)


def _shortest(names: Iterable[str], pattern: str, avoid: str = r"$^") -> str | None:
    found = [n for n in names if re.search(pattern, n, re.I) and not re.search(avoid, n, re.I)]
    return min(found, key=len) if found else None


def guess_totals(columns: Sequence[str]) -> dict[str, str]:
    """The carried population and households fields, by name (e.g. raw_Total_Population, not
    raw_Total_Population_16_and_over): {"population_field": …, "households_field": …}."""
    raw = [c for c in columns if is_carried(c)]
    out = {}
    pop = _shortest(raw, r"popul|person|resident|people", avoid=r"\d")
    hh = _shortest(raw, r"household", avoid=r"space|\d")
    if pop:
        out["population_field"] = pop
    if hh:
        out["households_field"] = hh
    return out


def classified_properties(
    columns: Sequence[str], variables: Sequence[str], level_fields: Sequence[str],
    denominators: dict[str, str] | None = None, units: dict[str, str] | None = None,
    lookup: str | None = None, percentages_are_variables: bool = False,
) -> dict[str, str]:
    """The layer properties (strings) of a classified output with `columns`, clustered on
    `variables` (see ui.styling.mark_layer): the hierarchy, the carried totals, the carried
    percentages and their denominators. `denominators` (variable → denominator column) and
    `units` (statistical unit → denominator column) come from the variable lookup when known.
    With `percentages_are_variables` the variables themselves are percentages (a model applied
    to prepared variables). Keys that cannot be filled are left out."""
    cols = set(columns)
    props = {"level_fields": json.dumps(list(level_fields))}
    pct = {v: (v if percentages_are_variables and v in cols else carried(v)) for v in variables}
    pct = {v: f for v, f in pct.items() if f in cols}
    if pct:
        props["variables"] = json.dumps(list(pct.values()))
    dens = {f: carried(denominators[v]) for v, f in pct.items()
            if denominators and v in denominators and carried(denominators[v]) in cols}
    if dens:
        props["denominators"] = json.dumps(dens)
    totals = guess_totals(columns)
    for unit, key in (("Person", "population_field"), ("Household", "households_field")):
        if units and units.get(unit) and carried(units[unit]) in cols:
            totals[key] = carried(units[unit])
    props.update(totals)
    if lookup:
        props["lookup"] = lookup
    return props
