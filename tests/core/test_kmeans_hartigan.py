"""Issue 15 item 8: Hartigan's moves run to a fixed point, or say that they stopped early."""

import numpy as np
import pytest

from customer_segmentation.core.kmeans import (
    cluster_wcss,
    hartigan,
    hartigan_batched,
    hartigan_moves,
    nearest_centre,
)


@pytest.fixture(scope="module")
def slow_start():
    """1-D rows in 40 clusters that start interleaved: Hartigan needs about 200 passes."""
    X = np.random.default_rng(0).normal(size=(3000, 1))
    labels = np.argsort(np.argsort(X[:, 0])) % 40
    return X, labels


def count_nearer_other(X, labels, k):
    """Areas (not alone in their cluster) whose nearest centre is another cluster's."""
    centres, _ = cluster_wcss(X, labels, k)
    idx, _ = nearest_centre(X, centres)
    sizes = np.bincount(labels, minlength=k)
    return int(((idx != labels) & (sizes[labels] > 1)).sum())


def test_hartigan_reaches_a_fixed_point_however_many_passes_it_takes(slow_start):
    X, start = slow_start
    labels = hartigan(X, start, 40)
    assert count_nearer_other(X, labels, 40) == 0
    again = hartigan_moves(X, labels, 40)
    assert again.converged and again.passes == 1 and np.array_equal(again.labels, labels)
    full = hartigan_moves(X, start, 40)
    assert full.converged and full.nearer_other == 0 and full.passes > 100
    assert np.array_equal(full.labels, labels)


def test_a_capped_run_reports_that_it_stopped_and_how_many_areas_are_misplaced(slow_start):
    X, start = slow_start
    capped = hartigan_moves(X, start, 40, max_passes=20)
    assert not capped.converged and capped.passes == 20
    assert capped.nearer_other == count_nearer_other(X, capped.labels, 40) > 0
    done = hartigan_moves(X, capped.labels, 40)  # continuing lowers the WCSS
    assert done.converged
    assert cluster_wcss(X, done.labels, 40)[1].sum() < cluster_wcss(X, capped.labels, 40)[1].sum()


def test_batched_moves_reach_a_fixed_point_of_the_one_at_a_time_moves(slow_start):
    """Issue 14: the sample search's batched Hartigan moves end where no single move helps."""
    X, start = slow_start
    labels = hartigan_batched(X, start, 40)
    assert np.bincount(labels, minlength=40).min() >= 1  # no cluster emptied
    after = hartigan_moves(X, labels, 40)  # no single move left that lowers the WCSS
    assert after.converged and after.passes == 1 and np.array_equal(after.labels, labels)
    assert count_nearer_other(X, labels, 40) == 0
    assert cluster_wcss(X, labels, 40)[1].sum() < cluster_wcss(X, start, 40)[1].sum()
    assert np.array_equal(hartigan_batched(X, start, 40), labels)  # deterministic
