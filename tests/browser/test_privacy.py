"""Privacy and weight in a real browser: the built site makes no request to any other origin
on any page kind (both languages, search used where the page has it), and an event page
transfers at most 150 KB compressed (HTML, CSS, JS, images; search index excluded)."""

from __future__ import annotations

import gzip
from urllib.parse import urlparse

import pytest

BUDGET = 150 * 1024
LOCAL_SCHEMES = ("data", "blob", "about")
#: The site's search (overrides/assets/javascripts/search.js) shows results or says there are none
#: (or it did not start on this page: no state).
SEARCH_SETTLED = """() => { const root = document.querySelector('[data-nzd-search]');
                            return !root || !root.dataset.nzdState || ['results', 'empty'].includes(root.dataset.nzdState); }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_request_leaves_the_site(new_page, base_url, page_kinds, prefix, lang, scheme):
    origin = urlparse(base_url).netloc
    requests: list[tuple[str, str]] = []
    tab = new_page(color_scheme=scheme)
    tab.context.on("request", lambda request: requests.append((tab.url, request.url)))
    for path in page_kinds:
        tab.goto(f"{base_url}/{prefix[lang]}{path}", wait_until="networkidle")
        tab.mouse.wheel(0, 20000)  # anything loaded on scroll
        search = tab.locator("input[type=search], input[name=query], input.md-search__input").first
        if search.count() and search.is_visible():
            search.fill("net zero")
            tab.wait_for_function(SEARCH_SETTLED)  # the query ran: index and result fragments fetched
        tab.wait_for_load_state("networkidle")
    assert len(requests) >= len(page_kinds)
    foreign = sorted({f"{page} → {url}" for page, url in requests
                      if urlparse(url).scheme not in LOCAL_SCHEMES and urlparse(url).netloc != origin})
    assert not foreign, "requests to other origins:\n" + "\n".join(foreign)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_event_page_weighs_at_most_150_kb_compressed(new_page, base_url, sample_event, prefix, lang):
    responses = []
    tab = new_page()
    tab.context.on("response", lambda response: responses.append(response))
    tab.goto(f"{base_url}/{prefix[lang]}events/{sample_event}/", wait_until="networkidle")
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
    total = sum(sizes.values())
    breakdown = "\n".join(f"{size / 1024:7.1f} KB  {path}" for path, size in sorted(sizes.items(), key=lambda item: -item[1]))
    assert any(path.endswith(f"/{sample_event}/") for path in sizes)
    assert total <= BUDGET, f"{total / 1024:.1f} KB > {BUDGET / 1024:.0f} KB:\n{breakdown}"
