"""Sharing and citing event pages: link-preview cards, citation-manager tags and files, per-event data."""

from __future__ import annotations

import io
import json
from urllib.parse import urlparse

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from PIL import Image

ENTITY_PAGES = ["places/hai-phong/", "organisations/becamex-idc/", "people/susan-burns/", "topics/net-zero-targets/"]


def meta(html, key: str) -> str | None:
    tag = html.find("meta", attrs={"property": key}) or html.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def card_of(site, html) -> bytes:
    return (site / urlparse(meta(html, "og:image")).path.lstrip("/")).read_bytes()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_event_entity_and_home_page_has_its_own_card(site, soup, site_url, event_ids, lang):
    for path in ["", *(f"events/{ident}/" for ident in event_ids), *ENTITY_PAGES]:
        html = soup(lang, path)
        image = meta(html, "og:image")
        assert image and image.startswith(site_url) and image == meta(html, "twitter:image"), path
        assert meta(html, "og:image:alt") and meta(html, "og:image:alt") == meta(html, "twitter:image:alt"), path
        assert (meta(html, "og:image:width"), meta(html, "og:image:height"), meta(html, "og:image:type")) == ("1200", "630", "image/png")
        data = card_of(site, html)
        assert len(data) <= 150_000, (path, len(data))
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 630), path
    lists = soup(lang, "events/")
    assert meta(lists, "og:image") == meta(soup(lang, ""), "og:image"), "a list page shows its language's home card"


def test_cards_differ_between_languages_and_between_events(site, soup, event_ids):
    cards = {(lang, ident): card_of(site, soup(lang, f"events/{ident}/")) for lang in ("vi", "en") for ident in event_ids}
    assert len(set(cards.values())) == len(cards), "every event has its own card in each language"
    assert card_of(site, soup("vi", "")) != card_of(site, soup("en", ""))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_event_pages_carry_citation_and_dublin_core_tags(soup, catalogue, site_url, prefix, lang):
    for event in catalogue.events:
        html = soup(lang, f"events/{event.id}/")
        url = f"{site_url}{prefix[lang]}events/{event.id}/"
        assert meta(html, "citation_title") == meta(html, "DC.title") == event.title[lang]
        assert meta(html, "citation_date") == event.date.value.strftime("%Y/%m/%d") and meta(html, "DC.date") == event.date.value.isoformat()
        assert meta(html, "citation_language") == meta(html, "DC.language") == lang
        assert meta(html, "citation_publisher") == meta(html, "DC.publisher") == meta(html, "og:site_name")
        assert meta(html, "citation_public_url") == meta(html, "DC.identifier") == url
        assert html.find("meta", attrs={"name": "citation_author"}) is None, "no author is invented"


def citation_links(html) -> dict[str, str]:
    block = html.select_one(".nzd-cite-downloads")
    return {link["href"].rsplit(".", 1)[1]: link["href"] for link in block.find_all("a") if "/citation." in link["href"]}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_citation_files_are_read_by_real_consumers(site, soup, catalogue, site_url, prefix, lang):
    for event in catalogue.events:
        html = soup(lang, f"events/{event.id}/")
        links = citation_links(html)
        assert set(links) >= {"bib", "ris", "json"}
        url = f"{site_url}{prefix[lang]}events/{event.id}/"
        read = {ext: (site / href.lstrip("/")).read_text(encoding="utf-8") for ext, href in links.items()}

        library = bibtexparser.parse_string(read["bib"])
        assert not library.failed_blocks and len(library.entries) == 1
        entry = library.entries[0]
        assert entry.entry_type == "online" and entry["url"] == url and entry["title"].strip("{}") == event.title[lang].replace("%", "\\%")
        assert "author" not in entry.fields_dict

        records = rispy.loads(read["ris"])
        assert len(records) == 1 and records[0]["title"] == event.title[lang] and records[0]["urls"] == [url]
        assert records[0]["type_of_reference"] == "ELEC" and "authors" not in records[0]

        source = CiteProcJSON(json.loads(read["json"]))
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        key = f"nzd-{event.id}-{lang}"
        bibliography.register(Citation([CitationItem(key)]))
        rendered = str(bibliography.bibliography()[0])
        assert event.title[lang] in rendered and url in rendered and str(event.date.value.year) in rendered, rendered


def test_each_event_has_its_own_data_linked_from_its_page_and_listed(site, soup, catalogue, site_url):
    schema = json.loads((site / "data" / "event.schema.json").read_text(encoding="utf-8"))
    listed = {item["id"]: item["url_json"] for item in json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))["events"]}
    for event in catalogue.events:
        url = f"{site_url}data/events/{event.id}.json"
        for lang in ("vi", "en"):
            link = soup(lang, f"events/{event.id}/").find("link", rel="alternate", type="application/json")
            assert link and link["href"] == url
        data = json.loads((site / "data" / "events" / f"{event.id}.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert data["id"] == event.id and data["title"] == {"vi": event.title.vi, "en": event.title.en}
        assert listed[event.id] == url
    broken = json.loads((site / "data" / "events" / f"{catalogue.events[0].id}.json").read_text(encoding="utf-8"))
    del broken["title"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    for lang in ("vi", "en"):
        page = soup(lang, "open-data/")
        hrefs = [a["href"] for a in page.select("article a")]
        assert f"{site_url}data/event.schema.json" in hrefs and f"{site_url}data/events/{catalogue.events[0].id}.json" in hrefs
