"""Resampling cluster stability (core/stability.py, as Hennig's clusterboot): near 1 for
well-separated clusters, low for structureless noise, and the same figures for the same seed
on any number of threads."""

from __future__ import annotations

import numpy as np
import pytest

from customer_segmentation.core.diagnostics import compare_k, search_repeatability
from customer_segmentation.core.errors import RunCancelled
from customer_segmentation.core.search import classify
from customer_segmentation.core.stability import (
    cluster_jaccard,
    reading,
    resampling_stability,
)


def blobs(k=4, n=80, d=5, seed=3):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 10, (k, d))
    return centres[np.repeat(np.arange(k), n)] + rng.normal(0, 0.3, (n * k, d))


def noise(n=400, d=10, seed=11):
    return np.random.default_rng(seed).uniform(size=(n, d))


def stability_of(X, k, seed=1, **kw):
    res = classify(X, k, runs=20, seed=1)
    return res, resampling_stability(X, res.labels, k, seed=seed, **kw)


def test_jaccard_of_each_cluster_with_its_best_match():
    full = np.array([0, 0, 0, 1, 1, 1, 2])
    part = np.array([1, 1, 0, 0, 0, 0, 0])  # cluster 2 of `full` is swallowed by part's 0
    J = cluster_jaccard(full, part, 3)
    # cluster 0 {0,1,2}: best part 1 {0,1} -> 2/3; cluster 1 {3,4,5}: part 0 {2..6} -> 3/5;
    # cluster 2 {6}: part 0 -> 1/5
    assert J == pytest.approx([2 / 3, 3 / 5, 1 / 5])
    assert np.isnan(cluster_jaccard(np.array([0, 0]), np.array([0, 1]), 2)[1])  # absent


def test_hennig_readings():
    assert [reading(v) for v in (0.95, 0.85, 0.8, 0.75, 0.7, 0.6, 0.59, 0.1)] == [
        "highly stable", "highly stable", "stable", "stable",
        "a pattern, membership doubtful", "a pattern, membership doubtful",
        "not stable (dissolves)", "not stable (dissolves)"]
    assert reading(float("nan")) == "not assessed"


def test_well_separated_clusters_are_stable():
    _, st = stability_of(blobs(), 4)
    assert st.resamples == 20 and st.jaccard.shape == (20, 4)
    assert st.mean_ari > 0.95
    assert (st.cluster_jaccard > 0.9).all() and (st.dissolved == 0).all()
    assert st.stable_clusters() == 4
    assert set(st.table()["reading"]) == {"highly stable"}


@pytest.mark.parametrize("k", [3, 4, 5])
def test_uniform_noise_is_not_stable_overall_nor_per_cluster(k):
    res, st = stability_of(noise(), k)
    assert st.mean_ari < 0.6
    assert (st.cluster_jaccard < 0.75).all()  # no cluster reads as stable
    assert np.mean(st.cluster_jaccard) < 0.6
    assert st.stable_clusters() == 0
    assert st.dissolved.sum() > 0


def test_repeatability_of_the_search_is_not_stability():
    """Uniform noise in 4 dimensions: differently seeded batches of best-of-runs find the same
    optimum every time (the old 'stability': 1) but 80 % resamples of the same noise give
    other clusters."""
    X = np.random.default_rng(4).uniform(size=(400, 4))
    res = classify(X, 3, runs=100, seed=1, strategy="best-of-runs")
    assert search_repeatability(res) > 0.95
    st = resampling_stability(X, res.labels, 3, seed=1, strategy="best-of-runs")
    assert st.mean_ari < 0.6 and st.stable_clusters() == 0


def test_same_seed_same_figures_on_any_number_of_threads():
    X = noise(n=300, d=6)
    res = classify(X, 4, runs=20, seed=1)
    one = resampling_stability(X, res.labels, 4, seed=9, resamples=8, workers=1)
    two = resampling_stability(X, res.labels, 4, seed=9, resamples=8, workers=2)
    three = resampling_stability(X, res.labels, 4, seed=9, resamples=8, workers=3)
    assert np.array_equal(one.ari, two.ari) and np.array_equal(one.ari, three.ari)
    assert np.array_equal(one.jaccard, two.jaccard, equal_nan=True)
    assert np.array_equal(one.jaccard, three.jaccard, equal_nan=True)
    other = resampling_stability(X, res.labels, 4, seed=10, resamples=8, workers=2)
    assert not np.array_equal(one.ari, other.ari)


def test_progress_and_cancel():
    X = blobs()
    res = classify(X, 4, runs=10, seed=1)
    seen = []
    resampling_stability(X, res.labels, 4, resamples=6, progress=seen.append, workers=2)
    assert seen and seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    calls = []

    def stop_after_some():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(RunCancelled):  # one thread: the resamples' own checks see it
        resampling_stability(X, res.labels, 4, resamples=50, cancelled=stop_after_some,
                             workers=1)
    with pytest.raises(RunCancelled):  # threads: polled in this thread, the workers stop
        resampling_stability(X, res.labels, 4, resamples=400, cancelled=lambda: True,
                             workers=2)


def test_compare_k_scores_stability_per_k():
    comp = compare_k(blobs(k=4), range(2, 7), runs=10, seed=1, resamples=10)
    t = comp.table.set_index("k")
    assert list(t.columns[-7:-3]) == ["stability", "weakest_jaccard", "stable_clusters",
                                      "search_repeatability"]
    assert t.loc[4, "stability"] > 0.95 and t.loc[4, "weakest_jaccard"] > 0.9
    assert t.loc[4, "stable_clusters"] == 4
    assert sorted(comp.stability) == [2, 3, 4, 5, 6]
    assert comp.stability[4].resamples == 10
    flat = compare_k(noise(), range(3, 6), runs=10, seed=1, resamples=10).table
    assert (flat["stability"] < 0.6).all() and (flat["weakest_jaccard"] < 0.6).all()
    assert (flat["stable_clusters"] == 0).all()


def test_compare_k_same_seed_same_table_and_zero_resamples_skip():
    X = noise(n=200, d=5)
    a = compare_k(X, range(2, 5), runs=10, seed=3, resamples=5, workers=1).table
    b = compare_k(X, range(2, 5), runs=10, seed=3, resamples=5, workers=2).table
    assert a.equals(b)
    none = compare_k(X, range(2, 5), runs=10, seed=3, resamples=0)
    assert none.stability == {} and none.table["stability"].isna().all()
    assert none.table["search_repeatability"].notna().all()


def test_the_algorithms_defaults_are_the_core_defaults():
    from customer_segmentation.core import stability
    from customer_segmentation.processing import resampling

    assert (resampling.RESAMPLES, resampling.RESAMPLE_RUNS) == (stability.RESAMPLES,
                                                                stability.RESAMPLE_RUNS)
