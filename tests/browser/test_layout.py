"""Every screen: no page scrolls sideways from a small phone to a desktop, in either language or
colour scheme, and from 768 px no table scrolls sideways inside its box."""

from __future__ import annotations

import pytest

WIDTHS = (320, 360, 390, 412, 768, 1024, 1280)
#: The dark scheme changes colours, not boxes: its extremes are enough.
DARK_WIDTHS = (320, 1280)
#: From this width tables are tables (below it they stack into labelled rows) and must fit their box.
TABLE_WIDTH = 768

# Any element that scrolls sideways inside its own box: a table, or the wrapper Material puts around one.
WIDE_BOXES = """() => [...document.querySelectorAll('article table, article .md-typeset__scrollwrap, article .md-typeset__table')]
  .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.tagName + '.' + el.className + ' ' + el.scrollWidth + '>' + el.clientWidth)"""


def pages(page_kinds, event_ids):
    return list(dict.fromkeys([*page_kinds, *(f"events/{ident}/" for ident in event_ids)]))


@pytest.mark.parametrize("scheme,width", [("light", w) for w in WIDTHS] + [("dark", w) for w in DARK_WIDTHS])
def test_no_page_scrolls_sideways(new_page, page_kinds, event_ids, prefix, scheme, width):
    """One page of every kind and every event page (the longest fact panels and tables), both languages."""
    page = new_page(viewport={"width": width, "height": 800}, color_scheme="dark" if scheme == "dark" else "light")
    wide, boxes = [], []
    for path in pages(page_kinds, event_ids):
        for lang in ("vi", "en"):
            page.goto(f"/{prefix[lang]}{path}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide.append((prefix[lang] + path, scroll))
            if width >= TABLE_WIDTH:
                boxes += [(prefix[lang] + path, box) for box in page.evaluate(WIDE_BOXES)]
    assert wide == [], f"pages wider than {width} px: {wide}"
    assert boxes == [], f"tables scrolling sideways inside their box at {width} px: {boxes}"


def test_tables_stack_into_labelled_rows_on_phones(new_page, sample_event, prefix):
    """Below 768 px each row of an event's tables is a block whose cells carry their column's label."""
    page = new_page(viewport={"width": 390, "height": 800})
    for lang in ("vi", "en"):
        page.goto(f"/{prefix[lang]}events/{sample_event}/")
        table = page.locator("table[data-stack]").first
        assert table.evaluate("t => getComputedStyle(t.querySelector('tr')).display") == "block"
        cell = table.locator("tbody td").first
        label = cell.get_attribute("data-label")
        assert label and cell.evaluate("td => getComputedStyle(td, '::before').content").strip('"').startswith(label)
        assert table.evaluate("t => getComputedStyle(t.querySelector('thead')).position") == "absolute", "the header row is for screen readers only"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_phone_first_screen_shows_title_date_place_and_lead(new_page, event_ids, prefix, lang):
    """On a 390×844 phone the title, the date, the place and the start of the lead are above the fold."""
    page = new_page(viewport={"width": 390, "height": 844})
    low = []
    for ident in event_ids:
        page.goto(f"/{prefix[lang]}events/{ident}/")
        tops = page.evaluate("""() => Object.fromEntries([['title', 'article h1'], ['date', '.nzd-facts time'],
            ['place', '.nzd-facts a[href*="/places/"]'], ['lead', 'p.nzd-lead']]
            .map(([name, sel]) => [name, document.querySelector(sel).getBoundingClientRect().top]))""")
        low += [(ident, name, round(top)) for name, top in tops.items() if top > 844 - 24]
    assert low == [], f"below the first screen (top in px): {low}"
