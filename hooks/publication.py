"""MkDocs hook: what a published site needs beyond the pages.

- One 404 page per language. mkdocs-static-i18n builds the site once per language and
  MkDocs writes the theme's 404.html at the site root each time, so the last language
  built would win (mkdocs-static-i18n issue #284). After the default language's build the
  Vietnamese page is kept; after each other language's build its page is moved to
  `<lang>/404.html` and the Vietnamese one put back at the root.
- sitemap.xml (and .gz) listing every page with its language alternates (`xhtml:link`,
  x-default = the default language) and robots.txt pointing to it, both absolute from
  `site_url`. Written after every language's build from the pages on disk, so the last
  build's files list every page of every language.
- `NZD_BUILD_LANG=<lang>` (set by scripts/build_site.py, one MkDocs process per language):
  build that language only, at its usual place (`<lang>/` unless it is the default), and
  leave the 404 pages and the sitemap to build_site.py, which writes them once after merging
  the languages' folders. mkdocs-static-i18n insists on building its default language, so the
  choice is made here, after its configuration is validated and before its `on_config`.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from xml.sax.saxutils import quoteattr

from mkdocs.exceptions import PluginError

_kept_404: dict[str, bytes] = {}

SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
NOT_PAGES = ("404.html", "pagefind/", "assets/", "search/")


def _languages(config) -> tuple[str, list[str], str]:
    """(default language, languages built, language of the build that just ended)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        lang = config.theme.get("language", "en")
        return lang, [lang], lang
    return i18n.default_language, list(i18n.build_languages), i18n.current_language


def on_config(config, **kwargs):
    only = os.environ.get("NZD_BUILD_LANG")
    i18n = config.plugins.get("i18n")
    if not only or i18n is None:
        return config
    locales = [lang.locale for lang in i18n.config.languages]
    if only not in locales:
        raise PluginError(f"NZD_BUILD_LANG={only}: not one of the site's languages ({', '.join(locales)})")
    for lang in i18n.config.languages:
        lang.build = lang.locale == only
    i18n.current_language = only  # read by the plugin's on_config (priority -100, after this hook)
    return config


def on_post_build(config, **kwargs) -> None:
    if os.environ.get("NZD_BUILD_LANG"):
        return  # scripts/build_site.py places the 404 pages and writes the sitemap after the merge
    site = Path(config.site_dir)
    default, languages, current = _languages(config)
    _place_404(site, default, current)
    write_sitemap(site, config.site_url, default, languages)


def _place_404(site: Path, default: str, current: str) -> None:
    root_404 = site / "404.html"
    if not root_404.is_file():
        return
    if current == default:
        _kept_404[str(site)] = root_404.read_bytes()
        return
    target = site / current / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    root_404.replace(target)
    if str(site) in _kept_404:
        root_404.write_bytes(_kept_404[str(site)])


def pages_by_path(site: Path, default: str, languages: list[str]) -> dict[str, dict[str, str]]:
    """{path inside a language ("events/x/"): {lang: path from the site root}} for every built page."""
    pages: dict[str, dict[str, str]] = {}
    for file in sorted(site.rglob("index.html")):
        rel = file.relative_to(site).as_posix()[: -len("index.html")]
        if rel.startswith(NOT_PAGES):
            continue
        first = rel.split("/", 1)[0]
        lang, inner = (first, rel[len(first) + 1:]) if first in languages and first != default else (default, rel)
        pages.setdefault(inner, {})[lang] = rel
    return pages


def write_sitemap(site: Path, site_url: str | None, default: str, languages: list[str]) -> None:
    if not site_url:
        return
    root = site_url.rstrip("/") + "/"
    pages = pages_by_path(site, default, languages)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {SITEMAP_NS}>"]
    for inner in sorted(pages, key=lambda p: (p.count("/"), p)):
        versions = pages[inner]
        for lang in (lang for lang in languages if lang in versions):
            lines += ["  <url>", f"    <loc>{_xml(root + versions[lang])}</loc>"]
            if len(versions) > 1:
                for alt in (alt for alt in languages if alt in versions):
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{alt}" href={quoteattr(root + versions[alt])}/>')
                if default in versions:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(root + versions[default])}/>')
            lines.append("  </url>")
    lines.append("</urlset>\n")
    xml = "\n".join(lines).encode("utf-8")
    (site / "sitemap.xml").write_bytes(xml)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml, mtime=0))
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {root}sitemap.xml\n", encoding="utf-8")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
