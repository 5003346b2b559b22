"""Independent seeded pieces of k-means work on all the cores, with the same result on any machine.

Two things make a seeded result depend on the machine: a multi-threaded BLAS splits matrix
products differently with different numbers of cores (so float64 sums are rounded
differently), and work shared between threads in a varying order. Here every product runs
single-threaded (:func:`single_threaded_blas`) and the parallelism is at a coarser level:
whole batches of starts, or whole values of k, each with its own seed, run in threads
(:func:`run_tasks`, numpy releases the GIL in its loops) and are combined in a fixed order.
So the same data and seed give the same clusters on 1 core or 16.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import contextmanager, nullcontext
from typing import Callable, TypeVar

from .errors import RunCancelled

T = TypeVar("T")
Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]
Task = Callable[[Progress, IsCancelled], T]

POLL_SECONDS = 0.1


_blas_lock = threading.Lock()
_blas_depth = 0


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run numpy's matrix products on one thread for the duration (process-wide).

    Re-entrant: inside another such block it only counts (setting the limit costs a
    millisecond or two, and a search sets it once for all its generations)."""
    global _blas_depth
    with _blas_lock:
        outer = _blas_depth == 0
        _blas_depth += 1
    try:
        limits = nullcontext()
        if outer:
            try:
                from threadpoolctl import threadpool_limits  # installed with scikit-learn
            except ImportError:  # pragma: no cover - scikit-learn always brings it
                pass
            else:
                limits = threadpool_limits(1, user_api="blas")
        with limits:
            yield
    finally:
        with _blas_lock:
            _blas_depth -= 1


def default_workers(tasks: int, workers: int | None = None) -> int:
    """Threads to use: ``workers`` or the number of cores, never more than the tasks."""
    if workers is None:
        workers = os.cpu_count() or 1
    return max(1, min(int(workers), tasks))


def run_tasks(
    tasks: list[Task], workers: int | None = None, progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> list:
    """Results of ``tasks`` in order; each is called as ``task(progress, is_cancelled)``.

    Progress (the mean of the tasks' shares) and cancellation are handled in the calling
    thread, so callers may pass QGIS feedback callbacks. A task's error is raised after the
    others have been stopped; a cancelled run raises :class:`RunCancelled`.
    """
    n = len(tasks)
    workers = default_workers(n, workers)
    with single_threaded_blas():
        if workers == 1:
            return [task(lambda f, i=i: progress and progress((i + f) / n),
                         cancelled or (lambda: False)) for i, task in enumerate(tasks)]
        shares = [0.0] * n
        stop = threading.Event()

        def share(i: int) -> Progress:
            def set_share(f: float) -> None:
                shares[i] = f
            return set_share

        with ThreadPoolExecutor(workers, thread_name_prefix="segmentation") as pool:
            futures = [pool.submit(task, share(i), stop.is_set) for i, task in enumerate(tasks)]
            pending = set(futures)
            while pending:
                done, pending = wait(pending, POLL_SECONDS, return_when=FIRST_EXCEPTION)
                if progress:
                    progress(sum(shares) / n)
                if (cancelled and cancelled()) or any(f.exception() for f in done):
                    stop.set()
        errors = [f.exception() for f in futures if f.exception() is not None]
        real = [e for e in errors if not isinstance(e, RunCancelled)]
        if real:
            raise real[0]
        if errors:
            raise RunCancelled()
        return [f.result() for f in futures]
