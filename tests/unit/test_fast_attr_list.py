"""`digest.publish.attr_list` gives what `attr_list` gives: every page of the fixture data, and hand-made ones."""

from __future__ import annotations

import markdown
import pytest

from digest.publish.attr_list import FastAttrListTreeprocessor

PAGES = [
    "## Heading {: #h .c }\n\nText {: .lead }\n\nPara\n{: .p data-x=\"1\" }",
    "- item {: .i }\n- *em*{: .e } tail\n    - nested\n\n1. a\n{: .o }",
    "# Title ## {: #t }\n\n## *Em* after {: #e }\n\n### Last ###",
    "Text *a*{: .x } and [l](u){: target=_blank } and `c`{: .k }\n\n| a {: .th } | b |\n|---|---|\n| 1 {: .td } | 2 |",
    "Term {: .t }\n: def\n\n> quote {: .q }\n\n{: .alone }",
    "- a\n    {: .in }\n\n    - b\n- c {: #dup }\n- d {: #dup }",
    "No braces at all.\n\n<div>x</div>",
    "Braces { not } attributes {} and {:} and {: }\n\n## H {: bad=\"a }",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("others", [[], ["def_list", "tables", "toc"]])
def test_same_as_attr_list(page, others):
    fast = markdown.Markdown(extensions=["attr_list", *others, "digest.publish.attr_list"])
    assert type(fast.treeprocessors["attr_list"]) is FastAttrListTreeprocessor
    assert fast.convert(page) == markdown.Markdown(extensions=["attr_list", *others]).convert(page), page


def test_without_attr_list_nothing_is_added():
    md = markdown.Markdown(extensions=["digest.publish.attr_list"])
    assert "attr_list" not in md.treeprocessors
