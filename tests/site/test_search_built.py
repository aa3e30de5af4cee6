"""The built site's search index (Pagefind, digest/publish/search_index.py), read as files: one index per
language, served pages untouched by the indexer, the search scope as the templates declare it, aliases
from data/ in a hidden block. Browser tests of search:
tests/browser/test_search.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from digest.fold import STROKE

HP = "events/2024-01-17-hai-phong-net-zero-workshop/"


def test_index_per_language(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"vi", "en"}
    assert entry["languages"]["vi"]["page_count"] == entry["languages"]["en"]["page_count"] > 0
    # Pagefind's own UIs are not used, so not shipped.
    assert not (site / "pagefind" / "pagefind-ui.js").exists()


def test_built_pages_untouched_and_aliases_hidden(site: Path, root: Path) -> None:
    """The index reads a marked copy: the served HTML has no U+0335; aliases from data/ are in a
    hidden block that only the index reads."""
    html = (site / HP / "index.html").read_text(encoding="utf-8")
    assert STROKE not in html
    block = re.search(r'<div class="nzd-search-terms" hidden[^>]*>(.*?)</div>', html)
    assert block, "event page lacks its hidden search terms"
    places = {p["id"]: p for p in yaml.safe_load((root / "data" / "places.yaml").read_text(encoding="utf-8"))}
    for alias in places["hai-phong"]["aliases"]:
        assert alias in block[1]


#: Pages the index holds (their article is marked `data-pagefind-body`) and pages it leaves out.
INDEXED = [HP, f"en/{HP}", "places/hai-phong/", "en/people/susan-burns/", "organisations/becamex-idc/", "topics/net-zero-targets/",
           "about/", "en/open-data/"]
NOT_INDEXED = ["", "en/", "events/", "en/events/", "archive/", "commitments/", "sources/", "sources/hp-a/", "en/sources/bd-b/",
               "people/", "en/topics/", "404.html", "en/404.html"]


def test_search_scope_is_declared_by_the_page_kinds(site: Path) -> None:
    def body(path: str) -> bool:
        file = site / path if path.endswith(".html") else site / path / "index.html"
        return "<div data-pagefind-body" in file.read_text(encoding="utf-8")

    assert [path for path in INDEXED if not body(path)] == []
    assert [path for path in NOT_INDEXED if body(path)] == []
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    marked = sum(1 for file in site.rglob("index.html") if "<div data-pagefind-body" in file.read_text(encoding="utf-8"))
    assert entry["languages"]["vi"]["page_count"] + entry["languages"]["en"]["page_count"] == marked


def test_sections_that_are_not_the_pages_own_text_are_left_out(site: Path) -> None:
    """Sources, related events, the citation block, source markers and appearance tables carry data-pagefind-ignore."""
    html = (site / HP / "index.html").read_text(encoding="utf-8")
    for ident in ("sources", "related", "cite"):
        assert re.search(rf'<h2 data-pagefind-ignore id="{ident}"', html), ident
    assert '<div class="nzd-cite-block" data-pagefind-ignore>' in html
    markers = re.findall(r'<span class="nzd-cite"[^>]*>', html)
    assert markers and all("data-pagefind-ignore" in marker for marker in markers)
    entity = (site / "places/hai-phong/index.html").read_text(encoding="utf-8")
    assert '<h2 data-pagefind-ignore id="appears-in"' in entity and "<table data-pagefind-ignore>" in entity
