"""Tables that read at every width: from 768 px no table is wider than its box (no sideways scroll inside
it); on phones (below 768 px) tables marked data-stack are one block per row, each cell led by its label."""

from __future__ import annotations

import pytest

#: The commitments list, an entity page of each kind with a table, the sources list and the open-data page.
PAGES = ("commitments/", "people/susan-burns/", "organisations/shinec/", "places/hai-phong/", "topics/carbon-markets/",
         "sources/", "open-data/")

#: For each table of the article: how much wider its content is than the box it scrolls in (the table itself
#: or Material's scroll wrapper), and how wide the box is against the article.
OVERFLOW = """() => [...document.querySelectorAll("article table")].map((table) => {
  const wrap = table.closest(".md-typeset__scrollwrap");
  const boxes = [table, ...(wrap ? [wrap] : [])];
  return {
    over: Math.max(...boxes.map((box) => box.scrollWidth - box.clientWidth)),
    wider: Math.round(table.getBoundingClientRect().width - table.closest("article").getBoundingClientRect().width),
  };
})"""

STACKED = """() => [...document.querySelectorAll("article table[data-stack]")].map((table) => ({
  head: getComputedStyle(table.querySelector("thead")).position,
  rows: [...table.tBodies[0].rows].slice(0, 3).map((row) => [...row.cells].map((cell) => ({
    display: getComputedStyle(cell).display,
    label: getComputedStyle(cell, "::before").content,
    width: Math.round(cell.getBoundingClientRect().width),
  }))),
  width: Math.round(table.getBoundingClientRect().width),
}))"""


def test_pages_with_tables_exist(site, prefix):
    for path in PAGES:
        for lang in ("vi", "en"):
            assert (site / prefix[lang] / path / "index.html").is_file(), path


@pytest.mark.parametrize("width", (768, 1024, 1280))
def test_no_table_scrolls_sideways_inside_its_box(new_page, prefix, width):
    page = new_page(viewport={"width": width, "height": 900})
    wide = []
    for path in PAGES:
        for lang in ("vi", "en"):
            page.goto(f"/{prefix[lang]}{path}")
            tables = page.evaluate(OVERFLOW)
            assert tables, f"{path}: a table"
            wide += [(prefix[lang] + path, table) for table in tables if table["over"] > 0 or table["wider"] > 1]
    assert wide == [], f"tables wider than their box at {width} px: {wide}"


@pytest.mark.parametrize("width", (320, 390))
def test_tables_stack_into_labelled_rows_on_phones(new_page, prefix, width):
    page = new_page(viewport={"width": width, "height": 800})
    for path in PAGES:
        for lang in ("vi", "en"):
            page.goto(f"/{prefix[lang]}{path}")
            tables = page.evaluate(STACKED)
            assert tables, f"{path}: a data-stack table"
            for table in tables:
                assert table["head"] == "absolute", f"{path}: the header row is hidden (kept for screen readers)"
                assert table["width"] <= width
                for cells in table["rows"]:
                    assert all(cell["display"] == "block" for cell in cells), f"{path}: one line per cell"
                    assert all(cell["label"] not in ("none", "normal", '""') and len(cell["label"]) > 3 for cell in cells), (path, cells)
                    assert all(cell["width"] <= width for cell in cells)


def test_commitments_sort_still_works_on_a_fitted_table(new_page, prefix):
    page = new_page(viewport={"width": 1024, "height": 900})
    page.goto(f"/{prefix['en']}commitments/")
    first = lambda: page.locator("article table tbody tr").first.locator("td").first.inner_text()  # noqa: E731
    assert first() == "1"
    header = page.locator("article table thead th").first
    header.locator("button").click()
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert first() != "1"
    assert page.evaluate(OVERFLOW)[0]["over"] == 0
