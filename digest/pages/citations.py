"""How to cite an event page: BibTeX, RIS and CSL-JSON per language, and the citation meta tags' values.

Only what the data gives: the page's title, the event's date (the date every citation of the site
uses, with its inferred parts said in a note), the language, the site as publisher, the permalink.
No author is given: the summaries have none in the data.
"""

from __future__ import annotations

import json
import re

from digest import site
from digest.pages.helpers import PageHelpers
from digest.schema import Event

_BIBTEX_SPECIAL = re.compile(r"([{}\\%&$#_^~])")
_BIBTEX_REPLACE = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
LANGUAGE_NAMES = {"vi": "vietnamese", "en": "english"}


def citation_key(event: Event, lang: str) -> str:
    return f"nzd-{event.id}-{lang}"


def note(helpers: PageHelpers, event: Event) -> str:
    """'Event date: 18 January 2024 (inferred: year). Summary of press reports, CC BY 4.0.'"""
    return helpers.t["cite_note"].format(date=helpers.event_date_marked(event))


def meta(helpers: PageHelpers, event: Event) -> dict[str, str]:
    """The values of the page's citation meta tags (Highwire `citation_*`, Dublin Core)."""
    lang = helpers.lang
    return {"title": event.title[lang], "date": event.date.value.strftime("%Y/%m/%d"), "iso_date": event.date.value.isoformat(),
            "language": lang, "publisher": helpers.t["site_name"], "url": helpers.absolute_url("events", event.id)}


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACE.get(m[1], "\\" + m[1]), text)


def bibtex(helpers: PageHelpers, event: Event) -> str:
    """A biblatex/BibTeX @online entry (UTF-8)."""
    values = meta(helpers, event)
    fields = [
        ("title", "{" + _bibtex_text(values["title"]) + "}"),
        ("organization", _bibtex_text(values["publisher"])),
        ("date", values["iso_date"]),
        ("year", str(event.date.value.year)),
        ("url", values["url"]),
        ("langid", LANGUAGE_NAMES.get(helpers.lang, helpers.lang)),
        ("note", _bibtex_text(note(helpers, event))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{citation_key(event, helpers.lang)},\n{body}\n}}\n"


def ris(helpers: PageHelpers, event: Event) -> str:
    """An RIS record (type ELEC: a web page)."""
    values = meta(helpers, event)
    lines = [("TY", "ELEC"), ("TI", values["title"]), ("PB", values["publisher"]), ("PY", str(event.date.value.year)),
             ("DA", values["date"] + "/"), ("UR", values["url"]), ("LA", values["language"]), ("N1", note(helpers, event)),
             ("ID", citation_key(event, helpers.lang))]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "ER  - \n"


def csl_json(helpers: PageHelpers, event: Event) -> str:
    """A CSL-JSON item (a list of one), for Zotero, Mendeley and citeproc."""
    values = meta(helpers, event)
    date = event.date.value
    item = {
        "id": citation_key(event, helpers.lang), "type": "webpage", "title": values["title"],
        "publisher": values["publisher"], "URL": values["url"],
        "language": values["language"], "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "note": note(helpers, event),
    }
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


WRITERS = {"bibtex": bibtex, "ris": ris, "csl": csl_json}
#: The media types of the citation files, for the links' `type`.
CITATION_TYPES = {"bibtex": "application/x-bibtex", "ris": "application/x-research-info-systems", "csl": "application/vnd.citationstyles.csl+json"}


def citation_files(helpers: PageHelpers, event: Event) -> dict[str, str]:
    """{path under docs/: text} of an event's citation files in the helpers' language."""
    return {site.docs_file(helpers.lang, site.attachment_doc("events", event.id, name)): WRITERS[fmt](helpers, event)
            for fmt, name in site.CITATION_FILES.items()}
