"""Unit layer: pure functions and the generator on fixture data. No MkDocs build, no browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# fixture_data (tests/fixtures/data) is in tests/conftest.py: the site layer builds it too.


@pytest.fixture(scope="session")
def bad_data() -> Path:
    """tests/fixtures/bad: one wrong event file per kind of mistake, and a valid one to vary."""
    return FIXTURES / "bad"


@pytest.fixture(scope="session")
def run_generator():
    """`run_generator(project, *args)`: the generator's command line on project/data → project/docs; returns the exit status."""

    def run(project: Path, *args: str) -> int:
        return main(["--data", str(project / "data"), "--docs", str(project / "docs"), *args], project)

    return run
