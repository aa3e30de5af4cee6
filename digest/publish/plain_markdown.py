"""The generator's plain Markdown pages converted straight to HTML, the same HTML Python-Markdown writes.

The generator's pages are raw HTML blocks, an HTML comment, headings with an `{: #id }`, paragraphs of
plain text with links and an attribute list, and bulleted lists of such text. Python-Markdown builds
an element tree of each page, runs its inline patterns over every text, its tree processors over every
element, serializes the tree and puts the raw blocks back; MkDocs adds its own processors. `convert`
writes the same result straight from those few shapes, with the same functions for what they decide
(the raw-block scan of `html_blocks`, `attr_list`'s attribute lists, `toc`'s slugs and unique ids,
MkDocs' link rewriting, the serializer's escaping), and returns None for any page holding anything
else, or when the Markdown configuration is not the one it mirrors (`supported`): such pages go
through Python-Markdown. tests/unit/test_shared_markdown.py compares both ways on every fixture and real
page, tests/unit/test_plain_markdown.py on pages made to sit at the edges of what `convert` takes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown import Markdown
from markdown.blockprocessors import (
    BlockQuoteProcessor,
    CodeBlockProcessor,
    EmptyBlockProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ListIndentProcessor,
    OListProcessor,
    ParagraphProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
    UListProcessor,
)
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import nest_toc_tokens, strip_tags, unique
from markdown.postprocessors import AndSubstitutePostprocessor, RawHtmlPostprocessor
from markdown.preprocessors import HtmlBlockPreprocessor
from markdown.serializers import BOOLEAN_ATTRIBUTES, _escape_attrib_html, _escape_cdata, to_xhtml_string
from markdown.treeprocessors import InlineProcessor, PrettifyTreeprocessor, UnescapeTreeprocessor
from mkdocs.structure.pages import (
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)

from digest.publish import html_blocks
from digest.publish.attr_list import FastAttrListTreeprocessor
from digest.publish.fences import FastFencedBlockPreprocessor
from digest.publish.toc import FastTocTreeprocessor
from digest.publish.whitespace import FastNormalizeWhitespace

#: Each registry's processors, by name, of the configuration `convert` mirrors (mkdocs.yml's extensions,
#: and MkDocs' own per-page processors).
EXPECTED = {
    "preprocessors": {"normalize_whitespace": FastNormalizeWhitespace, "fenced_code_block": FastFencedBlockPreprocessor,
                      "nzd_html_blocks": html_blocks._StashBlocks, "mkdocs_raw_html": _RawHTMLPreprocessor,
                      "nzd_html_block_ids": html_blocks._AnchorIds, "html_block": HtmlBlockPreprocessor},
    "blockprocessors": {"nzd_placeholder_paragraphs": html_blocks._PlaceholderParagraphs, "empty": EmptyBlockProcessor,
                        "indent": ListIndentProcessor, "code": CodeBlockProcessor, "table": TableProcessor,
                        "hashheader": HashHeaderProcessor, "setextheader": SetextHeaderProcessor, "hr": HRProcessor,
                        "olist": OListProcessor, "ulist": UListProcessor, "quote": BlockQuoteProcessor,
                        "reference": ReferenceProcessor, "paragraph": ParagraphProcessor},
    "treeprocessors": {"nzd_stored_paragraphs": html_blocks._StoredParagraphs, "inline": InlineProcessor,
                       "prettify": PrettifyTreeprocessor, "attr_list": FastAttrListTreeprocessor,
                       "toc": FastTocTreeprocessor, "mkdocs_extract_anchors": _ExtractAnchorsTreeprocessor,
                       "mkdocs_extract_title": _ExtractTitleTreeprocessor, "unescape": UnescapeTreeprocessor,
                       "relpath": _RelativePathTreeprocessor},
    "postprocessors": {"raw_html": RawHtmlPostprocessor, "amp_substitute": AndSubstitutePostprocessor},
}
#: MkDocs' processors, registered on the instance by the first page's `render` (absent before it).
_PER_PAGE = {"mkdocs_raw_html", "mkdocs_extract_anchors", "mkdocs_extract_title", "relpath"}

#: Characters that make a text of a Markdown block more than plain text for `convert`: markup it does not
#: write (code, emphasis, images, raw HTML, entities, tables, line breaks), and what the serializer escapes.
_NOT_PLAIN = re.compile(r"[`*_<>&|!{}\[\]\\\x02\x03\t\r]|  \n")
#: An inline link `[text](url)` with a plain url, and an attribute list right after it.
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^\s()<>\"'\\`&]*)\)(?:\{:?[ ]*([^\}\n ][^\n}]*)\})?")
#: What an attribute list may hold for `convert`: nothing an inline pattern could read, since they run over
#: a block's text before `attr_list` takes the list out of it.
_ATTRS = re.compile(r"[^`*_<>&\[\]\\!|{}\n]*")
#: A backslash escape.
_ESCAPE = re.compile(r"\\(.)")
#: A block's attribute list on its own last line (attr_list's `BLOCK_RE`, with nothing but text before).
_BLOCK_ATTRS = re.compile(r"\n[ ]*\{:?[ ]*([^\}\n ][^\n}]*)\}[ ]*$")
#: A heading line (HashHeaderProcessor's, on one line), with its attribute list (attr_list's `HEADER_RE`).
_HEADING = re.compile(r"(#{1,6})(.*?)(?:[ ]+\{:?[ ]*([^\}\n ][^\n}]*)\}[ ]*)?")
#: Lines a paragraph may not hold: those other block processors would take (lists, quotes, code, rules,
#: headings, setext underlines, references, tables), and blank-looking ones.
_BLOCK_START = re.compile(r"(?m)^(?:[ #>=*+-]|\d+\.[ ]|$)")
#: A bulleted list item as `convert` writes it.
_ITEM = re.compile(r"- (\S.*)")
#: An inline start or end tag (quoted attribute values, no escapes) or a character reference, which the
#: inline patterns store as they are.
_INLINE_MARKUP = re.compile(r"""<(?:/?([a-zA-Z][a-zA-Z0-9-]*)(?:[ ]+[a-zA-Z-]+="[^"<>&\\]*")*)>|&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);""")
#: An attribute MkDocs collects anchors from.
_ANCHOR_ATTR = re.compile(r"\s(?:id|name)=", re.IGNORECASE)
#: A comment as a block of its own.
_COMMENT = re.compile(r"<!--(?:(?!--).)*-->", re.DOTALL)


@dataclass
class Converted:
    """What MkDocs' `Page.render` keeps of a conversion."""

    content: str
    toc_tokens: list
    anchor_ids: set
    links_to_anchors: dict


class _NotPlain(Exception):
    """The page holds something `convert` does not write."""


def supported(md: Markdown) -> bool:
    """Whether `md` runs exactly the processors `convert` mirrors, with the settings it writes (kept on `md`)."""
    known = getattr(md, "_nzd_plain", None)
    if known is not None:
        return known
    ok = md.output_format == "xhtml" and md.serializer is to_xhtml_string and md.tab_length == 4
    for registry, expected in EXPECTED.items():
        processors = md.parser.blockprocessors if registry == "blockprocessors" else getattr(md, registry)
        found = {name: type(processors[name]) for name in processors._data}
        ok = ok and all(expected.get(name) is kind for name, kind in found.items())
        ok = ok and set(expected) - set(found) <= _PER_PAGE
    ok = ok and html_blocks._pattern_kinds(md) == html_blocks._stock_inline_patterns()
    if ok:
        toc = md.treeprocessors["toc"]
        ok = (toc.use_permalinks is True and not toc.use_anchors and not toc.permalink_leading and toc.base_level == 0
              and toc.toc_top == 1 and toc.toc_bottom == 6 and toc.marker == "[TOC]")
    md._nzd_plain = ok
    return ok


def convert(md: Markdown, text: str, relpath: _RelativePathTreeprocessor) -> Converted | None:
    """The page's HTML, table of contents, anchor ids and links to anchors, as `md` (`supported`) and MkDocs'
    processors would give them (its title from the HTML is none: such a page starts with a raw block); None if
    the page holds anything else."""
    if not text.strip() or "\t" in text or "\r" in text or "\x02" in text or "\x03" in text or "```" in text or "~~~" in text:
        return None
    try:
        return _Writer(md, relpath).page(text)
    except _NotPlain:
        return None


class _Writer:
    """One page's conversion (`convert`)."""

    def __init__(self, md: Markdown, relpath: _RelativePathTreeprocessor):
        self.md = md
        self.relpath = relpath
        self.escaped = frozenset(md.ESCAPED_CHARS) - {"&", "<", ">"}
        self.attr_list = md.treeprocessors["attr_list"]
        self.toc = md.treeprocessors["toc"]
        self.raw_html = md.postprocessors["raw_html"]
        self.block_level = set(md.block_level_elements)
        self.ids: set = set()  # the ids of the elements Python-Markdown's tree would hold (toc keeps slugs unique among them)
        self.raw_ids: set = set()  # those inside raw HTML

    def page(self, text: str) -> Converted:
        """Every block of the page, in order, then `write`; `_NotPlain` at the first block it does not take."""
        # normalize_whitespace: the page as it would leave it (with no line of only spaces: the same text)
        if re.search(r"\n +\n", text) or text.startswith(" "):
            raise _NotPlain
        chunks = (text + "\n\n").split("\n\n")
        blocks: list = []  # ("raw", html) or (tag, attributes, inline parts, heading level)
        index = 0
        while index < len(chunks):
            chunk = chunks[index]
            body = chunk.lstrip("\n")
            if not body:
                index += 1
                continue
            if body[:1] == "<":
                index = self.raw(chunks, index, blocks)
                continue
            index += 1
            first = body.split("\n", 1)[0]
            if first[:1] == "#":
                blocks.append(self.heading(body))
            elif first[:2] == "- ":
                blocks.append(self.bullets(body))
            else:
                blocks.append(self.paragraph(body))
        if not blocks or blocks[0][0] != "raw":
            raise _NotPlain  # a page starting with a heading has a title from it; the generator's start with a comment
        return self.write(blocks)

    def raw(self, chunks: list[str], index: int, blocks: list) -> int:
        """The raw HTML elements from `chunks[index]` on, as `html_blocks._StashBlocks` stores them; the next index."""
        body = chunks[index].lstrip("\n")
        if _COMMENT.fullmatch(body):
            # A comment alone is left by _StashBlocks to html_block, which stores it the same way.
            blocks.append(("raw", body + "\n"))
            return index + 1
        body, ends, ids, taken = html_blocks.raw_elements(chunks, index, self.block_level)
        if not isinstance(ends, list):
            raise _NotPlain
        index += taken
        for text in html_blocks.element_texts(body, ends, index < len(chunks)):
            blocks.append(("raw", text if self.raw_html.isblocklevel(text) else f"<p>{text}</p>"))
        self.raw_ids |= ids
        return index

    def heading(self, body: str) -> tuple:
        """A one-line `#` heading: its level, attribute list and text (tags allowed, no character reference)."""
        m = _HEADING.fullmatch(body)
        if m is None:
            raise _NotPlain
        text = m[2].strip()
        if not text or "#" in text or "&" in text:  # a character reference: toc's name and slug keep or undo it
            raise _NotPlain
        attributes = self.attributes(m[3]) if m[3] is not None else {}
        return (f"h{len(m[1])}", attributes, self.plain(text), None)

    def bullets(self, body: str) -> tuple:
        """A tight bulleted list, one `- ` item a line."""
        items = []
        for line in body.split("\n"):
            m = _ITEM.fullmatch(line)
            if m is None:
                raise _NotPlain
            items.append(self.inline(m[1]))
        return ("ul", {}, None, items)

    def paragraph(self, body: str) -> tuple:
        """A paragraph no other block processor would take, with its attribute list on its last line."""
        if "  \n" in body:
            raise _NotPlain  # a line break, which could also come before the attribute list's line
        attributes = {}
        m = _BLOCK_ATTRS.search(body)
        if m is not None:
            attributes = self.attributes(m[1])
            body = body[:m.start()]
        if _BLOCK_START.search(body) or "]:" in body:
            raise _NotPlain
        return ("p", attributes, self.inline(body), None)

    def attributes(self, string: str) -> dict:
        """attr_list's `assign_attrs` of one attribute list, on an element with none (strict: none with a stray `}`)."""
        pairs, remainder = get_attrs_and_remainder(string)
        if remainder or not _ATTRS.fullmatch(string):
            raise _NotPlain
        attributes: dict = {}
        for key, value in pairs:
            if key == ".":
                attributes["class"] = f"{attributes['class']} {value}" if attributes.get("class") else value
            elif value is None:
                name = self.attr_list.sanitize_name(key)
                boolean = name.lower() in BOOLEAN_ATTRIBUTES.get(self.md.output_format, frozenset())
                attributes[name] = name if boolean else None
            else:
                attributes[self.attr_list.sanitize_name(key)] = value
        if "id" in attributes:
            self.ids.add(attributes["id"])
        return attributes

    def inline(self, text: str) -> list:
        """Text (`plain`) and links: [(text, raw HTML, …), (link text, attributes), (text, …), …]."""
        parts: list = []
        at = 0
        for m in _LINK.finditer(text):
            parts.append(self.plain(text[at:m.start()]))
            if text[m.start() - 1:m.start()] == "\\":
                raise _NotPlain
            attributes = {"href": m[2].strip()}
            if m[3] is not None:
                extra = self.attributes(m[3])
                if "href" in extra or "name" in extra:
                    raise _NotPlain
                attributes.update(extra)
            parts.append((self.plain(m[1]), attributes))
            at = m.end()
        parts.append(self.plain(text[at:]))
        return parts

    def plain(self, text: str, markup: bool = True) -> tuple:
        """Text with backslash escapes undone, between inline tags and character references (with `markup`),
        which stay as they are: (text, raw, text, raw, …, text)."""
        if markup and ("<" in text or "&" in text):
            parts: list = []
            at = 0
            for m in _INLINE_MARKUP.finditer(text):
                if m[1] is not None and (m[1].lower() in self.block_level or _ANCHOR_ATTR.search(m[0])):
                    raise _NotPlain  # html_block's or the anchor collector's business
                parts += [self.plain(text[at:m.start()], markup=False)[0], m[0]]
                at = m.end()
            return (*parts, self.plain(text[at:], markup=False)[0])
        if "\\" in text:
            def undo(m: re.Match) -> str:
                if m[1] not in self.escaped:
                    raise _NotPlain
                return "\x00" if m[1] == "\\" else m[1]
            unescaped = _ESCAPE.sub(undo, text)
            if _NOT_PLAIN.search(_ESCAPE.sub("", text)):
                raise _NotPlain
            return (unescaped.replace("\x00", "\\"),)
        if _NOT_PLAIN.search(text):
            raise _NotPlain
        return (text,)

    def write(self, blocks: list) -> Converted:
        """Serialize the blocks as Python-Markdown's tree processors, serializer and postprocessors would."""
        out: list[str] = []
        tokens: list = []
        counters: dict = {}
        path_to_url = self.relpath.path_to_url
        toc = self.toc
        # toc's permalink, the same for every heading but its href
        before_href = f'<a class="{_escape_attrib_html(toc.permalink_class)}" href="'
        after_href = '"' + (f' title="{_escape_attrib_html(toc.permalink_title)}"' if toc.permalink_title else "") + ">&para;</a>"
        for block in blocks:
            if block[0] == "raw":
                out.append(block[1])
                continue
            tag, attributes, parts, items = block
            if tag[0] == "h":
                inner = _text_html(parts).strip()  # toc's render_inner_html
                name = strip_tags(inner)
                if "id" not in attributes:
                    attributes["id"] = unique(toc.slugify(html.unescape(name), toc.sep), self.ids, counters)
                anchor = attributes["id"]
                tokens.append({"level": int(tag[1]), "id": anchor, "name": name, "html": inner, "data-toc-label": ""})
                link = before_href + _escape_attrib_html(path_to_url("#" + anchor)) + after_href
                out.append(f"<{tag}{_attrs(attributes)}>{_text_html(parts)}{link}</{tag}>")
            elif tag == "p":
                out.append(f"<p{_attrs(attributes)}>{self.inline_html(parts, path_to_url)}</p>")
            else:
                lis = "".join(f"<li>{self.inline_html(item, path_to_url)}</li>\n" for item in items)
                out.append(f"<ul>\n{lis}</ul>")
        ids = self.ids | self.raw_ids
        return Converted("\n".join(out).strip(), nest_toc_tokens(tokens), ids, self.relpath.links_to_anchors)

    @staticmethod
    def inline_html(parts: list, path_to_url) -> str:
        """Serialized inline parts (`inline`), the links' URLs rewritten by MkDocs."""
        written = []
        for part in parts:
            if isinstance(part[-1], dict):
                text, attributes = part
                attributes = {**attributes, "href": path_to_url(attributes["href"])}
                written.append(f"<a{_attrs(attributes)}>{_text_html(text)}</a>")
            else:
                written.append(_text_html(part))
        return "".join(written)


def _text_html(parts: tuple) -> str:
    """`plain`'s parts serialized: the text escaped, the raw parts as they are."""
    return "".join(_escape_cdata(part) if index % 2 == 0 else part for index, part in enumerate(parts))


def _attrs(attributes: dict) -> str:
    """Attributes as the serializer writes them: sorted, values escaped, a valueless one bare."""
    return "".join(f" {key}" if value is None else f' {key}="{_escape_attrib_html(value)}"'
                   for key, value in sorted(attributes.items()))
