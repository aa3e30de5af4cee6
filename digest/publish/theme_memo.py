"""Theme partials drawn once per distinct state instead of once per page.

Material renders its navigation and tabs into every page, though on a page outside the navigation
(events, sources, entities: nearly all of them) they differ from page to page only by their links,
which MkDocs writes relative to the page. `install` adds, for the overrides, a way to reach the
theme's own partial under an override of the same name (`THEME_PREFIX`), and the global `nzd_memo`
(overrides/main.html sets `nzd_nav_state` once per page):

    {%- set memo = nzd_memo("nav", nzd_nav_state) -%}
    {%- if memo.html is none -%}{%- set html -%}{% include "theme/partials/nav.html" %}{%- endset -%}
    {{- memo.keep(html) -}}{%- else -%}{{ memo.html }}{%- endif -%}

The key is everything such a partial reads that can change from page to page: each navigation
item's kind, title, icon and status and its link as this page writes it, and the page's links to the home page and to the theme's assets (its depth). A page inside the
navigation (its item is active, and Material draws its table of contents into the navigation) is
always drawn afresh. Parts that read only the configuration, or it and a few links, are kept with
`nzd_memo.fixed(name, *key)`, the key being those links; `nzd_memo.words` is the theme's `lang.t` with each
word worked out once. tests/unit/test_theme_drawn_once.py draws pages with all of them and alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import jinja2
from mkdocs.utils import normalize_url

#: Prefix under which the overrides reach the theme's own templates (e.g. "theme/partials/nav.html").
THEME_PREFIX = "theme"


class Memo:
    """One partial's drawing for one key: `html` (None until kept) and `keep(html)`."""

    def __init__(self, store: dict | None, key: tuple) -> None:
        self._store, self._key = store, key

    @property
    def html(self) -> str | None:
        return self._store.get(self._key) if self._store is not None else None

    def keep(self, html: str) -> str:
        if self._store is not None:
            self._store[self._key] = html
        return html


class ThemeMemo:
    """The `nzd_memo` global. `nzd_memo.state(page, nav, homepage)`, once per page (overrides/main.html),
    is what a navigation partial reads that can change from page to page (None for a page inside the
    navigation); `nzd_memo(name, state)` is that partial's `Memo` in that state, and
    `nzd_memo.fixed(name, *key)` one for a partial that reads nothing of the page. Kept as long as
    the environment, which is made anew with the interface words (hooks/mkdocs_hooks.py)."""

    def __init__(self) -> None:
        self._store: dict[tuple, str] = {}
        self._words: dict[str, Words] = {}

    @staticmethod
    def state(page, nav, homepage: str | None = None) -> tuple | None:
        """What a navigation partial reads that can change from page to page; None inside the navigation."""
        items = list(_walk(nav.items)) if nav else []
        if page is None or any(item.active for item in items):
            return None
        links = tuple((type(item).__name__, item.title, getattr(item, "url", None) and normalize_url(item.url, page=page),
                       _meta(item, "icon"), _meta(item, "status"))
                      for item in items)
        home = normalize_url(homepage or (nav.homepage.url if nav and nav.homepage else ""), page=page)
        # the navigation itself (compared by identity): another language's, or one built anew, is another state
        return (nav, links, home, normalize_url("assets/", page=page))

    @staticmethod
    def toc_state(page, nav, language: str) -> tuple | None:
        """What the table of contents (overrides/partials/toc.html) reads of a page: whether the page is in the
        navigation, and each entry's link, title and level, and its children's; None for a typeset entry."""
        entries = _entries(page.toc) if page else None
        return None if entries is None else (language, bool(nav and page in nav.pages), entries)

    def __call__(self, name: str, state: tuple | None) -> Memo:
        if not isinstance(state, tuple):  # None, or a template that did not set it: draw afresh
            return Memo(None, ())
        return Memo(self._store, (name, *state))

    def fixed(self, name: str, *key) -> Memo:
        return Memo(self._store, (name, *key))

    def words(self, language: str, t: Callable[[str], str] | None = None) -> Words | None:
        """The theme's `lang.t` for `language` as `Words`: the one made from `t`, the theme's own, the first time."""
        words = self._words.get(language)
        if words is None and t is not None:
            words = self._words[language] = Words(t)
        return words


class Words:
    """The theme's `t(key)`, each key's word kept after the first call. The theme's word tables read
    nothing but the key (they are imported without the page's context)."""

    def __init__(self, t: Callable[[str], str]) -> None:
        self._t, self._known = t, {}

    def __call__(self, key: str) -> str:
        try:
            return self._known[key]
        except KeyError:
            word = self._known[key] = self._t(key)
            return word


def _walk(items) -> Iterator:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def _entries(toc) -> tuple | None:
    entries = []
    for item in toc:
        children = _entries(item.children)
        if children is None or getattr(item, "typeset", None) is not None:
            return None
        entries.append((item.url, item.title, item.level, children))
    return tuple(entries)


def _meta(item, key: str):
    meta = getattr(item, "meta", None)
    return meta.get(key) if meta else None


def install(env: jinja2.Environment, theme_dirs: list[str], custom_dir: str | None) -> None:
    """Reach the theme's templates under THEME_PREFIX and add the `nzd_memo` global to `env`."""
    own = [folder for folder in theme_dirs if folder != custom_dir]
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(own)})])
    env.globals["nzd_memo"] = ThemeMemo()
