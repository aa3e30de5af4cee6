"""`digest.publish.front_matter.get_data` reads front matter as MkDocs' `get_data` (PyYAML) does."""

from __future__ import annotations

import pytest
from mkdocs.utils import meta

from digest.publish import front_matter

PLAIN = [
    '---\ntitle: "A: b # c"\ndescription: "  spaced  "\nempty: ""\n---\n\n# Body\n',
    '---\ntitle: "T"\nsearch:\n  exclude: true\nhead:\n  citation_title: "x"\n  json: "https://e.org/a.json"\nlast: false\n---\nBody\n',
    '---\nkey-with-dash: "Tiếng Việt – “quotes” ’"\n...\n\n\nBody',
]
OTHER = [
    '---\ntitle: plain words\n---\nBody',
    '---\ntitle: "back\\\\slash \\u00e9"\n---\nBody',
    "---\ntitle: 'single'\n---\nBody",
    '---\ntitle: "a"  \n---\nBody',
    '---\ntitle: "a" # comment\n---\nBody',
    '---\nhide:\n  - toc\n---\nBody',
    '---\nnothing:\ntitle: "a"\n---\nBody',
    '---\non: "a"\nNULL: "b"\n---\nBody',
    '---\ntitle: "a"\ntitle: "b"\n---\nBody',
    '---\nouter:\n  inner:\n    deep: "x"\n---\nBody',
    '---\ntitle: "tab\there"\n---\nBody',
    '---\ntitle: "line\u2028sep"\n---\nBody',
    '---\ntitle: "bom\ufeff"\n---\nBody',
    '---\ntitle: "ctl\x01"\n---\nBody',
    '---\n\ntitle: "blank line before"\n---\nBody',
    '---\nexclude: True\n---\nBody',
    '---\n  indented: "x"\n---\nBody',
    'No front matter\ntitle: "x"\n',
    '---\n- a list\n---\nBody',
]


@pytest.mark.parametrize("doc", PLAIN + OTHER)
def test_same_as_mkdocs(doc):
    assert front_matter.get_data(doc) == meta.get_data(doc)


@pytest.mark.parametrize("doc", PLAIN)
def test_plain_shape_is_read_without_pyyaml(doc):
    assert front_matter.plain(meta.YAML_RE.match(doc).group(1)) is not None


@pytest.mark.parametrize("doc", OTHER)
def test_anything_else_goes_to_pyyaml(doc):
    m = meta.YAML_RE.match(doc)
    assert m is None or front_matter.plain(m.group(1)) is None
