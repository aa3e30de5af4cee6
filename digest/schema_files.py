"""JSON Schema of the data files, generated from the pydantic model (`digest.schema`), and the
`yaml-language-server` modeline that points each data file at its schema (editor completion and checks).

`make schema` (scripts/build_pages.py --schema) writes both; tests/unit/test_schema_files.py fails when
the committed schema is not what the model gives.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import TypeAdapter

from digest.load.catalogue import ENTITY_FILES, EVENT_SUFFIX, EVENTS_DIR
from digest.schema import Event

SCHEMA_DIR = "schema"
MODELINE_PREFIX = "# yaml-language-server: $schema="
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_kinds() -> dict[str, TypeAdapter]:
    """Each kind of data file and the type of its whole content: an event, or a list of one kind of entity."""
    return {"event": TypeAdapter(Event), **{kind: TypeAdapter(list[model]) for kind, model in ENTITY_FILES.items()}}


def schema_path(root: Path, kind: str) -> Path:
    return root / SCHEMA_DIR / f"{kind}.schema.json"


def schema_text(kind: str) -> str:
    """The JSON Schema of one kind of data file, as committed under schema/."""
    schema = schema_kinds()[kind].json_schema()
    schema = {"$schema": JSON_SCHEMA_DIALECT, "title": f"List of {kind}", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def data_files(data_dir: Path) -> list[tuple[Path, str]]:
    """(file, kind) of every data file of a data folder: the entity files, then the events."""
    found = [(data_dir / f"{kind}.yaml", kind) for kind in ENTITY_FILES if (data_dir / f"{kind}.yaml").is_file()]
    events_dir = data_dir / EVENTS_DIR
    return found + [(path, "event") for path in sorted(events_dir.glob(f"*{EVENT_SUFFIX}"))]


def modeline(data_file: Path, root: Path, kind: str) -> str:
    """The first line of a data file: its schema, relative to the file (the YAML language server reads it)."""
    return MODELINE_PREFIX + Path(os.path.relpath(schema_path(root, kind), data_file.parent)).as_posix()


def with_modeline(text: str, line: str) -> str:
    """A data file's text with `line` as its first line (replacing an older modeline)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text.removeprefix(bom)
    first, sep, rest = text.partition("\n")
    if first.startswith(MODELINE_PREFIX):
        text = rest if sep else ""
    return f"{bom}{line}\n{text}"


def write_schemas(root: Path, data_dirs: list[Path]) -> list[Path]:
    """Write schema/*.schema.json and every data file's modeline; the files changed."""
    changed = []
    targets = [(schema_path(root, kind), schema_text(kind)) for kind in schema_kinds()]
    for data_dir in data_dirs:
        for path, kind in data_files(data_dir):
            targets.append((path, with_modeline(path.read_text(encoding="utf-8"), modeline(path, root, kind))))
    for path, text in targets:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(text, encoding="utf-8", newline="\n")
            tmp.replace(path)
            changed.append(path)
    return changed
