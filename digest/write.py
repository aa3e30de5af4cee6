"""Write: rendered pages → docs/, touching only files whose content changed.

docs/ is owned by the generator: a file there that the data does not produce is
stale and removed on write, reported by `--check`.
"""

from __future__ import annotations

import os
import tempfile
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
    if not docs.is_dir():
        return set()
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}


def plan(pages: dict[str, str], docs: Path, stale: bool = True) -> Plan:
    """Compare rendered pages with docs/ as it is (with `stale`, also list the files of docs/ they do not
    include, to delete: pass False when `pages` is only part of the site)."""
    _, result = stage(pages.items(), docs, None)
    if stale:
        result.delete = sorted(existing_files(docs) - set(pages))
    return result


def stage(files: Iterable[tuple[str, str]], docs: Path, staging: Path | None) -> tuple[list[str], Plan]:
    """Compare files, one at a time, with docs/ as it is; write each new or changed one into `staging`
    (when given) for `commit` to move into place. Returns every path and what differs (deletions aside)."""
    paths: list[str] = []
    result = Plan()
    for rel, text in files:
        paths.append(rel)
        data = text.encode("utf-8")
        path = docs / rel
        if not path.is_file():
            result.create.append(rel)
        elif path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        else:
            result.update.append(rel)
        if staging is not None:
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return paths, result


def commit(staging: Path, docs: Path, changes: Plan) -> None:
    """Move the staged files into docs/ (each replaced whole) and remove the stale ones."""
    for rel in changes.create + changes.update:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, docs / rel)
    _remove(docs, changes.delete)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
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
