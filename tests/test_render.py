"""Rendering: escaping of data text, number and date conventions, page pairing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from digest.load import load_catalogue
from digest.numbers import format_date, format_datetime, format_number
from digest.render import GENERATED_MARK, escape_md, render_site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "data"
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


def test_every_page_is_paired_and_marked_generated():
    pages = render_site(load_catalogue(FIXTURE, FIXTURE.parent))
    vi = {p.removeprefix("vi/") for p in pages if p.startswith("vi/") and p.endswith(".md")}
    en = {p.removeprefix("en/") for p in pages if p.startswith("en/") and p.endswith(".md")}
    assert vi == en and len(vi) >= 4
    assert all(GENERATED_MARK in text.split("---", 2)[1] for name, text in pages.items() if name.endswith(".md"))


def test_fixture_site_builds_strict_and_shows_hostile_text_literally(tmp_path):
    """The fixture event's hostile title and text survive MkDocs as text, never as markup."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "scripts/build_pages.py", "--data", str(FIXTURE), "--docs", str(docs)], cwd=root, check=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                      .replace("docs_dir: docs", f"docs_dir: {docs}")
                      .replace("  - hooks/", f"  - {root}/hooks/")
                      .replace("custom_dir: overrides", f"custom_dir: {root / 'overrides'}"), encoding="utf-8")
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "NZD_DATA": str(FIXTURE)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)], cwd=root, check=True, env=env)
    for prefix in ("", "en/"):
        html = BeautifulSoup((site / prefix / "events/2024-03-05-fixture-workshop/index.html").read_text(encoding="utf-8"), "html.parser")
        article = html.select_one("article")
        scripts = article.find_all("script")
        assert all(script.get("type") == "application/ld+json" for script in scripts)
        assert any("<script>alert(1)</script>" in json.dumps(json.loads(script.string), ensure_ascii=False) for script in scripts)
        assert not article.find("img") and not article.select("a[href^=javascript]")
        assert "<script>alert(1)</script>" in html.h1.get_text()
        assert "<script>alert(1)</script>" in html.title.get_text()
        assert "{{ config }}" in article.get_text() and "{% raw %}" in article.get_text()
        assert html.find("meta", attrs={"name": "description"})["content"].endswith("{{ config }} {% raw %}")
        assert not article.find("hr")
