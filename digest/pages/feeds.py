"""The Atom feed of each language: the latest events."""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from digest import site
from digest.load import Catalogue

FEED_SIZE = 50
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def atom_feed(catalogue: Catalogue, lang: str, labels: dict) -> str:
    """The latest events as an Atom 1.0 feed in one language. Dates are event dates: the
    sources give no other date that applies to every summary."""
    home = site.absolute_url("home", lang=lang)
    feed = site.absolute_url("feed", lang=lang)
    events = catalogue.events[:FEED_SIZE]
    updated = f"{events[0].date.value.isoformat()}T00:00:00Z" if events else "2024-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"  <title>{xml_escape(labels['site_name'])}</title>",
        f"  <subtitle>{xml_escape(labels['home_description'])}</subtitle>",
        f"  <id>{xml_escape(home)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(home)}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{xml_escape(labels['site_name'])}</name></author>",
        f"  <rights>{xml_escape(LICENCE)}</rights>",
    ]
    for event in events:
        url = site.absolute_url("events", event.id, lang)
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
