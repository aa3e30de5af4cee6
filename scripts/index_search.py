#!/usr/bin/env python3
"""Build the site's search index with Pagefind: one chunked index per <html lang>.

    python scripts/index_search.py                 # index site/ into site/pagefind/
    python scripts/index_search.py --site DIR      # index another built site

What it does beyond plain `pagefind --site`:

- indexes only the article of each page: Pagefind reads a copy holding the page's
  `<html lang>` and Material's `<article>` (marked `data-pagefind-body`), leaving out the sidebar, header, footer,
  heading permalinks (¶) and source markers ([A, B]); list pages (home, events list)
  and the 404 page are left out, their text is the event pages' own;
- rewrites đ/Đ as d/D + U+0335 (`digest.fold.mark_stroke`) in that copy, so Pagefind's
  mark-stripping folds them and "dang" finds "Đăng" (the browser marks queries the same
  way and unmarks results for display);
- removes the Pagefind UI bundles the site does not use (its own UI lives in
  overrides/assets/javascripts/search.js).

The built HTML in the site folder is not modified. See ARCHITECTURE.md, "Search".
"""

from __future__ import annotations

import argparse
import json
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
#: Pages whose text repeats the event pages' (lists) or is not content (404), relative to the site.
SKIPPED = re.compile(r"^(?:[a-z]{2}/)?(?:index\.html|events/index\.html|404\.html)$")
#: Inside the article, what is not text of the page.
EXCLUDE = [".headerlink", ".nzd-cite", ".md-content__button", ".md-source-file", "script", "style"]
#: The article Material renders; the search index reads only this element.
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
#: The page's language, which picks its index.
LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')
#: Files Pagefind writes for its own UIs, which this site does not load.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


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
    article = html[start.start():end] + "</article>"
    article = article.replace(start[0], start[0] + " data-pagefind-body", 1)
    return f'<!doctype html><html lang="{lang[1]}"><head><meta charset="utf-8"></head><body>{mark_stroke(article)}</body></html>'


def pages(site: Path) -> list[tuple[str, str]]:
    """(path relative to the site, HTML prepared for the index) for every page to index."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(OUTPUT + "/") or SKIPPED.match(rel):
            continue
        prepared = prepare(path.read_text(encoding="utf-8"))
        if prepared:
            out.append((rel, prepared))
    return out


def build(site: Path, prepared: list[tuple[str, str]]) -> None:
    """Write the prepared copies to a temporary folder and run the Pagefind CLI on it.

    (The CLI indexes in parallel: 2,000 pages in seconds. Pagefind's Python service API,
    fed file by file, took minutes for the same pages.)"""
    with tempfile.TemporaryDirectory(prefix="nzd-search-") as tmp:
        pages_dir = Path(tmp) / "pages"
        for rel, html in prepared:
            target = pages_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        config = {"site": str(pages_dir), "output_path": str(site / OUTPUT), "exclude_selectors": EXCLUDE}
        (Path(tmp) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--silent"]
        subprocess.run(command, cwd=tmp, check=True)  # reads ./pagefind.json


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
        lang = m[1] if (m := LANG.search(html)) else "unknown"
        counts[lang] = counts.get(lang, 0) + 1
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
