"""One parallel map for the generator: forked workers on the usable cores, same results as one process."""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Worker processes: NZD_JOBS if set (1 = none), else the usable cores.
JOBS_ENV = "NZD_JOBS"
#: Below this many events one process is quicker than starting others.
MIN_EVENTS = 200

_TASK: tuple[Callable, Any] | None = None  # (function, shared), inherited by forked workers


def jobs() -> int:
    """How many processes the generator may use."""
    try:
        wanted = int(os.environ.get(JOBS_ENV, "0"))
    except ValueError:
        wanted = 0
    if wanted > 0:
        return wanted
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _run_chunk(chunk: Sequence) -> list:
    function, shared = _TASK  # type: ignore[misc]
    return [function(item, shared) for item in chunk]


def parallel_map(function: Callable[[T, Any], R], items: Sequence[T], shared: Any = None, *,
                 worth_it: bool = True, chunks_per_job: int = 1, local: Callable[[T, Any], Any] | None = None) -> list:
    """`[function(item, shared) for item in items]`, in order, split over forked workers when
    `worth_it` and there is more than one core. `shared` reaches the workers by fork, not by
    pickling; results come back pickled, so keep them plain. With `local`, this process takes a
    core's share of the items (the first ones) itself while the workers run, and gives `local`'s
    results for them (and for every item, when it has no workers): they cross no process boundary,
    so they need not be plain."""
    workers = min(jobs(), len(items))
    here = local or function
    if workers < 2 or not worth_it:
        return [here(item, shared) for item in items]
    own = items[:len(items) // workers] if local is not None else items[:0]
    rest = items[len(own):]
    global _TASK
    _TASK = (function, shared)
    try:
        forked = workers - 1 if own else workers
        size = -(-len(rest) // (forked * chunks_per_job))
        chunks = [rest[i:i + size] for i in range(0, len(rest), size)]
        # A worker keeps what it inherits (`shared`) until it exits: frozen, the collector does not scan it
        # again at every collection.
        with ProcessPoolExecutor(max_workers=forked, mp_context=multiprocessing.get_context("fork"), initializer=gc.freeze) as pool:
            done = pool.map(_run_chunk, chunks)
            mine = [here(item, shared) for item in own]
            return mine + [result for chunk in done for result in chunk]
    finally:
        _TASK = None


class Background(Generic[R]):
    """`function(shared)` in a forked process of lower priority (`nice`), started at once: it takes the
    cores the others leave idle. `shared` reaches it by fork; its result comes back pickled. `result()`
    waits for it; `stop()` ends it unfinished."""

    def __init__(self, function: Callable[[Any], R], shared: Any = None, *, nice: int = 10) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_background, args=(function, shared, send, nice))
        self._process.start()
        send.close()

    def result(self) -> R:
        try:
            done, value = self._receive.recv()
        except EOFError:  # it ended without a word
            self._process.join()
            done, value = False, f"exit code {self._process.exitcode}"
        self._process.join()
        if not done:
            raise RuntimeError(f"background process failed: {value}")
        return value

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _background(function: Callable[[Any], Any], shared: Any, send, nice: int) -> None:
    os.nice(nice)
    gc.freeze()
    try:
        outcome = (True, function(shared))
    except BaseException:  # reported to the parent, which raises
        outcome = (False, traceback.format_exc())
    send.send(outcome)
    send.close()
