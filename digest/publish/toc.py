"""Markdown extension (mkdocs.yml `markdown_extensions`, in place of `toc`, with its options): Python-Markdown's
table of contents, with a shorter way to a heading's inner HTML when the heading is plain text.

For each heading, `toc` serializes the heading again and runs every postprocessor on the result to get its
inner HTML (`render_inner_html`), then strips tags from that for its name. For a heading that holds only
text with no `&`, `<`, `>`, whose attribute names have no `>`, and when the postprocessors are the stock
ones (which only act on placeholders), that inner HTML is the text itself with its backslash escapes undone,
stripped, if that has no `&`, `<`, `>` or placeholder characters; and the name is the same with its white
space collapsed. Any other heading goes the stock way.

The table of contents' own HTML (`md.toc`) is written straight from the tokens when the page has no marker
to replace and the element `toc` would build serializes to just that; otherwise `toc` builds the element.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import (
    TocExtension,
    TocTreeprocessor,
    escape_cdata,
    nest_toc_tokens,
    remove_fnrefs,
    render_inner_html,
    run_postprocessors,
    strip_tags,
    unescape,
    unique,
)
from markdown.postprocessors import AndSubstitutePostprocessor, RawHtmlPostprocessor
from markdown.serializers import _escape_attrib_html, _escape_cdata, to_html_string, to_xhtml_string
from markdown.treeprocessors import PrettifyTreeprocessor

#: What the serializer escapes.
_SERIALIZED = re.compile("[&<>]")
#: That, and the placeholder delimiters postprocessors act on (in text with backslash escapes undone).
_MARKUP = re.compile("[&<>\x02\x03]")
#: Postprocessors that leave text without placeholder characters as it is.
_PLAIN_POSTPROCESSORS = (RawHtmlPostprocessor, AndSubstitutePostprocessor)


class FastTocTreeprocessor(TocTreeprocessor):
    """`TocTreeprocessor` (Python-Markdown 3.11.3's `run`), with plain-text headings' inner HTML read off their
    text and the toc's HTML written without an element tree where that gives the same."""

    def inner_html(self, el, plain: bool) -> tuple[str, str]:
        """The heading's inner HTML and toc name, as `render_inner_html` and `strip_tags` give them."""
        text = el.text
        if plain and text and not len(el) and not _SERIALIZED.search(text) and not any(">" in key for key in el.attrib):
            inner = (unescape(text) if "\x02" in text else text).strip()
            if not _MARKUP.search(inner):
                return inner, " ".join(inner.split())
        inner = render_inner_html(remove_fnrefs(el), self.md)
        return inner, strip_tags(inner)

    def run(self, doc) -> None:
        plain = all(type(pp) in _PLAIN_POSTPROCESSORS for pp in self.md.postprocessors)
        # Get a list of id attributes
        used_ids = set()
        for el in doc.iter():
            if "id" in el.attrib:
                used_ids.add(el.attrib["id"])
        id_counters: dict[str, int] = {}

        toc_tokens = []
        for el in doc.iter():
            if isinstance(el.tag, str) and self.header_rgx.match(el.tag):
                self.set_level(el)
                innerhtml, name = self.inner_html(el, plain)

                # Do not override pre-existing ids
                if "id" not in el.attrib:
                    el.attrib["id"] = unique(self.slugify(html.unescape(name), self.sep), used_ids, id_counters)

                data_toc_label = ''
                if 'data-toc-label' in el.attrib:
                    data_toc_label = run_postprocessors(unescape(el.attrib['data-toc-label']), self.md)
                    # Overwrite name with sanitized value of `data-toc-label`.
                    name = escape_cdata(strip_tags(data_toc_label))
                    # Remove the data-toc-label attribute as it is no longer needed
                    del el.attrib['data-toc-label']

                if int(el.tag[-1]) >= self.toc_top and int(el.tag[-1]) <= self.toc_bottom:
                    toc_tokens.append({
                        'level': int(el.tag[-1]),
                        'id': unescape(el.attrib["id"]),
                        'name': name,
                        'html': innerhtml,
                        'data-toc-label': data_toc_label
                    })

                if self.use_anchors:
                    self.add_anchor(el, el.attrib["id"])
                if self.use_permalinks not in [False, None]:
                    self.add_permalink(el, el.attrib["id"])

        toc_tokens = nest_toc_tokens(toc_tokens)
        if (self.marker and self.has_marker(doc)) or not self.plain_div():
            div = self.build_toc_div(toc_tokens)
            if self.marker:
                self.replace_marker(doc, div)
            # serialize and attach to markdown instance.
            toc = self.md.serializer(div)
        else:
            toc = f'<div class="{_escape_attrib_html(self.toc_class)}">\n{_toc_list(toc_tokens)}</div>\n'
        for pp in self.md.postprocessors:
            toc = pp.run(toc)
        self.md.toc_tokens = toc_tokens
        self.md.toc = toc


    def has_marker(self, doc) -> bool:
        """Whether any element's text could be the marker `replace_marker` replaces (it looks at fewer)."""
        marker = self.marker
        return any(el.text and not len(el) and el.text.strip() == marker for el in doc.iter())

    def plain_div(self) -> bool:
        """Whether `build_toc_div`'s element, serialized, is what `_toc_list` writes: no title, stock
        prettifying and serializer, and `div`, `ul`, `li` block-level while `a` is not."""
        md = self.md
        return (not self.title and type(md.treeprocessors["prettify"]) is PrettifyTreeprocessor
                and md.serializer in (to_xhtml_string, to_html_string)
                and all(md.is_block_level(tag) for tag in ("div", "ul", "li")) and not md.is_block_level("a"))


def _toc_list(tokens: list) -> str:
    """The prettified, serialized `<ul>` `build_toc_div` makes of nested toc tokens."""
    items = []
    for item in tokens:
        link = f'<a href="{_escape_attrib_html("#" + item.get("id", ""))}">{_escape_cdata(item.get("name", ""))}</a>'
        items.append(f"<li>{link}{_toc_list(item['children']) if item['children'] else ''}</li>\n")
    return f"<ul>\n{''.join(items)}</ul>\n" if items else "<ul></ul>\n"


class FastTocExtension(TocExtension):
    """`toc` with `FastTocTreeprocessor`; same options."""

    TreeProcessorClass = FastTocTreeprocessor


def makeExtension(**kwargs) -> FastTocExtension:
    return FastTocExtension(**kwargs)
