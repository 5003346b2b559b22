"""Long independent tasks in worker processes (compare-k's values of k, the stability
resamples): the same results as threads, errors, cancellation and progress cross the process
boundary, and the threads take over when no worker can be started."""

import os
import subprocess
import sys
import time
from functools import partial

import numpy as np
import pytest

from customer_segmentation.core import parallel
from customer_segmentation.core.diagnostics import compare_k, use_processes
from customer_segmentation.core.errors import RunCancelled, SegmentationError
from customer_segmentation.core.parallel import python_interpreter, run_tasks


def where(i, report, stop):
    """A task: its number and the process it ran in."""
    report(1.0)
    return i, os.getpid()


def fails(report, stop):
    raise SegmentationError("cluster 3 is empty")


def loops(report, stop):
    for _ in range(1000):
        if stop():
            raise RunCancelled()
        time.sleep(0.01)
    return "finished"


def two_clouds():
    rng = np.random.default_rng(0)
    return np.r_[rng.normal(0, 1, (300, 5)), rng.normal(4, 1, (200, 5)),
                 rng.normal((0, 4, 0, 0, 0), 1, (150, 5))]


def test_the_running_pythons_own_interpreter_is_found():
    """Not sys.executable (QGIS itself, or another Python on the PATH, inside QGIS): the
    interpreter of this Python's own installation, which can import numpy."""
    exe = python_interpreter()
    assert exe is not None
    out = subprocess.run([exe, "-c", "import sys, numpy; print(sys.version_info[:2], "
                          "numpy.__version__)"], capture_output=True, text=True, check=True)
    assert out.stdout.split()[:2] == str(tuple(sys.version_info[:2])).split()
    assert out.stdout.split()[-1] == np.__version__


def test_tasks_run_in_other_processes_in_order_with_progress():
    seen = []
    out = run_tasks([partial(where, i) for i in range(5)], workers=2, progress=seen.append,
                    processes=True)
    assert [i for i, _ in out] == list(range(5))
    assert os.getpid() not in {pid for _, pid in out}
    assert seen and seen[-1] == pytest.approx(1.0)


def test_a_workers_error_is_raised_in_the_caller():
    with pytest.raises(SegmentationError, match="cluster 3"):
        run_tasks([loops, fails], workers=2, processes=True)


def test_cancel_stops_the_workers():
    calls = {"n": 0}

    def cancelled():
        calls["n"] += 1
        return calls["n"] > 3

    t = time.perf_counter()
    with pytest.raises(RunCancelled):
        run_tasks([loops, loops, loops], workers=2, cancelled=cancelled, processes=True)
    assert time.perf_counter() - t < 8  # a task takes 10 s uncancelled


@pytest.mark.parametrize("how", ["no interpreter", "switched off"])
def test_threads_take_over_when_processes_cannot_be_used(monkeypatch, how):
    if how == "no interpreter":
        monkeypatch.setattr(parallel, "python_interpreter", lambda: None)
    else:
        monkeypatch.setenv(parallel.PROCESSES_ENV, "0")
    out = run_tasks([partial(where, i) for i in range(3)], workers=2, processes=True)
    assert [i for i, _ in out] == [0, 1, 2] and {pid for _, pid in out} == {os.getpid()}


def test_compare_k_in_processes_equals_threads_with_stability():
    X = two_clouds()
    threads = compare_k(X, range(2, 6), runs=6, seed=2, resamples=4, processes=False)
    procs = compare_k(X, range(2, 6), runs=6, seed=2, resamples=4, processes=True)
    assert procs.table.equals(threads.table)
    assert all(np.array_equal(procs.labels[k], threads.labels[k]) for k in range(2, 6))
    assert all(np.array_equal(procs.stability[k].jaccard, threads.stability[k].jaccard,
                              equal_nan=True)
               for k in range(2, 6))


def test_processes_only_for_long_work_on_inputs_that_travel(monkeypatch):
    monkeypatch.delenv(parallel.PROCESSES_ENV, raising=False)
    small, county = np.zeros((300, 10)), np.zeros((3000, 60))
    assert not use_processes(small, sum(range(2, 6)), 10, "search")  # well under a second
    assert use_processes(county, sum(range(2, 16)), 50, "search")  # about half a minute
    assert not use_processes(np.zeros((200_000, 60)), 119, 50, "search")  # 96 MB to each task


def test_a_classifications_stability_in_processes_equals_threads():
    from customer_segmentation.core.kmeans import kmeans
    from customer_segmentation.core.stability import resampling_stability

    X = two_clouds()
    labels = kmeans(X, 3, runs=5, seed=1).labels
    threads = resampling_stability(X, labels, 3, resamples=6, runs=3, seed=4, processes=False)
    procs = resampling_stability(X, labels, 3, resamples=6, runs=3, seed=4, processes=True)
    assert np.array_equal(procs.ari, threads.ari)
    assert np.array_equal(procs.jaccard, threads.jaccard, equal_nan=True)


@pytest.mark.parametrize("setting, expected", [("0", False), ("1", True)])
def test_the_environment_setting_decides_when_given(monkeypatch, setting, expected):
    monkeypatch.setenv(parallel.PROCESSES_ENV, setting)
    assert use_processes(np.zeros((300, 10)), 14, 10, "search") is expected
    comp = compare_k(two_clouds(), range(2, 4), runs=3, seed=1, resamples=0)
    assert comp.ran_in == ("processes" if expected else "threads")
