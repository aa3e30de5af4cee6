"""Live preview (`make serve`): one process that keeps the catalogue and each language's MkDocs build
in memory, so that an edited event is served again within a second or two.

After a change under a watched folder the preview:

1. reads again only the event files that changed (`EventCache`) and checks the whole catalogue;
2. renders those events' own files (page, source pages, citation files, open data:
   `digest.pages.render_events`), writes the ones that differ into docs/, and has MkDocs build
   those pages again, in this process, for each language; the browser reloads;
3. then regenerates the rest of docs/ in the background (`scripts/build_pages.py`, the editors'
   command, at low priority: lists, entity pages, related events, feeds) and, when it is done,
   builds whatever it changed the same way; the browser reloads again. A newer change stops it.

A new or removed page, or a change of the theme (overrides/), builds that language again in full;
a change of code or configuration (digest/, hooks/, mkdocs.yml) restarts the process. Nothing here
changes what `make site` builds: the preview writes docs/ with the same generator and builds pages with
MkDocs's own functions (see ARCHITECTURE.md, "Performance").
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import watchdog.observers
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from digest import site
from digest.build import BUILD_LANG_ENV, DOCS, STAGING_PREFIX, archive_for, build_languages, generate
from digest.load import DataErrors, load_catalogue
from digest.load.catalogue import EventCache
from digest.pages import render_events
from digest.pages.browse import filed_roles, related_only
from digest.pages.templating import make_environment
from digest.publish.downloads import is_download, place_one
from digest.publish.languages import merge_languages
from digest.write import apply, plan

log = logging.getLogger("mkdocs.nzd.preview")

#: What the preview watches, relative to the project, and what a change there asks for.
DATA, TEMPLATES, THEME = "data", "templates", "overrides"
RESTART = ("digest", "hooks", "mkdocs.yml")
#: Written when the background regeneration ends, in a watched folder of its own, so the server wakes up.
DONE_SIGNAL = "signal/regenerated"


@contextlib.contextmanager
def _language(lang: str) -> Iterator[None]:
    """Run MkDocs for one language only (the hook reads this, as for build_site's processes)."""
    before = os.environ.get(BUILD_LANG_ENV)
    os.environ[BUILD_LANG_ENV] = lang
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(BUILD_LANG_ENV, None)
        else:
            os.environ[BUILD_LANG_ENV] = before


class LanguageBuild:
    """One language's MkDocs state (configuration, files, navigation, theme), kept so that changed pages
    can be built again alone, exactly as `mkdocs build` builds them."""

    def __init__(self, lang: str, config_file: Path, site_dir: Path):
        self.lang, self.config_file, self.site_dir = lang, config_file, site_dir
        self.sources: dict[str, object] = {}  # absolute path under docs/ → MkDocs File of this language

    def attach(self) -> None:
        """Load the state of a build of this language already in `site_dir` (`mkdocs build`'s steps up to
        its pages; of the pages, only those in the navigation are read, for their titles)."""
        with _language(self.lang):
            config = load_config(str(self.config_file), site_dir=str(self.site_dir))
            config.validation.nav.omitted_files = logging.DEBUG  # thousands of pages are reached from lists, not the nav
            config.plugins.on_startup(command="serve", dirty=False)
            config = config.plugins.on_config(config)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
            for file in files.documentation_pages():
                if file.page is None:
                    Page(None, file, config)
            for page in nav.pages:
                mkdocs_build._populate_page(page, config, files)
                self._forget(page)
            env = config.plugins.on_env(env, config=config, files=files)
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self.doc_files = files.documentation_pages()
        self.sources = {os.path.abspath(file.abs_src_path): file for file in files if file.abs_src_path}

    @staticmethod
    def _forget(page) -> None:
        # A built page's HTML is not needed again (a rebuild reads its Markdown anew): the preview
        # then holds the site's structure, not its text.
        page.markdown = page.content = None

    def owns(self, path: Path) -> bool:
        return (DOCS / self.lang) in path.parents

    def rebuild(self, paths: Iterable[Path]) -> bool:
        """Build these files of docs/ again (pages rendered, downloads placed); False, doing nothing,
        when a page among them is new to this language's build (it needs a full build)."""
        mine = [os.path.abspath(path) for path in paths if self.owns(Path(path))]
        downloads = [path for path in mine if is_download(DOCS, path)]
        pages = [path for path in mine if path not in downloads]
        if any(path not in self.sources for path in pages):
            return False
        for path in downloads:
            place_one(DOCS, self.site_dir, path)
        with _language(self.lang):
            for path in pages:
                file = self.sources[path]
                mkdocs_build._populate_page(file.page, self.config, self.files)
                mkdocs_build._build_page(file.page, self.config, self.doc_files, self.nav, self.env)
                self._forget(file.page)
        return True


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """path → (modification time, size) of every file under `folder`."""
    out: dict[str, tuple[int, int]] = {}
    stack = [folder]
    while stack:
        with contextlib.suppress(FileNotFoundError), os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file() and not entry.name.startswith(".tmp-"):
                    stat = entry.stat()
                    out[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return out


class Preview:
    """The state of a live preview and what to do after a change (`update`, the server's builder)."""

    def __init__(self, site_dir: Path, root: Path = site.ROOT, data: Path | None = None, quiet: bool = False):
        self.root, self.site_dir, self.quiet = root, site_dir, quiet
        self.data, self.docs = data or root / DATA, root / "docs"
        self.state = root / ".cache" / "preview"
        self.signal = self.state / DONE_SIGNAL
        self.cache = EventCache()
        self.languages = {lang: LanguageBuild(lang, root / "mkdocs.yml", site_dir) for lang in site.LANGUAGES}
        self.background: subprocess.Popen | None = None
        self.pending: set[str] = set()
        self.roles: dict[str, tuple] = {}  # event id → (event, its entities by kind): for related events
        self.serving = False  # whether a whole site has been built (a failed rebuild then keeps it)

    # -- watched files ------------------------------------------------------------------------------
    def watched(self) -> list[Path]:
        return [self.data, self.root / TEMPLATES, self.root / THEME, self.signal.parent, *(self.root / name for name in RESTART)]

    def _sources(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for path in self.watched():
            if path.is_dir():
                out.update(_snapshot(path))
            elif path.is_file():
                stat = path.stat()
                out[str(path)] = (stat.st_mtime_ns, stat.st_size)
        return {path: sig for path, sig in out.items() if "__pycache__" not in path}

    # -- start ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Generate docs/ (keeping the catalogue) and build the whole site."""
        self.signal.parent.mkdir(parents=True, exist_ok=True)
        self.archive = archive_for(self.data, say=log.info)
        self.seen = self._sources()
        self.env = make_environment()
        try:
            self.catalogue = generate(self.data, self.docs, root=self.root, archive=self.archive, cache=self.cache).catalogue
        except DataErrors as exc:
            raise SystemExit(exc.report()) from None
        self._build_all()
        self._warm()

    def _warm(self) -> None:
        """Compile the templates now rather than on the first edit: the newest event's pages are rendered
        and built again (unchanged)."""
        if self.catalogue.events:
            first = {self.catalogue.events[0].id}
            pages = render_events(self.catalogue, first, self.env, related_only(self.catalogue, first, self._kinds()))
            self._build([self.docs / rel for rel in pages if rel.endswith(".md")])

    def _kinds(self) -> dict[str, dict[str, set[str]]]:
        """Each event's entities by kind, worked out again only for events read again since the last time."""
        kinds = {}
        for event in self.catalogue.events:
            known = self.roles.get(event.id)
            if known is None or known[0] is not event:
                known = (event, {kind: set(ids) for kind, ids in filed_roles(event, self.catalogue).items()})
            kinds[event.id] = known[1]
            self.roles[event.id] = known
        return kinds

    def _load(self) -> bool:
        """Load the catalogue again (changed files only); False, with the problems reported, when the data has errors."""
        try:
            self.catalogue = load_catalogue(self.data, self.root, self.archive, cache=self.cache)
        except DataErrors as exc:
            log.error(f"{exc.report()}\nThe preview shows the last version without errors.")
            return False
        return True

    # -- after a change ------------------------------------------------------------------------------
    def update(self) -> None:
        """The server's builder: bring docs/ and the served site up to date with what changed."""
        start = time.perf_counter()
        now = self._sources()
        # Changes wait here while the data has errors, and are all built once it has none.
        changed = self.pending | {path for path in set(now) | set(self.seen) if now.get(path) != self.seen.get(path)}
        self.seen, self.pending = now, changed
        if any(Path(path) == self.root / name or self.root / name in Path(path).parents for path in changed for name in RESTART):
            self._restart()
        theme = any(self.root / THEME in Path(path).parents for path in changed)
        templates = any(self.root / TEMPLATES in Path(path).parents for path in changed)
        events = {Path(path).stem for path in changed if self.data / "events" in Path(path).parents}
        data_changed = any(self.data in Path(path).parents for path in changed)
        if data_changed or templates:
            self._stop_background()
            if not self._load():
                return
            self.pending = set()
            loaded = time.perf_counter()
            if templates:
                self.env = make_environment()
            known = {event.id for event in self.catalogue.events}
            browse = related_only(self.catalogue, events & known, self._kinds())
            pages = render_events(self.catalogue, events & known, self.env, browse)
            changes = plan(pages, self.docs, stale=False)  # removals are the full regeneration's to make
            apply(pages, self.docs, changes)
            rendered = time.perf_counter()
            self._build([self.docs / rel for rel in changes.create + changes.update], full=theme)
            log.info(f"{len(events & known)} event(s) changed: {changes.count} file(s) written and built in "
                     f"{time.perf_counter() - start:.2f} s (load {loaded - start:.2f} s, render {rendered - loaded:.2f} s, "
                     f"MkDocs {time.perf_counter() - rendered:.2f} s); the rest of docs/ follows")
            self._start_background()
        elif theme:
            self.pending = set()
            self._build([], full=True)
        else:  # the background regeneration has ended: build what it changed
            self.pending = set()
            self._build_docs_changes()

    def _build_all(self) -> None:
        """Build the whole site as `make site` does (one `mkdocs build` per language at once, merged), then
        load each language's state for the pages' rebuilds."""
        self.built = _snapshot(self.docs)
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".build-", dir=self.site_dir.parent))
        try:
            built = build_languages(self.root / "mkdocs.yml", work, quiet=True)
        except SystemExit as exc:  # MkDocs has printed why; the preview keeps serving what it had
            if not self.serving:
                raise
            log.error(f"{exc} The preview shows the last version that built.")
            return
        else:
            merge_languages(built, self.site_dir)
            self.serving = True
        finally:
            shutil.rmtree(work, ignore_errors=True)
        index = self.root / "site" / "pagefind"
        if index.is_dir():  # the last `make site`'s search index: indexing on every change would slow the preview
            shutil.copytree(index, self.site_dir / "pagefind", dirs_exist_ok=True)
        for build in self.languages.values():
            build.attach()

    def _build(self, paths: list[Path], full: bool = False) -> None:
        """Build these docs/ files again in every language (the whole site when one is new)."""
        if full or not all([build.rebuild(paths) for build in self.languages.values()]):
            self._build_all()
            return
        self.built.update({str(path): (path.stat().st_mtime_ns, path.stat().st_size) for path in paths})

    def _build_docs_changes(self) -> None:
        now = _snapshot(self.docs)
        changed = [Path(path) for path, sig in now.items() if self.built.get(path) != sig]
        removed = set(self.built) - set(now)
        if removed:
            self._build([], full=True)
        elif changed:
            self._build(changed)
        log.info(f"docs/ regenerated: {len(changed)} file(s) changed, {len(removed)} removed, built again")
        self.built = now

    # -- the rest of docs/, in the background ----------------------------------------------------------
    def _start_background(self) -> None:
        command = [sys.executable, str(self.root / "scripts" / "build_pages.py"), "--data", str(self.data), "--docs", str(self.docs)]
        if self.quiet:
            command.append("--quiet")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        # At low priority: the next edit's own pages, built in this process, come first. A stop signal waits
        # until the process is recorded, so stopping the preview always stops it too.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        try:
            self.background = subprocess.Popen(["nice", "-n", "10", *command], cwd=self.root, env=env, start_new_session=True,
                                               stdout=subprocess.DEVNULL if self.quiet else None)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        threading.Thread(target=self._signal_when_done, args=(self.background,), daemon=True).start()

    def _signal_when_done(self, proc: subprocess.Popen) -> None:
        if proc.wait() == 0 and self.background is proc:
            self.signal.write_text(str(time.time_ns()), encoding="utf-8")

    def _stop_background(self) -> None:
        """Stop a regeneration made stale by a newer change: at once, with its workers. What it had moved
        into docs/ is whole files (the next regeneration finishes the job); what it had staged is removed."""
        proc, self.background = self.background, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc is not None:
            for staged in self.docs.parent.glob(f"{STAGING_PREFIX}{proc.pid}-*"):
                shutil.rmtree(staged, ignore_errors=True)

    def _restart(self) -> None:
        self._stop_background()
        log.info("Code or configuration changed: restarting the preview")
        os.execv(sys.executable, [sys.executable, *sys.argv])  # noqa: S606 - the same command again, with the new code


def serve(host: str = "127.0.0.1", port: int = 8000, site_dir: Path | None = None, quiet: bool = False, poll: bool = False) -> None:
    """Build, then serve with live reload until interrupted (`poll`: look for changes every 0.2 s instead
    of being told by the operating system, for file systems that do not tell)."""
    site_dir = site_dir or site.ROOT / ".cache" / "preview" / "site"
    preview = Preview(site_dir, quiet=quiet)
    preview.start()
    server = LiveReloadServer(builder=preview.update, host=host, port=port, root=str(site_dir), polling_interval=0.2)
    if not poll:
        # MkDocs's server polls, walking every watched folder each time; the system's own notification
        # (inotify on Linux) reports a save at once and costs nothing between saves.
        server.observer = watchdog.observers.Observer()
    for path in preview.watched():
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        preview._stop_background()
        server.shutdown()
