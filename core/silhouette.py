"""Mean silhouette widths of several partitions of the same areas in one pass.

The pairwise distances do not depend on k, so comparing k=2..15 needs them once, not once per
k as repeated :func:`sklearn.metrics.silhouette_score` calls do. Rows are processed in chunks:
each chunk's distances to all rows are multiplied by the one-hot membership of every
partition at once, giving each row's summed distance to every cluster of every partition.
The values equal scikit-learn's (same definition: a single-member cluster scores 0).
"""

from __future__ import annotations

import numpy as np

CHUNK_BYTES = 64 * 2**20  # distance block held at once


def sample_rows(n: int, size: int | None, seed: int) -> np.ndarray:
    """The rows scored: all of them, or a seeded random ``size`` of them in order."""
    if size is None or n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size, replace=False))


def mean_silhouettes(X: np.ndarray, partitions: list[np.ndarray]) -> list[float]:
    """Mean silhouette width of each partition (labels 0..k-1) of the rows of ``X``.

    NaN for a partition with fewer than two occupied clusters (the width is undefined).
    """
    X = np.ascontiguousarray(X, dtype=float)
    m = X.shape[0]
    parts = [np.asarray(p, dtype=np.intp) for p in partitions]
    widths = [int(p.max()) + 1 if m else 0 for p in parts]
    offsets = np.r_[0, np.cumsum(widths)].astype(int)
    onehot = np.zeros((m, offsets[-1]))
    for p, off in zip(parts, offsets):
        onehot[np.arange(m), off + p] = 1.0
    sizes = onehot.sum(axis=0)
    x_sq = np.einsum("ij,ij->i", X, X)
    totals = np.zeros(len(parts))
    step = max(1, CHUNK_BYTES // (8 * max(m, 1)))
    for lo in range(0, m, step):
        hi = min(m, lo + step)
        d = x_sq[lo:hi, None] - 2.0 * (X[lo:hi] @ X.T) + x_sq[None, :]
        np.maximum(d, 0.0, out=d)
        np.sqrt(d, out=d)
        d[np.arange(hi - lo), np.arange(lo, hi)] = 0.0  # a row's distance to itself
        sums = d @ onehot  # summed distance to every cluster of every partition
        rows = np.arange(hi - lo)
        for j, (p, off, w) in enumerate(zip(parts, offsets, widths)):
            own = p[lo:hi]
            n_own = sizes[off + own]
            block = sums[:, off:off + w]
            with np.errstate(divide="ignore", invalid="ignore"):
                a = block[rows, own] / (n_own - 1)
                mean_to = block / sizes[off:off + w]
            mean_to[rows, own] = np.inf
            mean_to[:, sizes[off:off + w] == 0] = np.inf
            b = mean_to.min(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                s = (b - a) / np.maximum(a, b)
            s[n_own <= 1] = 0.0
            totals[j] += np.nan_to_num(s).sum()
    out = []
    for j, (off, w) in enumerate(zip(offsets, widths)):
        occupied = int((sizes[off:off + w] > 0).sum())
        out.append(float(totals[j] / m) if 1 < occupied < m else float("nan"))
    return out
