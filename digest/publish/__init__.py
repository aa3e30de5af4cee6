"""Publish stage: the built languages → one site with a 404 page per language, its downloads, cards, sitemap, and its search index."""

from __future__ import annotations

from pathlib import Path

from digest import site
from digest.pages.cards import Card
from digest.publish.card_images import draw_cards, write_cards
from digest.publish.languages import merge_languages
from digest.publish.search_index import index_site
from digest.publish.sitemap import write_sitemap

__all__ = ["CARD_CACHE", "draw_cards", "index_site", "publish", "write_cards"]

#: Where drawn cards are kept between builds (by what they show; not part of the site).
CARD_CACHE = site.ROOT / ".cache" / "cards"


def publish(built: dict[str, Path], site_dir: Path, cards: dict[str, Card]) -> None:
    """Merge the languages' builds into `site_dir`, place the 404 pages, write the link-preview
    cards, the sitemap and robots.txt (`index_site` then indexes the site)."""
    merge_languages(built, site_dir)
    write_cards(cards, site_dir, CARD_CACHE)
    write_sitemap(site_dir)
