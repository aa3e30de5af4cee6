"""Privacy and weight in a real browser: the built site makes no request to any other origin
on any page kind (both languages, search used where the page has it), and an event page
transfers at most 150 KB compressed (HTML, CSS, JS, images; search index excluded)."""

from __future__ import annotations

import gzip
from urllib.parse import urlparse

import pytest

from tests.test_a11y import EVENT, PREFIX, page_kinds

pytestmark = pytest.mark.browser
BUDGET = 150 * 1024
LOCAL_SCHEMES = ("data", "blob", "about")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_request_leaves_the_site(browser, base_url, site, lang, scheme):
    origin = urlparse(base_url).netloc
    context = browser.new_context(color_scheme=scheme)
    requests: list[tuple[str, str]] = []
    context.on("request", lambda request: requests.append((tab.url, request.url)))
    tab = context.new_page()
    kinds = page_kinds(site)
    try:
        for path in kinds:
            tab.goto(f"{base_url}/{PREFIX[lang]}{path}", wait_until="networkidle")
            tab.mouse.wheel(0, 20000)  # anything loaded on scroll
            search = tab.locator("input[type=search], input[name=query], input.md-search__input").first
            if search.count() and search.is_visible():
                search.fill("net zero")
                tab.wait_for_timeout(300)
            tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert len(requests) >= len(kinds)
    foreign = sorted({f"{page} → {url}" for page, url in requests
                      if urlparse(url).scheme not in LOCAL_SCHEMES and urlparse(url).netloc != origin})
    assert not foreign, "requests to other origins:\n" + "\n".join(foreign)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_event_page_weighs_at_most_150_kb_compressed(browser, base_url, lang):
    context = browser.new_context()
    responses = []
    context.on("response", lambda response: responses.append(response))
    tab = context.new_page()
    try:
        tab.goto(f"{base_url}/{PREFIX[lang]}events/{EVENT}/", wait_until="networkidle")
        tab.mouse.wheel(0, 20000)
        tab.wait_for_load_state("networkidle")
        sizes = {}
        for response in responses:
            kind = response.request.resource_type
            path = urlparse(response.url).path
            if kind not in ("document", "stylesheet", "script", "image", "font", "fetch", "xhr") or "/pagefind/" in path:
                continue
            if response.status != 200:
                continue
            sizes[path] = len(gzip.compress(response.body(), compresslevel=6))
    finally:
        context.close()
    total = sum(sizes.values())
    breakdown = "\n".join(f"{size / 1024:7.1f} KB  {path}" for path, size in sorted(sizes.items(), key=lambda item: -item[1]))
    assert any(path.endswith(f"/{EVENT}/") for path in sizes)
    assert total <= BUDGET, f"{total / 1024:.1f} KB > {BUDGET / 1024:.0f} KB:\n{breakdown}"
