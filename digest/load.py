"""Load and validate: data files → normalised, cross-checked `Catalogue`.

Every problem found is collected as a `DataError` (file, line, field path,
expected versus found) so one run reports them all together.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from digest.model import (
    FUTURE_HORIZON_DAYS,
    MAX_FILE_BYTES,
    Event,
    Organisation,
    Person,
    Place,
    Topic,
    field_path,
)
from digest.numbers import cross_check_numbers

#: Entity files under data/, each a YAML list of one kind of entity.
ENTITY_FILES: dict[str, type[BaseModel]] = {
    "places": Place,
    "organisations": Organisation,
    "people": Person,
    "topics": Topic,
}
EVENTS_DIR = "events"
EVENT_SUFFIX = ".yaml"


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


@dataclass
class Catalogue:
    """Everything the renderer needs, validated and cross-referenced."""

    events: list[Event]
    places: dict[str, Place]
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    topics: dict[str, Topic]
    files: dict[str, str] = field(default_factory=dict)  # event id → data file


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text until the schema parses them,
    so an impossible date is a field error, not a crash of the YAML reader."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml when PyYAML has it (about 40 times faster: thousands of
    events load in well under a second). Errors are re-read with `_Loader` so the
    editor sees the same messages either way."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse(text: str, loader_class: type) -> tuple[Any, yaml.Node | None]:
    """One pass: compose the node tree (for line numbers), then build the data from it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


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


def _line_for(lines: dict, path: tuple) -> int | None:
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
            data, node = _parse(text, _FastLoader)
        except yaml.YAMLError:
            data, node = _parse(text, _Loader)  # the pure-Python reader's wording of the error
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        if "'\\t'" in problem:
            problem = "a tab character (indent with spaces, not tabs)"
        detail = f"{problem} ({context})" if context else problem
        return None, {}, [DataError(name, mark.line + 1 if mark else None, "", f"expected valid YAML, found {detail}")]
    return normalise(data), _line_index(node), []


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
        errors.append(DataError(name, _line_for(lines, path), field_path(path), message))
    return errors


def load_entities(data_dir: Path, root: Path) -> tuple[dict[str, dict], list[DataError]]:
    """Read the entity files: kind → id → entity."""
    registry: dict[str, dict] = {}
    errors: list[DataError] = []
    for kind, model in ENTITY_FILES.items():
        path = data_dir / f"{kind}.yaml"
        name = _rel(path, root)
        registry[kind] = {}
        if not path.exists():
            errors.append(DataError(name, None, "", "expected this entity file, found none"))
            continue
        data, lines, errs = read_yaml(path, name)
        errors += errs
        if errs:
            continue
        if not isinstance(data, list):
            errors.append(DataError(name, None, "", f"expected a list of {kind}, found {type(data).__name__}"))
            continue
        for i, item in enumerate(data):
            try:
                entity = model.model_validate(item)
            except ValidationError as exc:
                errors += validation_errors(exc, name, lines, (i,))
                continue
            if entity.id in registry[kind]:
                errors.append(DataError(name, _line_for(lines, (i, "id")), f"[{i}].id", f"expected a unique id, found {entity.id!r} twice"))
            registry[kind][entity.id] = entity
    return registry, errors


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def load_event(path: Path, root: Path) -> tuple[Event | None, dict, list[DataError]]:
    """Read and validate one event file against the schema."""
    name = _rel(path, root)
    data, lines, errors = read_yaml(path, name)
    if errors:
        return None, lines, errors
    if data is None:
        return None, lines, [DataError(name, None, "", "expected a mapping of event fields, found an empty file")]
    if not isinstance(data, dict):
        return None, lines, [DataError(name, 1, "", f"expected a mapping of event fields, found a {type(data).__name__}")]
    try:
        event = Event.model_validate(data)
    except ValidationError as exc:
        return None, lines, validation_errors(exc, name, lines)
    expected = path.stem
    if event.id != expected:
        return None, lines, [DataError(name, _line_for(lines, ("id",)), "id", f"expected the file name's id {expected!r}, found {event.id!r}")]
    return event, lines, []


def check_references(event: Event, registry: dict[str, dict], name: str, lines: dict) -> list[DataError]:
    """Every id an event uses must be declared; every cited source must be the event's own."""
    errors = []

    def need(kind: str, ident: str | None, path: tuple) -> None:
        if ident is not None and ident not in registry[kind]:
            known = ", ".join(sorted(registry[kind])[:8])
            errors.append(DataError(name, _line_for(lines, path), field_path(path), f"expected a declared {kind[:-1] if kind != 'people' else 'person'} id (data/{kind}.yaml: {known}...), found {ident!r}"))

    source_ids = [s.id for s in event.sources]
    for i, sid in enumerate(source_ids):
        if source_ids.index(sid) != i:
            errors.append(DataError(name, _line_for(lines, ("sources", i, "id")), f"sources[{i}].id", f"expected a unique source id, found {sid!r} twice"))

    def cite(item: Any, path: tuple) -> None:
        for j, sid in enumerate(item.sources):
            if sid not in source_ids:
                p = (*path, "sources", j)
                errors.append(DataError(name, _line_for(lines, p), field_path(p), f"expected one of this event's sources ({', '.join(source_ids)}), found {sid!r}"))

    horizon = dt.date.today() + dt.timedelta(days=FUTURE_HORIZON_DAYS)
    if event.date.value > horizon:
        errors.append(DataError(name, _line_for(lines, ("date", "value")), "date.value", f"expected a date no later than {horizon.isoformat()} (today + {FUTURE_HORIZON_DAYS} days), found {event.date.value.isoformat()}"))
    for i, source in enumerate(event.sources):
        published = source.published.date() if isinstance(source.published, dt.datetime) else source.published
        if published and published > horizon:
            errors.append(DataError(name, _line_for(lines, ("sources", i, "published")), f"sources[{i}].published", f"expected a date no later than {horizon.isoformat()}, found {published.isoformat()}"))
    need("places", event.place.province, ("place", "province"))
    for i, pid in enumerate(event.partners):
        need("places", pid, ("partners", i))
    for i, tid in enumerate(event.topics):
        need("topics", tid, ("topics", i))
    for group in ("organisers", "attending_organisations"):
        for i, role in enumerate(getattr(event, group)):
            need("organisations", role.org, (group, i, "org"))
            cite(role, (group, i))
    for i, part in enumerate(event.participants):
        need("people", part.person, ("participants", i, "person"))
        need("organisations", part.org, ("participants", i, "org"))
        cite(part, ("participants", i))
    for i, fig in enumerate(event.figures):
        cite(fig, ("figures", i))
    for i, com in enumerate(event.commitments):
        actor = com.actor
        if actor not in registry["organisations"] and actor not in registry["places"]:
            need("organisations", actor, ("commitments", i, "actor"))
        cite(com, ("commitments", i))
    for i, quote in enumerate(event.quotations):
        need("people", quote.speaker, ("quotations", i, "speaker"))
        cite(quote, ("quotations", i))
    for i, point in enumerate(event.key_points):
        cite(point, ("key_points", i))
    for i, disc in enumerate(event.discrepancies):
        for k, version in enumerate(disc.versions):
            cite(version, ("discrepancies", i, "versions", k))
    if len(event.summary.vi) != len(event.summary.en):
        errors.append(DataError(name, _line_for(lines, ("summary",)), "summary", f"expected as many English as Vietnamese paragraphs, found vi={len(event.summary.vi)} en={len(event.summary.en)}"))
    for problem in cross_check_numbers(event):
        errors.append(DataError(name, _line_for(lines, problem.path), field_path(problem.path), problem.message))
    return errors


#: Below this many event files one process is quicker than starting others.
PARALLEL_MIN_FILES = 200
_SHARED: tuple | None = None  # (root, registry), inherited by forked workers


def parallel_jobs() -> int:
    """Worker processes for the generator: the usable cores, or NZD_JOBS (1 = no workers)."""
    try:
        wanted = int(os.environ.get("NZD_JOBS", "0"))
    except ValueError:
        wanted = 0
    if wanted > 0:
        return wanted
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _load_checked(path: Path, root: Path, registry: dict[str, dict]) -> tuple[Event | None, dict, list[DataError]]:
    """One event file: read, validate, cross-check."""
    event, lines, errors = load_event(path, root)
    if event is not None:
        errors = errors + check_references(event, registry, _rel(path, root), lines)
    return event, lines, errors


def _load_chunk(paths: list[Path]) -> list[tuple[dict | None, dict, list[DataError]]]:
    root, registry = _SHARED  # type: ignore[misc]
    out = []
    for path in paths:
        event, lines, errors = _load_checked(path, root, registry)
        # A plain dict crosses the process boundary ten times faster than a pickled model.
        out.append((event.model_dump() if event is not None else None, lines, errors))
    return out


def _load_in_parallel(paths: list[Path], root: Path, registry: dict[str, dict]) -> dict[Path, tuple]:
    """Event files read and checked by forked workers, one chunk each per core (same results as one process)."""
    jobs = parallel_jobs()
    if jobs < 2 or len(paths) < PARALLEL_MIN_FILES:
        return {}
    global _SHARED
    _SHARED = (root, registry)
    try:
        size = -(-len(paths) // (jobs * 4))
        chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results = [item for chunk in pool.map(_load_chunk, chunks) for item in chunk]
    finally:
        _SHARED = None
    return {path: (Event.model_validate(data) if data is not None else None, lines, errors)
            for path, (data, lines, errors) in zip(paths, results, strict=True)}


def load_catalogue(data_dir: Path, root: Path | None = None) -> Catalogue:
    """Load every data file, validate it, and raise `DataErrors` listing every problem."""
    root = root or data_dir.parent
    registry, errors = load_entities(data_dir, root)
    events: list[Event] = []
    files: dict[str, str] = {}
    source_owner: dict[str, str] = {}
    events_dir = data_dir / EVENTS_DIR
    candidates = sorted(events_dir.glob(f"*{EVENT_SUFFIX}")) if events_dir.is_dir() else []
    loaded = _load_in_parallel([p for p in candidates if p.is_file()], root, registry)
    for path in sorted(events_dir.rglob("*")) if events_dir.is_dir() else []:
        name = _rel(path, root)
        if path.is_dir():
            continue
        if path.parent != events_dir or path.suffix != EVENT_SUFFIX:
            errors.append(DataError(name, None, "", f"expected event files as {EVENTS_DIR}/<event-id>{EVENT_SUFFIX} directly in {_rel(events_dir, root)}/, found this file"))
            continue
        event, lines, errs = loaded[path] if path in loaded else _load_checked(path, root, registry)
        errors += errs
        if event is None:
            continue
        if event.id in files:
            errors.append(DataError(name, _line_for(lines, ("id",)), "id", f"expected a unique event id, found {event.id!r} also in {files[event.id]}"))
            continue
        files[event.id] = name
        events.append(event)
        for i, source in enumerate(event.sources):
            # Source pages live at /sources/<id>/: an id may serve one article only, site-wide.
            if source.id in source_owner and source_owner[source.id] != name:
                errors.append(DataError(name, _line_for(lines, ("sources", i, "id")), f"sources[{i}].id",
                                        f"expected a source id unique across events, found {source.id!r} also in {source_owner[source.id]}"))
            source_owner.setdefault(source.id, name)
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else []:
        if path.is_file() and path.stem not in ENTITY_FILES:
            errors.append(DataError(_rel(path, root), None, "", f"expected only {', '.join(f'{k}.yaml' for k in ENTITY_FILES)} and {EVENTS_DIR}/ in data/, found this file"))
    if errors:
        raise DataErrors(errors)
    events.sort(key=lambda e: (e.date.value, e.id), reverse=True)
    return Catalogue(events, registry["places"], registry["organisations"], registry["people"], registry["topics"], files)
