"""Parallel pieces of work: results in order, errors and cancellation surface, one-thread BLAS."""

import threading
import time

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from customer_segmentation.core.diagnostics import compare_k
from customer_segmentation.core.errors import RunCancelled, SegmentationError
from customer_segmentation.core.parallel import run_tasks, single_threaded_blas


def blas_threads():
    return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}


def test_results_in_task_order_progress_from_the_calling_thread():
    caller, seen = threading.get_ident(), []

    def task(i):
        def run(report, stop):
            time.sleep(0.02 * (4 - i))  # later tasks finish first
            report(1.0)
            return i * i, blas_threads()
        return run

    out = run_tasks([task(i) for i in range(4)], workers=2,
                    progress=lambda f: seen.append((threading.get_ident(), f)))
    assert [r for r, _ in out] == [0, 1, 4, 9]
    assert all(threads == {1} for _, threads in out if threads)  # products single-threaded
    assert seen and {t for t, _ in seen} == {caller} and seen[-1][1] == pytest.approx(1.0)


def test_a_tasks_error_wins_over_the_others_being_stopped():
    def fails(report, stop):
        raise SegmentationError("cluster 3 is empty")

    def waits(report, stop):
        while not stop():
            time.sleep(0.01)
        raise RunCancelled()

    with pytest.raises(SegmentationError, match="cluster 3"):
        run_tasks([waits, fails], workers=2)


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_stops_every_task(workers):
    started = []

    def loop(report, stop):
        started.append(1)
        for _ in range(500):
            if stop():
                raise RunCancelled()
            time.sleep(0.01)
        return "finished"

    flag = {"n": 0}

    def cancelled():
        flag["n"] += 1
        return flag["n"] > 2

    t = time.perf_counter()
    with pytest.raises(RunCancelled):
        run_tasks([loop, loop, loop], workers=workers, cancelled=cancelled,
                  progress=lambda f: None)
    assert time.perf_counter() - t < 3  # not the 5 s a task takes uncancelled


def test_blas_limit_is_restored():
    """Every BLAS numpy uses runs on one thread inside, and as many as before afterwards."""
    if not blas_threads():
        pytest.skip("threadpoolctl finds no BLAS it can limit here (e.g. Debian's reference "
                    "BLAS, always one thread): nothing to limit or restore")
    with threadpool_limits(2, user_api="blas"):  # more than one thread, whatever the cores
        before = blas_threads()
        assert before == {2}
        with single_threaded_blas():
            assert blas_threads() == {1}
        assert blas_threads() == before


def test_compare_k_is_the_same_on_one_core_or_two():
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(0, 1, (300, 5)), rng.normal(4, 1, (200, 5))]
    one = compare_k(X, range(2, 6), runs=6, seed=2, workers=1)
    two = compare_k(X, range(2, 6), runs=6, seed=2, workers=2)
    assert one.table.equals(two.table)
    assert all(np.array_equal(one.labels[k], two.labels[k]) for k in range(2, 6))
