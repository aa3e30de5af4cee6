"""Every screen: no page scrolls sideways on a phone or a desktop, in either language."""

from __future__ import annotations

import pytest

WIDTHS = (320, 390, 1280)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(new_page, page_kinds, event_ids, prefix, width):
    """One page of every kind and every event page (the longest fact panels), both languages."""
    page = new_page(viewport={"width": width, "height": 800})
    wide = []
    for path in dict.fromkeys([*page_kinds, *(f"events/{ident}/" for ident in event_ids)]):
        for lang in ("vi", "en"):
            page.goto(f"/{prefix[lang]}{path}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide.append((prefix[lang] + path, scroll))
    assert wide == [], f"pages wider than {width} px: {wide}"
