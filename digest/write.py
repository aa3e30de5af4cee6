"""Write: rendered pages → docs/, touching only files whose content changed.

docs/ is owned by the generator: a file there that the data does not produce is
stale and removed on write, reported by `--check`.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Plan:
    """What writing `pages` into a folder would change."""

    create: list[str] = field(default_factory=list)
    update: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many files writing would create, update or delete."""
        return len(self.create) + len(self.update) + len(self.delete)

    def summary(self, total: int) -> str:
        return f"{len(self.create)} created, {len(self.update)} updated, {len(self.delete)} removed, {total - len(self.create) - len(self.update)} unchanged"


def existing_files(docs: Path) -> set[str]:
    """Every file under `docs` (following no folder links), as paths relative to it."""
    found: set[str] = set()
    for folder, _, names in os.walk(docs):
        rel = Path(folder).relative_to(docs).as_posix()
        prefix = "" if rel == "." else rel + "/"
        found.update(prefix + name for name in names if os.path.isfile(os.path.join(folder, name)))
    return found


def plan(pages: dict[str, str], docs: Path, stale: bool = True) -> Plan:
    """Compare rendered pages with docs/ as it is (with `stale`, also list the files of docs/ they do not
    include, to delete: pass False when `pages` is only part of the site)."""
    _, result = stage(pages.items(), docs, None)
    if stale:
        result.delete = sorted(existing_files(docs) - set(pages))
    return result


def stage(files: Iterable[tuple[str, str]], docs: Path, staging: Path | None,
          existing: set[str] | None = None) -> tuple[list[str], Plan]:
    """Compare files, one at a time, with docs/ as it is; write each new or changed one into `staging`
    (when given) for `commit` to move into place. Returns every path and what differs (deletions aside).
    `existing`: the files docs/ holds (`existing_files`), when the caller has listed them: a file not
    among them is new without asking the file system."""
    paths: list[str] = []
    result = Plan()
    made: set[str] = set()
    for rel, text in files:
        paths.append(rel)
        data = text.encode("utf-8")
        path = None if existing is not None and rel not in existing else docs / rel
        if path is None or not path.is_file():
            result.create.append(rel)
        elif path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        else:
            result.update.append(rel)
        if staging is not None:
            target = os.path.join(staging, rel)
            _make_folder(os.path.dirname(target), made)
            with open(target, "wb") as handle:
                handle.write(data)
    return paths, result


def _make_folder(folder: str, made: set[str]) -> None:
    """`mkdir -p`, once per folder."""
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def commit(staging: Path, docs: Path, changes: Plan) -> None:
    """Move the staged files into docs/ (each replaced whole) and remove the stale ones. Into an empty or
    absent docs/ the staged folder itself is moved, whole."""
    if changes.create and not changes.update and not changes.delete and not (docs.is_dir() and any(docs.iterdir())):
        if docs.is_dir():
            os.chmod(staging, stat.S_IMODE(docs.stat().st_mode))
        os.replace(staging, docs)
        return
    made: set[str] = set()
    for rel in changes.create + changes.update:
        target = os.path.join(docs, rel)
        _make_folder(os.path.dirname(target), made)
        os.replace(os.path.join(staging, rel), target)
    _remove(docs, changes.delete)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_replacing(path, text.encode("utf-8"))


def write_replacing(path: Path, data: bytes) -> None:
    """Write `data` to a new file beside `path` and put it in place by renaming: whole or not at all. The file
    gets the permissions any new file gets (as `open` gives them; `mkstemp` would make it private, and the
    site links these files)."""
    tmp = path.parent / f".tmp-{secrets.token_hex(8)}{path.suffix}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # a fresh random name: never another's file
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def apply(pages: dict[str, str], docs: Path, changes: Plan) -> None:
    """Carry out a plan: each file is replaced whole, never left half-written."""
    for rel in changes.create + changes.update:
        _write_atomic(docs / rel, pages[rel])
    _remove(docs, changes.delete)


def _remove(docs: Path, stale: list[str]) -> None:
    for rel in stale:
        (docs / rel).unlink()
    for folder in sorted({(docs / rel).parent for rel in stale}, key=lambda p: len(p.parts), reverse=True):
        if folder != docs and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
