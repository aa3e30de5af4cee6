"""digest.parallel.Background: a forked process of lower priority that gives back its result or its failure."""

from __future__ import annotations

import os

import pytest

from digest.parallel import Background


def _value(shared: dict) -> dict:
    return {"pid": os.getpid(), "nice": os.nice(0), "seen": shared["big"][-1]}


def _fails(shared: object) -> None:
    raise ValueError("no such card")


def _waits(shared: object) -> None:
    os.read(shared, 1)  # blocks until the test's pipe is written to or closed


def test_result_comes_from_a_process_of_lower_priority_given_shared_by_fork() -> None:
    shared = {"big": list(range(100_000))}
    job = Background(_value, shared, nice=5)
    out = job.result()
    assert out["pid"] != os.getpid()
    assert out["nice"] == os.nice(0) + 5
    assert out["seen"] == 99_999


def test_a_failure_is_raised_with_its_traceback() -> None:
    job = Background(_fails)
    with pytest.raises(RuntimeError, match=r"(?s)background process failed: Traceback.*ValueError: no such card"):
        job.result()


def test_stop_ends_an_unfinished_process() -> None:
    read, write = os.pipe()
    try:
        job = Background(_waits, read)
        job.stop()
        assert not job._process.is_alive()
        assert job._process.exitcode != 0
    finally:
        os.close(read)
        os.close(write)
