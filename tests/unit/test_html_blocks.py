"""The Markdown fast paths (digest/publish/html_blocks.py, toc.py, fences.py, whitespace.py,
attr_list.py) change nothing but the time taken.

Every generated page of the fixture data and of the real data is converted with MkDocs' Markdown
configuration (mkdocs.yml, and MkDocs' own anchor collector) and with stock Python-Markdown: same
HTML, same table of contents, same anchor ids for link validation. The scan itself is checked on
hand-made chunks, including the ones it must leave to Markdown.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from mkdocs.config import load_config
from mkdocs.structure.pages import _RawHTMLPreprocessor
from mkdocs.utils.meta import get_data

from digest.load import load_catalogue
from digest.pages import render_site

ROOT = Path(__file__).resolve().parent.parent.parent
EXTENSION = "digest.publish.html_blocks"
DATA = {"fixture": (ROOT / "tests" / "fixtures" / "data", ROOT / "tests" / "fixtures"), "real": (ROOT / "data", ROOT)}


@functools.cache
def markdown_config() -> tuple[list, dict]:
    """mkdocs.yml's Markdown extensions and their settings, as MkDocs passes them to Markdown."""
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "tests" / "fixtures"))
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


#: Our Markdown extensions that stand in for stock ones (or for nothing): the stock pipeline leaves them out.
FAST = {"digest.publish.toc": "toc", "digest.publish.fences": "fenced_code", EXTENSION: None, "digest.publish.whitespace": None,
        "digest.publish.attr_list": None}


def convert(text: str, fast: bool) -> tuple[str, list, str, set]:
    """The page's HTML, table of contents and anchor ids as MkDocs renders it, with our fast paths or with
    stock Python-Markdown only (`toc` with our `toc`'s settings)."""
    extensions, configs = markdown_config()
    if not fast:
        configs = {FAST.get(name) or name: value for name, value in configs.items()}
        extensions = [e for e in extensions if e not in FAST]
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    anchors = _RawHTMLPreprocessor()
    anchors._register(md)
    html = md.convert(text)
    return html, md.toc_tokens, md.toc, anchors.present_anchor_ids


@functools.cache
def pages(data: str) -> dict[str, str]:
    folder, root = DATA[data]
    return {path: get_data(text)[0] for path, text in render_site(load_catalogue(folder, root)).items() if path.endswith(".md")}


def test_extensions_are_configured():
    extensions, configs = markdown_config()
    assert set(FAST) <= set(extensions)
    assert configs["digest.publish.toc"] == {"permalink": True, "permalink_title": "Link"}


def left_to_html_block(text: str) -> list[str]:
    """The lines that still start with a block-level tag after the fast path (raw blocks html_block will parse)."""
    md = markdown.Markdown(extensions=[EXTENSION])
    lines = text.split("\n")
    for name in ("normalize_whitespace", "nzd_html_blocks"):
        lines = md.preprocessors[name].run(lines)
    starts = (re.match(r"\s*<([a-zA-Z][a-zA-Z0-9-]*)", line) for line in lines)
    return [m.string for m in starts if m and md.is_block_level(m[1].lower())]


@pytest.mark.parametrize("data", sorted(DATA))
def test_every_page_renders_the_same(data):
    """Same HTML, table of contents and anchor ids on every page; and every block the generator
    wrote takes the fast path (html_block is left the generated-by comment only)."""
    missed = {}
    for path, text in pages(data).items():
        assert convert(text, fast=True) == convert(text, fast=False), path
        if left := left_to_html_block(text):
            missed[path] = left[:3]
    assert not missed


CHUNKS = {
    # chunk: whether the fast path takes all of it
    '<div class="a">\n<p>x &amp; y &#39;z&#39;</p>\n</div>\n<ul><li>a<br>b<img src="x.png" alt=\'a > b\'></li></ul>': True,
    '<table data-stack>\n<tr><td id="r1">1</td></tr>\n</table>\n\nText after.': True,
    '<p id="a&amp;b" ID=\'c\'><a name="n1">x</a><span name="not-an-anchor">y</span></p>': True,
    '<script type="application/ld+json">{"a": "</div><p>"}</script>\n<div>after</div>': True,
    '<div><span>unclosed</div>\n<p>x</p>': True,
    "<div><script>a</ script></div>": False,
    "<div><style>p{}</style >\n\n</div>": True,
    '<div><hr><hr/><br/></div>': True,
    "<hr>": False,
    "<div/>": False,
    "<div>x</div> text after": False,
    "<div>x</div>\ntext on the next line": False,
    "<span>inline</span>\n\n<div>x</div>": True,
    "  <div>indented</div>\n\n<div>x</div>": False,
    "<div>\n\n<p>blank line inside</p>\n\n</div>\n\n<div>later</div>": True,
    "<div>\n\n<p>never closed</p>\n\n<div>later</div>": False,
    '<section>\n<pre>a\n\n\nb</pre>\n\n</section>\n<p>x</p>\n\n\n<div>z</div>': True,
    "<div>a &#39 loose reference</div>": False,
    "<div><!-- comment --></div>": False,
    "<!-- comment -->\n\n<div>x</div>": True,
    "<div>a < b</div>": False,
    "Text <https://example.org> and <b>bold</b>\n\n<div>x</div>": False,
    "## Heading {: #h }\n\n<p>x</p>\n<p>y</p>\n\n- item\n\n<dl><div><dt>a</dt> <dd>b</dd></div></dl>": True,
    "<div>\n<p>tail</p>\n</div>": True,
    # anchors read from the tags alone (every `<` a tag): words like id and name in text and in other values
    '<div class="a"><p>the id of x, name it</p><a NAME="n2" href="#x">y</a></div>\n<p title="an id=q" id=\'real\'>z</p>': True,
    '<div id="o"><span data-x="a > b" id="after-gt">x</span><span name="s">n</span></div>': True,
    '<div>\n<p>id first</p>\n</div>\n<ul id=u><li id=i1>a</li><li ID="I2" name="n">b</li></ul>': True,
    '<div id="a&amp;b" data-t=" id"><p id="x" id="y">dup</p></div>': True,
}


@pytest.mark.parametrize("chunk", list(CHUNKS))
def test_scan_takes_what_it_is_sure_of(chunk):
    """Hand-made pages: the same output either way; the fast path takes exactly the expected ones."""
    for text in (chunk, f"Before.\n\n{chunk}\n", f"{chunk}\n\n<div id=\"last\">z</div>\n"):
        assert convert(text, fast=True) == convert(text, fast=False), text
    assert (not left_to_html_block(chunk)) == CHUNKS[chunk]


def test_md_in_html_turns_the_fast_path_off():
    """md_in_html's html_block reads `markdown` attributes, which the fast path does not: with it, nothing is stored early."""
    text = '<div markdown="1">\n*emphasis*\n</div>\n\n<p>x</p>'
    with_it = markdown.Markdown(extensions=["md_in_html", EXTENSION]).convert(text)
    assert with_it == markdown.Markdown(extensions=["md_in_html"]).convert(text) and "<em>" in with_it


def test_paragraphs_holding_only_a_stored_block_skip_the_inline_patterns():
    md = markdown.Markdown(extensions=["attr_list", "toc", "digest.publish.html_blocks"])
    seen = []

    class Probe(Treeprocessor):
        def run(self, root):
            seen.extend((element.tag, type(element.text)) for element in root)

    md.treeprocessors.register(Probe(md), "probe", 20.2)  # after ours (20.5), before the inline patterns (20)
    html = md.convert('<div class="x">\n<p>*not emphasis*</p>\n</div>\n\nA *real* paragraph.')
    assert seen == [("p", AtomicString), ("p", str)]
    assert "<p>*not emphasis*</p>" in html and "<em>real</em>" in html


INLINE = [
    "Plain text, with 'quotes', numbers 1,2 and (parentheses) {: .lead }",
    "a `code` span", "an \\*escape\\*", "a [link](page.md)", "an ![image](x.png)", "a [ref][r]\n\n[r]: page.md",
    "<https://example.org>", "<me@example.org>", "a <b>tag</b>", "AT&T &amp; &#39;", "hard  \nbreak", "soft \nbreak",
    "*em* and **strong**", "_em_ and __strong__", "snake_case_word", "2 * 3", "It's -- \"smart\" ... <<ok>>",
]
BLOCKS = ["{}", "## {} {{: #h }}", "- {}\n- b", "| a | b |\n|---|---|\n| {} | x |", "> {}", "Term\n\n{}\n{{: .x }}"]


@pytest.mark.parametrize("text", INLINE)
def test_inert_text_is_left_as_the_inline_patterns_leave_it(text):
    """Text with none of the characters the stock inline patterns need is atomic, with the same output; with
    an extension's own inline patterns (smarty's), or stock ones replaced (legacy_em's), nothing is."""
    for block in BLOCKS:
        page = block.format(text)
        for extensions in (["attr_list", "tables"], ["attr_list", "smarty"], ["legacy_em"]):
            fast = markdown.Markdown(extensions=[*extensions, EXTENSION]).convert(page)
            assert fast == markdown.Markdown(extensions=extensions).convert(page), (page, extensions)


def test_which_text_is_inert():
    seen = []

    class Probe(Treeprocessor):
        def run(self, root):
            seen.extend((element.tag, isinstance(element.text, AtomicString)) for element in root.iter() if element is not root)

    for extensions in (["attr_list"], ["smarty"]):
        md = markdown.Markdown(extensions=[*extensions, EXTENSION])
        md.treeprocessors.register(Probe(md), "probe", 20.2)
        md.convert("## Key points {: #key-points }\n\nA *real* paragraph.\n\n- plain\n- `code`")
    stock = [("h2", True), ("p", False), ("ul", False), ("li", True), ("li", False)]
    assert seen == stock + [(tag, False) for tag, _ in stock]


QUICK = [
    "<div><div>nested</div>\n</div>",
    '<p title="</p>">x</p>',
    "<p title='a<b'>x</p>\n<p>y</p>",
    "<div a<div>x</div>\n</div>",
    "<DIV class=x>y</div >\n<Div>z</DIV>",
    "<div><div/>x</div>",
    "<div><script>x</div></script></div>",
    "<ul>\n<li>a</li>\n</ul>\n<ul><li>b</li></ul>\n<p>c</p>",
    "<div><span>unclosed</div>\n<p>x</p>",
    "<div>a</div>\n<div>b",
    "<div><!-- </div> --></div>",
    "<div>a < b</div>",
    "<table><tr><td>1</td></tr></table>",
]


@pytest.mark.parametrize("data", sorted(DATA))
def test_quick_element_ends_are_the_scans(data, monkeypatch):
    """Where the scan shortcut (`_quick_end`) answers, the full scan gives the same ends and anchor ids."""
    from digest.publish import html_blocks

    block_level = set(markdown.Markdown().block_level_elements)
    chunks = [*CHUNKS, *QUICK]
    for text in pages(data).values():
        chunks += [chunk.lstrip("\n") for chunk in text.split("\n\n") if chunk.lstrip("\n")[:1] == "<"]
    answered = []
    quick = html_blocks._quick_end
    monkeypatch.setattr(html_blocks, "_quick_end", lambda *args: answered.append(quick(*args)) or answered[-1])

    def scan(chunk):
        ids = set()
        return html_blocks._elements(chunk, block_level, ids), ids

    with_quick = [scan(chunk) for chunk in chunks]
    assert any(end >= 0 for end in answered)
    monkeypatch.setattr(html_blocks, "_quick_end", lambda *args: -1)
    assert with_quick == [scan(chunk) for chunk in chunks]


@pytest.mark.parametrize("chunk", QUICK)
def test_quick_chunks_render_the_same(chunk):
    for text in (chunk, f"Before.\n\n{chunk}\n", f"{chunk}\n\n<div id=\"last\">z</div>\n"):
        assert convert(text, fast=True) == convert(text, fast=False), text


PLACEHOLDER_PAGES = [
    "<div>x</div>\n\n<p>y</p>\n\n## H {: #h }\n\n<ul><li>z</li></ul>",
    "- item\n\n    <div>in the item</div>\n\n- next\n\n<div>after</div>",
    "- tight\n<div>lazy</div>\n\nText <b>inline</b>\n\n<div>x</div>\n\n> quote\n\n<p>y</p>",
    "<div>a</div>\n<div>b</div>\n\n    <div>code</div>\n\nTerm\n: <span>not a definition here</span>",
]


@pytest.mark.parametrize("page", PLACEHOLDER_PAGES)
@pytest.mark.parametrize("others", [[], ["def_list"], ["admonition", "md_in_html"]])
def test_placeholder_paragraphs_as_stock(page, others):
    """Blocks that are only a placeholder become the paragraphs the stock parser makes; another block processor
    (def_list's, admonition's) turns the shortcut off."""
    extensions = ["attr_list", "tables", "toc", *others]
    fast = markdown.Markdown(extensions=[*extensions, EXTENSION])
    assert fast.convert(page) == markdown.Markdown(extensions=extensions).convert(page)
    assert fast.parser.blockprocessors["nzd_placeholder_paragraphs"].on == (not others)


def test_placeholder_in_a_tight_list_item_is_left_to_the_paragraph_processor():
    """In a tight list item a placeholder is the item's text, not a paragraph (a preprocessor of another
    extension stores one there)."""

    class StoreMarks(Preprocessor):
        def run(self, lines):
            return [line.replace("@@", self.md.htmlStash.store("<div>s</div>")) for line in lines]

    def convert(extensions: list) -> str:
        md = markdown.Markdown(extensions=extensions)
        md.preprocessors.register(StoreMarks(md), "store_marks", 24)
        return md.convert("- a\n- @@\n\n@@\n")

    assert convert(["attr_list", EXTENSION]) == convert(["attr_list"])
