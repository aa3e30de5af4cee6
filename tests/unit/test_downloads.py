"""docs/'s downloads (feeds, open data, citation files) go around MkDocs: left out of its files, placed into the site."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from digest import site
from digest.publish import downloads
from digest.write import write_replacing


def test_the_site_map_says_where_each_download_goes():
    assert site.is_page_source("en/events/x.md") and not site.is_page_source("en/events/x/citation.bib")
    assert site.site_file("en/events/x/citation.bib") == "en/events/x/citation.bib"
    assert site.site_file("vi/data/events.json") == "data/events.json"
    assert site.site_file("vi/feed.xml") == "feed.xml"


@pytest.fixture
def docs(tmp_path):
    files = ["vi/index.md", "vi/feed.xml", "vi/data/events.json", "vi/events/x.md", "vi/events/x/citation.bib",
             "en/index.md", "en/events/x.md", "en/events/x/citation.ris", "en/.hidden/skip.json", "en/events/.tmp-1.bib"]
    for rel in files:
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(rel, encoding="utf-8")
    return tmp_path / "docs"


def test_mkdocs_keeps_the_pages_and_the_theme_files_only(docs, tmp_path):
    theme = tmp_path / "theme" / "assets" / "app.js"
    files = [SimpleNamespace(abs_src_path=str(path)) for path in sorted(docs.rglob("*")) if path.is_file()]
    files += [SimpleNamespace(abs_src_path=str(theme)), SimpleNamespace(abs_src_path=None)]
    kept = {os.path.relpath(f.abs_src_path, docs) if f.abs_src_path and f.abs_src_path.startswith(str(docs)) else f.abs_src_path
            for f in downloads.leave_out(files, docs)}
    assert kept == {"vi/index.md", "vi/events/x.md", "en/index.md", "en/events/x.md", str(theme), None}
    one = {os.path.relpath(f.abs_src_path, docs) for f in downloads.leave_out(files, docs, only="en") if f.abs_src_path and f.abs_src_path.startswith(str(docs))}
    assert one == {"en/index.md", "en/events/x.md"}, "a build of one language leaves out the other's pages"


def test_a_language_s_downloads_are_linked_into_the_site(docs, tmp_path):
    out = tmp_path / "site"
    assert downloads.place(docs, out, "vi") == 3
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "data/events.json", "events/x/citation.bib", "feed.xml"]
    assert (out / "feed.xml").stat().st_ino == (docs / "vi" / "feed.xml").stat().st_ino, "a hard link, not a copy"
    assert downloads.place(docs, out, "en") == 1, "hidden files and folders are not part of the site"
    assert (out / "en" / "events" / "x" / "citation.ris").read_text(encoding="utf-8") == "en/events/x/citation.ris"


def test_a_regenerated_download_replaces_the_placed_one_and_the_old_site_keeps_its_own(docs, tmp_path):
    out = tmp_path / "site"
    downloads.place(docs, out, "vi")
    new = docs / "vi" / "feed.xml.new"
    new.write_text("changed", encoding="utf-8")
    new.replace(docs / "vi" / "feed.xml")  # the generator replaces files, never writes them in place
    assert (out / "feed.xml").read_text(encoding="utf-8") == "vi/feed.xml"
    downloads.place_one(docs, out, str(docs / "vi" / "feed.xml"))
    assert (out / "feed.xml").read_text(encoding="utf-8") == "changed"


def test_only_files_of_a_language_folder_that_are_not_pages_are_downloads(docs, tmp_path):
    assert downloads.is_download(docs, str(docs / "en" / "events" / "x" / "citation.ris"))
    assert not downloads.is_download(docs, str(docs / "en" / "events" / "x.md"))
    assert not downloads.is_download(docs, str(tmp_path / "elsewhere.json"))


def test_a_private_file_is_copied_not_linked_so_the_site_stays_readable(docs, tmp_path):
    private = docs / "vi" / "feed.xml"
    private.chmod(0o600)
    out = tmp_path / "site"
    downloads.place(docs, out, "vi")
    assert (out / "feed.xml").stat().st_ino != private.stat().st_ino
    assert (out / "feed.xml").stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert (out / "data" / "events.json").stat().st_ino == (docs / "vi" / "data" / "events.json").stat().st_ino


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_files_written_whole_are_as_readable_as_new_files_so_they_can_be_linked(tmp_path):
    target = tmp_path / "card.png"
    target.write_bytes(b"old")
    write_replacing(target, b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["card.png"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~current_umask()
