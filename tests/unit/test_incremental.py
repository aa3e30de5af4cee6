"""The pieces the live preview and the full build share: the event cache of the loader, an event's own
files rendered alone, and the generator's staged writing (nothing half-written, nothing held whole)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import digest.load.catalogue as catalogue_module
from digest.build import generate
from digest.load import DataErrors, load_catalogue
from digest.load.catalogue import EventCache
from digest.pages import render_events, render_site
from digest.pages.browse import filed_roles, related_only


@pytest.fixture
def data(tmp_path, root) -> Path:
    """A copy of the project's data folder (three events) that a test may edit."""
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path / "data"


def _counting(monkeypatch) -> list[str]:
    """Record the event files the loader reads and checks."""
    seen: list[str] = []
    original = catalogue_module._load_checked

    def counted(path, shared):
        seen.append(path.name)
        return original(path, shared)

    monkeypatch.setattr(catalogue_module, "_load_checked", counted)
    return seen


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later time even on a coarse clock


def test_the_cache_reads_only_changed_files_and_loads_the_same_catalogue(data, monkeypatch):
    cache = EventCache()
    seen = _counting(monkeypatch)
    first = load_catalogue(data, data.parent, cache=cache)
    assert len(seen) == len(first.events) > 1
    seen.clear()
    assert load_catalogue(data, data.parent, cache=cache).events == first.events
    assert seen == []
    target = sorted((data / "events").glob("*.yaml"))[0]
    _edit(target, "title:", "title:  ")  # same data, another file: read again
    _edit(target, "en: ", "en: Edited ")
    cached = load_catalogue(data, data.parent, cache=cache)
    assert seen == [target.name]
    assert cached.events == load_catalogue(data, data.parent).events
    assert cached.events != first.events


def test_the_cache_reads_everything_again_when_an_entity_file_changes(data, monkeypatch):
    cache = EventCache()
    seen = _counting(monkeypatch)
    load_catalogue(data, data.parent, cache=cache)
    seen.clear()
    places = data / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_catalogue(data, data.parent, cache=cache)
    assert sorted(seen) == sorted(p.name for p in (data / "events").glob("*.yaml"))


def test_the_cache_keeps_reporting_a_broken_file(data):
    cache = EventCache()
    load_catalogue(data, data.parent, cache=cache)
    target = sorted((data / "events").glob("*.yaml"))[0]
    _edit(target, "date:", "date: not a date\nold_date:")
    for _ in range(2):  # the second time from the cache
        with pytest.raises(DataErrors) as caught:
            load_catalogue(data, data.parent, cache=cache)
        assert target.name in caught.value.report()


def test_an_events_own_files_render_as_in_the_whole_site(catalogue):
    site = render_site(catalogue)
    event = catalogue.events[0]
    alone = render_events(catalogue, {event.id})
    assert alone
    assert {path: site[path] for path in alone} == alone
    kinds = {e.id: {kind: set(ids) for kind, ids in filed_roles(e, catalogue).items()} for e in catalogue.events}
    assert render_events(catalogue, {event.id}, browse=related_only(catalogue, {event.id}, kinds)) == alone
    own = [path for path in site if f"/{event.id}" in path or path.endswith(f"/{event.id}.json")]
    assert set(own) <= set(alone)
    for source in event.sources:
        assert any(path.endswith(f"sources/{source.id}.md") for path in alone)


def test_generate_writes_only_changes_and_leaves_no_staging(tmp_path, data):
    docs = tmp_path / "docs"
    first = generate(data, docs)
    assert sorted(first.paths) == sorted(render_site(load_catalogue(data, data.parent)))
    assert len(first.changes.create) == len(first.paths)
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    again = generate(data, docs)
    assert again.changes.count == 0
    assert stamps == {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    assert not list(tmp_path.glob(".docs-staging-*"))


def test_a_failure_while_rendering_leaves_docs_as_it_was(tmp_path, data, monkeypatch):
    docs = tmp_path / "docs"
    generate(data, docs)
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    _edit(sorted((data / "events").glob("*.yaml"))[0], "en: ", "en: Edited ")
    import digest.pages as pages

    original = pages.render
    calls = {"n": 0}

    def failing(env, spec, common):
        calls["n"] += 1
        if calls["n"] == 40:
            raise RuntimeError("template failed")
        return original(env, spec, common)

    monkeypatch.setattr(pages, "render", failing)
    with pytest.raises(RuntimeError):
        generate(data, docs)
    assert before == {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert not list(tmp_path.glob(".docs-staging-*"))
