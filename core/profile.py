"""Mosaic-style customer profiles: who is in a file compared with the area base, by cluster.

For each cluster: the file's share (``pct``) against the base's share (``base_pct``), the
index ``100 × pct / base_pct`` (over 100: more customers than expected) with a confidence
interval, and the penetration (customers per 100 base units). Small counts are suppressed.

Confidence interval of the index (``index_low``, ``index_high``)
------------------------------------------------------------------
The base share ``q`` is a census/population figure and is treated as fixed, so all the
uncertainty is in the file share ``p``. The interval is built on the log scale, as for a
ratio of proportions (Katz et al. 1978, *Biometrics* 34:469-474; delta method)::

    index × exp(± z · SE(log p)),   SE(log p) = sqrt(Var(p)) / p

For unweighted records ``Var(p) = p(1 - p)/N`` (binomial), so ``SE(log p) = sqrt((1 - p)/c)``
with ``c`` the cluster count. For weighted (survey) records ``p = Σ w·y / Σ w`` is a ratio
estimator and ``Var(p) = Σ w² (y - p)² / (Σ w)²`` (Taylor linearisation, with-replacement
approximation; Woodruff 1971, *JASA* 66:411-414), which reduces to the binomial formula
when all weights are 1. ``significant`` is True when the interval excludes 100.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .codes import code_text, natural_key
from .disclosure import protect_profile
from .errors import SegmentationError

CI_METHOD = (
    "log-scale (delta method) CI for the index treating the base share as fixed: "
    "index*exp(±z*SE(log p)), Var(p)=p(1-p)/N unweighted, Taylor-linearised "
    "Σw²(y-p)²/(Σw)² weighted (Katz et al. 1978; Woodruff 1971)"
)
PROFILE_COLUMNS = [
    "level", "indicator", "cluster", "records", "count", "pct", "base", "base_pct",
    "penetration", "index", "index_low", "index_high", "significant", "suppressed",
]  # fmt: skip


def _as_list(cols: str | Sequence[str] | None) -> list[str]:
    if cols is None:
        return []
    return [cols] if isinstance(cols, str) else list(cols)


def _require(df: pd.DataFrame, cols: Sequence[str | None], what: str) -> None:
    for col in cols:
        if col is not None and col not in df.columns:
            raise SegmentationError(
                f"Field '{col}' is not in the {what}; fields are: "
                f"{', '.join(map(str, df.columns))}."
            )


def cluster_codes(values: pd.Series) -> pd.Series:
    """Cluster codes as stripped text (``1``, ``1a``), so 1, 1.0 and '1' agree; missing is None
    (`core.codes.code_text`)."""
    codes, uniques = pd.factorize(values, sort=False)  # missing → -1
    text = np.array([code_text(u) for u in np.asarray(uniques, dtype=object)] + [None],
                    dtype=object)
    return pd.Series(text[codes], index=values.index, name=values.name, dtype=object)


def _numeric(df: pd.DataFrame, col: str, what: str, allow_zero: bool = True) -> np.ndarray:
    """Column as float; missing, text or negative values raise naming the row."""
    values = pd.to_numeric(df[col], errors="coerce").to_numpy(float)
    bad = ~np.isfinite(values) | (values < 0)
    if not allow_zero:
        bad |= values == 0
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise SegmentationError(
            f"Field '{col}' of the {what} must be a number ≥ 0: row {pos + 1} has "
            f"{df[col].iloc[pos]!r}."
        )
    return values


def _base_totals(base_df: pd.DataFrame, cluster_col: str, base_col: str | None) -> pd.Series:
    """Sum of base_col (or number of areas) by cluster code."""
    codes = cluster_codes(base_df[cluster_col])
    values = (
        np.ones(len(base_df)) if base_col is None else _numeric(base_df, base_col, "base table")
    )
    keep = codes.notna().to_numpy()
    return pd.Series(values[keep]).groupby(codes[keep].to_numpy()).sum()


def _sort_codes(codes: Sequence[str]) -> list[str]:
    """The one cluster-code order (`core.codes.natural_key`): 1, 1a, 1b, 2, 10."""
    return sorted(codes, key=natural_key)


def _table(
    codes: pd.Series,
    weights: np.ndarray,
    base: pd.Series,
    z: float,
    min_count: float,
) -> pd.DataFrame:
    """One profile: a row per cluster in the base or the file."""
    clusters = _sort_codes(set(base.index) | set(codes.dropna()))
    keep = codes.notna().to_numpy()
    grouped = pd.DataFrame({"c": codes[keep].to_numpy(), "w": weights[keep]})
    grouped["w2"] = grouped["w"] ** 2
    g = grouped.groupby("c").agg(records=("w", "size"), count=("w", "sum"), w2=("w2", "sum"))
    g = g.reindex(clusters, fill_value=0)
    total, total_w2 = g["count"].sum(), g["w2"].sum()
    b = base.reindex(clusters, fill_value=0).to_numpy(float)
    count = g["count"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = count / total if total > 0 else np.full(len(count), np.nan)
        base_pct = 100 * b / b.sum()
        index = np.where(base_pct > 0, 100 * p * 100 / base_pct, np.nan)
        var_p = (g["w2"].to_numpy() * (1 - p) ** 2 + (total_w2 - g["w2"].to_numpy()) * p**2) / (
            total**2
        )
        se_log = np.sqrt(var_p) / p
        low, high = index * np.exp(-z * se_log), index * np.exp(z * se_log)
        penetration = np.where(b > 0, 100 * count / b, np.nan)
    out = pd.DataFrame(
        {
            "cluster": clusters,
            "records": g["records"].to_numpy(),
            "count": count,
            "pct": 100 * p,
            "base": b,
            "base_pct": base_pct,
            "penetration": penetration,
            "index": index,
            "index_low": low,
            "index_high": high,
        }
    )
    out["significant"] = ((low > 100) | (high < 100)) & np.isfinite(index)
    out["suppressed"] = False  # disclosure control: core.disclosure, over every block at once
    out["records"] = out["records"].astype(float)
    return out


def _subsets(
    records_df: pd.DataFrame, indicator_cols: Sequence[str], info: dict
) -> list[tuple[str, np.ndarray]]:
    """("all", all rows) then ("col=value", rows) for each indicator value."""
    subsets = [("all", np.ones(len(records_df), bool))]
    for col in indicator_cols:
        values = cluster_codes(records_df[col])
        info["indicator_missing"][col] = int(values.isna().sum())
        for value in _sort_codes(values.dropna().unique()):
            subsets.append((f"{col}={value}", (values == value).to_numpy()))
    return subsets


def profile(
    records_df: pd.DataFrame,
    cluster_col: str | Sequence[str],
    base_df: pd.DataFrame,
    base_cluster_col: str | Sequence[str],
    base_col: str | None = None,
    indicator_cols: Sequence[str] = (),
    weight_col: str | None = None,
    min_count: float = 5,
    confidence: float = 0.95,
    disclosure: str = "suppress",
) -> tuple[pd.DataFrame, dict]:
    """Profile records against a base by cluster (see the module docstring for the CI).

    ``cluster_col`` / ``base_cluster_col`` may list several levels (e.g. supergroup, group):
    one block of rows per level (``level`` = the records' column name). Each indicator
    value gets its own block (``indicator`` = ``col=value``; ``all`` for every record).
    Columns: level, indicator, cluster, records (unweighted), count (records or sum of
    weights), pct, base (sum of ``base_col``, or number of areas), base_pct, penetration
    (count per 100 base), index, index_low, index_high, significant, suppressed.

    Disclosure control (`core.disclosure`): cells of 1 to ``min_count`` − 1 records, and the
    cells hidden with them so that none can be worked out from the totals, levels or indicator
    values, have every figure made from their count NaN and ``suppressed`` True; zeros are
    shown. ``disclosure="round"`` rounds the counts to 5 instead. Records with no cluster are
    left out. ``info`` gives ``disclosure`` (a `core.disclosure.Protection`),
    ``suppressed_cells``, ``total_count``, ``records_without_cluster`` and
    ``clusters_not_in_base`` per level, ``indicator_missing``, ``ci_method``, ``confidence``
    and ``min_count``.
    """
    levels, base_levels = _as_list(cluster_col), _as_list(base_cluster_col)
    if not levels or len(levels) != len(base_levels):
        raise SegmentationError(
            "Give one base cluster field for each records cluster field "
            f"(records: {', '.join(levels) or 'none'}; base: {', '.join(base_levels) or 'none'})."
        )
    if not 0 < confidence < 1:
        raise SegmentationError(f"Confidence must be between 0 and 1, not {confidence}.")
    indicator_cols = _as_list(indicator_cols)
    _require(records_df, [*levels, *indicator_cols, weight_col], "records")
    _require(base_df, [*base_levels, base_col], "base table")
    weights = (
        np.ones(len(records_df))
        if weight_col is None
        else _numeric(records_df, weight_col, "records")
    )
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    info: dict = {
        "records_without_cluster": {},
        "clusters_not_in_base": {},
        "indicator_missing": {},
        "ci_method": CI_METHOD,
        "confidence": confidence,
        "min_count": min_count,
    }
    subsets = _subsets(records_df, indicator_cols, info)
    blocks = []
    for level, base_level in zip(levels, base_levels):
        codes = cluster_codes(records_df[level])
        base = _base_totals(base_df, base_level, base_col)
        info["records_without_cluster"][level] = int(codes.isna().sum())
        info["clusters_not_in_base"][level] = _sort_codes(set(codes.dropna()) - set(base.index))
        for label, rows in subsets:
            table = _table(codes[rows], weights[rows], base, z, min_count)
            blocks.append(table.assign(level=level, indicator=label))
    result = pd.concat(blocks, ignore_index=True)[PROFILE_COLUMNS]
    result, protection = protect_profile(
        result, pd.DataFrame({lv: cluster_codes(records_df[lv]) for lv in levels}),
        pd.DataFrame({c: cluster_codes(records_df[c]) for c in indicator_cols}),
        min_count, disclosure)
    info["disclosure"] = protection
    info["suppressed_cells"] = int(result["suppressed"].sum())
    first = cluster_codes(records_df[levels[0]]).notna().to_numpy()
    info["total_count"] = float(weights[first].sum())
    return result, info


def representativeness(
    records_df: pd.DataFrame,
    cluster_col: str,
    base_df: pd.DataFrame,
    base_cluster_col: str,
    base_col: str | None = None,
    weight_col: str | None = None,
) -> tuple[pd.DataFrame, dict]:
    """Does the sample's cluster mix match the population's? Chi-square goodness of fit.

    Columns: cluster, sample (records), sample_pct, population (sum of ``base_col`` or
    number of areas), population_pct, expected (records × population share), difference
    (sample_pct − population_pct, points), index (100 × sample_pct / population_pct),
    std_residual ((sample − expected)/√expected) and, with ``weight_col``, weighted_pct
    (to check that the weights restore the population mix). The test uses the unweighted
    counts over clusters with a population. ``info``: statistic, dof, p_value,
    representative (p ≥ 0.05), small_expected (cells with expected < 5, when the
    chi-square approximation is doubtful), not_in_population, records_without_cluster.
    """
    _require(records_df, [cluster_col, weight_col], "records")
    _require(base_df, [base_cluster_col, base_col], "base table")
    codes = cluster_codes(records_df[cluster_col])
    base = _base_totals(base_df, base_cluster_col, base_col)
    clusters = _sort_codes(set(base.index) | set(codes.dropna()))
    sample = codes.value_counts().reindex(clusters, fill_value=0).to_numpy(float)
    pop = base.reindex(clusters, fill_value=0).to_numpy(float)
    n = sample.sum()
    expected = n * pop / pop.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        out = pd.DataFrame(
            {
                "cluster": clusters,
                "sample": sample,
                "sample_pct": 100 * sample / n,
                "population": pop,
                "population_pct": 100 * pop / pop.sum(),
                "expected": expected,
            }
        )
        out["difference"] = out["sample_pct"] - out["population_pct"]
        out["index"] = np.where(pop > 0, 100 * out["sample_pct"] / out["population_pct"], np.nan)
        out["std_residual"] = np.where(
            expected > 0, (sample - expected) / np.sqrt(expected), np.nan
        )
    if weight_col is not None:
        w = _numeric(records_df, weight_col, "records")
        keep = codes.notna().to_numpy()
        ws = pd.Series(w[keep]).groupby(codes[keep].to_numpy()).sum()
        out["weighted_pct"] = 100 * ws.reindex(clusters, fill_value=0).to_numpy() / ws.sum()
    tested = expected > 0
    if tested.sum() < 2 or n == 0:
        raise SegmentationError("Need records in at least two clusters with a population to test.")
    obs, exp = sample[tested], expected[tested]
    exp = exp * obs.sum() / exp.sum()
    stat, p_value = stats.chisquare(obs, exp)
    info = {
        "statistic": float(stat),
        "dof": int(tested.sum() - 1),
        "p_value": float(p_value),
        "representative": bool(p_value >= 0.05),
        "small_expected": int((exp < 5).sum()),
        "not_in_population": [c for c, t in zip(clusters, tested) if not t],
        "records_without_cluster": int(codes.isna().sum()),
    }
    return out, info
