"""`digest.publish.whitespace` normalizes white space exactly as Python-Markdown's `normalize_whitespace`."""

from __future__ import annotations

import markdown
import pytest
from markdown.preprocessors import NormalizeWhitespace

from digest.publish.whitespace import FastNormalizeWhitespace

TEXTS = [
    "",
    "   ",
    "  \nfirst line of spaces is kept",
    "a\n \nb",
    "a\n   \n  \n\n    \nb",
    "a  \nline break kept  \n",
    "a\n \t \nb\tc\r\n  \r\nd\re",
    "x\x02y\x03z\n  ",
    "- item  \n  <span>meta</span>  \n  text\n\n    \n    code\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_lines_as_stock(text):
    md = markdown.Markdown()
    lines = text.split("\n")
    assert FastNormalizeWhitespace(md).run(list(lines)) == NormalizeWhitespace(md).run(list(lines))


@pytest.mark.parametrize("text", TEXTS)
def test_same_html_as_stock(text):
    extensions = ["attr_list", "tables", "toc"]
    fast = markdown.Markdown(extensions=[*extensions, "digest.publish.whitespace"])
    assert type(fast.preprocessors["normalize_whitespace"]) is FastNormalizeWhitespace
    assert fast.convert(text) == markdown.Markdown(extensions=extensions).convert(text)


def test_leaves_another_normalizer_alone():
    class Other(NormalizeWhitespace):
        pass

    md = markdown.Markdown()
    md.preprocessors.register(Other(md), "normalize_whitespace", 30)
    md.registerExtensions(["digest.publish.whitespace"], {})
    assert type(md.preprocessors["normalize_whitespace"]) is Other
