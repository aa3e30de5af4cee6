"""The search index is cut into small chunks, so a first query downloads little more than its words.

Pagefind takes the chunk size from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (an unstable setting):
these tests index the same corpus with and without our size and fail if the pinned Pagefind
stops honouring it. See digest/publish/search_index.py, INDEX_CHUNK_SIZE.

Also: the kinds of page search results are grouped and labelled by are declared consistently
(digest/site.py, templates/labels.yaml), and the index, kinds included, is the same bytes twice.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digest import site
from digest.pages.plan import SEARCHABLE
from digest.pages.templating import load_labels
from digest.publish import search_index as index_search

#: Syllables that, like "năng", "lượng", "công", recur on every page of a Vietnamese site.
COMMON = ["năng", "lượng", "công", "nghiệp", "phát", "triển", "khu", "sinh", "thái", "tái", "tạo", "chuyển", "đổi", "xanh", "kinh", "tế", "tuần", "hoàn", "doanh", "nghiệp", "đầu", "tư", "hội", "thảo", "phát", "thải", "carbon", "mục", "tiêu", "thành", "phố", "tỉnh"]


def corpus(pages: int, kinds: bool = False) -> list[tuple[str, str]]:
    """Prepared copies of `pages` Vietnamese event pages, each holding every common syllable twice
    (`kinds`: marked with their kind as overrides/main.html marks them, every other one as an event)."""
    out = []
    for n in range(pages):
        text = " ".join(COMMON) + f" sự kiện số {n} " + " ".join(reversed(COMMON))
        event = (' data-pagefind-filter="kind[data-nzd-kind]" data-pagefind-meta="kind[data-nzd-kind], event_date[data-nzd-date], '
                 f'event_place[data-nzd-place]" data-nzd-date="{n % 28 + 1:02}/01/2024 (suy luận: năm)" data-nzd-place="Hải Phòng" data-nzd-kind="event"')
        other = f' data-pagefind-meta="kind[data-nzd-kind]" data-nzd-kind="{("place", "person", "topic")[n % 3]}"'
        mark = (event if n % 2 else other) if kinds else ""
        html = (f'<!doctype html><html lang="vi"><body><article class="md-content__inner md-typeset"><div data-pagefind-body{mark}>'
                f"<h1>Sự kiện {n}</h1><p>{text}</p></div></article></body></html>")
        prepared = index_search.prepare(html)
        assert prepared is not None
        out.append((f"events/e{n}/index.html", prepared))
    return out


def chunk_files(site: Path) -> list[Path]:
    return sorted((site / index_search.OUTPUT / "index").glob("vi_*.pf_index"))


@pytest.fixture(scope="module")
def pages() -> list[tuple[str, str]]:
    return corpus(400)


def test_index_is_cut_into_small_chunks(tmp_path, pages) -> None:
    """With our size a chunk holds one or two common words: the corpus gives ≥ 10 chunks (19 measured)."""
    index_search.build(tmp_path, pages)
    chunks = chunk_files(tmp_path)
    assert len(chunks) >= 10, f"{len(chunks)} index chunks: Pagefind did not take INDEX_CHUNK_SIZE"
    # a common word's chunk: its 400 pages and 800 positions, not a neighbour's too
    assert max(path.stat().st_size for path in chunks) < 4 * 1024


def test_pagefind_default_packs_big_chunks(tmp_path, pages, monkeypatch) -> None:
    """The control: without the setting Pagefind packs the same words into a few large chunks,
    so the previous test measures the setting, not the corpus."""
    real_popen = index_search.subprocess.Popen

    def popen_without_setting(*args, env=None, **kwargs):
        env = {k: v for k, v in (env or os.environ).items() if k != "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"}
        return real_popen(*args, env=env, **kwargs)

    monkeypatch.setattr(index_search.subprocess, "Popen", popen_without_setting)
    index_search.build(tmp_path, pages)
    assert len(chunk_files(tmp_path)) <= 3


def test_search_kinds_declared_once_and_labelled() -> None:
    """Every searchable page kind has a result kind, events are listed first, and every result kind
    has its word in every language."""
    assert set(SEARCHABLE) == set(site.SEARCH_KINDS)
    assert site.SEARCH_KINDS["events"] == site.SEARCH_FIRST == "event"
    labels = load_labels()
    for lang in site.LANGUAGES:
        assert set(labels[lang]["search"]["kinds"]) == set(site.SEARCH_KINDS.values()), lang
        assert all(labels[lang]["search"]["kinds"].values()), lang


def test_index_is_the_same_bytes_twice(tmp_path) -> None:
    """Indexing the same pages twice, kinds and metadata included, gives byte-identical files."""
    pages = corpus(40, kinds=True)
    runs = []
    for name in ("one", "two"):
        index_search.build(tmp_path / name, pages)
        out = tmp_path / name / index_search.OUTPUT
        runs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert any(name.startswith("filter/") for name in runs[0]), "the kinds must be in the index as a filter"
    assert runs[0] == runs[1]
