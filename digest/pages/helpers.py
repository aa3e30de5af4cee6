"""What templates ask of the data in one language: names, dates, figures, links, related events.

Helpers return plain text and data; templates hold the markup and escape by their kind.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from digest import site
from digest.load import Catalogue
from digest.numbers import format_date, format_number
from digest.pages.browse import Browse
from digest.pages.chart import timeline_svg
from digest.pages.markup import event_jsonld, script_json
from digest.schema import Event, Figure, Source

#: The longest label of a target in the commitments timeline's legend, in characters.
SHORT_LABEL = 90

_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)


class Names:
    """An entity's names as `PageHelpers.mentions` finds them in a text: any of them as whole words, in any case."""

    def __init__(self, names: list[str | None]):
        alternatives = sorted(filter(None, names), key=len, reverse=True)
        self.pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, alternatives))})(?!\w)", re.IGNORECASE)
        # Among PLAIN_LETTERS, IGNORECASE equates just what `str.lower` does: in a text of those, a name of
        # those can match only where its lowercase is in the text's, a quick way to the pattern's "no".
        plain = all(PLAIN_LETTERS.issuperset(name) for name in alternatives)
        self._lowered = tuple(name.lower() for name in alternatives) if alternatives and plain else None

    def found_in(self, text: str) -> bool:
        """Whether `pattern` finds a name in `text`."""
        if self._lowered is not None:
            lowered = _plain_lowercase(text)
            if lowered is not None and not any(name in lowered for name in self._lowered):
                return False
        return self.pattern.search(text) is not None


@lru_cache(maxsize=4096)  # a text is looked at for each entity of its event
def _plain_lowercase(text: str) -> str | None:
    """A text's lowercase, when all its characters are PLAIN_LETTERS."""
    return text.lower() if text.isascii() or PLAIN_LETTERS.issuperset(text) else None


#: ASCII, Latin letters (Vietnamese's among them) and general punctuation, less the few characters that `re`'s
#: IGNORECASE equates with another of them though `str.lower` does not ("ı" and "i", "ſ" and "s"), or whose
#: lowercase is two characters ("İ"). tests/unit/test_render.py checks every pair against `re`.
PLAIN_LETTERS = frozenset(map(chr, [*range(0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)])) - set("\u0130\u0131\u017f\u1e60\u1e61\u1e9b")


class PageHelpers:
    """Helpers a template needs for one language."""

    def __init__(self, catalogue: Catalogue, lang: str, labels: dict, browse: Browse | None = None):
        self.browse = browse
        self.catalogue = catalogue
        self.lang = lang
        self.other = site.other_languages(lang)[0]
        self.t = labels
        self._keys: dict[str, dict[str, str]] = {}
        self._names: dict[tuple[str, str], Names] = {}
        self._at: dict[tuple[str, str, str], dict[str, list]] = {}

    # -- links (the site map's, in this language)

    def absolute_url(self, kind: str, ident: str | None = None, page: int = 1) -> str:
        return site.absolute_url(kind, ident, self.lang, page)

    # -- names

    def entity(self, kind: str, ident: str):
        return getattr(self.catalogue, kind)[ident]

    def entity_kind(self, kind: str, ident: str) -> str:
        """Where an entity is declared: a commitment actor or figure subject may be a place."""
        return "places" if kind == "organisations" and ident not in self.catalogue.organisations else kind

    def entity_name(self, kind: str, ident: str) -> str:
        entity = self.entity(self.entity_kind(kind, ident), ident)
        if kind == "people":
            return entity.name
        return entity.label[self.lang] if kind == "topics" else entity.name[self.lang]

    def org(self, ident: str) -> str:
        entity = self.catalogue.organisations.get(ident) or self.catalogue.places[ident]
        return entity.name[self.lang]

    def place(self, ident: str) -> str:
        return self.catalogue.places[ident].name[self.lang]

    def topic(self, ident: str) -> str:
        return self.catalogue.topics[ident].label[self.lang]

    def source_name(self, source: Source) -> str:
        if source.headline:
            return f"{source.headline}" + (f" ({source.publisher})" if source.publisher else "")
        return self.t["source_untitled"].format(file=source.file)

    @staticmethod
    def looks_vietnamese(text: str) -> bool:
        """Whether a name carries Vietnamese letters (for its `lang` attribute)."""
        return bool(_VIETNAMESE_LETTERS.search(text))

    def search_terms(self, event: Event) -> str:
        """Other names of the places, organisations and people an event names: their
        aliases and their names in the other language. Printed into a hidden block that
        only the search index reads, so readers find "Haiphong" or "Hải Phòng" whatever
        the page's language (aliases live in data/, not in code)."""
        places = [event.place.province, *event.partners]
        orgs = [r.org for r in (*event.organisers, *event.attending_organisations)]
        orgs += [p.org for p in event.participants if p.org] + [f.subject for f in event.figures if f.subject]
        orgs += [c.actor for c in event.commitments]
        people = [p.person for p in event.participants] + [q.speaker for q in event.quotations]
        terms: list[str] = []
        for ident in dict.fromkeys(places + orgs):
            entity = self.catalogue.organisations.get(ident) or self.catalogue.places[ident]
            short = getattr(entity, "short", None)
            terms += [entity.name[self.other], *([short] if short else []), *entity.aliases]
        for ident in dict.fromkeys(people):
            terms += self.catalogue.people[ident].aliases
        return " · ".join(dict.fromkeys(terms))

    # -- dates and numbers

    def event_date(self, event: Event) -> str:
        return format_date(event.date.value, self.lang)

    def event_date_marked(self, event: Event) -> str:
        """'18/01/2024 (suy luận: năm)': the date with its inferred parts said, for plain text (cards, citations)."""
        date = self.event_date(event)
        return f"{date} ({self.t['inferred']}: {self.inferred_parts(event)})" if event.date.inferred else date

    def event_short(self, event: Event) -> str:
        """An event in a few words, for a link in a narrow column: '18/01/2024 · Bình Dương'."""
        return f"{self.event_date_marked(event)} · {self.place(event.place.province)}"

    def event_place_marked(self, event: Event) -> str:
        """'Bà Rịa – Vũng Tàu (suy luận)': the event's province, said to be inferred when it is, for plain text (search results)."""
        place = self.place(event.place.province)
        return f"{place} ({self.t['inferred']})" if event.place.inferred else place

    def inferred_parts(self, event: Event) -> str:
        """The inferred parts of an event's date, in words: 'year'."""
        return ", ".join(self.t["date_parts"][part] for part in event.date.inferred)

    def figure(self, fig: Figure) -> str:
        qualifier = self.t["qualifier"][fig.qualifier]
        unit = fig.unit[self.lang] if fig.unit else ""
        value = format_number(fig.value, self.lang)
        text = f"{value}{unit}" if unit == "%" else f"{value} {unit}".strip()
        return f"{qualifier} {text}".strip()

    # -- an entity at one event

    def mentions(self, kind: str, ident: str, text: str) -> bool:
        """Whether a text (in this language) names an entity: a person by name or alias; an organisation
        or place by its name in this language, short name or alias; whole words, any case. The one rule
        by which an entity's page picks the key points and commitments that name it."""
        names = self._names.get((kind, ident))
        if names is None:
            entity = self.entity(kind, ident)
            name = entity.name if kind == "people" else entity.name[self.lang]
            names = self._names[kind, ident] = Names([name, getattr(entity, "short", None), *entity.aliases])
        return names.found_in(text)

    def at_event(self, kind: str, ident: str, event: Event) -> dict[str, list]:
        """What an entity's page shows of one event: a person's roles there (participants, with role and
        organisation as the sources give them), quotations and the summary's paragraphs naming them (their
        reported speech); an organisation's or place's commitments
        (as actor) and figures (as subject); the key points naming a person or organisation, and the
        commitments naming a person. Empty lists for what does not apply. An entity's page asks twice
        (its table, its section per event): the answer is kept."""
        key = (kind, ident, event.id)
        if key not in self._at:
            self._at[key] = self._at_event(kind, ident, event)
        return self._at[key]

    def _at_event(self, kind: str, ident: str, event: Event) -> dict[str, list]:
        found: dict[str, list] = {"participations": [], "quotations": [], "summary": [], "key_points": [], "commitments": [], "figures": []}
        if kind == "topics":
            return found
        if kind == "people":
            found["participations"] = [part for part in event.participants if part.person == ident]
            found["quotations"] = [quote for quote in event.quotations if quote.speaker == ident]
            found["summary"] = [text for text in event.summary[self.lang] if self.mentions(kind, ident, text)]
            found["commitments"] = [item for item in self.commitments(event) if self.mentions(kind, ident, item.what[self.lang])]
        else:
            found["commitments"] = [item for item in self.commitments(event) if item.actor == ident]
            found["figures"] = [fig for fig in event.figures if fig.subject == ident]
        if kind in ("people", "organisations"):
            found["key_points"] = [point for point in event.key_points if self.mentions(kind, ident, point.text[self.lang])]
        return found

    def at_events(self, kind: str, ident: str, appearances) -> list[tuple[Event, dict[str, list]]]:
        """(event, at_event) for the appearances (one page of them) where the entity said, committed to
        or is named in something."""
        found = [(a.event, self.at_event(kind, ident, a.event)) for a in appearances]
        return [(event, at) for event, at in found if any(at[part] for part in ("quotations", "summary", "key_points", "commitments", "figures"))]

    # -- an event's parts

    def headline_figures(self, event: Event) -> list[Figure]:
        """The figures the editors chose for the fact panel, in the data's order."""
        return [fig for fig in event.figures if fig.headline]

    def commitments(self, event: Event) -> list:
        """Commitments by target year, those without a year last."""
        return sorted(event.commitments, key=lambda c: (c.target_year is None, c.target_year or 0))

    def source_keys(self, event: Event) -> dict[str, str]:
        """The letter of each of an event's sources: {'hp-a': 'A', 'hp-b': 'B'}."""
        if event.id not in self._keys:
            self._keys[event.id] = {source.id: chr(ord("A") + i) for i, source in enumerate(event.sources)}
        return self._keys[event.id]

    def related(self, event: Event) -> list:
        return self.browse.related[event.id] if self.browse else []

    def related_reason(self, shared: list[str]) -> str:
        """'Shares Hai Phong, Net Zero targets' from ['places:hai-phong', 'topics:net-zero-targets']."""
        names = [self.entity_name(*item.split(":", 1)) for item in shared[:3]]
        return self.t["related_shared"].format(what=", ".join(names))

    def citation(self, event: Event) -> str:
        return self.t["cite_format"].format(title=event.title[self.lang], date=self.event_date_marked(event),
                                         url=self.absolute_url("events", event.id))

    def jsonld(self, event: Event) -> Markup:
        return script_json(event_jsonld(event, self.lang, self))

    # -- lists

    @staticmethod
    def archive_pages(archive) -> list[tuple[int, int, int]]:
        """(year, events that year, archive page where the year starts), newest year first."""
        out, seen = [], 0
        for year, months in archive:
            count = sum(len(events) for _, events in months)
            out.append((year, count, seen // site.PER_PAGE + 1))
            seen += count
        return out

    @staticmethod
    def short_label(text: str, year: int | None = None) -> str:
        """A commitment's text shortened for the timeline's legend: a leading 'By 2030:' (which the
        legend says already) dropped, then cut at a word before SHORT_LABEL characters, with '…'."""
        head, colon, rest = text.partition(":")
        if colon and year and str(year) in head and len(head) < 24 and rest.strip():
            text = rest.strip()
            text = text[:1].upper() + text[1:]
        if len(text) <= SHORT_LABEL:
            return text
        return text[:SHORT_LABEL].rsplit(" ", 1)[0].rstrip(",;:.–- ") + "…"

    def chart(self, items) -> dict:
        """The timeline of one page of the commitments list ((number, row) pairs): the SVG, one dot per
        target year, and its legend, [(year, [(number, actor, short label)])] by year."""
        legend: dict[int, list[tuple[int, str, str]]] = {}
        for number, row in items:
            item = row.commitment
            if item.target_year:
                legend.setdefault(item.target_year, []).append(
                    (number, self.org(item.actor), self.short_label(item.what[self.lang], item.target_year)))
        counts = {year: len(targets) for year, targets in sorted(legend.items())}
        description = self.t["chart_description"].format(
            counts="; ".join(self.t["chart_count"].format(year=year, n=n) for year, n in counts.items()))
        svg = timeline_svg(counts, self.t["chart_title"], description, self.t["chart_count"])
        return {"svg": svg, "legend": sorted(legend.items())}
