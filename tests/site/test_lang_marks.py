"""Language of parts (WCAG 3.1.2) in the built pages: foreign-language names and quotations carry
their own `lang`. (axe-core in a real browser: tests/browser/test_a11y.py.)"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


def _lang_of(element) -> str | None:
    while element is not None and element.name:
        if element.get("lang"):
            return element["lang"]
        element = element.parent
    return None


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_foreign_names_and_quotations_carry_their_language(site, catalogue, prefix, lang):
    for event in catalogue.events:
        html = BeautifulSoup((site / prefix[lang] / "events" / event.id / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = html.select_one("article")
        assert _lang_of(article) == lang
        # People's names written in another language than the page's (e.g. English names on Vietnamese
        # pages), where the templates print them: participants and quotation captions. (Names inside
        # running prose come from the data's text; WCAG 3.1.2 exempts proper names there.)
        named = article.select("li strong, figure.nzd-quote figcaption")
        for ident in {p.person for p in event.participants} | {q.speaker for q in event.quotations}:
            person = catalogue.people[ident]
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
