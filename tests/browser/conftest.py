"""Browser layer: the built site served over HTTP on loopback, driven in Debian's Chromium through Playwright.

Every test here is marked `browser`, and fails if a page it opened raised a JavaScript error or
logged a console error: open pages with the `page` fixture or the `new_page` factory, never with
`browser.new_context()` directly."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from static_server import serve  # tools/static_server.py (tests/conftest.py puts tools/ on sys.path)

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
NOT_KINDS = {"assets", "pagefind", "cards", "en", "data"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def base_url(site):
    """The built site over HTTP on loopback, served as a host serves it (gzip, a 404 page per language)."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser, base_url):
    """`new_page(viewport=None, timeout=None, expected_console=None, **context_kwargs)`: a tab in a fresh
    browser context (context_kwargs as Playwright's `browser.new_context`; `base_url` defaults to the
    served site). `expected_console`: a pattern of console errors a test causes on purpose (requests
    it aborts); uncaught exceptions are never expected.

    Every page of those contexts is watched: an uncaught exception (`pageerror`) or a console
    message of type "error" fails the test at teardown, listed with the page's URL. Contexts
    are closed at teardown."""
    contexts = []
    errors: list[str] = []
    watched: set[int] = set()

    def watch(tab) -> None:
        if id(tab) in watched:
            return
        watched.add(id(tab))
        tab.on("pageerror", lambda error: errors.append(f"{tab.url}: uncaught {error}"))
        tab.on("console", lambda message: message.type == "error" and not (expected and re.search(expected[0], message.text))
               and errors.append(f"{tab.url}: console error: {message.text}"))

    expected: list[str] = []

    def make(*, viewport: dict | None = None, timeout: float | None = None, expected_console: str | None = None, **context_kwargs):
        if expected_console:
            expected[:] = [expected_console]
        context_kwargs.setdefault("base_url", base_url)
        if viewport:
            context_kwargs["viewport"] = viewport
        context = browser.new_context(**context_kwargs)
        contexts.append(context)
        context.on("page", watch)  # the tab below, and any popup or tab a test opens
        tab = context.new_page()
        watch(tab)
        if timeout:
            tab.set_default_timeout(timeout)
        return tab

    yield make
    for context in contexts:
        context.close()
    if errors:
        pytest.fail("JavaScript errors:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def desktop_page(new_page):
    """`desktop_page(**context_kwargs)`: a desktop-sized tab (1280×900, 15 s timeouts) on the served site, or on `base_url=`."""
    return functools.partial(new_page, viewport=DESKTOP, timeout=15_000)


@pytest.fixture
def page(new_page):
    """A tab with Playwright's default context on the served site (fails the test on a JavaScript error)."""
    return new_page()


@pytest.fixture(scope="session")
def page_kinds(site, sample_event) -> list[str]:
    """One page of every kind: home, the 404 page, an event, each section's index and its first page."""
    paths = ["", "404.html", f"events/{sample_event}/"]
    for section in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in NOT_KINDS):
        if (section / "index.html").is_file():
            paths.append(section.name + "/")
        children = sorted(c for c in section.iterdir() if (c / "index.html").is_file())
        if children and section.name != "events":
            paths.append(f"{section.name}/{children[0].name}/")
    return paths
