"""Within-group rates of a survey outcome (e.g. % satisfied in each cluster), with intervals.

For each level and group: the records with a known outcome, the (weighted) number with the
outcome, the rate with a Wilson (default) or Wald interval, the whole area's rate, and a test
of the group against the rest of the area (which is the same as a test against the whole
area: ``rate_g − rate_area = (1 − share_g)(rate_g − rate_rest)``).

Unweighted: the pooled two-proportion z-test (R ``prop.test(correct = FALSE)``). Weighted:
the rates are domain means and their variances the with-replacement linearised variances of R
``survey::svyby(~y, ~group, design, svymean)``, ``n/(n − 1) Σ_g w²(y − r_g)²/(Σ_g w)²`` with
``n`` all the records; the test is the Wald z of the difference (group and rest independent
domains). Wilson intervals of weighted rates use the effective sample size ``r(1 − r)/Var``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .codes import natural_key
from .errors import SegmentationError
from .profile_stats import ADJUST_TEXT, _wilson, adjust_pvalues

RATE_COLUMNS = [
    "level", "cluster", "name", "records", "positive", "rate", "rate_low", "rate_high",
    "area_rate", "difference", "p_value", "p_adjusted", "significant", "significant_adjusted",
    "suppressed", "colour",
]  # fmt: skip
RATE_METHODS = ("wilson", "wald")
_BLANK = ["records", "positive", "rate", "rate_low", "rate_high", "difference", "p_value"]
YES = {"yes", "y", "true", "t", "1"}
NO = {"no", "n", "false", "f", "0"}


def _text(values: pd.Series) -> pd.Series:
    from .profile import cluster_codes

    return cluster_codes(values)


def outcome_indicator(values: pd.Series, field: str, positive: str | None) -> pd.Series:
    """1.0 where the outcome is ``positive`` (case-insensitive), 0.0 otherwise, NaN where
    missing. Without ``positive`` the field must be yes/no (yes, y, true, 1 / no, n, false, 0).
    """
    text = _text(values)
    lower = text.str.lower()
    known = text.notna()
    if positive is not None and str(positive).strip() != "":
        target = str(positive).strip().lower()
        if not (lower[known] == target).any():
            shown = ", ".join(sorted(text[known].unique(), key=natural_key)[:10])
            raise SegmentationError(
                f"No record of field '{field}' has the value '{positive}'; its values are: "
                f"{shown}."
            )
        return pd.Series(np.where(known, (lower == target).astype(float), np.nan),
                         index=values.index)
    seen = set(lower[known])
    if not seen <= YES | NO:
        shown = ", ".join(sorted(text[known].unique(), key=natural_key)[:10])
        raise SegmentationError(
            f"Field '{field}' is not a yes/no field (values: {shown}): give the value that "
            "counts as the outcome."
        )
    return pd.Series(np.where(known, lower.isin(YES).astype(float), np.nan), index=values.index)


def _domain(y: np.ndarray, w: np.ndarray, inside: np.ndarray, n: int, weighted: bool):
    """Rate, its variance and the effective sample size of the records ``inside``."""
    wi, yi = w[inside], y[inside]
    total = wi.sum()
    if total <= 0:
        return np.nan, np.nan, 0.0
    rate = float((wi * yi).sum() / total)
    if not weighted:
        m = float(inside.sum())
        return rate, rate * (1 - rate) / m, m
    var = (n / (n - 1) if n > 1 else np.nan) * float((wi**2 * (yi - rate) ** 2).sum()) / total**2
    kish = total**2 / float((wi**2).sum())
    n_eff = rate * (1 - rate) / var if 0 < rate < 1 and var > 0 else kish
    return rate, var, n_eff


def group_rates(
    records_df: pd.DataFrame,
    cluster_cols: str | Sequence[str],
    outcome_col: str,
    positive: str | None = None,
    weight_col: str | None = None,
    confidence: float = 0.95,
    method: str = "wilson",
    adjust: str = "bh",
    min_count: float = 5,
    labels: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict]:
    """The outcome's rate (%) in each group of each level against the whole area's.

    Records with no outcome or no group are left out (counted in ``info``). A group is
    suppressed (its figures blank, not tested) when it has fewer than ``min_count`` records,
    or 1 … ``min_count`` − 1 records with or without the outcome. ``info``: area (level →
    rate %, records), outcome_missing, records_without_cluster (per level), cells_tested,
    significant_raw, significant_adjusted, adjust_method, method, suppressed_cells.
    """
    from .profile import _as_list, _numeric, _require, _sort_codes, cluster_codes

    levels = _as_list(cluster_cols)
    if method not in RATE_METHODS:
        raise SegmentationError(f"Rate interval must be one of {', '.join(RATE_METHODS)}.")
    if adjust not in ADJUST_TEXT:
        raise SegmentationError(f"Adjustment must be one of {', '.join(ADJUST_TEXT)}.")
    _require(records_df, [*levels, outcome_col, weight_col], "records")
    y_all = outcome_indicator(records_df[outcome_col], outcome_col, positive).to_numpy(float)
    weighted = weight_col is not None
    w_all = (_numeric(records_df, weight_col, "records") if weighted
             else np.ones(len(records_df)))
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    info: dict = {"area": {}, "outcome_missing": int(np.isnan(y_all).sum()),
                  "records_without_cluster": {}, "method": method,
                  "adjust_method": ADJUST_TEXT[adjust]}
    rows = []
    for level in levels:
        codes = cluster_codes(records_df[level])
        keep = codes.notna().to_numpy() & np.isfinite(y_all)
        info["records_without_cluster"][level] = int((codes.isna() & ~np.isnan(y_all)).sum())
        c, y, w = codes[keep].to_numpy(), y_all[keep], w_all[keep]
        n = len(c)
        everyone = np.ones(n, bool)
        area_rate, _, _ = _domain(y, w, everyone, n, weighted)
        info["area"][level] = {"rate": 100 * area_rate, "records": n}
        for code in _sort_codes(set(c)):
            inside = c == code
            rate, var, n_eff = _domain(y, w, inside, n, weighted)
            rest_rate, rest_var, _ = _domain(y, w, ~inside, n, weighted)
            if method == "wald":
                half = z * np.sqrt(var)
                low, high = max(0.0, rate - half), min(1.0, rate + half)
            else:
                lo, hi = _wilson(np.array([rate]), np.array([n_eff]), z)
                low, high = float(lo[0]), float(hi[0])
            if weighted:
                se = np.sqrt(var + rest_var)
                diff = rate - rest_rate
            else:  # pooled two-proportion z (prop.test without continuity correction)
                m, m_rest = inside.sum(), (~inside).sum()
                se = np.sqrt(area_rate * (1 - area_rate) * (1 / m + 1 / m_rest)) \
                    if m_rest else np.nan
                diff = rate - rest_rate
            with np.errstate(divide="ignore", invalid="ignore"):
                p_value = float(2 * stats.norm.sf(abs(diff) / se)) if se > 0 else np.nan
            n_pos = int(y[inside].sum())
            n_neg = int(inside.sum()) - n_pos
            small = inside.sum() < min_count or 0 < n_pos < min_count or 0 < n_neg < min_count
            rows.append({
                "level": level, "cluster": code, "records": float(inside.sum()),
                "positive": float((w[inside] * y[inside]).sum()), "rate": 100 * rate,
                "rate_low": 100 * low, "rate_high": 100 * high, "area_rate": 100 * area_rate,
                "difference": 100 * (rate - area_rate), "p_value": p_value,
                "suppressed": bool(small),
            })
    out = pd.DataFrame(rows, columns=[c for c in RATE_COLUMNS if c not in
                                      ("name", "colour", "p_adjusted", "significant",
                                       "significant_adjusted")])
    out["suppressed"] = out["suppressed"].to_numpy(bool) | _secondary(
        out, records_df, levels, y_all, min_count)
    out.loc[out["suppressed"], _BLANK] = np.nan
    alpha = 1 - confidence
    out["significant"] = out["p_value"].to_numpy(float) < alpha
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(float), adjust)
    out["significant_adjusted"] = out["p_adjusted"].to_numpy(float) < alpha
    from .profile import _name_and_colour

    _name_and_colour(out, labels)
    info["cells_tested"] = int(np.isfinite(out["p_value"].to_numpy(float)).sum())
    info["significant_raw"] = int(out["significant"].sum())
    info["significant_adjusted"] = int(out["significant_adjusted"].sum())
    info["suppressed_cells"] = int(out["suppressed"].sum())
    return out[RATE_COLUMNS], info


def _secondary(out: pd.DataFrame, records_df: pd.DataFrame, levels: list[str],
               y_all: np.ndarray, min_count: float) -> np.ndarray:
    """Groups to blank so that no small count (records, with or without the outcome) can be
    worked out from the whole area's rate and records, the other groups or the other level:
    the outcome's yes/no counts per group go through the profile's disclosure rule
    (`core.disclosure.protect_profile`: totals, hierarchy and indicator values together)."""
    from .disclosure import protect_profile
    from .profile import cluster_codes

    if min_count <= 1 or out.empty:
        return np.zeros(len(out), bool)
    known = np.isfinite(y_all)
    level_codes = pd.DataFrame({lv: cluster_codes(records_df[lv])[known].to_numpy()
                                for lv in levels})
    outcome = pd.Series(np.where(y_all[known] > 0, "yes", "no"), dtype=object)
    rows = []
    for lv in levels:
        codes = level_codes[lv]
        for code in out.loc[out["level"] == lv, "cluster"]:
            inside = (codes == code).to_numpy()
            for indicator, mask in (("all", inside), ("outcome=yes", inside & (outcome == "yes")),
                                    ("outcome=no", inside & (outcome == "no"))):
                rows.append({"level": lv, "indicator": indicator, "cluster": code,
                             "records": float(np.sum(mask))})
    cells = pd.DataFrame(rows)
    protected, _ = protect_profile(cells, level_codes, pd.DataFrame({"outcome": outcome}),
                                   min_count)
    hidden = protected.loc[protected["suppressed"].astype(bool), ["level", "cluster"]]
    blank = set(zip(hidden["level"], hidden["cluster"]))
    return np.array([(lv, c) in blank for lv, c in zip(out["level"], out["cluster"])], bool)
