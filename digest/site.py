"""The site map: the site's languages, its address, and where every page lives.

Every rule about URLs and languages is here, for the generator, the templates, the theme
overrides (through MkDocs' `env`), the feeds, the sitemap and the search index alike.
A page is named by its kind and id, `("events", "2024-01-17-hai-phong-net-zero-workshop")`;
its Markdown source lives at the same path inside each language's folder of docs/, and its
URL at that path under each language's prefix:

    kind + id            docs/<lang>/<doc>                   URL
    ("home")             index.md                            /, /en/
    ("events")           events/index.md  (page n: events/page/<n>.md)   /events/, /events/page/<n>/
    ("events", id)       events/<id>.md                      /events/<id>/, /en/events/<id>/
    ("people", id)       people/<id>.md   (page n: people/<id>/page/<n>.md)
    ("feed")             feed.xml                            /feed.xml, /en/feed.xml
    ("data", name)       data/<name> (default language only) /data/<name>

A third language touches LANGUAGES, the labels and mkdocs.yml's i18n languages, nothing else.
"""

from __future__ import annotations

import os
import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent

#: The site's languages, the default (served at the site root) first.
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]

#: Items per page of every list that grows with the archive (events, commitments, sources,
#: entities and their appearances): no page grows with the number of events.
PER_PAGE = 50
#: Fewer items a page where each item carries more: a commitment is a table row and a line of the
#: timeline's legend; an entity's appearance holds what they said and committed to at the event.
#: Every page stays under 60 KB of HTML.
COMMITMENTS_PER_PAGE = 40
APPEARANCES_PER_PAGE = 20

#: Pages that are one file, not a folder of pages: their doc path and URL are their own name.
SINGLE_PAGES = {"home": "", "about": "about", "open-data": "open-data"}
#: Files that are not pages, per language (the feed) or once for all (the open data).
FILES = {"feed": "feed.xml"}
DATA_FOLDER = "data"

#: Page kinds with a link-preview card of their own (one per item page, per language); every other
#: page shows its language's home card. Cards live at the site's root: cards/<lang>/<kind>/<id>.png.
CARD_KINDS = ("events", "topics", "places", "organisations", "people")
CARDS_FOLDER = "cards"

#: What a searchable page is, as its search result says (page kind → result kind; the words: labels.yaml,
#: search → kinds). The generator writes it into each searchable page's front matter (`search_result`)
#: and overrides/main.html into the page's Pagefind metadata (`kind`).
SEARCH_KINDS = {"events": "event", "places": "place", "organisations": "organisation", "people": "person",
                "topics": "topic", "about": "page", "open-data": "page"}
#: The result kind listed first: readers search for what happened, and the pages of places, people,
#: organisations and topics only list the events. Its pages are indexed apart, in shards
#: (digest/publish/search_index.py), which search.js merges with a weight that lists them first, then
#: every other result, each group in Pagefind's relevance order. See ARCHITECTURE.md, "Search ranking".
SEARCH_FIRST = "event"

#: The environment variable that overrides mkdocs.yml's `site_url` for a whole build
#: (generator, MkDocs, sitemap): the one rule for the site's address.
SITE_URL_ENV = "NZD_SITE_URL"
MKDOCS_CONFIG = ROOT / "mkdocs.yml"


def prefix(lang: str) -> str:
    """A language's path prefix inside the site: '' for the default language, 'en/' for English."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def other_languages(lang: str) -> tuple[str, ...]:
    return tuple(code for code in LANGUAGES if code != lang)


def split_language(path: str) -> tuple[str, str]:
    """'en/events/x/' → ('en', 'events/x/'); 'events/x/' → ('vi', 'events/x/')."""
    first = path.split("/", 1)[0]
    if first in LANGUAGES and first != DEFAULT_LANGUAGE and path.startswith(f"{first}/"):
        return first, path[len(first) + 1:]
    return DEFAULT_LANGUAGE, path


def page_path(kind: str, ident: str | None = None, page: int = 1) -> str:
    """A page's path inside its language, as its URL ends: 'events/x/', 'events/page/2/', ''."""
    if kind in FILES:
        return FILES[kind]
    if kind == DATA_FOLDER:
        return f"{DATA_FOLDER}/{ident}"
    if kind in SINGLE_PAGES:
        base = SINGLE_PAGES[kind]
        return f"{base}/" if base else ""
    base = f"{kind}/{ident}" if ident else kind
    return f"{base}/" if page == 1 else f"{base}/page/{page}/"


def doc_path(kind: str, ident: str | None = None, page: int = 1) -> str:
    """A page's Markdown source inside its language's folder of docs/: 'events/x.md', 'events/index.md'."""
    if kind in FILES or kind == DATA_FOLDER:
        return page_path(kind, ident)
    if kind in SINGLE_PAGES:
        return f"{SINGLE_PAGES[kind] or 'index'}.md"
    if page > 1:
        return f"{kind}/{ident}/page/{page}.md" if ident else f"{kind}/page/{page}.md"
    return f"{kind}/{ident}.md" if ident else f"{kind}/index.md"


def docs_file(lang: str, doc: str) -> str:
    """Where a generated file goes under docs/: 'en/events/x.md'."""
    return f"{lang}/{doc}"


def is_page_source(docs_rel: str) -> bool:
    """Whether a file of docs/ is a page's Markdown, which MkDocs renders; every other file there (feeds,
    open data, citation files) is a download, put into the site as it is (digest/publish/downloads.py)."""
    return docs_rel.endswith(".md")


def site_file(docs_rel: str) -> str:
    """Where a download of docs/ goes in the site: 'en/events/x/citation.bib' → 'en/events/x/citation.bib',
    'vi/data/events.json' → 'data/events.json'."""
    lang, inner = docs_rel.split("/", 1)
    return prefix(lang) + inner


def doc_link(target: str, current: str) -> str:
    """A relative Markdown link from one doc to another inside a language, through the language's
    folder ('../events/x.md' from 'people/y.md'), which MkDocs checks and turns into the page's URL."""
    here = posixpath.dirname(current)
    return "../" * (here.count("/") + 1) + target if here else target


def card_path(inner: str, lang: str) -> str:
    """The card shown for the page at `inner` (its path inside its language, 'events/x/'), from the site's root."""
    parts = inner.strip("/").split("/")
    if len(parts) == 2 and parts[0] in CARD_KINDS:
        return f"{CARDS_FOLDER}/{lang}/{parts[0]}/{parts[1]}.png"
    return f"{CARDS_FOLDER}/{lang}/home.png"


#: The citation files of an event page, beside it, per language (BibTeX, RIS, CSL-JSON).
CITATION_FILES = {"bibtex": "citation.bib", "ris": "citation.ris", "csl": "citation.json"}


def attachment_doc(kind: str, ident: str, name: str) -> str:
    """A file that belongs to one page, beside it, inside its language: ('events', x, 'citation.bib') → 'events/x/citation.bib'."""
    return f"{kind}/{ident}/{name}"


def attachment_url(kind: str, ident: str, name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Such a file's root-relative URL: '/en/events/x/citation.bib'."""
    return base_path() + prefix(lang) + attachment_doc(kind, ident, name)


@cache
def site_url() -> str:
    """The site's address with one trailing slash: NZD_SITE_URL if set, else mkdocs.yml's `site_url`."""
    url = os.environ.get(SITE_URL_ENV) or _configured_site_url(MKDOCS_CONFIG)
    return url.rstrip("/") + "/"


@cache
def base_path() -> str:
    """The site's path on its host, with slashes on both sides: '/' or '/digest/'."""
    path = urlsplit(site_url()).path.strip("/")
    return f"/{path}/" if path else "/"


def url_for(kind: str, ident: str | None = None, lang: str = DEFAULT_LANGUAGE, page: int = 1) -> str:
    """A page's root-relative URL ('/en/events/x/'): the same whichever page links to it, and
    whatever an engine does with relative links."""
    return base_path() + site_path(kind, ident, lang, page)


def site_path(kind: str, ident: str | None = None, lang: str = DEFAULT_LANGUAGE, page: int = 1) -> str:
    """A page's path from the site's root ('en/events/x/'); the open data has no language prefix."""
    return page_path(kind, ident) if kind == DATA_FOLDER else prefix(lang) + page_path(kind, ident, page)


def absolute_url(kind: str, ident: str | None = None, lang: str = DEFAULT_LANGUAGE, page: int = 1) -> str:
    """A page's absolute URL ('https://…/en/events/x/'), for feeds, open data, citations, head tags."""
    return site_url() + site_path(kind, ident, lang, page)


def absolute(path: str) -> str:
    """A path from the site's root ('en/events/x/', as MkDocs gives `page.url`) as an absolute URL."""
    return site_url() + path


def _configured_site_url(config: Path) -> str:
    """mkdocs.yml's `site_url`; for `!ENV [NAME, default]`, the default (the environment is read above)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: (loader.construct_sequence(node) or [None])[-1]
                           if isinstance(node, yaml.SequenceNode) else None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return str(yaml.load(config.read_text(encoding="utf-8"), Loader=Loader)["site_url"])  # noqa: S506 - a SafeLoader
