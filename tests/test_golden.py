"""Golden tests: the fixture event renders to exactly the expected Markdown.

After an intended change of templates or labels, refresh the expected files with
`make golden` (pytest tests/test_golden.py --update-golden) and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.load import load_catalogue
from digest.render import render_site

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "data"
GOLDEN = HERE / "golden"
PAGES = [f"{lang}/{page}" for lang in ("vi", "en")
         for page in ("events/2024-03-05-fixture-workshop.md", "events/index.md", "index.md")]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return render_site(load_catalogue(FIXTURE, FIXTURE.parent))


@pytest.mark.parametrize("page", PAGES)
def test_rendered_page_matches_golden(rendered, page, request):
    expected = GOLDEN / page
    if request.config.getoption("--update-golden"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(rendered[page], encoding="utf-8")
    assert expected.is_file(), f"no golden file {expected}: run make golden"
    assert rendered[page] == expected.read_text(encoding="utf-8")


def test_rendering_is_deterministic():
    catalogue = load_catalogue(FIXTURE, FIXTURE.parent)
    assert render_site(catalogue) == render_site(load_catalogue(FIXTURE, FIXTURE.parent))
