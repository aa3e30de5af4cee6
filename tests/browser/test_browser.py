"""Real-browser tests (Playwright driving Debian's Chromium) of navigation and the language switcher."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_reader_follows_event_to_organisation_to_another_event(page, base_url, prefix):
    page.goto(f"{base_url}{prefix}/events/{EVENT}/")
    page.locator("#attending ~ ul a[href*='organisations/us-commercial-service-vietnam/']").first.click()
    page.wait_for_url(f"{base_url}{prefix}/organisations/us-commercial-service-vietnam/")
    other = page.locator("article table a[href*='2024-01-18-binh-duong-net-zero-workshop']")
    title = other.inner_text()
    other.click()
    page.wait_for_url(f"{base_url}{prefix}/events/2024-01-18-binh-duong-net-zero-workshop/")
    assert page.locator("h1").inner_text().replace("¶", "").strip() == title


def test_copy_citation_button_copies_the_citation(new_page, base_url):
    tab = new_page(permissions=["clipboard-read", "clipboard-write"])
    tab.goto(f"{base_url}/en/events/{EVENT}/")
    tab.locator(".nzd-copy").click()
    tab.locator(".nzd-copy-status", has_text="Copied").wait_for()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied == tab.locator(".nzd-citation").inner_text()
    assert copied.startswith("Net Zero Vietnam Digest.") and copied.endswith(f"/en/events/{EVENT}/")


def test_commitments_table_sorts_by_year_both_ways(page, base_url):
    page.goto(f"{base_url}/en/commitments/")
    years = lambda: [int(v) for v in page.locator("table[data-sortable] tbody tr td:nth-child(2)").evaluate_all("cells => cells.map(c => c.dataset.sort || c.textContent.trim())")]  # noqa: E731
    assert years() == sorted(years())
    header = page.locator("table[data-sortable] th").nth(1)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert years() == sorted(years(), reverse=True)
    header.locator("button").press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    assert years() == sorted(years())


@pytest.mark.parametrize(("path", "query", "expected"), [("/404.html", "hai phong", "/events/2024-01-17-hai-phong-net-zero-workshop/"),
                                                          ("/en/404.html", "sakai", "/en/events/2024-07-25-ba-ria-vung-tau-sakai-carbon-neutrality/"),
                                                          ("/no/such/page/", "sakai", "/events/2024-07-25-ba-ria-vung-tau-sakai-carbon-neutrality/")])
def test_search_works_on_the_404_pages_at_any_depth(new_page, base_url, path, query, expected):
    """The page a reader lands on from a dead link searches like any other (its root comes from the site map)."""
    page = new_page(expected_console=r"status of 404")  # the dead link itself
    response = page.goto(f"{base_url}{path}", wait_until="load")
    assert response.status == (200 if path.endswith("404.html") else 404) and page.locator("h1").count() == 1
    page.fill("[data-nzd-search-input]", query)
    page.wait_for_function("document.querySelector('[data-nzd-search]').dataset.nzdState === 'results'")
    hrefs = page.eval_on_selector_all("[data-nzd-search-results] a", "links => links.map(a => new URL(a.href).pathname)")
    assert expected in hrefs, hrefs
