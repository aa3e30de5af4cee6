"""Evidence in the browser: a source marker opens, below its statement, the passage of that source that
supports it (Vietnamese kept; on English pages the translation, marked), with the keyboard and a
screen-reader description; without JavaScript the marker links to the source."""

from __future__ import annotations

import pytest

HELP = {"vi": "Mở đoạn trích của bài nguồn", "en": "Opens the passage of this source"}


@pytest.fixture
def real_event(catalogue):
    """`real_event(id)`: an event of the real data, as the site was built from."""
    return lambda ident: next(event for event in catalogue.events if event.id == ident)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_keyboard_opens_and_closes_the_passage_of_a_key_point(new_page, sample_event, prefix, lang, real_event):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"/{prefix[lang]}events/{sample_event}/")
    marker = page.locator("#key-points + ul a[data-ev]").first
    assert marker.get_attribute("aria-expanded") == "false"
    assert HELP[lang] in page.locator(f"#{marker.get_attribute('aria-describedby')}").text_content(), "a description for screen readers"
    marker.focus()
    page.keyboard.press("Enter")
    box = page.locator(f"#{marker.get_attribute('aria-controls')}")
    passage = box.locator("q.nzd-ev__text").first
    passage.wait_for()
    expected = real_event(sample_event).key_points[0]
    source = marker.get_attribute("href").removeprefix("#source-")
    assert passage.get_attribute("lang") == "vi"
    assert passage.inner_text() == expected.passages(source)[0].text, "the data's passage of that source"
    assert marker.get_attribute("aria-expanded") == "true"
    assert box.locator("a.nzd-ev__source").get_attribute("href") == f"#source-{source}", "names and links its source"
    translation = box.locator(".nzd-ev__translation")
    if lang == "en":
        assert translation.first.get_attribute("lang") == "en" and translation.first.inner_text().startswith("Translation:")
    else:
        assert translation.count() == 0
    page.keyboard.press("Enter")
    box.wait_for(state="hidden")
    assert marker.get_attribute("aria-expanded") == "false"
    assert page.evaluate("location.hash") == "", "opening a passage does not jump to the source"


def test_a_table_statement_opens_its_passage_across_the_row(new_page, sample_event, prefix):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"/{prefix['en']}events/{sample_event}/")
    marker = page.locator("#figures ~ * a[data-ev]").first
    marker.click()
    box = page.locator(f"#{marker.get_attribute('aria-controls')}")
    box.locator("q").first.wait_for()
    assert box.evaluate("b => b.closest('tr').classList.contains('nzd-ev-row')")
    assert box.bounding_box()["width"] > 500, "the passage takes the row's width, not the source column's"


def test_without_javascript_a_marker_links_to_its_source(new_page, sample_event, prefix):
    page = new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page.goto(f"/{prefix['vi']}events/{sample_event}/")
    marker = page.locator("#key-points + ul a[data-ev]").first
    href = marker.get_attribute("href")
    marker.click()
    page.wait_for_function(f"location.hash === {href!r}")
    assert page.locator(href).is_visible()


def test_a_passage_that_cannot_load_says_so_and_links_the_source(new_page, sample_event, prefix):
    page = new_page(viewport={"width": 1280, "height": 900}, expected_console="404")
    page.route("**/data/events/*.json", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(f"/{prefix['en']}events/{sample_event}/")
    marker = page.locator("#key-points + ul a[data-ev]").first
    marker.click()
    box = page.locator(f"#{marker.get_attribute('aria-controls')}")
    box.locator("a.nzd-ev__source").wait_for()
    assert "could not be loaded" in box.inner_text()
