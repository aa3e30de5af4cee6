"""The benchmark's synthetic corpus is real data, and the events index paginates.

Fast: 120 synthetic events, generated and checked without MkDocs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from synth import write_corpus  # tools/synth.py (tests/conftest.py puts tools/ on sys.path)

from digest import site
from digest.build import StepTimes
from digest.cli import main
from digest.load import load_catalogue
from digest.pages.browse import build_browse
from digest.pages.pagination import paginate
from digest.site import PER_PAGE as EVENTS_PER_PAGE

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
        events = [link for link in links if re.search(r"events/\d{4}-\d{2}-\d{2}-", link)]
        listed += [Path(link).name for link in events]
        assert len(events) == (EVENTS_PER_PAGE if number < pages else N - EVENTS_PER_PAGE * (pages - 1))
        has_prev, has_next = '{: rel="prev" }' in text, '{: rel="next" }' in text
        assert has_prev == (number > 1) and has_next == (number < pages), path
        label = "Trang" if lang == "vi" else "Page"
        assert f"{label} {number}" in text
    assert len(listed) == len(set(listed)) == N, "every event listed exactly once"
    assert listed == sorted(listed, reverse=True), "newest first across pages"


def test_pager_links():
    pages = paginate(list(range(7)), "events", per_page=3)
    assert [len(chunk) for chunk, _ in pages] == [3, 3, 1]
    first, middle, last = (pager for _, pager in pages)
    assert (first.prev, first.next, first.last) == (None, "page/2.md", "page/3.md")
    assert (middle.prev, middle.next, middle.doc) == ("../index.md", "3.md", "events/page/2.md")
    assert (last.first, last.prev, last.next) == ("../index.md", "2.md", None)
    assert first.path(1) == "events/index.md" and paginate([], "events")[0][0] == []
    assert site.url_for("events", lang="en", page=3) == "/en/events/page/3/"
    assert site.doc_link("events/x.md", middle.doc) == "../../events/x.md"


def test_pager_of_an_entity_page():
    first, second = (pager for _, pager in paginate(list(range(60)), "people", "x"))
    assert (first.next, first.doc) == ("x/page/2.md", "people/x.md")
    assert (second.prev, second.path(2)) == ("../../x.md", "people/x/page/2.md")
    assert site.url_for("people", "x", "vi", 2) == "/people/x/page/2/"
    assert site.doc_link("events/y.md", second.doc) == "../../../events/y.md"


def test_second_run_rewrites_nothing(corpus):
    before = {p: p.stat().st_mtime_ns for p in (corpus / "docs").rglob("*") if p.is_file()}
    assert main(["--data", str(corpus / "data"), "--docs", str(corpus / "docs"), "--quiet"], corpus) == 0
    after = {p: p.stat().st_mtime_ns for p in (corpus / "docs").rglob("*") if p.is_file()}
    assert before == after


def test_parallel_generation_gives_the_same_pages(corpus, monkeypatch):
    import digest.load.catalogue
    import digest.pages

    monkeypatch.setenv("NZD_JOBS", "1")
    catalogue = load_catalogue(corpus / "data", corpus)
    sequential = digest.pages.render_site(catalogue)
    monkeypatch.setenv("NZD_JOBS", "2")
    monkeypatch.setattr(digest.load.catalogue, "MIN_EVENTS", 10)
    monkeypatch.setattr(digest.pages, "MIN_EVENTS", 10)
    parallel_catalogue = load_catalogue(corpus / "data", corpus)
    assert parallel_catalogue.events == catalogue.events and parallel_catalogue.files == catalogue.files
    assert digest.pages.render_site(parallel_catalogue) == sequential


def test_no_page_lists_more_than_a_page_of_items(corpus):
    """Every list that grows with the archive paginates: commitments, sources, archive, entities."""
    item = re.compile(r"^(?:- \[|\| \[|\| \d|<tr><td[ >]|- \d)", re.MULTILINE)
    counts = {p.relative_to(corpus / "docs").as_posix(): len(item.findall(p.read_text(encoding="utf-8")))
              for p in (corpus / "docs").rglob("*.md")}
    assert max(counts.values()) <= EVENTS_PER_PAGE, max(counts.items(), key=lambda kv: kv[1])
    browse = build_browse(load_catalogue(corpus / "data", corpus))
    crowded = [f"{kind}/{ident}" for kind, ids in browse.appearances.items() for ident, found in ids.items() if len(found) > EVENTS_PER_PAGE]
    for lang in ("vi", "en"):
        for listing in ("commitments", "sources", "archive", "events", *crowded):
            assert f"{lang}/{listing}/page/2.md" in counts, f"{lang}/{listing} has a second page"


def test_the_build_s_step_times_count_the_cpu_of_its_child_processes():
    times = StepTimes()
    with times.step("work"):
        done = subprocess.run([sys.executable, "-c", "import time; sum(i * i for i in range(2_000_000)); print(time.process_time())"],
                              check=True, capture_output=True, text=True)
    with times.step("nothing"):
        pass
    assert list(times) == ["work", "nothing"]
    wall, cpu = times["work"]
    child = float(done.stdout)
    assert child > 0 and cpu >= child, "the child's CPU is in the step's"
    assert wall > 0 and times["nothing"][1] < child
