"""Compare k-means solutions across k (step 5): WCSS, cluster validity indices, stability."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
)

from .errors import RunCancelled
from .kmeans import KMeansResult
from .parallel import run_tasks
from .silhouette import mean_silhouettes, sample_rows

SILHOUETTE_SAMPLE = 10_000

COLUMNS = ["k", "total_wcss", "silhouette", "calinski_harabasz", "davies_bouldin",
           "smallest", "largest", "stability"]


@dataclass
class KComparison:
    """A table of scores per k and the best labels of each k (for the clustergram)."""

    table: pd.DataFrame
    labels: dict[int, np.ndarray]


def stability(result: KMeansResult) -> float:
    """Mean adjusted Rand index between the best solutions of the differently seeded batches."""
    sols = result.batch_labels
    if len(sols) < 2:
        return float("nan")
    return float(np.mean([adjusted_rand_score(a, b) for a, b in combinations(sols, 2)]))


def silhouettes(X: np.ndarray, labelings: list[np.ndarray], seed: int = 1) -> list[float]:
    """Mean silhouette of each labelling, on the same seeded sample of rows for large inputs."""
    rows = sample_rows(X.shape[0], SILHOUETTE_SAMPLE, seed)
    return mean_silhouettes(X[rows], [np.asarray(lab)[rows] for lab in labelings])


def scores(X: np.ndarray, result: KMeansResult, seed: int = 1,
           silhouette: float | None = None) -> dict:
    """Validity indices of one solution (silhouette on a seeded sample for large inputs;
    pass ``silhouette`` when it is already known)."""
    k = len(result.sizes)
    row = {"k": k, "total_wcss": result.total_wcss, "smallest": int(result.sizes.min()),
           "largest": int(result.sizes.max()), "stability": stability(result)}
    if 1 < k < X.shape[0]:
        if silhouette is None:
            silhouette = silhouettes(X, [result.labels], seed)[0]
        row["silhouette"] = float(silhouette)
        row["calinski_harabasz"] = float(calinski_harabasz_score(X, result.labels))
        row["davies_bouldin"] = float(davies_bouldin_score(X, result.labels))
    else:
        row.update(silhouette=np.nan, calinski_harabasz=np.nan, davies_bouldin=np.nan)
    return row


def compare_k(
    X: np.ndarray, k_values, runs: int = 100, seed: int = 1, progress=None, cancelled=None,
    strategy: str = "search", workers: int | None = None,
) -> KComparison:
    """Run k-means for every k (see :func:`search.classify`) and score each solution.

    The values of k run side by side on ``workers`` threads (default: the number of cores;
    the results do not depend on it). The silhouettes of all k are computed together at the
    end (the pairwise distances are shared); that step takes the last 5 % of the progress.
    """
    from .search import classify

    X = np.ascontiguousarray(X, dtype=float)
    k_values = list(k_values)
    order = sorted(range(len(k_values)), key=lambda i: -k_values[i])  # longest first
    tasks = [lambda report, stop, k=k_values[i]: classify(
        X, k, runs=runs, seed=seed, strategy=strategy, progress=report, cancelled=stop, workers=1)
        for i in order]
    done = run_tasks(tasks, workers, progress and (lambda f: progress(0.95 * f)), cancelled)
    results = [done[order.index(i)] for i in range(len(k_values))]
    if cancelled and cancelled():
        raise RunCancelled()
    scored = [r for r in results if 1 < len(r.sizes) < X.shape[0]]
    sil = dict(zip([id(r) for r in scored], silhouettes(X, [r.labels for r in scored], seed)))
    rows = [scores(X, r, seed, sil.get(id(r), np.nan)) for r in results]
    if progress:
        progress(1.0)
    return KComparison(pd.DataFrame(rows)[COLUMNS], {r_k: r.labels
                                                      for r_k, r in zip(k_values, results)})
