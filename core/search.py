"""Step 5: the default k-means search, a hybrid genetic search on up to 10,000 areas and a
sample search above that (issues 5 and 14).

:func:`search_kmeans` on up to :data:`GENETIC_MAX_ROWS` areas is a hybrid genetic search in
the manner of HG-means (Gribel & Vidal 2019, "HG-means: a scalable hybrid genetic algorithm
for minimum sum-of-squares clustering", Pattern Recognition, doi:10.1016/j.patcog.2018.12.022):
a population of local optima (each Lloyd, then
Hartigan's single-point moves to a fixed point); children made by matching two parents'
centres one to one and taking one of each pair, one centre then moved k-means++ style; the
best distinct optima survive. A child whose Lloyd optimum is more than :data:`SKIP_MARGIN`
above the population's worst is dropped before Hartigan's moves (most of the time saved).
On Barking & Dagenham (553 areas, k=8, RUNS 100) it reached the best known solution from each
of seeds 1-20, where 1,000 independent runs reach it from about half the seeds.

Above that size :func:`sample_search_kmeans` splits its work into ``batches`` independently
seeded searches. Each batch:

1. explores: many cheap k-means++ starts, converged by Lloyd in float32 side by side
   (:func:`lloyd_lockstep`: one matrix product per iteration for all of them), on a random
   subsample of the areas (on all areas when the input is small);
2. keeps the few best *distinct* local optima (equal WCSS = the same partition);
3. assigns each once to all the areas (a WCSS comparable across batches).

The :data:`REFINE` best distinct candidates of all the batches are then refined on all the
areas by Lloyd (float32 distances, float64 centres), and the :data:`FINISH` best of those
taken on by Hartigan's single-point moves in float64 to a fixed point (applied in batches,
:func:`core.kmeans.hartigan_batched`), so the result is Hartigan- and Lloyd-stable; the WCSS
is computed directly in float64.

Every random step draws from a generator spawned from ``seed`` with
:class:`numpy.random.SeedSequence`, and parallel work is combined in a fixed order, so the
same data and seed give the same clusters on any number of cores. :func:`classify` picks
this search or the plain best-of-runs :func:`core.kmeans.kmeans` (the 2011 OAC's method).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from .errors import SegmentationError
from .kmeans import (
    IsCancelled,
    KMeansResult,
    Progress,
    RunCancelled,
    _init_plusplus,
    _sq_dist,
    canonical_order,
    check_k,
    cluster_wcss,
    hartigan,
    hartigan_batched,
    kmeans,
    lloyd,
)
from .parallel import run_tasks, single_threaded_blas

STRATEGIES = ("search", "best-of-runs")

SAMPLE_SIZE = 25_000  # rows explored per batch by the sample search (50,000 before issue 14)
SAME_BASIN = 0.01  # centres closer than this share of the mean squared error: one optimum
KEEP = 3  # distinct local optima per batch refined on all the areas
KEEP_SMALL = 2  # the same when the exploration already saw all the areas
REFINE = 4  # of all the batches' candidates, the best distinct ones refined on all the areas
FINISH = 2  # of those, the best after Lloyd taken on to Hartigan's fixed point
SEARCHES_PER_RUN = 4  # local searches per unit of RUNS (the search's effort)
INITIAL = 20  # local searches from k-means++ starts that make the first population
POP_MIN, POP_MAX = 10, 20  # the population is culled to POP_MIN members when above POP_MAX
ELITE, CLOSE = 7, 3  # diversity management: members kept on WCSS alone; neighbours compared
BROOD = 4  # children searched side by side (a fixed number: the same result on any cores)
MIN_PATIENCE = 40  # local searches without a better best before the search may stop
SKIP_MARGIN = 0.01  # Lloyd optima this much above the population's worst skip Hartigan
GENETIC_MAX_ROWS = 10_000  # larger inputs: the sample search (the genetic one costs too much)
PATIENCE_PER_RUN = 2  # the search stops when RUNS x this local searches in a row found no better
EXPLORE_TOL = 0.001  # exploration stops when at most this share of the rows change cluster
LLOYD_TOL = 0.001  # the genetic search's Lloyd stops there too (Hartigan's moves finish)


def _onehot(labels: np.ndarray, k: int, dtype) -> np.ndarray:
    return (labels[None, :] == np.arange(k)[:, None]).astype(dtype)


def _assign(X32: np.ndarray, C: np.ndarray, XT32: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centre in float32 and the k × n partial distances |c|² − 2x·c (``XT32``: the
    rows transposed and contiguous, a faster product when the caller has it)."""
    C32 = C.astype(np.float32)
    d = (-2.0 * C32) @ (X32.T if XT32 is None else XT32)  # scaling by 2 is exact
    d += (C32 * C32).sum(axis=1)[:, None]
    best = d[0].copy()
    labels = np.zeros(X32.shape[0], dtype=np.intp)
    for j in range(1, d.shape[0]):  # faster than argmin over a short axis
        closer = d[j] < best
        labels[closer] = j
        np.minimum(best, d[j], out=best)
    return labels, best


def _fix_empty(labels: np.ndarray, best: np.ndarray, x_sq: np.ndarray, k: int) -> np.ndarray:
    """Give each empty cluster the worst-fitted point (as :func:`core.kmeans.lloyd` does)."""
    sizes = np.bincount(labels, minlength=k)
    if sizes.all():
        return labels
    fit = x_sq + best
    for empty in np.flatnonzero(sizes == 0):
        far = int(np.argmax(fit))
        fit[far] = -np.inf
        labels[far] = empty
    return labels


def lloyd_fast(
    X32: np.ndarray, centres: np.ndarray, x_sq: np.ndarray, max_iter: int = 300,
    exact_centres: np.ndarray | None = None, tol: int = 0, XT32: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd from ``centres`` with float32 distances until at most ``tol`` labels change.

    Centres are means in float32, or in float64 when ``exact_centres`` (the float64 data)
    is given. ``XT32``: ``X32`` transposed and contiguous (see :func:`_assign`). Returns
    labels and centres.
    """
    k = centres.shape[0]
    C = centres
    labels = None
    sums = None
    for _ in range(max_iter):
        new, best = _assign(X32, C, XT32)
        new = _fix_empty(new, best, x_sq, k)
        if labels is None:
            moved = None
        else:
            moved = np.flatnonzero(new != labels)
            if moved.size <= tol:
                labels = new
                break
        data = X32 if exact_centres is None else exact_centres
        if moved is None or moved.size > len(new) // 20:
            sums = _onehot(new, k, data.dtype) @ data
        else:  # few moves: update the sums incrementally
            rows = data[moved]
            sums += _onehot(new[moved], k, data.dtype) @ rows
            sums -= _onehot(labels[moved], k, data.dtype) @ rows
        labels = new
        sizes = np.bincount(labels, minlength=k).astype(data.dtype)
        C = sums / sizes[:, None]
    return labels, C


def _centres_wcss(X: np.ndarray, x_sq_total: float, labels: np.ndarray, k: int
                  ) -> tuple[np.ndarray, float]:
    """Centres and total WCSS as sum |x|^2 - sum |s_c|^2 / n_c: one pass, to rank starts."""
    sums = _onehot(labels, k, X.dtype) @ X
    sizes = np.maximum(np.bincount(labels, minlength=k), 1).astype(float)
    between = float((np.einsum("ij,ij->i", sums, sums) / sizes).sum())
    return sums / sizes[:, None], x_sq_total - between


def lloyd_lockstep(
    X32: np.ndarray, starts: np.ndarray, x_sq: np.ndarray, tol: int = 0, max_iter: int = 300,
    check=None, report=None,
) -> list[np.ndarray]:
    """Lloyd (float32) from each of ``starts`` (S × k × d) side by side; labels of each start.

    Each start runs exactly as :func:`lloyd_fast` would without ``exact_centres`` (until at
    most ``tol`` labels change), but one matrix product serves all the starts still running,
    so numpy's work comes in large pieces (which also lets threads run in parallel).
    ``check()`` is called every iteration; ``report(f)`` gets the share of starts finished.
    """
    S, k, d = starts.shape
    n = X32.shape[0]
    C = starts.astype(np.float32)
    out: list[np.ndarray | None] = [None] * S
    active = np.arange(S)
    prev = None
    cols = np.tile(np.arange(n), S)
    XT = np.ascontiguousarray(X32.T)  # centres × rows: each centre's distances contiguous
    for _ in range(max_iter):
        if check:
            check()
        A = len(active)
        flat = C[active].reshape(A * k, d)
        dist = flat @ XT
        dist *= -2.0
        dist += np.einsum("ij,ij->i", flat, flat)[:, None]
        dist = dist.reshape(A, k, n)
        lab = np.zeros((A, n), dtype=np.intp)  # the first nearest, as argmin, but faster
        best = dist[:, 0, :].copy()
        for j in range(1, k):
            closer = dist[:, j, :] < best
            lab[closer] = j
            np.minimum(best, dist[:, j, :], out=best)
        offset = (np.arange(A) * k)[:, None]
        sizes = np.bincount((lab + offset).ravel(), minlength=A * k).reshape(A, k)
        for a in np.flatnonzero((sizes == 0).any(axis=1)):  # rare: as _fix_empty does
            lab[a] = _fix_empty(lab[a], best[a].copy(), x_sq, k)
            sizes[a] = np.bincount(lab[a], minlength=k)
        if prev is not None:
            done = (lab != prev).sum(axis=1) <= tol
            for a in np.flatnonzero(done):
                out[active[a]] = lab[a]
            if done.all():
                break
            if done.any():
                keep = ~done
                active, lab, sizes = active[keep], lab[keep], sizes[keep]
                A = len(active)
                offset = offset[:A]
                if report:
                    report(1 - A / S)
        onehot = np.zeros((A * k, n), dtype=np.float32)
        onehot[(lab + offset).ravel(), cols[:A * n]] = 1.0
        C[active] = ((onehot @ X32).reshape(A, k, d)
                     / sizes[:, :, None].astype(np.float32))
        prev = lab
    else:
        for a, start in enumerate(active):  # max_iter reached
            out[start] = lab[a]
    return out


def _same_basin(A: np.ndarray, B: np.ndarray, scale: float) -> bool:
    """Whether two sets of centres match one to one within ``scale`` (squared distance)."""
    d = ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)
    r, c = linear_sum_assignment(d)
    return bool(d[r, c].max() < scale)


def _distinct_best(found: list[tuple[float, np.ndarray]], keep: int, scale: float
                   ) -> list[np.ndarray]:
    """Centres of the ``keep`` lowest-WCSS solutions whose centres all differ."""
    out: list[np.ndarray] = []
    for _, C in sorted(found, key=lambda t: t[0]):
        if not any(_same_basin(C, D, scale) for D in out):
            out.append(C)
            if len(out) == keep:
                break
    return out


def _local_search(X: np.ndarray, x_sq: np.ndarray, C: np.ndarray, k: int,
                  X32: np.ndarray | None = None, cutoff: float = np.inf,
                  XT: np.ndarray | None = None, XT32: np.ndarray | None = None,
                  ) -> tuple[np.ndarray, np.ndarray, float, bool]:
    """Lloyd from centres ``C`` then Hartigan moves to a fixed point: labels, centres, WCSS
    and True; or Lloyd's labels, centres, WCSS and False when Lloyd ends above ``cutoff``.

    With ``X32`` (the rows in float32) Lloyd's distances are float32 (:func:`lloyd_fast`)
    and Lloyd stops when at most :data:`LLOYD_TOL` of the rows change cluster (Hartigan's
    moves finish the rest); Hartigan's moves are always float64, so the result is a float64
    fixed point. The WCSS is sum |x|² − sum |s_c|²/n_c (to rank and compare optima)."""
    x_total = float(x_sq.sum())
    if X32 is None:
        start = lloyd(X, C, x_sq)
    else:
        start, _ = lloyd_fast(X32, C, x_sq, exact_centres=X, tol=int(LLOYD_TOL * len(X)),
                              XT32=XT32)
    if cutoff < np.inf:
        centres, w = _centres_wcss(X, x_total, start, k)
        if w > cutoff:
            return start, centres, w, False
    labels = hartigan(X, start, k, x_sq, XT)
    centres, w = _centres_wcss(X, x_total, labels, k)
    return labels, centres, w, True


def _relocate(X: np.ndarray, x_sq: np.ndarray, C: np.ndarray, rng: np.random.Generator
              ) -> np.ndarray:
    """Mutation: one centre, drawn at random, moves to a row drawn in proportion to its squared
    distance from the other centres (as k-means++ would place it)."""
    C = C.copy()
    j = int(rng.integers(len(C)))
    d = _sq_dist(X, x_sq, np.delete(C, j, axis=0)).min(axis=1)
    total = d.sum()
    i = int(np.searchsorted(np.cumsum(d), rng.random() * total)) if total > 0 else 0
    C[j] = X[min(i, len(X) - 1)]
    return C


def _crossover(A: np.ndarray, B: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Centres of a child: the parents' centres matched one to one (least total squared
    distance), and one of each matched pair taken at random (HG-means' crossover)."""
    d = ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)
    r, c = linear_sum_assignment(d)
    pick = rng.random(len(r)) < 0.5
    return np.where(pick[:, None], A[r], B[c])


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-10 * max(abs(a), abs(b), 1e-300)


def _solution_distance(A: np.ndarray, B: np.ndarray) -> float:
    """How far apart two solutions are: the mean squared distance from each centre to the
    other solution's nearest centre, averaged both ways (0 for the same centres)."""
    d = ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)
    return 0.5 * float(d.min(axis=1).mean() + d.min(axis=0).mean())


class _Population:
    """Local optima kept for breeding, managed for diversity as in HG-means.

    Members are distinct by WCSS. Each has a biased fitness: its rank by WCSS plus
    (1 − :data:`ELITE` / size) × its rank by diversity (the mean distance to its
    :data:`CLOSE` nearest members, :func:`_solution_distance`), so the best few are kept
    whatever their diversity and the rest must also differ from the others. Above
    :data:`POP_MAX` members the worst biased fitness is dropped, one at a time, down to
    :data:`POP_MIN`; parents are drawn by binary tournament on it.
    """

    def __init__(self) -> None:
        self.members: list[tuple[float, np.ndarray, np.ndarray]] = []  # wcss, centres, labels
        self._dist = np.zeros((0, 0))  # between members
        self._biased: np.ndarray | None = None

    def add(self, w: float, C: np.ndarray, labels: np.ndarray) -> None:
        if any(_same(w, m[0]) for m in self.members):
            return
        m = len(self.members)
        dist = np.full((m + 1, m + 1), np.inf)
        dist[:m, :m] = self._dist
        dist[m, :m] = dist[:m, m] = [_solution_distance(C, other[1]) for other in self.members]
        self._dist = dist
        self.members.append((w, C, labels))
        self._biased = None
        if len(self.members) > POP_MAX:
            while len(self.members) > POP_MIN:
                drop = int(np.argmax(self.biased_fitness()))
                del self.members[drop]
                self._dist = np.delete(np.delete(self._dist, drop, 0), drop, 1)
                self._biased = None

    def biased_fitness(self) -> np.ndarray:
        """Lower is better: WCSS rank plus weighted diversity rank, scaled to 0..about 2."""
        if self._biased is None:
            m = len(self.members)
            if m < 2:
                self._biased = np.zeros(m)
            else:
                close = np.sort(self._dist, axis=1)[:, :min(CLOSE, m - 1)].mean(axis=1)
                fit = np.argsort(np.argsort([w for w, _, _ in self.members], kind="stable"),
                                 kind="stable")
                div = np.argsort(np.argsort(-close, kind="stable"), kind="stable")
                self._biased = (fit + (1 - ELITE / m) * div) / (m - 1)
        return self._biased

    def parent(self, rng: np.random.Generator) -> np.ndarray:
        """Binary tournament: the better biased fitness of two members drawn at random."""
        i, j = rng.integers(len(self.members), size=2)
        bf = self.biased_fitness()
        return self.members[i if bf[i] <= bf[j] else j][1]

    def worst(self) -> float:
        return max(m[0] for m in self.members)

    def best(self, count: int) -> list[tuple[float, np.ndarray, np.ndarray]]:
        return sorted(self.members, key=lambda m: m[0])[:count]


def _genetic(X: np.ndarray, k: int, budget: int, patience: int, root: np.random.SeedSequence,
             workers: int | None, progress: Progress | None, cancelled: IsCancelled | None,
             ) -> tuple[_Population, list[float], list[tuple[float, np.ndarray]]]:
    """The hybrid genetic search on the rows of ``X``: the population, every local optimum's
    WCSS in the order found, and the WCSS and labels of the :data:`INITIAL` first ones (each
    from its own k-means++ start)."""
    x_sq = np.einsum("ij,ij->i", X, X)
    X32 = X.astype(np.float32)
    XT = np.ascontiguousarray(X.T)
    XT32 = np.ascontiguousarray(X32.T)
    pop = _Population()
    seen: list[float] = []
    budget = max(budget, 1)

    def child_task(C0: np.ndarray, seq: np.random.SeedSequence, mutate: bool, cutoff: float):
        def task(report: Progress, stop: IsCancelled):
            if stop():
                raise RunCancelled()
            rng = np.random.default_rng(seq)
            C = _relocate(X, x_sq, C0, rng) if mutate else C0
            return _local_search(X, x_sq, C, k, X32, cutoff, XT, XT32)
        return task

    spent = 0
    first: list[tuple[float, np.ndarray]] = []

    def generation(starts: list[np.ndarray], mutate: bool) -> None:
        nonlocal spent
        seqs = root.spawn(len(starts))
        # A child whose Lloyd optimum is clearly worse than every member is not finished.
        cutoff = pop.worst() * (1 + SKIP_MARGIN) if len(pop.members) >= POP_MIN else np.inf
        done = run_tasks([child_task(C, s, mutate, cutoff) for C, s in zip(starts, seqs)],
                         workers, None, cancelled)
        for labels, C, w, finished in done:  # in a fixed order: the same on any cores
            spent += 1
            if finished:
                seen.append(w)
                pop.add(w, C, labels)
            if not mutate:
                first.append((w, labels))
        if progress:
            progress(min(1.0, spent / budget))

    init = min(INITIAL, budget)
    init_rng = np.random.default_rng(root.spawn(1)[0])
    generation([_init_plusplus(X, x_sq, k, init_rng) for _ in range(init)], False)
    best, since = min(seen), 0
    while spent < budget and since < patience:
        if cancelled and cancelled():
            raise RunCancelled()
        rng = np.random.default_rng(root.spawn(1)[0])
        size = min(BROOD, budget - spent)
        before = len(seen)
        generation([_crossover(pop.parent(rng), pop.parent(rng), rng) for _ in range(size)],
                   True)
        new_best = min(seen[before:], default=np.inf)
        if new_best < best and not _same(new_best, best):
            best, since = new_best, 0
        else:
            since += size
    return pop, seen, first


def search_kmeans(
    X: np.ndarray,
    k: int,
    runs: int = 100,
    seed: int = 1,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    sample_size: int = SAMPLE_SIZE,
    keep: int = KEEP,
    batches: int = 5,
    workers: int | None = None,
    genetic_max: int = GENETIC_MAX_ROWS,
) -> KMeansResult:
    """Lowest-WCSS k-means partition: a hybrid genetic search on up to ``genetic_max`` rows,
    :func:`sample_search_kmeans` (``sample_size``, ``keep``) on larger inputs.

    The genetic search (HG-means style) spends ``runs`` × :data:`SEARCHES_PER_RUN` local
    searches at most (each Lloyd, then Hartigan moves to a fixed point), fewer when the best
    has not improved for ``runs`` × :data:`PATIENCE_PER_RUN` local searches in a row. The
    first :data:`INITIAL` start from k-means++; each later one from a child of two parents
    (binary tournament) whose centres are matched one to one and taken from either, with one
    centre moved (k-means++ style). The population keeps distinct optima chosen on WCSS and
    diversity. Children are made :data:`BROOD` at a time and searched on ``workers``
    threads; they join the population in a fixed order, so the result does not depend on
    the number of cores.
    ``run_wcss`` holds every local search's WCSS (the figures behind ``distinct_optima`` and
    ``best_reached``). For :func:`core.diagnostics.stability`, the independent k-means++ local
    searches that make the first population are split into ``batches`` groups and
    ``batch_labels`` holds each group's best (the repeatability of a few restarts).
    """
    X = np.ascontiguousarray(X, dtype=float)
    n = X.shape[0]
    check_k(n, k)
    if runs < 1:
        raise SegmentationError(f"RUNS must be at least 1 (got {runs}).")
    if n > genetic_max:
        return sample_search_kmeans(X, k, runs=runs, seed=seed, progress=progress,
                                    cancelled=cancelled, sample_size=sample_size, keep=keep,
                                    batches=batches, workers=workers)
    root = np.random.SeedSequence(int(seed))
    budget = SEARCHES_PER_RUN * runs
    patience = max(PATIENCE_PER_RUN * runs, MIN_PATIENCE)
    with single_threaded_blas():  # the same rounding on any number of cores
        pop, run_wcss, first = _genetic(X, k, budget, patience, root, workers, progress,
                                        cancelled)
    groups = np.array_split(np.arange(len(first)), max(1, min(batches, len(first))))
    batch_labels = [canonical_order(X, min((first[i] for i in g), key=lambda t: t[0])[1], k)
                    for g in groups]
    top = pop.best(1)
    if progress:
        progress(1.0)
    labels = canonical_order(X, top[0][2], k)
    centres, w = cluster_wcss(X, labels, k)
    sizes = np.bincount(labels, minlength=k)
    return KMeansResult(labels, centres, sizes, w, float(w.sum()), runs, int(seed),
                        np.asarray(run_wcss), batch_labels)


def sample_search_kmeans(
    X: np.ndarray,
    k: int,
    runs: int = 100,
    seed: int = 1,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    sample_size: int = SAMPLE_SIZE,
    keep: int = KEEP,
    batches: int = 5,
    starts: int | None = None,
    workers: int | None = None,
) -> KMeansResult:
    """Lowest-WCSS k-means partition found by subsample exploration plus full refinement
    (the search for large inputs; see the module docstring).

    The exploration makes ``starts`` (default ``runs``) k-means++ starts in all, split over
    ``batches``; each batch explores its own random ``sample_size`` rows (all the rows when
    the input is no larger) and keeps its ``keep`` best distinct optima; the :data:`REFINE`
    best distinct of them all (each assigned once to all the rows) are refined by Lloyd on all
    the rows and the :data:`FINISH` best of those by Hartigan's moves.
    Batches run on ``workers`` threads (default: the number of cores); the result does not
    depend on how many. ``run_wcss`` holds the WCSS of each refined candidate on all the areas
    (after Lloyd, or after Hartigan's moves for the :data:`FINISH` best);
    ``batch_labels`` each batch's best candidate assigned once to all the areas.
    """
    X = np.ascontiguousarray(X, dtype=float)
    n = X.shape[0]
    check_k(n, k)
    if runs < 1:
        raise SegmentationError(f"RUNS must be at least 1 (got {runs}).")
    x_sq = np.einsum("ij,ij->i", X, X)
    X32 = X.astype(np.float32)
    subsample = n > sample_size
    if starts is None:
        starts = runs
    batches = max(1, min(batches, starts))
    bounds = np.linspace(0, starts, batches + 1).astype(int)
    batch_seeds = np.random.SeedSequence(int(seed)).spawn(batches)
    explore_share = 0.6  # of each batch's progress

    def batch(b: int, report: Progress, stop: IsCancelled) -> list:
        """Explore one batch: its best distinct candidates (WCSS on all areas, centres, labels)."""
        def check() -> None:
            if stop():
                raise RunCancelled()

        sample_seq, *start_seqs = batch_seeds[b].spawn(1 + bounds[b + 1] - bounds[b])
        if subsample:
            rows = np.sort(np.random.default_rng(sample_seq).choice(n, sample_size, replace=False))
            Xs, Xs32, xs_sq = X[rows], X32[rows], x_sq[rows]
        else:
            Xs, Xs32, xs_sq = X, X32, x_sq
        xs_total = float(xs_sq.sum())
        init_share = 0.2 * explore_share
        begins = []
        for i, seq in enumerate(start_seqs):
            check()
            begins.append(_init_plusplus(Xs, xs_sq, k, np.random.default_rng(seq)))
            report(init_share * (i + 1) / len(start_seqs))
        ends = lloyd_lockstep(
            Xs32, np.array(begins), xs_sq, int(EXPLORE_TOL * len(xs_sq)), check=check,
            report=lambda f: report(init_share + (explore_share - init_share) * f))
        found = [_centres_wcss(Xs, xs_total, labels, k)[::-1] for labels in ends]
        scale = SAME_BASIN * min(f[0] for f in found) / len(xs_sq)
        cands = _distinct_best(found, keep if subsample else min(keep, KEEP_SMALL), scale)
        # Each candidate's WCSS on all the areas after one assignment: comparable across
        # batches (their samples differ), so the pool is ranked by it.
        out = []
        for C in cands:
            check()
            labels, _ = _assign(X32, C)
            _, w = cluster_wcss(X, labels, k)
            out.append((float(w.sum()), C, labels))
        report(explore_share)
        return out

    def polish(C: np.ndarray):
        def task(report: Progress, stop: IsCancelled) -> tuple[float, np.ndarray]:
            if stop():
                raise RunCancelled()
            labels, _ = lloyd_fast(X32, C, x_sq, exact_centres=X, tol=n // 10_000)
            _, w = cluster_wcss(X, labels, k)
            return float(w.sum()), labels
        return task

    def finish(labels: np.ndarray):
        def task(report: Progress, stop: IsCancelled) -> tuple[float, np.ndarray]:
            if stop():
                raise RunCancelled()
            labels_h = hartigan_batched(X, labels, k, x_sq)
            _, w = cluster_wcss(X, labels_h, k)
            return float(w.sum()), labels_h
        return task

    tasks = [lambda report, stop, b=b: batch(b, report, stop) for b in range(batches)]
    explored = run_tasks(tasks, workers, progress and (lambda f: progress(explore_share * f)),
                         cancelled)
    pool = sorted((c for found in explored for c in found), key=lambda c: c[0])
    scale = SAME_BASIN * pool[0][0] / n
    chosen = _distinct_best([(w, C) for w, C, _ in pool], REFINE, scale)
    # Lloyd on all the areas for every chosen candidate, then Hartigan's moves only for the
    # FINISH best of them (Hartigan is the dearer step and rarely reorders them).
    polish_share = explore_share + (1 - explore_share) * 0.4
    polished = run_tasks([polish(C) for C in chosen], workers,
                         progress and (lambda f: progress(explore_share
                                                          + (polish_share - explore_share) * f)),
                         cancelled)
    order = sorted(range(len(polished)), key=lambda i: polished[i][0])[:FINISH]
    finished = run_tasks([finish(polished[i][1]) for i in order], workers,
                         progress and (lambda f: progress(polish_share + (1 - polish_share) * f)),
                         cancelled)
    refined = list(polished)
    for i, result in zip(order, finished):
        refined[i] = result
    run_wcss = [w for w, _ in refined]
    best_labels, best = None, np.inf
    for i, (w, labels) in enumerate(refined):  # the first of equal bests wins, as in a serial run
        if i in order and w < best - 1e-12 * abs(w):  # only Hartigan fixed points
            best_labels, best = labels, w
    # For diagnostics.stability: each batch's best candidate, assigned once to all the areas.
    batch_labels = [canonical_order(X, min(found, key=lambda c: c[0])[2], k)
                    for found in explored]
    labels = canonical_order(X, best_labels, k)
    centres, w = cluster_wcss(X, labels, k)
    sizes = np.bincount(labels, minlength=k)
    return KMeansResult(labels, centres, sizes, w, float(w.sum()), runs, int(seed),
                        np.asarray(run_wcss), batch_labels)


def classify(
    X: np.ndarray,
    k: int,
    runs: int = 100,
    seed: int = 1,
    strategy: str = "search",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    workers: int | None = None,
) -> KMeansResult:
    """k-means by ``strategy``: "search" (:func:`search_kmeans`) or "best-of-runs" (plain
    :func:`core.kmeans.kmeans`); both return the same :class:`KMeansResult`."""
    if strategy == "search":
        return search_kmeans(X, k, runs=runs, seed=seed, progress=progress, cancelled=cancelled,
                             workers=workers)
    if strategy == "best-of-runs":
        return kmeans(X, k, runs=runs, seed=seed, progress=progress, cancelled=cancelled,
                      workers=workers)
    raise SegmentationError(f"Unknown k-means strategy {strategy!r}: use one of {STRATEGIES}.")


def classify_task(X: np.ndarray, k: int, runs: int, seed: int, strategy: str,
                  report: Progress, stop: IsCancelled) -> KMeansResult:
    """:func:`classify` on one core as a :func:`core.parallel.run_tasks` task (module level, so
    a :func:`functools.partial` of it can run in a worker process)."""
    return classify(X, k, runs=runs, seed=seed, strategy=strategy, progress=report,
                    cancelled=stop, workers=1)
