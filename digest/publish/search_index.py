"""Search index: a built site → one chunked Pagefind index per <html lang> in <site>/pagefind/.

What is indexed is declared by the templates, not chosen here: a page is indexed when it carries
a `data-pagefind-body` element (overrides/main.html puts one around the article of every page whose
front matter does not exclude it from search; digest/pages/plan.py says which kinds do), and inside
it Pagefind leaves out what the templates mark `data-pagefind-ignore` (sources, related events,
citation, appearance tables), and the selectors of EXCLUDE (source markers). What this step adds:

- Pagefind reads a copy of each page in which đ/Đ are written as d/D + U+0335
  (`digest.fold.mark_stroke`), so its mark-stripping folds them and "dang" finds "Đăng" (the
  browser marks queries the same way and unmarks results for display); the built HTML is not modified;
- the index is cut into small chunks (`INDEX_CHUNK_SIZE`), so a first query downloads little
  more than its own words' entries;
- the Pagefind UI bundles the site does not use are removed (its UI is overrides/assets/javascripts/search.js).

See ARCHITECTURE.md, "Search".
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from digest.fold import mark_stroke

OUTPUT = "pagefind"
#: Markup inside the article that is not text of the page (our templates mark whole sections with
#: `data-pagefind-ignore`): heading permalinks (¶), the edit and source-file buttons, and the source
#: markers [A, B], which are many on a page and so are left out here rather than marked one by one.
EXCLUDE = [".headerlink", ".md-content__button", ".md-source-file", ".nzd-cite", "script", "style"]
#: The marker of a page to index (overrides/main.html); text on a page cannot contain it (`<` is escaped).
BODY = "<div data-pagefind-body"
#: Index chunk size, in Pagefind's units (one per page a word is on, plus one per occurrence).
#: A query downloads, whole, every chunk that holds one of its words, and Pagefind's default size
#: packs dozens of common Vietnamese syllables into one chunk (it counts only a word's unmarked
#: form). Pagefind reads the size from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE; a test fails if the
#: pinned Pagefind stops honouring it. Measurements: ARCHITECTURE.md, "Search".
INDEX_CHUNK_SIZE = 200
#: The page's language, which picks its index.
LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')
#: Files Pagefind writes for its own UIs, which this site does not load.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def prepare(html: str) -> str | None:
    """The copy of a page Pagefind reads, or None for a page not marked for the index: the page's
    `<html lang>` and its marked element (overrides/main.html closes it where the article ends),
    with đ/Đ written as d/D + U+0335. Pagefind would read only that element anyway; handing it
    nothing else spares it parsing the theme's header, navigation and footer."""
    start = html.find(BODY)
    lang = LANG.search(html)
    if start < 0 or not lang:
        return None
    end = html.find("</article>", start)
    body = html[start:end if end >= 0 else len(html)]
    return f'<!doctype html><html lang="{lang[1]}"><head><meta charset="utf-8"></head><body>{mark_stroke(body)}</body></html>'


def pages(site: Path) -> list[tuple[str, str]]:
    """(path relative to the site, HTML prepared for the index) for every page its template marked for indexing."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(OUTPUT + "/"):
            continue
        prepared = prepare(path.read_text(encoding="utf-8"))
        if prepared:
            out.append((rel, prepared))
    return out


def build(site: Path, prepared: list[tuple[str, str]]) -> None:
    """Index the prepared copies with the Pagefind CLI, one process per language at once,
    and merge their outputs into site/pagefind/.

    Pagefind builds its languages one after the other on about one core; one process per
    language uses the machine's cores. The outputs
    do not collide: every index, fragment and metadata file is named after its language,
    and pagefind-entry.json lists the languages, so the merged entry lists them all.
    (Pagefind's Python service API, fed file by file, was far slower.)"""
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
