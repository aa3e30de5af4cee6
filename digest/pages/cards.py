"""What each link-preview card shows, in each language (drawn by digest/publish/card_images.py).

An event's card: its title, date (inferred parts marked), place and the site's name; a place's,
organisation's, person's or topic's card: its name and kind; each language's home card: the
site's name and description (every other page shows it).
"""

from __future__ import annotations

from dataclasses import dataclass

from digest import site
from digest.load import Catalogue
from digest.pages.browse import ENTITY_KINDS, Browse, build_browse
from digest.pages.helpers import PageHelpers
from digest.pages.templating import load_labels


@dataclass(frozen=True)
class Card:
    """What one card shows: a small label above the title, the title, detail lines, the site's name."""

    lang: str
    label: str
    title: str
    details: tuple[str, ...]
    site_name: str


def language_cards(catalogue: Catalogue, browse: Browse, helpers: PageHelpers) -> dict[str, Card]:
    """{path of the card from the site's root: Card} for one language."""
    t, lang = helpers.t, helpers.lang
    cards = {site.card_path("", lang): Card(lang, "", t["site_name"], (t["home_description"],), t["site_name"])}
    for event in catalogue.events:
        place = helpers.place(event.place.province) + (f" ({t['inferred']})" if event.place.inferred else "")
        cards[site.card_path(site.page_path("events", event.id), lang)] = Card(
            lang, t["event"], event.title[lang], (helpers.event_date_marked(event), place), t["site_name"])
    for kind in ENTITY_KINDS:
        for ident in browse.appearances[kind]:
            cards[site.card_path(site.page_path(kind, ident), lang)] = Card(
                lang, t["kinds"][kind]["one"], helpers.entity_name(kind, ident), (), t["site_name"])
    return cards


def all_cards(catalogue: Catalogue) -> dict[str, Card]:
    """Every card of every language."""
    browse = build_browse(catalogue)
    cards: dict[str, Card] = {}
    for lang in site.LANGUAGES:
        cards.update(language_cards(catalogue, browse, PageHelpers(catalogue, lang, load_labels()[lang], browse)))
    return dict(sorted(cards.items()))
