"""Markdown extension (mkdocs.yml `markdown_extensions`, after `attr_list`): `attr_list`'s tree processor run
only over the elements where it could find an attribute list.

`attr_list` visits every element of the page and looks for `{...}` in its text, its last child's tail (or the
tail before a nested list) or its own tail. An element none of whose text, own tail and children's tails holds
a `{` gives it nothing to find, and its work changes no text but by cutting some short, so the stock tree
processor, given only the other elements in the same order, does the same.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor


class _Elements:
    """Stands in for the page's root where the tree processor iterates over it."""

    def __init__(self, elements: list):
        self.elements = elements

    def iter(self):
        return iter(self.elements)


class FastAttrListTreeprocessor(AttrListTreeprocessor):
    """`AttrListTreeprocessor` over the elements with a `{` in their text, own tail or a child's tail."""

    def run(self, doc) -> None:
        marked = set()
        for element in doc.iter():
            if element.text and "{" in element.text:
                marked.add(element)
            for child in element:
                if child.tail and "{" in child.tail:
                    marked.add(element)
                    marked.add(child)
        if marked:
            super().run(_Elements([element for element in doc.iter() if element in marked]))


class FastAttrListExtension(Extension):
    """Replaces `attr_list`'s own tree processor, in its place."""

    def extendMarkdown(self, md) -> None:
        if "attr_list" in md.treeprocessors and type(md.treeprocessors["attr_list"]) is AttrListTreeprocessor:
            md.treeprocessors.register(FastAttrListTreeprocessor(md), "attr_list", 8)


def makeExtension(**kwargs) -> FastAttrListExtension:
    return FastAttrListExtension(**kwargs)
