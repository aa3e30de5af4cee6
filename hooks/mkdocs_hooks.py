"""MkDocs hooks: thin adapters from MkDocs' events to the build (digest/build.py, digest/publish/).

- `mkdocs build` / `mkdocs serve`: docs/ is generated before each build (live reload follows
  edits of data/, templates/ and digest/); after each language's build its 404 page is placed,
  the link-preview cards written (not in `serve`) and the sitemap written.
- One language per process (scripts/build_site.py sets NZD_BUILD_LANG): build that language
  only, at its usual place, and leave generating and publishing to build_site.
- Every build: docs/'s downloads (feeds, open data, citation files) are left out of MkDocs' files
  and placed into the built site after it (digest/publish/downloads.py); the pages share one
  Markdown instance (digest/publish/pages.py).
- The theme's templates get the interface words (`nzd_labels`) and the site map (`nzd_site`).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

import markdown
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from digest import site  # noqa: E402
from digest.archive import ArchiveError  # noqa: E402
from digest.build import BUILD_LANG_ENV, DATA, DATA_ENV, SITE, archive_for, generate  # noqa: E402
from digest.load import DataErrors  # noqa: E402
from digest.pages.cards import all_cards  # noqa: E402
from digest.pages.templating import load_labels  # noqa: E402
from digest.publish import CARD_CACHE, write_cards  # noqa: E402
from digest.publish.downloads import leave_out, place  # noqa: E402
from digest.publish.languages import NotFoundPages  # noqa: E402
from digest.publish.pages import make_pages  # noqa: E402
from digest.publish.sitemap import write_sitemap  # noqa: E402
from digest.publish.theme_memo import install as install_memo  # noqa: E402

log = logging.getLogger("mkdocs.plugins.nzd")

_command = {"name": "build"}
_generated: dict = {}  # the catalogue of the last generate, for the cards after the build
_not_found = NotFoundPages()


def _one_language() -> str | None:
    return os.environ.get(BUILD_LANG_ENV)


def on_startup(command, **kwargs) -> None:
    _command["name"] = command


def on_config(config, **kwargs):
    """With NZD_BUILD_LANG, build that language only. mkdocs-static-i18n insists on building its
    default language, so the choice is made here, before the plugin's `on_config` (priority -100).
    The Markdown extensions are made once for every page."""
    config.markdown_extensions = _extensions_once(config.markdown_extensions, config.mdx_configs)
    only = _one_language()
    i18n = config.plugins.get("i18n")
    if not only or i18n is None:
        return config
    if only not in site.LANGUAGES:
        raise PluginError(f"{BUILD_LANG_ENV}={only}: not one of the site's languages ({', '.join(site.LANGUAGES)})")
    for lang in i18n.config.languages:
        lang.build = lang.locale == only
    i18n.current_language = only
    return config


def _extensions_once(extensions: list, configs: dict) -> list:
    """The extensions as objects, each made with its configuration. MkDocs makes a new Markdown for every
    page, which imports and configures each extension it is given by name; an object it uses as it is."""
    maker = markdown.Markdown()
    return [maker.build_extension(ext, configs.get(ext, {})) if isinstance(ext, str) else ext for ext in extensions]


def on_pre_build(config, **kwargs) -> None:
    i18n = config.plugins.get("i18n")
    if _one_language() or (i18n is not None and getattr(i18n, "building", False)):
        return  # build_site has generated docs/; or the plugin's nested build of the next language
    data = Path(os.environ.get(DATA_ENV) or DATA)
    try:
        _generated["catalogue"] = generate(data, Path(config["docs_dir"]), archive=archive_for(data, say=log.info)).catalogue
    except (DataErrors, ArchiveError) as exc:
        raise PluginError(exc.report() if isinstance(exc, DataErrors) else str(exc)) from None


@event_priority(0)
def _leave_out_downloads(files, config, **kwargs):
    """docs/'s downloads (feeds, open data, citation files) go around MkDocs: `on_post_build` places them.
    A build of one language leaves out the other languages' pages too. This runs before
    mkdocs-static-i18n's `on_files` (priority -100), so the plugin never handles them."""
    return Files(leave_out(files, Path(config.docs_dir), _one_language()))


@event_priority(-200)
def _shared_markdown_pages(files, config, **kwargs):
    """The pages, each converted by one Markdown instance per build (digest/publish/pages.py); after the
    plugin's `on_files`, which settles each file's place."""
    make_pages(files, config)
    return files


on_files = CombinedEvent(_leave_out_downloads, _shared_markdown_pages)


def on_env(env, config, files, **kwargs):
    """The interface words and the site map for the theme's partials: one place for each; the theme's
    navigation drawn once per state (digest/publish/theme_memo.py)."""
    env.globals["nzd_labels"] = load_labels()
    install_memo(env, config.theme.dirs, config.theme.custom_dir)
    env.globals["nzd_site"] = site
    # tojson (the search partial's words) writes Vietnamese letters as they are, not as \u escapes: a third of
    # the bytes; it still escapes < > & ' so the JSON is safe in an attribute.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def on_post_build(config, **kwargs) -> None:
    site_dir = Path(config.site_dir)
    i18n = config.plugins.get("i18n")
    lang = i18n.current_language if i18n is not None else site.DEFAULT_LANGUAGE
    place(Path(config.docs_dir), site_dir, lang)
    if _one_language():
        return  # build_site publishes once, after merging the languages
    _not_found.place(site_dir, lang)
    catalogue = _generated.pop("catalogue", None)  # the cards of every language, once per generated docs/
    if catalogue is not None and _command["name"] != "serve":  # previews need no link-preview cards
        write_cards(all_cards(catalogue), site_dir, CARD_CACHE)
    write_sitemap(site_dir)
    index = SITE / "pagefind"
    if _command["name"] == "serve" and index.is_dir():
        # The preview is built into a temporary folder; it gets the last `make site`'s search
        # index, as indexing on every reload would slow live reload.
        shutil.copytree(index, site_dir / "pagefind", dirs_exist_ok=True)


def on_serve(server, config, builder, **kwargs):
    for folder in ("data", "templates", "digest"):
        server.watch(str(ROOT / folder))
    return server
