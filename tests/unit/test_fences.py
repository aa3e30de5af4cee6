"""`digest.publish.fences` gives what Python-Markdown's `fenced_code` gives, with and without fences on the page."""

from __future__ import annotations

import markdown
import pytest

PAGES = [
    "No fence here.\n\n<div>x</div>\n\n## Heading {: #h }",
    "```\ncode\n```",
    "~~~ {.python #id}\nx = 1\n~~~\n\nText.",
    "- item\n\n    ```\n    indented fence\n    ```",
    "``not a fence`` and ~~ nor this ~~",
    "Text\n```python\nopen\n\nnever closed",
    "<div>\n\n```\nin a block\n```\n\n</div>",
]


@pytest.mark.parametrize("page", PAGES)
def test_same_as_fenced_code(page):
    for others in ([], ["attr_list"], ["attr_list", "codehilite"], ["attr_list", "digest.publish.html_blocks"]):
        fast = markdown.Markdown(extensions=["fenced_code", *others, "digest.publish.fences"])
        assert fast.convert(page) == markdown.Markdown(extensions=["fenced_code", *others]).convert(page), (page, others)


def test_replaces_the_stock_preprocessor_in_place():
    names = ["toc", "tables", "fenced_code", "attr_list", "digest.publish.fences", "digest.publish.html_blocks"]
    md = markdown.Markdown(extensions=names)
    assert [type(p).__name__ for p in md.preprocessors] == [
        "NormalizeWhitespace", "FastFencedBlockPreprocessor", "_StashBlocks", "_AnchorIds", "HtmlBlockPreprocessor"]
