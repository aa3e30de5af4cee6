"""Checks: what the schema alone cannot say about one valid event, one small function each.

Each check takes the event, the declared entities and the file's line index, and returns its
problems as `DataError`s; `check_event` runs them all, so every problem is reported at once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digest.archive import ArchiveError
from digest.load.provenance import archive_files_exist, passages_are_verbatim, read_sources, sources_as_printed
from digest.load.read import DataError, line_for
from digest.numbers import cross_check_numbers, format_number, numbers_in
from digest.schema import (
    EVIDENCED,
    FUTURE_HORIZON_DAYS,
    MAX_HEADLINE_FIGURES,
    MAX_HEADLINE_LABEL_CHARS,
    MAX_PASSAGE_WORDS,
    Event,
    Figure,
    cited_items,
    field_path,
)


@dataclass(frozen=True)
class Subject:
    """What a check looks at: one event of one file, and the entities declared in data/."""

    event: Event
    registry: dict[str, dict]
    name: str
    lines: dict
    archive: Path | None = None  # the article archive, when there is one to check against
    data: dict | None = None  # the event's `model_dump()`, when the caller has it already

    @functools.cached_property
    def articles(self) -> dict[str, str | ArchiveError]:
        """source id → its article's text, or why it cannot be read: read once for all the checks of the event."""
        return read_sources(self.archive, self.event.sources)

    def error(self, path: tuple, message: str) -> DataError:
        return DataError(self.name, line_for(self.lines, path), field_path(path), message)


#: What the scaffold (scripts/new_event.py) writes into every field an editor must fill in.
PLACEHOLDER = "TODO:"


def placeholders(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(field path, text) of every text of some data that still holds the placeholder."""
    if isinstance(value, str):
        if value.startswith(PLACEHOLDER):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from placeholders(item, (*path, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from placeholders(item, (*path, i))


def has_placeholder(value: Any) -> bool:
    """Whether any text of some data holds the placeholder (`placeholders` finds which, more slowly)."""
    if isinstance(value, str):
        return value.startswith(PLACEHOLDER)
    if isinstance(value, dict):
        return any(map(has_placeholder, value.values()))
    if isinstance(value, list | tuple):
        return any(map(has_placeholder, value))
    return False


def placeholder_errors(data: Any, name: str, lines: dict) -> list[DataError]:
    """One error per field of a data file's data still holding the placeholder."""
    if not has_placeholder(data):
        return []
    return [DataError(name, line_for(lines, path), field_path(path), f"expected your text, found the placeholder {text!r}")
            for path, text in placeholders(data)]


def horizon() -> dt.date:
    """The latest date an event or article may carry (a typo such as 2042 for 2024 is caught)."""
    return dt.date.today() + dt.timedelta(days=FUTURE_HORIZON_DAYS)


def no_placeholders(s: Subject) -> Iterator[DataError]:
    """No field still holds the scaffold's placeholder (`TODO: ...`)."""
    yield from placeholder_errors(s.event.model_dump() if s.data is None else s.data, s.name, s.lines)


def unique_source_ids(s: Subject) -> Iterator[DataError]:
    ids = [source.id for source in s.event.sources]
    for i, sid in enumerate(ids):
        if ids.index(sid) != i:
            yield s.error(("sources", i, "id"), f"expected a unique source id, found {sid!r} twice")


def cited_sources_are_the_events(s: Subject) -> Iterator[DataError]:
    """Every item that cites sources cites sources the event lists."""
    ids = [source.id for source in s.event.sources]
    for path, item in cited_items(s.event):
        for j, sid in enumerate(item.sources):
            if sid not in ids:
                yield s.error((*path, "sources", j), f"expected one of this event's sources ({', '.join(ids)}), found {sid!r}")


def date_not_in_future(s: Subject) -> Iterator[DataError]:
    latest = horizon()
    if s.event.date.value > latest:
        yield s.error(("date", "value"), f"expected a date no later than {latest.isoformat()} (today + {FUTURE_HORIZON_DAYS} days), "
                                         f"found {s.event.date.value.isoformat()}")


def published_not_in_future(s: Subject) -> Iterator[DataError]:
    latest = horizon()
    for i, source in enumerate(s.event.sources):
        published = source.published.date() if isinstance(source.published, dt.datetime) else source.published
        if published and published > latest:
            yield s.error(("sources", i, "published"), f"expected a date no later than {latest.isoformat()}, found {published.isoformat()}")


def references_are_declared(s: Subject) -> Iterator[DataError]:
    """Every place, topic, organisation and person the event names is declared in data/."""
    event = s.event
    wanted: list[tuple[str, str | None, tuple]] = [("places", event.place.province, ("place", "province"))]
    wanted += [("places", pid, ("partners", i)) for i, pid in enumerate(event.partners)]
    wanted += [("topics", tid, ("topics", i)) for i, tid in enumerate(event.topics)]
    for group in ("organisers", "attending_organisations"):
        wanted += [("organisations", role.org, (group, i, "org")) for i, role in enumerate(getattr(event, group))]
    for i, part in enumerate(event.participants):
        wanted += [("people", part.person, ("participants", i, "person")), ("organisations", part.org, ("participants", i, "org"))]
    for i, com in enumerate(event.commitments):
        if com.actor not in s.registry["places"]:  # an actor may be a place or an organisation
            wanted.append(("organisations", com.actor, ("commitments", i, "actor")))
    wanted += [("people", quote.speaker, ("quotations", i, "speaker")) for i, quote in enumerate(event.quotations)]
    for kind, ident, path in wanted:
        if ident is not None and ident not in s.registry[kind]:
            known = ", ".join(sorted(s.registry[kind])[:8])
            one = "person" if kind == "people" else kind[:-1]
            yield s.error(path, f"expected a declared {one} id (data/{kind}.yaml: {known}...), found {ident!r}")


def summaries_pair_up(s: Subject) -> Iterator[DataError]:
    summary = s.event.summary
    if len(summary.vi) != len(summary.en):
        yield s.error(("summary",), f"expected as many English as Vietnamese paragraphs, found vi={len(summary.vi)} en={len(summary.en)}")


def numbers_agree(s: Subject) -> Iterator[DataError]:
    """Every number of a Vietnamese text is in its English counterpart, and the reverse."""
    for problem in cross_check_numbers(s.event):
        yield s.error(problem.path, problem.message)


def few_headline_figures(s: Subject) -> Iterator[DataError]:
    """The fact panel has room for a few headline figures, not for all of them."""
    chosen = [i for i, fig in enumerate(s.event.figures) if fig.headline]
    if len(chosen) > MAX_HEADLINE_FIGURES:
        yield s.error(("figures", chosen[MAX_HEADLINE_FIGURES], "headline"),
                      f"expected at most {MAX_HEADLINE_FIGURES} figures with headline: true, found {len(chosen)}")
    for i in chosen:
        fig = s.event.figures[i]
        for lang in ("vi", "en"):
            text = fig.panel_label(lang)
            if len(text) > MAX_HEADLINE_LABEL_CHARS:
                field = "label" if fig.label else "measure"
                yield s.error(("figures", i, field, lang),
                              f"expected a fact-panel label of at most {MAX_HEADLINE_LABEL_CHARS} characters for a headline figure "
                              f"(give the figure a short label: {{vi: ..., en: ...}}), found {len(text)}")


def evidence_for_every_source(s: Subject) -> Iterator[DataError]:
    """Each key point, figure, commitment, participant and discrepancy version shows the passage of every
    article it cites; a passage names one of the statement's own sources and is short."""
    for path, item in cited_items(s.event):
        for k, passage in enumerate(item.evidence):
            if passage.source not in item.sources:
                yield s.error((*path, "evidence", k, "source"),
                              f"expected one of this statement's sources ({', '.join(item.sources)}), found {passage.source!r}")
            size = len(passage.text.split())
            if size > MAX_PASSAGE_WORDS:
                yield s.error((*path, "evidence", k, "text"),
                              f"expected a short passage of at most {MAX_PASSAGE_WORDS} words (a quotation, not the article), found {size}")
        if path[0] in EVIDENCED:
            for j, sid in enumerate(item.sources):
                if not item.passages(sid):
                    yield s.error((*path, "sources", j),
                                  f"expected an evidence passage from source {sid!r} (evidence: [{{source: {sid}, text: ...}}]), found none")


def statement_numbers(item) -> set[str]:
    """The numbers a statement asserts, canonical (its Vietnamese text; a figure's value with its unit)."""
    if isinstance(item, Figure):
        return numbers_in(f"{format_number(item.value, 'vi')} {item.unit.vi if item.unit else ''}", "vi")
    texts = [getattr(item, name).vi for name in ("text", "what", "role") if hasattr(item, name)]
    found = set().union(*(numbers_in(text, "vi") for text in texts))
    if getattr(item, "target_year", None):
        found.add(str(item.target_year))
    return found


def _undated(number: str) -> str:
    """A canonical date ('date:2024-01-18') without its year ('date:-----01-18', as numbers_in writes '18/1')."""
    return "date:----" + number[9:] if number.startswith("date:") else number


def numbers_in_evidence(s: Subject) -> Iterator[DataError]:
    """Every number a statement asserts is in its evidence, in any Vietnamese notation (a date's year may be inferred)."""
    for path, item in cited_items(s.event):
        if path[0] not in EVIDENCED or not item.evidence:
            continue
        shown = set().union(*(numbers_in(passage.text, "vi") for passage in item.evidence))
        shown |= {_undated(number) for number in shown}
        for number in sorted(statement_numbers(item)):
            if number not in shown and _undated(number) not in shown:
                yield s.error((*path, "evidence"),
                              f"expected the number {number.removeprefix('date:')} in an evidence passage "
                              f"({', '.join(p.source for p in item.evidence)}), found it in none")


#: The checks of one event, in the order their problems are worded.
CHECKS: tuple[Callable[[Subject], Iterator[DataError]], ...] = (
    no_placeholders,
    unique_source_ids,
    cited_sources_are_the_events,
    date_not_in_future,
    published_not_in_future,
    references_are_declared,
    summaries_pair_up,
    numbers_agree,
    few_headline_figures,
    evidence_for_every_source,
    numbers_in_evidence,
    archive_files_exist,
    sources_as_printed,
    passages_are_verbatim,
)


def check_event(event: Event, registry: dict[str, dict], name: str, lines: dict, archive: Path | None = None,
                data: dict | None = None) -> list[DataError]:
    """Every problem the checks find in one event (against the articles too, given their archive;
    `data`: the event's `model_dump()`, when the caller has it)."""
    subject = Subject(event, registry, name, lines, archive, data)
    return [error for check in CHECKS for error in check(subject)]
