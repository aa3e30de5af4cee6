"""JSON Schema of the data files: generated from digest/schema.py and committed under schema/ (kept current by
`make schema`); every data file is valid against it and names it in its first line, which the loader ignores."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

from digest.load import DataErrors, load_catalogue
from digest.load.read import read_yaml
from digest.schema_files import data_files, modeline, schema_kinds, schema_path, schema_text, with_modeline

DATA_DIRS = ("data", "tests/fixtures/data")


@pytest.mark.parametrize("kind", sorted(schema_kinds()))
def test_committed_schema_is_what_the_model_gives(root, kind):
    path = schema_path(root, kind)
    assert path.is_file() and path.read_text(encoding="utf-8") == schema_text(kind), \
        f"{path.relative_to(root)} is not what digest/schema.py gives: run `make schema` and commit it"


def every_data_file(root):
    return [(path, kind) for folder in DATA_DIRS for path, kind in data_files(root / folder)]


def test_there_are_data_files(root):
    kinds = {kind for _, kind in every_data_file(root)}
    assert kinds == set(schema_kinds())


def test_every_data_file_is_valid_against_its_schema(root):
    validators = {kind: jsonschema.Draft202012Validator(json.loads(schema_path(root, kind).read_text(encoding="utf-8")))
                  for kind in schema_kinds()}
    problems = []
    for path, kind in every_data_file(root):
        data, _, errors = read_yaml(path, str(path))
        assert not errors, errors
        problems += [f"{path.relative_to(root)}: {'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validators[kind].iter_errors(data)]
    assert not problems, "\n".join(problems)


def test_every_data_file_starts_with_its_modeline(root):
    wrong = [str(path.relative_to(root)) for path, kind in every_data_file(root)
             if path.read_text(encoding="utf-8").splitlines()[0] != modeline(path, root, kind)]
    assert not wrong, f"first line is not the schema modeline (run `make schema`): {wrong}"


def test_modeline_points_at_the_schema(root):
    for path, kind in every_data_file(root):
        target = (path.parent / modeline(path, root, kind).split("$schema=", 1)[1]).resolve()
        assert target == schema_path(root, kind).resolve()


def test_with_modeline_adds_once_and_replaces():
    line = "# yaml-language-server: $schema=../schema/event.schema.json"
    once = with_modeline("id: x\n", line)
    assert once == f"{line}\nid: x\n" and with_modeline(once, line) == once
    assert with_modeline("# yaml-language-server: $schema=old.json\nid: x\n", line) == once
    assert with_modeline("\ufeffid: x\n", line) == f"\ufeff{line}\nid: x\n"


def test_modeline_keeps_error_lines_right(tmp_path, fixture_data, bad_data):
    """The modeline is a comment: the loader accepts it and counts it, so errors point at the right line."""
    shutil.copytree(fixture_data, tmp_path / "data")
    text = (bad_data / "impossible-date.yaml").read_text(encoding="utf-8")
    target = tmp_path / "data/events/impossible-date.yaml"
    target.write_text(with_modeline(text, modeline(target, tmp_path, "event")), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(tmp_path / "data", tmp_path)
    (error,) = caught.value.errors
    line = next(i for i, ln in enumerate(target.read_text(encoding="utf-8").splitlines(), 1) if "2024-02-30" in ln)
    assert (error.field, error.line) == ("date.value", line) and line == 4
