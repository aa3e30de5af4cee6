"""Pagination: one page of a list that grows with the archive, and the links between its pages."""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from digest import site
from digest.pages.markup import md_destination


class Pager:
    """Page `number` of `total` of the list of `kind` (and `ident`, for an entity's appearances).
    Page 1 is the list's own page; page n is '<list>/page/<n>/' (site.doc_path)."""

    def __init__(self, kind: str, ident: str | None, number: int, total: int):
        self.kind, self.ident, self.number, self.total = kind, ident, number, total

    def path(self, number: int) -> str:
        """The Markdown source of page `number` inside the language ('events/page/2.md')."""
        return site.doc_path(self.kind, self.ident, number)

    @property
    def doc(self) -> str:
        """This page's Markdown source inside the language."""
        return self.path(self.number)

    def link(self, number: int) -> Markup | None:
        """A relative Markdown link to page `number`, or None for this page and pages that do not exist."""
        if not 1 <= number <= self.total or number == self.number:
            return None
        return md_destination(relative(self.path(number), posixpath.dirname(self.doc)))

    @property
    def first(self) -> Markup | None:
        return self.link(1) if self.number > 2 else None

    @property
    def prev(self) -> Markup | None:
        return self.link(self.number - 1)

    @property
    def next(self) -> Markup | None:
        return self.link(self.number + 1)

    @property
    def last(self) -> Markup | None:
        return self.link(self.total) if self.number < self.total - 1 else None


def relative(path: str, folder: str) -> str:
    """`posixpath.relpath(path, folder or ".")` for paths inside a language's folder (relative, without "." or ".."
    parts), worked out from their parts alone: relpath asks the system for the working folder twice a call."""
    parts, base = path.split("/"), folder.split("/") if folder else []
    shared = 0
    while shared < min(len(parts), len(base)) and parts[shared] == base[shared]:
        shared += 1
    return "/".join([".."] * (len(base) - shared) + parts[shared:]) or "."


def paginate(items: list, kind: str, ident: str | None = None, per_page: int = site.PER_PAGE) -> list[tuple[list, Pager]]:
    """Split a list into pages (at least one, possibly empty), each with its pager."""
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
    return [(chunk, Pager(kind, ident, n, len(chunks))) for n, chunk in enumerate(chunks, start=1)]
