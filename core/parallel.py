"""Independent seeded pieces of k-means work on all the cores, with the same result on any machine.

Two things make a seeded result depend on the machine: a multi-threaded BLAS splits matrix
products differently with different numbers of cores (so float64 sums are rounded
differently), and work shared between threads in a varying order. Here every product runs
single-threaded (:func:`single_threaded_blas`) and the parallelism is at a coarser level:
whole batches of starts, or whole values of k, each with its own seed, run in threads
(:func:`run_tasks`, numpy releases the GIL in its loops) and are combined in a fixed order.
So the same data and seed give the same clusters on 1 core or 16.

Threads share one interpreter lock, and k-means on a few thousand areas is many small numpy
steps, so two threads ran compare-k only 1.12 times as fast as one. Long runs of independent
tasks (compare-k's values of k, the stability resamples) can therefore run in worker processes
instead (:func:`run_tasks` with ``processes=True``): each task must then be picklable (a
:func:`functools.partial` of a module-level function), and the workers are started with the
running Python's own interpreter (inside QGIS ``sys.executable`` may be QGIS itself, or
another Python found on the PATH). When processes cannot be used the same tasks run in
threads, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from multiprocessing import spawn
from typing import Callable, TypeVar

from .errors import RunCancelled

T = TypeVar("T")
Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]
Task = Callable[[Progress, IsCancelled], T]

POLL_SECONDS = 0.1
#: 0 keeps every task in threads, 1 uses worker processes for any work that may use them;
#: unset, the work's estimated length decides (:func:`worth_processes`). The results are the
#: same either way.
PROCESSES_ENV = "CUSTOMER_SEGMENTATION_PROCESSES"


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


#: Estimated seconds of work from which worker processes are started (each takes about half a
#: second to start), and the largest input sent to them (a copy goes to every task).
PROCESS_MIN_SECONDS = 4.0
PROCESS_MAX_BYTES = 64 * 2**20


def _setting() -> str:
    """:data:`PROCESSES_ENV` as set ("0", "1", or anything else: decide by the work)."""
    return os.environ.get(PROCESSES_ENV, "").strip()


def worth_processes(seconds: float, nbytes: int) -> bool:
    """Whether work estimated at ``seconds`` on an input of ``nbytes`` should use processes
    (or as :data:`PROCESSES_ENV` says)."""
    setting = _setting()
    if setting in ("0", "1"):
        return setting == "1"
    return seconds >= PROCESS_MIN_SECONDS and nbytes <= PROCESS_MAX_BYTES


class ProcessesUnavailable(RuntimeError):
    """Worker processes could not be started or died: run the tasks in threads instead."""


def python_interpreter() -> str | None:
    """The running Python's own interpreter, or None when it cannot be found."""
    major, minor = sys.version_info[:2]
    if os.name == "nt":
        candidates = [os.path.join(sys.exec_prefix, "python.exe")]
    else:
        folder = os.path.join(sys.exec_prefix, "bin")
        candidates = [os.path.join(folder, f"python{major}.{minor}"),
                      os.path.join(folder, f"python{major}")]
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


_worker_stop = None
_worker_shares = None


def _start_worker(stop, shares) -> None:
    """In each worker process: the run's stop flag and progress shares; one BLAS thread."""
    global _worker_stop, _worker_shares
    _worker_stop, _worker_shares = stop, shares


def _run_in_worker(i: int, task: Task):
    def report(f: float) -> None:
        _worker_shares[i] = f
    with single_threaded_blas():
        return task(report, _worker_stop.is_set)


def _gather(futures: list, shares, stop, progress: Progress | None,
            cancelled: IsCancelled | None) -> list:
    """Wait for ``futures`` (threads or processes), reporting the mean of their progress
    ``shares``; on cancel or a task's error set ``stop`` and drop the tasks not started. The
    results in order, or the first real error, or :class:`RunCancelled`."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, POLL_SECONDS, return_when=FIRST_EXCEPTION)
        if progress:
            progress(sum(shares) / len(futures))
        if (cancelled and cancelled()) or any(
                not f.cancelled() and f.exception() for f in done):
            stop.set()
            for f in pending:
                f.cancel()
    errors = [f.exception() for f in futures if not f.cancelled() and f.exception() is not None]
    real = [e for e in errors if not isinstance(e, RunCancelled)]
    if real:
        raise real[0]
    if errors or any(f.cancelled() for f in futures):
        raise RunCancelled()
    return [f.result() for f in futures]


def _run_in_processes(tasks: list[Task], workers: int, progress: Progress | None,
                      cancelled: IsCancelled | None) -> list:
    """:func:`run_tasks` in ``workers`` spawned processes (see the module docstring)."""
    exe = python_interpreter()
    if exe is None:
        raise ProcessesUnavailable("no Python interpreter beside this one")
    ctx = multiprocessing.get_context("spawn")
    before = spawn.get_executable()
    try:
        ctx.set_executable(exe)
        stop = ctx.Event()
        shares = ctx.Array("d", len(tasks), lock=False)
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_start_worker,
                                 initargs=(stop, shares)) as pool:
            futures = [pool.submit(_run_in_worker, i, task) for i, task in enumerate(tasks)]
            return _gather(futures, shares, stop, progress, cancelled)
    except (BrokenProcessPool, OSError) as err:
        raise ProcessesUnavailable(str(err)) from err
    finally:
        ctx.set_executable(before)


def run_tasks(
    tasks: list[Task], workers: int | None = None, progress: Progress | None = None,
    cancelled: IsCancelled | None = None, processes: bool = False,
) -> list:
    """Results of ``tasks`` in order (see :func:`run_tasks_where`)."""
    return run_tasks_where(tasks, workers, progress, cancelled, processes)[0]


def run_tasks_where(
    tasks: list[Task], workers: int | None = None, progress: Progress | None = None,
    cancelled: IsCancelled | None = None, processes: bool = False,
) -> tuple[list, str]:
    """Results of ``tasks`` in order, and where they ran: "processes", "threads" or "serial".
    Each task is called as ``task(progress, is_cancelled)``.

    Progress (the mean of the tasks' shares) and cancellation are handled in the calling
    thread, so callers may pass QGIS feedback callbacks. A task's error is raised after the
    others have been stopped; a cancelled run raises :class:`RunCancelled`. With
    ``processes`` (picklable tasks, more than one worker) they run in worker processes when
    those can be started, else in threads; the results are the same.
    """
    n = len(tasks)
    workers = default_workers(n, workers)
    if processes and workers > 1 and _setting() != "0":
        try:
            return _run_in_processes(tasks, workers, progress, cancelled), "processes"
        except ProcessesUnavailable:
            if cancelled and cancelled():
                raise RunCancelled() from None
    with single_threaded_blas():
        if workers == 1:
            return [task(lambda f, i=i: progress and progress((i + f) / n),
                         cancelled or (lambda: False)) for i, task in enumerate(tasks)], "serial"
        shares = [0.0] * n
        stop = threading.Event()

        def share(i: int) -> Progress:
            def set_share(f: float) -> None:
                shares[i] = f
            return set_share

        with ThreadPoolExecutor(workers, thread_name_prefix="segmentation") as pool:
            futures = [pool.submit(task, share(i), stop.is_set) for i, task in enumerate(tasks)]
            return _gather(futures, shares, stop, progress, cancelled), "threads"
