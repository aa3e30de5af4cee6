"""Plain pages written straight to HTML (digest/publish/plain_markdown.py) read as Python-Markdown writes them.

test_shared_markdown.py already compares every generated page (fixture and real data) rendered by
`ReusedMarkdownPage` with MkDocs' own `Page`; these tests check that the generator's pages do take the
direct way, and that hand-made pages at its edges give the same as Python-Markdown whichever way they go.
"""

from __future__ import annotations

import markdown
import pytest
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor

from digest.publish import pages as shared
from digest.publish import plain_markdown
from tests.unit.test_shared_markdown import generated, project, rendered, same_as_mkdocs


def direct(page_text: str, config, files, src: str = "a.md"):
    """`plain_markdown.convert` of a page's Markdown (front matter read as the build reads it)."""
    page = shared.ReusedMarkdownPage(None, files.get_file_from_path(src), config)
    page.read_source(config)
    md = shared.shared_markdown(config)
    assert plain_markdown.supported(md)
    return plain_markdown.convert(md, page.markdown, _RelativePathTreeprocessor(page.file, files, config))


@pytest.mark.parametrize("data", ["fixture", "real"])
def test_generated_pages_take_the_direct_way(data, tmp_path):
    pages = generated(data)
    config, files = project(tmp_path, pages)
    plain = {path for path in pages if direct(pages[path], config, files, path) is not None}
    events = {path for path in pages if path.split("/")[1:2] == ["events"] and path.count("/") == 2 and not path.endswith("index.md")}
    if data == "real":
        # A template writing Markdown `convert` does not take sends its pages back through Python-Markdown: same
        # site, slower build (ARCHITECTURE.md, Performance, "the fifth round").
        assert events and events <= plain, f"not written straight to HTML: {sorted(events - plain)[:5]}"
        assert len(plain) >= 0.9 * len(pages)
    else:  # the fixture's names and titles hold markup made to break pages
        assert len(plain) >= len(pages) // 2
    assert not {path for path in plain if "/events/page/" in path or path.endswith("events/index.md")}  # lists with bold and line breaks


PLAIN = {
    # raw blocks (one and several per chunk, one across blank lines, one the postprocessor does not take as a
    # block), a comment, headings with and without ids, colliding slugs, attribute lists, escapes, links
    "a.md": ("<!-- generated -->\n\n# Title {: #top .big data-x }\n\n<div id=\"summary\">x</div>\n<p>y</p>\n\n"
             "## Summary\n\n## Summary\n\n## Key points {: #key }\n\nA lead \\(with\\) escapes\\\\ and \\{braces\\} and "
             "[a link](b.md#two){: rel=\"next\" } and [self](#key).\nA second line.\n{: .nzd-lead #p1 data-pagefind-ignore }\n\n"
             "<details>\n<summary>s</summary>\n\n<p>inside</p>\n\n</details>\n\n- [B](b.md)\n- [Missing](nowhere.md) – text\n\n"
             "Also: <span lang=\"vi\">Hải Phòng</span> &lt;x&gt; &#39;q&#39;\n\n## <span lang=\"vi\">Tên</span> people\n\n"
             "<div\nclass=\"split\">z</div>\n\n## p1\n"),
    "b.md": "<!-- b -->\n\n# B\n\n<!-- between -->\n\n## Two\n\nText only.\n\n<!-- last -->\n",
}
NOT_PLAIN = {
    "c.md": "# Title first\n\ntext\n",
    "d.md": "<!-- c -->\n\nSome **bold** text.\n",
    "e.md": "<!-- c -->\n\n- **[x](a.md)**  \n  <span>y</span>\n",
    "f.md": "<!-- c -->\n\n> quoted\n",
    "g.md": "<!-- c -->\n\n1. one\n2. two\n",
    "h.md": "<!-- c -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "i.md": "<!-- c -->\n\nA & B\n",
    "j.md": "<!-- c -->\n\n## A &amp; B\n",
    "k.md": "<!-- c -->\n\nSee [the ref][r].\n\n[r]: https://example.org/\n",
    "l.md": "<!-- c -->\n\nNot a link: \\[x](a.md)\n",
    "m.md": "<!-- c -->\n\nCode `x`.\n",
    "n.md": "<!-- c -->\n\n<span>inline first</span> text\n",
    "o.md": "<!-- c -->\n\ntext {: .not-last-line } more\n",
    "p.md": "<!-- c -->\n\ntext  \n{: .lead }\n",
    "q.md": "<!-- c -->\n\n[x](a.md?q=1&r=2)\n",
    "r.md": "<!-- c -->\n\ntext\n{: data-a=\"x_y\" data-b=\"z_w\" }\n",
}


def test_hand_made_pages_read_the_same_either_way(tmp_path):
    config, files = project(tmp_path, {**PLAIN, **NOT_PLAIN})
    for path in PLAIN:
        assert direct(PLAIN[path], config, files, path) is not None, path
    for path in NOT_PLAIN:
        assert direct(NOT_PLAIN[path], config, files, path) is None, path
    same_as_mkdocs(config, files)
    a = rendered(shared.ReusedMarkdownPage(None, files.get_file_from_path("a.md"), config), config, files)
    content, toc, anchors = a[2], a[3], a[5]
    assert '<h2 id="summary">' in content and '<h2 id="summary_1">' in content  # raw HTML ids do not count for toc
    assert '<a href="../b/#two" rel="next">a link</a>' in content and "escapes\\ and {braces}" in content
    assert '<p class="nzd-lead" data-pagefind-ignore id="p1">' in content and '<p><div\nclass="split">z</div>\n</p>' in content
    assert '<h2 id="p1_1">' in content and "Tên" in toc and {"summary", "top", "key", "p1"} <= anchors


def test_other_configurations_go_through_python_markdown(tmp_path):
    config, files = project(tmp_path, PLAIN)
    md = shared.shared_markdown(config)
    assert plain_markdown.supported(md)
    other = markdown.Markdown(extensions=[*config["markdown_extensions"], "smarty"], extension_configs=config["mdx_configs"])
    assert not plain_markdown.supported(other)
    config["markdown_extensions"].append("abbr")
    page = Page(None, files.get_file_from_path("a.md"), config)
    ours = shared.ReusedMarkdownPage(None, files.get_file_from_path("a.md"), config)
    assert rendered(ours, config, files) == rendered(page, config, files)
    assert not plain_markdown.supported(shared.shared_markdown(config))
