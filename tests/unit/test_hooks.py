"""The MkDocs hooks' own logic (hooks/mkdocs_hooks.py)."""

from __future__ import annotations

import importlib.util

import markdown
from markdown.extensions import Extension
from mkdocs.config import load_config

from digest import site

PAGES = (
    "---\ntitle: A\n---\n# A page\n\n## Key points {: #key-points }\n\nSome *text* and [a link](https://example.org/).\n\n"
    '<div class="nzd-panel" id="panel">\n<p>Stored</p>\n</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    "## Key points\n\n## Key points\n\n### Đà Nẵng\n{: .lead }\n",
)


def _hooks():
    spec = importlib.util.spec_from_file_location("nzd_hooks_under_test", site.ROOT / "hooks" / "mkdocs_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_markdown_extensions_made_once_convert_every_page_as_those_named_in_mkdocs_yml():
    config = load_config(str(site.MKDOCS_CONFIG))
    names, configs = list(config.markdown_extensions), dict(config.mdx_configs)
    objects = _hooks()._extensions_once(names, configs)
    assert len(objects) == len(names) and all(isinstance(ext, Extension) for ext in objects)
    toc = names.index("digest.publish.toc")
    assert objects[toc].getConfigs()["permalink_title"] == configs["digest.publish.toc"]["permalink_title"]
    # Page after page with the same objects: nothing of one page (the toc's ids) leaks into the next.
    for text in PAGES * 2:
        expected = markdown.Markdown(extensions=names, extension_configs=configs)
        made_once = markdown.Markdown(extensions=objects)
        assert made_once.convert(text) == expected.convert(text)
        assert made_once.toc_tokens == expected.toc_tokens
    assert _hooks()._extensions_once(objects, configs) == objects
