"""Machine-readable outputs: Atom feeds per language, open data (JSON, CSV) and its JSON Schema."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from pydantic import BaseModel

from digest.load import Catalogue
from digest.model import LANGUAGES, Event, Organisation, Person, Place, Topic

FEED_SIZE = 50
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
LANG_PREFIX = {"vi": "", "en": "en/"}


def event_url(site_url: str, lang: str, event_id: str) -> str:
    return f"{site_url}{LANG_PREFIX[lang]}events/{event_id}/"


def atom_feed(catalogue: Catalogue, lang: str, site_url: str, labels: dict) -> str:
    """The latest events as an Atom 1.0 feed in one language. Dates are event dates: the
    sources give no other date that applies to every summary."""
    home = f"{site_url}{LANG_PREFIX[lang]}"
    events = catalogue.events[:FEED_SIZE]
    updated = f"{events[0].date.value.isoformat()}T00:00:00Z" if events else "2024-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"  <title>{xml_escape(labels['site_name'])}</title>",
        f"  <subtitle>{xml_escape(labels['home_description'])}</subtitle>",
        f"  <id>{xml_escape(home)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(home + "feed.xml")}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(home)}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{xml_escape(labels['site_name'])}</name></author>",
        f"  <rights>{xml_escape(LICENCE)}</rights>",
    ]
    for event in events:
        url = event_url(site_url, lang, event.id)
        stamp = f"{event.date.value.isoformat()}T00:00:00Z"
        lines += [
            "  <entry>",
            f"    <title>{xml_escape(event.title[lang])}</title>",
            f"    <id>{xml_escape(url)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"    <updated>{stamp}</updated>",
            f"    <published>{stamp}</published>",
            f"    <summary>{xml_escape(event.lead[lang])}</summary>",
            *[f"    <category term={quoteattr(t)} label={quoteattr(catalogue.topics[t].label[lang])}/>" for t in event.topics],
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


class OpenEvent(Event):
    """An event as published in the open data: the data file's fields plus its permalinks."""

    url_vi: str
    url_en: str


class OpenData(BaseModel):
    """The open-data document: every event and entity, under a licence."""

    licence: str
    site: str
    events: list[OpenEvent]
    places: list[Place]
    organisations: list[Organisation]
    people: list[Person]
    topics: list[Topic]


def open_data(catalogue: Catalogue, site_url: str) -> OpenData:
    events = [
        OpenEvent(**event.model_dump(), url_vi=event_url(site_url, "vi", event.id), url_en=event_url(site_url, "en", event.id))
        for event in catalogue.events
    ]
    return OpenData(
        licence=LICENCE, site=site_url, events=events,
        places=sorted(catalogue.places.values(), key=lambda e: e.id),
        organisations=sorted(catalogue.organisations.values(), key=lambda e: e.id),
        people=sorted(catalogue.people.values(), key=lambda e: e.id),
        topics=sorted(catalogue.topics.values(), key=lambda e: e.id),
    )


def open_data_json(data: OpenData) -> str:
    # Compact: the C encoder is several times faster than the indenting one, and the file smaller.
    return json.dumps(data.model_dump(mode="json", exclude_none=True), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def open_data_schema(site_url: str) -> str:
    schema = OpenData.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{site_url}data/schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


CSV_COLUMNS = ("id", "date", "date_inferred", "place_id", "place_vi", "place_en", "title_vi", "title_en",
               "lead_vi", "lead_en", "topics", "organisers", "figures", "commitments", "sources", "url_vi", "url_en")


def open_data_csv(catalogue: Catalogue, site_url: str) -> str:
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
            " ".join(s.file for s in event.sources), *(event_url(site_url, lang, event.id) for lang in LANGUAGES),
        ])
    return out.getvalue()
