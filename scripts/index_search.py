#!/usr/bin/env python3
"""Build the site's search index with Pagefind: one chunked index per <html lang>.

    python scripts/index_search.py                 # index site/ into site/pagefind/
    python scripts/index_search.py --site DIR      # index another built site

What it does beyond plain `pagefind --site`:

- indexes only the article of each page: Pagefind reads a copy holding the page's
  `<html lang>` and Material's `<article>` (marked `data-pagefind-body`), leaving out the sidebar, header, footer,
  heading permalinks (¶) and source markers ([A, B]); list pages (any page with pages
  below it: home, events/, people/...; and archive/) and the 404 page are left out,
  their text is the listed pages' own;
- rewrites đ/Đ as d/D + U+0335 (`digest.fold.mark_stroke`) in that copy, so Pagefind's
  mark-stripping folds them and "dang" finds "Đăng" (the browser marks queries the same
  way and unmarks results for display);
- cuts the index into small chunks (`INDEX_CHUNK_SIZE`), so a first query downloads little
  more than its own words' entries;
- removes the Pagefind UI bundles the site does not use (its own UI lives in
  overrides/assets/javascripts/search.js).

The built HTML in the site folder is not modified. See ARCHITECTURE.md, "Search".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.fold import mark_stroke  # noqa: E402

OUTPUT = "pagefind"
#: Pages left out besides list pages: the 404 page; the later pages of paginated lists, the
#: archive and the commitments table (their text is the listed pages' own); and the source-article
#: pages (their summaries restate their event's; indexing them made a first Vietnamese query
#: download 40% more at 1,000 events).
SKIPPED = re.compile(r"^(?:[a-z]{2}/)?(?:404\.html|(?:.+/)?page/\d+/index\.html|archive/.*|commitments/.*|sources/.*)$")
#: Inside the article, what is not text of the page.
EXCLUDE = [".headerlink", ".nzd-cite", ".nzd-cite-block", ".md-content__button", ".md-source-file", "script", "style"]
#: Sections of event pages not indexed (by heading id): the sources (their titles and
#: publishers are on the source pages), related events (other pages' titles), the citation
#: block (URLs), and on entity pages the table of appearances (titles of the events listed):
#: text that is not the page's own would make every event a hit for its neighbours' words.
DROPPED = ("sources", "related", "cite", "appears-in")
#: Index chunk size, in Pagefind's units (one per page a word is on, plus one per occurrence).
#: A query downloads, whole, every chunk that holds one of its words. Pagefind closes a chunk
#: at about 20,000 units by default, and it counts only the unmarked form of a word (measured:
#: the entry "cong" carries công, cộng, cổng... uncounted). Vietnamese syllables mostly carry
#: marks and recur on most pages, so a default chunk packed dozens of them: about 70 KB gzipped
#: at 1,000 events, one per query word. At 200 a chunk holds little more than the query's own
#: words: at 1,000 events a first Vietnamese query fell from 212-394 KB to 137-213 KB (with the
#: summaries indexed too); 100 and 50 gained nothing more. Pagefind reads the size from
#: PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE; tests/test_search_index.py fails if the pinned Pagefind
#: stops honouring it. See ARCHITECTURE.md, "Search".
INDEX_CHUNK_SIZE = 200
#: The article Material renders; the search index reads only this element.
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
#: The page's language, which picks its index.
LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')
#: Files Pagefind writes for its own UIs, which this site does not load.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def drop_sections(article: str) -> str:
    """Cut the sections whose text is elsewhere or is not the page's own (see DROPPED)."""
    for ident in DROPPED:
        begin = article.find(f'<h2 id="{ident}"')
        if begin < 0:
            continue
        ends = [i for i in (article.find("<h2 ", begin + 1), article.find('<div class="nzd-search-terms"', begin)) if i >= 0]
        article = article[:begin] + article[min(ends) if ends else len(article):]
    return article


def prepare(html: str) -> str | None:
    """The copy of a page Pagefind reads: its `<html lang>` and its article only, marked
    for indexing, with đ/Đ written as d/D + U+0335. None for a page without an article."""
    start = ARTICLE.search(html)
    lang = LANG.search(html)
    if not start or not lang:
        return None
    end = html.find("</article>", start.end())
    if end < 0:
        return None
    article = drop_sections(html[start.start():end]) + "</article>"
    article = article.replace(start[0], start[0] + " data-pagefind-body", 1)
    return f'<!doctype html><html lang="{lang[1]}"><head><meta charset="utf-8"></head><body>{mark_stroke(article)}</body></html>'


def is_list(path: Path) -> bool:
    """A page with pages below it (home, events/, people/...) lists them: its text is theirs."""
    return path.name == "index.html" and any(child.is_dir() and (child / "index.html").is_file() for child in path.parent.iterdir())


def pages(site: Path) -> list[tuple[str, str]]:
    """(path relative to the site, HTML prepared for the index) for every page to index."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(OUTPUT + "/") or SKIPPED.match(rel) or is_list(path):
            continue
        prepared = prepare(path.read_text(encoding="utf-8"))
        if prepared:
            out.append((rel, prepared))
    return out


def build(site: Path, prepared: list[tuple[str, str]]) -> None:
    """Index the prepared copies with the Pagefind CLI, one process per language at once,
    and merge their outputs into site/pagefind/.

    Pagefind builds its languages one after the other on about one core; one process per
    language uses the machine's cores (1,000 events on 2 cores: 10 s → 6 s). The outputs
    do not collide: every index, fragment and metadata file is named after its language,
    and pagefind-entry.json lists the languages, so the merged entry lists them all.
    (Pagefind's Python service API, fed file by file, took minutes for the same pages.)"""
    output = site / OUTPUT
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for rel, html in prepared:
        by_lang.setdefault(page_lang(html), []).append((rel, html))
    with tempfile.TemporaryDirectory(prefix="nzd-search-") as tmp:
        jobs = []
        for lang, lang_pages in sorted(by_lang.items()):
            work = Path(tmp) / lang
            for rel, html in lang_pages:
                target = work / "pages" / rel  # same relative path: Pagefind derives the URL from it
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8")
            config = {"site": str(work / "pages"), "output_path": str(work / "out"), "exclude_selectors": EXCLUDE}
            (work / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
            env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)}
            jobs.append((work, subprocess.Popen([sys.executable, "-m", "pagefind", "--silent"], cwd=work, env=env)))  # reads ./pagefind.json
        failed = [str(work) for work, job in jobs if job.wait() != 0]
        if failed:
            raise SystemExit(f"pagefind failed for {', '.join(failed)}")
        entry: dict = {}
        for work, _ in jobs:
            part = json.loads((work / "out" / "pagefind-entry.json").read_text(encoding="utf-8"))
            languages = {**entry.get("languages", {}), **part["languages"]}
            entry = {**part, "languages": languages}
            shutil.copytree(work / "out", output, dirs_exist_ok=True)
        (output / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def page_lang(html: str) -> str:
    return m[1] if (m := LANG.search(html)) else "unknown"


def index_site(site: Path) -> dict[str, int]:
    """Index a built site; return the number of pages indexed, in all and per language."""
    site = site.resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}: no built site here (run mkdocs build first)")
    shutil.rmtree(site / OUTPUT, ignore_errors=True)  # stale chunks of a previous build
    prepared = pages(site)
    build(site, prepared)
    for name in UNUSED:
        (site / OUTPUT / name).unlink(missing_ok=True)
    counts: dict[str, int] = {"pages": len(prepared)}
    for _, html in prepared:
        counts[page_lang(html)] = counts.get(page_lang(html), 0) + 1
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = index_site(args.site)
    if not args.quiet:
        langs = ", ".join(f"{n} {lang}" for lang, n in counts.items() if lang != "pages")
        print(f"search index: {counts['pages']} pages ({langs}) in {time.perf_counter() - start:.1f} s → {args.site / OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
