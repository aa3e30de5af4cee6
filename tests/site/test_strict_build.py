"""The fixture data (with its hostile event) builds with MkDocs --strict, and its hostile text shows literally."""

from __future__ import annotations

import json
import subprocess
import sys

from bs4 import BeautifulSoup


def test_fixture_site_builds_strict_and_shows_hostile_text_literally(tmp_path, root, fixture_data):
    """The fixture event's hostile title and text survive MkDocs as text, never as markup."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    subprocess.run([sys.executable, "scripts/build_pages.py", "--data", str(fixture_data), "--docs", str(docs)], cwd=root, check=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                      .replace("docs_dir: docs", f"docs_dir: {docs}")
                      .replace("  - hooks/", f"  - {root}/hooks/")
                      .replace("custom_dir: overrides", f"custom_dir: {root / 'overrides'}"), encoding="utf-8")
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "NZD_DATA": str(fixture_data)}
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
