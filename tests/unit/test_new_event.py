"""New event (scripts/new_event.py): the id from date and words, a file with every required field as a placeholder
the loader rejects (file, line, field) until filled, no overwrite, no article from outside the archive."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from digest.archive import ARCHIVE_ENV, ArchiveError, archive_dir, article_path
from digest.load import DataErrors, load_catalogue
from digest.load.checks import PLACEHOLDER, placeholders
from digest.scaffold import ScaffoldError, event_id, main
from digest.schema_files import modeline

ARTICLES = ["001_c2204bc3e771eed6.txt", "003_487f19f65b8e1254.txt"]


@pytest.mark.parametrize(("date", "words", "expected"), [
    ("2024-01-18", "Bình Dương đổi mới", "2024-01-18-binh-duong-doi-moi"),
    ("2024-01-17", "Hải Phòng net zero workshop", "2024-01-17-hai-phong-net-zero-workshop"),
    ("2024-07-25", "ĐỒNG NAI: “Net-Zero” 2050!", "2024-07-25-dong-nai-net-zero-2050"),
    ("2024-07-25", "Bà Rịa – Vũng Tàu & Sakai", "2024-07-25-ba-ria-vung-tau-sakai"),
])
def test_event_id_is_ascii_slug_of_the_words(date, words, expected):
    assert event_id(date, words) == expected


def test_event_id_fits_the_schema_limit():
    ident = event_id("2024-01-17", "hội thảo " * 40)
    assert len(ident) <= 80 and not ident.endswith("-")


@pytest.mark.parametrize(("date", "words", "message"), [
    ("17/01/2024", "x", "DATE: expected the event's date as YYYY-MM-DD, found '17/01/2024'"),
    ("2024-02-30", "x", "DATE: expected a real date as YYYY-MM-DD, found '2024-02-30'"),
    ("2024-01-17", "“…” !!", "SLUG: expected a few words naming the event"),
])
def test_event_id_refuses(date, words, message):
    with pytest.raises(ScaffoldError, match=message.replace("(", r"\(").replace(")", r"\)")):
        event_id(date, words)


@pytest.fixture
def project(tmp_path, fixture_data) -> Path:
    """A copy of the fixture data and an archive of two articles, a folder and an outside file beside it."""
    shutil.copytree(fixture_data, tmp_path / "data")
    archive = tmp_path / "archive"
    (archive / "sub").mkdir(parents=True)
    for name in ARTICLES:
        (archive / name).write_text("Bài báo.\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside\n", encoding="utf-8")
    return tmp_path


def new_event(project: Path, *args: str) -> int:
    return main(["--archive", str(project / "archive"), "--data", str(project / "data"), *args], project)


def test_scaffold_is_written_with_modeline_and_checklist(project, capsys):
    assert new_event(project, "2024-03-06", "Bình Dương đổi mới", *ARTICLES) == 0
    target = project / "data/events/2024-03-06-binh-duong-doi-moi.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == modeline(target, project, "event") == "# yaml-language-server: $schema=../../schema/event.schema.json"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["id"] == "2024-03-06-binh-duong-doi-moi" and data["date"]["value"] == "2024-03-06"
    assert [(s["id"], s["file"]) for s in data["sources"]] == [("bddm-a", ARTICLES[0]), ("bddm-b", ARTICLES[1])]
    out = capsys.readouterr().out
    assert "Created data/events/2024-03-06-binh-duong-doi-moi.yaml" in out
    for words in ("title.vi: your text in Vietnamese", "title.en: your text in English", "topics[0]: an id declared in data/topics.yaml",
                  "make pages", "make serve", "make check-translations", "/events/2024-03-06-binh-duong-doi-moi/"):
        assert words in out, words


def test_scaffold_fails_validation_on_every_placeholder_only(project):
    assert new_event(project, "2024-03-06", "Bình Dương đổi mới", *ARTICLES) == 0
    with pytest.raises(DataErrors) as caught:
        load_catalogue(project / "data", project)
    errors = caught.value.errors
    name = "data/events/2024-03-06-binh-duong-doi-moi.yaml"
    assert errors and all(e.file == name and e.line and "expected your text, found the placeholder 'TODO: " in e.message
                          .replace('"', "'") for e in errors), "\n".join(map(str, errors))
    fields = {e.field for e in errors}
    assert {"title.vi", "title.en", "lead.vi", "lead.en", "summary.vi[0]", "summary.en[0]", "place.province", "topics[0]",
            "key_points[0].text.vi", "organisers[0].org", "sources[0].summary.en", "sources[1].summary.vi"} <= fields
    text = (project / "data/events/2024-03-06-binh-duong-doi-moi.yaml").read_text(encoding="utf-8").splitlines()
    for error in errors:
        assert PLACEHOLDER in text[error.line - 1], error


def fill(value, path=()):
    """A valid value for each placeholder of the fixture data: declared ids, the first source, plain text."""
    if isinstance(value, dict):
        return {k: fill(v, (*path, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, (*path, i)) for i, v in enumerate(value)]
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        names = [p for p in path if isinstance(p, str)]
        return {"province": "hai-phong", "org": "test-authority", "topics": "net-zero-targets", "sources": "bddm-a", "source": "bddm-a"}.get(names[-1], "Văn bản.")
    return value


def test_filled_scaffold_is_a_valid_event(project):
    """Every required field of Event is in the scaffold: once the placeholders are filled, the event loads."""
    assert new_event(project, "2024-03-06", "Bình Dương đổi mới", *ARTICLES) == 0
    target = project / "data/events/2024-03-06-binh-duong-doi-moi.yaml"
    data = fill(yaml.safe_load(target.read_text(encoding="utf-8")))
    assert not list(placeholders(data))
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    event = next(e for e in load_catalogue(project / "data", project).events if e.id == "2024-03-06-binh-duong-doi-moi")
    assert [s.file for s in event.sources] == ARTICLES


def test_placeholder_in_a_valid_event_is_reported(project, bad_data):
    text = (bad_data / "valid-event.yaml").read_text(encoding="utf-8").replace('en: "Workshop"', 'en: "TODO: title in English"')
    (project / "data/events/valid-event.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(project / "data", project)
    assert [str(e) for e in caught.value.errors] == [
        "data/events/valid-event.yaml:8: title.en: expected your text, found the placeholder 'TODO: title in English'"]


def test_existing_file_is_never_overwritten(project, capsys):
    assert new_event(project, "2024-03-06", "Workshop", ARTICLES[0]) == 0
    target = project / "data/events/2024-03-06-workshop.yaml"
    target.write_text("mine\n", encoding="utf-8")
    capsys.readouterr()
    assert new_event(project, "2024-03-06", "workshop", ARTICLES[1]) == 1
    err = capsys.readouterr().err
    assert "data/events/2024-03-06-workshop.yaml: expected a new event file, found one already" in err and "nothing was written" in err
    assert target.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(("article", "words"), [
    ("999_0000000000000000.txt", "expected an article file in the archive"),
    ("../secret.txt", "no '..', not absolute"),
    ("/etc/passwd", "no '..', not absolute"),
    ("link.txt", "expected a file inside the archive"),
    ("sub", "expected an article file in the archive"),
])
def test_bad_article_is_refused_and_nothing_written(project, article, words, capsys):
    (project / "archive/link.txt").symlink_to(project / "secret.txt")
    (project / "archive/notes.txt").write_text("x\n", encoding="utf-8")
    before = sorted(os.listdir(project / "data/events"))
    assert new_event(project, "2024-03-06", "Workshop", ARTICLES[0], article) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ARTICLES: ") and words in err, err
    assert sorted(os.listdir(project / "data/events")) == before


def test_no_article_is_refused(project, capsys):
    assert new_event(project, "2024-03-06", "Workshop") == 1
    assert "ARTICLES: expected at least one article file" in capsys.readouterr().err


def test_archive_rule(monkeypatch, tmp_path):
    monkeypatch.delenv(ARCHIVE_ENV, raising=False)
    assert archive_dir(None, tmp_path / "checkout") == tmp_path / "shared" / "seeds"
    monkeypatch.setenv(ARCHIVE_ENV, str(tmp_path / "env"))
    assert archive_dir(None, tmp_path / "checkout") == tmp_path / "env"
    assert archive_dir(tmp_path / "flag", tmp_path / "checkout") == tmp_path / "flag"


def test_missing_archive_is_named(tmp_path):
    with pytest.raises(ArchiveError, match="expected the article archive folder at"):
        article_path(tmp_path / "nowhere", ARTICLES[0])
