"""Issues 5 and 14: the default search finds k-means solutions at least as good as many
restarts, and the same best solution from every seed where restarts scatter."""

import numpy as np
import pytest

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.kmeans import (
    RunCancelled,
    cluster_wcss,
    hartigan,
    kmeans,
    nearest_centre,
)
from customer_segmentation.core.search import STRATEGIES, classify, search_kmeans


def overlapping(n=12_000, d=20, k=8, seed=0):
    """Uneven, overlapping clusters with correlated noise (many local optima at k=8)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 1.0, (k + 4, d))
    truth = rng.choice(k + 4, n, p=rng.dirichlet(np.full(k + 4, 3.0)))
    X = centres[truth] + rng.normal(0, 1, (n, 4)) @ rng.normal(0, 0.5, (4, d))
    return X + rng.normal(0, 0.8, (n, d))


@pytest.fixture(scope="module")
def data():
    return overlapping()


@pytest.fixture(scope="module")
def found(data):
    return search_kmeans(data, 8, runs=20, seed=3, workers=2)


@pytest.mark.parametrize("sample_size", [None, 5_000])  # all rows; samples, as nationally
def test_same_seed_same_result_on_any_number_of_cores(data, found, sample_size):
    opts = {"sample_size": sample_size} if sample_size else {}
    first = search_kmeans(data, 8, runs=20, seed=3, workers=2, **opts) if opts else found
    again = search_kmeans(data, 8, runs=20, seed=3, workers=1, **opts)
    assert np.array_equal(again.labels, first.labels) and again.total_wcss == first.total_wcss
    assert all(np.array_equal(a, b) for a, b in zip(again.batch_labels, first.batch_labels))
    assert np.array_equal(again.run_wcss, first.run_wcss)


def test_other_seed_valid(data, found):
    other = search_kmeans(data, 8, runs=20, seed=4)
    for res in (found, other):
        assert res.labels.shape == (len(data),) and set(np.unique(res.labels)) == set(range(8))
        assert res.sizes.tolist() == sorted(res.sizes.tolist(), reverse=True)
        assert res.sizes.sum() == len(data)
    assert other.total_wcss == pytest.approx(found.total_wcss, rel=1e-3)


def test_at_least_as_good_as_as_many_random_restarts(data, found):
    sklearn = pytest.importorskip("sklearn.cluster")
    seqs = np.random.SeedSequence(3).spawn(20)
    best = min(sklearn.KMeans(8, init="k-means++", n_init=1,
                              random_state=int(s.generate_state(1)[0])).fit(data).inertia_
               for s in seqs)
    assert found.total_wcss <= best * (1 + 1e-9)
    # Runs each finished by Hartigan are stronger one for one; the search stays within 0.001 %.
    plain = kmeans(data, 8, runs=8, seed=3)
    assert found.total_wcss <= plain.total_wcss * (1 + 1e-5)


def test_result_is_lloyd_and_hartigan_stable_with_direct_wcss(data, found):
    idx, _ = nearest_centre(data, found.centres)
    assert np.array_equal(idx, found.labels)
    assert np.array_equal(hartigan(data, found.labels, 8), found.labels)
    centres, w = cluster_wcss(data, found.labels, 8)
    assert np.allclose(centres, found.centres) and found.total_wcss == pytest.approx(w.sum())
    assert np.allclose(found.wcss, w)


def test_batches_and_run_wcss_for_stability(data, found):
    assert len(found.batch_labels) == 5
    assert all(b.shape == found.labels.shape for b in found.batch_labels)
    assert len(found.run_wcss) >= 2 and found.run_wcss.min() == pytest.approx(found.total_wcss)


def test_small_input_explores_everything_and_progress_reaches_one():
    X = overlapping(n=2000, d=6, k=5, seed=1)
    seen = []
    res = search_kmeans(X, 5, runs=20, seed=2, progress=seen.append)
    plain = kmeans(X, 5, runs=20, seed=2)
    assert res.total_wcss <= plain.total_wcss * (1 + 1e-6)
    assert seen and seen[-1] == pytest.approx(1.0) and seen == sorted(seen)


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_raises(data, workers):
    with pytest.raises(RunCancelled):
        search_kmeans(data, 8, runs=20, seed=1, cancelled=lambda: True, workers=workers)


def test_classify_dispatches_and_refuses_unknown():
    X = overlapping(n=1500, d=5, k=4, seed=2)
    assert STRATEGIES == ("search", "best-of-runs")
    plain = classify(X, 4, runs=5, seed=1, strategy="best-of-runs", workers=2)
    same = kmeans(X, 4, runs=5, seed=1, workers=1)
    assert np.array_equal(plain.labels, same.labels)
    assert np.array_equal(plain.run_wcss, same.run_wcss)
    assert classify(X, 4, runs=5, seed=1).labels.shape == (1500,)
    with pytest.raises(SegmentationError):
        classify(X, 4, runs=5, seed=1, strategy="fastest")
    with pytest.raises(SegmentationError):
        search_kmeans(X, 0)


def test_lockstep_lloyd_reaches_lloyd_fixed_points_and_fills_empty_clusters():
    from customer_segmentation.core.search import lloyd_lockstep

    X = overlapping(n=3000, d=6, k=5, seed=4)
    X32, x_sq = X.astype(np.float32), np.einsum("ij,ij->i", X, X)
    rng = np.random.default_rng(0)
    starts = X[rng.choice(len(X), (6, 5))]
    starts[5, 1] = starts[5, 0]  # two equal centres: one cluster starts empty
    starts[5, 2] = 100.0  # and one far from every area
    ends = lloyd_lockstep(X32, starts, x_sq, tol=0)
    for labels in ends:
        assert np.bincount(labels, minlength=5).min() > 0
        centres, _ = cluster_wcss(X, labels, 5)
        idx, _ = nearest_centre(X, centres)
        assert (idx != labels).sum() <= 2  # a fixed point up to float32 ties
    alone = lloyd_lockstep(X32, starts[2:3], x_sq, tol=0)[0]  # not changed by its neighbours
    assert cluster_wcss(X, alone, 5)[1].sum() == pytest.approx(
        cluster_wcss(X, ends[2], 5)[1].sum(), rel=1e-6)


def test_search_reaches_one_optimum_from_every_seed_where_restarts_scatter():
    X = overlapping(n=300, d=5, k=10, seed=3)  # small, flat: restarts end in many optima
    found = [search_kmeans(X, 10, runs=100, seed=s) for s in (1, 2, 3)]
    values = [r.total_wcss for r in found]
    assert max(values) - min(values) <= 1e-9 * values[0]
    plain = kmeans(X, 10, runs=300, seed=1)
    assert values[0] <= plain.total_wcss * (1 + 1e-12)
    assert plain.distinct_optima > 20  # the landscape really is rugged
    for res in found:  # the figures the log states
        assert res.searches == len(res.run_wcss) >= 100
        assert 1 <= res.best_reached < res.searches and 1 < res.distinct_optima < res.searches
        assert res.run_wcss.min() == pytest.approx(res.total_wcss, rel=1e-12)


def test_small_hard_case_same_on_one_or_two_cores():
    X = overlapping(n=300, d=5, k=10, seed=3)
    one = search_kmeans(X, 10, runs=30, seed=5, workers=1)
    two = search_kmeans(X, 10, runs=30, seed=5, workers=2)
    assert np.array_equal(one.labels, two.labels) and one.total_wcss == two.total_wcss
    assert np.array_equal(one.run_wcss, two.run_wcss)


def test_distinct_optima_and_best_reached_of_best_of_runs():
    X = overlapping(n=300, d=5, k=10, seed=3)
    res = kmeans(X, 10, runs=40, seed=2)
    values = np.round(res.run_wcss, 6)
    assert res.searches == 40 and res.distinct_optima == len(set(values))
    assert res.best_reached == int((values == round(res.total_wcss, 6)).sum()) >= 1


def test_barking_dagenham_default_search_reaches_the_best_known_from_every_seed():
    import pandas as pd
    from conftest import shared

    from customer_segmentation.core.transform import fit_standardisation
    from customer_segmentation.core.variables import prepare_variables

    folder = shared("barking_dagenham_2018")
    raw = pd.read_csv(folder / "2018_OAC_Raw_Variables.csv")
    lookup = pd.read_csv(folder / "2018_OAC_Raw_Variables_Lookup.csv")
    prepared = prepare_variables(raw, lookup, "OA11CD")
    X = fit_standardisation(prepared.table, prepared.plan.order, "ihs", "range")[0].to_numpy()
    # 278.241216: the lowest WCSS R 4.2's kmeans(X, 8, nstart = 1000) reached over seeds 1-10
    # (once); the search before issue 14 reached it from 2 seeds in 20.
    for seed in (1, 2, 5):
        res = classify(X, 8, runs=100, seed=seed)
        assert res.total_wcss <= 278.241216 + 1e-6


def test_population_keeps_a_different_optimum_among_near_copies_of_the_best():
    """Diversity management (HG-means): when the population is culled, a solution unlike
    the others outlives slightly better copies of one solution; the best is always kept."""
    from customer_segmentation.core import search

    pop = search._Population()
    centres = np.random.default_rng(0).normal(size=(4, 3))
    labels = np.zeros(6, dtype=int)
    for i in range(search.POP_MAX):  # the same centres, each a little worse (distinct WCSS)
        pop.add(100.0 + 0.01 * i, centres.copy(), labels)
    pop.add(100.5, centres + 5.0, labels)  # the worst WCSS, far from all the others
    kept = [w for w, _, _ in pop.members]
    assert len(kept) == search.POP_MIN
    assert 100.5 in kept and min(kept) == 100.0  # culling on WCSS alone would drop it
    bf = pop.biased_fitness()
    assert bf[kept.index(100.0)] == bf.min()
    pop.add(100.0 + 1e-13, centres + 9.0, labels)  # the same WCSS: a duplicate, not added
    assert len(pop.members) == search.POP_MIN
