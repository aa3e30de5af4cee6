"""Search index: a built site → chunked Pagefind indexes per <html lang> in <site>/pagefind/.

What is indexed is declared by the templates, not chosen here: a page is indexed when it carries
a `data-pagefind-body` element (overrides/main.html puts one around the article of every page whose
front matter does not exclude it from search; digest/pages/plan.py says which kinds do), and inside
it Pagefind leaves out what the templates mark `data-pagefind-ignore` (sources, related events,
citation, appearance tables), and the selectors of EXCLUDE (source markers). What this step adds:

- Pagefind reads a copy of each page in which đ/Đ are written as d/D + U+0335
  (`digest.fold.mark_stroke`), so its mark-stripping folds them and "dang" finds "Đăng" (the
  browser marks queries the same way and unmarks results for display); the built HTML is not modified;
- in that copy, the hidden block of other names (aliases) keeps only the names the page's own
  indexed text does not already hold once folded ("So Cong Thuong Ca Mau" beside "Sở Công Thương
  Cà Mau"): search folds marks, so they found nothing more, and each such copy added an index entry
  per page for the commonest syllables, which is what Pagefind's search time grows with;
- the pages of the kind results list first (digest/site.py, SEARCH_FIRST: events) are indexed apart
  from the others, in shards of at most SHARD_PAGES pages (`deal`), one Pagefind process each, at
  most `os.cpu_count()` at once: a shard's search and a shard's indexing process stay the size of
  SHARD_PAGES pages as the archive grows. `MANIFEST` lists each language's indexes and their group;
  search.js merges them with Pagefind's `mergeIndex` and ranks the first group first;
- each index is cut anew into chunks by the bytes of its words' entries (`rechunk`, CHUNK_BYTES),
  so a first query downloads little more than its own words' entries;
- the Pagefind UI bundles the site does not use are removed (its UI is overrides/assets/javascripts/search.js).

See ARCHITECTURE.md, "Search".
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import html as html_lib
import itertools
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from digest.fold import fold, mark_stroke
from digest.parallel import parallel_map
from digest.site import SEARCH_FIRST

OUTPUT = "pagefind"
#: Markup inside the article that is not text of the page (our templates mark whole sections with
#: `data-pagefind-ignore`): heading permalinks (¶), the edit and source-file buttons, and the source
#: markers [A, B], which are many on a page and so are left out here rather than marked one by one.
#: `#nzd-ev` holds the words of the source-excerpt pop-up, which are not the page's text.
EXCLUDE = [".headerlink", ".md-content__button", ".md-source-file", ".nzd-cite", "#nzd-ev", "script", "style"]
#: The marker of a page to index (overrides/main.html); text on a page cannot contain it (`<` is escaped).
BODY = "<div data-pagefind-body"
#: Bytes (uncompressed CBOR) of word entries an index chunk gathers before it is closed (`rechunk`). A
#: word whose entry alone is this size or more (a syllable on many pages, with its positions) gets a
#: chunk of its own, so a query of common words downloads their entries and nothing else, and a rare
#: word at most this much of its neighbours'. Larger sizes (16,000; or 24,000 for the small words
#: only) put mid-frequency words beside others and cost more than the shorter chunk list saves.
CHUNK_BYTES = 6000
#: The header inside every gzip file Pagefind writes.
PAGEFIND_HEADER = b"pagefind_dcd"
#: The most pages of the first kind (events) one index shard holds. Pagefind's search time grows
#: faster than the number of pages a query matches (for each matching page it walks the entries of
#: every matching page for the query's words), and its indexing process holds every word's
#: positions: a shard of this size answers the commonest syllables within the budget and indexes in
#: about 450 MB. Smaller shards (500, 1,000) were no faster at 3,000 events and cost more bytes per
#: first query (a chunk list and a chunk per query word each). Measurements: ARCHITECTURE.md, "Search".
SHARD_PAGES = 1500
#: Each language's indexes (folder under OUTPUT, "" for the primary one, and group: 0 listed first,
#: 1 the rest), read by search.js.
MANIFEST = "nzd-indexes.json"
#: The hidden block of other names a page's template writes (PageHelpers.search_terms) and its separator.
TERMS = re.compile(r'(<div class="nzd-search-terms"[^>]*>)(.*?)(</div>)', re.S)
TERMS_SEPARATOR = " · "
#: A tag, and a word, as `folded_words` finds them.
TAG = re.compile(r"<[^>]*>")
WORD = re.compile(r"\w+")
#: The first `id` attribute in a start tag. The tag's text before it is taken a run of white space
#: or of other characters at a time, never given back (a lazy `[^>]*?` tried the attribute at every character).
ID = re.compile(r'(<[a-zA-Z][^>\s]*+(?:\s++(?!id=")[^>\s]*+)*+)\s+id="[^"]*"')
#: Start tags whose element Pagefind leaves out (the templates' `data-pagefind-ignore`, EXCLUDE's ids),
#: their text taken as in ID.
IGNORED = re.compile(r'<(\w+)\b[^>\s]*+(?:\s(?!data-pagefind-ignore\b|id="nzd-ev")[^>\s]*+)*+'
                     r'\s(?:data-pagefind-ignore\b|id="nzd-ev")[^>]*>')
#: The page's language, which picks its index.
LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')
#: Where the copies Pagefind reads are written, when it is there with room for them: a file system in
#: memory. The copies are written once, read once and removed; on a disk, making and removing thousands
#: of small files waits on it longer than Pagefind takes to index them.
SCRATCH = Path("/dev/shm")  # noqa: S108 (a folder of our own is made inside it, by tempfile)
#: The free room SCRATCH must have, in times the copies' size: the copies may not fill the machine's memory.
SCRATCH_ROOM = 4
#: Files Pagefind writes for its own UIs, which this site does not load.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def prepare(html: str) -> str | None:
    """The copy of a page Pagefind reads, or None for a page not marked for the index: the page's
    `<html lang>` and its marked element (overrides/main.html closes it where the article ends),
    less the elements Pagefind would leave out (`without_ignored`), with its hidden other names less
    those its text already holds (`own_terms`), without `id` attributes (Pagefind would record each as
    an anchor in every result's fragment; the results link to pages, not anchors), and with đ/Đ
    written as d/D + U+0335. Pagefind would read only that element anyway; handing it nothing else
    spares it parsing the theme's header, navigation and footer."""
    start = html.find(BODY)
    lang = LANG.search(html)
    if start < 0 or not lang:
        return None
    end = html.find("</article>", start)
    body = own_terms(without_ignored(html[start:end if end >= 0 else len(html)]))
    body = ID.sub(r"\1", body)
    return f'<!doctype html><html lang="{lang[1]}"><head><meta charset="utf-8"></head><body>{mark_stroke(body)}</body></html>'


def own_terms(body: str) -> str:
    """The marked element (less what Pagefind leaves out) with its hidden block of other names keeping
    only the names whose folded words are not already a run of the folded words of the rest of the
    element. Search folds marks and case, so a dropped name
    finds the page as before, through the text that holds it."""
    block = TERMS.search(body)
    if not block:
        return body
    own = f" {folded_words(body[:block.start()] + body[block.end():])} "
    names = html_lib.unescape(block[2]).split(TERMS_SEPARATOR)
    kept = [name for name in names if f" {folded_words(name)} " not in own]
    inner = html_lib.escape(TERMS_SEPARATOR.join(kept), quote=False)
    return body[:block.start()] + block[1] + inner + block[3] + body[block.end():]


def folded_words(text: str) -> str:
    """The words of HTML text as search compares them (tags dropped, marks and case folded), joined by spaces."""
    # `fold` changes a character and the marks after it, which white space ends: the text is folded
    # a run between white space at a time, each distinct run once (pages repeat their words)
    return " ".join(filter(None, map(folded_run, html_lib.unescape(TAG.sub(" ", text)).split())))


@functools.lru_cache(maxsize=1 << 16)
def folded_run(run: str) -> str:
    """The folded words of text without white space, joined by spaces ("" for none)."""
    return " ".join(WORD.findall(fold(run)))


def without_ignored(body: str) -> str:
    """The marked element less every element Pagefind leaves out by attribute (IGNORED); each is
    cut to its matching end tag, counting nested elements of the same name."""
    out, pos = [], 0
    while match := IGNORED.search(body, pos):
        out.append(body[pos:match.start()])
        name, depth, scan = match[1], 1, match.end()
        tag = re.compile(rf"<(/?){name}\b[^>]*>", re.I)
        while depth and (inner := tag.search(body, scan)):
            depth += -1 if inner[1] else 1
            scan = inner.end()
        pos = scan if not depth else len(body)
    return "".join(out) + body[pos:]


def site_pages(site: Path) -> list[tuple[str, str, bool, bytes]]:
    """(path relative to the site, language, whether of the kind listed first: `page_key`, the copy
    Pagefind reads: `prepare`, in UTF-8) of every page of the site its template marked for indexing, in
    the order of their paths; read and prepared in forked workers (`digest.parallel`)."""
    rels = site_files(site)
    pages = parallel_map(site_page, rels, site, chunks_per_job=4)
    return [(rel, *page) for rel, page in zip(rels, pages, strict=True) if page]


def site_files(site: Path) -> list[str]:
    """The paths relative to `site` of its .html files outside OUTPUT, in the order of their paths'
    parts (as `sorted` orders `Path`s)."""
    rels = []
    for folder, dirs, files in os.walk(site):
        prefix = Path(folder).relative_to(site).as_posix() + "/"
        if prefix == "./":
            prefix = ""
            with contextlib.suppress(ValueError):
                dirs.remove(OUTPUT)
        rels += [prefix + name for name in files if name.endswith(".html")]
    return sorted(rels, key=lambda rel: rel.split("/"))


def site_page(rel: str, site: Path) -> tuple[str, bool, bytes] | None:
    """The `page_key` and prepared copy (`prepare`, in UTF-8) of the page at `rel` in `site`, or None for a
    page `prepare` leaves out."""
    html = read_marked(site / rel)
    prepared = prepare(html) if html is not None else None
    if prepared is None:
        return None
    key = page_key(html)
    if page_key(prepared) != key:
        raise SystemExit(f"search index: the prepared copy of {rel} changed its language or kind")
    return (*key, prepared.encode("utf-8"))


def read_marked(path: Path) -> str | None:
    """The text of a page, as read in text mode, or None for a page without the index marker (BODY):
    most files (source excerpts, redirects) are not decoded."""
    data = path.read_bytes()
    if BODY.encode() not in data:
        return None
    html = data.decode("utf-8")
    return html.replace("\r\n", "\n").replace("\r", "\n") if "\r" in html else html


def write_pages(copies: list[tuple[str, Path]], pages: dict[str, bytes]) -> None:
    """Write each page's copy (path relative to the site: bytes, in `pages`) to its path in `copies`, in
    their order, making folders as needed."""
    # in their order, one at a time: the order the file system lists a folder follows it (`index`)
    for rel, target in copies:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as file:
            file.write(pages[rel])


def page_key(html: str) -> tuple[str, bool]:
    """The language of a page (built or prepared: `prepare` keeps both) and whether its marked element
    (BODY) is of the kind results list first (SEARCH_FIRST)."""
    start = html.find(BODY)
    return page_lang(html), f'data-nzd-kind="{SEARCH_FIRST}"' in html[start:html.find(">", start)]


def deal(keys: list[tuple[str, str, bool]]) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """The pages of each index, from each page's (path relative to the site, language, whether of the
    kind listed first) in the order of their paths: {(language, folder): (group, paths)}, group 0 for
    the kind results list first (SEARCH_FIRST), 1 for the rest. Folder "" is the primary index: the
    pages of every other kind. The pages of the first kind go to folders `first-0/`, `first-1/`, … of
    at most SHARD_PAGES pages each, dealt in turn in the order of their paths (event pages by date), so
    every shard spans the whole archive. A language without pages of other kinds has its first shard
    as primary index."""
    by_lang: dict[str, tuple[list[str], list[str]]] = {}
    for rel, lang, is_first in keys:
        first, rest = by_lang.setdefault(lang, ([], []))
        (first if is_first else rest).append(rel)
    out: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for lang, (first, rest) in sorted(by_lang.items()):
        if rest:
            out[(lang, "")] = (1, rest)
        shards = math.ceil(len(first) / SHARD_PAGES)
        for i in range(shards):
            out[(lang, f"first-{i}/" if rest or i else "")] = (0, first[i::shards])
    return out


def index(site: Path, tmp: Path, keys: list[tuple[str, str, bool]], write: Callable[[list[tuple[str, Path]]], None],
          scratch: Path | None = None) -> None:
    """Index the pages of `keys` with the Pagefind CLI, one process per language and index (`deal`), as
    many at once as there are cores, and merge their outputs into site/pagefind/: the primary index of
    every language at its root (its files are named after their language, and pagefind-entry.json
    lists the languages), each shard in its folder, less the script, worker and WebAssembly the
    primary index already has; then MANIFEST. `write` writes the prepared copies Pagefind reads, given
    (path relative to the site, where): under `scratch` if given, else in `tmp` beside each index's
    work folder. (Pagefind's Python service API, fed file by file, was far slower.)"""
    output = site / OUTPUT
    indexes = deal(keys)
    works = [(tmp / f"{n}-{lang}", (scratch / f"{n}-{lang}") if scratch else tmp / f"{n}-{lang}" / "pages", folder, rels)
             for n, ((lang, folder), (_, rels)) in enumerate(indexes.items())]
    # Each copy at its path in the site: Pagefind derives the page's URL from it. Pagefind numbers pages in
    # the order the file system lists a folder: in memory, the newest entry first, so the copies are written
    # last to first and numbered in the order given (by path); on a disk, in the disk's own order.
    copies = [(rel, pages / rel) for _, pages, _, rels in works for rel in rels]
    write(copies[::-1] if scratch else copies)
    # the largest first: their Pagefind processes take longest
    run_all([(work, pages) for work, pages, _, rels in sorted(works, key=lambda work: -len(work[3]))])
    entries: dict[str, dict] = {}
    for work, _, folder, _ in works:
        out = output / folder
        part = json.loads((work / "out" / "pagefind-entry.json").read_text(encoding="utf-8"))
        entry = entries.get(folder, {})
        entries[folder] = {**part, "languages": {**entry.get("languages", {}), **part["languages"]}}
        # a shard keeps its index files only: the primary index's script, worker and WebAssembly serve every index
        move_tree(work / "out", out, keep=(lambda name: name.endswith((".pf_meta", ".json"))) if folder else None)
    for folder, entry in entries.items():
        (output / folder / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    manifest: dict[str, list] = {}
    for (lang, folder), (group, _) in indexes.items():
        manifest.setdefault(lang, []).append([folder, group])
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def move_tree(source: Path, target: Path, keep: Callable[[str], bool] | None = None) -> None:
    """Move the files under `source` to the same paths under `target`, replacing files of the same name
    (renamed, or copied where `target` is on another file system); `keep`, if given, says which of
    the files directly in `source` to move (by name), the others are left."""
    for folder, _, files in os.walk(source):
        to = target / Path(folder).relative_to(source)
        to.mkdir(parents=True, exist_ok=True)
        for name in files:
            if keep is None or folder != str(source) or keep(name):
                try:
                    os.replace(Path(folder) / name, to / name)
                except OSError:
                    shutil.copyfile(Path(folder) / name, to / name)


def pagefind_command() -> list[str]:
    """The Pagefind CLI: its binary, found once as `python -m pagefind` finds it (without starting Python per index)."""
    from pagefind.service import get_executable

    binary = get_executable()
    return [str(binary)] if binary is not None else [sys.executable, "-m", "pagefind"]


def run_all(works: list[tuple[Path, Path]]) -> None:
    """Run Pagefind in each work folder on its pages' folder (writing its configuration, pagefind.json,
    which it reads there; its output goes to out/), at most one process per core at once, in turn; as
    each process ends, `rechunk` its output and remove the pages."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    slots = threading.BoundedSemaphore(cores)

    command = pagefind_command()

    def run(work: Path, pages: Path) -> int:
        try:
            code = subprocess.run([*command, "--silent"], cwd=work, check=False).returncode
        finally:
            slots.release()
        if code == 0:  # after the slot is free: the next process indexes meanwhile
            rechunk(work / "out")
            shutil.rmtree(pages, ignore_errors=True)
        return code

    with ThreadPoolExecutor(max_workers=len(works) or 1) as pool:
        runs = []
        for work, pages in works:
            work.mkdir(parents=True, exist_ok=True)
            config = {"site": str(pages), "output_path": str(work / "out"), "exclude_selectors": EXCLUDE}
            (work / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
            slots.acquire()  # here, so the processes start in the order of `works`
            runs.append(pool.submit(run, work, pages))
        codes = [done.result() for done in runs]
    failed = [str(work) for (work, _), code in zip(works, codes, strict=True) if code != 0]
    if failed:
        raise SystemExit(f"pagefind failed for {', '.join(failed)}")


# ---------------------------------------------------------------- index chunks

def rechunk(out: Path) -> None:
    """Cut each language's word index in `out` (one Pagefind output) into chunks anew, by the bytes
    of its words' entries (CHUNK_BYTES), and rewrite the chunk list of the language's metadata, its
    name and pagefind-entry.json to match.

    Pagefind closes a chunk by counting the pages and positions of a word's unmarked form only, so
    Vietnamese syllables, which mostly carry marks, count for nothing: a chunk gathered a dozen
    syllables that are each on every page, and a query downloaded them all. The words' entries are
    moved as Pagefind encoded them (CBOR, page numbers delta-encoded per word); only the chunk
    files, the chunk list (first and last word of each chunk, shortened against the neighbours as
    Pagefind does, and the file's hash) and the metadata's name are new, all derived from content."""
    entry_path = out / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = out / f"pagefind.{info['hash']}.pf_meta"
        meta = read_pagefind(meta_path)
        fields, _ = cbor_items(meta, len(PAGEFIND_HEADER))  # MetaIndex: version, pages, index_chunks, …
        chunks_start, chunks_end = fields[2]
        words: list[tuple[str, bytes]] = []
        for ref in cbor_decode(meta[chunks_start:chunks_end]):
            chunk_path = out / "index" / f"{ref[2]}.pf_index"
            chunk = read_pagefind(chunk_path)
            major, fields, at = cbor_arg(chunk, len(PAGEFIND_HEADER))  # WordIndex: words
            if major != 4 or not fields:
                raise ValueError(f"{chunk_path}: not a word index")
            entries, end = word_entries(chunk, at)
            if fields == 1 and end != len(chunk):
                raise ValueError(f"{chunk_path}: word entries end at {end} of {len(chunk)} bytes")
            words += [(cbor_decode(chunk, cbor_arg(chunk, start)[2]), chunk[start:end]) for start, end in entries]
            chunk_path.unlink()
        groups: list[list[tuple[str, bytes]]] = [[]]
        size = 0
        for word in words:
            if groups[-1] and (size >= CHUNK_BYTES or len(word[1]) >= CHUNK_BYTES):
                groups.append([])
                size = 0
            groups[-1].append(word)
            size += len(word[1])
        refs = chunk_bounds([(group[0][0], group[-1][0]) for group in groups if group])
        names: set[str] = set()
        for ref, group in zip(refs, [g for g in groups if g], strict=True):
            body = b"\x81" + cbor_head(4, len(group)) + b"".join(raw for _, raw in group)
            ref[2] = short_hash(lang, body, names)
            write_pagefind(out / "index" / f"{ref[2]}.pf_index", body)
        listing = cbor_head(4, len(refs)) + b"".join(
            cbor_head(4, 3) + b"".join(cbor_text(text) for text in ref) for ref in refs)
        new_meta = meta[len(PAGEFIND_HEADER):chunks_start] + listing + meta[chunks_end:]
        meta_path.unlink()
        info["hash"] = short_hash(lang, new_meta, set())
        write_pagefind(out / f"pagefind.{info['hash']}.pf_meta", new_meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def chunk_bounds(bounds: list[tuple[str, str]]) -> list[list[str]]:
    """[from, to, hash] per chunk, as Pagefind's `chunk_meta`: each boundary between neighbours is
    shortened to the shortest prefixes that still tell the two words apart (the browser picks a
    query word's chunks by these bounds, prefixes included)."""
    refs = [[first, last, ""] for first, last in bounds]
    for left, right in itertools.pairwise(refs):
        common = 0
        for a, b in zip(right[0], left[1], strict=False):
            if a != b:
                break
            common += 1
        to, start = left[1][:common + 1], right[0][:common + 1]
        if to >= left[0]:
            left[1] = to
        right[0] = start
    return refs


def short_hash(lang: str, body: bytes, taken: set[str]) -> str:
    """A file's name from its content, as Pagefind names them ("vi_" and 7 hex digits), longer on a clash."""
    full = f"{lang}_{hashlib.sha256(body).hexdigest()}"
    length = len(lang) + 8
    while full[:length] in taken and length < len(full):
        length += 1
    taken.add(full[:length])
    return full[:length]


def read_pagefind(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(PAGEFIND_HEADER):
        raise SystemExit(f"{path}: not a Pagefind file")
    return data


def write_pagefind(path: Path, body: bytes) -> None:
    """gzip with no time or name in its header, so the same content gives the same bytes."""
    path.write_bytes(gzip.compress(PAGEFIND_HEADER + body, compresslevel=9, mtime=0))


def cbor_head(major: int, value: int) -> bytes:
    """A CBOR head (major type and argument) in its shortest form."""
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise ValueError(value)


def cbor_text(text: str) -> bytes:
    raw = text.encode("utf-8")
    return cbor_head(3, len(raw)) + raw


def cbor_arg(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, offset after the head) of the CBOR item at `at`."""
    major, info = data[at] >> 5, data[at] & 31
    if info < 24:
        return major, info, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


#: A run of CBOR one-byte integers (0…23, -1…-24).
SMALL_INTS = re.compile(rb"[\x00-\x17\x20-\x37]*")


def cbor_skip(data: bytes, at: int) -> int:
    """The offset after the CBOR item at `at` (the definite-length types Pagefind writes). Iterative:
    a word's entry holds thousands of small integers."""
    pending = 1
    while pending:
        pending -= 1
        head = data[at]
        if head < 0x18 or 0x20 <= head < 0x38:  # small unsigned or negative integer: the common case
            at += 1
            continue
        major, value, at = cbor_arg(data, at)
        if major in (2, 3):
            at += value
        elif major == 4:  # an array: its leading one-byte integers (most of a word's positions) at once
            run = SMALL_INTS.match(data, at, at + value).end() - at
            at += run
            pending += value - run
        elif major == 5:
            pending += 2 * value
        elif major == 7 and value not in range(20, 24):
            raise ValueError(f"CBOR item {major}/{value} not expected here")
    return at


def cbor_items(data: bytes, at: int, item_end: Callable[[bytes, int], int] | None = None) -> tuple[list[tuple[int, int]], int]:
    """The (start, end) offsets of the items of the CBOR array at `at`, and the offset after it; each
    item's end is found by `item_end` (default `cbor_skip`)."""
    major, count, at = cbor_arg(data, at)
    if major != 4:
        raise ValueError(f"expected a CBOR array at {at}")
    item_end = item_end or cbor_skip
    items = []
    for _ in range(count):
        end = item_end(data, at)
        items.append((at, end))
        at = end
    return items, at


#: One CBOR integer, of any size.
CBOR_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38][\s\S]|[\x19\x39][\s\S]{2}|[\x1a\x3a][\s\S]{4}|[\x1b\x3b][\s\S]{8})"
#: A CBOR array of integers: its head, then every integer that follows (possessive: the run is never
#: cut short). Where such an array is followed by an item other than an integer, as in ENTRY_PAGE,
#: that run is exactly the array's items.
CBOR_INTS = rb"(?:[\x80-\x97]|\x98[\s\S]|\x99[\s\S]{2}|\x9a[\s\S]{4})" + CBOR_INT + rb"*+"
#: A page in a word's entry as Pagefind writes it: [page number, [positions], [positions in metadata]].
ENTRY_PAGE = rb"\x83" + CBOR_INT + CBOR_INTS + CBOR_INTS


@functools.cache
def entry_pages(count: int) -> re.Pattern[bytes]:
    """The pattern of `count` pages (ENTRY_PAGE) one after the other."""
    return re.compile(rb"(?:%s){%d}" % (ENTRY_PAGE, count))


def pages_end(data: bytes, at: int, count: int) -> int:
    """The offset after `count` pages (ENTRY_PAGE) at `at`, else -1; matched by the patterns of
    powers of two (`entry_pages`) that add up to `count`, so that few patterns are ever compiled."""
    # a page matches in one way only (each item's first byte says its length), so the runs can be matched in turn
    while count and at >= 0:
        run = 1 << (count.bit_length() - 1)
        at = match.end() if (match := entry_pages(run).match(data, at)) else -1
        count -= run
    return at


def word_entries(data: bytes, at: int) -> tuple[list[tuple[int, int]], int]:
    """`cbor_items` of the array of word entries at `at` (a WordIndex's words), found by `word_end`
    where an entry has the shape Pagefind writes, else by `cbor_skip`."""
    return cbor_items(data, at, lambda data, at: end if (end := word_end(data, at)) >= 0 else cbor_skip(data, at))


def word_end(data: bytes, at: int) -> int:
    """The offset after the word entry at `at` if it has the shape Pagefind writes, [word, pages,
    [[variant, pages], …]] with pages as ENTRY_PAGE, else -1."""
    if data[at] != 0x83 or (at := text_pages_end(data, at + 1)) < 0:
        return -1
    major, variants, at = cbor_arg(data, at)
    if major != 4:
        return -1
    for _ in range(variants):
        if data[at] != 0x82 or (at := text_pages_end(data, at + 1)) < 0:
            return -1
    return at


def text_pages_end(data: bytes, at: int) -> int:
    """The offset after a word or variant at `at` and the array of its pages, else -1. The pages are
    matched by patterns (`pages_end`), not item by item: they are most of an entry's bytes."""
    major, size, at = cbor_arg(data, at)
    if major != 3:
        return -1
    major, count, at = cbor_arg(data, at + size)
    if major != 4:
        return -1
    return pages_end(data, at, count)


def cbor_decode(data: bytes, at: int = 0):
    """The CBOR item at `at`, decoded (integers, text, arrays: enough for words and chunk lists)."""
    major, value, after = cbor_arg(data, at)
    if major == 0:
        return value
    if major == 1:
        return -1 - value
    if major == 3:
        return data[after:after + value].decode("utf-8")
    if major == 4:
        items, _ = cbor_items(data, at)
        return [cbor_decode(data, start) for start, _ in items]
    raise ValueError(f"CBOR item {major} not expected here")


def page_lang(html: str) -> str:
    return m[1] if (m := LANG.search(html)) else "unknown"


@contextlib.contextmanager
def scratch_for(size: int, name: str) -> Iterator[Path | None]:
    """A temporary folder in memory (SCRATCH) for the copies Pagefind reads, `size` bytes in all, removed
    on leaving; None (the copies go beside the site) when there is no such file system or it has not
    SCRATCH_ROOM times that room free."""
    try:
        stat = os.statvfs(SCRATCH)
    except OSError:
        stat = None
    if stat is None or stat.f_bavail * stat.f_frsize < SCRATCH_ROOM * size or not os.access(SCRATCH, os.W_OK):
        yield None
        return
    with tempfile.TemporaryDirectory(prefix=f".{name}-search-pages-", dir=SCRATCH) as folder:
        yield Path(folder)


def index_site(site: Path) -> dict[str, int]:
    """Index a built site; return the number of pages indexed, in all and per language."""
    site = site.resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}: no built site here (run mkdocs build first)")
    # beside the site, so on its file system: outputs are moved into it by renaming
    with tempfile.TemporaryDirectory(prefix=f".{site.name}-search-", dir=site.parent) as tmp:
        stale = Path(tmp) / "stale"  # the previous build's index, removed while this one is made
        with contextlib.suppress(FileNotFoundError):
            (site / OUTPUT).rename(stale)
        pages = site_pages(site)
        keys = [(rel, lang, first) for rel, lang, first, _ in pages]
        # a thread, as removing files waits on the disk, not a core; started once `site_pages`'s forked
        # workers are done, since forking beside a running thread is unsafe
        remover = threading.Thread(target=shutil.rmtree, args=(stale, True))
        remover.start()
        copies = {rel: copy for rel, _, _, copy in pages}
        del pages
        try:
            with scratch_for(sum(map(len, copies.values())), site.name) as scratch:
                index(site, Path(tmp), keys, functools.partial(write_pages, pages=copies), scratch)
        finally:
            remover.join()
    for name in UNUSED:
        (site / OUTPUT / name).unlink(missing_ok=True)
    counts: dict[str, int] = {"pages": len(keys)}
    for _, lang, _ in keys:
        counts[lang] = counts.get(lang, 0) + 1
    return counts
