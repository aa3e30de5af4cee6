"""The theme's parts drawn once per key (digest/publish/theme_memo.py, overrides/) read on every page as the theme
draws them for that page alone: pages of several kinds, depths and languages, drawn one after another in one
build, each read the same as when it is the only page drawn."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.toc import get_toc

from digest import site

THEME_WORDS = next(path for folder in load_config(str(site.MKDOCS_CONFIG)).theme.dirs
                   if (path := Path(folder) / "partials" / "languages" / "en.html").is_file())

#: (path inside the language, front matter, Markdown's table of contents): in and outside the navigation, at
#: several depths, with and without front matter (and a heading of their own), and a page with a date, which
#: the theme shows.
PAGES = [
    ("index.md", {"title": "Home", "description": "The site"}, []),
    ("events/index.md", {"title": "Events"}, [("h2", "Key points", "key-points")]),
    ("about.md", {}, [("h2", "About", "about")]),
    ("events/e1/index.md", {"title": "E1", "description": "One", "search_result": {"kind": "event", "date": "2024"}}, []),
    ("events/e2/index.md", {"title": "E2", "search": {"exclude": True}}, [("h2", "Key points", "key-points")]),
    ("places/p/index.md", {}, []),
    ("places/p/page/2/index.md", {"title": "P2"}, []),
    ("sources/s/index.md", {"title": "S", "revision_date": "2024-01-01"}, []),
    ("topics/t/index.md", {"title": "T", "description": "Topic"}, [("h2", "Heading", "heading")]),
]


def _hooks():
    spec = importlib.util.spec_from_file_location("nzd_hooks_under_test", site.ROOT / "hooks" / "mkdocs_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build(lang: str, tmp_path: Path):
    """A build's configuration, theme environment, navigation and pages for `lang`, as MkDocs makes them."""
    config = load_config(str(site.MKDOCS_CONFIG))
    config.theme["language"] = lang
    prefix = site.prefix(lang)
    config["nav"] = [{"Home": prefix + "index.md"}, {"Events": prefix + "events/index.md"}, {"About": prefix + "about.md"}]
    files = Files([File(prefix + path, str(tmp_path), str(tmp_path / "site"), True) for path, _, _ in PAGES])
    nav = get_navigation(files, config)
    env = config.theme.get_env()
    _hooks().on_env(env, config, files)
    pages = []
    for file, (_, meta, toc) in zip(files, PAGES, strict=True):
        page = file.page
        page.meta = dict(meta)
        page.title = meta.get("title") or "Untitled"
        page.content = ("" if not meta else f"<h1>{page.title}</h1>") + "".join(f'<{tag} id="{anchor}">{text}</{tag}>' for tag, text, anchor in toc)
        page.toc = get_toc([{"level": 2, "id": anchor, "name": text, "html": text, "children": []} for _, text, anchor in toc])
        pages.append(page)
    return config, env, nav, files, pages


def _draw(config, env, nav, files, page) -> str:
    page.active = True
    try:
        return env.get_template("main.html").render(get_context(nav, files, config, page))
    finally:
        page.active = False


@pytest.mark.parametrize("lang", site.LANGUAGES)
def test_each_page_reads_as_when_drawn_alone(lang, tmp_path):
    config, env, nav, files, pages = _build(lang, tmp_path)
    together = {page.url: _draw(config, env, nav, files, page) for page in pages + pages[::-1]}
    for index, (path, _, _) in enumerate(PAGES):
        alone = _build(lang, tmp_path)
        page = alone[4][index]
        assert _draw(*alone[:4], page) == together[page.url], (lang, path)


@pytest.mark.parametrize("lang", site.LANGUAGES)
def test_the_theme_s_words_are_its_own(lang, tmp_path):
    config, env, *_ = _build(lang, tmp_path)
    keys = [*re.findall(r'^  "([^"]+)":', THEME_WORDS.read_text(encoding="utf-8"), re.M), "no.such.word"]
    assert len(keys) > 50
    words = "{% import '{0}partials/language.html' as lang with context %}{% for key in keys %}{{ lang.t(key) }}\n{% endfor %}"
    ours, theirs = (env.from_string(words.replace("{0}", prefix)) for prefix in ("", "theme/"))
    context = {"config": config, "keys": keys}
    assert ours.render(context) == theirs.render(context) == ours.render(context)
    assert f"\n{lang}\n" in "\n" + ours.render(context)  # the word "language"
