"""The benchmark's synthetic corpus is real data, and the events index paginates.

Fast: 120 synthetic events, generated and checked without MkDocs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from digest.cli import main
from digest.load import load_catalogue
from digest.render import EVENTS_PER_PAGE, Pager, paginate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synth import write_corpus  # noqa: E402

N = 120
LINK = re.compile(r"\]\(([^)\s]+\.md)\)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bench")
    write_corpus(root / "data", N)
    assert main(["--data", str(root / "data"), "--docs", str(root / "docs"), "--quiet"], root) == 0
    return root


def test_synthetic_corpus_validates_with_the_real_loader(corpus):
    catalogue = load_catalogue(corpus / "data", corpus)
    assert len(catalogue.events) == N
    event = catalogue.events[0]
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", " ".join(event.summary.vi)), "Vietnamese text with tone marks"
    assert all(e.topics and e.sources and e.organisers for e in catalogue.events)


def test_synthetic_corpus_is_deterministic(tmp_path):
    write_corpus(tmp_path / "a", 5)
    write_corpus(tmp_path / "b", 5)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_events_index_paginates_and_links(corpus, lang):
    events_dir = corpus / "docs" / lang / "events"
    pages = 1 + (N - 1) // EVENTS_PER_PAGE
    paths = [events_dir / "index.md"] + [events_dir / "page" / f"{n}.md" for n in range(2, pages + 1)]
    assert all(p.is_file() for p in paths)
    assert not (events_dir / "page" / f"{pages + 1}.md").exists()
    listed = []
    for number, path in enumerate(paths, start=1):
        text = path.read_text(encoding="utf-8")
        links = LINK.findall(text)
        for link in links:  # every Markdown link resolves to a generated page
            assert (path.parent / link).resolve().is_file(), f"{path.name}: broken link {link}"
        events = [link for link in links if not link.startswith(("../index.md", "index.md")) and "page/" not in link]
        listed += [Path(link).name for link in events]
        assert len(events) == (EVENTS_PER_PAGE if number < pages else N - EVENTS_PER_PAGE * (pages - 1))
        has_prev = any(f"({link})" in text for link in ("../index.md", f"../page/{number - 1}.md")) if number > 1 else False
        has_next = f"page/{number + 1}.md)" in text
        assert has_prev == (number > 1) and has_next == (number < pages), path
        label = "Trang" if lang == "vi" else "Page"
        assert f"{label} {number}" in text
    assert len(listed) == len(set(listed)) == N, "every event listed exactly once"
    assert listed == sorted(listed, reverse=True), "newest first across pages"


def test_pager_links():
    pages = paginate(list(range(7)), 3)
    assert [len(chunk) for chunk, _ in pages] == [3, 3, 1]
    first, middle, last = (pager for _, pager in pages)
    assert (first.prev, first.next, first.last) == (None, "page/2.md", "page/3.md")
    assert (middle.prev, middle.next, middle.up) == ("../index.md", "../page/3.md", "../")
    assert (last.first, last.prev, last.next) == ("../index.md", "../page/2.md", None)
    assert Pager.path(1) == "index.md" and paginate([], 50)[0][0] == []


def test_second_run_rewrites_nothing(corpus):
    before = {p: p.stat().st_mtime_ns for p in (corpus / "docs").rglob("*") if p.is_file()}
    assert main(["--data", str(corpus / "data"), "--docs", str(corpus / "docs"), "--quiet"], corpus) == 0
    after = {p: p.stat().st_mtime_ns for p in (corpus / "docs").rglob("*") if p.is_file()}
    assert before == after


def test_parallel_generation_gives_the_same_pages(corpus, monkeypatch):
    import digest.load
    import digest.render

    monkeypatch.setenv("NZD_JOBS", "1")
    catalogue = load_catalogue(corpus / "data", corpus)
    sequential = digest.render.render_site(catalogue)
    monkeypatch.setenv("NZD_JOBS", "2")
    monkeypatch.setattr(digest.load, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(digest.render, "PARALLEL_MIN_FILES", 10)
    parallel_catalogue = load_catalogue(corpus / "data", corpus)
    assert parallel_catalogue.events == catalogue.events and parallel_catalogue.files == catalogue.files
    assert digest.render.render_site(parallel_catalogue) == sequential
