"""Provenance: the data checked against the articles it cites (only when the archive is there).

Every evidence passage and quotation is verbatim in each article it names (after NFC, whitespace and
quotation-mark normalisation; an ellipsis may join parts), and a source's headline, publisher and
date are as its article prints them. Each check is one function, run with the other checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from digest.archive import ArchiveError, is_verbatim, normalise, read_article
from digest.load.read import DataError
from digest.schema import Source, cited_items

if TYPE_CHECKING:
    from digest.load.checks import Subject


def read_sources(archive: Path, sources: list[Source]) -> dict[str, str | ArchiveError]:
    """source id → its article's text, or why it cannot be read."""
    out: dict[str, str | ArchiveError] = {}
    for source in sources:
        try:
            out[source.id] = read_article(archive, source.file)
        except ArchiveError as exc:
            out[source.id] = exc
    return out


def archive_files_exist(s: Subject) -> Iterator[DataError]:
    if s.archive is None:
        return
    for i, source in enumerate(s.event.sources):
        text = s.articles[source.id]
        if isinstance(text, ArchiveError):
            yield s.error(("sources", i, "file"), f"source {source.id!r}: {text}")


def sources_as_printed(s: Subject) -> Iterator[DataError]:
    """A source's headline, publisher, date and section tags are printed in its article."""
    if s.archive is None:
        return
    articles = s.articles
    for i, source in enumerate(s.event.sources):
        text = articles[source.id]
        if isinstance(text, ArchiveError):
            continue
        wanted = [("headline", source.headline), ("publisher", source.publisher)]
        if source.published:
            wanted.append(("published", source.published.strftime("%d/%m/%Y")))
            if isinstance(source.published, dt.datetime):
                wanted.append(("published", source.published.strftime("%H:%M")))
        for field, value in wanted:
            if value and normalise(value) not in text:
                yield s.error(("sources", i, field), f"expected {value!r} as the article {source.file} prints it "
                                                     f"(source {source.id!r}), found it nowhere in the article")
        for k, tag in enumerate(source.section_tags):
            if normalise(tag).casefold() not in text.casefold():
                yield s.error(("sources", i, "section_tags", k), f"expected the tag {tag!r} in the article {source.file}, found it nowhere")


def passages_are_verbatim(s: Subject) -> Iterator[DataError]:
    """Each evidence passage is the cited article's own words, and so is each quotation, in every article it cites."""
    if s.archive is None:
        return
    articles = s.articles
    files = {source.id: source.file for source in s.event.sources}
    for path, item in cited_items(s.event):
        for k, passage in enumerate(item.evidence):
            text = articles.get(passage.source)
            if isinstance(text, str) and not is_verbatim(passage.text, text):
                yield s.error((*path, "evidence", k, "text"), f"expected words of the article {files[passage.source]} "
                                                              f"(source {passage.source!r}), found a passage it does not contain: {passage.text!r}")
    for i, quote in enumerate(s.event.quotations):
        for j, sid in enumerate(quote.sources):
            text = articles.get(sid)
            if isinstance(text, str) and not is_verbatim(quote.vi, text):
                yield s.error(("quotations", i, "vi"), f"expected the speaker's words verbatim in the article {files[sid]} "
                                                       f"(source {sid!r}, sources[{j}]), found a quotation it does not contain")
