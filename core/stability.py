"""Cluster stability by resampling, as in Hennig's ``clusterboot`` (R package fpc).

Are the clusters a feature of the areas, or of this particular set of areas? Each of B
resamples keeps a random 80 % of the areas (drawn without replacement: a bootstrap sample
would hold some areas twice, and k-means would weigh them double), clusters them afresh with
the same k by the best of a few independent k-means runs (``runs``, seeded from the resample;
as clusterboot runs R's ``kmeans`` with its own starts, whatever search made the full
solution: the question is how the clusters move with the data, not how hard the optimiser
looks), and is compared with the full solution on the areas the two share:

- overall, by the adjusted Rand index (ARI) between the two partitions;
- per cluster, by the Jaccard similarity between the full solution's cluster (restricted to
  the resample) and the most similar cluster of the resample's solution
  (|A ∩ B| / |A ∪ B|), averaged over the resamples: clusterboot's ``bootmean``.

Hennig's reading of the mean Jaccard: below 0.6 a cluster should not be trusted (it
dissolves), 0.6-0.75 it indicates a pattern but which areas belong is doubtful, 0.75 and
more it is stable, 0.85 and more highly stable. A cluster "dissolves" in a resample when its
Jaccard is 0.5 or less (clusterboot's ``bootbrd``).

This is not the repeatability of the search (:func:`core.diagnostics.search_repeatability`),
which only asks whether the optimiser finds the same optimum of the same data; that can be
near 1 on structureless noise, where resampling stability is low.

Every resample draws its areas and its k-means seed from a generator spawned from ``seed``;
resamples run side by side on threads (:func:`core.parallel.run_tasks`), each single-threaded,
so the same data and seed give the same figures on any number of cores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from .kmeans import IsCancelled, Progress, estimate_seconds
from .parallel import Task, run_tasks, worth_processes

RESAMPLES = 20  # clusterboot's default B is 100; 20 keep the run affordable (SE 0.03-0.06)
FRACTION = 0.8  # share of the areas in each resample (Ben-Hur et al. 2002; clusterboot "subset")
RESAMPLE_RUNS = 5  # optimiser runs per resample (the full solution's RUNS when fewer)
DISSOLVED = 0.5  # a cluster with Jaccard at most this in a resample has dissolved there
#: Lower bounds of Hennig's readings of the mean Jaccard, highest first.
READINGS = ((0.85, "highly stable"), (0.75, "stable"),
            (0.6, "a pattern, membership doubtful"), (-np.inf, "not stable (dissolves)"))
_STREAM = 0x5AB1E  # keeps the resample draws apart from the search's own use of the seed


def reading(jaccard: float) -> str:
    """Hennig's reading of a cluster's mean Jaccard ('highly stable' ... 'not stable')."""
    if not np.isfinite(jaccard):
        return "not assessed"
    return next(text for bound, text in READINGS if jaccard >= bound)


@dataclass
class Stability:
    """Resampling stability of one solution: per resample ARI and per cluster Jaccard."""

    ari: np.ndarray  # one per resample
    jaccard: np.ndarray  # resamples × k; NaN where a cluster had no area in the resample
    fraction: float
    runs: int
    seed: int
    sizes: np.ndarray = field(repr=False, default_factory=lambda: np.empty(0, dtype=int))

    @property
    def resamples(self) -> int:
        return len(self.ari)

    @property
    def mean_ari(self) -> float:
        return float(np.mean(self.ari)) if len(self.ari) else float("nan")

    @property
    def cluster_jaccard(self) -> np.ndarray:
        """Mean Jaccard of each cluster over the resamples in which it had areas."""
        J = self.jaccard
        seen = np.isfinite(J).sum(axis=0)
        total = np.where(np.isfinite(J), J, 0.0).sum(axis=0)
        return np.divide(total, seen, out=np.full(J.shape[1], np.nan), where=seen > 0)

    @property
    def dissolved(self) -> np.ndarray:
        """How many resamples each cluster dissolved in (Jaccard at most 0.5, or absent)."""
        return (~(self.jaccard > DISSOLVED)).sum(axis=0)

    @property
    def weakest(self) -> float:
        """The lowest mean Jaccard of any cluster."""
        j = self.cluster_jaccard
        return float(np.nanmin(j)) if np.isfinite(j).any() else float("nan")

    def stable_clusters(self, bound: float = 0.75) -> int:
        """How many clusters have a mean Jaccard of at least ``bound`` (0.75: 'stable')."""
        return int((self.cluster_jaccard >= bound).sum())

    def summary(self) -> dict:
        """JSON-ready figures (for the model file): NaN written as null."""
        def num(v: float) -> float | None:
            return float(v) if np.isfinite(v) else None
        return {"method": "subsample without replacement (clusterboot 'subset')",
                "resamples": self.resamples, "fraction": self.fraction, "runs": self.runs,
                "seed": self.seed, "mean_ari": num(self.mean_ari),
                "cluster_jaccard": [num(v) for v in self.cluster_jaccard],
                "times_dissolved": [int(v) for v in self.dissolved]}

    def table(self, codes: list[str] | None = None) -> pd.DataFrame:
        """One row per cluster: code, size, mean Jaccard, times dissolved, reading."""
        k = self.jaccard.shape[1]
        codes = codes or [str(c + 1) for c in range(k)]
        j = self.cluster_jaccard
        return pd.DataFrame({"cluster": codes, "size": self.sizes.astype("int64"),
                             "jaccard": j, "dissolved": self.dissolved.astype("int64"),
                             "reading": [reading(v) for v in j]})


def cluster_jaccard(full: np.ndarray, part: np.ndarray, k: int) -> np.ndarray:
    """For each of the ``k`` clusters of ``full``, the largest Jaccard similarity with a
    cluster of ``part`` (both labellings of the same areas); NaN for a cluster with no area."""
    k_part = int(part.max()) + 1 if len(part) else 0
    M = np.zeros((k, max(k_part, 1)))
    np.add.at(M, (full, part), 1.0)
    union = M.sum(axis=1)[:, None] + M.sum(axis=0)[None, :] - M
    J = np.divide(M, union, out=np.zeros_like(M), where=union > 0).max(axis=1)
    J[M.sum(axis=1) == 0] = np.nan
    return J


def resample_tasks(
    X: np.ndarray, labels: np.ndarray, k: int, resamples: int = RESAMPLES,
    fraction: float = FRACTION, runs: int = RESAMPLE_RUNS, seed: int = 1,
    strategy: str = "best-of-runs",
) -> list[Task]:
    """One task per resample (for :func:`core.parallel.run_tasks`), each returning the
    resample's (ARI, per-cluster Jaccard) against ``labels``. See :func:`summarise`. The
    tasks are picklable (they may run in worker processes)."""
    X = np.ascontiguousarray(X, dtype=float)
    labels = np.asarray(labels)
    n = X.shape[0]
    m = min(n, max(k, int(round(fraction * n))))
    seqs = np.random.SeedSequence([int(seed), _STREAM, int(k)]).spawn(resamples)
    return [partial(_resample, X, labels, k, m, runs, strategy, s) for s in seqs]


def _resample(X: np.ndarray, labels: np.ndarray, k: int, m: int, runs: int, strategy: str,
              seq: np.random.SeedSequence, report: Progress, stop: IsCancelled):
    """One resample of :func:`resample_tasks` (module level, so it can run in a process)."""
    from .search import classify

    rng = np.random.default_rng(seq)
    rows = np.sort(rng.choice(X.shape[0], m, replace=False))
    run_seed = int(rng.integers(2**31 - 1))
    res = classify(X[rows], k, runs=runs, seed=run_seed, strategy=strategy,
                   progress=report, cancelled=stop, workers=1)
    full = labels[rows]
    return adjusted_rand_score(full, res.labels), cluster_jaccard(full, res.labels, k)


def summarise(outputs: list, labels: np.ndarray, k: int, fraction: float = FRACTION,
              runs: int = RESAMPLE_RUNS, seed: int = 1) -> Stability:
    """The :class:`Stability` from the results of :func:`resample_tasks`."""
    ari = np.array([a for a, _ in outputs], dtype=float)
    jac = np.array([j for _, j in outputs], dtype=float).reshape(len(outputs), k)
    return Stability(ari, jac, fraction, runs, int(seed),
                     np.bincount(np.asarray(labels), minlength=k))


def resampling_stability(
    X: np.ndarray, labels: np.ndarray, k: int, resamples: int = RESAMPLES,
    fraction: float = FRACTION, runs: int = RESAMPLE_RUNS, seed: int = 1,
    strategy: str = "best-of-runs", progress: Progress | None = None,
    cancelled: IsCancelled | None = None, workers: int | None = None,
    processes: bool | None = None,
) -> Stability:
    """Stability of the partition ``labels`` of ``X`` into ``k`` clusters over ``resamples``
    subsamples of ``fraction`` of the rows, each clustered with ``runs`` runs of ``strategy``.

    Resamples run on ``workers`` cores (default: all; the figures do not depend on how many),
    in worker processes when the work is long (:func:`core.parallel.worth_processes`;
    ``processes`` forces the choice), else in threads. ``progress(f)`` and ``cancelled()``
    are called in this thread.
    """
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1 (got {resamples})")
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1] (got {fraction})")
    tasks = resample_tasks(X, labels, k, resamples, fraction, runs, seed, strategy)
    if processes is None:
        m = max(k, int(round(fraction * len(X))))
        processes = worth_processes(
            resamples * estimate_seconds(m, k, np.shape(X)[1], runs, strategy),
            np.asarray(X).nbytes)
    outputs = run_tasks(tasks, workers, progress, cancelled, processes)
    return summarise(outputs, labels, k, fraction, runs, seed)


def stability_chart(table: pd.DataFrame, per_k: dict[int, Stability]):
    """Mean ARI against k with each cluster's mean Jaccard as a dot, on Hennig's bands."""
    from .charts import new_figure

    fig = new_figure(8, 4.5)
    ax = fig.add_subplot(1, 1, 1)
    for lo, hi, colour in ((0, 0.6, "#f4cccc"), (0.6, 0.75, "#fce5cd"),
                           (0.75, 0.85, "#d9ead3"), (0.85, 1.02, "#b6d7a8")):
        ax.axhspan(lo, hi, color=colour, alpha=0.6, zorder=0)
    for k, st in sorted(per_k.items()):
        j = st.cluster_jaccard
        ax.scatter([k] * len(j), j, s=18, color="#555555", zorder=3,
                   label="mean Jaccard of a cluster" if k == min(per_k) else None)
    ax.plot(table["k"], table["stability"], marker="o", color="#1f77b4", zorder=4,
            label="mean ARI with the full solution")
    ax.set_ylim(min(0.0, float(np.nanmin(table["stability"])) - 0.05), 1.02)
    ax.set_xticks(list(table["k"]))
    ax.set_xlabel("number of clusters k")
    ax.set_ylabel("similarity over resamples")
    ax.set_title("Cluster stability (green: stable ≥ 0.75; red: dissolves < 0.6)", fontsize=10)
    ax.legend(loc="lower left", fontsize=8)
    ax.grid(alpha=0.3)
    return fig
