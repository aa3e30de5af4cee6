#!/usr/bin/env python3
"""Measure the site search in a real browser: bytes for a first query, and query latency.

    python tools/search_probe.py http://127.0.0.1:8000 / "hai phong"
    python tools/search_probe.py http://127.0.0.1:8000 /en/ sakai

From Python (the benchmark, tests):

    sys.path.insert(0, "tools"); from search_probe import probe
    result = probe("http://127.0.0.1:8000", "/en/", "sakai")
    # {"bytes": 171234, "ms": 6.1, "first_ms": 180.4, "count": 3, "requests": 9, "foreign": []}

What is measured (headless Debian Chromium through Playwright, desktop viewport, fresh
browser context, so nothing is cached at the start):

- bytes: every byte (response bodies and headers) the browser fetched for search to
  answer the first query on that page: the search script and style sheet
  (assets/javascripts/search*.js, assets/stylesheets/search.css) and everything under
  pagefind/ (Pagefind's script, its WebAssembly, the language's index metadata, the index
  chunks the query needs, and the fragments of the results shown). The page itself, its
  theme assets and images are not counted: they are there with or without search.
- ms: median time from typing the query (one input event carrying the whole query, as
  when pasting) to its results being in the page, after the first query has loaded the
  index; measured in the page with performance.now(), until the next animation frame.
- first_ms: the same for the first query (includes downloading the index).
- count: number of results; requests: number of search requests; foreign: URLs of any
  request to another origin (the site must make none); files: (path, bytes) of each
  search request, in the order they finished.

The server at base_url must serve the built, indexed site; `serve(folder)`
(tools/static_server.py) serves one with gzip compression of text files, as a production
host does, so `bytes` are the bytes on the wire.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from typing import Any
from urllib.parse import urlsplit

from static_server import serve  # noqa: F401 - the benchmark and tests serve sites through here

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# In-page: run one query through the search field and resolve when its results are shown.
_RUN_QUERY = """async (query) => {
  const input = document.querySelector("[data-nzd-search-input]");
  const done = new Promise((resolve) => {
    const listener = (event) => {
      if (event.detail.query !== query.trim().replace(/\\s+/g, " ")) return;
      document.removeEventListener("nzd-search:done", listener);
      resolve(event.detail);
    };
    document.addEventListener("nzd-search:done", listener);
  });
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const detail = await done;
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return { ms: performance.now() - start, count: detail.count };
}"""

_CLEAR = """() => {
  const input = document.querySelector("[data-nzd-search-input]");
  input.value = "";
  input.dispatchEvent(new Event("input", { bubbles: true }));
}"""


def is_search_asset(path: str) -> bool:
    """Whether a URL path is part of the search (counted in `bytes`)."""
    name = path.rsplit("/", 1)[-1]
    return "/pagefind/" in path or (name.startswith("search") and ("/assets/javascripts/" in path or "/assets/stylesheets/" in path))


def probe(base_url: str, lang_path: str, query: str, *, repeats: int = 5, browser: Any = None, timeout_ms: int = 30_000) -> dict:
    """Open `base_url + lang_path`, search `query`; return {bytes, ms, first_ms, count, requests, foreign, files}.

    `browser`: a Playwright (sync) Browser to reuse; by default one is launched and closed.
    Raises if the search shows no result state within `timeout_ms`.
    """
    if browser is not None:
        return _measure(browser, base_url, lang_path, query, repeats, timeout_ms)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _measure(own, base_url, lang_path, query, repeats, timeout_ms)
        finally:
            own.close()


def _measure(browser: Any, base_url: str, lang_path: str, query: str, repeats: int, timeout_ms: int) -> dict:
    base_url = base_url.rstrip("/")
    origin = urlsplit(base_url)
    url = base_url + "/" + lang_path.lstrip("/")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        finished: list[Any] = []
        foreign: list[str] = []

        def on_request(request: Any) -> None:
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and (parts.netloc != origin.netloc):
                foreign.append(request.url)

        page.on("request", on_request)
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url, wait_until="load")
        first = page.evaluate(_RUN_QUERY, query)
        page.wait_for_load_state("networkidle")
        search_requests = [r for r in finished if is_search_asset(urlsplit(r.url).path)]
        files = []
        for request in search_requests:
            sizes = request.sizes()
            files.append((urlsplit(request.url).path, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        total = sum(size for _, size in files)
        runs = []
        for _ in range(max(1, repeats)):
            page.evaluate(_CLEAR)
            page.wait_for_function("() => document.querySelector('[data-nzd-search]').dataset.nzdState === 'idle'")
            runs.append(page.evaluate(_RUN_QUERY, query)["ms"])
    finally:
        context.close()
    return {
        "bytes": total,
        "ms": round(statistics.median(runs), 2),
        "first_ms": round(first["ms"], 2),
        "count": first["count"],
        "requests": len(search_requests),
        "foreign": foreign,
        "files": files,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url")
    parser.add_argument("lang_path", help="page to search from: / (Vietnamese) or /en/")
    parser.add_argument("query")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(probe(args.base_url, args.lang_path, args.query, repeats=args.repeats), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
