"""The build: data → pages (`generate`) → one MkDocs build per language → `publish` → site/.

Used by the commands (scripts/build_pages.py, scripts/build_site.py) and the MkDocs hooks alike.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from digest import site
from digest.archive import for_build
from digest.load import Catalogue, load_catalogue
from digest.load.catalogue import EventCache
from digest.pages import render_each
from digest.pages.cards import all_cards
from digest.publish import CARD_CACHE, draw_cards, index_site, publish
from digest.write import Plan, commit, existing_files, stage

DATA = site.ROOT / "data"
DOCS = site.ROOT / "docs"
SITE = site.ROOT / "site"
#: Set for the MkDocs process of one language (build_site): the hook then builds that language
#: only, and does not generate docs/ again (build_site has just done it).
BUILD_LANG_ENV = "NZD_BUILD_LANG"
#: Another data folder for the MkDocs hook's `generate` (the fixture site of the tests).
DATA_ENV = "NZD_DATA"
STEPS = ("pages", "mkdocs", "search")
#: The folder beside docs/ where `generate` stages changed pages (then "<pid>-<random>").
STAGING_PREFIX = ".docs-staging-"


@dataclass
class Generated:
    """What `generate` produced and what writing it changes (or would change, with `write=False`)."""

    catalogue: Catalogue
    paths: list[str]
    changes: Plan


def archive_for(data: Path, say=print) -> Path | None:
    """The article archive to check `data` against (archive.for_build: NZD_ARCHIVE or the default place, for the project's own data)."""
    return for_build(None, site.ROOT, say, data)


def generate(data: Path = DATA, docs: Path = DOCS, *, write: bool = True, root: Path | None = None,
             archive: Path | None = None, cache: EventCache | None = None) -> Generated:
    """Load and validate data/ (against the articles in `archive`, when given), render every page, and
    write the changed files into docs/. Raises `DataErrors` (listing every problem) before anything is
    written. Errors name files relative to `root` (default: the data folder's parent).

    Pages are compared with docs/ as they are rendered, and the changed ones staged beside docs/;
    they replace their old versions only once every page has rendered, so docs/ is never left half
    updated, and no language's pages are all held in memory at once."""
    catalogue = load_catalogue(data, root or data.parent, archive, cache)
    docs.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=docs.parent)) if write else None
    # The staged files go into a folder of staging's own, made like docs/ would be: into an empty docs/
    # `commit` moves that folder whole.
    staged = staging / "docs" if staging is not None else None
    existing = existing_files(docs)
    try:
        parts = render_each(catalogue, lambda lang, files: stage(files, docs, staged, existing))
        paths = sorted(path for part_paths, _ in parts for path in part_paths)
        changes = Plan(sorted(rel for _, part in parts for rel in part.create), sorted(rel for _, part in parts for rel in part.update),
                       sorted(existing - set(paths)))
        if staged is not None:
            commit(staged, docs, changes)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return Generated(catalogue, paths, changes)


def build_languages(config: Path, work: Path, quiet: bool, meanwhile: Callable[[], object] | None = None) -> dict[str, Path]:
    """`mkdocs build --strict` once per language, all at once (one core each), each into its own
    folder under `work`, running `meanwhile` in this process as they build; returns {language: folder}."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    procs, built = {}, {}
    for lang in site.LANGUAGES:
        built[lang] = work / lang
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(built[lang])]
        if quiet:
            command.append("--quiet")
        procs[lang] = subprocess.Popen(command, cwd=site.ROOT, env={**env, BUILD_LANG_ENV: lang})
    try:
        if meanwhile is not None:
            meanwhile()
    finally:
        failed = [lang for lang, proc in procs.items() if proc.wait() != 0]
    if failed:
        raise SystemExit(f"build: mkdocs build failed for {', '.join(failed)}")
    return built


class StepTimes(dict):
    """Wall and CPU seconds (this process and its children, user and system) of each step of a build:
    {step: (wall, cpu)}. The benchmark times the whole build and reads the split from here."""

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), _cpu()
        try:
            yield
        finally:
            self[name] = (time.perf_counter() - wall, _cpu() - cpu)


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_site(site_dir: Path = SITE, config: Path = site.MKDOCS_CONFIG, steps: tuple[str, ...] = STEPS, quiet: bool = False,
               times: StepTimes | None = None) -> None:
    """`make site`: generate docs/, build each language with MkDocs, publish into `site_dir`.
    The `search` step alone indexes an already built site again. `times` receives each step's times."""
    times = StepTimes() if times is None else times
    catalogue = None
    if "pages" in steps:
        with times.step("pages"):
            result = generate(archive=archive_for(DATA))
        catalogue = result.catalogue
        if result.changes.count or not quiet:
            print(f"docs/: {result.changes.summary(len(result.paths))}")
    if "mkdocs" in steps:
        cards: dict = {}

        def draw() -> None:
            cards.update(all_cards(catalogue or load_catalogue(DATA)))
            draw_cards(cards, CARD_CACHE)

        site_dir.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))  # same file system: merging is renaming
        try:
            with times.step("mkdocs"):
                # The cards (and, for this step alone, the catalogue they show) go into their cache while
                # MkDocs builds (a core is idle whenever one language finishes first); publish then finds them there.
                built = build_languages(config, work, quiet, meanwhile=draw)
                publish(built, site_dir, cards)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if "search" in steps:
        with times.step("search"):
            index_site(site_dir)
