"""The fixture data (with its hostile event) builds with MkDocs --strict, and its hostile text shows literally."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory, root, fixture_data):
    """The fixture data built with MkDocs --strict (both languages in one process, through the hook)."""
    tmp_path = tmp_path_factory.mktemp("fixture-site")
    docs, site = tmp_path / "docs", tmp_path / "site"
    subprocess.run([sys.executable, "scripts/build_pages.py", "--data", str(fixture_data), "--docs", str(docs)], cwd=root, check=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                      .replace("docs_dir: docs", f"docs_dir: {docs}")
                      .replace("  - hooks/", f"  - {root}/hooks/")
                      .replace("custom_dir: overrides", f"custom_dir: {root / 'overrides'}"), encoding="utf-8")
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "NZD_DATA": str(fixture_data)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)], cwd=root, check=True, env=env)
    return site


def test_fixture_site_builds_strict_and_shows_hostile_text_literally(fixture_site):
    """The fixture event's hostile title and text survive MkDocs as text, never as markup."""
    site = fixture_site
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


#: Hostile names in the fixture's entity files and source, with a page where each is the title.
HOSTILE_TITLES = {
    "topics/net-zero-targets/": ("Mục tiêu `Net Zero` & <script>alert(2)</script>", "Net Zero `targets` & <script>alert(2)</script>"),
    "organisations/test-company/": ("Công ty <b>Thử</b> *nghiệm* | A_B_", "Test <b>Company</b> *Ltd* | A_B_"),
    "places/sakai/": ("Sakai [thành phố](javascript:alert(1))", "Sakai [city](javascript:alert(1))"),
    "people/jane-doe/": ("Jane <i>Doe</i> _x_ \\ {{ y }}", "Jane <i>Doe</i> _x_ \\ {{ y }}"),
}


def test_hostile_text_stays_text_on_every_page_kind(fixture_site):
    """Every page of the fixture site, of every kind and both languages: no markup from data
    (no script but JSON-LD, no img, b, i or javascript: link in the article), and the hostile
    names show literally where they are the page's title."""
    pages = sorted(fixture_site.rglob("*.html"))
    kinds = {page.relative_to(fixture_site).as_posix().removeprefix("en/").split("/", 1)[0] for page in pages}
    assert kinds >= {"index.html", "404.html", "events", "archive", "commitments", "sources", "topics", "places", "organisations", "people",
                     "about", "open-data"}
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = html.select_one("article")
        where = page.relative_to(fixture_site).as_posix()
        assert all(script.get("type") == "application/ld+json" for script in article.find_all("script")), where
        assert not article.find(["img", "b", "i"]) and not article.select("a[href^=javascript]"), where
        assert "*Ltd*" not in str(article.find_all(["em", "strong"])), where
    for path, names in HOSTILE_TITLES.items():
        for prefix, name in zip(("", "en/"), names, strict=True):
            html = BeautifulSoup((fixture_site / prefix / path / "index.html").read_text(encoding="utf-8"), "html.parser")
            assert html.h1.get_text().replace("¶", "") == name, (prefix + path, html.h1.get_text())
            assert html.title.get_text().startswith(name)
    source = BeautifulSoup((fixture_site / "en/sources/sa/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Tiêu đề <script>alert(3)</script> | thử * nghiệm #" in source.h1.get_text()
    assert "Báo <b>Thử</b> [x](javascript:alert(4))" in source.select_one("article").get_text()
    feed = (fixture_site / "en/feed.xml").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in feed and "<script>" not in feed
