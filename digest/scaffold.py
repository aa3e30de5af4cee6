"""New event: date, short slug text and article files → data/events/<id>.yaml with every required field
of `Event` as a placeholder the loader rejects until it is filled (scripts/new_event.py, `make new-event`).

The skeleton is generated from the model, so a field added to digest/schema.py appears here by itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import string
import sys
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import yaml
from annotated_types import MinLen
from pydantic import BaseModel
from slugify import slugify

from digest.archive import ArchiveError, archive_dir, article_path
from digest.load.catalogue import EVENT_SUFFIX, EVENTS_DIR
from digest.load.checks import PLACEHOLDER, placeholder_errors, placeholders
from digest.load.read import read_yaml, relative_name
from digest.schema import EVIDENCED, ID_PATTERN, Event, Evidence, field_path
from digest.schema_files import modeline

#: Longest id the schema accepts (`Id`), less the date and its hyphen.
MAX_SLUG = 80 - len("YYYY-MM-DD-")
LANGUAGE_NAMES = {"vi": "in Vietnamese", "en": "in English"}
#: Which data file declares the ids a field names (what `references_are_declared` checks).
DECLARED_IN = {"province": "places", "partners": "places", "topics": "topics", "org": "organisations",
               "actor": "organisations or places", "person": "people", "speaker": "people", "subject": "places"}


class ScaffoldError(Exception):
    """A request the scaffold refuses, worded as expected versus found."""


def event_id(date: str, text: str) -> str:
    """`YYYY-MM-DD-<slug>`: the slug in lower-case ASCII (Vietnamese marks dropped, đ → d)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or ""):
        raise ScaffoldError(f"DATE: expected the event's date as YYYY-MM-DD, found {date!r}")
    try:
        dt.date.fromisoformat(date)
    except ValueError as exc:
        raise ScaffoldError(f"DATE: expected a real date as YYYY-MM-DD, found {date!r} ({exc})") from None
    slug = slugify(text or "", max_length=MAX_SLUG, word_boundary=True)
    if not slug:
        raise ScaffoldError(f"SLUG: expected a few words naming the event (like 'Hải Phòng net zero workshop'), found {text!r}")
    return f"{date}-{slug}"


def source_ids(ident: str, count: int) -> list[str]:
    """Short source ids in the data's style (`hp-a`, `hp-b`): the slug's initials and a letter per article."""
    initials = "".join(word[0] for word in ident.split("-")[3:])[:6] or "src"
    letters = string.ascii_lowercase
    return [f"{initials}-{letters[i % 26]}{'' if i < 26 else i // 26}" for i in range(count)]


def _unwrap(annotation: Any, metadata: list) -> tuple[Any, list]:
    """The type under `Annotated[...]` and `X | None`, with the constraints gathered on the way."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata = [*metadata, *extra]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
        else:
            return annotation, metadata


def _hint(path: tuple, metadata: list) -> str:
    """What a placeholder asks for, after the field's path: from the field's names and constraints."""
    names = [part for part in path if isinstance(part, str)]
    if any(getattr(m, "pattern", None) == ID_PATTERN for m in metadata):
        field = next((name for name in reversed(names) if name in DECLARED_IN or name in ("sources", "source")), "")
        if field == "sources":
            return f"{field_path(path)}: the id of one of this event's sources that reports it (add more ids as needed)"
        if field == "source":
            return f"{field_path(path)}: the id of the source the passage is from (one passage for each source cited)"
        if field in DECLARED_IN:
            return f"{field_path(path)}: an id declared in data/{DECLARED_IN[field].replace(' or ', '.yaml or data/')}.yaml"
        return f"{field_path(path)}: an id (lower-case letters, digits, hyphens)"
    if names and names[-1] == "text" and "evidence" in names:
        return f"{field_path(path)}: the article's own words that support it (at most 35; … may join two parts)"
    lang = next((LANGUAGE_NAMES[name] for name in reversed(names) if name in LANGUAGE_NAMES), "")
    return f"{field_path(path)}: your text {lang}".rstrip()


def skeleton(annotation: Any, metadata: list | None = None, path: tuple = ()) -> Any:
    """The placeholder value of a type: a model's required fields, one item of a list that needs one, text `TODO: <what>`."""
    annotation, metadata = _unwrap(annotation, metadata or [])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {name: skeleton(info.annotation, info.metadata, (*path, name))
                for name, info in annotation.model_fields.items() if info.is_required()}
    if get_origin(annotation) is list:
        needed = max((m.min_length for m in metadata if isinstance(m, MinLen)), default=0)
        (item,) = get_args(annotation) or (str,)
        return [skeleton(item, [], (*path, i)) for i in range(needed)]
    if get_origin(annotation) is Literal:
        return get_args(annotation)[0]
    if annotation is dt.date:
        return f"{PLACEHOLDER} {field_path(path)}: a date as YYYY-MM-DD"
    return f"{PLACEHOLDER} {_hint(path, metadata)}"


def event_skeleton(ident: str, date: str, articles: list[str]) -> dict:
    """The new event's data: the model's required fields as placeholders, with its id, date and one source per article."""
    data = skeleton(Event)
    data["id"] = ident
    data["date"]["value"] = date
    (source_model,) = get_args(Event.model_fields["sources"].annotation)
    data["sources"] = [{**skeleton(source_model, [], ("sources", i)), "id": sid, "file": article}
                       for i, (sid, article) in enumerate(zip(source_ids(ident, len(articles)), articles, strict=True))]
    # Statements that must show their evidence get one passage to fill in, after their sources.
    for group in EVIDENCED:
        for i, item in enumerate(data.get(group, [])):
            item["evidence"] = [skeleton(Evidence, [], (group, i, "evidence", 0))]
    return data


def render(data: dict, target: Path, root: Path) -> str:
    """The file's text: the schema modeline, then the data as block YAML."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"{modeline(target, root, 'event')}\n{body}"


def write_new(target: Path, text: str) -> None:
    """Write a file that must not exist yet, whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    try:
        os.link(tmp, target)  # fails if the file exists, even one created a moment ago
    except FileExistsError:
        raise ScaffoldError(f"{target}: expected a new event file, found one already (edit it, or choose another SLUG)") from None
    finally:
        tmp.unlink()


def create(date: str, text: str, articles: list[str], data_dir: Path, archive: Path, root: Path) -> tuple[Path, str]:
    """Check the request, write the new event file; (its path, its id)."""
    ident = event_id(date, text)
    if not articles:
        raise ScaffoldError("ARTICLES: expected at least one article file of the archive, found none")
    for article in articles:
        try:
            article_path(archive, article)
        except ArchiveError as exc:
            raise ScaffoldError(f"ARTICLES: {exc}") from None
    if len(set(articles)) != len(articles):
        raise ScaffoldError(f"ARTICLES: expected each article once, found {' '.join(articles)}")
    target = data_dir / EVENTS_DIR / f"{ident}{EVENT_SUFFIX}"
    if target.exists():
        raise ScaffoldError(f"{relative_name(target, root)}: expected a new event file, found one already (edit it, or choose another SLUG)")
    write_new(target, render(event_skeleton(ident, date, articles), target, root))
    return target, ident


def checklist(target: Path, ident: str, root: Path) -> str:
    """What the editor fills in (every placeholder, by line) and the commands that follow."""
    name = relative_name(target, root)
    data, lines, _ = read_yaml(target, name)
    todo = placeholder_errors(data, name, lines)
    optional = [n for n, info in Event.model_fields.items() if not info.is_required()]
    out = [f"Created {name} ({len(data['sources'])} source(s): {', '.join(s['id'] + ' = ' + s['file'] for s in data['sources'])}).",
           "", f"Fill in every {PLACEHOLDER} field ({len(todo)}); validation fails until none is left:"]
    out += [f"  line {error.line:>3}  {text.removeprefix(PLACEHOLDER).strip()}" for (_, text), error in zip(placeholders(data), todo, strict=True)]
    out += ["", f"Add what the articles report (optional fields of Event, digest/schema.py): {', '.join(optional)}.",
            "Declare new places, organisations, people and topics in data/*.yaml first. README.md, 'Adding an event', has the rules.",
            "", "Then:",
            "  make pages                 # validate and regenerate docs/ (every problem: file, line, field)",
            f"  make serve                 # preview: http://127.0.0.1:8000/events/{ident}/ and /en/events/{ident}/",
            "  make check-translations    # every text changed in one language only since the last commit",
            f"  git add {name} docs/ && git commit"]
    return "\n".join(out)


def main(argv: list[str], root: Path) -> int:
    parser = argparse.ArgumentParser(prog="new_event.py", description="Start a new event file from its date, a short name and its articles.")
    parser.add_argument("date", help="the event's date, YYYY-MM-DD")
    parser.add_argument("slug", help="a few words naming the event, e.g. 'Hải Phòng net zero workshop' (becomes the id's slug)")
    parser.add_argument("articles", nargs="*", help="article file(s), relative to the archive folder")
    parser.add_argument("--archive", help="the article archive folder (default: $NZD_ARCHIVE, else ../shared/seeds/ beside the checkout)")
    parser.add_argument("--data", type=Path, default=root / "data", help="data folder (default: data/)")
    args = parser.parse_args(argv)
    try:
        target, ident = create(args.date, args.slug, args.articles, args.data, archive_dir(args.archive, root), root)
    except ScaffoldError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    print(checklist(target, ident, root))
    return 0
