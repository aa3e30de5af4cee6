"""Bad input: every kind of wrong data file gets a clear error (file, line, field, expected vs found),
all errors of a run are reported together, the exit status is 1 and docs/ is left byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from digest.cli import main
from digest.load import load_catalogue

# fixture file → (field path, words of the message), the file's own name always being part of the message
CASES = {
    "yaml-bad-indent": ("", "expected valid YAML"),
    "yaml-unclosed-quote": ("", "expected valid YAML"),
    "yaml-tab-indent": ("", "expected valid YAML, found a tab character (indent with spaces, not tabs)"),
    "empty-file": ("", "expected a mapping of event fields, found an empty file"),
    "list-file": ("", "expected a mapping of event fields, found a list"),
    "scalar-file": ("", "expected a mapping of event fields, found a str"),
    "missing-field": ("title", "required field is missing"),
    "unknown-field": ("titel", "unknown field (a typo?)"),
    "missing-translation": ("title.en", "required field is missing"),
    "empty-translation": ("lead.en", "expected non-empty text, found ''"),
    "impossible-date": ("date.value", "expected a real date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM for a time), found '2024-02-30'"),
    "future-date": ("date.value", "expected a date no later than"),
    "id-mismatch": ("id", "expected the file name's id 'id-mismatch', found 'another-id'"),
    "undeclared-reference": ("organisers[0].org", "expected a declared organisation id"),
    "uncited-source": ("key_points[0].sources[0]", "expected one of this event's sources (vs), found 'sz'"),
    "duplicate-source-id": ("sources[1].id", "expected a unique source id, found 'vs' twice"),
    "number-mismatch": ("lead", "expected the number 6080 in the English text too"),
    "oversized-field": ("summary.en[0]", "expected at most 4000 characters"),
    "long-headline-label": ("figures[0].measure.en", "expected a fact-panel label of at most 70 characters for a headline figure"),
    "too-many-headline-figures": ("figures[4].headline", "expected at most 4 figures with headline: true, found 5"),
}


def digest_of(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path, fixture_data) -> Path:
    """A copy of the fixture data with docs/ already generated from it."""
    shutil.copytree(fixture_data, tmp_path / "data")
    assert main(["--data", str(tmp_path / "data"), "--docs", str(tmp_path / "docs")], tmp_path) == 0
    return tmp_path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_reported_and_docs_untouched(project, case, capsys, bad_data, run_generator):
    field, words = CASES[case]
    shutil.copy(bad_data / f"{case}.yaml", project / "data" / "events" / f"{case}.yaml")
    before = digest_of(project / "docs")
    assert run_generator(project) == 1
    err = capsys.readouterr().err
    line = next((ln for ln in err.splitlines() if f"data/events/{case}.yaml" in ln and words in ln), None)
    assert line, f"no error naming the file and saying {words!r} in:\n{err}"
    if field:
        assert f": {field}: " in line, line
    assert "docs/ was not changed" in err
    assert digest_of(project / "docs") == before


@pytest.mark.parametrize("case", ["yaml-bad-indent", "yaml-unclosed-quote", "yaml-tab-indent", "missing-field", "impossible-date"])
def test_errors_give_the_line(project, case, capsys, bad_data, run_generator):
    shutil.copy(bad_data / f"{case}.yaml", project / "data" / "events" / f"{case}.yaml")
    run_generator(project)
    assert re.search(rf"data/events/{case}\.yaml:\d+: ", capsys.readouterr().err)


def test_all_errors_of_a_run_are_reported_together(project, capsys, bad_data, run_generator):
    for case in ("missing-field", "undeclared-reference", "yaml-tab-indent"):
        shutil.copy(bad_data / f"{case}.yaml", project / "data" / "events" / f"{case}.yaml")
    assert run_generator(project) == 1
    err = capsys.readouterr().err
    assert all(f"data/events/{case}.yaml" in err for case in ("missing-field", "undeclared-reference", "yaml-tab-indent"))
    assert "topics[0]: expected a declared topic id" in err


def test_undeclared_person_and_place(project, capsys, bad_data, run_generator):
    text = (bad_data / "valid-event.yaml").read_text(encoding="utf-8").replace("province: hai-phong", "province: atlantis")
    text += "participants:\n  - person: nobody\n    role: {vi: x, en: x}\n    sources: [vs]\n"
    (project / "data/events/valid-event.yaml").write_text(text, encoding="utf-8")
    assert run_generator(project) == 1
    err = capsys.readouterr().err
    assert "place.province: expected a declared place id" in err and "'atlantis'" in err
    assert "participants[0].person: expected a declared person id" in err and "'nobody'" in err


def test_non_utf8_bytes(project, capsys, bad_data, run_generator):
    raw = (bad_data / "valid-event.yaml").read_bytes().replace("Hội thảo".encode(), "Hội thảo".encode("utf-16-le"))
    (project / "data/events/valid-event.yaml").write_bytes(raw)
    assert run_generator(project) == 1
    assert "data/events/valid-event.yaml:7: (file): expected UTF-8 text, found byte 0x" in capsys.readouterr().err


def test_oversized_file(project, capsys, bad_data, run_generator):
    text = (bad_data / "valid-event.yaml").read_text(encoding="utf-8") + "# padding\n" * 30000
    (project / "data/events/valid-event.yaml").write_text(text, encoding="utf-8")
    assert run_generator(project) == 1
    assert "expected at most 262144 bytes" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["valid-event.yml", "valid-event.txt", "drafts/valid-event.yaml"])
def test_file_outside_the_pattern_is_reported_not_skipped(project, name, capsys, bad_data, run_generator):
    target = project / "data" / "events" / name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(bad_data / "valid-event.yaml", target)
    assert run_generator(project) == 1
    assert f"data/events/{name}: (file): expected event files as events/<event-id>.yaml" in capsys.readouterr().err


def test_id_that_is_not_a_slug(project, capsys, bad_data, run_generator):
    text = (bad_data / "valid-event.yaml").read_text(encoding="utf-8").replace("id: valid-event", "id: Hải_Phòng")
    (project / "data/events/Hải_Phòng.yaml").write_text(text, encoding="utf-8")
    assert run_generator(project) == 1
    assert "id: expected an id of lower-case letters, digits and hyphens" in capsys.readouterr().err


def test_stray_file_in_data_is_reported(project, capsys, run_generator):
    (project / "data" / "organizations.yaml").write_text("[]\n", encoding="utf-8")
    assert run_generator(project) == 1
    assert "data/organizations.yaml: (file): expected only places.yaml, organisations.yaml, people.yaml, topics.yaml" in capsys.readouterr().err


@pytest.mark.parametrize("variant", ["bom", "crlf", "nfd"])
def test_accepted_variants_load_like_the_clean_file(project, variant, bad_data, run_generator):
    clean = (bad_data / "valid-event.yaml").read_text(encoding="utf-8")
    raw = {
        "bom": b"\xef\xbb\xbf" + clean.encode(),
        "crlf": clean.replace("\n", "\r\n").encode(),
        "nfd": unicodedata.normalize("NFD", clean).encode(),
    }[variant]
    assert raw != clean.encode()
    (project / "data/events/valid-event.yaml").write_bytes(raw)
    assert run_generator(project) == 0
    event = next(e for e in load_catalogue(project / "data", project).events if e.id == "valid-event")
    assert event.title.vi == "Hội thảo" and unicodedata.is_normalized("NFC", event.title.vi)
    assert event.lead.en == "On 5 March, the workshop discussed 6,080 ha."


def test_text_is_normalised_once(project, bad_data, run_generator):
    text = (bad_data / "valid-event.yaml").read_text(encoding="utf-8").replace('en: "Workshop"', 'en: "  Work\\t  shop \\n "')
    (project / "data/events/valid-event.yaml").write_text(text, encoding="utf-8")
    assert run_generator(project) == 0
    event = next(e for e in load_catalogue(project / "data", project).events if e.id == "valid-event")
    assert event.title.en == "Work shop"


def test_check_reports_hand_edited_and_stray_docs(project, capsys, run_generator):
    assert run_generator(project, "--check") == 0
    about = project / "docs/vi/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nhand edit\n", encoding="utf-8")
    (project / "docs/en/notes.md").write_text("mine\n", encoding="utf-8")
    (project / "docs/en/index.md").unlink()
    capsys.readouterr()
    assert run_generator(project, "--check") == 1
    err = capsys.readouterr().err
    assert "differs: docs/vi/about.md" in err
    assert "not generated: docs/en/notes.md" in err
    assert "missing: docs/en/index.md" in err


def test_write_touches_only_changed_files(project, run_generator):
    stamps = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")}
    assert run_generator(project) == 0
    assert {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")} == stamps


def test_duplicate_entity_id_and_source_id_shared_by_two_events(project, capsys, bad_data, run_generator):
    people = project / "data" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "- id: jane-doe\n  name: Jane Doe Again\n", encoding="utf-8")
    text = (bad_data / "valid-event.yaml").read_text(encoding="utf-8").replace("id: vs", "id: sa").replace("[vs]", "[sa]")
    (project / "data/events/valid-event.yaml").write_text(text, encoding="utf-8")
    assert run_generator(project) == 1
    err = capsys.readouterr().err
    assert "data/people.yaml:7: [2].id: expected a unique id, found 'jane-doe' twice" in err
    assert "sources[0].id: expected a source id unique across events, found 'sa' also in data/events/2024-03-05-fixture-workshop.yaml" in err
