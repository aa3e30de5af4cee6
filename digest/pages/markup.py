"""Markup: escaping by template kind, and the JSON-LD of event pages.

A template's file name says its kind, and its kind says how every value it prints is escaped:

    *.html.j2   HTML (`escape_html`, as autoescape) raw HTML blocks of the pages
    *.md.j2     Markdown, then HTML (`escape_md`)   headings, lists and tables MkDocs renders
    *.yaml.j2   a quoted YAML string (`yaml_string`) the pages' front matter

Each template is compiled (`KindEscaping`) to give every value it prints its kind's escaping, as
`Markup`; Jinja's autoescape is on in every template too, so macros give `Markup`. Values that are
markup already (`Markup`, the output of macros) are printed as they are, so a data text can never
become markup, and no template chooses an escaper value by value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any
from urllib.parse import quote

from jinja2.compiler import CodeGenerator
from markupsafe import Markup, _escape_inner, escape

# Characters Python-Markdown gives meaning to anywhere in a line; `<`, `>` and `&` become entities after.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()#|!])")
# Block syntax only matters at the start of a line: list markers (`>` is an entity by then).
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)\.)", re.MULTILINE)
_YAML_KEY = re.compile(r"[a-z][a-z0-9_]*")
_BACKTICKS = re.compile("`+")
# `Markup(text)` for a text already safe: `Markup.__new__` asks every value for `__html__`, which a text has not.
_as_markup = str.__new__


def escape_md(value: Any) -> Markup:
    """Escape a value for Markdown text (and the HTML it becomes)."""
    if isinstance(value, Markup):
        return value
    return _escape_md_text(str(value))


@lru_cache(maxsize=1 << 16)
def _escape_md_text(text: str) -> Markup:
    # Cached: labels, names and dates recur on thousands of pages.
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\.", text)
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def yaml_string(value: Any) -> Markup:
    """A front-matter string. The theme prints front matter into HTML unescaped, so it is
    HTML-escaped here; JSON quoting then makes it a valid YAML string."""
    if isinstance(value, Markup):
        return value
    # json.dumps(…, ensure_ascii=False) of the escaped text, as `escape` escapes it (a text without its wrapper)
    return _as_markup(Markup, encode_basestring(_escape_inner(value) if value.__class__ is str else str(escape(value))))


def yaml_key(value: Any) -> Markup:
    """A front-matter key: our own identifiers only (letters, digits, underscores)."""
    if not _YAML_KEY.fullmatch(str(value)):
        raise ValueError(f"front-matter key {value!r}: expected lower-case letters, digits and underscores")
    return Markup(str(value))


def md_code(value: Any) -> Markup:
    """A Markdown code span holding the text as it is (no escaping applies inside one)."""
    text = str(value)
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    return Markup(f"{fence} {text} {fence}" if longest or text.startswith(("`", " ")) else f"{fence}{text}{fence}")


def md_destination(path: str) -> Markup:
    """A Markdown link destination: the path percent-encoded where Markdown would read syntax
    (spaces, brackets, parentheses, backslashes), never backslash-escaped like text."""
    return Markup(quote(path, safe="/#:?=&.-_~%"))


def escape_html(value: Any) -> Markup:
    """Escape a value for HTML, as Jinja's autoescape does (markup is printed as it is)."""
    if value.__class__ is Markup:
        return value
    # A text escaped as `escape` escapes it, without its wrapper's call and checks.
    return _as_markup(Markup, _escape_inner(value)) if value.__class__ is str else escape(value)


#: Template kinds (by file name ending) → the escaper of every value they print.
ESCAPERS: dict[str, Callable[[Any], Markup]] = {
    ".html.j2": escape_html,
    ".md.j2": escape_md,
    ".yaml.j2": yaml_string,
}


def template_kind(name: str | None) -> str:
    """A template's kind (a key of ESCAPERS), from its name; a template of no known kind is an error."""
    for ending in ESCAPERS:
        if name and name.endswith(ending):
            return ending
    raise ValueError(f"template {name!r}: expected a name ending in one of {', '.join(ESCAPERS)}")


class KindEscaping(CodeGenerator):
    """Jinja's code generator, printing each value through its template kind's escaper
    (`environment.escapers`, ESCAPERS), chosen once from the template's name when it is compiled."""

    def _make_finalize(self):
        # Nothing is printed at compile time: every value goes through the escaper when the page renders.
        return self._FinalizeInfo(None, None)

    def _output_child_pre(self, node, frame, finalize) -> None:
        self.write(f"environment.escapers[{template_kind(self.name)!r}](")


def script_json(data: Any, kind: str = "application/ld+json") -> Markup:
    """A `<script>` holding JSON; `<`, `>`, `&` are JSON `\\u` escapes so no value can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="{kind}">{text}</script>')


def event_jsonld(event, lang: str, names) -> dict:
    """An event page's structured data (schema.org) in the page's language: the Event, and the
    summary as a Report citing its source articles by what they give (headline, publisher,
    date; no URLs). `names` gives entity names in the page's language."""
    province = names.catalogue.places[event.place.province]
    address = {"@type": "PostalAddress", "addressRegion": province.name[lang], "addressCountry": province.country}
    location = {"@type": "Place", "name": event.place.venue[lang] if event.place.venue else province.name[lang], "address": address}
    organizers = [{"@type": "Organization", "name": names.org(ident)} for ident in dict.fromkeys(role.org for role in event.organisers)]
    citations = []
    for source in event.sources:
        article: dict[str, Any] = {"@type": "NewsArticle", "inLanguage": "vi"}
        if source.headline:
            article["headline"] = source.headline
        if source.publisher:
            article["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.published:
            article["datePublished"] = source.published.isoformat()
        if len(article) > 2:
            citations.append(article)
    return {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Event", "@id": "#event", "name": event.title[lang], "description": event.lead[lang],
             "startDate": event.date.value.isoformat(), "location": location, "organizer": organizers, "inLanguage": lang},
            {"@type": "Report", "name": event.title[lang], "headline": event.title[lang], "abstract": event.lead[lang],
             "inLanguage": lang, "about": {"@id": "#event"}, "citation": citations,
             "license": "https://creativecommons.org/licenses/by/4.0/"},
        ],
    }
