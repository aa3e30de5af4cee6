"""The open data: every event and entity as JSON (with its JSON Schema) and the main fields as CSV."""

from __future__ import annotations

import csv
import io
import json
from json.encoder import encode_basestring
from typing import Any

from pydantic import BaseModel

from digest import site
from digest.load import Catalogue
from digest.pages.feeds import LICENCE
from digest.schema import Event, Organisation, Person, Place, Topic


class OpenEvent(Event):
    """An event as published in the open data: the data file's fields plus its permalinks."""

    url_vi: str
    url_en: str
    url_json: str


class OpenEventFile(OpenEvent):
    """One event's own data file: the event, with the licence and the site it comes from."""

    licence: str
    site: str


class OpenData(BaseModel):
    """The open-data document: every event and entity, under a licence."""

    licence: str
    site: str
    events: list[OpenEvent]
    places: list[Place]
    organisations: list[Organisation]
    people: list[Person]
    topics: list[Topic]


def open_event(event: Event) -> OpenEvent:
    """An event as the open data publishes it: its data with its permalinks and its own file's URL.
    The event's fields are valid already (an OpenEvent is an Event and three links), so they are not validated again."""
    return OpenEvent.model_construct(**dict(event), **{f"url_{lang}": site.absolute_url("events", event.id, lang) for lang in site.LANGUAGES},
                                     url_json=site.absolute_url("data", f"events/{event.id}.json"))


def event_data(event: Event) -> dict[str, Any]:
    """An event's open data as JSON values: what its own file holds, and the whole archive's file for it."""
    return open_event(event).model_dump(mode="json", exclude_none=True)


def event_json(data: dict[str, Any]) -> str:
    """One event's own data file (/data/events/<id>.json), from its `event_data`."""
    return indented_json({"licence": LICENCE, "site": site.site_url(), **data}) + "\n"


def event_schema() -> str:
    """The JSON Schema of one event's data file."""
    schema = OpenEventFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = site.absolute_url("data", "event.schema.json")
    return indented_json(schema) + "\n"


def indented_json(data: Any) -> str:
    """JSON data (dicts with text keys, lists, text, numbers, booleans, None) as
    `json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)` writes it."""
    # The standard library's indenting encoder is pure Python, passing every piece up through a generator per level.
    out: list[str] = []
    _write_indented(data, "\n", out)
    return "".join(out)


_SCALAR = json.JSONEncoder(ensure_ascii=False)


def _write_indented(value: Any, newline: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner, opening = newline + " ", "{"
        for key, item in sorted(value.items()):
            out.append(f"{opening}{inner}{encode_basestring(key)}: ")
            _write_indented(item, inner, out)
            opening = ","
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner, opening = newline + " ", "["
        for item in value:
            out.append(opening + inner)
            _write_indented(item, inner, out)
            opening = ","
        out.append(newline + "]")
    else:
        out.append(_SCALAR.encode(value))


def open_data(catalogue: Catalogue, events: list[OpenEvent] | None = None) -> OpenData:
    events = events if events is not None else [open_event(event) for event in catalogue.events]
    return OpenData(
        licence=LICENCE, site=site.site_url(), events=events,
        places=sorted(catalogue.places.values(), key=lambda e: e.id),
        organisations=sorted(catalogue.organisations.values(), key=lambda e: e.id),
        people=sorted(catalogue.people.values(), key=lambda e: e.id),
        topics=sorted(catalogue.topics.values(), key=lambda e: e.id),
    )


def open_data_json(catalogue: Catalogue, events: list[dict[str, Any]] | None = None) -> str:
    """The whole archive's file; `events`: each event's `event_data`, when the caller has them (an `OpenData`
    dumps its events as `event_data` does)."""
    data = open_data(catalogue, []).model_dump(mode="json", exclude_none=True)
    data["events"] = events if events is not None else [event_data(event) for event in catalogue.events]
    # Compact: the C encoder is faster than the indenting one, and the file smaller.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def open_data_schema() -> str:
    schema = OpenData.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = site.absolute_url("data", "schema.json")
    return indented_json(schema) + "\n"


CSV_COLUMNS = ("id", "date", "date_inferred", "place_id", "place_vi", "place_en", "title_vi", "title_en",
               "lead_vi", "lead_en", "topics", "organisers", "figures", "commitments", "sources", "url_vi", "url_en")


def open_data_csv(catalogue: Catalogue) -> str:
    """One row per event: the fields most analyses need; the JSON has everything."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for event in catalogue.events:
        place = catalogue.places[event.place.province]
        writer.writerow([
            event.id, event.date.value.isoformat(), " ".join(event.date.inferred), place.id, place.name.vi, place.name.en,
            event.title.vi, event.title.en, event.lead.vi, event.lead.en, " ".join(event.topics),
            " ".join(r.org for r in event.organisers), len(event.figures), len(event.commitments),
            " ".join(s.file for s in event.sources), *(site.absolute_url("events", event.id, lang) for lang in site.LANGUAGES),
        ])
    return out.getvalue()
