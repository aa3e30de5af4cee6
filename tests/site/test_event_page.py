"""The event page reads top-down: a fact panel, the quick read (lead and key points), the summary,
the structured sections, then the reference sections. Checked on every event in both languages."""

from __future__ import annotations

import re

import pytest

#: The quick read (lead and key points) fits in about a minute: words per language (Vietnamese syllables).
QUICK_READ_WORDS = {"vi": 300, "en": 220}
#: Section anchors in reading order (those an event has); the README documents them.
READING_ORDER = ("key-points", "summary", "figures", "commitments", "quotations", "people")
REFERENCE_ORDER = ("sources", "discrepancies", "related", "cite")
#: A sentence ends with a full stop, question or exclamation mark before a capital or an opening quote
#: (a thousands separator such as 6.080 is followed by a digit).
SENTENCE_END = re.compile(r"[.!?…][”\"’)]?\s+(?=[A-ZÀ-ỸĐ“\"])")


@pytest.fixture
def event(catalogue, event_id):
    return next(event for event in catalogue.events if event.id == event_id)


def article(soup, lang, event_id):
    return soup(lang, f"events/{event_id}/").select_one("article")


def text_without_markers(node) -> str:
    """A node's text without its source markers ([A, B])."""
    for marker in node.select(".nzd-cite"):
        marker.extract()
    return " ".join(node.get_text(" ").split())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fact_panel_comes_first_with_date_place_organisers_topics_and_headline_figures(soup, lang, event_id, event, catalogue):
    page = article(soup, lang, event_id)
    h1 = page.find("h1")
    panel = h1.find_next_sibling()
    assert panel is not None and "nzd-panel" in panel.get("class", []), "the fact panel is the first thing after the title"
    facts = panel.select_one("dl.nzd-facts")
    assert facts.select_one(f"time[datetime='{event.date.value.isoformat()}']"), "the date, machine-readable"
    if event.date.inferred:
        assert facts.select_one(".nzd-inferred"), "inferred date parts are marked"
    links = [a["href"] for a in facts.select("a")]
    assert any(f"/places/{event.place.province}/" in href for href in links), "the place links to its page"
    for role in event.organisers:
        assert any(f"/organisations/{role.org}/" in href for href in links), f"organiser {role.org} in the panel"
    chips = panel.select("ul.nzd-chips > li > a")
    assert [a["href"].rstrip("/").rsplit("/", 1)[1] for a in chips] == list(event.topics), "every topic as a chip, in the data's order"
    chosen = [fig for fig in event.figures if fig.headline]
    shown = panel.select("ul.nzd-headline > li")
    assert len(shown) == len(chosen), "exactly the figures the editors chose as headline"
    assert len(chosen) <= 4
    for item in shown:
        assert item.select_one(".nzd-headline__value").get_text(strip=True), "a large number"
        assert item.select_one(".nzd-headline__label .nzd-cite a[href^='#source-']"), "with its label and source marker"


def test_events_with_figures_choose_headline_figures(event):
    """Which figures lead is an editorial choice in the data: an event with figures shows 2 to 4 of them."""
    if len(event.figures) >= 2:
        assert 2 <= sum(fig.headline for fig in event.figures) <= 4


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sections_come_in_reading_order_then_reference(soup, lang, event_id):
    page = article(soup, lang, event_id)
    ids = [h2.get("id") for h2 in page.find_all("h2")]
    reading = [ident for ident in ids if ident in READING_ORDER]
    reference = [ident for ident in ids if ident in REFERENCE_ORDER]
    assert reading == sorted(reading, key=READING_ORDER.index)
    assert reference == sorted(reference, key=REFERENCE_ORDER.index)
    assert ids.index(reading[-1]) < ids.index(reference[0]), "the reference sections come after the reading part"
    assert ids[:2] == ["key-points", "summary"], "the quick read, then the summary"
    lead = page.select_one("p.nzd-lead")
    assert lead.find_previous_sibling("div", class_="nzd-panel") and lead.find_next_sibling("h2")["id"] == "key-points"
    toc = {a["href"] for a in soup(lang, f"events/{event_id}/").select("nav.md-nav--secondary a")}
    assert {f"#{ident}" for ident in ("key-points", "summary", "sources", "cite")} <= toc, "the table of contents lists them"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_quick_read_is_short_and_each_key_point_one_or_two_sentences(soup, lang, event_id, words):
    page = article(soup, lang, event_id)
    lead = text_without_markers(page.select_one("p.nzd-lead"))
    points = [text_without_markers(li) for li in page.find("h2", id="key-points").find_next_sibling("ul").find_all("li", recursive=False)]
    total = words(lead) + sum(words(point) for point in points)
    assert total <= QUICK_READ_WORDS[lang], f"lead + key points: {total} words, budget {QUICK_READ_WORDS[lang]}"
    for point in points:
        sentences = len(SENTENCE_END.split(point))
        assert sentences <= 2, f"a key point of {sentences} sentences: {point}"
