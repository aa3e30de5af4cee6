"""Evidence in the browser: a source marker opens the passage of its article that supports the statement,
with the keyboard, with a screen-reader name, and without JavaScript; the passage stays Vietnamese."""

from __future__ import annotations

import pytest

LABEL = {"vi": "Đoạn trích bài nguồn A", "en": "Passage of source A"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_keyboard_opens_the_passage_and_the_marker_has_a_name(new_page, sample_event, prefix, lang):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"/{prefix[lang]}events/{sample_event}/#key-points")
    marker = page.locator("#key-points + ul details.nzd-ev").first
    summary = marker.locator("summary")
    assert LABEL[lang] in summary.aria_snapshot(), "the marker's accessible name says what it opens"
    box = marker.locator(".nzd-ev__box")
    assert not box.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    box.wait_for(state="visible")
    assert marker.evaluate("d => d.open")
    passage = box.locator("q.nzd-ev__text").first
    assert passage.get_attribute("lang") == "vi" and passage.inner_text().strip()
    assert box.locator("a.nzd-ev__source").get_attribute("href").startswith("#source-"), "names and links its source"
    translation = box.locator(".nzd-ev__translation")
    if lang == "en":
        assert translation.first.get_attribute("lang") == "en" and "Translation:" in translation.first.inner_text()
    else:
        assert translation.count() == 0
    page.keyboard.press("Enter")
    box.wait_for(state="hidden")


def test_the_passage_opens_without_javascript(new_page, sample_event, prefix):
    page = new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page.goto(f"/{prefix['en']}events/{sample_event}/")
    marker = page.locator("#figures ~ table details.nzd-ev").first
    marker.locator("summary").click()
    marker.locator(".nzd-ev__box").wait_for(state="visible")
    box = marker.locator(".nzd-ev__box").bounding_box()
    assert box["width"] > 100, "the opened passage is readable, not squeezed into the marker's column"
