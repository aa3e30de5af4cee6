"""The site's downloads: every file of docs/ that is not a page (feeds, open data, citation files) goes into
the built site as it is, placed here rather than copied by MkDocs (ARCHITECTURE.md, Performance).

MkDocs and mkdocs-static-i18n would make a File of each, in every language's process, only to copy it;
`leave_out` takes them out of MkDocs' files (the hook's `on_files`, before the plugin's), and `place`
puts a language's downloads into the built site (the hook's `on_post_build`, and the live preview after
an edit): a hard link when the site is on docs/'s file system (docs/ files are replaced, never written
in place, so the site keeps what it was built from), a copy otherwise.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from digest import site


def is_download(docs_dir: Path, path: str) -> bool:
    """Whether the file at `path` (absolute, or relative to the working folder) is one of docs/'s downloads."""
    return _download(_relative(docs_dir, path))


def _relative(docs_dir: Path, path: str) -> str:
    return os.path.relpath(os.path.abspath(path), os.path.abspath(docs_dir)).replace(os.sep, "/")


def _download(rel: str) -> bool:
    lang, _, inner = rel.partition("/")
    return lang in site.LANGUAGES and bool(inner) and not site.is_page_source(rel)


def leave_out(files: Iterable, docs_dir: Path, only: str | None = None) -> list:
    """MkDocs' files without docs/'s downloads (the theme's files and the pages stay); with `only`, also
    without the other languages' pages (a build of that language alone never reads them)."""
    root = os.path.abspath(docs_dir) + os.sep

    def kept(file) -> bool:
        if not (file.abs_src_path and file.abs_src_path.startswith(root)):
            return True
        rel = file.abs_src_path[len(root):].replace(os.sep, "/")
        lang = rel.partition("/")[0]
        return not (_download(rel) or (only is not None and lang in site.LANGUAGES and lang != only))

    return [file for file in files if kept(file)]


def downloads(docs_dir: Path, lang: str) -> list[tuple[Path, str]]:
    """(source, path in the site) of each download of one language, in a stable order."""
    top = docs_dir / lang
    stack = [top]
    found: list[tuple[Path, str]] = []
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # as MkDocs: hidden files and folders are not part of the site
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file():
                    rel = f"{lang}/{Path(entry.path).relative_to(top).as_posix()}"
                    if not site.is_page_source(rel):
                        found.append((Path(entry.path), site.site_file(rel)))
    return sorted(found, key=lambda item: item[1])


def place_file(source: Path, target: Path) -> None:
    """Put one download at `target`, replacing what is there: a hard link when the source is readable by
    everyone (a site is served by another user), else a copy, which gets a new file's permissions."""
    target.unlink(missing_ok=True)
    try:
        if os.stat(source).st_mode & 0o444 != 0o444:
            raise PermissionError("not readable by everyone")
        os.link(source, target)
    except OSError:  # that, another file system, or one without hard links
        shutil.copyfile(source, target)


def place_one(docs_dir: Path, site_dir: Path, source: str) -> None:
    """Put one download (its path under docs/) into the built site (the live preview, after an edit)."""
    _put(Path(source), site_dir / site.site_file(_relative(docs_dir, source)), set())


def place(docs_dir: Path, site_dir: Path, lang: str) -> int:
    """Put every download of one language into the built site; return how many."""
    found = downloads(docs_dir, lang)
    folders: set[Path] = set()
    for source, inner in found:
        _put(source, site_dir / inner, folders)
    return len(found)


def _put(source: Path, target: Path, folders: set[Path]) -> None:
    """`place_file`, making the target's folder first unless it is among `folders` (made already)."""
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    place_file(source, target)
