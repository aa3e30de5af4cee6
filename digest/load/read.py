"""Read: one YAML data file → normalised data, the line of every field, and the file's errors.

Every problem found is collected as a `DataError` (file, line, field path,
expected versus found) so one run reports them all together.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from digest.schema import MAX_FILE_BYTES, field_path


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file, worded for the editor who must fix it."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(file)'}: {self.message}"


class DataErrors(Exception):
    """All the problems of one run."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=lambda e: (e.file, e.line or 0, e.field, e.message))
        super().__init__("\n".join(map(str, self.errors)))

    def report(self) -> str:
        """The editor's report: how many problems, that docs/ was not changed, then each problem."""
        return "\n".join([f"error: {len(self.errors)} problem(s) in data files; docs/ was not changed:", *(f"  {e}" for e in self.errors)])


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text until the schema parses them,
    so an impossible date is a field error, not a crash of the YAML reader."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml when PyYAML has it (much faster; figures in ARCHITECTURE.md).
    Errors are re-read with `_Loader` so the editor sees the same messages either way."""

    def resolve(self, kind, value, implicit):
        """PyYAML's tag of a plain scalar, found without building a list of resolvers per node (the
        reader asks for every node); everything else as PyYAML does it."""
        if kind is yaml.ScalarNode and implicit[0]:
            for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                if regexp.match(value):
                    return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
if None in _FastLoader.yaml_implicit_resolvers or _FastLoader.yaml_path_resolvers:
    raise RuntimeError("_FastLoader.resolve knows no wildcard or path resolvers, which PyYAML's safe loader has not")


def _parse(text: str, loader_class: type) -> tuple[Any, dict]:
    """Compose the node tree, then build the data from it, normalised, with the line of every field."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        index: dict = {}
        try:
            return _build(loader, node, (), index), index
        except _Unusual:
            return normalise(loader.construct_document(node)), _line_index(node)
    finally:
        loader.dispose()


def _read_events(text: str) -> tuple[Any, dict]:
    """`_parse(text, _FastLoader)`, built from the reader's events without composing a node tree
    first; a document with anchors, explicit tags on collections or keys other than text, or more than
    one document, is left to `_parse`."""
    loader = _FastLoader(text)
    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None, {}
        loader.get_event()  # the document's start
        index: dict = {}
        data = _from_events(loader, loader.get_event(), (), index)
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Unusual
        return data, index
    except _Unusual:
        return _parse(text, _FastLoader)
    finally:
        loader.dispose()


def _from_events(loader: yaml.BaseLoader, event: yaml.Event, path: tuple, index: dict) -> Any:
    """`_build` of the node that starts with `event`, reading the events of the node from `loader`."""
    index[path] = event.start_mark.line + 1
    kind = event.__class__
    if kind not in _NODE_STARTS or event.anchor is not None:
        raise _Unusual
    if kind is yaml.ScalarEvent:
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return " ".join(unicodedata.normalize("NFC", event.value).split())
        return normalise(loader.construct_object(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style), deep=True))
    if event.tag is not None and event.tag != "!":
        raise _Unusual
    if kind is yaml.SequenceStartEvent:
        items = []
        while (item := loader.get_event()).__class__ is not yaml.SequenceEndEvent:
            items.append(_from_events(loader, item, (*path, len(items)), index))
        return items
    data = {}
    while (key := loader.get_event()).__class__ is not yaml.MappingEndEvent:
        if key.__class__ is not yaml.ScalarEvent or key.anchor is not None:
            raise _Unusual
        tag = key.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, key.value, key.implicit)
        if tag != _STR:
            raise _Unusual
        child = (*path, key.value)
        data[" ".join(unicodedata.normalize("NFC", key.value).split())] = _from_events(loader, loader.get_event(), child, index)
        index[child] = key.start_mark.line + 1  # a field's line is its key's
    return data


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_NODE_STARTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


class _Unusual(Exception):
    """A document `_build` leaves to PyYAML's constructor (merge keys, keys other than text)."""


def _build(loader: yaml.BaseLoader, node: yaml.Node, path: tuple, index: dict) -> Any:
    """`normalise(construct(node))` and `_line_index(node)` in one walk: the constructor itself is
    left only scalars other than text, and documents `_Unusual` enough to need it whole."""
    index[path] = node.start_mark.line + 1
    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return " ".join(unicodedata.normalize("NFC", node.value).split())
    if tag == _MAP and isinstance(node, yaml.MappingNode):
        data = {}
        for key, value in node.value:
            if key.tag != _STR or not isinstance(key, yaml.ScalarNode):
                raise _Unusual
            child = (*path, key.value)
            data[" ".join(unicodedata.normalize("NFC", key.value).split())] = _build(loader, value, child, index)
            index[child] = key.start_mark.line + 1  # a field's line is its key's
        return data
    if tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), index) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode):
        return normalise(loader.construct_object(node, deep=True))
    raise _Unusual


def normalise(value: Any) -> Any:
    """Unicode NFC and single-spaced, stripped text, recursively."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if isinstance(value, dict):
        return {normalise(k) if isinstance(k, str) else k: normalise(v) for k, v in value.items()}
    return value


def _line_index(node: yaml.Node | None, path: tuple = (), index: dict | None = None) -> dict:
    """Map each field path of a YAML document to its 1-based line."""
    index = {} if index is None else index
    if node is None:
        return index
    index[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, key.value)
            index[child] = key.start_mark.line + 1
            _line_index(value, child, index)
            index[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, (*path, i), index)
    return index


def line_for(lines: dict, path: tuple) -> int | None:
    """The line of a field, or of the nearest enclosing field the file has."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path)


def read_yaml(path: Path, name: str) -> tuple[Any, dict, list[DataError]]:
    """Read one YAML file: (data, line index, errors). Accepts a BOM and CRLF."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return None, {}, [DataError(name, None, "", f"expected at most {MAX_FILE_BYTES} bytes, found {len(raw)}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, {}, [DataError(name, line, "", f"expected UTF-8 text, found byte 0x{raw[exc.start]:02x} at offset {exc.start}")]
    try:
        try:
            data, lines = _read_events(text)
        except yaml.YAMLError:
            data, lines = _parse(text, _Loader)  # the pure-Python reader's wording of the error
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        if "'\\t'" in problem:
            problem = "a tab character (indent with spaces, not tabs)"
        detail = f"{problem} ({context})" if context else problem
        return None, {}, [DataError(name, mark.line + 1 if mark else None, "", f"expected valid YAML, found {detail}")]
    return data, lines, []


def _found(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(err: dict) -> str:
    """Pydantic's error, reworded as 'expected ..., found ...'."""
    kind, ctx, found = err["type"], err.get("ctx", {}), _found(err.get("input"))
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown field (a typo?), found {found}"
    if kind == "string_too_short":
        return f"expected non-empty text, found {found}" if ctx.get("min_length") == 1 else f"expected at least {ctx['min_length']} characters, found {found}"
    if kind == "string_too_long":
        return f"expected at most {ctx['max_length']} characters, found {len(err['input'])}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length', 0)}"
    if kind == "string_pattern_mismatch":
        return f"expected an id of lower-case letters, digits and hyphens (like 2024-01-17-hai-phong), found {found}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected a real date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM for a time), found {found} ({err['msg'].split(', ', 1)[-1]})"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, found {found}"
    if kind == "value_error":
        return f"{err['msg'].removeprefix('Value error, ')}, found {found}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, found {type(err.get('input')).__name__} {found}"
    return f"expected {err['msg'][0].lower()}{err['msg'][1:]}, found {found}"


def validation_errors(exc: ValidationError, name: str, lines: dict, prefix: tuple = ()) -> list[DataError]:
    """Turn pydantic's errors into editor-facing DataErrors."""
    errors = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        path = (*prefix, *loc)
        message = _message(err)
        errors.append(DataError(name, line_for(lines, path), field_path(path), message))
    return errors




def relative_name(path: Path, root: Path) -> str:
    """A data file's name as errors give it: relative to the project when it is inside."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
