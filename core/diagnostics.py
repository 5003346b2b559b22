"""Compare k-means solutions across k (step 5): WCSS, cluster validity indices, resampling
stability (:mod:`core.stability`) and the repeatability of the search."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
)

from .errors import RunCancelled
from .kmeans import KMeansResult, cluster_wcss, estimate_seconds
from .parallel import run_tasks, run_tasks_where, worth_processes
from .search import classify_task
from .silhouette import mean_silhouettes, sample_rows
from .stability import FRACTION, RESAMPLE_RUNS, RESAMPLES, Stability, resample_tasks, summarise

SILHOUETTE_SAMPLE = 10_000

COLUMNS = ["k", "total_wcss", "silhouette", "calinski_harabasz", "davies_bouldin",
           "smallest", "largest", "stability", "weakest_jaccard", "stable_clusters",
           "search_repeatability", "searches", "distinct_optima", "best_reached"]


@dataclass
class KComparison:
    """A table of scores per k, the best labels of each k (for the clustergram) and the
    resampling stability of each k (empty when it was not measured)."""

    table: pd.DataFrame
    labels: dict[int, np.ndarray]
    stability: dict[int, Stability] = field(default_factory=dict)
    ran_in: str = "serial"  # where the values of k ran: "processes", "threads" or "serial"


def search_repeatability(result: KMeansResult) -> float:
    """Repeatability of the search: the mean adjusted Rand index between the best solutions
    of the differently seeded batches of runs on the same data.

    It says whether the optimiser finds the same optimum again, not whether the clusters
    are real: it can be near 1 on structureless noise and rises with RUNS. For cluster
    stability see :mod:`core.stability`."""
    sols = result.batch_labels
    if len(sols) < 2:
        return float("nan")
    return float(np.mean([adjusted_rand_score(a, b) for a, b in combinations(sols, 2)]))


def silhouettes(X: np.ndarray, labelings: list[np.ndarray], seed: int = 1) -> list[float]:
    """Mean silhouette of each labelling, on the same seeded sample of rows for large inputs."""
    rows = sample_rows(X.shape[0], SILHOUETTE_SAMPLE, seed)
    return mean_silhouettes(X[rows], [np.asarray(lab)[rows] for lab in labelings])


def scores(X: np.ndarray, result: KMeansResult, seed: int = 1,
           silhouette: float | None = None, stability: Stability | None = None) -> dict:
    """Validity indices of one solution (silhouette on a seeded sample for large inputs;
    pass ``silhouette`` when it is already known), with its resampling ``stability`` when
    measured (else NaN)."""
    k = len(result.sizes)
    row = {"k": k, "total_wcss": result.total_wcss, "smallest": int(result.sizes.min()),
           "largest": int(result.sizes.max()),
           "stability": stability.mean_ari if stability else np.nan,
           "weakest_jaccard": stability.weakest if stability else np.nan,
           "stable_clusters": stability.stable_clusters() if stability else np.nan,
           "search_repeatability": search_repeatability(result),
           "searches": result.searches, "distinct_optima": result.distinct_optima,
           "best_reached": result.best_reached}
    if 1 < k < X.shape[0]:
        if silhouette is None:
            silhouette = silhouettes(X, [result.labels], seed)[0]
        row["silhouette"] = float(silhouette)
        row["calinski_harabasz"] = float(calinski_harabasz_score(X, result.labels))
        row["davies_bouldin"] = float(davies_bouldin_score(X, result.labels))
    else:
        row.update(silhouette=np.nan, calinski_harabasz=np.nan, davies_bouldin=np.nan)
    return row


def use_processes(X: np.ndarray, k_total: int, runs: int, strategy: str) -> bool:
    """Whether compare-k's work is long enough, and its input small enough, for worker
    processes (:func:`core.parallel.worth_processes`)."""
    return worth_processes(estimate_seconds(X.shape[0], k_total, X.shape[1], runs, strategy),
                           X.nbytes)


def _restated(X: np.ndarray, res: KMeansResult) -> KMeansResult:
    """``res`` with its centres and WCSS computed from its labels in this process."""
    centres, w = cluster_wcss(X, res.labels, len(res.sizes))
    return replace(res, centres=centres, wcss=w, total_wcss=float(w.sum()))


def compare_k(
    X: np.ndarray, k_values, runs: int = 100, seed: int = 1, progress=None, cancelled=None,
    strategy: str = "search", workers: int | None = None, resamples: int = RESAMPLES,
    resample_runs: int = RESAMPLE_RUNS, fraction: float = FRACTION,
    processes: bool | None = None,
) -> KComparison:
    """Run k-means for every k (see :func:`search.classify`) and score each solution.

    The values of k run side by side on ``workers`` cores (default: all; the results do not
    depend on it), in worker processes when the work is long enough to repay starting them
    (:func:`use_processes`; ``processes`` forces the choice), else in threads. Then each
    solution's resampling stability is measured (:mod:`core.stability`: ``resamples``
    subsamples of ``fraction`` of the rows, each clustered with ``min(resample_runs, runs)``
    runs; ``resamples=0`` skips it), all the resamples of all k side by side. The silhouettes
    of all k are computed together at the end (the pairwise distances are shared); that step
    takes the last 5 % of the progress.
    """
    X = np.ascontiguousarray(X, dtype=float)
    k_values = list(k_values)
    if processes is None:
        processes = use_processes(X, sum(k_values), runs, strategy)
    r_runs = max(1, min(resample_runs, runs))
    # share of the progress bar before the silhouettes taken by the first k-means runs
    first = runs / (runs + resamples * r_runs * fraction) if resamples > 0 else 1.0
    order = sorted(range(len(k_values)), key=lambda i: -k_values[i])  # longest first
    tasks = [partial(classify_task, X, k_values[i], runs, seed, strategy) for i in order]
    done, ran_in = run_tasks_where(
        tasks, workers, progress and (lambda f: progress(0.95 * first * f)), cancelled, processes)
    # Each solution's centres and WCSS restated here from its labels: a worker process sums
    # in its own memory layout, and may differ from a thread in the last bit.
    results = [_restated(X, done[order.index(i)]) for i in range(len(k_values))]
    if cancelled and cancelled():
        raise RunCancelled()
    stab: dict[int, Stability] = {}
    if resamples > 0:
        per_k = [resample_tasks(X, r.labels, k, resamples, fraction, r_runs, seed)
                 for k, r in zip(k_values, results)]
        outputs = run_tasks(
            [t for ts in per_k for t in ts], workers,
            progress and (lambda f: progress(0.95 * (first + (1 - first) * f))), cancelled,
            processes)
        for i, (k, r) in enumerate(zip(k_values, results)):
            stab[k] = summarise(outputs[i * resamples:(i + 1) * resamples], r.labels, k,
                                fraction, r_runs, seed)
    scored = [r for r in results if 1 < len(r.sizes) < X.shape[0]]
    sil = dict(zip([id(r) for r in scored], silhouettes(X, [r.labels for r in scored], seed)))
    rows = [scores(X, r, seed, sil.get(id(r), np.nan), stab.get(k))
            for k, r in zip(k_values, results)]
    if progress:
        progress(1.0)
    return KComparison(pd.DataFrame(rows)[COLUMNS],
                       {r_k: r.labels for r_k, r in zip(k_values, results)}, stab, ran_in)
