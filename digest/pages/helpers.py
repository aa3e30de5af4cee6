"""What templates ask of the data in one language: names, dates, figures, links, related events.

Helpers return plain text and data; templates hold the markup and escape by their kind.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from digest import site
from digest.load import Catalogue
from digest.numbers import format_date, format_number
from digest.pages.browse import Browse
from digest.pages.chart import timeline_svg
from digest.pages.markup import event_jsonld, script_json
from digest.schema import Event, Figure, Source

_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)


class PageHelpers:
    """Helpers a template needs for one language."""

    def __init__(self, catalogue: Catalogue, lang: str, labels: dict, browse: Browse | None = None):
        self.browse = browse
        self.catalogue = catalogue
        self.lang = lang
        self.other = site.other_languages(lang)[0]
        self.t = labels
        self._keys: dict[str, dict[str, str]] = {}

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

    # -- an event's parts

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
        return self.t["cite_format"].format(title=event.title[self.lang], date=self.event_date(event), url=self.absolute_url("events", event.id))

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

    def chart(self, rows) -> Markup:
        dated = [(row.commitment.target_year, f"{self.org(row.commitment.actor)}: {row.commitment.what[self.lang]}") for row in rows]
        counts: dict[int, int] = {}
        for year, _ in dated:
            if year:
                counts[year] = counts.get(year, 0) + 1
        description = self.t["chart_description"].format(
            counts="; ".join(self.t["chart_count"].format(year=year, n=n) for year, n in sorted(counts.items())))
        svg = timeline_svg(dated, self.t["chart_title"], description, self.t["target_year"])
        return Markup(f'<figure class="nzd-chart-figure">{svg}</figure>') if svg else Markup("")
