"""Check translations: a text whose Vietnamese changed since a commit while its English did not, or the reverse.

Every pair of texts in a data file is a mapping with both `vi` and `en` (`Bilingual`, `BilingualList`, a
quotation). The working tree's data files are compared with their versions at a git commit (default HEAD);
files new since then are skipped. A deliberate one-sided edit is acknowledged by a `# translation-ok`
comment on the line of the changed language's key (`vi:`/`en:`) or of the field's own key.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from digest.load.read import DataError, normalise, relative_name
from digest.schema import field_path
from digest.schema_files import data_files

ACK_MARKER = "translation-ok"
_ACK = re.compile(r"(?:^|\s)#\s*" + re.escape(ACK_MARKER) + r"\b")
LANGS = {"vi": "Vietnamese", "en": "English"}


class GitError(Exception):
    """git could not give a file's version at the commit (not a repository, unknown commit)."""


@dataclass(frozen=True)
class Pair:
    """One bilingual field of a YAML document: its path, its key's node and each language's key and value nodes."""

    path: tuple
    key: yaml.Node | None
    sides: dict[str, tuple[yaml.Node, yaml.Node]]


def _compose(text: str) -> yaml.Node | None:
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text.removeprefix("\ufeff"), Loader=loader_class)


def _plain(node: yaml.Node) -> Any:
    """A node's value as the site reads it (normalised), without YAML's type resolution: enough to compare."""
    if isinstance(node, yaml.ScalarNode):
        return normalise(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {key.value: _plain(value) for key, value in node.value}


def pairs(node: yaml.Node | None, path: tuple = (), key: yaml.Node | None = None) -> Iterator[Pair]:
    """Every mapping with both `vi` and `en` in a document, outermost first."""
    if isinstance(node, yaml.MappingNode):
        keyed = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        if "vi" in keyed and "en" in keyed:
            yield Pair(path, key, {lang: keyed[lang] for lang in LANGS})
        for k, v in node.value:
            if k.value not in LANGS:
                yield from pairs(v, (*path, k.value), k)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from pairs(item, (*path, i), None)


def _acknowledged(lines: list[str], key: yaml.Node, value: yaml.Node) -> bool:
    """Whether the key's line carries the marker as a comment, not as text of the value."""
    row = key.start_mark.line
    line = lines[row] if row < len(lines) else ""
    if value.end_mark.line == row:
        start = value.end_mark.column
    elif value.start_mark.line == row and isinstance(value, yaml.ScalarNode) and value.style not in ("|", ">"):
        return False  # a quoted or plain text running on past this line: its rest is text, not a comment
    elif value.start_mark.line == row and isinstance(value, yaml.ScalarNode):
        start = value.start_mark.column  # block scalar header (`>-`), then the comment
    elif value.start_mark.line == row:
        return False  # a flow collection running on past this line
    else:
        start = key.end_mark.column
    return bool(_ACK.search(line[start:]))


def one_sided(old_text: str, new_text: str, name: str, since: str) -> list[DataError]:
    """The fields of one file whose text changed in one language only between two versions."""
    old = {pair.path: pair for pair in pairs(_compose(old_text))}
    lines = new_text.removeprefix("\ufeff").splitlines()
    errors = []
    for pair in pairs(_compose(new_text)):
        before = old.get(pair.path)
        if before is None:
            continue
        changed = [lang for lang in LANGS if _plain(before.sides[lang][1]) != _plain(pair.sides[lang][1])]
        if len(changed) != 1:
            continue
        lang = changed[0]
        other = "en" if lang == "vi" else "vi"
        key, value = pair.sides[lang]
        if _acknowledged(lines, key, value) or (pair.key is not None and _acknowledged(lines, pair.key, pair.key)):
            continue
        errors.append(DataError(name, key.start_mark.line + 1, field_path((*pair.path, lang)),
                                f"expected the {LANGS[other]} text to change with the {LANGS[lang]} one, found only the {LANGS[lang]} "
                                f"changed since {since} (update {field_path((*pair.path, other))}, or end this line with "
                                f"'# {ACK_MARKER}' if the change needs no translation)"))
    return errors


def changed_since(data_dir: Path, since: str) -> set[Path]:
    """The files under a data folder whose text differs from their version at a commit (git diff)."""
    probe = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}"], cwd=data_dir, capture_output=True, text=True)
    if probe.returncode:
        raise GitError(f"expected a git commit to compare with, found {since!r} unknown in {data_dir} ({probe.stderr.strip() or 'not a commit'})")
    diff = subprocess.run(["git", "diff", "--name-only", "--relative", "--no-renames", since, "--", "."], cwd=data_dir, capture_output=True, text=True)
    if diff.returncode:
        raise GitError(f"expected git diff against {since} to work in {data_dir}, found: {diff.stderr.strip()}")
    return {(data_dir / line).resolve() for line in diff.stdout.splitlines() if line}


def file_at(path: Path, since: str) -> str | None:
    """A file's text at a commit, or None when the file is not in that commit."""
    shown = subprocess.run(["git", "show", f"{since}:./{path.name}"], cwd=path.parent, capture_output=True)
    return shown.stdout.decode("utf-8-sig") if shown.returncode == 0 else None


def check_translations(data_dir: Path, root: Path, since: str = "HEAD") -> list[DataError]:
    """Every one-sided edit of a bilingual text in the data files since `since`."""
    changed = changed_since(data_dir, since)
    errors = []
    for path, _kind in data_files(data_dir):
        old_text = file_at(path, since) if path.resolve() in changed else None
        if old_text is None:
            continue
        name = relative_name(path, root)
        try:
            errors += one_sided(old_text, path.read_text(encoding="utf-8-sig"), name, since)
        except yaml.YAMLError as exc:
            # The version at `since` was committed valid; a broken working copy is the loader's to word.
            mark = getattr(exc, "problem_mark", None)
            errors.append(DataError(name, mark.line + 1 if mark else None, "", f"expected valid YAML, found {getattr(exc, 'problem', exc)}"))
    return errors
