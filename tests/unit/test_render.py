"""Rendering: escaping of data text (Markdown and JSON-LD), number and date conventions, page pairing.

The strict MkDocs build of the hostile fixture event is in tests/site/test_strict_build.py."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import random
import re

import markdown
import pytest
from bs4 import BeautifulSoup

from digest.load import load_catalogue
from digest.numbers import format_date, format_datetime, format_number
from digest.pages import GENERATED_MARK, render_site
from digest.pages.helpers import PLAIN_LETTERS, Names, PageHelpers
from digest.pages.markup import escape_md, md_destination
from digest.pages.open_data import OpenData, OpenEventFile, event_data, indented_json, open_data, open_data_json
from digest.pages.pagination import paginate, relative
from digest.pages.templating import load_labels
from digest.schema import Bilingual

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](http://example.com/x.png)",
    "---",
    "# heading",
    "1. list",
    "- item",
    "+ item",
    "> quote",
    "*emphasis* _under_ `code`",
    "{{ config.site_name }} {% if true %}x{% endif %}",
    "a | b | c",
    "text {: .attr #id }",
    "&amp; &lt; \\ back\\slash",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_same_literal_text(text):
    md = markdown.Markdown(extensions=["attr_list", "tables", "toc"])
    html = md.convert(f"{escape_md(text)}\n")
    parsed = BeautifulSoup(html, "html.parser")
    assert parsed.get_text() == text
    assert not parsed.find(["script", "img", "a", "h1", "ol", "ul", "hr", "blockquote", "em", "code", "table"])


@pytest.mark.parametrize("data", [
    {}, [], "x", 3, None, [{"k": (1, 2)}],
    {"b": [], "a": {}, "c": [1, 2.5, True, False, None, 'q"\\\n\t\x01\u2028 Tiếng Việt', {"z": 1, "a": [[]]}],
     "d": -0.0, "e": 1e16, "f": 1e-7, "g": float("nan"), "h": float("-inf"), "i": 10**30},
    OpenEventFile.model_json_schema(), OpenData.model_json_schema(),
])
def test_indented_json_is_the_standard_librarys(data):
    assert indented_json(data) == json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


@pytest.mark.parametrize(("value", "vi", "en"), [
    (6080, "6.080", "6,080"), (60.5, "60,5", "60.5"), (1.3, "1,3", "1.3"), (4000, "4.000", "4,000"),
    (31, "31", "31"), (1234567.25, "1.234.567,25", "1,234,567.25"),
])
def test_number_conventions(value, vi, en):
    assert format_number(value, "vi") == vi
    assert format_number(value, "en") == en


def test_date_conventions():
    day = dt.date(2024, 1, 17)
    assert format_date(day, "vi") == "17/01/2024"
    assert format_date(day, "en") == "17 January 2024"
    moment = dt.datetime(2024, 1, 17, 16, 42)
    assert format_datetime(moment, "vi") == "16:42 17/01/2024"
    assert format_datetime(moment, "en") == "16:42, 17 January 2024"


def test_every_page_is_paired_and_marked_generated(fixture_data):
    pages = render_site(load_catalogue(fixture_data, fixture_data.parent))
    vi = {p.removeprefix("vi/") for p in pages if p.startswith("vi/") and p.endswith(".md")}
    en = {p.removeprefix("en/") for p in pages if p.startswith("en/") and p.endswith(".md")}
    assert vi == en and len(vi) >= 4
    assert all(GENERATED_MARK in text.split("---", 2)[1] for name, text in pages.items() if name.endswith(".md"))


def test_jsonld_cannot_break_out_of_its_script_element(catalogue):
    event = catalogue.events[0]
    hostile = "</script><script>alert(1)</script> & <!-- R&D -->"
    evil = event.model_copy(update={"title": Bilingual(vi=hostile, en=hostile)})
    block = str(PageHelpers(catalogue, "en", load_labels()["en"]).jsonld(evil))
    assert block.startswith('<script type="application/ld+json">') and block.endswith("</script>")
    body = block[len('<script type="application/ld+json">'): -len("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["@graph"][0]["name"] == hostile


def _mentions_by_pattern(names: list[str | None], text: str) -> bool:
    """The rule `PageHelpers.mentions` states, as one regular expression (what `Names` must answer)."""
    alternatives = "|".join(re.escape(name) for name in sorted(filter(None, names), key=len, reverse=True))
    return re.search(rf"(?<!\w)(?:{alternatives})(?!\w)", text, re.IGNORECASE) is not None


@pytest.mark.parametrize(("names", "text"), [
    (["Stanislav"], "ſtaniſlav said"), (["ſtan"], "stan said"), (["Kelvin"], "\u212aelvin"), (["\u212aelvin"], "kelvin x"),
    (["ıstanbul"], "Istanbul"), (["Istanbul"], "ıstanbul"), (["İzmir"], "izmir"), (["izmir"], "İzmir"),
    (["EVN"], "the evn said"), (["EVN"], "the evnx said"), (["EVN"], "xevn"), (["A.B"], "a.b."), (["ß"], "ss"), (["ss"], "ß"),
    (["Vũ Ngọc Khánh", "Vu Ngoc Khanh"], "VU NGOC KHANH spoke"), (["Vũ Ngọc Khánh"], "Vu Ngoc Khanh"), (["Vũ Ngọc Khánh"], "vũ ngọc khánh"),
    ([None, "x"], "X"), (["_a"], "b_a"), (["Ω"], "ω"), (["Đặng Văn An"], "ông ĐẶNG VĂN AN nói"), (["Đặng Văn An"], "Đặng Văn Anh"),
    (["ṡa"], "ẛa"), (["ẛa"], "Ṡa"), (["ẞ"], "ß"), (["ß"], "ẞ"), (["Kelvin"], "\u212aelvin–x"),
])
def test_names_are_found_as_the_pattern_finds_them(names, text):
    assert Names(names).found_in(text) == _mentions_by_pattern(names, text)


def test_plain_letters_differ_in_case_as_str_lower_says():
    """What `Names` relies on: among PLAIN_LETTERS, `re` ignoring case equates two characters only when their
    lowercase is the same, and each one's lowercase is one character."""
    letters = "".join(sorted(PLAIN_LETTERS))
    for char in letters:
        assert len(char.lower()) == 1, char
        for other in re.compile(re.escape(char), re.IGNORECASE).findall(letters):
            assert other.lower() == char.lower(), (char, other)


def test_names_are_found_as_the_pattern_finds_them_in_random_texts():
    letters = "abkisKI ſıİ\u212aéÉ_-.ßẞΩωĐđỌọṠṡẛ–"
    chosen = random.Random(15)  # noqa: S311 (test data, not secrets)
    for _ in range(20000):
        names = ["".join(chosen.choice(letters) for _ in range(chosen.randint(1, 3))) for _ in range(chosen.randint(1, 3))]
        text = "".join(chosen.choice(letters) for _ in range(chosen.randint(0, 12)))
        if chosen.random() < 0.5:
            text = "".join(char for char in text if char in PLAIN_LETTERS)
        assert Names(names).found_in(text) == _mentions_by_pattern(names, text), (names, text)


def test_mentions_on_the_fixture_data_are_the_patterns(catalogue):
    for lang, labels in load_labels().items():
        helpers = PageHelpers(catalogue, lang, labels)
        for kind in ("people", "organisations"):
            for ident, entity in getattr(catalogue, kind).items():
                names = [entity.name if kind == "people" else entity.name[lang], getattr(entity, "short", None), *entity.aliases]
                for event in catalogue.events:
                    for text in [*event.summary[lang], *(point.text[lang] for point in event.key_points)]:
                        assert helpers.mentions(kind, ident, text) == _mentions_by_pattern(names, text)


@pytest.mark.parametrize("kind", ["events", "people"])
@pytest.mark.parametrize("ident", [None, "x", "page"])
def test_pager_links_are_relpaths(kind, ident):
    pages = paginate(list(range(95)), kind, ident, per_page=10)
    for _, pager in pages:
        for number in range(1, pager.total + 1):
            if number != pager.number:
                expected = posixpath.relpath(pager.path(number), posixpath.dirname(pager.doc) or ".")
                assert pager.link(number) == md_destination(expected)
    for path, folder in [("a/b.md", "a"), ("a.md", ""), ("a/b/c.md", "a/d"), ("a/b", "a/b"), ("x/y.md", "z/w/v"), ("a/b/page/2.md", "a")]:
        assert relative(path, folder) == posixpath.relpath(path, folder or ".")


def test_open_data_file_holds_each_events_own_data(catalogue):
    """The whole archive's file, put together from each event's `event_data`, is the `OpenData` model's own dump."""
    whole = open_data(catalogue).model_dump(mode="json", exclude_none=True)
    expected = json.dumps(whole, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    assert open_data_json(catalogue) == expected
    assert open_data_json(catalogue, [event_data(event) for event in catalogue.events]) == expected
    assert whole["events"] and whole["events"] == [event_data(event) for event in catalogue.events]
