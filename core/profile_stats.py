"""Intervals and tests for a share against a fixed reference, and multiple-testing adjustment.

Used by the profile (a cluster's share of the records against its share of the base) and by
the within-group rates (a group's rate against the whole area's).

Intervals for a share ``p`` with (effective) sample size ``n``:

- ``log``: Katz et al. (1978) log-scale interval ``p·exp(±z·SE/p)``; it does not exist at
  ``p = 0`` and has zero width at ``p = 1``, so there (and wherever ``SE = 0``) the Wilson
  interval is used instead.
- ``wilson``: the Wilson (1927) score interval; it inverts the score test
  ``(p − q)/√(q(1 − q)/n)``, which gives the p-value.
- ``exact``: Clopper and Pearson (1934), from beta quantiles (so non-integer effective counts
  of weighted data work too); the p-value is the central two-sided binomial test,
  ``2·min(P(X ≤ x), P(X ≥ x))``, which it inverts.

Every method's p-value is below ``1 − confidence`` exactly when its interval excludes ``q``.
Weighted shares use the effective sample size ``p(1 − p)/Var(p)`` (Kish's ``(Σw)²/Σw²`` at
``p = 0`` or ``1``, where the variance is zero).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

INTERVALS = ("log", "wilson", "exact")
ADJUSTMENTS = ("bh", "holm", "none")
INTERVAL_TEXT = {
    "log": "log scale (Katz et al. 1978; delta method), Wilson score interval at 0 % and "
           "100 % where the log interval does not exist",
    "wilson": "Wilson score interval for the share (Wilson 1927), score test",
    "exact": "exact Clopper-Pearson interval for the share, central exact binomial test",
}
ADJUST_TEXT = {
    "bh": "Benjamini-Hochberg (false discovery rate)",
    "holm": "Holm (family-wise error rate)",
    "none": "no adjustment",
}


def _wilson(p: np.ndarray, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    z2 = z * z
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = z / (1 + z2 / n) * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = np.where(p <= 0, 0.0, np.clip(centre - half, 0, 1))
    high = np.where(p >= 1, 1.0, np.clip(centre + half, 0, 1))
    return low, high


def _score_p(p: np.ndarray, n: np.ndarray, q: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        zs = (p - q) / np.sqrt(q * (1 - q) / n)
    return 2 * stats.norm.sf(np.abs(zs))


def _below(x: np.ndarray, n: np.ndarray, q: np.ndarray) -> np.ndarray:
    """P(X ≤ x) for X ~ Binomial(n, q), continuous in x (regularised incomplete beta)."""
    out = np.ones_like(x, dtype=float)
    inner = x < n
    out[inner] = stats.beta.cdf(1 - q[inner], n[inner] - x[inner], x[inner] + 1)
    return out


def _above(x: np.ndarray, n: np.ndarray, q: np.ndarray) -> np.ndarray:
    """P(X ≥ x) for X ~ Binomial(n, q), continuous in x."""
    out = np.ones_like(x, dtype=float)
    inner = x > 0
    out[inner] = stats.beta.cdf(q[inner], x[inner], n[inner] - x[inner] + 1)
    return out


def _exact(p: np.ndarray, n: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    x = p * n
    low, high = np.zeros_like(p), np.ones_like(p)
    pos, notfull = x > 0, x < n
    low[pos] = stats.beta.ppf(alpha / 2, x[pos], n[pos] - x[pos] + 1)
    high[notfull] = stats.beta.ppf(1 - alpha / 2, x[notfull] + 1, n[notfull] - x[notfull])
    return low, high


def share_interval(
    p: np.ndarray,
    var_p: np.ndarray,
    n_eff: np.ndarray,
    q: np.ndarray,
    confidence: float,
    method: str = "log",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Interval (low, high) for the share ``p`` and the two-sided p-value of ``p = q``.

    ``var_p`` is the variance of ``p`` (used by ``log``), ``n_eff`` the (effective) sample
    size (used by ``wilson``, ``exact`` and the log method's fall-back). Entries where ``p``
    or ``n_eff`` is not finite, or ``n_eff`` ≤ 0, give NaN; the p-value is NaN where ``q`` is
    0 or 1 (nothing to test against).
    """
    if method not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}, not {method!r}")
    p, var_p, n_eff, q = (np.asarray(a, dtype=float) for a in (p, var_p, n_eff, q))
    p, var_p, n_eff, q = np.broadcast_arrays(p, var_p, n_eff, q)
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    alpha = 1 - confidence
    ok = np.isfinite(p) & np.isfinite(n_eff) & (n_eff > 0)
    low, high, pval = (np.full(p.shape, np.nan) for _ in range(3))
    testable = ok & np.isfinite(q) & (q > 0) & (q < 1)
    if method == "exact":
        lo, hi = _exact(p[ok], n_eff[ok], alpha)
        low[ok], high[ok] = lo, hi
        t = testable
        x, n, qq = p[t] * n_eff[t], n_eff[t], q[t]
        pval[t] = np.minimum(1.0, 2 * np.minimum(_below(x, n, qq), _above(x, n, qq)))
        return low, high, pval
    lo, hi = _wilson(p[ok], n_eff[ok], z)
    low[ok], high[ok] = lo, hi
    pval[testable] = _score_p(p[testable], n_eff[testable], q[testable])
    if method == "log":
        with np.errstate(divide="ignore", invalid="ignore"):
            se_log = np.sqrt(var_p) / p
        inner = ok & (p > 0) & (p < 1) & np.isfinite(se_log) & (se_log > 0)
        low[inner] = p[inner] * np.exp(-z * se_log[inner])
        high[inner] = p[inner] * np.exp(z * se_log[inner])
        t = inner & testable
        pval[t] = 2 * stats.norm.sf(np.abs(np.log(p[t] / q[t])) / se_log[t])
    return low, high, pval


def adjust_pvalues(p_values, method: str = "bh") -> np.ndarray:
    """Benjamini-Hochberg (``bh``) or Holm (``holm``) adjusted p-values (``none``: as given).

    NaN entries are not tested: they stay NaN and do not count in the family size. Matches R's
    ``p.adjust(p, "BH")`` and ``p.adjust(p, "holm")``.
    """
    if method not in ADJUSTMENTS:
        raise ValueError(f"adjustment must be one of {', '.join(ADJUSTMENTS)}, not {method!r}")
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    tested = np.flatnonzero(np.isfinite(p))
    m = len(tested)
    if m == 0:
        return out
    pt = p[tested]
    if method == "none":
        out[tested] = pt
        return out
    order = np.argsort(pt, kind="mergesort")
    ranked = pt[order]
    if method == "bh":
        adj = ranked * m / np.arange(1, m + 1)
        adj = np.minimum.accumulate(adj[::-1])[::-1]
    else:
        adj = np.maximum.accumulate(ranked * (m - np.arange(m)))
    adj = np.minimum(adj, 1.0)
    res = np.empty(m)
    res[order] = adj
    out[tested] = res
    return out
