"""Link check of the built site: every internal link and anchor resolves."""

from __future__ import annotations

from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup


def test_no_broken_internal_links_or_anchors(site):
    pages = {}
    for file in site.rglob("*.html"):
        rel = file.relative_to(site).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        pages[url] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    ids = {url: {el["id"] for el in html.find_all(id=True)} for url, html in pages.items()}
    broken, checked = [], 0
    for url, html in pages.items():
        if url == "/404.html":
            continue  # served at any depth: its relative links are resolved by the server's location
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in html.find_all(tag):
                href = element.get(attr)
                if not href or href.startswith(("mailto:", "javascript:")):
                    continue
                target = urlparse(urljoin("http://site" + url, href))
                if target.netloc != "site":
                    continue
                checked += 1
                path = unquote(target.path)
                if (path.endswith("/") and path not in pages) or (not path.endswith("/") and not (site / path.lstrip("/")).exists()):
                    broken.append(f"{url}: {href}")
                elif target.fragment and path in ids and target.fragment not in ids[path]:
                    broken.append(f"{url}: {href} (no anchor)")
    assert checked > 100
    assert not broken, "\n".join(broken)
