"""Step 5 of the method: k-means that reaches the solutions R's Hartigan-Wong reaches.

Each run starts from k-means++ (or R-style random rows), converges with Lloyd's
batch updates, then finishes with Hartigan's single-point moves: a point moves
from cluster a to b when n_b/(n_b+1)·|x−c_b|² < n_a/(n_a−1)·|x−c_a|², which
lowers the total within-cluster sum of squares (WCSS) even when Lloyd is stuck.
A Hartigan-stable solution is also Lloyd-stable, so the finish only ever helps.
The best of `runs` runs (lowest total WCSS) is kept. Every random step draws from
a generator spawned from `seed`, so the same data and seed give the same clusters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .errors import RunCancelled, SegmentationError
from .parallel import run_tasks

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]

INITS = ("k-means++", "random")
REFINES = ("hartigan", "lloyd")


@dataclass
class KMeansResult:
    """The best solution of a batch of runs; labels are 0-based, largest cluster first."""

    labels: np.ndarray
    centres: np.ndarray
    sizes: np.ndarray
    wcss: np.ndarray  # per cluster
    total_wcss: float
    runs: int
    seed: int
    run_wcss: np.ndarray = field(repr=False, default_factory=lambda: np.empty(0))
    batch_labels: list[np.ndarray] = field(repr=False, default_factory=list)

    @property
    def searches(self) -> int:
        """How many local optima ``run_wcss`` holds (runs, or the search's local searches)."""
        return len(self.run_wcss)

    @property
    def distinct_optima(self) -> int:
        """How many different WCSS values (to 1e-10, relative) those local optima have."""
        values = np.sort(np.asarray(self.run_wcss, dtype=float))
        if values.size == 0:
            return 0
        steps = np.diff(values) > 1e-10 * np.maximum(np.abs(values[1:]), 1e-300)
        return int(1 + steps.sum())

    @property
    def best_reached(self) -> int:
        """How many of those local optima reached the kept solution's WCSS (to 1e-10)."""
        values = np.asarray(self.run_wcss, dtype=float)
        return int((np.abs(values - self.total_wcss)
                    <= 1e-10 * max(abs(self.total_wcss), 1e-300)).sum())


def check_k(n: int, k: int) -> None:
    """Refuse impossible numbers of clusters."""
    if k < 1:
        raise SegmentationError(f"The number of clusters K must be at least 1 (got {k}).")
    if k > n:
        raise SegmentationError(
            f"K={k} is larger than the number of areas ({n}): each cluster needs an area."
        )


#: Seconds per run per area × cluster × variable, measured on 2 cores: the 'search' strategy
#: (its genetic search on up to 10,000 areas, about 4e-8 on 553-3,000 areas under load; its
#: sample search on at most 25,000 sampled areas above that) and a Hartigan-finished run.
_SECONDS_PER_UNIT = {"search": 4e-8, "best-of-runs": 1.5e-7}
_SEARCH_SAMPLE = 25_000


def estimate_seconds(n: int, k: int, d: int, runs: int, strategy: str = "search") -> float:
    """Rough time of `runs` k-means runs on n areas × d variables into k clusters."""
    per = _SECONDS_PER_UNIT.get(strategy, _SECONDS_PER_UNIT["best-of-runs"])
    areas = min(n, _SEARCH_SAMPLE) if strategy == "search" else n
    return per * runs * areas * k * d


def _sq_dist(X: np.ndarray, x_sq: np.ndarray, C: np.ndarray) -> np.ndarray:
    d = x_sq[:, None] - 2.0 * (X @ C.T) + np.einsum("ij,ij->i", C, C)[None, :]
    np.maximum(d, 0.0, out=d)
    return d


def _init_plusplus(X: np.ndarray, x_sq: np.ndarray, k: int, rng: np.random.Generator):
    n = X.shape[0]
    trials = 2 + int(np.log(k))
    centres = np.empty((k, X.shape[1]))
    first = rng.integers(n)
    centres[0] = X[first]
    closest = _sq_dist(X, x_sq, centres[:1])[:, 0]
    for c in range(1, k):
        total = closest.sum()
        if total <= 0:
            centres[c:] = X[rng.choice(n, k - c, replace=False)]
            break
        cand = np.searchsorted(np.cumsum(closest), rng.random(trials) * total)
        cand = np.minimum(cand, n - 1)
        d = _sq_dist(X, x_sq, X[cand])
        pot = np.minimum(closest[:, None], d).sum(axis=0)
        best = int(np.argmin(pot))
        centres[c] = X[cand[best]]
        closest = np.minimum(closest, d[:, best])
    return centres


def _init_random(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    return X[rng.choice(X.shape[0], k, replace=False)].copy()


def _centres(X: np.ndarray, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    sizes = np.bincount(labels, minlength=k).astype(float)
    onehot = np.zeros((k, X.shape[0]))
    onehot[labels, np.arange(X.shape[0])] = 1.0
    sums = onehot @ X
    return sums, sizes


def lloyd(
    X: np.ndarray, centres: np.ndarray, x_sq: np.ndarray | None = None, max_iter: int = 300
) -> np.ndarray:
    """Lloyd iterations from `centres` until no label changes; returns labels."""
    k = centres.shape[0]
    if x_sq is None:
        x_sq = np.einsum("ij,ij->i", X, X)
    labels = None
    C = centres
    for _ in range(max_iter):
        d = _sq_dist(X, x_sq, C)
        new = d.argmin(axis=1)
        sizes = np.bincount(new, minlength=k)
        for empty in np.flatnonzero(sizes == 0):  # give an empty cluster the worst-fitted point
            far = int(np.argmax(d[np.arange(len(new)), new]))
            d[far, :] = np.inf
            new[far] = empty
            sizes = np.bincount(new, minlength=k)
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        sums, sizes = _centres(X, labels, k)
        C = sums / sizes[:, None]
    return labels


@dataclass
class HartiganOutcome:
    """Labels after Hartigan's moves, and whether they reached a fixed point."""

    labels: np.ndarray
    passes: int
    converged: bool  # False: stopped at ``max_passes`` with moves still possible
    nearer_other: int  # areas (not alone in their cluster) nearer another cluster's centre


def _move_costs(D: np.ndarray, sizes: np.ndarray, labels: np.ndarray, rows: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Hartigan's costs from squared distances ``D`` (cluster by area) to the centres: what
    each area's removal saves (−inf when alone in its cluster) and what adding it to each
    other cluster costs (cluster by area; inf for its own)."""
    own = labels * D.shape[1] + rows
    own_n = sizes[labels]
    with np.errstate(divide="ignore", invalid="ignore"):
        remove = np.take(D, own) * (own_n / (own_n - 1.0))
    remove[own_n <= 1] = -np.inf  # an area alone in its cluster stays
    add = D * (sizes / (sizes + 1.0))[:, None]
    np.put(add, own, np.inf)  # flat indices as on a C-ordered array, whatever D's layout
    return remove, add


def hartigan_moves(
    X: np.ndarray, labels: np.ndarray, k: int, max_passes: int | None = None,
    x_sq: np.ndarray | None = None, XT: np.ndarray | None = None,
) -> HartiganOutcome:
    """Hartigan single-point moves until none lowers the WCSS (or ``max_passes`` passes).

    Every move lowers the total WCSS by more than ``1e-12`` × the mean squared norm of the
    rows, so without ``max_passes`` the moves always end, at a fixed point: no single move
    lowers the WCSS by more than that, and no area (unless alone in its cluster) is nearer
    another centre than its own. With ``max_passes`` the outcome says whether it got there.

    Each pass screens every area at once (distances kept cluster by area, only the moved
    centres' rows recomputed), then tries the areas that gain, best first, each with the
    centres as they are after the moves before it. ``x_sq`` (squared norms of the rows) and
    ``XT`` (``X`` transposed, contiguous) may be passed in when the caller has them.
    """
    labels = labels.copy()
    n = X.shape[0]
    if x_sq is None:
        x_sq = np.einsum("ij,ij->i", X, X)
    if XT is None:
        XT = np.ascontiguousarray(X.T)
    sums, sizes = _centres(X, labels, k)
    cent = sums / np.maximum(sizes, 1)[:, None]
    c_sq = np.einsum("ij,ij->i", cent, cent)
    rows = np.arange(n)
    tol = 1e-12 * (float(x_sq.mean()) + 1e-300)
    D = np.empty((k, n))  # squared distance of every area (column) to every centre (row)
    changed = np.ones(k, dtype=bool)
    add_factor = sizes / (sizes + 1.0)  # n_b / (n_b + 1)
    passes, converged = 0, False
    while max_passes is None or passes < max_passes:
        passes += 1
        cols = np.flatnonzero(changed)
        Dc = (-2.0 * cent[cols]) @ XT  # scaling by 2 is exact
        Dc += c_sq[cols, None]
        Dc += x_sq[None, :]
        np.maximum(Dc, 0.0, out=Dc)
        D[cols] = Dc
        changed[:] = False
        remove, add = _move_costs(D, sizes, labels, rows)
        gain = remove - add.min(axis=0)
        cand = np.flatnonzero(gain > tol)
        if cand.size == 0:
            converged = True
            break
        moved = 0
        size = sizes.tolist()
        for i in cand[np.argsort(-gain[cand], kind="stable")].tolist():
            a = int(labels[i])
            n_a = size[a]
            if n_a <= 1:
                continue
            x = X[i]
            dist = c_sq - 2.0 * (cent @ x) + x_sq[i]
            cost = dist * add_factor
            cost[a] = np.inf
            b = int(cost.argmin())
            if float(cost[b]) < float(dist[a]) * n_a / (n_a - 1.0) - tol:
                n_b = size[b]
                sums[a] -= x
                sums[b] += x
                size[a], size[b] = n_a - 1, n_b + 1
                sizes[a], sizes[b] = n_a - 1, n_b + 1
                cent[a] = sums[a] / (n_a - 1)
                cent[b] = sums[b] / (n_b + 1)
                c_sq[a] = cent[a] @ cent[a]
                c_sq[b] = cent[b] @ cent[b]
                add_factor[a] = (n_a - 1) / n_a
                add_factor[b] = (n_b + 1) / (n_b + 2.0)
                labels[i] = b
                changed[a] = changed[b] = True
                moved += 1
        if moved == 0:
            converged = True
            break
    # At a fixed point no area is nearer another centre (see the docstring): count only if not.
    nearer = 0 if converged else nearer_other(X, labels, k)
    return HartiganOutcome(labels, passes, converged, nearer)


def hartigan(X: np.ndarray, labels: np.ndarray, k: int, x_sq: np.ndarray | None = None,
             XT: np.ndarray | None = None) -> np.ndarray:
    """Labels at a Hartigan fixed point reached from ``labels`` (see :func:`hartigan_moves`)."""
    return hartigan_moves(X, labels, k, x_sq=x_sq, XT=XT).labels


def hartigan_batched(X: np.ndarray, labels: np.ndarray, k: int,
                     x_sq: np.ndarray | None = None) -> np.ndarray:
    """Labels at a Hartigan fixed point (as :func:`hartigan`), reached by moving many areas
    at once: every area's best single move is computed together, and the improving ones are
    applied as one batch when the batch lowers the WCSS by at least half their summed gains
    (else the better half is tried, down to the single best move, which always lowers it).
    It stops where :func:`hartigan_moves` does: when no single move lowers the WCSS by more
    than ``1e-12`` × the mean squared norm of the rows. Deterministic (no random step); the
    fixed point reached may differ from the one-at-a-time order's.
    """
    labels = labels.copy()
    if x_sq is None:
        x_sq = np.einsum("ij,ij->i", X, X)
    sums, sizes = _centres(X, labels, k)
    n = X.shape[0]
    rows = np.arange(n)
    tol = 1e-12 * (float(x_sq.mean()) + 1e-300)
    d, changed = None, np.zeros(k, dtype=bool)
    while True:
        C = sums / np.maximum(sizes, 1)[:, None]
        if d is None or changed.sum() > k // 2:
            d = _sq_dist(X, x_sq, C)
        else:  # only the centres that moved: late batches move few areas
            cols = np.flatnonzero(changed)
            d[:, cols] = _sq_dist(X, x_sq, C[cols])
        changed[:] = False
        remove, add = _move_costs(d.T, sizes, labels, rows)
        to = add.argmin(axis=0)
        gain = remove - add[to, rows]
        cand = np.flatnonzero(gain > tol)
        if cand.size == 0:
            return labels
        cand = cand[np.argsort(-gain[cand], kind="stable")]
        # No cluster may lose all its areas: keep, per cluster, its best sizes - 1 leavers.
        src = labels[cand]
        by_src = np.argsort(src, kind="stable")
        starts = np.searchsorted(src[by_src], np.arange(k))
        rank = np.empty(cand.size, dtype=np.intp)
        rank[by_src] = np.arange(cand.size) - starts[src[by_src]]
        cand = cand[rank < sizes[src] - 1]
        m = cand.size
        while m > 1:
            mv = cand[:m]
            a, b = labels[mv], to[mv]
            new_sums = sums.copy()
            np.add.at(new_sums, b, X[mv])
            np.subtract.at(new_sums, a, X[mv])
            new_sizes = sizes + np.bincount(b, minlength=k) - np.bincount(a, minlength=k)
            ch = np.flatnonzero(np.bincount(np.concatenate([a, b]), minlength=k))
            before = (np.einsum("ij,ij->i", sums[ch], sums[ch]) / sizes[ch]).sum()
            after = (np.einsum("ij,ij->i", new_sums[ch], new_sums[ch]) / new_sizes[ch]).sum()
            if after - before >= 0.5 * gain[mv].sum():  # the WCSS falls by after - before
                sums, sizes = new_sums, new_sizes.astype(float)
                labels[mv] = b
                changed[ch] = True
                break
            m //= 2
        else:  # the single best move: its gain is exact
            i = cand[0]
            a, b = labels[i], to[i]
            sums[a] -= X[i]
            sums[b] += X[i]
            sizes[a] -= 1
            sizes[b] += 1
            labels[i] = b
            changed[a] = changed[b] = True


def nearer_other(X: np.ndarray, labels: np.ndarray, k: int) -> int:
    """How many areas, not alone in their cluster, are nearer another cluster's centre."""
    centres, _ = cluster_wcss(X, labels, k)
    d = _sq_dist(X, np.einsum("ij,ij->i", X, X), centres)
    own = d[np.arange(len(labels)), labels]
    sizes = np.bincount(labels, minlength=k)
    scale = 1e-12 * (float(np.einsum("ij,ij->", X, X)) / max(len(X), 1) + 1e-300)
    return int(((d.min(axis=1) < own - scale) & (sizes[labels] > 1)).sum())


def cluster_wcss(X: np.ndarray, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Centres and within-cluster sums of squares, computed directly (no expansion error)."""
    sums, sizes = _centres(X, labels, k)
    centres = sums / np.maximum(sizes, 1)[:, None]
    resid = X - centres[labels]
    w = np.bincount(labels, weights=np.einsum("ij,ij->i", resid, resid), minlength=k)
    return centres, w


def canonical_order(X: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Relabel so cluster 0 is the largest; ties broken by the centre's coordinates."""
    centres, _ = cluster_wcss(X, labels, k)
    sizes = np.bincount(labels, minlength=k)
    keys = [(-sizes[c], *centres[c].round(12)) for c in range(k)]
    order = sorted(range(k), key=lambda c: keys[c])
    remap = np.empty(k, dtype=int)
    remap[order] = np.arange(k)
    return remap[labels]


def single_run(
    X: np.ndarray, k: int, rng: np.random.Generator, init: str = "k-means++",
    refine: str = "hartigan", x_sq: np.ndarray | None = None,
) -> tuple[np.ndarray, float]:
    """One seeded k-means run; returns labels and total WCSS."""
    if x_sq is None:
        x_sq = np.einsum("ij,ij->i", X, X)
    start = _init_plusplus(X, x_sq, k, rng) if init == "k-means++" else _init_random(X, k, rng)
    labels = lloyd(X, start, x_sq)
    if refine == "hartigan":
        labels = hartigan(X, labels, k)
    _, w = cluster_wcss(X, labels, k)
    return labels, float(w.sum())


def kmeans(
    X: np.ndarray,
    k: int,
    runs: int = 100,
    seed: int = 1,
    init: str = "k-means++",
    refine: str = "hartigan",
    batches: int = 5,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    workers: int | None = None,
) -> KMeansResult:
    """Best of `runs` seeded k-means runs (lowest total WCSS).

    The runs are split into `batches` consecutive groups whose own best solutions
    are kept too (for the stability measure of :mod:`diagnostics`). Batches run on
    `workers` threads (default: the number of cores); the result does not depend on how many.
    """
    X = np.ascontiguousarray(X, dtype=float)
    check_k(X.shape[0], k)
    if runs < 1:
        raise SegmentationError(f"RUNS must be at least 1 (got {runs}).")
    if init not in INITS or refine not in REFINES:
        raise SegmentationError(f"Unknown k-means option {init!r}/{refine!r}.")
    x_sq = np.einsum("ij,ij->i", X, X)
    children = np.random.SeedSequence(int(seed)).spawn(runs)
    batches = max(1, min(batches, runs))
    bounds = np.linspace(0, runs, batches + 1).astype(int)

    def batch(b: int, report: Progress, stop: IsCancelled) -> tuple[list[float], np.ndarray, float]:
        """The runs of one batch: their WCSS values, the best labels and WCSS."""
        values, b_labels, b_best = [], None, np.inf
        for r in range(bounds[b], bounds[b + 1]):
            if stop():
                raise RunCancelled()
            labels, w = single_run(X, k, np.random.default_rng(children[r]), init, refine, x_sq)
            values.append(w)
            if w < b_best - 1e-12 * abs(w):
                b_labels, b_best = labels, w
            report((r + 1 - bounds[b]) / (bounds[b + 1] - bounds[b]))
        return values, canonical_order(X, b_labels, k), b_best

    results = run_tasks([lambda report, stop, b=b: batch(b, report, stop) for b in range(batches)],
                        workers, progress, cancelled)
    run_wcss = np.array([w for values, _, _ in results for w in values])
    batch_labels = [labels for _, labels, _ in results]
    best_labels, best = None, np.inf
    for _, labels, b_best in results:  # the first of equal bests wins, as in a serial run
        if b_best < best - 1e-12 * abs(b_best):
            best_labels, best = labels, b_best
    labels = canonical_order(X, best_labels, k)
    centres, w = cluster_wcss(X, labels, k)
    sizes = np.bincount(labels, minlength=k)
    return KMeansResult(labels, centres, sizes, w, float(w.sum()), runs, int(seed), run_wcss,
                        batch_labels)


def nearest_centre(X: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of, and squared distance to, the nearest centre of each row."""
    X = np.asarray(X, dtype=float)
    d = _sq_dist(X, np.einsum("ij,ij->i", X, X), np.asarray(centres, dtype=float))
    idx = d.argmin(axis=1)
    return idx, d[np.arange(len(idx)), idx]
