"""Fixtures shared by every layer of the suite.

Layers (each folder has its own conftest.py):

- tests/unit/: pure functions and the generator on fixture data (no MkDocs, no browser);
- tests/site/: the built site's HTML, XML and JSON, parsed;
- tests/browser/: the built site served over HTTP, driven in Chromium (marked `browser`).

Test modules never import each other or a conftest: what they share is a fixture here, or
in their layer's conftest.py (the real catalogue, its event ids, the language prefixes...).
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from digest.load import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
# The dev tools the tests drive (static_server, search_probe, synth) live in tools/.
sys.path.insert(0, str(ROOT / "tools"))

#: An event of the real data that every page kind links to (used by the browser layer's page kinds).
SAMPLE_EVENT = "2024-01-17-hai-phong-net-zero-workshop"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite the expected files of the golden tests (tests/golden/)")


@functools.cache
def real_catalogue():
    """data/ loaded by the real loader, once per test process."""
    return load_catalogue(ROOT / "data", ROOT)


def pytest_generate_tests(metafunc):
    """Parametrize by the real data: `event_id` runs a test once per event (catalogue order, newest first);
    `page_path` once per page of home, events index, about and every event (the path inside a language)."""
    if "event_id" in metafunc.fixturenames:
        metafunc.parametrize("event_id", [event.id for event in real_catalogue().events])
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", ["", "events/", "about/"] + [f"events/{event.id}/" for event in real_catalogue().events])


def count_words(text: str) -> int:
    """Words as readers count them: Vietnamese syllables or English words (whitespace-separated runs with a letter or digit)."""
    return sum(1 for word in text.split() if re.search(r"\w", word))


@pytest.fixture(scope="session")
def words():
    """`words(text)`: the number of words (Vietnamese syllables) of a text; the length budgets of an event page use it."""
    return count_words


@pytest.fixture(scope="session")
def root() -> Path:
    """The checkout (the folder holding data/, digest/, mkdocs.yml)."""
    return ROOT


@pytest.fixture(scope="session")
def fixture_data() -> Path:
    """tests/fixtures/data: a small, complete data folder (one hostile event, every entity kind)."""
    return ROOT / "tests" / "fixtures" / "data"


@pytest.fixture(scope="session")
def catalogue():
    """The real data (data/), loaded and validated."""
    return real_catalogue()


@pytest.fixture(scope="session")
def event_ids(catalogue) -> list[str]:
    """Ids of the real events, newest first (the catalogue's order)."""
    return [event.id for event in catalogue.events]


@pytest.fixture(scope="session")
def prefix() -> dict[str, str]:
    """Where each language's pages live in the built site."""
    return {"vi": "", "en": "en/"}


@pytest.fixture(scope="session")
def sample_event() -> str:
    return SAMPLE_EVENT


def build_site(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> None:
    """Generate pages, build with MkDocs (strict, one process per language), index for search: scripts/build_site.py, as `make site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "scripts/build_site.py", "--quiet", "-f", str(config), "--site", str(site_dir)], cwd=ROOT, check=True, env=env)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session (site and browser layers)."""
    site_dir = tmp_path_factory.mktemp("site")
    build_site(site_dir)
    return site_dir
