"""Built-site tests of what search engines and chat apps read: head tags (canonical,
language alternates, Open Graph, Twitter card), JSON-LD, sitemap.xml, robots.txt and
the two 404 pages. Every page of the built site is checked, whatever its kind."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from digest.pages.helpers import PageHelpers
from digest.pages.templating import load_labels

# Fixtures (tests/conftest.py, tests/site/conftest.py): site, soup, catalogue, prefix, site_url; `event_id`
# runs a test once per real event. (The JSON-LD escaping test is a unit test: tests/unit/test_render.py.)
LOCALE = {"vi": "vi_VN", "en": "en_US"}
NOT_PAGES = ("assets/", "pagefind/", "search/")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def built_pages(site) -> list[tuple[str, str]]:
    """(lang, path inside the language) of every page of the built site."""
    out = []
    for file in sorted(site.rglob("index.html")):
        rel = file.relative_to(site).as_posix()[: -len("index.html")]
        if rel.startswith(NOT_PAGES):
            continue
        out.append(("en", rel[3:]) if rel.startswith("en/") else ("vi", rel))
    return out


def meta(html: BeautifulSoup, key: str) -> str | None:
    tag = html.find("meta", attrs={"property": key}) or html.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def jsonld(html: BeautifulSoup) -> list[dict]:
    """Every JSON-LD object of a page, @graph members flattened."""
    out = []
    for script in html.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        out += data.get("@graph", [data])
    return out


def test_the_site_has_pages_of_every_kind_in_both_languages(site):
    pages = built_pages(site)
    assert len(pages) >= 14
    assert {path for lang, path in pages if lang == "vi"} == {path for lang, path in pages if lang == "en"}


def test_head_tags_of_every_page(site, soup, prefix, site_url):
    problems = []
    for lang, path in built_pages(site):
        html = soup(lang, path)
        url = site_url + prefix[lang] + path
        where = f"{lang}:/{path}"
        checks = {
            "html lang": html.html.get("lang") == lang,
            "canonical": [link["href"] for link in html.find_all("link", rel="canonical")] == [url],
            "alternates": {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate") if link.get("hreflang")}
            == {"vi": site_url + path, "en": site_url + "en/" + path, "x-default": site_url + path},
            "description": bool(meta(html, "description")),
            "og:url": meta(html, "og:url") == url,
            "og:title": bool(meta(html, "og:title")) and meta(html, "og:title") == meta(html, "twitter:title"),
            "og:description": meta(html, "og:description") == meta(html, "description") == meta(html, "twitter:description"),
            "og:locale": meta(html, "og:locale") == LOCALE[lang],
            "og:locale:alternate": meta(html, "og:locale:alternate") == LOCALE["en" if lang == "vi" else "vi"],
            "og:site_name": bool(meta(html, "og:site_name")),
            "og:type": meta(html, "og:type") == ("article" if path.startswith("events/") and path != "events/" else "website"),
            "og:image": (meta(html, "og:image") or "").startswith(site_url) and meta(html, "og:image") == meta(html, "twitter:image"),
            "twitter:card": meta(html, "twitter:card") == "summary_large_image",
        }
        problems += [f"{where}: {name}" for name, ok in checks.items() if not ok]
    assert not problems, "\n".join(problems)


def test_og_image_is_shipped_at_the_size_the_tags_give(site, soup):
    html = soup("vi", "")
    image = site / urlparse(meta(html, "og:image")).path.lstrip("/")
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (str(width), str(height)) == (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")


def test_every_alternate_is_reciprocal(site, soup, prefix, site_url):
    pages = set(built_pages(site))
    for lang, path in pages:
        other = "en" if lang == "vi" else "vi"
        assert (other, path) in pages, f"{lang}:/{path} has no {other} page"
        back = {link["hreflang"]: link["href"] for link in soup(other, path).find_all("link", rel="alternate") if link.get("hreflang")}
        assert back[lang] == site_url + prefix[lang] + path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_page_has_website_jsonld(site, lang, soup, prefix, site_url):
    html = soup(lang, "")
    [website] = [item for item in jsonld(html) if item["@type"] == "WebSite"]
    assert website["url"] == site_url + prefix[lang]
    assert website["inLanguage"] == lang
    assert website["name"] == meta(html, "og:site_name")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_event_page_jsonld_describes_the_event_and_cites_its_sources(soup, catalogue, site_url, prefix, lang, event_id):
    [event] = [event for event in catalogue.events if event.id == event_id]
    html = soup(lang, f"events/{event_id}/")
    items = {item["@type"]: item for item in jsonld(html)}
    assert set(items) >= {"Event", "Report"}
    ev = items["Event"]
    assert ev["name"] == event.title[lang] == html.h1.get_text(strip=True).replace("¶", "")
    assert ev["startDate"] == event.date.value.isoformat() == html.select_one("dl.nzd-facts time")["datetime"]
    assert ev["inLanguage"] == lang
    province = catalogue.places[event.place.province]
    assert ev["location"]["address"] == {"@type": "PostalAddress", "addressRegion": province.name[lang], "addressCountry": province.country}
    page = PageHelpers(catalogue, lang, load_labels()[lang])
    assert [o["name"] for o in ev["organizer"]] == list(dict.fromkeys(page.org(r.org) for r in event.organisers))
    report = items["Report"]
    assert report["inLanguage"] == lang
    assert report["about"] == {"@id": ev["@id"]}
    # Sources are cited by what they give: no URL is invented, nothing absent is filled in.
    given = [s for s in event.sources if s.headline or s.publisher or s.published]
    assert len(report["citation"]) == len(given) >= 1
    for cited, source in zip(report["citation"], given, strict=True):
        assert "url" not in json.dumps(cited).lower()
        assert cited.get("headline") == source.headline
        assert cited.get("publisher", {}).get("name") == source.publisher
        assert cited.get("datePublished") == (source.published.isoformat() if source.published else None)


def test_sitemap_lists_every_page_with_its_alternates(site, prefix, site_url):
    tree = ET.parse(site / "sitemap.xml")  # noqa: S314 - our own build output
    entries = {}
    for url in tree.getroot().iter(SITEMAP + "url"):
        loc = url.find(SITEMAP + "loc").text
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(XHTML + "link") if link.get("rel") == "alternate"}
    expected = {site_url + prefix[lang] + path for lang, path in built_pages(site)}
    assert set(entries) == expected
    for loc, alternates in entries.items():
        path = loc[len(site_url):].removeprefix("en/")
        assert alternates == {"vi": site_url + path, "en": site_url + "en/" + path, "x-default": site_url + path}, loc
    assert not any("404" in loc for loc in entries)


def test_robots_txt_points_to_the_sitemap(site, site_url):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {site_url}sitemap.xml" in robots.splitlines()


@pytest.mark.parametrize(("lang", "file"), [("vi", "404.html"), ("en", "en/404.html")])
def test_each_language_has_its_own_404_page(site, lang, file, prefix):
    html = BeautifulSoup((site / file).read_text(encoding="utf-8"), "html.parser")
    assert html.html["lang"] == lang
    assert html.h1.get_text().strip() == {"vi": "Không tìm thấy trang (404)", "en": "Page not found (404)"}[lang]
    assert meta(html, "robots") == "noindex"
    assert not html.find("link", rel="canonical")
    # Served at any depth: its links are absolute paths, and they lead to pages of its language.
    links = [a["href"] for a in html.select("article a")]
    assert links and all(href.startswith("/") for href in links)
    assert links[0] == "/" + prefix[lang]
    for href in links:
        assert (site / href.lstrip("/") / "index.html").is_file(), href
    for tag, attr in (("link", "href"), ("script", "src")):
        for element in html.find_all(tag):
            url = element.get(attr)
            if url and not urlparse(url).netloc:
                assert url.startswith("/"), f"{file}: relative {tag} {url} breaks when served at depth"
