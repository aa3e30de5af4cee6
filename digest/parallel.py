"""One parallel map for the generator: forked workers on the usable cores, same results as one process."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

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
