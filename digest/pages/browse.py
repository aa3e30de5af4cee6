"""Browse: what the catalogue says across events — who appears where and as what,
related events, the archive, and every commitment — computed once for all pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from digest.load import Catalogue
from digest.schema import Bilingual, Commitment, Event, Source

#: Entity kinds with their own pages, in the order the browse index lists them.
ENTITY_KINDS = ("topics", "places", "organisations", "people")

#: Weights of what two events share, for ranking related events.
RELATED_WEIGHTS = {"places": 3, "organisations": 2, "people": 2, "topics": 1}
RELATED_LIMIT = 5

_PLACE_ROLE = Bilingual(vi="nơi diễn ra", en="venue")
_PARTNER_ROLE = Bilingual(vi="đối tác", en="partner")
_TOPIC_ROLE = Bilingual(vi="chủ đề", en="topic")
_ACTOR_ROLE = Bilingual(vi="chủ thể cam kết", en="party to a commitment")
_SUBJECT_ROLE = Bilingual(vi="được nêu trong số liệu", en="named in a figure")
_SPEAKER_ROLE = Bilingual(vi="được trích dẫn", en="quoted")


@dataclass(frozen=True)
class Appearance:
    """One event an entity appears in, with its role(s) there."""

    event: Event
    roles: tuple[Bilingual, ...]


@dataclass(frozen=True)
class CommitmentRow:
    commitment: Commitment
    event: Event
    sources: tuple[Source, ...]


@dataclass
class Browse:
    appearances: dict[str, dict[str, list[Appearance]]] = field(default_factory=dict)  # kind → id → appearances
    related: dict[str, list[tuple[Event, int, list[str]]]] = field(default_factory=dict)  # event id → ranked
    archive: list[tuple[int, list[tuple[int, list[Event]]]]] = field(default_factory=list)  # year → month → events
    commitments: list[CommitmentRow] = field(default_factory=list)
    sources: list[tuple[Source, Event]] = field(default_factory=list)


def entity_roles(event: Event, people: dict | None = None) -> dict[str, dict[str, list[Bilingual]]]:
    """kind → id → the roles an entity has in one event (first role first)."""
    roles: dict[str, dict[str, list[Bilingual]]] = {kind: defaultdict(list) for kind in ENTITY_KINDS}
    roles["places"][event.place.province].append(_PLACE_ROLE)
    for ident in event.partners:
        roles["places"][ident].append(_PARTNER_ROLE)
    for ident in event.topics:
        roles["topics"][ident].append(_TOPIC_ROLE)
    for role in (*event.organisers, *event.attending_organisations):
        roles["organisations"][role.org].append(role.role)
    for part in event.participants:
        roles["people"][part.person].append(part.role)
        if part.org:
            name = people[part.person].name if people else part.person
            roles["organisations"][part.org].append(Bilingual(vi=f"{part.role.vi}: {name}", en=f"{part.role.en}: {name}"))
    for quote in event.quotations:
        if quote.speaker not in roles["people"]:
            roles["people"][quote.speaker].append(_SPEAKER_ROLE)
    for item in event.commitments:
        roles["organisations"][item.actor].append(_ACTOR_ROLE)
    for fig in event.figures:
        if fig.subject:
            roles["organisations"][fig.subject].append(_SUBJECT_ROLE)
    return roles


def filed_roles(event: Event, catalogue: Catalogue) -> dict[str, dict[str, list[Bilingual]]]:
    """An event's entity roles (`entity_roles`), each entity filed under the kind it is declared as."""
    roles = entity_roles(event, catalogue.people)
    # Commitment actors and figure subjects may be places: file them where they are declared.
    for ident in list(roles["organisations"]):
        if ident not in catalogue.organisations:
            roles["places"][ident].extend(roles["organisations"].pop(ident))
    return roles


def related_only(catalogue: Catalogue, event_ids: set[str], kinds: dict[str, dict[str, set[str]]]) -> Browse:
    """A `Browse` holding only the related events of `event_ids` (what their own pages need), from each
    event's entities by kind (`kinds`, event id → kind → ids, for every event of the catalogue)."""
    return Browse(related=_related(catalogue.events, kinds, only=event_ids))


def build_browse(catalogue: Catalogue) -> Browse:
    """Every cross-event view the pages need."""
    browse = Browse(appearances={kind: defaultdict(list) for kind in ENTITY_KINDS})
    per_event: dict[str, dict[str, set[str]]] = {}
    for event in catalogue.events:  # newest first
        roles = filed_roles(event, catalogue)
        per_event[event.id] = {kind: set(ids) for kind, ids in roles.items()}
        for kind, ids in roles.items():
            for ident, found in ids.items():
                unique = tuple(dict.fromkeys(found))
                browse.appearances[kind][ident].append(Appearance(event, unique))
        sources = {s.id: s for s in event.sources}
        for item in event.commitments:
            browse.commitments.append(CommitmentRow(item, event, tuple(sources[s] for s in item.sources)))
        browse.sources += [(source, event) for source in event.sources]
    browse.commitments.sort(key=lambda row: (row.commitment.target_year is None, row.commitment.target_year or 0,
                                             row.event.date.value, row.event.id))
    browse.related = _related(catalogue.events, per_event)
    browse.archive = [
        (year, [(month, list(in_month)) for month, in_month in groupby(list(in_year), key=lambda e: e.date.value.month)])
        for year, in_year in groupby(catalogue.events, key=lambda e: e.date.value.year)
    ]
    browse.sources.sort(key=lambda pair: (pair[1].date.value, pair[1].id, pair[0].id), reverse=True)
    return browse


def _related(events: list[Event], per_event: dict[str, dict[str, set[str]]],
             only: set[str] | None = None) -> dict[str, list[tuple[Event, int, list[str]]]]:
    """For each event (of `only`, when given), the others ranked by weighted shared places, organisations,
    people and topics. Uses an inverted index, so the cost grows with shared entities, not with all pairs of events."""
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id, kinds in per_event.items():
        for kind, ids in kinds.items():
            for ident in ids:
                holders[(kind, ident)].append(event_id)
    by_id = {e.id: e for e in events}
    related = {}
    for event in events:
        if only is not None and event.id not in only:
            continue
        scores: dict[str, int] = defaultdict(int)
        shared: dict[str, list[str]] = defaultdict(list)
        for kind, ids in per_event[event.id].items():
            for ident in sorted(ids):
                others = holders[(kind, ident)]
                if len(others) > 200:
                    continue  # an entity on hundreds of events says little about relatedness
                for other in others:
                    if other != event.id:
                        scores[other] += RELATED_WEIGHTS[kind]
                        shared[other].append(f"{kind}:{ident}")
        ranked = sorted(scores, key=lambda other: (-scores[other], -by_id[other].date.value.toordinal(), other))
        related[event.id] = [(by_id[other], scores[other], shared[other]) for other in ranked[:RELATED_LIMIT]]
    return related
