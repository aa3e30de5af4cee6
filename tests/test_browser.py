"""Real-browser tests (Playwright driving Debian's Chromium) of navigation and the language switcher."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
EVENT = "2024-01-17-hai-phong-net-zero-workshop"


def test_language_switcher_lands_on_the_same_event_in_english(page, base_url):
    page.goto(f"{base_url}/events/{EVENT}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    vi_title = page.locator("h1").inner_text()
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(f"{base_url}/en/events/{EVENT}/")
    assert page.locator("html").get_attribute("lang") == "en"
    en_title = page.locator("h1").inner_text()
    assert en_title != vi_title
    assert "Hai Phong" in en_title
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=vi]").click()
    page.wait_for_url(f"{base_url}/events/{EVENT}/")
    assert page.locator("h1").inner_text() == vi_title


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_reader_goes_home_to_index_to_event(page, base_url, prefix):
    page.goto(f"{base_url}{prefix}/")
    page.locator("article a[href*='events/']").last.click()
    page.wait_for_url(f"{base_url}{prefix}/events/")
    first = page.locator("article li strong a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(f"{base_url}{prefix}/events/*/")
    assert page.locator("h1").inner_text().replace("¶", "").strip() == title
