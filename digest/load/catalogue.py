"""Load: the data folder → a validated, cross-checked `Catalogue`, or every problem at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from digest.load.checks import check_event, placeholder_errors
from digest.load.read import DataError, DataErrors, line_for, read_yaml, relative_name, validation_errors
from digest.parallel import MIN_EVENTS, parallel_map
from digest.schema import Event, Organisation, Person, Place, Topic

#: Entity files under data/, each a YAML list of one kind of entity.
ENTITY_FILES: dict[str, type[BaseModel]] = {
    "places": Place,
    "organisations": Organisation,
    "people": Person,
    "topics": Topic,
}
EVENTS_DIR = "events"
EVENT_SUFFIX = ".yaml"


@dataclass
class Catalogue:
    """Everything the renderer needs, validated and cross-referenced."""

    events: list[Event]
    places: dict[str, Place]
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    topics: dict[str, Topic]
    files: dict[str, str] = field(default_factory=dict)  # event id → data file


def load_entities(data_dir: Path, root: Path) -> tuple[dict[str, dict], list[DataError]]:
    """Read the entity files: kind → id → entity."""
    registry: dict[str, dict] = {}
    errors: list[DataError] = []
    for kind, model in ENTITY_FILES.items():
        path = data_dir / f"{kind}.yaml"
        name = relative_name(path, root)
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
                errors.append(DataError(name, line_for(lines, (i, "id")), f"[{i}].id", f"expected a unique id, found {entity.id!r} twice"))
            registry[kind][entity.id] = entity
    return registry, errors


def load_event(path: Path, root: Path) -> tuple[Event | None, dict, list[DataError]]:
    """Read and validate one event file against the schema."""
    name = relative_name(path, root)
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
        errors = validation_errors(exc, name, lines)
        # A placeholder fails the schema too (an id, a date); the editor needs one message, the placeholder's.
        todo = placeholder_errors(data, name, lines)
        todo_fields = {error.field for error in todo}
        return None, lines, [error for error in errors if error.field not in todo_fields] + todo
    expected = path.stem
    if event.id != expected:
        return None, lines, [DataError(name, line_for(lines, ("id",)), "id", f"expected the file name's id {expected!r}, found {event.id!r}")]
    return event, lines, []


def _load_checked(path: Path, shared: tuple[Path, dict[str, dict], Path | None]) -> tuple[Event | None, dict | None, list[DataError]]:
    """One event file read, validated and checked."""
    event, _, lines, errors = _load_dumped(path, shared)
    return event, lines, errors


def _load_checked_plain(path: Path, shared: tuple[Path, dict[str, dict], Path | None]) -> tuple[dict | None, dict | None, list[DataError]]:
    """`_load_checked` in a worker process: the event comes back as a plain dict, which crosses a process
    boundary much faster than a pickled model."""
    _, data, lines, errors = _load_dumped(path, shared)
    return data, lines, errors


def _load_dumped(path: Path, shared: tuple[Path, dict[str, dict], Path | None]) -> tuple[Event | None, dict | None, dict | None, list[DataError]]:
    """One event file read, validated and checked: the event, its `model_dump()` (which the checks read), its
    line numbers when it has errors, and its errors."""
    root, registry, archive = shared
    event, lines, errors = load_event(path, root)
    data = None
    if event is not None:
        data = event.model_dump()
        errors = errors + check_event(event, registry, relative_name(path, root), lines, archive, data)
    # A file's line numbers are kept only when it has errors (they are many; the checks across files,
    # rarely failing, read them again).
    return event, data, (lines if errors else None), errors


def _as_event(data: Event | dict | None) -> Event | None:
    """An event as `_load_checked` or `_load_checked_plain` gave it, as a model."""
    return Event.model_validate(data) if isinstance(data, dict) else data


@dataclass
class EventCache:
    """Event files already read and checked, for a process that loads the same data folder again
    (the live preview): an entry is used only while its file's size and modification time, the entity
    files and the archive are unchanged; the entity files are read again only when they change."""

    entities: tuple = ()
    registry: tuple = ()  # (entities by kind, their errors), read with the entity files of `entities`
    entries: dict[Path, tuple[tuple[int, int], tuple[Event | None, dict | None, list[DataError]]]] = field(default_factory=dict)


def _signature(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def load_catalogue(data_dir: Path, root: Path | None = None, archive: Path | None = None, cache: EventCache | None = None) -> Catalogue:
    """Load every data file, validate it (against the articles of `archive`, when given), and raise
    `DataErrors` listing every problem. With a `cache`, only event files changed since it was
    filled are read and checked again."""
    root = root or data_dir.parent
    if cache is not None:
        entities = tuple((name, _signature(data_dir / f"{name}.yaml")) for name in ENTITY_FILES if (data_dir / f"{name}.yaml").exists())
        if cache.entities != (entities, archive, root):
            cache.entities, cache.entries, cache.registry = (entities, archive, root), {}, load_entities(data_dir, root)
        registry, errors = cache.registry[0], list(cache.registry[1])
    else:
        registry, errors = load_entities(data_dir, root)
    events_dir = data_dir / EVENTS_DIR
    found = sorted(p for p in events_dir.rglob("*") if not p.is_dir()) if events_dir.is_dir() else []
    paths = []
    for path in found:
        if path.parent != events_dir or path.suffix != EVENT_SUFFIX:
            errors.append(DataError(relative_name(path, root), None, "", f"expected event files as {EVENTS_DIR}/<event-id>{EVENT_SUFFIX} "
                                    f"directly in {relative_name(events_dir, root)}/, found this file"))
        else:
            paths.append(path)
    if cache is not None:
        signatures = {path: _signature(path) for path in paths}
        stale = [path for path in paths if path not in cache.entries or cache.entries[path][0] != signatures[path]]
    else:
        stale = paths
    results = parallel_map(_load_checked_plain, stale, (root, registry, archive), worth_it=len(stale) >= MIN_EVENTS, chunks_per_job=4,
                           local=_load_checked)
    fresh = {path: (_as_event(data), lines, errs) for path, (data, lines, errs) in zip(stale, results, strict=True)}
    if cache is not None:
        for path in stale:
            cache.entries[path] = (signatures[path], fresh[path])
        cache.entries = {path: cache.entries[path] for path in paths}
    events: list[Event] = []
    files: dict[str, str] = {}
    source_owner: dict[str, str] = {}
    for path in paths:
        event, lines, errs = fresh[path] if cache is None else cache.entries[path][1]
        name = relative_name(path, root)
        errors += errs
        if event is None:
            continue
        if event.id in files:
            errors.append(DataError(name, line_for(lines or read_yaml(path, name)[1], ("id",)), "id", f"expected a unique event id, found {event.id!r} also in {files[event.id]}"))
            continue
        files[event.id] = name
        events.append(event)
        for i, source in enumerate(event.sources):
            # Source pages live at /sources/<id>/: an id may serve one article only, site-wide.
            if source.id in source_owner and source_owner[source.id] != name:
                errors.append(DataError(name, line_for(lines or read_yaml(path, name)[1], ("sources", i, "id")), f"sources[{i}].id",
                                        f"expected a source id unique across events, found {source.id!r} also in {source_owner[source.id]}"))
            source_owner.setdefault(source.id, name)
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else []:
        if path.is_file() and path.stem not in ENTITY_FILES:
            errors.append(DataError(relative_name(path, root), None, "", f"expected only {', '.join(f'{k}.yaml' for k in ENTITY_FILES)} "
                                    f"and {EVENTS_DIR}/ in data/, found this file"))
    if errors:
        raise DataErrors(errors)
    events.sort(key=lambda e: (e.date.value, e.id), reverse=True)
    return Catalogue(events, registry["places"], registry["organisations"], registry["people"], registry["topics"], files)
