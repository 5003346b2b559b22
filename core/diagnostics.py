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
    silhouette_score,
)

from .kmeans import KMeansResult

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


def scores(X: np.ndarray, result: KMeansResult, seed: int = 1) -> dict:
    """Validity indices of one solution (silhouette on a seeded sample for large inputs)."""
    k = len(result.sizes)
    row = {"k": k, "total_wcss": result.total_wcss, "smallest": int(result.sizes.min()),
           "largest": int(result.sizes.max()), "stability": stability(result)}
    if 1 < k < X.shape[0]:
        size = min(SILHOUETTE_SAMPLE, X.shape[0]) if X.shape[0] > SILHOUETTE_SAMPLE else None
        row["silhouette"] = float(silhouette_score(X, result.labels, sample_size=size,
                                                   random_state=seed))
        row["calinski_harabasz"] = float(calinski_harabasz_score(X, result.labels))
        row["davies_bouldin"] = float(davies_bouldin_score(X, result.labels))
    else:
        row.update(silhouette=np.nan, calinski_harabasz=np.nan, davies_bouldin=np.nan)
    return row


def compare_k(
    X: np.ndarray, k_values, runs: int = 100, seed: int = 1, progress=None, cancelled=None,
    strategy: str = "search",
) -> KComparison:
    """Run k-means for every k (see :func:`search.classify`) and score each solution."""
    from .search import classify

    k_values = list(k_values)
    rows, labels = [], {}
    for i, k in enumerate(k_values):
        def sub(f, i=i):
            if progress:
                progress((i + f) / len(k_values))
        res = classify(X, k, runs=runs, seed=seed, strategy=strategy, progress=sub,
                       cancelled=cancelled)
        rows.append(scores(X, res, seed))
        labels[k] = res.labels
    return KComparison(pd.DataFrame(rows)[COLUMNS], labels)
