"""Faithful content: what the summaries quote, count and date can be found in the source articles.

The articles are the team's archive beside the project (`../shared/seeds/`, or NZD_ARCHIVE); each
source entry names its file. Inferences (`date.inference`, `place.inference`) are exempt:
they say what is not printed.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from digest.archive import locate
from digest.numbers import _pairs, format_number, numbers_in


@pytest.fixture(scope="module")
def seeds(root) -> Path:
    """The article archive where the build looks for it (digest/archive.py: NZD_ARCHIVE, else `../shared/seeds/`).

    The articles are their publishers' copyright, so a clone has none: without them these checks
    are skipped with the reason printed, except in CI (CI=true), where the team's archive is laid
    beside the checkout and a missing archive is a failure."""
    found = locate(None, root).folder
    if not found.is_dir():
        message = f"source articles not found at {found} (set NZD_ARCHIVE, or lay shared/seeds/ beside the checkout)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must check the real data against the articles")
        pytest.skip(f"{message}: the real-data checks against the articles are skipped")
    return found


@pytest.fixture(scope="module")
def article(seeds):
    """`article(file)`: a source article's text, NFC, whitespace collapsed."""

    def read(name: str) -> str:
        path = seeds / name
        assert path.is_file(), f"source article {path} not found (set NZD_ARCHIVE to the folder of the articles)"
        return unicodedata.normalize("NFC", " ".join(path.read_text(encoding="utf-8").split()))

    return read


@pytest.fixture
def event(catalogue, event_id):
    return next(event for event in catalogue.events if event.id == event_id)


def test_quotations_are_verbatim_in_every_source_they_cite(event, event_id, article):
    files = {source.id: source.file for source in event.sources}
    assert event.quotations or event_id.startswith("2024-07-25")
    for quote in event.quotations:
        parts = [part.strip(" .,") for part in re.split(r"…", quote.vi) if part.strip(" .,")]
        for sid in quote.sources:
            text = article(files[sid])
            assert all(part in text for part in parts), (sid, quote.vi)


def test_sources_give_only_what_the_article_gives(event, article):
    for source in event.sources:
        text = article(source.file)
        if source.headline:
            assert source.headline in text
        if source.publisher:
            assert source.publisher in text
        if source.published:
            assert source.published.strftime("%d/%m/%Y") in text
            if hasattr(source.published, "hour"):
                assert source.published.strftime("%H:%M") in text
        for tag in source.section_tags:
            assert tag.casefold() in text.casefold()


def test_figures_and_target_years_are_in_the_sources_they_cite(event, article):
    files = {source.id: source.file for source in event.sources}
    for fig in event.figures:
        for sid in fig.sources:
            assert format_number(fig.value, "vi") in article(files[sid]), (fig.measure.en, sid)
    for item in event.commitments:
        for sid in item.sources if item.target_year else ():
            assert str(item.target_year) in article(files[sid]), (item.what.en, sid)


def test_every_number_of_the_summary_comes_from_a_source(event, article):
    """No figure, date or year is invented: each number of the Vietnamese texts (the English ones
    match them, by the cross-check) is in one of the event's articles."""
    in_sources = numbers_in(" ".join(article(source.file) for source in event.sources), "vi")
    for path, vi, _en in _pairs(event):
        if path[-1] == "inference":
            continue
        assert numbers_in(vi, "vi") <= in_sources, (path, numbers_in(vi, "vi") - in_sources)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_is_at_most_a_third_of_its_longest_article(event, article, words, lang):
    """A summary is a summary: its words (Vietnamese syllables) are at most a third of the longest article it draws on."""
    longest = max(words(article(source.file)) for source in event.sources)
    summary = sum(words(paragraph) for paragraph in event.summary[lang])
    assert summary <= longest / 3, f"summary.{lang}: {summary} words, longest article {longest} words (budget {longest // 3})"


def test_the_real_data_passes_the_builds_provenance_checks(seeds, root):
    """The build's own checks against the team's archive: every passage and quotation verbatim, every number of a
    statement in its passages, every source as its article prints it (CI runs this; a clone without the archive skips it)."""
    from digest.load import load_catalogue

    catalogue = load_catalogue(root / "data", root, archive=seeds)
    passages = sum(len(item.evidence) for event in catalogue.events
                   for group in ("key_points", "figures", "commitments", "participants") for item in getattr(event, group))
    assert passages >= sum(len(event.key_points) + len(event.figures) for event in catalogue.events)
