"""Provenance checked by the build: evidence passages and quotations verbatim in their articles, the
numbers of each statement in its passages, sources as their articles print them, and archive files
that exist inside the archive. Each refusal names the file, line and field, the source and its
archive file, exits 1 and leaves docs/ as it was. Runs on the fixture event and its fixture articles."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from digest.archive import is_verbatim, normalise, passage_parts

EVENT = "data/events/2024-03-05-fixture-workshop.yaml"


def digest_of(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path, fixture_data, run_generator) -> Path:
    """The fixture data and a copy of its archive, with docs/ generated (provenance checked)."""
    shutil.copytree(fixture_data, tmp_path / "data")
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "archive", tmp_path / "archive")
    assert run_generator(tmp_path, "--archive", str(tmp_path / "archive")) == 0
    return tmp_path


def edit(project: Path, old: str, new: str, file: str = EVENT) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(project, run_generator, capsys, *args) -> str:
    before = digest_of(project / "docs")
    assert run_generator(project, "--archive", str(project / "archive"), *args) == 1
    assert digest_of(project / "docs") == before, "docs/ must stay as it was"
    err = capsys.readouterr().err
    assert "docs/ was not changed" in err
    return err


def test_the_fixture_event_is_accepted_and_said_checked(project, run_generator, capsys):
    assert run_generator(project, "--archive", str(project / "archive"), "--validate") == 0
    assert f"checked against the articles in {project / 'archive'}" in capsys.readouterr().out


#: An edit of the fixture event (old → new) that the build refuses, and words of the refusal (file, line and field named).
REFUSED_EDITS = {
    "a word changed in a passage": ("Tỷ lệ lấp đầy khoảng 60,5%.", "Tỷ lệ lấp đầy đạt 60,5%.",
                                    "figures[1].evidence[0].text: expected words of the article fixture/article-b.txt (source 'sb')"),
    "a number not in its passage": ("  - value: 1.3\n", "  - value: 1.4\n",
                                    "figures[0].evidence: expected the number 1400000000 in an evidence passage (sa), found it in none"),
    "a quotation no longer verbatim": ('vi: "Chúng tôi cam kết <b>đạt</b> mục tiêu."', 'vi: "Chúng tôi cam kết đạt mọi mục tiêu."',
                                       "quotations[0].vi: expected the speaker's words verbatim in the article fixture/article-a.txt (source 'sa'"),
    "a statement without the passage of a source it cites": (
        '      - {source: sb, text: "ông Nguyễn Văn Đăng, Giám đốc, trình bày tại hội thảo"}\n', "",
        "participants[0].sources[1]: expected an evidence passage from source 'sb'"),
    "a long passage": ('text: "Tỷ lệ lấp đầy khoảng 60,5%."', 'text: "Tỷ lệ lấp đầy khoảng 60,5%.' + " thêm" * 40 + '"',
                       "figures[1].evidence[0].text: expected a short passage of at most 35 words"),
    "a headline the article does not print": ('headline: "Tiêu đề <script>alert(3)</script> | thử * nghiệm #"', 'headline: "Một tiêu đề khác"',
                                              "sources[0].headline: expected 'Một tiêu đề khác' as the article fixture/article-a.txt prints it"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_EDITS))
def test_an_edit_the_articles_do_not_support_is_refused(project, run_generator, capsys, case):
    old, new, words = REFUSED_EDITS[case]
    edit(project, old, new)
    err = refused(project, run_generator, capsys)
    line = next((line for line in err.splitlines() if words in line), None)
    assert line and line.strip().startswith(f"{EVENT}:"), f"no error naming the file and line and saying {words!r} in:\n{err}"


def test_a_missing_archive_file_is_refused(project, run_generator, capsys):
    (project / "archive/fixture/article-b.txt").unlink()
    err = refused(project, run_generator, capsys)
    assert "sources[1].file: source 'sb': expected an article file in the archive" in err and "found no file 'fixture/article-b.txt'" in err


@pytest.mark.parametrize("path", ["../outside.txt", "/etc/hostname", "fixture/../../outside.txt"])
def test_a_path_that_leaves_the_archive_is_refused(project, run_generator, capsys, path):
    edit(project, "file: fixture/article-b.txt", f"file: {path}")
    err = refused(project, run_generator, capsys)
    assert "sources[1].file: expected a file path relative to the article archive" in err


def test_a_symbolic_link_leading_out_of_the_archive_is_refused(project, run_generator, capsys, tmp_path):
    (tmp_path / "outside.txt").write_text("Hơn 200 doanh nghiệp tham dự hội thảo.", encoding="utf-8")
    (project / "archive/fixture/article-b.txt").unlink()
    (project / "archive/fixture/article-b.txt").symlink_to(tmp_path / "outside.txt")
    err = refused(project, run_generator, capsys)
    assert "sources[1].file: source 'sb': expected a file inside the archive" in err


def test_an_archive_folder_asked_for_but_missing_is_an_error(project, run_generator, capsys):
    before = digest_of(project / "docs")
    assert run_generator(project, "--archive", str(project / "nowhere")) == 1
    assert f"expected the article archive folder {project / 'nowhere'}, found no such folder" in capsys.readouterr().err
    assert digest_of(project / "docs") == before


def test_without_an_archive_the_build_says_once_that_provenance_was_not_checked(project, run_generator, capsys, monkeypatch):
    """A data folder other than the checkout's own is checked only against an archive given with --archive
    (NZD_ARCHIVE names the team's archive, which is for the checkout's data)."""
    monkeypatch.setenv("NZD_ARCHIVE", str(project / "archive"))
    edit(project, "Tỷ lệ lấp đầy khoảng 60,5%.", "Tỷ lệ lấp đầy đạt 60,5%.")  # not checked: no archive
    assert run_generator(project, "--validate") == 0
    err = capsys.readouterr().err
    assert err.count("provenance not checked") == 1 and str(project / "data") in err


def test_the_checkouts_own_data_is_checked_where_the_team_keeps_the_archive(monkeypatch, tmp_path):
    from digest.archive import CHECKOUT, for_build

    said = []
    monkeypatch.delenv("NZD_ARCHIVE", raising=False)
    found = for_build(None, CHECKOUT, said.append, CHECKOUT / "data")
    default = CHECKOUT.parent / "shared" / "seeds"
    assert found == (default if default.is_dir() else None)
    assert said == ([] if found else [f"note: provenance not checked: no article archive at {default} (give --archive DIR or set NZD_ARCHIVE)"])
    monkeypatch.setenv("NZD_ARCHIVE", str(tmp_path))
    assert for_build(None, CHECKOUT, said.append, CHECKOUT / "data") == tmp_path


def test_normalisation_and_ellipsis():
    article = normalise("Ông A nói: “Chúng tôi\n  sẽ làm”.  Rồi ông B nói thêm.")
    assert is_verbatim('Ông A nói: "Chúng tôi sẽ làm"', article)
    assert is_verbatim("Ông A nói … ông B nói thêm", article)
    assert not is_verbatim("ông B nói thêm … Ông A nói", article), "parts in the article's order"
    assert passage_parts("a … b...c") == ["a", "b", "c"]
