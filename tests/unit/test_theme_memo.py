"""The theme's navigation is drawn once per state (digest/publish/theme_memo.py), never shared wrongly."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2

from digest.publish.theme_memo import THEME_PREFIX, ThemeMemo, install


def _page(url: str, title: str = "", active: bool = False):
    return SimpleNamespace(url=url, title=title, active=active, meta={}, children=None)


class _Nav:
    def __init__(self, *pages) -> None:
        self.items, self.pages, self.homepage = list(pages), list(pages), pages[0]


def _nav(*pages):
    return _Nav(*pages)


def _nav_pages():
    return _page("", "Home"), _page("events/", "Events"), _page("about/", "About")


def test_pages_whose_links_read_the_same_share_a_drawing():
    nav = _nav(*_nav_pages())
    memo = ThemeMemo()
    memo("nav", memo.state(_page("places/a/"), nav)).keep("<nav>")
    assert memo("nav", memo.state(_page("people/b/"), nav)).html == "<nav>"  # ../../events/ from both
    assert memo("tabs", memo.state(_page("people/b/"), nav)).html is None  # another partial


def test_links_that_read_differently_do_not_share():
    nav = _nav(*_nav_pages())
    memo = ThemeMemo()
    memo("nav", memo.state(_page("places/a/"), nav)).keep("<nav>")
    assert memo("nav", memo.state(_page("events/a/"), nav)).html is None  # events/ is ../ from here, not ../../events/
    assert memo("nav", memo.state(_page("places/page/2/"), nav)).html is None  # one level deeper
    assert memo("nav", memo.state(_page("x/"), nav)).html is None


def test_a_page_inside_the_navigation_is_drawn_afresh():
    home, events, about = _nav_pages()
    nav = _nav(home, events, about)
    memo = ThemeMemo()
    events.active = True  # MkDocs marks the page being built and its sections
    first = memo("nav", memo.state(events, nav))
    first.keep("<nav with this page's contents>")
    assert memo("nav", memo.state(events, nav)).html is None
    assert memo("nav", None).html is None  # a template that did not work out the state


def test_a_changed_title_or_another_navigation_is_a_new_state():
    memo = ThemeMemo()
    nav = _nav(*_nav_pages())
    memo("nav", memo.state(_page("places/a/"), nav)).keep("<nav>")
    renamed = _nav(*_nav_pages())
    assert memo("nav", memo.state(_page("places/a/"), renamed)).html is None  # another language's navigation
    nav.items[2].title = "About us"
    assert memo("nav", memo.state(_page("places/b/"), nav)).html is None


def test_fixed_partials_are_kept_per_key():
    memo = ThemeMemo()
    memo.fixed("search", "vi").keep("<vi>")
    assert memo.fixed("search", "vi").html == "<vi>"
    assert memo.fixed("search", "en").html is None


def test_overrides_reach_the_theme_partial_of_the_same_name(tmp_path):
    theme, custom = tmp_path / "theme", tmp_path / "custom"
    (theme / "partials").mkdir(parents=True)
    (custom / "partials").mkdir(parents=True)
    (theme / "partials" / "nav.html").write_text("theme nav {{ n }}", encoding="utf-8")
    (custom / "partials" / "nav.html").write_text(
        '{%- set memo = nzd_memo.fixed("nav") -%}{%- if memo.html is none -%}{%- set html -%}'
        '{% include "' + THEME_PREFIX + '/partials/nav.html" %}{%- endset -%}{{ memo.keep(html) }}'
        '{%- else -%}{{ memo.html }}{%- endif -%}', encoding="utf-8")
    env = jinja2.Environment(autoescape=True, loader=jinja2.FileSystemLoader([str(custom), str(theme)]))
    install(env, [str(custom), str(theme)], str(custom))
    template = env.get_template("partials/nav.html")
    assert template.render(n=1) == "theme nav 1"
    assert template.render(n=2) == "theme nav 1"  # kept: a fixed partial reads nothing that changes


def _entry(title: str, level: int = 2, children=(), **more):
    return SimpleNamespace(url="#" + title.lower(), title=title, level=level, children=list(children), **more)


def test_tables_of_contents_share_a_drawing_only_when_they_read_the_same():
    nav = _nav(*_nav_pages())
    page = _page("events/a/")
    page.toc = [_entry("Key points", children=[_entry("Details", 3)])]
    state = ThemeMemo.toc_state(page, nav, "en")
    other = _page("events/b/")
    other.toc = [_entry("Key points", children=[_entry("Details", 3)])]
    assert ThemeMemo.toc_state(other, nav, "en") == state
    assert ThemeMemo.toc_state(other, nav, "vi") != state
    other.toc = [_entry("Key points", children=[_entry("More", 3)])]
    assert ThemeMemo.toc_state(other, nav, "en") != state
    other.toc = [_entry("Key points", level=1, children=[_entry("Details", 3)])]
    assert ThemeMemo.toc_state(other, nav, "en") != state
    in_nav = nav.items[1]
    in_nav.toc = page.toc
    assert ThemeMemo.toc_state(in_nav, nav, "en") != state  # the title is a label for the navigation's toggle
    other.toc = [_entry("Key points", typeset=SimpleNamespace(title="<b>Key</b> points"))]
    assert ThemeMemo.toc_state(other, nav, "en") is None  # drawn afresh
