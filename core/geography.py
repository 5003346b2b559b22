"""Area tables: cluster mix of wards, targeting of areas, counts per area, know-your-area."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import SegmentationError
from .profile import _numeric, _require, _sort_codes, cluster_codes


def composition(
    areas_df: pd.DataFrame,
    group_col: str,
    cluster_col: str,
    weight_col: str | None = None,
) -> pd.DataFrame:
    """Cluster mix of each group (ward, LSOA, MSOA) of areas.

    One row per group (indexed by the group code): ``total`` (number of areas, or sum of
    ``weight_col`` such as population or households), ``pct_<cluster>`` (share of the total
    in each cluster, percent), ``dominant`` (cluster with the largest share; ties go to the
    first in natural order) and ``dominant_pct``. Areas with no group or cluster are ignored.
    """
    _require(areas_df, [group_col, cluster_col, weight_col], "areas")
    clusters = cluster_codes(areas_df[cluster_col])
    groups = areas_df[group_col]
    w = np.ones(len(areas_df)) if weight_col is None else _numeric(areas_df, weight_col, "areas")
    keep = (clusters.notna() & groups.notna()).to_numpy()
    if not keep.any():
        raise SegmentationError(f"No area has both '{group_col}' and '{cluster_col}'.")
    frame = pd.DataFrame(
        {"g": groups[keep].to_numpy(), "c": clusters[keep].to_numpy(), "w": w[keep]}
    )
    wide = frame.pivot_table(index="g", columns="c", values="w", aggfunc="sum", fill_value=0)
    wide = wide[_sort_codes(list(wide.columns))]
    total = wide.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = wide.div(total.where(total > 0), axis=0) * 100
    out = pct.add_prefix("pct_")
    out.insert(0, "total", total)
    dominant = np.asarray(wide.columns, dtype=object)[wide.to_numpy().argmax(axis=1)]
    empty = (total <= 0).to_numpy()
    out["dominant"] = np.where(empty, None, dominant)  # no weight: no dominant cluster
    out["dominant_pct"] = pct.max(axis=1).where(~empty)
    out.index.name = group_col
    out.columns.name = None
    return out


#: Targeting rankings: key -> what the rank is on (said in the log and the output's 'ranking').
RANKINGS = {
    "estimated_non_users": "estimated non-users = households × (1 − penetration / 100)",
    "observed_non_users": "observed non-users = households − observed users",
    "gap": "gap to expected use = households × penetration / 100 − observed users",
}


def targeting(
    areas_df: pd.DataFrame,
    cluster_col: str,
    households_col: str,
    penetration_by_cluster: pd.Series,
    index_by_cluster: pd.Series,
    min_index: float = 110,
    observed: np.ndarray | pd.Series | None = None,
    rank_by: str = "observed_non_users",
) -> pd.DataFrame:
    """Areas to target: those in clusters with index ≥ ``min_index``, highest rank value first.

    For each such area: ``penetration`` and ``index`` of its cluster, ``est_users`` =
    households × penetration / 100 and ``est_non_users`` = households × (1 − penetration/100),
    floored at 0 (penetration can exceed 100 when the base is not the customer unit).
    With ``observed`` (users actually seen in each area, aligned with ``areas_df``'s rows):
    ``observed_users``, ``observed_non_users`` = households − observed (floored at 0) and
    ``gap`` = est_users − observed (negative: more users than the cluster's rate expects),
    ranked on ``rank_by`` (``observed_non_users``, the default, or ``gap``); without, on
    ``estimated_non_users``. ``ranking`` names the ranking used and ``rank`` is 1 for the
    top area. Areas of clusters with no (or suppressed) figures are left out. Keeps all the
    areas' own columns.
    """
    _require(areas_df, [cluster_col, households_col], "areas")
    if observed is None:
        rank_by = "estimated_non_users"
    elif rank_by not in ("observed_non_users", "gap"):
        raise SegmentationError(
            f"Unknown ranking {rank_by!r}: with observed use, rank on observed_non_users or gap.")
    households = _numeric(areas_df, households_col, "areas")
    codes = cluster_codes(areas_df[cluster_col])
    pen = pd.Series(penetration_by_cluster, dtype=float)
    idx = pd.Series(index_by_cluster, dtype=float)
    pen.index, idx.index = (
        cluster_codes(pen.index.to_series()),
        cluster_codes(idx.index.to_series()),
    )
    out = areas_df.copy()
    out["penetration"] = codes.map(pen).to_numpy(float)
    out["index"] = codes.map(idx).to_numpy(float)
    chosen = ((out["index"] >= min_index) & out["penetration"].notna()).to_numpy()
    out, hh, pen_pct = out[chosen].copy(), households[chosen], out["penetration"].to_numpy()[chosen]
    out["est_users"] = hh * pen_pct / 100
    out["est_non_users"] = np.maximum(hh * (1 - pen_pct / 100), 0)
    key = "est_non_users"
    if observed is not None:
        seen = np.asarray(observed, dtype=float)
        if seen.shape != (len(areas_df),):
            raise SegmentationError("Observed use must give one value per area.")
        seen = seen[chosen]
        out["observed_users"] = seen
        out["observed_non_users"] = np.maximum(hh - seen, 0)
        out["gap"] = out["est_users"] - seen
        key = rank_by
    out["ranking"] = RANKINGS[rank_by]
    out = out.sort_values(key, ascending=False, kind="mergesort")
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def observed_from_field(areas_df: pd.DataFrame, col: str) -> np.ndarray:
    """Observed users per area from an areas' field (numbers ≥ 0; a bad row is named)."""
    _require(areas_df, [col], "areas")
    return _numeric(areas_df, col, "areas")


def observed_per_area(
    areas_df: pd.DataFrame,
    area_id_col: str,
    records_df: pd.DataFrame,
    record_area_col: str,
) -> tuple[np.ndarray, int]:
    """Records counted per area (0 where none), aligned with ``areas_df``; and the number of
    records whose area is not among the areas (or empty)."""
    _require(areas_df, [area_id_col], "areas")
    _require(records_df, [record_area_col], "records")
    ids = areas_df[area_id_col].astype(str).str.strip()
    if ids.duplicated().any():
        raise SegmentationError(
            f"Area id field '{area_id_col}' repeats code {ids[ids.duplicated()].iloc[0]}."
        )
    rec = records_df[record_area_col]
    rec = rec.astype(str).str.strip().where(rec.notna())
    pos = pd.Index(ids).get_indexer(rec)
    inside = pos >= 0
    return np.bincount(pos[inside], minlength=len(ids)).astype(float), int((~inside).sum())


def aggregate(
    records_df: pd.DataFrame,
    area_col: str,
    areas_df: pd.DataFrame,
    area_id_col: str,
    sum_col: str | None = None,
    base_col: str | None = None,
    per: float = 1000,
) -> pd.DataFrame:
    """Records per area: ``count`` (and ``sum`` of ``sum_col``) for every area, 0 where none.

    With ``base_col`` (e.g. population), ``rate`` = value / base × ``per`` where value is the
    sum if ``sum_col`` is given, else the count (NaN where the base is 0). Keeps the areas'
    own columns and order. ``attrs['records_outside_areas']`` counts records whose area is
    not in ``areas_df`` (or empty).
    """
    _require(records_df, [area_col, sum_col], "records")
    _require(areas_df, [area_id_col, base_col], "areas")
    ids = areas_df[area_id_col].astype(str).str.strip()
    if ids.duplicated().any():
        raise SegmentationError(
            f"Area id field '{area_id_col}' repeats code {ids[ids.duplicated()].iloc[0]}."
        )
    rec = records_df[area_col].astype(str).str.strip().where(records_df[area_col].notna())
    pos = pd.Index(ids).get_indexer(rec)
    inside = pos >= 0
    out = areas_df.copy()
    out["count"] = np.bincount(pos[inside], minlength=len(ids))
    value = out["count"].to_numpy(float)
    if sum_col is not None:
        amounts = pd.to_numeric(records_df[sum_col], errors="coerce").to_numpy(float)
        bad = inside & ~np.isfinite(amounts)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise SegmentationError(
                f"Field '{sum_col}' must be a number: row {row + 1} has "
                f"{records_df[sum_col].iloc[row]!r}."
            )
        out["sum"] = np.bincount(pos[inside], weights=amounts[inside], minlength=len(ids))
        value = out["sum"].to_numpy(float)
    if base_col is not None:
        base = _numeric(areas_df, base_col, "areas")
        with np.errstate(divide="ignore", invalid="ignore"):
            out["rate"] = np.where(base > 0, value / base * per, np.nan)
    out.attrs["records_outside_areas"] = int((~inside).sum())
    return out


# Know your area (one area, or every ward at once) lives in core.area_profile.
from .area_profile import area_profile  # noqa: E402, F401
