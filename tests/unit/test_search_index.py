"""The search index (digest/publish/search_index.py): chunks cut by the bytes of their words, the
pages listed first in index shards of their own, the hidden other names less those the page's
text holds, and the same bytes twice.

Also: the kinds of page search results are grouped and labelled by are declared consistently
(digest/site.py, templates/labels.yaml).
"""

from __future__ import annotations

import functools
import html as html_lib
import json
import random
import re
import tempfile
from pathlib import Path

import pytest

from digest import site
from digest.pages.plan import SEARCHABLE
from digest.pages.templating import load_labels
from digest.publish import search_index as index_search

#: Syllables that, like "năng", "lượng", "công", recur on every page of a Vietnamese site.
COMMON = ["năng", "lượng", "công", "nghiệp", "phát", "triển", "khu", "sinh", "thái", "tái", "tạo", "chuyển", "đổi", "xanh", "kinh", "tế", "tuần", "hoàn", "doanh", "nghiệp", "đầu", "tư", "hội", "thảo", "phát", "thải", "carbon", "mục", "tiêu", "thành", "phố", "tỉnh"]


def page(n: int, kind: str | None = None, extra: str = "") -> str:
    """A Vietnamese page holding every common syllable twice, marked with its kind as overrides/main.html marks it."""
    text = " ".join(COMMON) + f" sự kiện số {n} " + " ".join(reversed(COMMON))
    mark = ""
    if kind == "event":
        mark = (' data-pagefind-meta="kind[data-nzd-kind], event_date[data-nzd-date], event_place[data-nzd-place]" '
                f'data-nzd-date="{n % 28 + 1:02}/01/2024 (suy luận: năm)" data-nzd-place="Hải Phòng" data-nzd-kind="event"')
    elif kind:
        mark = f' data-pagefind-meta="kind[data-nzd-kind]" data-nzd-kind="{kind}"'
    return (f'<!doctype html><html lang="vi"><body><article class="md-content__inner md-typeset"><div data-pagefind-body{mark}>'
            f"<h1>Sự kiện {n}</h1><p>{text}</p>{extra}</div></article></body></html>")


def corpus(pages: int, kinds: bool = False) -> list[tuple[str, str]]:
    """Prepared copies of `pages` pages (`kinds`: every other one an event, the rest places, people, topics)."""
    out = []
    for n in range(pages):
        kind = ("event" if n % 2 else ("place", "person", "topic")[n % 3]) if kinds else None
        prepared = index_search.prepare(page(n, kind))
        assert prepared is not None
        out.append((f"{'events' if kind == 'event' else 'other'}/e{n:03}/index.html", prepared))
    return out


def build(site: Path, prepared: list[tuple[str, str]]) -> None:
    """Index prepared copies (path relative to the site, HTML) into site/pagefind/, as `index_site` does
    with the copies it prepares from a built site."""
    copies = {rel: html.encode("utf-8") for rel, html in prepared}
    with tempfile.TemporaryDirectory(prefix="nzd-search-") as tmp, \
            index_search.scratch_for(sum(map(len, copies.values())), site.name) as scratch:
        index_search.index(site, Path(tmp), [(rel, *index_search.page_key(page)) for rel, page in prepared],
                           functools.partial(index_search.write_pages, pages=copies), scratch)


def shards(prepared: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """`deal` of prepared copies: {(language, folder): (group, paths)}."""
    return index_search.deal([(rel, *index_search.page_key(page)) for rel, page in prepared])


def chunk_words(folder: Path, lang: str = "vi") -> list[list[str]]:
    """The words of each index chunk of a language in one index folder, in the order of its chunk list."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = index_search.read_pagefind(folder / f"pagefind.{entry['languages'][lang]['hash']}.pf_meta")
    fields, _ = index_search.cbor_items(meta, len(index_search.PAGEFIND_HEADER))
    out = []
    for _, _, name in index_search.cbor_decode(meta, fields[2][0]):
        chunk = index_search.read_pagefind(folder / "index" / f"{name}.pf_index")
        words = index_search.cbor_decode(chunk, len(index_search.PAGEFIND_HEADER))[0]
        out.append([word[0] for word in words])
    return out


def chunk_list(folder: Path, lang: str = "vi") -> list[list[str]]:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = index_search.read_pagefind(folder / f"pagefind.{entry['languages'][lang]['hash']}.pf_meta")
    fields, _ = index_search.cbor_items(meta, len(index_search.PAGEFIND_HEADER))
    return index_search.cbor_decode(meta, fields[2][0])


@pytest.fixture(scope="module")
def common_index(tmp_path_factory) -> Path:
    """400 pages of the common syllables, indexed with a chunk size that each common word's entry exceeds."""
    out = tmp_path_factory.mktemp("chunks")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_search, "CHUNK_BYTES", 600)
        build(out, corpus(400))
    return out / index_search.OUTPUT


def test_common_words_get_chunks_of_their_own(common_index: Path) -> None:
    """Pagefind counts only a word's unmarked form when it cuts chunks, so it put many marked syllables that are
    on every page into one chunk; cut by bytes, each common syllable is alone in its chunk."""
    chunks = chunk_words(common_index)
    common = {index_search.fold(word) for word in COMMON}
    shared = [words for words in chunks if len(words) > 1 and common & set(words)]
    assert not shared, f"common words share chunks: {shared}"
    assert common <= {word for words in chunks for word in words}


def test_chunk_list_finds_every_word(common_index: Path) -> None:
    """The browser picks a word's chunks by the bounds of the chunk list (Pagefind's request_indexes): every
    word lies within the bounds of the chunk that holds it, and the bounds are in order."""
    refs = chunk_list(common_index)
    chunks = chunk_words(common_index)
    for (first, last, _), words in zip(refs, chunks, strict=True):
        assert all(first <= word <= last or word.startswith(last) for word in words), (first, last, words)
    assert [ref[0] for ref in refs] == sorted(ref[0] for ref in refs)
    assert len({ref[2] for ref in refs}) == len(refs)


def test_pages_listed_first_are_sharded(tmp_path, monkeypatch) -> None:
    """Event pages go to shards of at most SHARD_PAGES pages, dealt in turn; the other pages to the primary
    index; the manifest lists each language's indexes and their group."""
    monkeypatch.setattr(index_search, "SHARD_PAGES", 7)
    pages = corpus(40, kinds=True)
    build(tmp_path, pages)
    out = tmp_path / index_search.OUTPUT
    manifest = json.loads((out / index_search.MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"vi": [["", 1], ["first-0/", 0], ["first-1/", 0], ["first-2/", 0]]}
    counts = {folder: json.loads((out / folder / "pagefind-entry.json").read_text())["languages"]["vi"]["page_count"]
              for folder, _ in manifest["vi"]}
    assert counts == {"": 20, "first-0/": 7, "first-1/": 7, "first-2/": 6}
    # the shards carry index files only: the primary index's script, worker and WebAssembly serve them all
    assert not [p.name for p in (out / "first-0").iterdir() if p.is_file() and not p.name.endswith((".pf_meta", ".json"))]
    assert shards(pages)[("vi", "first-1/")][1] == [rel for rel, _ in pages if rel.startswith("events/")][1::3]


def test_a_language_of_events_only_has_a_primary_index() -> None:
    pages = [(rel, html) for rel, html in corpus(10, kinds=True) if rel.startswith("events/")]
    assert {key: group for key, (group, _) in shards(pages).items()} == {("vi", ""): 0}


def test_other_names_the_text_holds_are_dropped() -> None:
    """A hidden other name whose folded words the page's indexed text holds is dropped (search folds marks and
    case, so it finds the page through the text); names the text lacks stay, and text Pagefind leaves out
    (data-pagefind-ignore) does not count."""
    body = ('<div data-pagefind-body><h1>Hội thảo tại Hải Phòng</h1><p>Sở Công Thương Hải Phòng và Lý Văn Lan.</p>'
            '<ul data-pagefind-ignore><li>Nguồn: <ul><li>Ban Quản lý KKT</li></ul> Bà Rịa</li></ul><p>Đà Nẵng</p>'
            '<div class="nzd-search-terms" hidden data-pagefind-weight="0.5">Hai Phong · Haiphong · So Cong Thuong Hai Phong'
            ' · Ly Van Lan · Ba Ria · Ban Quan ly KKT · Da Nang · People&#39;s Committee</div>')
    kept = index_search.TERMS.search(index_search.own_terms(index_search.without_ignored(body)))[2]
    assert kept.split(index_search.TERMS_SEPARATOR) == ["Haiphong", "Ba Ria", "Ban Quan ly KKT", "People's Committee"]


def test_search_kinds_declared_once_and_labelled() -> None:
    """Every searchable page kind has a result kind, events are listed first, and every result kind
    has its word in every language."""
    assert set(SEARCHABLE) == set(site.SEARCH_KINDS)
    assert site.SEARCH_KINDS["events"] == site.SEARCH_FIRST == "event"
    labels = load_labels()
    for lang in site.LANGUAGES:
        assert set(labels[lang]["search"]["kinds"]) == set(site.SEARCH_KINDS.values()), lang
        assert all(labels[lang]["search"]["kinds"].values()), lang


def test_index_is_the_same_bytes_twice(tmp_path, monkeypatch) -> None:
    """Indexing the same pages twice, shards, chunks, metadata and manifest included, gives byte-identical files."""
    monkeypatch.setattr(index_search, "SHARD_PAGES", 7)
    pages = corpus(40, kinds=True)
    runs = []
    for name in ("one", "two"):
        build(tmp_path / name, pages)
        out = tmp_path / name / index_search.OUTPUT
        runs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert any(name.startswith("first-2/index/") for name in runs[0]) and index_search.MANIFEST in runs[0]
    assert runs[0] == runs[1]


def test_word_entries_as_cbor_items(common_index: Path) -> None:
    """The word entries found by pattern (`word_entries`) are those the item-by-item walk finds, on
    Pagefind's own chunks and on entries of another shape (a map in a page's positions, a page of
    four items), which fall back to the walk."""
    chunks = [index_search.read_pagefind(path) for path in sorted((common_index / "index").iterdir())]
    assert chunks
    at = len(index_search.PAGEFIND_HEADER) + 1  # WordIndex: [words]
    for chunk in chunks:
        found = index_search.word_entries(chunk, at)
        assert found == index_search.cbor_items(chunk, at) and found[1] == len(chunk)
        assert all(index_search.word_end(chunk, start) == end for start, end in found[0])
    head, text = index_search.cbor_head, index_search.cbor_text
    ints = head(4, 3) + bytes([1]) + head(0, 300) + head(1, 24)  # [1, 300, -25]
    pagefind_shape = head(4, 3) + text("dat") + head(4, 0) + head(4, 1) + head(4, 2) + text("đạt") + head(4, 2) + (
        head(4, 3) + bytes([0]) + ints + head(4, 0)) * 2
    other_shape = head(4, 3) + text("x") + head(4, 1) + head(4, 4) + bytes([0]) + ints + head(4, 0) + bytes([5]) + head(4, 0)
    mapped = head(4, 3) + text("y") + head(4, 1) + head(4, 3) + bytes([0]) + head(5, 1) + bytes([1, 2]) + head(4, 0) + head(4, 0)
    words = head(4, 3) + pagefind_shape + other_shape + mapped
    assert index_search.word_end(words, 1) == 1 + len(pagefind_shape)
    assert index_search.word_end(words, 1 + len(pagefind_shape)) == -1
    assert index_search.word_entries(words, 0) == index_search.cbor_items(words, 0)
    assert index_search.word_entries(words, 0)[1] == len(words)


def test_move_tree(tmp_path) -> None:
    """Files move to the same paths, replacing those of the same name; `keep` picks the top-level files moved."""
    source, target = tmp_path / "out", tmp_path / "site"
    for rel, text in {"a.js": "new a", "b.json": "b", "index/c.pf_index": "c"}.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text)
    (target / "index").mkdir(parents=True)
    (target / "index" / "c.pf_index").write_text("old c")
    index_search.move_tree(source, target, keep=lambda name: name.endswith(".json"))
    assert {p.relative_to(target).as_posix(): p.read_text() for p in target.rglob("*") if p.is_file()} == {
        "b.json": "b", "index/c.pf_index": "c"}
    assert (source / "a.js").exists() and not (source / "b.json").exists()


def test_index_site_as_build_of_prepared_pages(tmp_path) -> None:
    """`index_site` reads the built pages (CRLF line ends read as in text mode; pages without the marker
    left out), removes the previous index, and writes what indexing the same pages prepared writes (`build`)."""
    site = tmp_path / "site"
    pages = {f"{'events' if n % 2 else 'other'}/e{n:02}/index.html": page(n, "event" if n % 2 else "place")
             for n in range(12)}
    pages["other/e04/index.html"] = pages["other/e04/index.html"].replace("<p>", "<p>\r\nmột\r\n")
    pages["index.html"] = '<!doctype html><html lang="vi"><body>no index here</body></html>'
    for rel, html in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(html.encode("utf-8"))
    (site / index_search.OUTPUT / "index").mkdir(parents=True)
    (site / index_search.OUTPUT / "index" / "stale.pf_index").write_text("stale")
    assert index_search.index_site(site) == {"pages": 12, "vi": 12}
    prepared = [(rel, index_search.prepare(html.replace("\r\n", "\n"))) for rel, html in sorted(pages.items())]
    build(tmp_path / "built", [(rel, html) for rel, html in prepared if html])
    for name in index_search.UNUSED:
        (tmp_path / "built" / index_search.OUTPUT / name).unlink()

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert files(site / index_search.OUTPUT) == files(tmp_path / "built" / index_search.OUTPUT)
    assert "index/stale.pf_index" not in files(site / index_search.OUTPUT)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-search-")]


def test_folded_words_as_folding_the_whole_text() -> None:
    """Folding a run between white space at a time gives the words folding the whole text gives: tags
    dropped, entities read, marks (precomposed or combining, after a letter or alone) and đ folded."""
    text = ('<p class="x">Sở  Công\tThương <b>Cà</b>Mau</p> Đà Nẵng&nbsp;đạt &amp; Quảng\u00a0Ngãi '
            'Hai\u0309 Pho\u0300ng \u0301 a\u0323\u0302b ĐẶNG ß Ω<br/>n°5 l\'"x"')
    whole = re.findall(r"\w+", index_search.fold(html_lib.unescape(re.sub(r"<[^>]*>", " ", text))))
    assert index_search.folded_words(text) == " ".join(whole)
    assert index_search.folded_words(text).startswith("so cong thuong ca mau da nang dat quang ngai hai phong ab dang")
    assert index_search.folded_run("Đà-Nẵng,") == "da nang" and index_search.folded_run("—") == ""


def test_id_and_ignored_patterns_as_lazy_patterns() -> None:
    """ID and IGNORED match what the plain lazy patterns they replace match (the first id of a start tag, white
    space before it included; a start tag carrying data-pagefind-ignore or id="nzd-ev")."""
    lazy_id = re.compile(r'(<[a-zA-Z][^>]*?)\s+id="[^"]*"')
    lazy_ignored = re.compile(r'<(\w+)\b[^>]*?(?:\sdata-pagefind-ignore\b|\sid="nzd-ev")[^>]*>')
    html = ('<h2 id="a">A</h2><p  class="b c"\n  id="b" id="c">x id="t"</p><a href="x>y" id="d"><br>'
            '<div class="u" data-pagefind-ignore>i</div><ul  data-pagefind-ignore="all"><li>j</li></ul>'
            '<div data-pagefind-ignored>k</div><span id="nzd-ev">e</span><i title="a data-pagefind-ignore">'
            '<img src=x  id=""><b  data-x id="e"  data-pagefind-ignore>z</b><p id="f')
    assert index_search.ID.sub(r"\1", html) == lazy_id.sub(r"\1", html)
    # left: a second id in a tag, an id in text, one after a `>` in a value, one never closed
    assert index_search.ID.sub(r"\1", html).count("id=") == 4
    assert [m.span() for m in index_search.IGNORED.finditer(html)] == [m.span() for m in lazy_ignored.finditer(html)]
    assert len(list(index_search.IGNORED.finditer(html))) == 5  # a value holding the attribute's text counts too
    pieces = ["<p", "<b", " ", "\n", "  ", 'id="', "id=", '"', ">", "x", "data-pagefind-ignore", 'id="nzd-ev"', "=", "<"]
    rng = random.Random(0)  # noqa: S311 (test inputs, not secrets)
    for _ in range(3000):
        html = "".join(rng.choices(pieces, k=rng.randint(1, 14)))
        assert index_search.ID.sub(r"\1", html) == lazy_id.sub(r"\1", html), html
        assert [m.span() for m in index_search.IGNORED.finditer(html)] == [m.span() for m in lazy_ignored.finditer(html)], html


def test_site_files_in_the_order_of_paths(tmp_path) -> None:
    """The site's .html files outside the index folder, ordered part by part as `sorted` orders `Path`s
    ("a/b" before "a-c", which a plain string sort puts first)."""
    for rel in ["a-c/index.html", "a/b.html", "a/x.txt", "index.html", ".hidden.html", "pagefind/x.html", "b/pagefind/y.html"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = index_search.site_files(tmp_path)
    assert found == [".hidden.html", "a/b.html", "a-c/index.html", "b/pagefind/y.html", "index.html"]
    assert found == [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*.html")) if p.parts[len(tmp_path.parts)] != "pagefind"]


def test_site_page_reads_and_prepares_once(tmp_path) -> None:
    """A marked page gives its key and prepared copy; a page without the marker gives None; a page whose copy
    would change its kind stops the build."""
    pages = {"e/index.html": page(1, "event"), "r/index.html": "<html lang=\"vi\"><body>redirect</body></html>",
             "bad/index.html": page(2, "event").replace("<div data-pagefind-body", "<div data-pagefind-body data-pagefind-ignore")}
    for rel, html in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text(html, encoding="utf-8")
    assert index_search.site_page("e/index.html", tmp_path) == ("vi", True, index_search.prepare(pages["e/index.html"]).encode("utf-8"))
    assert index_search.site_page("r/index.html", tmp_path) is None
    with pytest.raises(SystemExit, match=r"bad/index\.html"):
        index_search.site_page("bad/index.html", tmp_path)


def test_pages_end_matches_any_count() -> None:
    """`pages_end` finds the end of 0 to 13 pages of a word's entry, whatever their sizes, and -1 when fewer pages
    are there or one is of another shape."""
    head = index_search.cbor_head
    pages = [head(4, 3) + head(0, n * 30) + head(4, n % 4) + bytes(range(n % 4)) + head(4, 1) + head(0, 500 * n)
             for n in range(13)]
    data = b"".join(pages) + head(4, 0)
    ends = [sum(len(p) for p in pages[:n]) for n in range(14)]
    assert [index_search.pages_end(data, 0, n) for n in range(14)] == ends
    assert index_search.pages_end(data, 0, 14) == -1
    assert index_search.pages_end(pages[0] + head(5, 0) + pages[1], 0, 2) == -1


def test_scratch_in_memory_when_it_has_room(monkeypatch) -> None:
    """The copies go to a folder of their own in SCRATCH, removed after; beside the site (None) when SCRATCH
    has not SCRATCH_ROOM times their size free, or is missing."""
    with index_search.scratch_for(1 << 20, "site") as scratch:
        assert scratch is not None and scratch.parent == index_search.SCRATCH and scratch.is_dir()
        assert scratch.name.startswith(".site-search-pages-")
    assert not scratch.exists()
    free = (lambda stat: stat.f_bavail * stat.f_frsize)(__import__("os").statvfs(index_search.SCRATCH))
    with index_search.scratch_for(free // index_search.SCRATCH_ROOM + 1, "site") as scratch:
        assert scratch is None
    monkeypatch.setattr(index_search, "SCRATCH", Path("/nonexistent-nzd-scratch"))
    with index_search.scratch_for(1, "site") as scratch:
        assert scratch is None


@pytest.mark.parametrize("in_memory", [True, False])
def test_pages_numbered_in_the_order_given(tmp_path, monkeypatch, in_memory) -> None:
    """Pagefind numbers pages in the order the file system lists them; with the copies in memory that is the
    order `index` is given them (by path, from `site_pages`), whatever order that is. On a disk it is the file
    system's own; every page is indexed either way."""
    if not in_memory:
        monkeypatch.setattr(index_search, "SCRATCH_ROOM", float("inf"))
    prepared = corpus(24)
    random.Random(7).shuffle(prepared)  # noqa: S311 (a fixed order, not a secret)
    build(tmp_path, prepared)
    out = tmp_path / index_search.OUTPUT
    entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = index_search.read_pagefind(out / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta")
    fields, _ = index_search.cbor_items(meta, len(index_search.PAGEFIND_HEADER))
    urls = []
    for page_hash, *_ in index_search.cbor_decode(meta, fields[1][0]):
        fragment = index_search.read_pagefind(out / "fragment" / f"{page_hash}.pf_fragment")
        urls.append(json.loads(fragment[len(index_search.PAGEFIND_HEADER):])["url"])
    given = [f"/{rel.removesuffix('index.html')}" for rel, _ in prepared]
    assert sorted(urls) == sorted(given)
    if in_memory:
        assert urls == given


def test_compare_search_reads_what_the_index_holds(tmp_path, capsys) -> None:
    """tools/compare_search.py finds the same pages indexed in another order the same, and a changed page different."""
    import compare_search  # tools/ (tests/conftest.py puts it on sys.path)

    prepared = corpus(12)
    build(tmp_path / "a", prepared)
    build(tmp_path / "b", prepared[::-1])
    changed = [(rel, html.replace("sự kiện số 3 ", "sự kiện số ba ")) for rel, html in prepared]
    build(tmp_path / "c", changed)
    assert (tmp_path / "a" / index_search.OUTPUT / "pagefind-entry.json").read_bytes() != \
        (tmp_path / "b" / index_search.OUTPUT / "pagefind-entry.json").read_bytes(), "the order changes the bytes"
    assert compare_search.main([str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    assert compare_search.main([str(tmp_path / "a"), str(tmp_path / "c")]) == 1
    assert "DIFFERENT" in capsys.readouterr().out
