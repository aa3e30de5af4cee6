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
from digest.publish.search_index import EXCLUDE

HP = "events/2024-01-17-hai-phong-net-zero-workshop/"


def test_index_per_language(site: Path) -> None:
    """Per language: the primary index holds the pages of every kind but events, an index shard
    (`first-0/`) the event pages; the manifest search.js reads lists both, events as the group listed first."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"vi", "en"}
    assert entry["languages"]["vi"]["page_count"] == entry["languages"]["en"]["page_count"] > 0
    manifest = json.loads((site / "pagefind" / "nzd-indexes.json").read_text(encoding="utf-8"))
    assert manifest == {"en": [["", 1], ["first-0/", 0]], "vi": [["", 1], ["first-0/", 0]]}
    events = len(list((site / "events").glob("*/index.html")))
    shard = json.loads((site / "pagefind" / "first-0" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert shard["languages"]["vi"]["page_count"] == shard["languages"]["en"]["page_count"] == events > 0
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
    indexed = 0
    for entry_file in (site / "pagefind").glob("**/pagefind-entry.json"):
        languages = json.loads(entry_file.read_text(encoding="utf-8"))["languages"]
        indexed += languages["vi"]["page_count"] + languages["en"]["page_count"]
    marked = sum(1 for file in site.rglob("index.html") if "<div data-pagefind-body" in file.read_text(encoding="utf-8"))
    assert indexed == marked


def test_sections_that_are_not_the_pages_own_text_are_left_out(site: Path) -> None:
    """Sources, related events, the citation block and appearance tables carry data-pagefind-ignore; source markers are excluded by selector."""
    html = (site / HP / "index.html").read_text(encoding="utf-8")
    for ident in ("sources", "related", "cite"):
        assert re.search(rf'<h2 data-pagefind-ignore id="{ident}"', html), ident
    assert '<div class="nzd-cite-block" data-pagefind-ignore>' in html
    assert re.findall(r'<span class="nzd-cite"[^>]*>', html) and ".nzd-cite" in EXCLUDE, "source markers are excluded by selector"
    entity = (site / "places/hai-phong/index.html").read_text(encoding="utf-8")
    assert '<h2 data-pagefind-ignore id="appears-in"' in entity and re.search(r"<table [^>]*data-pagefind-ignore", entity)
    assert all("data-pagefind-ignore" in section for section in re.findall(r'<section class="nzd-at-event"[^>]*>', entity))


#: What each section's pages are, as the index's `kind` metadata must say (digest/site.py SEARCH_KINDS).
KIND_OF_SECTION = {"events": "event", "places": "place", "organisations": "organisation", "people": "person",
                   "topics": "topic", "about": "page", "open-data": "page"}
BODY = re.compile(r"<div data-pagefind-body([^>]*)>")


def test_every_indexed_page_says_its_kind(site: Path) -> None:
    """Every page the index holds carries its kind as Pagefind metadata (search results say it), event
    pages also their date and place; no page carries a Pagefind filter (event pages are listed first
    because the indexer puts them in index shards of their own, by their kind)."""
    wrong = []
    for file in sorted(site.rglob("index.html")):
        match = BODY.search(file.read_text(encoding="utf-8"))
        if not match:
            continue
        path = file.parent.relative_to(site).as_posix().removeprefix("en/").removeprefix("en")
        expected = KIND_OF_SECTION.get(path.split("/")[0])
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match[1]))
        meta = "kind[data-nzd-kind], event_date[data-nzd-date], event_place[data-nzd-place]" if expected == "event" else "kind[data-nzd-kind]"
        if attrs.get("data-nzd-kind") != expected or attrs.get("data-pagefind-meta") != meta:
            wrong.append(f"{file.relative_to(site)}: {match[1]!r}, expected kind {expected!r}")
        elif "data-pagefind-filter" in attrs:
            wrong.append(f"{file.relative_to(site)}: no page carries a filter: {match[1]!r}")
        elif expected == "event" and not (attrs.get("data-nzd-date") and attrs.get("data-nzd-place")):
            wrong.append(f"{file.relative_to(site)}: an event page without its date and place: {match[1]!r}")
    assert not wrong, "\n".join(wrong)


def test_event_date_and_place_as_the_page_says_them(site: Path, catalogue) -> None:
    """The date and place a result shows are the page's, inferred parts marked ("(inferred: year)")."""
    for event in catalogue.events:
        for prefix, inferred in (("", "suy luận"), ("en/", "inferred")):
            html = (site / prefix / "events" / event.id / "index.html").read_text(encoding="utf-8")
            attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', BODY.search(html)[1]))
            assert (f"({inferred}:" in attrs["data-nzd-date"]) == bool(event.date.inferred), (event.id, attrs)
            assert attrs["data-nzd-place"].endswith(f"({inferred})") == bool(event.place.inferred), (event.id, attrs)
