"""HTML fragments printed so often that Jinja macros would spend most of the rendering on them:
source markers `[A, B]`, links to entities and events, people's names.

HTML templates call them as `fragments.cites(...)`, `fragments.entity_link(...)`, `fragments.event_link(...)`,
`fragments.person(...)`. Each
returns `Markup` whose every value is HTML-escaped, exactly as HTML templates print values
(autoescape), so their output is what the macros they replace gave. They are HTML only: a
Markdown template prints names through its own escaping (_macros.md.j2). The same call in one
language always gives the same text, so each answer is kept for the next page that asks.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from digest import site
from digest.pages.helpers import PageHelpers
from digest.schema import Event


class HtmlFragments:
    """The fragments of one language's pages."""

    def __init__(self, helpers: PageHelpers):
        self.page = helpers
        self.lang = helpers.lang
        self._reported_by = escape(helpers.t["reported_by"])
        self._cites: dict[tuple, Markup] = {}
        self._links: dict[tuple[str, str], Markup] = {}
        self._events: dict[str, Markup] = {}
        self._people: dict[str, Markup] = {}

    def cites(self, event: Event, ids: Sequence[str], elsewhere: bool = False, path: str | None = None) -> Markup:
        """Source markers [A, B], each a link to its source's section of the event page: on the event page
        itself (`#source-…`), or, from another page, to the event page (`elsewhere`). With `path` (the
        statement's place in the event's data, as in its JSON: "key_points.3"), digest.js opens the
        supporting passage of that source below the statement instead (described to screen readers by
        #nzd-ev, not by a title)."""
        key = (event.id, tuple(ids), bool(elsewhere), path or None)
        found = self._cites.get(key)
        if found is None:
            keys = self.page.source_keys(event)
            page = escape(site.url_for("events", event.id, self.lang)) if elsewhere else ""
            data = f' data-ev="{escape(path)}"' if path else ""
            links = ", ".join(f'<a href="{page}#source-{escape(s)}"{data}>{escape(keys[s])}</a>' for s in ids)
            title = "" if path else f' title="{self._reported_by}"'
            found = self._cites[key] = Markup(f'<span class="nzd-cite"{title}>[{links}]</span>')
        return found

    def evidence(self, event: Event, item, path: str) -> Markup:
        """The markers of a statement on its event page: they open its evidence when it has some."""
        return self.cites(event, item.sources, path=path if item.evidence else None)

    def person(self, ident: str) -> Markup:
        """A person's name, marked with its language when it is not the page's."""
        found = self._people.get(ident)
        if found is None:
            who = self.page.catalogue.people[ident]
            name = escape(who.name)
            found = self._people[ident] = name if who.name_lang == self.lang else Markup(f'<span lang="{escape(who.name_lang)}">{name}</span>')
        return found

    def entity_link(self, kind: str, ident: str) -> Markup:
        """A link to an entity's page, by its name (filed under the kind it is declared as)."""
        found = self._links.get((kind, ident))
        if found is None:
            declared = self.page.entity_kind(kind, ident)
            name = self.person(ident) if declared == "people" else escape(self.page.entity_name(declared, ident))
            found = self._links[kind, ident] = Markup(f'<a href="{escape(site.url_for(declared, ident, self.lang))}">{name}</a>')
        return found

    def event_link(self, event: Event) -> Markup:
        """A link to an event's page, by its title."""
        found = self._events.get(event.id)
        if found is None:
            found = self._events[event.id] = Markup(f'<a href="{escape(site.url_for("events", event.id, self.lang))}">{escape(event.title[self.lang])}</a>')
        return found
