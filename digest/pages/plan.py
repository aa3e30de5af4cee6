"""The pages to generate: one declarative list of (path under docs/, template, context) per language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from digest import site
from digest.load import Catalogue
from digest.pages.browse import ENTITY_KINDS, Browse
from digest.pages.citations import citation_files
from digest.pages.citations import meta as citation_meta
from digest.pages.feeds import atom_feed
from digest.pages.helpers import PageHelpers
from digest.pages.open_data import event_data, event_json, event_schema, open_data_csv, open_data_json, open_data_schema
from digest.pages.pagination import paginate

#: How many of the latest events the home page lists, and how many topics and places it offers as ways in
#: (the busiest first): the home page stays the same size however large the archive grows.
HOME_EVENTS = 6
HOME_TOPICS = 10
HOME_PLACES = 8


@dataclass(frozen=True)
class PageSpec:
    """One generated file: its path under docs/, and either a template with its context or a
    function that writes the file's text (feeds, open data)."""

    path: str
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    make: Callable[[], str] | None = None


#: Page kinds whose pages the search index holds (page 1 of them): their text is their own.
#: Lists, the archive, the commitments table and source-article pages are left out: their text
#: is the listed pages' own, and indexing it would put list pages among the results.
#: What each is called in search results, and their order there: digest/site.py, SEARCH_KINDS.
SEARCHABLE = tuple(site.SEARCH_KINDS)


def searchable(page_kind: str, page_id: str | None, page: int = 1) -> bool:
    """Whether the search index holds a page: an item (or single page) of a SEARCHABLE kind, its first page."""
    return page_kind in SEARCHABLE and page == 1 and (page_id is not None or page_kind in site.SINGLE_PAGES)


def _search(page_kind: str, page_id: str | None, page: int = 1, **details: str) -> dict[str, Any]:
    """The context a page's front matter needs for search: whether it is indexed and, if so, what
    its search result says it is (`search_result`: its kind, and `details` such as an event's date
    and place), which overrides/main.html writes as Pagefind's filter and metadata."""
    if not searchable(page_kind, page_id, page):
        return {"searchable": False}
    return {"searchable": True, "search_result": {"kind": site.SEARCH_KINDS[page_kind], **details}}


def _page(lang: str, page_kind: str, page_id: str | None, template: str, result: dict[str, str] | None = None, **context) -> PageSpec:
    doc = site.doc_path(page_kind, page_id)
    return PageSpec(site.docs_file(lang, doc), template, {"doc": doc, **_search(page_kind, page_id, **(result or {})), **context})


def _paged(lang: str, page_kind: str, page_id: str | None, template: str, items: list, per_page: int = site.PER_PAGE,
           **context) -> Iterator[PageSpec]:
    for chunk, pager in paginate(items, page_kind, page_id, per_page):
        yield PageSpec(site.docs_file(lang, pager.doc), template, {"doc": pager.doc, "items": chunk, "pager": pager,
                                                                   **_search(page_kind, page_id, pager.number), **context})


def open_data_files(catalogue: Catalogue) -> list[PageSpec]:
    """The open data, once for all languages (under the default language's files)."""
    lang = site.DEFAULT_LANGUAGE
    dumped: dict[str, dict] = {}

    def dump_once(event) -> dict:  # dumped once, written twice (its own file and the whole archive's)
        if event.id not in dumped:
            dumped[event.id] = event_data(event)
        return dumped[event.id]

    return [
        PageSpec(site.docs_file(lang, site.doc_path("data", "events.json")),
                 make=lambda: open_data_json(catalogue, [dump_once(event) for event in catalogue.events])),
        PageSpec(site.docs_file(lang, site.doc_path("data", "events.csv")), make=lambda: open_data_csv(catalogue)),
        PageSpec(site.docs_file(lang, site.doc_path("data", "schema.json")), make=open_data_schema),
        PageSpec(site.docs_file(lang, site.doc_path("data", "event.schema.json")), make=event_schema),
        *(event_data_file(event, dump_once) for event in catalogue.events),
    ]


def event_data_file(event, dumper: Callable[[Any], dict] = event_data) -> PageSpec:
    """One event's own open-data JSON (under the default language's files)."""
    path = site.docs_file(site.DEFAULT_LANGUAGE, site.doc_path("data", f"events/{event.id}.json"))
    return PageSpec(path, make=lambda: event_json(dumper(event)))


def home_context(catalogue: Catalogue, browse: Browse, helpers: PageHelpers) -> dict[str, Any]:
    """The front page: the latest events, what the archive holds, and the busiest topics and places."""

    def busiest(kind: str, limit: int) -> list[tuple[str, int]]:
        found = browse.appearances[kind]
        ranked = sorted(found, key=lambda ident: (-len(found[ident]), helpers.entity_name(kind, ident).casefold(), ident))
        return [(ident, len(found[ident])) for ident in ranked[:limit]]

    holdings = {"events": len(catalogue.events), "sources": len(browse.sources), "commitments": len(browse.commitments),
                **{kind: len(browse.appearances[kind]) for kind in ("places", "organisations", "people", "topics")}}
    return {"events": catalogue.events[:HOME_EVENTS], "holdings": holdings,
            "topics": busiest("topics", HOME_TOPICS), "places": busiest("places", HOME_PLACES)}


def event_files(catalogue: Catalogue, lang: str, helpers: PageHelpers, event, *, sources: bool = True) -> Iterator[PageSpec]:
    """One event's own files in one language: its page, its citation files and (with `sources`) its
    source pages; the live preview renders these first after an edit."""
    source_file = catalogue.files.get(event.id, f"data/events/{event.id}.yaml")
    yield _page(lang, "events", event.id, "event.md.j2", event=event, source_file=source_file,
                result={"date": helpers.event_date_marked(event), "place": helpers.event_place_marked(event)},
                head={**{f"citation_{key}": value for key, value in citation_meta(helpers, event).items()},
                      "json": site.absolute_url("data", f"events/{event.id}.json")})
    for path, text in citation_files(helpers, event).items():
        yield PageSpec(path, make=lambda text=text: text)
    if sources:
        for source in event.sources:
            yield _source_page(lang, source, event)


def _source_page(lang: str, source, event) -> PageSpec:
    return _page(lang, "sources", source.id, "source.md.j2", source=source, event=event)


def language_pages(catalogue: Catalogue, browse: Browse, lang: str, helpers: PageHelpers) -> Iterator[PageSpec]:
    """Every page of one language, in no particular order (the output is sorted by path)."""
    yield PageSpec(site.docs_file(lang, site.doc_path("feed")), make=lambda: atom_feed(catalogue, lang, helpers.t))
    yield _page(lang, "home", None, "home.md.j2", **home_context(catalogue, browse, helpers))
    yield _page(lang, "about", None, "about.md.j2")
    yield _page(lang, "open-data", None, "open_data.md.j2")
    yield from _paged(lang, "events", None, "events.md.j2", catalogue.events)
    for event in catalogue.events:
        yield from event_files(catalogue, lang, helpers, event, sources=False)
    yield from _paged(lang, "archive", None, "archive.md.j2", catalogue.events, years=helpers.archive_pages(browse.archive))
    yield from _paged(lang, "commitments", None, "commitments.md.j2", list(enumerate(browse.commitments, start=1)),
                      per_page=site.COMMITMENTS_PER_PAGE)
    yield from _paged(lang, "sources", None, "sources.md.j2", browse.sources)
    for source, event in browse.sources:
        yield _source_page(lang, source, event)
    for kind in ENTITY_KINDS:
        entities = sorted((getattr(catalogue, kind)[i] for i in browse.appearances[kind]),
                          key=lambda e, kind=kind: (helpers.entity_name(kind, e.id).casefold(), e.id))
        yield from _paged(lang, kind, None, "entities.md.j2", entities, kind=kind)
        for entity in entities:
            yield from _paged(lang, kind, entity.id, "entity.md.j2", browse.appearances[kind][entity.id],
                              per_page=site.APPEARANCES_PER_PAGE, kind=kind, entity=entity)
