"""The theme's parts drawn once per language and depth (digest/publish/theme_memo.py): every page still gets
the configuration its own address needs, and the same palette switch."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

ORIGIN = "https://example.org/"


def pages(site: Path, prefix: str, event: str) -> dict[str, BeautifulSoup]:
    """Pages of one language at every depth, and its 404 page: {URL path: parsed page}."""
    paths = ["", "about/", "events/", f"events/{event}/", "topics/", "404.html"]
    out = {}
    for path in paths:
        file = site / prefix / path / ("" if path.endswith(".html") else "index.html")
        assert file.is_file(), f"missing {file}"
        out["/" + prefix + path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_page_s_theme_configuration_points_to_the_site_s_root_from_its_own_address(site, prefix, event_ids, lang):
    for url, html in pages(site, prefix[lang], event_ids[0]).items():
        config = json.loads(html.find("script", id="__config").string)
        page = urljoin(ORIGIN, url)
        assert urljoin(page, config["base"].rstrip("/") + "/") == ORIGIN, url
        worker = urljoin(page, config["search"])
        assert worker.startswith(ORIGIN) and (site / worker[len(ORIGIN):]).is_file(), (url, config["search"])


def test_the_palette_switch_is_the_same_on_every_page_of_a_language(site, prefix, event_ids):
    for lang in ("vi", "en"):
        forms = {str(html.find("form", attrs={"data-md-component": "palette"})) for html in pages(site, prefix[lang], event_ids[0]).values()}
        assert len(forms) == 1 and "__palette_1" in forms.pop(), lang
