"""The article archive: plain-text articles, one file per source, that the build checks the data against.

Where it is, in order: `--archive DIR`, else the environment's NZD_ARCHIVE, else `shared/seeds/` beside
the checkout (the team's archive, laid there in development and in CI). The articles are their
publishers' copyright: they are read from there, never copied into the repository.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ARCHIVE_ENV = "NZD_ARCHIVE"
#: Typographic quotation marks and apostrophes read as their plain forms.
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


@dataclass(frozen=True)
class ArchiveLocation:
    """Where the archive is, and whether someone asked for it there (then a missing folder is an error)."""

    folder: Path
    explicit: bool

    @property
    def present(self) -> bool:
        return self.folder.is_dir()


def locate(explicit: Path | None, root: Path) -> ArchiveLocation:
    """The archive's folder: the command's `--archive`, else NZD_ARCHIVE, else `../shared/seeds/` beside the checkout."""
    if explicit is not None:
        return ArchiveLocation(Path(explicit), True)
    if os.environ.get(ARCHIVE_ENV):
        return ArchiveLocation(Path(os.environ[ARCHIVE_ENV]), True)
    return ArchiveLocation(root.resolve().parent / "shared" / "seeds", False)


def normalise(text: str) -> str:
    """Text as compared with an article: NFC, plain quotation marks, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).translate(QUOTES).split())


def passage_parts(passage: str) -> list[str]:
    """A passage's parts: an ellipsis (… or ...) joins words the article has apart."""
    return [part.strip(" ,;:") for part in ELLIPSIS.split(normalise(passage)) if part.strip(" .,;:")]


def is_verbatim(passage: str, article: str) -> bool:
    """Whether each part of a passage is in the (normalised) article, in order."""
    start = 0
    for part in passage_parts(passage):
        found = article.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True


class ArchiveError(ValueError):
    """An archive file that cannot be read: missing, or outside the archive."""


@functools.cache
def _read(path: Path) -> str:
    return normalise(path.read_text(encoding="utf-8"))


def read_article(folder: Path, file: str) -> str:
    """An article's normalised text; the file must be a regular file inside the archive (symbolic links included)."""
    base = folder.resolve()
    path = (folder / file).resolve()
    if not path.is_relative_to(base):
        raise ArchiveError(f"expected a file inside the archive {folder}, found a path that leads to {path}")
    if not path.is_file():
        raise ArchiveError(f"expected the article file {folder / file}, found no such file")
    return _read(path)


def for_build(explicit: Path | None, root: Path, say=print) -> Path | None:
    """The archive folder the build checks against, or None (said once) when the default place has none.
    A folder someone asked for (`--archive`, NZD_ARCHIVE) that does not exist is an error."""
    where = locate(explicit, root)
    if where.present:
        return where.folder
    if where.explicit:
        raise ArchiveError(f"expected the article archive folder {where.folder}, found no such folder")
    say(f"note: provenance not checked: no article archive at {where.folder} (give --archive DIR or set {ARCHIVE_ENV})")
    return None
