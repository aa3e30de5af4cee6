"""One Markdown instance per build (digest/publish/pages.py) renders every page as MkDocs' own `Page` does.

Every generated page of the fixture data and of the real data is rendered in turn by `ReusedMarkdownPage`
(one instance, reset between pages) and by MkDocs' `Page` (a new instance each): same HTML, table of
contents, title, anchor ids and links to anchors, and the same Markdown and front matter read. Hand-made pages check what a page could leave behind for
the next one: link references, headings and their ids, stored HTML, a conversion cut short.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from digest.load import load_catalogue
from digest.pages import render_site
from digest.publish import pages as shared

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = {"fixture": (ROOT / "tests" / "fixtures" / "data", ROOT / "tests" / "fixtures"), "real": (ROOT / "data", ROOT)}


@functools.cache
def generated(data: str) -> dict[str, str]:
    folder, root = DATA[data]
    return {path: text for path, text in render_site(load_catalogue(folder, root)).items() if path.endswith(".md")}


def project(tmp_path: Path, pages: dict[str, str]):
    """mkdocs.yml's configuration over a docs/ holding these pages, and its files (each page's File)."""
    docs = tmp_path / "docs"
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    files = Files([File(path, str(docs), str(tmp_path / "site"), True) for path in sorted(pages)])
    return config, files


def rendered(page: Page, config, files) -> tuple:
    page.read_source(config)
    page.render(config, files)
    return page.markdown, page.meta, page.content, str(page.toc), page.title, page.present_anchor_ids, page.links_to_anchors


def same_as_mkdocs(config, files) -> None:
    """Each page rendered by the shared instance, in order, equals MkDocs' own rendering of it."""
    pages = files.documentation_pages()
    ours = [rendered(shared.ReusedMarkdownPage(None, file, config), config, files) for file in pages]
    for file, mine in zip(pages, ours, strict=True):
        assert mine == rendered(Page(None, file, config), config, files), file.src_uri


@pytest.mark.parametrize("data", sorted(DATA))
def test_every_page_renders_as_mkdocs_renders_it(data, tmp_path):
    config, files = project(tmp_path, generated(data))
    same_as_mkdocs(config, files)
    assert len(shared._instances) >= 1


HAND_MADE = {
    "a.md": "# A\n\nSee [the ref][r] and [b](b.md#two).\n\n[r]: https://example.org/r\n\n## Two {: #two }\n\n<div id=\"x\">x</div>\n",
    "b.md": "# B\n\nNo reference here: [r] and [the ref][r].\n\n## Two\n\n## Two\n\n<p>kept</p>\n\n[self](#two_1)\n",
    "c.md": "Text only, no heading: [a](a.md#x).\n",
    "d.md": "## Not a title\n\n<details><summary>s</summary>\n\n<p>open</p>\n\n",
    "e.md": "# E {: .c data-toc-label=\"Label\" }\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
}


def test_nothing_carries_over_between_pages(tmp_path):
    config, files = project(tmp_path, HAND_MADE)
    same_as_mkdocs(config, files)
    b = files.get_file_from_path("b.md").page
    assert "[the ref][r]" in b.content and b.present_anchor_ids >= {"two", "two_1"}


def test_a_conversion_cut_short_leaves_nothing_behind(tmp_path, monkeypatch):
    config, files = project(tmp_path, HAND_MADE)
    page = shared.ReusedMarkdownPage(None, files.get_file_from_path("a.md"), config)
    page.read_source(config)
    md = shared.shared_markdown(config)

    def fail(*args, **kwargs):
        raise RuntimeError("cut short")

    monkeypatch.setattr(md, "serializer", fail)
    with pytest.raises(RuntimeError):
        page.render(config, files)
    assert shared.shared_markdown(config) is not md
    same_as_mkdocs(config, files)


def test_one_instance_per_configuration(tmp_path):
    config, _ = project(tmp_path, HAND_MADE)
    md = shared.shared_markdown(config)
    assert shared.shared_markdown(config) is md
    config["mdx_configs"] = {**config["mdx_configs"], "digest.publish.toc": {"permalink": False}}
    assert shared.shared_markdown(config) is not md


def test_pages_named_by_the_nav_are_left_to_mkdocs(tmp_path):
    config, files = project(tmp_path, {"index.md": "# Home\n", "about.md": "# About\n", "x/y.md": "# Y\n"})
    config["nav"] = [{"Home": "index.md"}, {"Section": ["/about.md", {"Ext": "https://example.org/"}]}]
    config.validation.nav.absolute_links = logging.WARNING
    assert shared.make_pages(files, config) == 2
    assert files.get_file_from_path("index.md").page is None
    assert type(files.get_file_from_path("about.md").page) is shared.ReusedMarkdownPage  # "/about.md" is not a file
    assert type(files.get_file_from_path("x/y.md").page) is shared.ReusedMarkdownPage
