"""The article archive: plain-text articles, one file per source, that the build checks the data against.

Where it is, in order: `--archive DIR`, else the environment's NZD_ARCHIVE, else `shared/seeds/` beside
the checkout (the team's archive, laid there in development and in CI). The articles are their
publishers' copyright: they are read from there, never copied into the repository.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ARCHIVE_ENV = "NZD_ARCHIVE"
#: The checkout this package belongs to: its data/ is the data the team's archive is for.
CHECKOUT = Path(__file__).resolve().parent.parent
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


def locate(explicit: str | Path | None, root: Path | None = None) -> ArchiveLocation:
    """The archive's folder: the command's `--archive`, else NZD_ARCHIVE, else `../shared/seeds/` beside the checkout."""
    if explicit:
        return ArchiveLocation(Path(explicit), True)
    if os.environ.get(ARCHIVE_ENV):
        return ArchiveLocation(Path(os.environ[ARCHIVE_ENV]), True)
    return ArchiveLocation((root or CHECKOUT).resolve().parent / "shared" / "seeds", False)


def archive_dir(explicit: str | Path | None = None, root: Path | None = None) -> Path:
    """The archive folder (see `locate`)."""
    return locate(explicit, root).folder


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
    """An article path the archive cannot serve, worded as expected versus found."""


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


def read_article(folder: Path, file: str) -> str:
    """An article's normalised text (the file as `article_path` allows it), read afresh: an archive may change
    while `make serve` runs."""
    return normalise(article_path(folder, file).read_text(encoding="utf-8"))


def for_build(explicit: Path | None, root: Path, say=print, data: Path | None = None) -> Path | None:
    """The archive folder the build checks against, or None (said once) when there is none to use.

    `--archive` applies to any data folder; NZD_ARCHIVE and the default place only to the checkout's own
    data/, so a test's fixture or copy is never checked against the team's articles. A folder someone
    asked for (`--archive`, NZD_ARCHIVE) that does not exist is an error."""
    own = data is None or Path(data).resolve() == (CHECKOUT / "data").resolve()
    if explicit is None and not own:
        say(f"note: provenance not checked: no --archive given for the data folder {data}")
        return None
    where = locate(explicit, root)
    if where.present:
        return where.folder
    if where.explicit:
        raise ArchiveError(f"expected the article archive folder {where.folder}, found no such folder")
    say(f"note: provenance not checked: no article archive at {where.folder} (give --archive DIR or set {ARCHIVE_ENV})")
    return None
