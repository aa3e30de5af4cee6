"""Site layer: the real site, built once per session (tests/conftest.py `site`), parsed as files. No browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup


@pytest.fixture(scope="session")
def site_url() -> str:
    """The site's public address (mkdocs.yml site_url), as canonical links, feeds and sitemap give it."""
    return "https://netzero-vietnam-digest.example.org/"


@pytest.fixture(scope="session")
def soup(site: Path, prefix: dict[str, str]):
    """`soup(lang, path)`: the built page at `path` (inside the language, e.g. "events/") parsed; fails if missing.

    Parsed once per session: tests only read the trees."""
    parsed: dict[tuple[str, str], BeautifulSoup] = {}

    def read(lang: str, path: str) -> BeautifulSoup:
        if (lang, path) not in parsed:
            file = site / prefix[lang] / path / "index.html"
            assert file.is_file(), f"missing page {file}"
            parsed[lang, path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return parsed[lang, path]

    return read
