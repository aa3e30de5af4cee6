"""MkDocs hook: regenerate docs/ from data/ before each build, so `mkdocs serve`
picks up edits to data files and templates with live reload."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from digest.load import DataErrors, load_catalogue  # noqa: E402
from digest.render import load_labels, render_site  # noqa: E402
from digest.write import apply, plan  # noqa: E402


def on_pre_build(config, **kwargs) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # mkdocs-static-i18n's nested build of the next language: docs/ is already generated
    if os.environ.get("NZD_PAGES_FRESH") == "1":
        return  # set by `make site` and the benchmark right after scripts/build_pages.py wrote docs/
    docs = Path(config["docs_dir"])
    data = Path(os.environ.get("NZD_DATA", ROOT / "data"))  # another data folder: tests, benchmark
    try:
        catalogue = load_catalogue(data, data.parent)
    except DataErrors as exc:
        raise PluginError(f"{len(exc.errors)} problem(s) in data files; docs/ was not changed:\n" + "\n".join(f"  {e}" for e in exc.errors)) from None
    pages = render_site(catalogue)
    apply(pages, docs, plan(pages, docs))


_command = {"name": "build"}


def on_startup(command, **kwargs) -> None:
    _command["name"] = command


def on_post_build(config, **kwargs) -> None:
    """In `mkdocs serve`, give the preview the search index of the last `make site` (the preview
    is built into a temporary folder, and indexing on every reload would slow live reload)."""
    index = ROOT / "site" / "pagefind"
    if _command["name"] == "serve" and index.is_dir():
        shutil.copytree(index, Path(config["site_dir"]) / "pagefind", dirs_exist_ok=True)


def on_env(env, config, files, **kwargs):
    """Interface words of templates/labels.yaml for the theme's partials too: one place for all words."""
    env.globals["nzd_labels"] = load_labels()
    return env


def on_serve(server, config, builder, **kwargs):
    for folder in ("data", "templates", "digest"):
        server.watch(str(ROOT / folder))
    return server
