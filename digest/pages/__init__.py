"""Pages stage: a validated `Catalogue` → {path under docs/: text} for every language.

`plan.py` lists the pages (path, template, context); this module renders them, one language
per worker process when the archive is large enough to be worth it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from typing import TypeVar

from jinja2 import Environment

from digest import site
from digest.load import Catalogue
from digest.pages.browse import Browse, build_browse
from digest.pages.fragments import HtmlFragments
from digest.pages.helpers import PageHelpers
from digest.pages.plan import PageSpec, event_data_file, event_files, language_pages, open_data_files
from digest.pages.templating import GENERATED_MARK, load_labels, make_environment
from digest.parallel import MIN_EVENTS, parallel_map

__all__ = ["GENERATED_MARK", "PageSpec", "render_each", "render_events", "render_site"]

R = TypeVar("R")


def render_site(catalogue: Catalogue) -> dict[str, str]:
    """Every generated file, keyed by its path under docs/ (e.g. 'vi/events/x.md'), sorted."""
    parts = parallel_map(_render_language, list(site.LANGUAGES), _prepared(catalogue), worth_it=len(catalogue.events) >= MIN_EVENTS)
    pages = {path: text for part in parts for path, text in part.items()}
    return dict(sorted(pages.items()))


def render_each(catalogue: Catalogue, consume: Callable[[str, Iterator[tuple[str, str]]], R]) -> list[R]:
    """`consume(language, its files one at a time as (path, text))` for every language, one language per
    worker process when the archive is large enough: no language's files are held in memory at once."""
    return parallel_map(_consume_language, list(site.LANGUAGES), (_prepared(catalogue), consume), worth_it=len(catalogue.events) >= MIN_EVENTS)


def _prepared(catalogue: Catalogue) -> tuple[Catalogue, Environment, Browse]:
    """What every language's pages share, made once before the languages part ways: the browse
    views, the interface words read and the environment with every template compiled."""
    load_labels()
    env = make_environment()
    for name in env.list_templates(filter_func=lambda name: name.endswith(".j2")):
        env.get_template(name)
    return catalogue, env, build_browse(catalogue)


def _consume_language(lang: str, shared: tuple) -> object:
    prepared, consume = shared
    return consume(lang, _language_files(lang, *prepared))


def _render_language(lang: str, prepared: tuple) -> dict[str, str]:
    """The generated files of one language, and its share of the open data."""
    return dict(_language_files(lang, *prepared))


def _language_files(lang: str, catalogue: Catalogue, env: Environment, browse: Browse) -> Iterator[tuple[str, str]]:
    common = page_context(catalogue, lang, browse)
    specs = language_pages(catalogue, browse, lang, common["page"])
    # The open data belongs to no language: each language's worker writes every n-th file of it, so
    # the workers finish together.
    share = site.LANGUAGES.index(lang)
    specs = chain(specs, open_data_files(catalogue)[share::len(site.LANGUAGES)])
    for spec in specs:
        yield spec.path, render(env, spec, common)


def render_events(catalogue: Catalogue, event_ids: set[str], env=None, browse=None) -> dict[str, str]:
    """The files of these events alone (each one's page, source pages, citation files and open data), in
    every language: the same text `render_site` gives them, without rendering the rest of the site."""
    env = env or make_environment()
    browse = browse or build_browse(catalogue)
    events = [event for event in catalogue.events if event.id in event_ids]
    pages: dict[str, str] = {}
    for lang in site.LANGUAGES:
        common = page_context(catalogue, lang, browse)
        for event in events:
            specs = list(event_files(catalogue, lang, common["page"], event))
            if lang == site.DEFAULT_LANGUAGE:
                specs.append(event_data_file(event))
            pages.update((spec.path, render(env, spec, common)) for spec in specs)
    return dict(sorted(pages.items()))


def page_context(catalogue: Catalogue, lang: str, browse: Browse) -> dict:
    """What every template of one language sees, besides its page's own context."""
    labels = load_labels()[lang]
    helpers = PageHelpers(catalogue, lang, labels, browse)
    return {"page": helpers, "fragments": HtmlFragments(helpers), "t": labels, "lang": lang, "catalogue": catalogue, "browse": browse}


def render(env, spec: PageSpec, common: dict) -> str:
    """One page's text."""
    if spec.make is not None:
        return spec.make()
    return env.get_template(spec.template).render(**common, **spec.context)
