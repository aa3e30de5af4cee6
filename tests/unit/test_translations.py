"""check-translations: a text whose Vietnamese changed since a commit while its English did not (or the reverse)
is listed with file, line and field; both changed, a reflowed text, a new file or an acknowledged edit is not."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from digest.cli import main

EVENT = """\
id: 2024-03-05-x
title:
  vi: Hội thảo về Net Zero
  en: Workshop on net zero
lead:
  vi: >-
    Hội thảo bàn về khu công nghiệp
    sinh thái.
  en: >-
    The workshop discussed eco-industrial
    parks.
summary:
  vi: [Đoạn một., Đoạn hai.]
  en: [Paragraph one., Paragraph two.]
quotations:
  - speaker: a
    vi: "Chúng tôi cam kết"
    en: "We are committed"
place:
  venue: {vi: Khách sạn, en: Hotel}
"""
NAME = "data/events/2024-03-05-x.yaml"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository holding one committed event file."""
    (tmp_path / "data/events").mkdir(parents=True)
    (tmp_path / NAME).write_text(EVENT, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one event")
    return tmp_path


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / NAME
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(repo: Path, capsys, *args: str) -> tuple[int, str]:
    status = main(["--data", str(repo / "data"), "--check-translations", *args], repo)
    out = capsys.readouterr()
    return status, out.out + out.err


def test_unchanged_is_ok(repo, capsys):
    assert check(repo, capsys) == (0, "ok: no text changed in one language only since HEAD\n")


def test_vietnamese_changed_english_not(repo, capsys):
    edit(repo, "vi: Hội thảo về Net Zero", "vi: Hội thảo về phát thải ròng bằng 0")
    status, out = check(repo, capsys)
    assert status == 1
    assert (f"{NAME}:3: title.vi: expected the English text to change with the Vietnamese one, found only the Vietnamese changed "
            "since HEAD (update title.en") in out


def test_english_changed_vietnamese_not(repo, capsys):
    edit(repo, "    parks.", "    parks and carbon credits.")
    edit(repo, '"We are committed"', '"We commit ourselves"')
    status, out = check(repo, capsys)
    assert status == 1
    assert f"{NAME}:9: lead.en: expected the Vietnamese text to change with the English one, found only the English changed" in out
    assert f"{NAME}:18: quotations[0].en: expected the Vietnamese text" in out


def test_list_and_flow_mapping_fields(repo, capsys):
    edit(repo, "Đoạn hai.", "Đoạn hai, sửa.")
    edit(repo, "en: Hotel", "en: Hotel Pearl")
    status, out = check(repo, capsys)
    assert status == 1
    assert f"{NAME}:13: summary.vi: expected the English text" in out
    assert f"{NAME}:20: place.venue.en: expected the Vietnamese text" in out


def test_both_changed_or_reflowed_is_ok(repo, capsys):
    edit(repo, "vi: Hội thảo về Net Zero", "vi: Hội thảo Net Zero")
    edit(repo, "en: Workshop on net zero", "en: Net zero workshop")
    edit(repo, "Hội thảo bàn về khu công nghiệp\n    sinh thái.", "Hội thảo bàn về khu\n    công nghiệp sinh thái.")
    assert check(repo, capsys)[0] == 0


@pytest.mark.parametrize(("old", "new"), [
    ("vi: Hội thảo về Net Zero", "vi: Hội thảo về Net Zero năm 2024  # translation-ok"),
    ("  vi: >-\n    Hội thảo bàn", "  vi: >-  # translation-ok: nothing to translate\n    Các đại biểu bàn"),
    ("title:\n  vi: Hội thảo về Net Zero\n", "title:  # translation-ok\n  vi: Hội thảo về Net Zero.\n"),
])
def test_acknowledged_one_sided_edit_is_ok(repo, capsys, old, new):
    edit(repo, old, new)
    assert check(repo, capsys)[0] == 0


def test_marker_inside_the_text_is_not_an_acknowledgement(repo, capsys):
    edit(repo, '"Chúng tôi cam kết"', '"Chúng tôi cam kết # translation-ok"')
    status, out = check(repo, capsys)
    assert status == 1 and f"{NAME}:17: quotations[0].vi" in out


def test_new_file_is_skipped_and_since_an_older_commit(repo, capsys):
    (repo / "data/events/2024-03-06-y.yaml").write_text(EVENT.replace("2024-03-05-x", "2024-03-06-y"), encoding="utf-8")
    edit(repo, "en: Workshop on net zero", "en: Net zero workshop")
    git(repo, "commit", "-q", "-am", "English title")
    assert check(repo, capsys)[0] == 0
    status, out = check(repo, capsys, "--since", "HEAD~1")
    assert status == 1 and "title.en: expected the Vietnamese text" in out and "since HEAD~1" in out
    assert "2024-03-06-y" not in out


def test_unknown_commit_is_an_error(repo, capsys):
    status, out = check(repo, capsys, "--since", "no-such-ref")
    assert status == 1 and "expected a git commit to compare with, found 'no-such-ref' unknown" in out
