#!/usr/bin/env python3
"""Build everything into site/: pages, both languages at once, the files built once, the search index.

    python scripts/build_site.py                   # make site
    python scripts/build_site.py --site DIR        # build into another folder (tests, benchmark)
    python scripts/build_site.py --step mkdocs     # one step only: pages, mkdocs or search

Steps:

1. pages: scripts/build_pages.py writes docs/{vi,en}/ from data/ (only changed files).
2. mkdocs: one `mkdocs build --strict` process per language, at the same time (one core each),
   each into its own temporary folder beside the site folder (`NZD_BUILD_LANG=<lang>`, read by
   hooks/publication.py, which then builds that language only; `NZD_PAGES_FRESH=1`, so neither
   process regenerates docs/). The folders are then merged into the site folder: the default
   language's build is the site root, each other language adds its `<lang>/` folder and its 404
   page as `<lang>/404.html` (the theme files, `assets/`, are the same in every build). Then
   sitemap.xml (.gz) and robots.txt are written once for all languages (hooks/publication.py).
3. search: scripts/index_search.py indexes the merged site (Pagefind).

`mkdocs build` and `mkdocs serve` still build both languages in one process (previews); the
merged site is the same. See ARCHITECTURE.md, "Performance".
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.publication import write_sitemap  # noqa: E402

STEPS = ("pages", "mkdocs", "search")


def languages(config: Path) -> tuple[str, list[str], str]:
    """(default language, languages in their configured order, site_url) from the MkDocs configuration."""
    from mkdocs.utils.yaml import yaml_load

    with config.open(encoding="utf-8") as f:
        data = yaml_load(f)
    i18n = next(p["i18n"] for p in data["plugins"] if isinstance(p, dict) and "i18n" in p)
    langs = [lang["locale"] for lang in i18n["languages"] if lang.get("build", True)]
    default = next(lang["locale"] for lang in i18n["languages"] if lang.get("default"))
    return default, [default] + [lang for lang in langs if lang != default], data.get("site_url") or ""


def build_languages(config: Path, site: Path, env: dict[str, str], quiet: bool) -> None:
    """One MkDocs process per language at the same time, then merge their folders into `site`."""
    default, langs, site_url = languages(config)
    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))  # same file system: merging is renaming
    try:
        procs = {}
        for lang in langs:
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(work / lang)]
            if quiet:
                command.append("--quiet")
            procs[lang] = subprocess.Popen(command, cwd=ROOT, env={**env, "NZD_BUILD_LANG": lang, "NZD_PAGES_FRESH": "1"})
        failed = [lang for lang, proc in procs.items() if proc.wait() != 0]
        if failed:
            raise SystemExit(f"build_site: mkdocs build failed for {', '.join(failed)}")
        merged = work / default
        for lang in langs[1:]:
            built = work / lang
            shutil.rmtree(merged / lang, ignore_errors=True)
            (built / lang).rename(merged / lang)
            (built / "404.html").replace(merged / lang / "404.html")
        for name in ("sitemap.xml", "sitemap.xml.gz"):  # MkDocs's own, per build; replaced below by the one for all languages
            (merged / name).unlink(missing_ok=True)
        write_sitemap(merged, site_url, default, langs)
        if site.exists():  # like MkDocs: clear the folder but its hidden files
            for entry in site.iterdir():
                if not entry.name.startswith("."):
                    shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        else:
            site.mkdir()
        for entry in merged.iterdir():
            entry.rename(site / entry.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="output folder (default: site/)")
    parser.add_argument("-f", "--config", type=Path, default=ROOT / "mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--step", choices=STEPS, action="append", help="run only this step (repeatable; default: all, in order)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    args = parser.parse_args(argv)
    steps = args.step or list(STEPS)
    site, config = args.site.resolve(), args.config.resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    quiet = ["--quiet"] if args.quiet else []
    start = time.perf_counter()
    if "pages" in steps:
        subprocess.run([sys.executable, "scripts/build_pages.py", *quiet], cwd=ROOT, check=True, env=env)
    if "mkdocs" in steps:
        build_languages(config, site, env, args.quiet)
    if "search" in steps:
        subprocess.run([sys.executable, "scripts/index_search.py", "--site", str(site), *quiet], cwd=ROOT, check=True, env=env)
    if not args.quiet:
        print(f"build_site: {', '.join(steps)} in {time.perf_counter() - start:.1f} s -> {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
