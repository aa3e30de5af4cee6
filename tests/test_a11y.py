"""Accessibility in a real browser: axe-core (through axe-playwright-python) on every page kind
in both languages and both colour schemes; foreign-language names and quotations carry their
own `lang`; an event page prints as the article alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from digest.load import load_catalogue
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
CATALOGUE = load_catalogue(ROOT / "data", ROOT)
EVENT = "2024-01-17-hai-phong-net-zero-workshop"
PREFIX = {"vi": "", "en": "en/"}
NOT_KINDS = {"assets", "pagefind", "search", "en", "data"}
AXE = Axe()


def page_kinds(site) -> list[str]:
    """One page of every kind: home, each section's index and its first page."""
    paths = ["", "404.html", f"events/{EVENT}/"]
    for section in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in NOT_KINDS):
        if (section / "index.html").is_file():
            paths.append(section.name + "/")
        children = sorted(c for c in section.iterdir() if (c / "index.html").is_file())
        if children and section.name != "events":
            paths.append(f"{section.name}/{children[0].name}/")
    return paths


@pytest.fixture(scope="module")
def kinds(site):
    return page_kinds(site)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_axe_reports_no_violation_on_any_page_kind(browser, base_url, kinds, lang, scheme):
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    reports = []
    try:
        for path in kinds:
            tab.goto(f"{base_url}/{PREFIX[lang]}{path}")
            tab.wait_for_load_state("load")
            expected = "slate" if scheme == "dark" else "default"
            assert tab.locator("body").get_attribute("data-md-color-scheme") == expected
            results = AXE.run(tab)
            if results.violations_count:
                reports.append(f"/{PREFIX[lang]}{path} ({scheme}):\n{results.generate_report()}")
    finally:
        context.close()
    assert len(kinds) >= 4
    assert not reports, "\n".join(reports)


def _lang_of(element) -> str | None:
    while element is not None and element.name:
        if element.get("lang"):
            return element["lang"]
        element = element.parent
    return None


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_foreign_names_and_quotations_carry_their_language(site, lang):
    for event in CATALOGUE.events:
        html = BeautifulSoup((site / PREFIX[lang] / "events" / event.id / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = html.select_one("article")
        assert _lang_of(article) == lang
        # People's names written in another language than the page's (e.g. English names on Vietnamese
        # pages), where the templates print them: participants and quotation captions. (Names inside
        # running prose come from the data's text; WCAG 3.1.2 exempts proper names there.)
        named = article.select("li strong, figure.nzd-quote figcaption")
        for ident in {p.person for p in event.participants} | {q.speaker for q in event.quotations}:
            person = CATALOGUE.people[ident]
            hits = [text for element in named for text in element.find_all(string=lambda s, name=person.name: name in s)]
            assert hits, f"{lang}/{event.id}: {person.name!r} not found among participants and quotations"
            for text in hits:
                assert _lang_of(text.parent) == person.name_lang, f"{lang}/{event.id}: {person.name!r} is not marked {person.name_lang}"
        # Quotations are Vietnamese originals; on English pages they keep lang="vi", the translation lang="en".
        for figure in article.select("figure.nzd-quote"):
            assert figure.blockquote["lang"] == "vi"
            if lang == "en":
                assert figure.select_one(".nzd-translation")["lang"] == "en"
        # Source headlines and publishers are Vietnamese as the articles give them.
        for source in event.sources:
            if source.headline:
                [q] = [q for q in article.find_all("q") if q.get_text() == source.headline]
                assert q["lang"] == "vi"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_event_page_prints_as_the_article_alone(page, base_url, prefix):
    page.goto(f"{base_url}/{prefix}events/{EVENT}/")
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
