"""Built-site tests: parse the HTML MkDocs produced from the real data."""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

# Fixtures (tests/conftest.py, tests/site/conftest.py): site, soup, catalogue, event_ids, prefix, site_url;
# `page_path` runs a test on home, the events index, about and every event page.


def test_the_three_seed_events_are_published(event_ids):
    assert len(event_ids) >= 3
    assert {"2024-01-17-hai-phong-net-zero-workshop", "2024-01-18-binh-duong-net-zero-workshop",
            "2024-07-25-ba-ria-vung-tau-sakai-carbon-neutrality"} <= set(event_ids)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_exists_in_both_languages_with_right_lang_and_alternates(site, soup, prefix, site_url, lang, page_path):
    html = soup(lang, page_path)
    assert html.html["lang"] == lang
    canonical = html.find("link", rel="canonical")["href"]
    assert canonical == site_url + prefix[lang] + page_path
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate") if link.get("hreflang")}
    assert alternates == {"vi": site_url + page_path, "en": site_url + "en/" + page_path, "x-default": site_url + page_path}
    for other, url in alternates.items():
        target = site / urlparse(url).path.lstrip("/") / "index.html"
        assert target.is_file(), f"{other} alternate of {lang}/{page_path} points to a missing page"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_language_switcher_links_to_the_paired_page(soup, prefix, lang, page_path):
    html = soup(lang, page_path)
    links = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
    assert set(links) == {"vi", "en"}
    page_url = "http://x/" + prefix[lang] + page_path
    assert urljoin(page_url, links["vi"]) == "http://x/" + page_path
    assert urljoin(page_url, links["en"]) == "http://x/en/" + page_path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_event_titles_and_headings_are_in_the_page_language(site, lang, soup, catalogue):
    for event in catalogue.events:
        html = soup(lang, f"events/{event.id}/")
        assert html.h1.get_text(strip=True).replace("¶", "") == event.title[lang]
        assert html.title.get_text().startswith(event.title[lang])
        headings = [h.get_text(strip=True).replace("¶", "") for h in html.find_all("h2")]
        expected = {"vi": "Điểm chính", "en": "Key points"}[lang]
        assert expected in headings


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_events_index_lists_every_event_newest_first(site, lang, soup, catalogue, event_ids):
    html = soup(lang, "events/")
    hrefs = [a["href"].strip("./").rstrip("/") for a in html.select("article li strong a")]
    ids = [h.split("/")[-1] for h in hrefs]
    assert ids == event_ids
    dates = [event.date.value for event in catalogue.events]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_lists_latest_events_and_links_the_index(site, lang, soup, event_ids):
    html = soup(lang, "")
    links = [a["href"] for a in html.select("article a")]
    assert any(h.rstrip("/").endswith(event_ids[0]) for h in links)
    assert any(h.rstrip("/").endswith("events") for h in links)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_front_page_says_what_the_archive_holds_and_offers_ways_in(soup, lang, catalogue, prefix):
    html = soup(lang, "").select_one("article")
    holdings = {a["href"].strip("/").rsplit("/", 1)[-1]: int(a.select_one(".nzd-holdings__value").get_text())
                for a in html.select("ul.nzd-holdings a")}
    assert holdings["events"] == len(catalogue.events)
    assert holdings["sources"] == sum(len(event.sources) for event in catalogue.events)
    assert holdings["commitments"] == sum(len(event.commitments) for event in catalogue.events)
    assert holdings["people"] == len({p.person for e in catalogue.events for p in e.participants} | {q.speaker for e in catalogue.events for q in e.quotations})
    assert set(holdings) == {"events", "sources", "commitments", "places", "organisations", "people", "topics"}
    latest = html.select("ul.nzd-latest > li")
    assert len(latest) == min(len(catalogue.events), 6)
    for item, event in zip(latest, catalogue.events, strict=False):
        assert item.select_one(".nzd-latest__title a")["href"] == f"/{prefix[lang]}events/{event.id}/"
        meta = item.select_one(".nzd-meta").get_text()
        assert event.date.value.strftime("%Y") in meta and "·" in meta, "date and place"
        assert item.find_all("p")[2].get_text() == event.lead[lang]
        assert [a["href"].strip("/").rsplit("/", 1)[1] for a in item.select(".nzd-chips a")] == list(event.topics)
    explore = [a["href"] for a in html.select("#explore ~ ul a, #explore ~ p a")]
    for kind in ("topics", "places", "commitments", "archive"):
        assert any(href.rstrip("/").endswith(kind) for href in explore), f"a way in to {kind}"
    assert any(re.search(r"/topics/[^/]+/$", href) for href in explore), "the busiest topics, each a way in"
    assert any(re.search(r"/places/[^/]+/$", href) for href in explore), "the busiest places, each a way in"


def test_numbers_and_dates_follow_each_language(site, soup):
    vi = soup("vi", "events/2024-01-17-hai-phong-net-zero-workshop/").get_text()
    en = soup("en", "events/2024-01-17-hai-phong-net-zero-workshop/").get_text()
    assert "6.080 ha" in vi and "6,080 ha" in en
    assert "60,5%" in vi and "60.5%" in en
    assert "17/01/2024" in vi and "17 January 2024" in en


def test_inferred_year_is_marked(site, soup):
    for lang, word in (("vi", "suy luận"), ("en", "inferred")):
        for ident in ("2024-01-18-binh-duong-net-zero-workshop", "2024-07-25-ba-ria-vung-tau-sakai-carbon-neutrality"):
            facts = soup(lang, f"events/{ident}/").select_one("dl.nzd-facts").get_text()
            assert word in facts


def test_pages_make_no_reference_to_other_origins(site):
    for file in site.rglob("*.html"):
        html = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in html.find_all(tag):
                url = element.get(attr)
                if not url or (tag == "link" and element.get("rel") in (["canonical"], ["alternate"])):
                    continue
                assert not urlparse(url).netloc, f"{file}: {tag} loads {url} from another origin"


def test_no_page_is_over_60_kb_of_html(site):
    """Readers are mostly on phones: every page, the largest event pages included, stays under 60 KB of HTML."""
    heavy = {path.relative_to(site).as_posix(): path.stat().st_size for path in site.rglob("*.html") if path.stat().st_size > 60 * 1024}
    assert heavy == {}, f"pages over 60 KB: {heavy}"


def test_an_inferred_date_is_marked_wherever_a_page_gives_it(site, catalogue):
    """The year of an inferred date is the digest's inference, not the source's: every page that prints such a date
    as a date says so beside it (lists, tables, related events, the cite line, entity pages), in both languages."""
    unmarked, seen = [], 0
    for event in (e for e in catalogue.events if e.date.inferred):
        shown = {"vi": event.date.value.strftime("%d/%m/%Y"), "en": f"{event.date.value.day} {event.date.value:%B %Y}"}
        for path in site.rglob("*.html"):
            lang = "en" if path.relative_to(site).parts[0] == "en" else "vi"
            text = " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
            for match in re.finditer(re.escape(shown[lang]), text):
                seen += 1
                after = text[match.end():match.end() + 16]
                if not re.match(r"\s*\((suy luận|inferred)", after):
                    unmarked.append(f"{path.relative_to(site)}: …{text[max(0, match.start() - 30):match.end() + 16]}…")
    assert seen > 20, "the dates are found where pages print them"
    assert unmarked == [], "\n".join(unmarked)


def test_every_file_of_the_site_is_readable_by_the_server(site):
    """A host serves the site as another user: every file and folder is as readable as a new one is (the
    umask), never private, whether MkDocs wrote it, the build linked it (downloads, cards) or Pagefind made it."""
    mask = os.umask(0)
    os.umask(mask)
    readable = 0o444 & ~mask
    private = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.stat().st_mode & readable != readable]
    assert readable and private == []
