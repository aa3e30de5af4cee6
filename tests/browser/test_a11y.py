"""Accessibility in a real browser: axe-core (through axe-playwright-python) on every page kind
in both languages and both colour schemes. (Foreign names and quotations carrying their own
`lang`: tests/site/test_lang_marks.py; printing: tests/browser/test_print.py.)"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE = Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_axe_reports_no_violation_on_any_page_kind(new_page, base_url, page_kinds, prefix, lang, scheme):
    tab = new_page(color_scheme=scheme)
    reports = []
    for path in page_kinds:
        tab.goto(f"{base_url}/{prefix[lang]}{path}")
        tab.wait_for_load_state("load")
        expected = "slate" if scheme == "dark" else "default"
        assert tab.locator("body").get_attribute("data-md-color-scheme") == expected
        results = AXE.run(tab)
        if results.violations_count:
            reports.append(f"/{prefix[lang]}{path} ({scheme}):\n{results.generate_report()}")
    assert len(page_kinds) >= 4
    assert not reports, "\n".join(reports)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang_path", ["/", "/en/"])
def test_axe_reports_no_violation_on_search_results(new_page, base_url, lang_path, scheme):
    """The open search with results (title, what each result is, snippet) in both languages and schemes."""
    tab = new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab.goto(f"{base_url}{lang_path}?q=hai+phong")
    tab.wait_for_function("() => document.querySelector('[data-nzd-search]').dataset.nzdState === 'results'")
    assert tab.locator(".nzd-search-result__kind").count() > 0
    results = AXE.run(tab)
    assert not results.violations_count, results.generate_report()
