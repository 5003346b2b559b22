"""Know your area: the means of areas (one local area, or every ward/LSOA at once) against
the whole area, with an index for counts and percentages and a difference for signed fields.

The reference is, by default, the **rate of the whole area**: each field's mean weighted by
the areas' population (or households), which for a percentage is the whole area's own
percentage (Hull's guidance). The unweighted mean of the areas' values is an option; it gives
every area the same say whatever its size. The local value of an area is computed the same way
as the reference, so that both sides of the comparison mean the same thing.

A field holding a negative value anywhere (a change, a balance, a standardised score) is
*signed*: a ratio of two such means is meaningless (−2 against 1 gives an index of −200), so it
is compared by its difference only (``index`` is left empty).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import SegmentationError
from .options import AREA_REFERENCE_LABELS, AREA_REFERENCES
from .profile import _numeric, _require

#: How the reference (and each local value) averages the areas' values.
REFERENCES, REFERENCE_LABELS = AREA_REFERENCES, AREA_REFERENCE_LABELS


def numeric_values(df: pd.DataFrame, col: str, what: str) -> np.ndarray:
    """Numeric column (missing and negative values allowed); text raises naming the row."""
    values = pd.to_numeric(df[col], errors="coerce")
    bad = values.isna() & df[col].notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise SegmentationError(
            f"Field '{col}' of the {what} must be numeric: row {row + 1} has {df[col].iloc[row]!r}."
        )
    return values.to_numpy(float)


def _check_reference(reference: str) -> None:
    if reference not in REFERENCES:
        raise SegmentationError(
            f"Unknown reference '{reference}'; choose one of {', '.join(REFERENCES)}.")


def group_means(values: np.ndarray, weights: np.ndarray | None, groups: Sequence
                ) -> pd.DataFrame:
    """Mean of each column of ``values`` in each group, weighted by ``weights`` (None: every
    row weighs 1), ignoring missing values; NaN where a group has no weight. Rows = groups in
    order of first appearance."""
    values = np.asarray(values, dtype=float)
    w = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    ok = ~np.isnan(values)
    num = pd.DataFrame(np.where(ok, values, 0) * w[:, None]).groupby(
        np.asarray(groups, dtype=object), sort=False).sum()
    den = pd.DataFrame(ok * w[:, None]).groupby(
        np.asarray(groups, dtype=object), sort=False).sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        return num / den.where(den > 0)


def field_means(df: pd.DataFrame, fields: Sequence[str], weight_col: str | None, what: str,
                reference: str = "weighted") -> np.ndarray:
    """Each field's mean over the rows of ``df``: weighted by ``weight_col`` (the rate of the
    whole of ``df``) or unweighted (``reference="unweighted"``, or no weight field)."""
    _check_reference(reference)
    values = np.column_stack([numeric_values(df, f, what) for f in fields])
    w = None if reference == "unweighted" or weight_col is None else _numeric(df, weight_col,
                                                                              what)
    return group_means(values, w, np.zeros(len(df))).iloc[0].to_numpy(float) if len(df) \
        else np.full(len(fields), np.nan)


def signed_fields(frames: Sequence[pd.DataFrame], fields: Sequence[str],
                  declared: Sequence[str] = ()) -> np.ndarray:
    """Whether each field is signed (compared by difference, never by index): declared so
    (``declared``: fields that can be negative even where these data are not) or holding a
    negative value in any of ``frames``."""
    return np.array([c in set(declared) or any(
        (pd.to_numeric(f[c], errors="coerce") < 0).any() for f in frames)
        for c in fields], dtype=bool)


def compare(fields: Sequence[str], local: np.ndarray, ref: np.ndarray, signed: np.ndarray
            ) -> pd.DataFrame:
    """Rows field, local, reference, difference, index (100 × local / reference; empty for
    signed fields and a zero reference), signed; most distinctive first: fields with an index
    by ``|log(index / 100)|``, then signed fields by ``|difference|``, then the rest."""
    local, ref = np.asarray(local, float), np.asarray(ref, float)
    signed = np.asarray(signed, bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        index = np.where(~signed & (ref > 0), 100 * local / ref, np.nan)
        distinct = np.abs(np.log(index / 100))
    diff = local - ref
    tier = np.where(np.isfinite(distinct), 0, np.where(signed & np.isfinite(diff), 1, 2))
    key = np.where(tier == 0, distinct, np.where(tier == 1, np.abs(diff), 0))
    out = pd.DataFrame({"field": list(fields), "local": local, "reference": ref,
                        "difference": diff, "index": index, "signed": signed})
    order = np.lexsort((-key, tier))  # tier first, then the largest key
    return out.iloc[order].reset_index(drop=True)


def missing_counts(df: pd.DataFrame, fields: Sequence[str]) -> dict[str, int]:
    """Number of missing values of each field that has any (left out of its means)."""
    counts = {f: int(pd.to_numeric(df[f], errors="coerce").isna().sum()) for f in fields}
    return {f: n for f, n in counts.items() if n}


def area_profile(
    local_df: pd.DataFrame,
    reference_df: pd.DataFrame,
    fields: Sequence[str],
    weight_col: str | None = None,
    reference: str = "weighted",
    signed: Sequence[str] = (),
) -> pd.DataFrame:
    """ "Know your area": each field's local mean against the reference mean.

    ``reference="weighted"`` (default): both means are weighted by ``weight_col`` (e.g.
    population), i.e. the rate of each whole area; without a weight field every area weighs 1.
    ``"unweighted"``: plain means of the areas' values. Missing values are left out of the
    means and counted in ``attrs['missing']`` (field → number, over both tables). Columns:
    field, local, reference, difference (local − reference), index (100 × local / reference;
    empty when the reference is 0 and for signed fields), signed (the field holds a negative
    value, or is named in ``signed``: compare by difference). Most distinctive first (see
    :func:`compare`).
    """
    fields = list(fields)
    if not fields:
        raise SegmentationError("Choose at least one field to compare.")
    _check_reference(reference)
    _require(local_df, [*fields, weight_col], "local areas")
    _require(reference_df, [*fields, weight_col], "reference areas")
    local = field_means(local_df, fields, weight_col, "local areas", reference)
    ref = field_means(reference_df, fields, weight_col, "reference areas", reference)
    out = compare(fields, local, ref, signed_fields([local_df, reference_df], fields, signed))
    missing = missing_counts(reference_df, fields)
    for f, n in missing_counts(local_df, fields).items():
        missing[f] = max(missing.get(f, 0), n)
    out.attrs["missing"] = missing
    return out


@dataclass
class AreaProfiles:
    """Every group of areas (ward, LSOA …) against the whole area."""

    groups: list  # group codes, natural order
    fields: list[str]
    reference: pd.Series  # field → value of the whole area
    signed: pd.Series  # field → bool
    local: pd.DataFrame  # groups × fields: each group's value
    index: pd.DataFrame  # groups × fields: 100 × local / reference (NaN for signed fields)
    difference: pd.DataFrame  # groups × fields: local − reference
    areas: pd.Series  # group → number of areas
    weight: pd.Series | None  # group → total weight
    composition: pd.DataFrame | None = None  # from core.geography.composition
    missing: dict = field(default_factory=dict)

    def table(self) -> pd.DataFrame:
        """One row per group: group, areas, (weight), then per field its value and index
        (``<field>_index``) or, for signed fields, difference (``<field>_diff``), then the
        cluster shares (``pct_<cluster>``), dominant and dominant_pct."""
        out = pd.DataFrame({"group": self.groups, "areas": self.areas.to_numpy()})
        if self.weight is not None:
            out["weight"] = self.weight.to_numpy()
        for f in self.fields:
            out[f] = self.local[f].to_numpy()
            if self.signed[f]:
                out[f"{f}_diff"] = self.difference[f].to_numpy()
            else:
                out[f"{f}_index"] = self.index[f].to_numpy()
        if self.composition is not None:
            comp = self.composition.reindex(self.groups).drop(columns="total")
            for c in comp.columns:
                out[c] = comp[c].to_numpy()
        return out

    def profile(self, group) -> pd.DataFrame:
        """The one-area table (:func:`compare`) of one group."""
        return compare(self.fields, self.local.loc[group].to_numpy(float),
                       self.reference.to_numpy(float), self.signed.to_numpy(bool))


def area_profiles(
    areas_df: pd.DataFrame,
    group_col: str,
    fields: Sequence[str],
    weight_col: str | None = None,
    reference: str = "weighted",
    cluster_col: str | None = None,
    signed: Sequence[str] = (),
) -> AreaProfiles:
    """Profiles of every group of areas (``group_col``: ward, LSOA …) against the whole area.

    The whole area is every row of ``areas_df`` (also those without a group); each group's
    value and the reference are computed alike (:func:`area_profile`). With ``cluster_col``,
    each group's cluster mix (shares of the weight, or of the number of areas) is added.
    ``signed``: fields to compare by difference even without a negative value.
    """
    from .codes import natural_key
    from .geography import composition

    fields = list(fields)
    if not fields:
        raise SegmentationError("Choose at least one field to compare.")
    _check_reference(reference)
    _require(areas_df, [group_col, *fields, weight_col, cluster_col], "areas")
    values = np.column_stack([numeric_values(areas_df, f, "areas") for f in fields])
    w = None if weight_col is None else _numeric(areas_df, weight_col, "areas")
    w_means = None if reference == "unweighted" else w
    ref = group_means(values, w_means, np.zeros(len(areas_df))).iloc[0]
    ref.index = fields
    groups = areas_df[group_col]
    has = groups.notna().to_numpy() & (groups.astype(str).str.strip() != "").to_numpy()
    if not has.any():
        raise SegmentationError(f"No area has a group in '{group_col}'.")
    g = groups[has].to_numpy(dtype=object)
    local = group_means(values[has], None if w_means is None else w_means[has], g)
    local.columns = fields
    order = sorted(local.index, key=lambda c: natural_key(str(c)))
    local = local.loc[order]
    signed = pd.Series(signed_fields([areas_df], fields, signed), index=fields)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = (~signed.to_numpy()) & (ref.to_numpy() > 0)
        index = pd.DataFrame(np.where(ok, 100 * local.to_numpy() / ref.to_numpy(), np.nan),
                             index=local.index, columns=fields)
    diff = local - ref.to_numpy()
    areas = pd.Series(g).value_counts().reindex(order)
    weight = None if w is None else pd.Series(w[has]).groupby(g).sum().reindex(order)
    comp = None
    if cluster_col is not None:
        comp = composition(areas_df[has], group_col, cluster_col, weight_col)
        comp.index = comp.index.astype(object)
    return AreaProfiles(list(order), fields, ref, signed, local, index, diff, areas, weight,
                        comp, missing_counts(areas_df, fields))


def describe_group(name: str, index: pd.Series, composition: pd.Series | None = None,
                   cluster_names: Mapping[str, str] | None = None,
                   variable_names: Mapping[str, str] | None = None) -> str:
    """A ward pen portrait: the drafted sentence of :func:`core.pen_portraits.draft_description`
    on the group's indices, then its largest clusters ("Most of its areas are …")."""
    from .pen_portraits import draft_description

    text = draft_description(index, variable_names, n=3, subject=name,
                             compared_with="the whole area")
    if composition is not None:
        shares = composition.dropna()
        shares = shares[shares > 0].sort_values(ascending=False).head(2)
        if len(shares):
            parts = [f"{(cluster_names or {}).get(c) or 'cluster ' + str(c)} "
                     f"({v:.0f}%)" for c, v in shares.items()]
            text += " Its largest cluster" + (" is " if len(parts) == 1 else "s are ") + \
                " and ".join(parts) + "."
    return text
