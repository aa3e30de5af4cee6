"""A page's YAML front matter read without PyYAML when it has the generator's plain shape.

MkDocs reads front matter with `mkdocs.utils.meta.get_data` (PyYAML; its constructor is Python). The generator
writes only keys with double-quoted strings, `true` and `false`, and nested mappings indented by two spaces.
`get_data` here reads front matter made only of such lines, with no backslash and nothing YAML could read
otherwise (keys that are YAML words, characters its reader refuses), into the same dict; anything else goes to
MkDocs' own `get_data`.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.utils import meta

#: One line: indentation, key, and a double-quoted string without `"` or `\`, a boolean, or nothing (a mapping follows).
_LINE = re.compile(r'( *)([A-Za-z][A-Za-z0-9_-]*):(?: "([^"\\]*)"| (true|false))?')
#: Keys PyYAML reads as something other than their text (booleans and null).
_YAML_WORDS = frozenset(form for word in ("yes", "no", "true", "false", "on", "off", "null")
                        for form in (word, word.title(), word.upper()))
#: Characters outside those PyYAML reads as themselves in a one-line quoted string (it refuses some, breaks lines at
#: others, skips a byte-order mark).
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def plain(text: str) -> dict[str, Any] | None:
    """The front matter `text` (between the `---` lines) as PyYAML's safe loader reads it, or None if it is
    not only the generator's plain lines."""
    if _UNUSUAL.search(text):
        return None
    data: dict[str, Any] = {}
    inner: dict[str, Any] | None = None  # the mapping that indented lines go into
    for line in text.split("\n")[:-1]:  # the text ends with a line break
        m = _LINE.fullmatch(line)
        if m is None:
            return None
        indent, key, string, boolean = m.groups()
        if key in _YAML_WORDS:
            return None
        value: Any = string if string is not None else (boolean == "true" if boolean else None)
        if indent == "":
            if key in data:
                return None  # a repeated key: left to PyYAML
            if value is None:
                inner = data[key] = {}
            else:
                data[key], inner = value, None
        elif indent == "  " and inner is not None and value is not None and key not in inner:
            inner[key] = value
        else:
            return None
    if any(value == {} for value in data.values()):
        return None  # a key with nothing under it is null in YAML
    return data


def get_data(doc: str) -> tuple[str, dict[str, Any]]:
    """`mkdocs.utils.meta.get_data`: the document without its front matter, and the front matter."""
    m = meta.YAML_RE.match(doc)
    if m:
        data = plain(m.group(1))
        if data is not None:
            return doc[m.end():].lstrip("\n"), data
    return meta.get_data(doc)
