"""Printing in a real browser: an event page prints as the article alone."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang_prefix", ["", "en/"])
def test_event_page_prints_as_the_article_alone(page, base_url, sample_event, lang_prefix):
    page.goto(f"{base_url}/{lang_prefix}events/{sample_event}/")
    page.emulate_media(media="print")
    visible = page.evaluate("""() => {
        const shown = el => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
        const any = sel => [...document.querySelectorAll(sel)].some(shown);
        return {
            article: shown(document.querySelector('article')),
            h1: shown(document.querySelector('article h1')),
            header: any('.md-header'), tabs: any('.md-tabs'), sidebars: any('.md-sidebar'),
            footer: any('.md-footer'), search: any('.md-search, [role=search], .md-header__option'),
            permalinks: any('.headerlink'),
            width: document.querySelector('article').getBoundingClientRect().width / document.documentElement.clientWidth,
        };
    }""")
    assert visible["article"] and visible["h1"]
    assert not any(visible[key] for key in ("header", "tabs", "sidebars", "footer", "search", "permalinks")), visible
    assert visible["width"] > 0.85
