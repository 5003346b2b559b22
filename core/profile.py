"""Mosaic-style customer profiles: who is in a file compared with the area base, by cluster.

For each cluster: the file's share (``pct``) against the base's share (``base_pct``), the
index ``100 × pct / base_pct`` (over 100: more customers than expected) with a confidence
interval, and the penetration (customers per 100 base units). Small counts are suppressed.

Confidence interval of the index (``index_low``, ``index_high``)
------------------------------------------------------------------
The base share ``q`` is a census/population figure and is treated as fixed, so all the
uncertainty is in the file share ``p``: an interval ``(p_low, p_high)`` for the share gives the
index interval ``100·p_low/q … 100·p_high/q`` (`core.profile_stats`). Three intervals:

- ``log`` (default): as for a ratio of proportions (Katz et al. 1978, *Biometrics*
  34:469-474; delta method), ``index × exp(± z · SE(log p))``, ``SE(log p) = sqrt(Var(p))/p``.
  It does not exist for a cluster with no records and has zero width for a cluster holding
  every record; there the Wilson interval is used, so a zero against a large expectation is
  flagged and no interval has zero width.
- ``wilson``: the Wilson score interval for the share (exists at 0 % and 100 %).
- ``exact``: the Clopper-Pearson interval for the share.

For unweighted records ``Var(p) = p(1 - p)/N`` (binomial), so ``SE(log p) = sqrt((1 - p)/c)``
with ``c`` the cluster count. For weighted (survey) records ``p = Σ w·y / Σ w`` is a ratio
estimator and ``Var(p) = n/(n − 1) · Σ w² (y - p)² / (Σ w)²`` (Taylor linearisation,
with-replacement design, as R ``survey::svymean``; Woodruff 1971, *JASA* 66:411-414; ``n`` is
every record with a cluster, so an indicator value's block is a domain, as ``subset()``); Wilson
and exact use the effective sample size ``p(1 − p)/Var(p)``. ``p_value`` tests ``p = q``
(the test each interval inverts), ``significant`` is True when the interval excludes 100.

Multiple testing: every shown cell of every level and indicator is one test of one family;
``p_adjusted`` is the Benjamini-Hochberg (default) or Holm adjusted p-value and
``significant_adjusted`` whether it is below ``1 − confidence``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .codes import code_text, natural_key
from .disclosure import protect_profile
from .errors import SegmentationError
from .profile_stats import ADJUST_TEXT, INTERVAL_TEXT, adjust_pvalues, share_interval

CI_METHOD = (
    "log-scale (delta method) CI for the index treating the base share as fixed: "
    "index*exp(±z*SE(log p)), Var(p)=p(1-p)/N unweighted, Taylor-linearised "
    "n/(n-1)·Σw²(y-p)²/(Σw)² weighted as R survey::svymean (Katz et al. 1978; Woodruff 1971); "
    "Wilson score interval at 0 % and 100 %"
)
PROFILE_COLUMNS = [
    "level", "indicator", "cluster", "name", "records", "count", "pct", "base", "base_pct",
    "penetration", "index", "index_low", "index_high", "significant", "suppressed",
    "p_value", "p_adjusted", "significant_adjusted", "colour",
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


def _plain(value):
    """A numpy scalar as the Python value it holds (numpy 2 shows np.int64(-1) otherwise)."""
    return value.item() if isinstance(value, np.generic) else value


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
            f"{_plain(df[col].iloc[pos])!r}."
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


def _share_variance(
    p: np.ndarray, w2: np.ndarray, total: float, total_w2: float, n: int, weighted: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Var(p) of each cluster's share and the effective sample size behind it.

    Unweighted: ``p(1 − p)/N`` and ``N``. Weighted: the linearised
    ``n/(n − 1) · Σ w²(y − p)²/(Σ w)²`` of R ``survey::svymean`` (with-replacement design), and
    ``p(1 − p)/Var(p)`` (Kish's ``(Σw)²/Σw²`` where that is 0/0, at p = 0 or 1).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        var_p = (w2 * (1 - p) ** 2 + (total_w2 - w2) * p**2) / total**2
        if not weighted:
            return var_p, np.full(len(p), float(total))
        var_p = var_p * (n / (n - 1) if n > 1 else np.nan)
        kish = total**2 / total_w2 if total_w2 > 0 else np.nan
        n_eff = np.where((p > 0) & (p < 1) & (var_p > 0), p * (1 - p) / var_p, kish)
    return var_p, n_eff


def _sort_codes(codes: Sequence[str]) -> list[str]:
    """The one cluster-code order (`core.codes.natural_key`): 1, 1a, 1b, 2, 10."""
    return sorted(codes, key=natural_key)


def _table(
    codes: pd.Series,
    weights: np.ndarray,
    base: pd.Series,
    confidence: float,
    min_count: float,
    interval: str = "log",
    weighted: bool = False,
    n_design: int | None = None,
) -> pd.DataFrame:
    """One profile: a row per cluster in the base or the file. ``n_design``: the number of
    records of the whole sample (for a subset, an indicator value, the variance is that of a
    domain of it); by default the records here."""
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
        n = int(g["records"].sum()) if n_design is None else n_design
        var_p, n_eff = _share_variance(p, g["w2"].to_numpy(float), total, total_w2, n,
                                       weighted)
        p_low, p_high, p_value = share_interval(p, var_p, n_eff, base_pct / 100, confidence,
                                                interval)
        low = np.where(base_pct > 0, 100 * p_low * 100 / base_pct, np.nan)
        high = np.where(base_pct > 0, 100 * p_high * 100 / base_pct, np.nan)
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
            "p_value": p_value,
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
    interval: str = "log",
    adjust: str = "bh",
    labels: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict]:
    """Profile records against a base by cluster (see the module docstring for the CI).

    ``cluster_col`` / ``base_cluster_col`` may list several levels (e.g. supergroup, group):
    one block of rows per level (``level`` = the records' column name). Each indicator
    value gets its own block (``indicator`` = ``col=value``; ``all`` for every record).
    Columns: level, indicator, cluster, name, records (unweighted), count (records or sum of
    weights), pct, base (sum of ``base_col``, or number of areas), base_pct, penetration
    (count per 100 base), index, index_low, index_high, significant, suppressed, p_value,
    p_adjusted, significant_adjusted, colour. ``interval``: ``log``, ``wilson`` or ``exact``;
    ``adjust``: ``bh``, ``holm`` or ``none`` (`core.profile_stats`). ``labels``: a labels
    table (`core.labels`: code, name, colour) giving each cluster's name and colour (empty
    without one).

    Disclosure control (`core.disclosure`): cells of 1 to ``min_count`` − 1 records, and the
    cells hidden with them so that none can be worked out from the totals, levels or indicator
    values, have every figure made from their count NaN (p-values too: they are not tested)
    and ``suppressed`` True; zeros are shown. ``disclosure="round"`` rounds the counts to 5
    instead. Records with no cluster are left out. ``info`` gives ``disclosure`` (a
    `core.disclosure.Protection`), ``suppressed_cells``, ``total_count``,
    ``records_without_cluster`` and ``clusters_not_in_base`` per level, ``indicator_missing``,
    ``ci_method``, ``confidence``, ``min_count``, ``cells_tested``, ``significant_raw``,
    ``significant_adjusted``, ``adjust`` / ``adjust_method`` and ``totals`` (one dict per level
    and indicator: level, indicator, records, count, base).
    """
    levels, base_levels = _as_list(cluster_col), _as_list(base_cluster_col)
    if not levels or len(levels) != len(base_levels):
        raise SegmentationError(
            "Give one base cluster field for each records cluster field "
            f"(records: {', '.join(levels) or 'none'}; base: {', '.join(base_levels) or 'none'})."
        )
    if not 0 < confidence < 1:
        raise SegmentationError(f"Confidence must be between 0 and 1, not {confidence}.")
    if interval not in INTERVAL_TEXT or adjust not in ADJUST_TEXT:
        raise SegmentationError(
            f"Unknown interval {interval!r} or adjustment {adjust!r} (intervals: "
            f"{', '.join(INTERVAL_TEXT)}; adjustments: {', '.join(ADJUST_TEXT)})."
        )
    indicator_cols = _as_list(indicator_cols)
    _require(records_df, [*levels, *indicator_cols, weight_col], "records")
    _require(base_df, [*base_levels, base_col], "base table")
    weights = (
        np.ones(len(records_df))
        if weight_col is None
        else _numeric(records_df, weight_col, "records")
    )
    info: dict = {
        "records_without_cluster": {},
        "clusters_not_in_base": {},
        "indicator_missing": {},
        "ci_method": CI_METHOD if interval == "log" else INTERVAL_TEXT[interval],
        "interval": interval,
        "confidence": confidence,
        "min_count": min_count,
        "totals": [],
    }
    subsets = _subsets(records_df, indicator_cols, info)
    blocks = []
    for level, base_level in zip(levels, base_levels):
        codes = cluster_codes(records_df[level])
        base = _base_totals(base_df, base_level, base_col)
        info["records_without_cluster"][level] = int(codes.isna().sum())
        info["clusters_not_in_base"][level] = _sort_codes(set(codes.dropna()) - set(base.index))
        for label, rows in subsets:
            sub, w = codes[rows], weights[rows]
            table = _table(sub, w, base, confidence, min_count, interval,
                           weight_col is not None, int(codes.notna().sum()))
            blocks.append(table.assign(level=level, indicator=label))
            known = sub.notna().to_numpy()
            info["totals"].append({"level": level, "indicator": label,
                                   "records": int(known.sum()), "count": float(w[known].sum()),
                                   "base": float(base.sum())})
    result = pd.concat(blocks, ignore_index=True)
    _name_and_colour(result, labels)
    result, protection = protect_profile(
        result, pd.DataFrame({lv: cluster_codes(records_df[lv]) for lv in levels}),
        pd.DataFrame({c: cluster_codes(records_df[c]) for c in indicator_cols}),
        min_count, disclosure)
    info["disclosure"] = protection
    _adjust(result, adjust, confidence, info)
    result = result[PROFILE_COLUMNS]
    info["suppressed_cells"] = int(result["suppressed"].sum())
    first = cluster_codes(records_df[levels[0]]).notna().to_numpy()
    info["total_count"] = float(weights[first].sum())
    return result, info


def _name_and_colour(table: pd.DataFrame, labels: pd.DataFrame | None) -> None:
    """Each cluster's name and colour from a labels table (empty text without one)."""
    from .labels import colours_of, names_of, normalise

    frame = None if labels is None or not len(labels) else normalise(labels)
    names, colours = names_of(frame), colours_of(frame)
    table["name"] = [names.get(c, "") for c in table["cluster"]]
    table["colour"] = [colours.get(c, "") for c in table["cluster"]]


def _adjust(table: pd.DataFrame, adjust: str, confidence: float, info: dict) -> None:
    """One family of tests: every shown cell with a p-value; BH/Holm adjusted p-values."""
    shown = ~table["suppressed"].fillna(False).astype(bool).to_numpy()
    shown &= np.isfinite(table["index"].to_numpy(float))
    p = np.where(shown, table["p_value"].to_numpy(float), np.nan)
    table["p_value"] = p
    table["p_adjusted"] = adjust_pvalues(p, adjust)
    alpha = 1 - confidence
    table["significant_adjusted"] = table["p_adjusted"].to_numpy(float) < alpha
    info["adjust"] = adjust
    info["adjust_method"] = ADJUST_TEXT[adjust]
    info["cells_tested"] = int(np.isfinite(p).sum())
    info["significant_raw"] = int(table["significant"].fillna(False).astype(bool).sum())
    info["significant_adjusted"] = int(table["significant_adjusted"].sum())


def representativeness(
    records_df: pd.DataFrame,
    cluster_col: str,
    base_df: pd.DataFrame,
    base_cluster_col: str,
    base_col: str | None = None,
    weight_col: str | None = None,
    simulations: int = 20000,
    seed: int = 1,
) -> tuple[pd.DataFrame, dict]:
    """Is there evidence that the sample's cluster mix differs from the population's?

    Columns: cluster, sample (records), sample_pct, population (sum of ``base_col`` or
    number of areas), population_pct, expected (records × population share), difference
    (sample_pct − population_pct, points), index (100 × sample_pct / population_pct),
    std_residual ((sample − expected)/√expected) and, with ``weight_col``, weighted_pct
    (to check that the weights restore the population mix). The chi-square goodness-of-fit
    test uses the unweighted counts over clusters with a population; when any expected count
    is below 5 its p-value is a seeded Monte Carlo one (``simulations`` multinomial samples,
    ``(1 + #{X² ≥ observed})/(B + 1)`` as R ``chisq.test(simulate.p.value = TRUE)``).

    ``info``: statistic, dof, p_value, p_value_method, asymptotic_p_value, cramers_v
    (``√(X²/(n(k − 1)))``, 0 = the population's mix, 1 = all in one cluster), largest_over /
    largest_under (cluster and difference in points), no_evidence_of_difference (p ≥ 0.05;
    also under its old name ``representative``, which says more than the test can), verdict,
    small_expected (cells with expected < 5), not_in_population, records_without_cluster.
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
    stat, p_asym = stats.chisquare(obs, exp)
    small = int((exp < 5).sum())
    p_value, method = float(p_asym), "chi-square distribution"
    if small:
        p_value = monte_carlo_p(obs, exp, simulations, seed)
        method = f"Monte Carlo, {simulations} simulated samples, seed {seed}"
    k = int(tested.sum())
    diff = out["difference"].to_numpy(float)
    over, under = int(np.nanargmax(diff)), int(np.nanargmin(diff))
    no_evidence = bool(p_value >= 0.05)
    info = {
        "statistic": float(stat),
        "dof": k - 1,
        "p_value": p_value,
        "p_value_method": method,
        "asymptotic_p_value": float(p_asym),
        "cramers_v": float(np.sqrt(stat / (obs.sum() * (k - 1)))),
        "largest_over": (clusters[over], float(diff[over])),
        "largest_under": (clusters[under], float(diff[under])),
        "no_evidence_of_difference": no_evidence,
        "representative": no_evidence,
        "verdict": "no evidence of difference" if no_evidence else "evidence of difference",
        "small_expected": small,
        "not_in_population": [c for c, t in zip(clusters, tested) if not t],
        "records_without_cluster": int(codes.isna().sum()),
    }
    return out, info


def monte_carlo_p(observed: np.ndarray, expected: np.ndarray, simulations: int = 20000,
                  seed: int = 1) -> float:
    """Seeded Monte Carlo p-value of the chi-square goodness-of-fit statistic: multinomial
    samples of the same size from the expected shares (R ``chisq.test(simulate.p.value=TRUE)``'s
    ``(1 + #{X²_sim ≥ X²_obs})/(B + 1)``, with its tolerance for ties)."""
    observed, expected = np.asarray(observed, float), np.asarray(expected, float)
    n = int(round(observed.sum()))
    rng = np.random.default_rng(seed)
    sims = rng.multinomial(n, expected / expected.sum(), size=int(simulations))
    stat = ((observed - expected) ** 2 / expected).sum()
    sim_stats = ((sims - expected) ** 2 / expected).sum(axis=1)
    almost_one = 1 - 64 * np.finfo(float).eps
    return float((1 + (sim_stats >= almost_one * stat).sum()) / (simulations + 1))
