"""The languages of a built site: one folder per MkDocs process merged into one site, a 404 page per language."""

from __future__ import annotations

import shutil
from pathlib import Path

from digest import site

NOT_FOUND = "404.html"


def not_found_page(lang: str) -> str:
    """Where a language's 404 page goes in the site: '404.html', 'en/404.html'."""
    return site.prefix(lang) + NOT_FOUND


def merge_languages(built: dict[str, Path], site_dir: Path) -> None:
    """Merge one built folder per language (each a whole MkDocs site holding that language only)
    into `site_dir`: the default language's build is the site, each other language adds its
    folder and its 404 page. The theme's files are the same in every build. Merging is renaming,
    so the folders must be on the site's file system."""
    merged = built[site.DEFAULT_LANGUAGE]
    for lang, folder in built.items():
        if lang == site.DEFAULT_LANGUAGE:
            continue
        inner = site.prefix(lang).rstrip("/")
        shutil.rmtree(merged / inner, ignore_errors=True)
        (folder / inner).rename(merged / inner)
        (folder / NOT_FOUND).replace(merged / not_found_page(lang))
    for name in ("sitemap.xml", "sitemap.xml.gz"):  # MkDocs's own, per build; publish writes one for all languages
        (merged / name).unlink(missing_ok=True)
    if site_dir.exists():  # like MkDocs: clear the folder but its hidden files
        for entry in site_dir.iterdir():
            if not entry.name.startswith("."):
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    else:
        site_dir.mkdir(parents=True)
    for entry in merged.iterdir():
        entry.rename(site_dir / entry.name)


class NotFoundPages:
    """The 404 pages when one MkDocs process builds every language in turn (`mkdocs build`,
    `mkdocs serve`): MkDocs writes 404.html at the site root for each, so the last would win
    (mkdocs-static-i18n issue #284). After the default language's build its page is kept; after
    each other language's, that page moves to its language's folder and the default's comes back."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def place(self, site_dir: Path, lang: str) -> None:
        root = site_dir / NOT_FOUND
        if not root.is_file():
            return
        if lang == site.DEFAULT_LANGUAGE:
            self._kept[str(site_dir)] = root.read_bytes()
            return
        target = site_dir / not_found_page(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        root.replace(target)
        if str(site_dir) in self._kept:
            root.write_bytes(self._kept[str(site_dir)])
