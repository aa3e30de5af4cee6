"""Property-based tests: arbitrary YAML-ish input never crashes the loader with a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.load import DataErrors, load_catalogue

#: Read at import: the strategies below need its length (the bad_data fixture's valid-event.yaml).
VALID = (Path(__file__).resolve().parent.parent / "fixtures" / "bad" / "valid-event.yaml").read_text(encoding="utf-8")

yamlish = st.lists(st.sampled_from([*" \t\n:-[]{}\"'#&*!|>%@`,?abcHảiđ019", "\r\n", "- ", ": ", "  ", "id: ", "title:"]), max_size=120).map("".join)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=20)


def load(tmp: Path, content: bytes) -> None:
    events = tmp / "data" / "events"
    for old in events.glob("*.yaml"):
        old.unlink()
    (events / "case.yaml").write_bytes(content)
    try:
        load_catalogue(tmp / "data", tmp)
    except DataErrors as exc:
        assert exc.errors and all(e.file.endswith("case.yaml") and e.message for e in exc.errors)


def fixture_copy(tmp_path_factory, fixture_data: Path) -> Path:
    tmp = tmp_path_factory.mktemp("prop")
    shutil.copytree(fixture_data, tmp / "data")
    return tmp


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yamlish)
def test_arbitrary_text_gives_data_errors_only(tmp_path_factory, fixture_data, text):
    load(fixture_copy(tmp_path_factory, fixture_data), text.encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_give_data_errors_only(tmp_path_factory, fixture_data, raw):
    load(fixture_copy(tmp_path_factory, fixture_data), raw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0, max_value=len(VALID)), junk=yamlish)
def test_corrupted_valid_file_gives_data_errors_only(tmp_path_factory, fixture_data, position, junk):
    load(fixture_copy(tmp_path_factory, fixture_data), (VALID[:position] + junk + VALID[position:]).encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["title", "date", "place", "key_points", "sources", "summary", "topics", "figures"]), value=values)
def test_wrong_types_in_fields_give_data_errors_only(tmp_path_factory, fixture_data, field, value):
    import yaml

    data = yaml.safe_load(VALID)
    data[field] = value
    load(fixture_copy(tmp_path_factory, fixture_data), yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))
