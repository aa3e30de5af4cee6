"""Browse, cite and reuse: entity pages, source pages, archive, commitments and their chart,
source attribution, discrepancies, the citation block, feeds and open data — on the built site."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from digest.pages.browse import ENTITY_KINDS, build_browse

# Fixtures (tests/conftest.py, tests/site/conftest.py): site, soup, catalogue, event_ids, prefix, site_url.
HP, BD, BRVT = ("2024-01-17-hai-phong-net-zero-workshop", "2024-01-18-binh-duong-net-zero-workshop",
                "2024-07-25-ba-ria-vung-tau-sakai-carbon-neutrality")
LANGS = ["vi", "en"]


@pytest.fixture(scope="module")
def browse(catalogue):
    """What the browse pages are built from (digest.browse)."""
    return build_browse(catalogue)


@pytest.fixture(scope="module")
def event_links(event_ids):
    """`event_links(html)`: ids of the real events an article links to."""

    def links(html: BeautifulSoup) -> set[str]:
        return {a["href"].rstrip("/").split("/")[-1] for a in html.select("article a[href*='events/']")} & set(event_ids)

    return links


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ENTITY_KINDS)
def test_entity_index_and_pages_list_the_events_they_appear_in(site, lang, kind, soup, browse, event_links):
    index = soup(lang, f"{kind}/")
    listed = {a["href"].rstrip("/").split("/")[-1] for a in index.select("article li a")}
    assert listed == set(browse.appearances[kind])
    for ident, appearances in browse.appearances[kind].items():
        html = soup(lang, f"{kind}/{ident}/")
        assert event_links(html) == {a.event.id for a in appearances}
        rows = html.select("article table tbody tr")
        assert len(rows) == len(appearances)
        assert all(row.find_all("td")[2].get_text(strip=True) for row in rows), "every appearance names a role"


@pytest.mark.parametrize("lang", LANGS)
def test_known_entities_appear_where_the_sources_put_them(site, lang, soup, event_links):
    sakai = soup(lang, "places/sakai/")
    assert event_links(sakai) == {BRVT}
    assert {"vi": "đối tác", "en": "partner"}[lang] in sakai.select_one("article table").get_text()
    burns = soup(lang, "people/susan-burns/")
    assert event_links(burns) == {BD}
    commercial = soup(lang, "organisations/us-commercial-service-vietnam/")
    assert event_links(commercial) == {HP, BD}


@pytest.mark.parametrize("lang", LANGS)
def test_event_pages_link_each_entity_and_source(site, lang, soup, catalogue):
    for event in catalogue.events:
        html = soup(lang, f"events/{event.id}/")
        hrefs = [a["href"] for a in html.select("article a")]
        for role in event.organisers:
            assert any(f"/{role.org}/" in h for h in hrefs), role.org
        for part in event.participants:
            assert any(f"people/{part.person}/" in h for h in hrefs), part.person
        for topic in event.topics:
            assert any(f"topics/{topic}/" in h for h in hrefs), topic
        for source in event.sources:
            assert any(f"sources/{source.id}/" in h for h in hrefs), source.id
            assert html.find(id=f"source-{source.id}")


@pytest.mark.parametrize("lang", LANGS)
def test_source_pages_give_only_what_the_article_gives_and_link_the_event(site, lang, soup, browse, event_links):
    for source, event in browse.sources:
        html = soup(lang, f"sources/{source.id}/")
        text = html.select_one("article").get_text(" ")
        assert event_links(html) == {event.id}
        assert source.summary[lang] in text
        assert source.file in text
        not_given = {"vi": "không ghi", "en": "not given"}[lang]
        assert (source.headline in text) if source.headline else not_given in text
        assert (source.publisher in text) if source.publisher else not_given in text
    assert "http" not in soup(lang, "sources/hp-b/").select_one("article").get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_archive_groups_events_by_year_then_month(site, lang, soup, event_links, event_ids):
    html = soup(lang, "archive/")
    years = [h.get("id") for h in html.select("article h2")]
    assert years == ["y2024"]
    months = [h.get("id") for h in html.select("article h3")]
    assert months == ["y2024-07", "y2024-01"]
    assert event_links(html) == set(event_ids)


@pytest.mark.parametrize("lang", LANGS)
def test_commitments_page_lists_every_commitment_by_year_with_event_and_source(site, lang, soup, browse, catalogue):
    html = soup(lang, "commitments/")
    table = html.select_one("table[data-sortable]")
    assert table.has_attr("data-stack") and table.find("colgroup"), "stacks on phones, sized by its columns from 768 px"
    rows = table.select("tbody tr")
    assert len(rows) == sum(len(e.commitments) for e in catalogue.events) == len(browse.commitments)
    years = [int(r.find_all("td")[1].get("data-sort") or r.find_all("td")[1].get_text()) for r in rows]
    assert years == sorted(years)
    for row, item in zip(rows, browse.commitments, strict=True):
        cells = row.find_all("td")
        assert all(cell.get("data-label") for cell in cells), "every cell names its column for the stacked rows"
        event_cell = cells[5]
        links = [a["href"] for a in event_cell.find_all("a", href=True)]
        assert links[0].endswith(f"/events/{item.event.id}/")
        assert {href.split("#source-")[1] for href in links[1:]} == set(item.commitment.sources), "markers link to the sources"
    shinec = [r for r in rows if "2025" in r.find_all("td")[1].get_text()]
    assert shinec, "Shinec's 2025 target is listed"


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_chart_is_inline_svg_with_a_text_alternative(site, lang, soup, browse):
    html = soup(lang, "commitments/")
    svg = html.select_one("svg.nzd-chart")
    assert svg["role"] == "img"
    labelled = svg["aria-labelledby"].split()
    assert [svg.find(id=i).name for i in labelled] == ["title", "desc"]
    desc = svg.find("desc").get_text()
    dated = [row for row in browse.commitments if row.commitment.target_year]
    years = {row.commitment.target_year for row in dated}
    for year in years:
        assert str(year) in desc
    assert len(svg.select("g.nzd-chart__item")) == len(years), "one dot per target year, with its count"
    assert sum(int(g.find("text").get_text()) for g in svg.select("g.nzd-chart__item")) == len(dated)
    assert {"vi": "Dòng thời gian", "en": "Timeline"}[lang] in svg.find("title").get_text()
    assert not html.find("script", src=lambda s: s and "chart" in s)


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_legend_names_the_actor_and_target_of_every_dated_commitment(site, lang, soup, browse, catalogue):
    """The chart reads without the table: its legend (a list in the figure's caption, the text alternative
    beside the SVG) gives every target year's commitments, each with its actor and a short label."""
    html = soup(lang, "commitments/")
    figure = html.select_one("figure.nzd-chart-figure")
    legend = figure.select_one("figcaption.nzd-chart-legend")
    listed = {}
    for dt in legend.select("dl > dt"):
        for li in dt.find_next_sibling("dd").select("ol > li"):
            listed[int(li["value"])] = (int(dt.get_text()), li.select_one(".nzd-chart-legend__actor").get_text(), li.get_text())
    dated = [(number, row) for number, row in enumerate(browse.commitments, start=1) if row.commitment.target_year]
    assert sorted(listed) == [number for number, _ in dated]
    for number, row in dated:
        year, actor, text = listed[number]
        item = row.commitment
        actor_entity = catalogue.organisations.get(item.actor) or catalogue.places[item.actor]
        assert year == item.target_year and actor == actor_entity.name[lang]
        label = text.split(": ", 1)[1].rstrip("…")
        assert len(label) > 10 and label.split()[-1].casefold() in item.what[lang].casefold(), (label, item.what[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_names_its_sources(site, lang, soup, catalogue):
    for event in catalogue.events:
        html = soup(lang, f"events/{event.id}/")
        points = html.find(id="key-points").find_next("ul").find_all("li", recursive=False)
        assert len(points) == len(event.key_points)
        for point, item in zip(points, event.key_points, strict=True):
            cited = {a["href"].removeprefix("#source-") for a in point.select(".nzd-cite a")}
            assert cited == set(item.sources)
        for table in html.select("article table"):
            for row in table.select("tbody tr"):
                assert row.select(".nzd-cite a"), "every figure and commitment row cites a source"


@pytest.mark.parametrize("lang", LANGS)
def test_binh_duong_page_states_the_disagreement_with_both_sources(site, lang, soup):
    html = soup(lang, f"events/{BD}/")
    heading = html.find(id="discrepancies")
    assert heading, [h.get("id") for h in html.find_all("h2")]
    block = heading.find_next("ul").get_text(" ")
    words = {"vi": ("200 đại biểu", "200 doanh nghiệp"), "en": ("200 delegates", "200 domestic and international businesses")}[lang]
    assert all(w in block for w in words)
    cited = {a["href"] for a in heading.find_next("ul").select(".nzd-cite a")}
    assert cited == {"#source-bd-a", "#source-bd-b"}


@pytest.mark.parametrize("lang", LANGS)
def test_related_events_are_ranked_and_linked(site, lang, soup):
    html = soup(lang, f"events/{HP}/")
    heading = html.find(id="related")
    linked = [a["href"].rstrip("/").split("/")[-1] for a in heading.find_next("ul").find_all("a")]
    assert linked[0] == BD  # shares an organisation, Vietnam's targets and topics: ranked first
    assert HP not in linked


@pytest.mark.parametrize("lang", LANGS)
def test_cite_block_gives_permalink_and_citation_in_page_language(site, lang, soup, catalogue, prefix, site_url):
    for event in catalogue.events:
        block = soup(lang, f"events/{event.id}/").select_one(".nzd-cite-block")
        permalink = site_url + prefix[lang] + f"events/{event.id}/"
        assert block.find("a")["href"] == permalink
        citation = block.select_one(".nzd-citation").get_text()
        assert event.title[lang] in citation and permalink in citation
        assert {"vi": "Tóm lược", "en": "Digest"}[lang] in citation
        assert block.find("button")


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_is_valid_linked_and_in_its_language(site, lang, soup, catalogue, event_ids, prefix, site_url):
    feed = feedparser.parse((site / prefix[lang] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.get("language") == lang
    assert [e.link for e in feed.entries] == [site_url + prefix[lang] + f"events/{i}/" for i in event_ids]
    assert [e.title for e in feed.entries] == [e.title[lang] for e in catalogue.events]
    for page in ("", "events/", f"events/{HP}/", "about/"):
        links = soup(lang, page).find_all("link", type="application/atom+xml")
        assert [link["href"] for link in links] == [site_url + prefix[lang] + "feed.xml"]


def test_open_data_json_validates_against_its_schema_and_csv_matches(site, event_ids, site_url):
    data = json.loads((site / "data/events.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data/schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert [e["id"] for e in data["events"]] == event_ids
    assert data["licence"].startswith("CC BY 4.0")
    broken = json.loads(json.dumps(data))
    broken["events"][0]["date"]["value"] = "soon"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, format_checker=jsonschema.FormatChecker())
    rows = list(csv.DictReader(io.StringIO((site / "data/events.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == event_ids
    assert rows[0]["url_en"] == site_url + f"en/events/{event_ids[0]}/"


@pytest.mark.parametrize("lang", LANGS)
def test_open_data_page_is_linked_from_about_and_explains_fields(site, lang, soup, site_url):
    about = soup(lang, "about/")
    assert about.select_one("article a[href*='open-data']")
    html = soup(lang, "open-data/")
    hrefs = [a["href"] for a in html.select("article a")]
    assert {site_url + "data/events.json", site_url + "data/events.csv", site_url + "data/schema.json"} <= set(hrefs)
    fields = [row.find("code").get_text() for row in html.select("article table tbody tr")]
    assert "id" in fields and "commitments" in fields and "sources" in fields
    assert "CC BY 4.0" in html.select_one("article").get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_person_page_says_who_she_is_and_what_she_said_at_each_event(site, lang, soup, catalogue):
    """Susan Burns: her role and organisation at the Bình Dương event as the sources give them, her words
    (reported in the summary; quotations where the data has them) and the key points naming her, with
    source markers linking to the event's sources."""
    event = next(e for e in catalogue.events if e.id == BD)
    part = next(p for p in event.participants if p.person == "susan-burns")
    html = soup(lang, "people/susan-burns/")
    row = html.select_one("article table[data-stack] tbody tr")
    role = row.find_all("td")[2]
    assert part.role[lang] in role.get_text()
    assert role.find("a", href=lambda h: h.endswith(f"/organisations/{part.org}/"))
    assert role.select(".nzd-cite a[href*='#source-']")
    section = html.select_one(f"section.nzd-at-event[aria-labelledby='at-{BD}']")
    text = section.get_text(" ")
    named = [p for p in event.key_points if "Susan Burns" in p.text[lang]]
    assert named and all(p.text[lang] in text for p in named), "every key point naming her"
    reported = [p for p in event.summary[lang] if "Susan Burns" in p]
    assert reported and all(p in text for p in reported), "what she said, as the summary reports it"
    for a in section.select(".nzd-cite a"):
        assert a["href"].split("#source-")[0].endswith(f"/events/{BD}/") and a["href"].split("#source-")[1] in {s.id for s in event.sources}
    assert not any("Mai Hùng Dũng" in p.get_text() for p in section.select("li")), "only what names her"


@pytest.mark.parametrize("lang", LANGS)
def test_quoted_person_page_gives_the_vietnamese_words_and_the_translation(site, lang, soup, catalogue):
    event = next(e for e in catalogue.events if e.id == BD)
    quotes = [q for q in event.quotations if q.speaker == "mai-hung-dung"]
    html = soup(lang, "people/mai-hung-dung/")
    figures = html.select(f"section[aria-labelledby='at-{BD}'] figure.nzd-quote")
    assert len(figures) == len(quotes)
    for figure, quote in zip(figures, quotes, strict=True):
        original = figure.select_one("blockquote[lang='vi']")
        assert quote.vi in original.get_text()
        translation = figure.select_one("blockquote.nzd-translation")
        if lang == "en":
            assert translation["lang"] == "en" and quote.en in translation.get_text()
            assert translation.select_one(".nzd-translation__label").get_text(strip=True)
        else:
            assert translation is None
        assert {a["href"].split("#source-")[1] for a in figure.select(".nzd-cite a")} == set(quote.sources)


@pytest.mark.parametrize("lang", LANGS)
def test_organisation_page_shows_its_commitments_and_figures(site, lang, soup, catalogue, browse):
    """Every organisation or place that is a commitment's actor lists those commitments on its page, at
    their event, with their sources; figures whose subject it is too."""
    for kind in ("organisations", "places"):
        for ident, appearances in browse.appearances[kind].items():
            html = soup(lang, f"{kind}/{ident}/")
            for appearance in appearances:
                event = appearance.event
                expected = [c for c in event.commitments if c.actor == ident] + [f for f in event.figures if f.subject == ident]
                section = html.select_one(f"section.nzd-at-event[aria-labelledby='at-{event.id}']")
                if not expected:
                    continue
                assert section, f"{kind}/{ident}: {event.id}"
                for item in [c for c in event.commitments if c.actor == ident]:
                    li = next(li for li in section.select("li") if item.what[lang] in li.get_text())
                    assert item.status[lang] in li.get_text() and li.select(".nzd-cite a")
                for fig in [f for f in event.figures if f.subject == ident]:
                    assert fig.measure[lang] in section.get_text()
    shinec = soup(lang, "organisations/shinec/")
    assert len(shinec.select("section.nzd-at-event li strong")) >= 3, "Shinec's 2024, 2025 and 2030 targets"


@pytest.mark.parametrize("lang", LANGS)
def test_topic_page_gives_date_place_and_lead_of_each_event(site, lang, soup, browse):
    for ident, appearances in browse.appearances["topics"].items():
        html = soup(lang, f"topics/{ident}/")
        rows = html.select("article table[data-stack] tbody tr")
        for row, appearance in zip(rows, appearances, strict=True):
            cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
            assert appearance.event.lead[lang] in cells[2] and appearance.event.title[lang] in cells[2]
            assert all(td.get("data-label") for td in row.find_all("td"))
