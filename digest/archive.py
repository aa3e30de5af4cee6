"""The archive of source articles: where it is, and which of its files an event may cite.

The articles are their publishers' copyright and never in the repository; the team keeps them
beside the checkout. This module is the one place that says where.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The environment variable naming the archive folder.
ARCHIVE_ENV = "NZD_ARCHIVE"


class ArchiveError(ValueError):
    """An article path the archive cannot serve, worded as expected versus found."""


def archive_dir(explicit: str | Path | None = None, root: Path | None = None) -> Path:
    """The archive folder: `explicit` (a command's --archive), else $NZD_ARCHIVE, else ../shared/seeds/ beside the checkout."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ARCHIVE_ENV):
        return Path(os.environ[ARCHIVE_ENV])
    root = root or Path(__file__).resolve().parent.parent
    return root.parent / "shared" / "seeds"


def article_path(archive: Path, relative: str) -> Path:
    """The file of one article given relative to the archive; refuses a missing file and any path leaving the archive."""
    rel = Path(relative)
    if not relative or rel.is_absolute() or ".." in rel.parts:
        raise ArchiveError(f"expected a path relative to the archive {archive} (no '..', not absolute), found {relative!r}")
    if not archive.is_dir():
        raise ArchiveError(f"expected the article archive folder at {archive} (set --archive or ${ARCHIVE_ENV}), found none")
    path = archive / rel
    base = archive.resolve()
    target = path.resolve()
    # A symlink inside the archive may point anywhere: only where it lands counts.
    if not target.is_relative_to(base):
        raise ArchiveError(f"expected a file inside the archive {archive}, found {relative!r} leading to {target}")
    if not target.is_file():
        raise ArchiveError(f"expected an article file in the archive {archive}, found no file {relative!r}")
    return path
