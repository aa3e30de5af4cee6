"""The one schema of the digest: events, their sources, and the entities they name.

Every text a reader sees exists in Vietnamese and English (`Bilingual`). Entities
(places, organisations, people, topics) are declared once in `data/*.yaml` and
events refer to them by id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

#: Parts of a date that the sources do not print and that we inferred.
DATE_PARTS = ("year", "month", "day")

#: How exact a reported figure is, as the source words it.
FIGURE_QUALIFIERS = ("exact", "about", "more_than", "less_than", "up_to")

#: Languages a name or quotation may be written in (for the `lang` attribute).
NAME_LANGUAGES = ("vi", "en", "da", "ja", "de")

#: Limits that keep one data file from swamping the site or the build.
MAX_FILE_BYTES = 256 * 1024
MAX_TEXT_CHARS = 4000
MAX_QUOTE_CHARS = 400

#: The fact panel shows at most this many headline figures, each with a label of at most this length.
MAX_HEADLINE_FIGURES = 4
MAX_HEADLINE_LABEL_CHARS = 70

#: An evidence passage is a short, attributed quotation of its article, never the article: at most this many words.
MAX_PASSAGE_WORDS = 35
#: The kinds of statement that must show, for each article they cite, the passage that supports them.
EVIDENCED = ("key_points", "figures", "commitments", "participants", "discrepancies")

#: How far in the future an event date may lie (a typo such as 2042 for 2024 is caught).
FUTURE_HORIZON_DAYS = 31

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=2, max_length=80)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS)]
#: An archive file: a relative path inside the archive (no absolute path, no `..`, no backslash).
ARCHIVE_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.(?:/|$))[^\\\x00]+$")


def field_path(path: tuple) -> str:
    """A field's path as editors read it: ('summary', 'en', 0) → 'summary.en[0]'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    """One text in both languages; neither may be empty."""

    vi: ShortText
    en: ShortText

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class BilingualList(Strict):
    """A list of paragraphs (or items) in both languages, paired one to one."""

    vi: list[ShortText] = Field(min_length=1)
    en: list[ShortText] = Field(min_length=1)

    def __getitem__(self, lang: str) -> list[str]:
        return getattr(self, lang)


class Entity(Strict):
    """Something declared once and referred to by id from events."""

    id: Id
    name: Bilingual
    aliases: list[ShortText] = []
    note: Bilingual | None = None


class Place(Entity):
    """A province, city or other administrative area."""

    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    kind: Bilingual


class Organisation(Entity):
    """A public body, company, embassy or other organisation."""

    short: str | None = None
    place: Id | None = None


class Person(Strict):
    """A named person; the name is written the same in both languages."""

    id: Id
    name: ShortText
    name_lang: Literal[NAME_LANGUAGES] = "vi"  # type: ignore[valid-type]
    aliases: list[ShortText] = []


class Topic(Strict):
    """A term of the controlled vocabulary of topics."""

    id: Id
    label: Bilingual
    description: Bilingual


class Source(Strict):
    """One press article, described only by what the article itself gives."""

    id: Id
    file: str
    publisher: str | None = None
    headline: str | None = None
    published: dt.datetime | dt.date | None = None
    section_tags: list[ShortText] = []
    summary: Bilingual

    @field_validator("file")
    @classmethod
    def _inside_the_archive(cls, value: str) -> str:
        if not ARCHIVE_PATH.match(value) or value.endswith("/"):
            raise ValueError("expected a file path relative to the article archive, without '..' or a leading '/'")
        return value


class Evidence(Strict):
    """The short verbatim passage of one cited article that supports a statement.

    `text` is the article's own words (parts may be joined by an ellipsis, …); `en` is an English
    rendering, shown marked as a translation."""

    source: Id
    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE_CHARS)]
    en: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE_CHARS)] | None = None


class Cited(Strict):
    """Anything stated on an event page names the source(s) that report it, with the passage of each."""

    sources: list[Id] = Field(min_length=1)
    evidence: list[Evidence] = []

    def passages(self, source: str) -> list[Evidence]:
        """The evidence this statement gives from one of its sources."""
        return [item for item in self.evidence if item.source == source]


class KeyPoint(Cited):
    text: Bilingual


class Role(Cited):
    """An organisation's part in an event (organiser, participant...)."""

    org: Id
    role: Bilingual


class Participant(Cited):
    """A person at the event, with the role and organisation the source gives."""

    person: Id
    role: Bilingual
    org: Id | None = None
    spoke: bool = False


class Figure(Cited):
    """A number the sources report: its value, unit and what it measures."""

    value: float
    qualifier: Literal[FIGURE_QUALIFIERS] = "exact"  # type: ignore[valid-type]
    unit: Bilingual | None = None
    measure: Bilingual
    subject: Id | None = None
    #: An editorial choice: the event page's fact panel shows its headline figures (2–4 per event).
    headline: bool = False
    #: The short label of a headline figure in the fact panel, when the measure is too long for it.
    label: Bilingual | None = None

    def panel_label(self, lang: str) -> str:
        """What the fact panel says under the number: the short label, else the measure."""
        return (self.label or self.measure)[lang]


class Commitment(Cited):
    """A commitment or target: who, what, by when, in the source's own status words."""

    actor: Id
    what: Bilingual
    target_year: int | None = Field(default=None, ge=1990, le=2100)
    status: Bilingual


class Quotation(Cited):
    """A short quotation, original Vietnamese with an English translation."""

    speaker: Id
    vi: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE_CHARS)]
    en: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE_CHARS)]


class Version(Cited):
    """One source's version of a disputed fact."""

    text: Bilingual


class Discrepancy(Strict):
    """Where the sources of one event disagree: both versions, with their sources."""

    about: Bilingual
    versions: list[Version] = Field(min_length=2)


class DateInfo(Strict):
    """When the event took place, and which parts of the date were inferred."""

    value: dt.date
    inferred: list[Literal[DATE_PARTS]] = []  # type: ignore[valid-type]
    inference: Bilingual | None = None


class EventPlace(Strict):
    """Where the event took place; `inferred` when the sources do not say so outright."""

    province: Id
    venue: Bilingual | None = None
    inferred: bool = False
    inference: Bilingual | None = None


class NumberNote(Strict):
    """A deliberate difference in numbers between the two languages of one field."""

    field: str
    numbers: list[str] = Field(min_length=1)
    reason: Bilingual


class Event(Strict):
    """One structured summary of one event, in both languages."""

    id: Id
    date: DateInfo
    place: EventPlace
    partners: list[Id] = []
    title: Bilingual
    lead: Bilingual
    summary: BilingualList
    key_points: list[KeyPoint] = Field(min_length=1)
    organisers: list[Role] = Field(min_length=1)
    participants: list[Participant] = []
    attending_organisations: list[Role] = []
    figures: list[Figure] = []
    commitments: list[Commitment] = []
    quotations: list[Quotation] = []
    discrepancies: list[Discrepancy] = []
    topics: list[Id] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    number_notes: list[NumberNote] = []


def cited_items(event: Event) -> Iterator[tuple[tuple, Cited]]:
    """(field path, item) for every item of an event that cites sources."""
    for group in ("organisers", "attending_organisations", "participants", "figures", "commitments", "quotations", "key_points"):
        for i, item in enumerate(getattr(event, group)):
            yield (group, i), item
    for i, disc in enumerate(event.discrepancies):
        for k, version in enumerate(disc.versions):
            yield ("discrepancies", i, "versions", k), version
