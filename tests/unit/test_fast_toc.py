"""The table of contents' fast path (digest/publish/toc.py) gives what Python-Markdown's `toc` gives.

Hand-made pages, with headings that take the fast path and headings that must not, each converted with
`toc` and with ours under several settings: same HTML, same toc tokens, same toc.
"""

from __future__ import annotations

import markdown
import pytest
from markdown.extensions.toc import TocExtension

from digest.publish.toc import FastTocExtension

HEADINGS = [
    "# Plain title",
    "## Key points {: #key-points }",
    "## Sources {: #sources data-pagefind-ignore }",
    "## Sources {: #sources data-pagefind-ignore }",  # a second id the same: kept as it is
    "## Plain title",  # slug taken: `_1`
    "### Ends with hashes ###",
    "## Spaces   inside   the   text",
    "## Tiếng Việt: Hà Nội – “quoted” (2025)",
    "## Escaped \\(parenthesis\\) and \\*stars\\*",
    "# Source article: Hà Nội \\(Báo Đầu tư\\)",
    "## Escaped \\> and \\< and \\&amp; and \\\\ and \\`",
    "## AT&T &amp; &#39;entities&#39;",
    "## a < b > c",
    "## *emphasis* and `code` and [link](page.md)",
    "## <span>raw</span> inline HTML",
    "## Label {: data-toc-label='Short <b>label</b>' }",
    "## Footnote-like<sup id=\"fnref:1\">1</sup>",
    "Setext heading\n--------------",
    "## {: #empty-text }",
    "###### Six",
]

PAGE = "\n\n".join(["[TOC]", *HEADINGS, "<div>\n<h2 id=\"raw\">Raw heading</h2>\n</div>", "Text.\n{: .lead }"])

SETTINGS = [
    {"permalink": True, "permalink_title": "Link"},
    {},
    {"permalink": "#", "permalink_leading": True},
    {"anchorlink": True, "toc_depth": "2-3", "baselevel": 2},
    {"marker": "", "title": "Contents", "separator": "_"},
]


def convert(text: str, fast: bool, settings: dict, extensions=("attr_list", "digest.publish.html_blocks")) -> tuple:
    """HTML, toc tokens and toc, with our `toc` or Python-Markdown's."""
    toc = FastTocExtension(**settings) if fast else TocExtension(**settings)
    md = markdown.Markdown(extensions=[*extensions, toc])
    return md.convert(text), md.toc_tokens, md.toc


@pytest.mark.parametrize("settings", SETTINGS)
def test_same_as_toc(settings):
    for text in (PAGE, "\n\n".join(HEADINGS), "- [TOC]\n\n> [TOC]\n\n# [TOC]", *HEADINGS):
        assert convert(text, True, settings) == convert(text, False, settings), text


def test_same_as_toc_with_other_postprocessors():
    """Other extensions' postprocessors and treeprocessors (`abbr`, `footnotes`, `smarty`): an extension's own postprocessor turns the fast path off where it could act."""
    text = PAGE + "\n\n*[HTML]: Hyper Text\n\n## About HTML\n\nNote[^1].\n\n[^1]: A footnote."
    for extensions in (("attr_list", "abbr", "footnotes"), ("footnotes", "md_in_html"), ("smarty", "digest.publish.html_blocks")):
        for settings in SETTINGS:
            assert convert(text, True, settings, extensions) == convert(text, False, settings, extensions)


def test_the_fast_path_is_taken(monkeypatch):
    """Plain-text headings never reach the stock way; the others do."""
    import digest.publish.toc as module

    stock, called = module.render_inner_html, []
    monkeypatch.setattr(module, "render_inner_html", lambda el, md: called.append(el.text) or stock(el, md))
    page = "## Key points {: #k }\n\n## a &amp; b\n\n## *c*\n\n## \\(d\\)\n\n## \\> e"
    markdown.Markdown(extensions=["attr_list", FastTocExtension(permalink=True)]).convert(page)
    assert [text and text[:2] for text in called] == ["a ", None, "\x026"]  # `\>`: its placeholder
