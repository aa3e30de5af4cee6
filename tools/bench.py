#!/usr/bin/env python3
"""Build benchmark: the real pipeline on a synthetic archive of N events, beside Hugo.

    python tools/bench.py                      # N = 100, 1000, 3000
    python tools/bench.py --sizes 1000 3000    # (make bench N="1000 3000")

For each N: writes a synthetic corpus in our data format (tools/synth.py), then, in a
temporary copy of the project, runs `make site`'s scripts/build_site.py, the whole build in
one command as `make site` runs it; the build's own marks (`--times`) split it into the
generator, MkDocs (one process per language at the same time, with the link-preview cards
drawn meanwhile, then the merge, the cards and the sitemap) and the search indexer.
In the same run
Hugo builds the same generated Markdown pages with minimal templates. Each step runs
`--repeats` times (fewer for large N, said in the output); medians are printed.

Measured: wall seconds and CPU seconds (user+sys of the process tree: readable when other
work shares the machine) of the build and of each step, peak resident memory of the build's
largest process. Per site: pages, size,
median and largest HTML page, for each query of QUERIES the bytes a first search downloads
and the time from typing to results after it (tools/search_probe.py in headless
Chromium), files a second generator run with
no change rewrites, and edit to preview: seconds from saving one event file while the live
preview (scripts/serve.py) runs to its rebuilt page being served, median of 5 edits, beside
`hugo server` given the same kind of edit (tools/edit_probe.py). Each size ends with a line a script can read:

    RESULT n=<N> total_s=<ours> hugo_s=<peer> ratio=<ours/peer> median_page_kb=<KB>
           search_first_query_kb=<KB> search_ms=<ms> search_index_s=<s> noop_rewrites=<files>
           gen_s=<s> edit_preview_s=<s> hugo_edit_s=<s> peak_mb=<MB>

(one line; the search figures are the worst of the first queries in QUERIES, both languages).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from edit_probe import hugo_edits, preview_edits  # noqa: E402
from synth import write_corpus  # noqa: E402

PROJECT_PARTS = ("digest", "hooks", "overrides", "templates", "scripts", "mkdocs.yml")
HUGO = "/usr/bin/hugo"
#: First queries probed per language (the worst is the figure that counts against the budget): topics,
#: names and places typed with and without marks, and queries made of the commonest syllables and words
#: of event pages, which match nearly every event ("công nghiệp", "doanh nghiệp", "phát triển", "tổ chức"
#: are on most pages of both the synthetic corpus and the real data; "industrial parks", "green
#: transition", "businesses" on most English pages), so they make Pagefind score the most pages.
QUERIES = {
    "vi": ("/", ("năng lượng tái tạo", "khu cong nghiep sinh thai", "phạm quốc đăng", "hai phong",
                 "công nghiệp", "doanh nghiệp", "phát triển", "tổ chức")),
    "en": ("/en/", ("renewable energy", "eco-industrial parks", "Haiphong", "industrial parks", "green transition", "businesses")),
}
#: Edit to preview (median of 5 edits), by number of events; peak memory of any step at 3,000 events.
EDIT_PREVIEW_S = {1000: 2.0, 3000: 3.0}
PEAK_MB = {3000: 600.0}
TARGETS = {"ratio": 10.0, "growth": 3.3, "generator_s": 2.0, "median_page_kb": 60.0,
           "search_kb": 300.0, "search_ms": 150.0, "search_index_s": 10.0}


@dataclass
class Step:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float, rss_mb: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.rss_mb.append(rss_mb)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def run_tracked(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, float]:
    """Run a command to completion: (wall s, CPU s of its process tree, peak RSS MB of its largest process), from os.wait4.
    The disk is synced first, so writing back what the previous step left (a copied project, a removed run) is
    not counted against this one."""
    os.sync()
    start = time.perf_counter()
    # The synthetic corpus cites no real article: the team's archive (NZD_ARCHIVE) is not its archive.
    base = {key: value for key, value in os.environ.items() if key != "NZD_ARCHIVE"}
    proc = subprocess.Popen(command, cwd=cwd, env={**base, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read() if proc.stdout else b""
    _, status, rusage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(output.decode(errors="replace")[-6000:])
        raise SystemExit(f"bench: {' '.join(command[:4])}... failed with exit status {proc.returncode}")
    return wall, rusage.ru_utime + rusage.ru_stime, rusage.ru_maxrss / 1024


def make_project(dest: Path, data: Path) -> Path:
    """A temporary copy of the project layout whose data/ is the synthetic corpus."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    (dest / "data").symlink_to(data)
    return dest


def hugo_site(dest: Path, docs: Path) -> Path:
    """The generated Markdown of both languages as a Hugo site with minimal templates."""
    for lang in ("vi", "en"):
        for md in (docs / lang).rglob("*.md"):
            rel = md.relative_to(docs / lang)
            if rel.name == "index.md":
                rel = rel.with_name("_index.md")
            target = dest / "content" / lang / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(md, target)
    (dest / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Net Zero Vietnam Digest"\ndefaultContentLanguage = "vi"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "robotsTXT"]\n'
        '[languages.vi]\ncontentDir = "content/vi"\nweight = 1\nlanguageName = "Tiếng Việt"\n'
        '[languages.en]\ncontentDir = "content/en"\nweight = 2\nlanguageName = "English"\n'
        '[markup.goldmark.renderer]\nunsafe = true\n', encoding="utf-8")
    layouts = dest / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(
        '<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>'
        '<meta name="description" content="{{ .Description }}"></head><body><header><a href="{{ "" | relLangURL }}">{{ .Site.Title }}</a>'
        '{{ range .Translations }} <a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</header>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n', encoding="utf-8")
    for name in ("single.html", "list.html"):
        (layouts / name).write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n', encoding="utf-8")
    return dest


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def site_stats(site: Path) -> dict:
    html = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("pagefind/"))
    sizes = [s for s, _ in html]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"pages": len(html), "site_mb": total / 1e6, "median_kb": statistics.median(sizes) / 1024,
            "max_kb": html[-1][0] / 1024, "largest": [f"{rel} ({size / 1024:.0f} KB)" for size, rel in html[-3:][::-1]]}


def search_figures(site: Path) -> dict[str, dict]:
    """Per language, each query of QUERIES in headless Chromium (tools/search_probe.py):
    {"queries": [(query, KB of a first query, ms typing to results after it, results)], "kb": worst, "ms": worst}."""
    try:
        from playwright.sync_api import sync_playwright
        from search_probe import CHROMIUM, CHROMIUM_ARGS, probe, serve
    except ImportError as exc:
        return {lang: {"queries": [], "error": str(exc)} for lang in QUERIES}
    out: dict[str, dict] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for lang, (path, queries) in QUERIES.items():
                rows: list[tuple[str, float, float, int]] = []
                error = ""
                for query in queries:
                    try:
                        found = probe(base, path, query, repeats=5, browser=browser)
                    except Exception as exc:  # the probe needs the site's search UI; report, don't stop the benchmark
                        error = f"{query}: {type(exc).__name__}"
                        continue
                    rows.append((query, found["bytes"] / 1024, found["ms"], found["count"]))
                out[lang] = {"queries": rows, "error": error}
                if rows and not error:
                    out[lang].update(kb=max(r[1] for r in rows), ms=max(r[2] for r in rows))
        finally:
            browser.close()
    return out


def bench_size(n: int, repeats: int, workdir: Path, python: str, log) -> dict:
    corpus = workdir / f"corpus-{n}" / "data"
    t = time.perf_counter()
    write_corpus(corpus, n)
    log(f"  corpus: {n} events written in {time.perf_counter() - t:.1f} s")
    steps = {name: Step() for name in ("generator", "mkdocs", "search", "total", "hugo")}
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    hugo_dir = None
    last = None
    for r in range(repeats):
        proj = make_project(workdir / f"run-{n}-{r}", corpus)
        times = proj / "times.json"
        total = run_tracked([python, "scripts/build_site.py", "--quiet", "--site", str(proj / "site"), "--times", str(times)], proj, env)
        split = json.loads(times.read_text())
        gen, mk, se = ((split[name]["wall"], split[name]["cpu"]) for name in ("pages", "mkdocs", "search"))
        steps["generator"].add(*gen, total[2])
        steps["mkdocs"].add(*mk, total[2])
        steps["search"].add(*se, total[2])
        steps["total"].add(*total)
        if hugo_dir is None:
            hugo_dir = hugo_site(workdir / f"hugo-{n}", proj / "docs")
        out = workdir / f"hugo-{n}-public-{r}"
        steps["hugo"].add(*run_tracked([HUGO, "--quiet", "--source", str(hugo_dir), "--destination", str(out)], hugo_dir))
        shutil.rmtree(out, ignore_errors=True)
        log(f"  run {r + 1}/{repeats}: generator {gen[0]:.2f} s, mkdocs {mk[0]:.2f} s, search {se[0]:.2f} s, hugo {steps['hugo'].wall[-1]:.2f} s")
        if last is not None:
            shutil.rmtree(last, ignore_errors=True)
        last = proj
    assert last is not None
    stats = site_stats(last / "site")
    before = snapshot(last / "docs")
    noop = run_tracked([python, "scripts/build_pages.py", "--data", str(last / "data"), "--docs", str(last / "docs")], last, env)
    after = snapshot(last / "docs")
    rewrites = sum(1 for rel, sig in after.items() if before.get(rel) != sig) + len(set(before) - set(after))
    # edit to preview: one event file saved at a time while scripts/serve.py runs; Hugo's server beside it
    (last / "data").unlink()
    shutil.copytree(corpus, last / "data")
    preview = preview_edits(last)
    log(f"  edit to preview: {', '.join(f'{t:.2f}' for t in preview['edits_s'])} s (preview started in {preview['start_s']:.0f} s; "
        f"lists and entity pages up to date {preview['settled_s']:.1f} s after the last edit)")
    hugo_edit = hugo_edits(hugo_dir)
    log(f"  hugo server, same kind of edit: {', '.join(f'{t:.2f}' for t in hugo_edit['edits_s'])} s")
    search = search_figures(last / "site")
    shutil.rmtree(last, ignore_errors=True)
    shutil.rmtree(workdir / f"corpus-{n}", ignore_errors=True)
    shutil.rmtree(hugo_dir, ignore_errors=True)
    return {"n": n, "repeats": repeats, "steps": steps, "stats": stats, "noop_s": noop[0], "noop_rewrites": rewrites,
            "preview": preview, "hugo_edit": hugo_edit, "search": search}


def machine() -> str:
    mem = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    hugo = subprocess.run([HUGO, "version"], capture_output=True, text=True, check=False).stdout.split(" ")[0:2]
    return f"{cores} cores ({cpu}), {mem} memory, Python {platform.python_version()}, {' '.join(hugo)}, load average {os.getloadavg()[0]:.1f} at start"


def worst(search: dict, lang: str, key: str) -> str:
    """The worst figure of a language's queries, or n/a."""
    figures = search.get(lang, {})
    return f"{figures[key]:.0f}" if key in figures else "n/a"


def report(results: list[dict], log) -> None:
    head = ("N", "runs", "gen s", "mkdocs s", "search s", "total s", "(cpu s)", "hugo s", "ratio", "peak MB", "pages", "site MB",
            "median KB", "max KB", "search KB vi/en", "search ms vi/en", "noop rewrites")
    rows = []
    for r in results:
        s, st = r["steps"], r["stats"]
        search = r["search"]
        rows.append((str(r["n"]), str(r["repeats"]), f"{s['generator'].median:.2f}", f"{s['mkdocs'].median:.2f}", f"{s['search'].median:.2f}",
                     f"{s['total'].median:.2f}", f"{s['total'].median_cpu:.1f}", f"{s['hugo'].median:.2f}", f"{s['total'].median / s['hugo'].median:.1f}",
                     f"{max(s['total'].rss_mb):.0f}", str(st["pages"]), f"{st['site_mb']:.1f}", f"{st['median_kb']:.1f}", f"{st['max_kb']:.0f}",
                     f"{worst(search, 'vi', 'kb')}/{worst(search, 'en', 'kb')}", f"{worst(search, 'vi', 'ms')}/{worst(search, 'en', 'ms')}",
                     str(r["noop_rewrites"])))
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    log("")
    log(" | ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)))
    log("-+-".join("-" * w for w in widths))
    for row in rows:
        log(" | ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    log("")
    log("medians of the runs; total = the whole `make site` build (scripts/build_site.py, one command), split by its own marks into generator, MkDocs and search indexing; ratio = total / Hugo (same pages, minimal templates);")
    log("(cpu s) = user+sys CPU seconds of the total, peak MB = largest resident set of any process of the build;")
    log("search KB / ms = the worst first query of each language: bytes on the wire (gzip) and typing-to-results time after it")
    for r in results:
        st = r["stats"]
        log(f"N={r['n']}: largest pages: {', '.join(st['largest'])}")
        log(f"N={r['n']}: second run with no change: {r['noop_s']:.2f} s, {r['noop_rewrites']} files rewritten; "
            f"edit to preview (median of {len(r['preview']['edits_s'])}): {r['preview']['median_s']:.2f} s, whole preview up to date "
            f"{r['preview']['settled_s']:.1f} s after the last; hugo server {r['hugo_edit']['median_s']:.2f} s")
    log("")
    log("search, first query on a fresh page (KB on the wire with gzip; ms typing to results after that load, median of 5; results):")
    for r in results:
        for lang, figures in r["search"].items():
            shown = ", ".join(f"“{q}” {kb:.0f} KB {ms:.0f} ms ({count})" for q, kb, ms, count in figures["queries"])
            log(f"  N={r['n']} {lang}: {shown}{'; ' + figures['error'] if figures.get('error') else ''}")
    by_n = {r["n"]: r for r in results}
    log("")
    log("targets:")
    for n in (1000, 3000):
        if n in by_n:
            r = by_n[n]
            ratio = r["steps"]["total"].median / r["steps"]["hugo"].median
            log(f"  {n:,} events within {TARGETS['ratio']:.0f}x Hugo: {ratio:.1f}x -> {'met' if ratio <= TARGETS['ratio'] else 'NOT met'}")
            edit = r["preview"]["median_s"]
            log(f"  edit to preview <= {EDIT_PREVIEW_S[n]:.0f} s at {n:,} events: {edit:.2f} s (hugo server {r['hugo_edit']['median_s']:.2f} s) -> "
                f"{'met' if edit <= EDIT_PREVIEW_S[n] else 'NOT met'}")
            if n in PEAK_MB:
                peak = max(r["steps"]["total"].rss_mb)
                log(f"  peak memory <= {PEAK_MB[n]:.0f} MB at {n:,} events: {peak:.0f} MB -> {'met' if peak <= PEAK_MB[n] else 'NOT met'}")
    if 1000 in by_n:
        r = by_n[1000]
        gen = r["steps"]["generator"].median
        log(f"  generator <= {TARGETS['generator_s']} s at 1,000 events: {gen:.2f} s -> {'met' if gen <= TARGETS['generator_s'] else 'NOT met'}")
    if 1000 in by_n and 3000 in by_n:
        growth = by_n[3000]["steps"]["total"].median / by_n[1000]["steps"]["total"].median
        log(f"  t(3,000)/t(1,000) <= {TARGETS['growth']}: {growth:.2f} -> {'met' if growth <= TARGETS['growth'] else 'NOT met'}")
    for n in (1000, 3000):  # issue 14: search within budget at 3,000 events too
        if n not in by_n:
            continue
        for lang, figures in by_n[n]["search"].items():
            kb, ms = figures.get("kb"), figures.get("ms")
            log(f"  search at {n:,} events, {lang}: first query <= {TARGETS['search_kb']:.0f} KB: "
                + (f"{kb:.0f} KB -> {'met' if kb <= TARGETS['search_kb'] else 'NOT met'}" if kb is not None else "n/a -> NOT met")
                + f"; typing to results <= {TARGETS['search_ms']:.0f} ms: "
                + (f"{ms:.0f} ms -> {'met' if ms <= TARGETS['search_ms'] else 'NOT met'}" if ms is not None else "n/a -> NOT met"))
    if 1000 in by_n:
        r = by_n[1000]
        index_s = r["steps"]["search"].median
        log(f"  search indexing <= {TARGETS['search_index_s']:.0f} s at 1,000 events: {index_s:.2f} s -> {'met' if index_s <= TARGETS['search_index_s'] else 'NOT met'}")
    if 1000 in by_n and 3000 in by_n:
        index_growth = by_n[3000]["steps"]["search"].median / by_n[1000]["steps"]["search"].median
        log(f"  search indexing t(3,000)/t(1,000) <= {TARGETS['growth']}: {index_growth:.2f} -> {'met' if index_growth <= TARGETS['growth'] else 'NOT met'}")
    for r in results:
        st = r["stats"]
        log(f"  N={r['n']}: median page {st['median_kb']:.1f} KB <= {TARGETS['median_page_kb']:.0f} KB -> {'met' if st['median_kb'] <= TARGETS['median_page_kb'] else 'NOT met'}; "
            f"no-change rewrites {r['noop_rewrites']} -> {'met' if r['noop_rewrites'] == 0 else 'NOT met'}")
    if len(results) > 1:
        first, last = results[0], results[-1]
        grew = last["stats"]["max_kb"] / first["stats"]["max_kb"]
        log(f"  largest page {first['stats']['max_kb']:.0f} KB at N={first['n']} -> {last['stats']['max_kb']:.0f} KB at N={last['n']} "
            f"(x{grew:.1f}) -> {'no page grows with N' if grew < 1.5 else 'NOT met: some page grows with N (see largest pages)'}")
    log("")
    for r in results:
        s, st, search = r["steps"], r["stats"], r["search"]
        kbs = [f["kb"] for f in search.values() if "kb" in f]
        mss = [f["ms"] for f in search.values() if "ms" in f]
        first_query = f"{max(kbs):.0f}" if len(kbs) == len(search) else "n/a"
        query_ms = f"{max(mss):.0f}" if len(mss) == len(search) else "n/a"
        log(f"RESULT n={r['n']} total_s={s['total'].median:.2f} hugo_s={s['hugo'].median:.2f} ratio={s['total'].median / s['hugo'].median:.1f} "
            f"median_page_kb={st['median_kb']:.1f} search_first_query_kb={first_query} search_ms={query_ms} "
            f"search_index_s={s['search'].median:.2f} noop_rewrites={r['noop_rewrites']} gen_s={s['generator'].median:.2f} "
            f"edit_preview_s={r['preview']['median_s']:.2f} hugo_edit_s={r['hugo_edit']['median_s']:.2f} peak_mb={max(s['total'].rss_mb):.0f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000], help="numbers of events (default: 100 1000 3000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per size up to 1,000 events (default 3)")
    parser.add_argument("--repeats-large", type=int, default=1, help="runs per size above 1,000 events (default 1: about 5 minutes each on 2 cores)")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a temporary folder, removed after)")
    args = parser.parse_args(argv)
    if not Path(HUGO).exists():
        print(f"bench: {HUGO} is missing (make bench installs Debian's hugo)", file=sys.stderr)
        return 2

    def log(line: str) -> None:
        print(line, flush=True)

    log(f"machine: {machine()}")
    results = []
    with tempfile.TemporaryDirectory(prefix="nzd-bench-", dir=args.workdir) as tmp:
        for n in args.sizes:
            repeats = args.repeats if n <= 1000 else args.repeats_large
            log(f"N={n}: {repeats} run(s){' (fewer runs above 1,000 events to keep the benchmark short)' if n > 1000 and repeats < args.repeats else ''}")
            results.append(bench_size(n, repeats, Path(tmp), sys.executable, log))
    report(results, log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
