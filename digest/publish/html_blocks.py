"""Markdown extension (mkdocs.yml `markdown_extensions`): the generator's raw HTML blocks go straight into the HTML stash.

Python-Markdown finds raw HTML blocks with html.parser (`html_block`), and MkDocs parses the whole
page again to collect anchor ids (`mkdocs_raw_html`); most of our pages' text is such blocks. This
extension runs before both. In each blank-line-separated chunk that is only complete top-level
block elements, each starting at a line start and ending at a line end, found by a regular-expression
tag scan that follows `html_block`'s own rules (its tag stack, void and CDATA elements), it stores
each element in the stash exactly as `html_block` would, and hands the ids inside to MkDocs' anchor
validation. Anything the scan is not sure of stays Markdown for them; and from a chunk that could
leave `html_block` inside an open raw block, the rest of the page does too. The block parser then
makes each block that is only a placeholder a paragraph at once, as its last processor would after
every other one's test (when all of them are Python-Markdown's own).
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import (
    BlockProcessor,
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
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.htmlparser import commentclose, htmlparser
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, INLINE_PLACEHOLDER_PREFIX, AtomicString

#: A tag as html.parser reads it (a strict subset of its grammar, so both agree on where it ends); a
#: bare `<` matches too, with no group set, and makes the chunk Markdown's.
_TAG = re.compile(r"""<(?:
    (?P<name>[a-zA-Z][a-zA-Z0-9-]*)
    (?P<attrs>(?:\s+[^\s"'>/=`]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(?P<close>/)?>
  | /(?P<end>[a-zA-Z][a-zA-Z0-9-]*)\s*>
  | (?P<comment>!--)
  )?""", re.VERBOSE)
#: A chunk in which every `<` starts a start or end tag as `_TAG` reads it (each tag taken as `_TAG.match` takes
#: it), with no comments.
_ONLY_TAGS = re.compile(r"""(?:[^<]++|(?>
    <[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"'>/=`]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>
  | </[a-zA-Z][a-zA-Z0-9-]*\s*>
  ))*+""", re.VERBOSE)
#: A `<` inside a quoted attribute value (or something like one: then the scan is not shortened).
_LT_IN_VALUE = re.compile(r"""=\s*(?:"[^"]*<|'[^']*<)""")
#: Where the raw-content elements start.
_CDATA_START = re.compile(r"<(?i:script|style)(?![a-zA-Z0-9-])")
#: A character reference html.parser would rewrite (no closing `;`).
_LOOSE_CHARREF = re.compile(r"&#(?![0-9]+;|[xX][0-9a-fA-F]+;)")
#: What `_elements` says of a chunk that ends inside an element (which may go on after a blank line).
OPEN = "open"
#: Where an `id` or `name` attribute may be (attributes follow white space); chunks and tags without one are not read for anchors.
_ANCHOR_ATTR = re.compile(r"\s(?:id|name)\b", re.IGNORECASE)


def _content_end(name: str) -> re.Pattern:
    """Where html.parser (this Python's) ends the raw content of a `<script>` or `<style>` element."""
    parser = htmlparser.HTMLParser()
    parser.set_cdata_mode(name)
    return parser.interesting


_CDATA = {name: _content_end(name) for name in htmlparser.HTMLParser.CDATA_CONTENT_ELEMENTS}


def _anchor_ids(tag: str, text: str, ids: set) -> None:
    """The `id` (and `<a name>`) values of one start tag, read as MkDocs' own collector reads them."""
    k = htmlparser.tagfind_tolerant.match(text, 1).end()
    while k < len(text):
        m = htmlparser.attrfind_tolerant.match(text, k)
        if not m:
            break
        name, rest, value = m.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        if value:
            value = htmlparser.unescape(value)
        if name.lower() == "id" or (name.lower() == "name" and tag == "a"):
            ids.add(value)
        k = m.end()


@functools.cache
def _start_and_end(name: str) -> tuple[re.Pattern, re.Pattern]:
    """A start tag and an end tag of element `name` (any case), as `_TAG` reads them."""
    name = re.escape(name)
    return re.compile(rf"<(?i:{name})(?![a-zA-Z0-9-])"), re.compile(rf"</(?i:{name})\s*>")


def _quick_end(chunk: str, name: str, after: int) -> int:
    """Where the element whose start tag `name` ends at `after` ends, if no other `name` start tag comes before
    its first end tag (then that end tag empties `html_block`'s stack); -1 if it cannot tell so."""
    start, end = _start_and_end(name)
    close = end.search(chunk, after)
    if close is None or start.search(chunk, after, close.start()):
        return -1
    return close.end()


def _tag_anchor_ids(chunk: str, ids: set) -> None:
    """The anchor ids of every start tag of a chunk in which every `<` starts a tag and none is inside an
    attribute value (so the tag holding an attribute is the one opened by the last `<` before it)."""
    last = -1
    for found in _ANCHOR_ATTR.finditer(chunk):
        at = chunk.rfind("<", 0, found.start())
        if at <= last:
            continue  # text before any tag, or a tag already read
        m = _TAG.match(chunk, at)
        if m["name"] and m.end() > found.start() and (attrs := m["attrs"]) and _ANCHOR_ATTR.search(attrs):
            _anchor_ids(m["name"].lower(), m[0], ids)
        last = at


def _elements(chunk: str, block_level: set[str], ids: set) -> list[int] | str | None:
    """The end offsets of the top-level elements that make up `chunk` (each from a line start to a
    line end), `OPEN` if the last one is still open at the end, or None if it is not only those; the
    anchor ids inside are added to `ids`."""
    if "&#" in chunk and _LOOSE_CHARREF.search(chunk):
        return None
    ends: list[int] = []
    stack: list[str] = []
    size, pos = len(chunk), 0
    anchors = _ANCHOR_ATTR.search(chunk) is not None
    # Where every `<` is a plain tag (none inside attribute values, no comments, no raw content), an element
    # ends at its first end tag unless another one of its name opens first, and the anchors are read from
    # the tags that hold them alone.
    quick = not _LT_IN_VALUE.search(chunk) and not _CDATA_START.search(chunk) and _ONLY_TAGS.fullmatch(chunk)
    if quick and anchors:
        _tag_anchor_ids(chunk, ids)
        anchors = False
    while pos < size:
        m = _TAG.match(chunk, pos)
        name = m and m["name"]  # no match: text on the line after an element
        if not name or m["close"] or (name := name.lower()) not in block_level or name == "hr":
            return None  # html_block stores `<hr>` and `<div/>` by other rules
        at, stop = pos, _quick_end(chunk, name, m.end()) if quick else -1
        while stop < 0:
            for m in _TAG.finditer(chunk, at):
                name, end = m.group("name", "end")
                if name:
                    name = name.lower()
                    if anchors and (attrs := m["attrs"]) and _ANCHOR_ATTR.search(attrs):
                        _anchor_ids(name, m[0], ids)
                    if m["close"] or name == "hr":
                        continue
                    stack.append(name)  # void elements too: html_block pops them with their parent
                    if name in _CDATA:
                        close = _CDATA[name].search(chunk, m.end())
                        if close is None:
                            return OPEN
                        at = close.start()
                        break
                elif end:
                    end = end.lower()
                    if end in stack:  # html_block pops up to the matching tag
                        while stack.pop() != end:
                            pass
                    if not stack:
                        stop = m.end()
                        break
                else:
                    return None
            else:
                return OPEN
        if stop < size and chunk[stop] != "\n":
            return None
        ends.append(stop)
        pos = stop + 1
    return ends


def raw_elements(chunks: list[str], index: int, block_level: set[str]) -> tuple[str, list[int] | str | None, set, int]:
    """`_elements` of `chunks[index]` (less its leading newlines) if it starts with a tag, read on over the chunks
    after it while it ends inside an element (html_block reads on past blank lines): the text read, its
    elements' ends (or `OPEN`, or None), their anchor ids, and how many chunks it took."""
    body = chunks[index].lstrip("\n")
    ids: set = set()
    ends = _elements(body, block_level, ids) if body[:1] == "<" else None
    taken = 1
    while ends is OPEN and index + taken < len(chunks):
        body += "\n\n" + chunks[index + taken]
        taken += 1
        ids = set()
        ends = _elements(body, block_level, ids)
    return body, ends, ids, taken


def element_texts(body: str, ends: list[int], more: bool) -> list[str]:
    """Each element of `body` (`raw_elements`) as html_block stores it: the last one keeps the newline of the
    blank line after it when more of the page follows."""
    texts, start = [], 0
    for end in ends:
        texts.append(body[start:end] + ("\n" if end == ends[-1] and more else ""))
        start = end + 1
    return texts


def _neutral(chunk: str, block_level: set[str]) -> bool:
    """Whether `html_block` ends this Markdown chunk outside any raw block: it holds inline tags and whole comments only."""
    at = chunk.find("<")
    while at >= 0:
        m = _TAG.match(chunk, at)
        if m["comment"]:
            close = commentclose.search(chunk, at + 4)
            if close is None:
                return False
            at = close.end()
        elif (name := m["name"] or m["end"]) and name.lower() not in block_level:
            at = m.end()
        else:
            return False
        at = chunk.find("<", at)
    return True


#: Block processors whose test fails on a block that is only a stash placeholder (no white space, `#`, `>`, `[`,
#: list marker, rule, second line or table row in it).
_PASS_PLACEHOLDERS = frozenset({EmptyBlockProcessor, ListIndentProcessor, CodeBlockProcessor, HashHeaderProcessor,
                                SetextHeaderProcessor, HRProcessor, OListProcessor, UListProcessor, BlockQuoteProcessor,
                                ReferenceProcessor, TableProcessor})


class _PlaceholderParagraphs(BlockProcessor):
    """Makes a block that is only a stash placeholder the paragraph `ParagraphProcessor` makes of it outside a
    list, without the other processors' tests first; `on` (set per page) when every other block processor is
    `ParagraphProcessor` or one that passes such a block on."""

    def __init__(self, parser):
        super().__init__(parser)
        self.on = False

    def check(self) -> None:
        kinds = {type(processor) for processor in self.parser.blockprocessors if processor is not self}
        self.on = ParagraphProcessor in kinds and kinds <= _PASS_PLACEHOLDERS | {ParagraphProcessor}

    def test(self, parent, block: str) -> bool:
        return (self.on and block[:1] == "\x02" and HTML_PLACEHOLDER_RE.fullmatch(block) is not None
                and not self.parser.state.isstate("list"))

    def run(self, parent, blocks: list[str]) -> None:
        etree.SubElement(parent, "p").text = blocks.pop(0)


class _StashBlocks(Preprocessor):
    """Stores the page's raw HTML blocks in the stash, each as `html_block` would, and keeps their anchor ids."""

    def __init__(self, md: Markdown, paragraphs: _PlaceholderParagraphs | None = None):
        super().__init__(md)
        self.ids: set = set()
        self.paragraphs = paragraphs

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        if self.paragraphs is not None:
            self.paragraphs.check()
        source = "\n".join(lines)
        stock = "html_block" in self.md.preprocessors and type(self.md.preprocessors["html_block"]) is HtmlBlockPreprocessor
        if "<" not in source or not stock:
            return lines  # nothing to store, or another extension's html_block (md_in_html) that this does not mirror
        block_level = set(self.md.block_level_elements)
        store = self.md.htmlStash.store
        chunks = source.split("\n\n")
        out: list[str] = []
        index = 0
        while index < len(chunks):
            chunk = chunks[index]
            body, ends, ids, taken = raw_elements(chunks, index, block_level)
            if not isinstance(ends, list):
                out.append(chunk)
                index += 1
                if "<" in chunk and not _neutral(chunk, block_level):
                    out += chunks[index:]
                    break
                continue
            index += taken
            # html_block: a blank line before each stored element, one after.
            stored = [f"\n{store(text)}\n\n" for text in element_texts(body, ends, index < len(chunks))]
            out.append(chunk[:len(chunk) - len(chunk.lstrip("\n"))] + "\n".join(stored) + body[ends[-1]:])
            self.ids |= ids
        return "\n\n".join(out).split("\n")


class _AnchorIds(Preprocessor):
    """Adds the stored blocks' anchor ids to those MkDocs collected from the rest (`mkdocs_raw_html`, just before)."""

    def __init__(self, md: Markdown, blocks: _StashBlocks):
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        if "mkdocs_raw_html" in self.md.preprocessors:
            found = getattr(self.md.preprocessors["mkdocs_raw_html"], "present_anchor_ids", None)
            if isinstance(found, set):
                found |= self.blocks.ids
        return lines


class _StoredParagraphs(Treeprocessor):
    """Marks as atomic the text the inline patterns, all tried on every text, can find nothing in: paragraphs that
    only hold a stored block (the placeholder `html_block` leaves), and, when the inline patterns are the stock ones
    and no other inline processor runs, any text with none of the characters those patterns need."""

    def run(self, root) -> None:
        # Another inline processor (smarty's) would skip atomic text too.
        inline = [processor for processor in self.md.treeprocessors if isinstance(processor, InlineProcessor)]
        stock = inline == [self.md.treeprocessors["inline"]] and _pattern_kinds(self.md) == _stock_inline_patterns()
        tokens = tuple(self.md.delimiters.tokens) if stock else ()
        for element in root.iter():
            if element is root:
                continue
            text, tail = element.text, element.tail
            if text and not isinstance(text, AtomicString) and ((stock and _inert(text, tokens)) or (
                    element.tag == "p" and len(element) == 0 and HTML_PLACEHOLDER_RE.fullmatch(text))):
                element.text = AtomicString(text)
            if stock and tail and not isinstance(tail, AtomicString) and _inert(tail, tokens):
                element.tail = AtomicString(tail)


def _inert(text: str, delimiters: tuple) -> bool:
    """Whether no stock inline pattern can match in `text`, nor its placeholders be read."""
    return _PATTERN_START.search(text) is None and not any(token in text for token in delimiters)


#: What every stock inline pattern but the emphasis delimiters needs in the text: a backtick, backslash, `[`,
#: `<` or `&`; two spaces before a line break; or an inline placeholder, which the inline processor replaces.
_PATTERN_START = re.compile(r"[`\\\[<&]|  \n|" + re.escape(INLINE_PLACEHOLDER_PREFIX))


def _pattern_kinds(md: Markdown) -> list[tuple]:
    """Each inline pattern's type and regular expression, in order."""
    return [(type(pattern), getattr(pattern, "pattern", None)) for pattern in md.inlinePatterns]


@functools.cache
def _stock_inline_patterns() -> list[tuple]:
    """Python-Markdown's own inline patterns (`_pattern_kinds`)."""
    return _pattern_kinds(Markdown())


class HtmlBlocksExtension(Extension):
    """Raw HTML blocks stored without html.parser; see the module's docstring."""

    def extendMarkdown(self, md: Markdown) -> None:
        paragraphs = _PlaceholderParagraphs(md.parser)
        blocks = _StashBlocks(md, paragraphs)
        # Before every stock block processor (the first is 100).
        md.parser.blockprocessors.register(paragraphs, "nzd_placeholder_paragraphs", 110)
        # After normalize_whitespace (30), before mkdocs_raw_html (21) and html_block (20).
        md.preprocessors.register(blocks, "nzd_html_blocks", 25)
        md.preprocessors.register(_AnchorIds(md, blocks), "nzd_html_block_ids", 20.5)
        # Before the inline patterns (20).
        md.treeprocessors.register(_StoredParagraphs(md), "nzd_stored_paragraphs", 20.5)


def makeExtension(**kwargs) -> HtmlBlocksExtension:
    return HtmlBlocksExtension(**kwargs)
