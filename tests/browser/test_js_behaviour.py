"""The site's own JavaScript in a real browser: search.js when Pagefind fails, digest.js (sortable tables, citation copy).

Failures are injected with Playwright routing on the served site (tests/browser/conftest.py: `new_page`):

- `pagefind/pagefind.*.pf_meta` aborted: pagefind.js loads and `init()` resolves, but
  `search()` rejects (Pagefind cannot search without its meta index);
- `pagefind/fragment/*.pf_fragment` aborted: `search()` resolves, a result's `data()` rejects
  (for the first page, or, once the first page is shown, for "more");
- `pagefind/pagefind.js` aborted: Pagefind cannot be loaded at all.

In each case the search must end in state "error" with the page language's error message,
no stale results and no `nzd-search:done` event. Every test fails if the page raised a
JavaScript error: search.js catches the injected failures, so none may surface (the console
errors of the aborted requests themselves are expected).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))
PREFIX = {"vi": "", "en": "/en"}
EVENT = "2024-01-17-hai-phong-net-zero-workshop"
BROAD = {"vi": "va", "en": "vietnam"}  # more than one page of results (10): 20 and 30 on the real site

STATE = "() => document.querySelector('[data-nzd-search]').dataset.nzdState"
# Records the `nzd-search:done` events; installed before the page's scripts run.
RECORD_DONE = "window.__nzdDone = []; document.addEventListener('nzd-search:done', (e) => window.__nzdDone.push(e.detail));"


#: What the browser and Pagefind log when the injected failures happen (the requests aborted on purpose).
EXPECTED_CONSOLE = r"^(Failed to load resource|Failed to load the meta index|Pagefind: WASM Error)"


@pytest.fixture
def watched_page(new_page):
    """`watched_page(**context_kwargs)`: a desktop page recording `nzd-search:done`; the test fails
    on any JavaScript error (tests/browser/conftest.py), the aborted requests' console lines aside."""

    def make(**options):
        page = new_page(viewport={"width": 1280, "height": 900}, timeout=15_000, expected_console=EXPECTED_CONSOLE, **options)
        page.add_init_script(RECORD_DONE)
        return page

    return make


class Breaker:
    """Aborts the requests matching a pattern while `on`; remembers what it aborted."""

    def __init__(self, on: bool = True) -> None:
        self.on = on
        self.aborted: list[str] = []

    def __call__(self, route) -> None:
        if self.on:
            self.aborted.append(route.request.url)
            route.abort()
        else:
            route.continue_()


def type_query(page, query: str) -> None:
    page.fill("[data-nzd-search-input]", query)


def wait_state(page, *states: str) -> str:
    page.wait_for_function(f"states => states.includes(({STATE})())", arg=list(states))
    return page.evaluate(STATE)


def assert_error_shown(page, lang: str) -> None:
    assert page.evaluate(STATE) == "error"
    assert page.text_content("[data-nzd-search-status]").strip() == LABELS[lang]["search"]["error"]
    assert page.locator(".md-search-result__item").count() == 0, "stale results left in the list"
    assert page.locator("[data-nzd-search-more]").is_hidden()
    assert page.evaluate("window.__nzdDone") == [], "a failed search announced results"


# ---------------------------------------------------------------- search.js: failures

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_search_shows_error_when_engine_search_rejects(watched_page, lang):
    breaker = Breaker()
    page = watched_page()
    page.route("**/pagefind/*.pf_meta", breaker)
    loaded = []
    page.on("response", lambda r: loaded.append(r.status) if r.url.endswith("/pagefind/pagefind.js") else None)
    page.goto(f"{PREFIX[lang]}/")
    type_query(page, "hai phong")
    assert wait_state(page, "error", "results", "empty") == "error"
    assert_error_shown(page, lang)
    assert loaded == [200], "pagefind.js itself must load: the failure is in search(), not in load()"
    assert breaker.aborted and all(url.endswith(".pf_meta") for url in breaker.aborted)
    # The next query fails the same way and does not get stuck in "searching".
    type_query(page, "binh duong")
    page.wait_for_function("() => document.querySelector('[data-nzd-search-input]').value === 'binh duong'")
    assert wait_state(page, "error", "results", "empty") == "error"
    assert_error_shown(page, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("failing", ["**/pagefind/fragment/*.pf_fragment", "**/pagefind/pagefind.js"], ids=["data-rejects", "pagefind-cannot-load"])
def test_search_shows_error_when_results_or_pagefind_fail(watched_page, lang, failing):
    """A result's `data()` rejects (its fragment fails), or Pagefind itself cannot be loaded."""
    breaker = Breaker()
    page = watched_page()
    page.route(failing, breaker)
    page.goto(f"{PREFIX[lang]}/")
    type_query(page, "hai phong")
    assert wait_state(page, "error", "results", "empty") == "error"
    assert_error_shown(page, lang)
    assert breaker.aborted


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_more_results_shows_error_and_clears_the_list_when_data_rejects(watched_page, lang):
    breaker = Breaker(on=False)
    page = watched_page()
    page.route("**/pagefind/fragment/*.pf_fragment", breaker)
    page.goto(f"{PREFIX[lang]}/")
    type_query(page, BROAD[lang])
    assert wait_state(page, "error", "results", "empty") == "results"
    assert page.locator(".md-search-result__item").count() == 10
    more = page.locator("[data-nzd-search-more]")
    assert more.is_visible(), f"{BROAD[lang]!r} should have more than one page of results"
    assert len(page.evaluate("window.__nzdDone")) == 1
    page.evaluate("window.__nzdDone = []")
    breaker.on = True
    more.click()
    assert wait_state(page, "error") == "error"
    assert_error_shown(page, lang)
    assert breaker.aborted, "the next page's fragments were not requested"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_search_recovers_after_a_failed_load(watched_page, lang):
    """A failed load is not cached: once Pagefind is reachable again, the next query finds results."""
    breaker = Breaker()
    page = watched_page()
    page.route("**/pagefind/pagefind.js", breaker)
    page.goto(f"{PREFIX[lang]}/")
    type_query(page, "hai phong")
    assert wait_state(page, "error", "results", "empty") == "error"
    breaker.on = False
    type_query(page, "binh duong")
    assert wait_state(page, "results", "empty") == "results"
    assert "binh-duong" in page.locator(".md-search-result__item a").first.get_attribute("href")
    assert len(page.evaluate("window.__nzdDone")) == 1


# ---------------------------------------------------------------- digest.js

def years(page) -> list[int]:
    return [int(v) for v in page.locator("table[data-sortable] tbody tr td:nth-child(2)").evaluate_all("cells => cells.map(c => c.dataset.sort || c.textContent.trim())")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_commitments_table_sorts_by_year_both_ways(watched_page, lang):
    page = watched_page()
    page.goto(f"{PREFIX[lang]}/commitments/")
    start = years(page)
    assert len(start) > 1 and start == sorted(start)
    header = page.locator("table[data-sortable] th").nth(1)
    assert header.locator("button.nzd-sort").count() == 1, "the header's text moves into a sort button"
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert years(page) == sorted(start, reverse=True)
    others = page.locator("table[data-sortable] th[aria-sort]")
    assert [others.nth(i).get_attribute("aria-sort") for i in range(others.count())].count("none") == others.count() - 1
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert years(page) == start


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_copy_citation_writes_the_clipboard_and_the_status(watched_page, lang):
    page = watched_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{PREFIX[lang]}/events/{EVENT}/")
    button = page.locator(".nzd-copy")
    copied_word = button.get_attribute("data-copied")
    assert copied_word == LABELS[lang]["cite_copied"]
    button.click()
    page.locator(".nzd-copy-status", has_text=copied_word).wait_for()
    assert page.text_content(".nzd-copy-status") == copied_word
    assert page.evaluate("navigator.clipboard.readText()") == page.text_content(".nzd-citation")


# Without the Clipboard API: digest.js copies from a hidden, selected text area; record what it held.
NO_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
window.__copiedText = [];
const execCommand = Document.prototype.execCommand;
Document.prototype.execCommand = function (command, ...rest) {
  const area = document.querySelector('body > textarea[readonly]');
  window.__copiedText.push([command, area ? area.value : null]);
  return execCommand.call(this, command, ...rest);
};
"""


def test_copy_citation_falls_back_without_the_clipboard_api(watched_page):
    page = watched_page()
    page.add_init_script(NO_CLIPBOARD)
    page.goto(f"/en/events/{EVENT}/")
    assert page.evaluate("navigator.clipboard") is None
    button = page.locator(".nzd-copy")
    button.click()
    page.locator(".nzd-copy-status", has_text=button.get_attribute("data-copied")).wait_for()
    assert page.evaluate("window.__copiedText") == [["copy", page.text_content(".nzd-citation")]]
    assert page.locator("body > textarea").count() == 0, "the helper text area is removed"
