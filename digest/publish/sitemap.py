"""sitemap.xml (and .gz) of every page with its language alternates, and robots.txt pointing to it."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from xml.sax.saxutils import quoteattr

from digest import site

SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
#: Folders at the root of the built site that hold no pages.
NOT_PAGES = ("pagefind/", "assets/")


def pages_by_path(site_dir: Path) -> dict[str, dict[str, str]]:
    """{path inside a language ("events/x/"): {lang: path from the site root}} for every built page."""
    pages: dict[str, dict[str, str]] = {}
    for folder, dirs, files in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix() + "/"
        if rel == "./":
            rel = ""
            dirs[:] = [name for name in dirs if f"{name}/" not in NOT_PAGES]  # the search index alone is thousands of files
        if "index.html" in files:
            lang, inner = site.split_language(rel)
            pages.setdefault(inner, {})[lang] = rel
    return pages


def write_sitemap(site_dir: Path) -> None:
    """Write sitemap.xml, sitemap.xml.gz and robots.txt at the root of a built site (absolute URLs)."""
    pages = pages_by_path(site_dir)
    default = site.DEFAULT_LANGUAGE
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {SITEMAP_NS}>"]
    for inner in sorted(pages, key=lambda p: (p.count("/"), p)):
        versions = pages[inner]
        for lang in (lang for lang in site.LANGUAGES if lang in versions):
            lines += ["  <url>", f"    <loc>{_xml(site.absolute(versions[lang]))}</loc>"]
            if len(versions) > 1:
                for alt in (alt for alt in site.LANGUAGES if alt in versions):
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{alt}" href={quoteattr(site.absolute(versions[alt]))}/>')
                if default in versions:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(site.absolute(versions[default]))}/>')
            lines.append("  </url>")
    lines.append("</urlset>\n")
    xml = "\n".join(lines).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(xml)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(xml, mtime=0))
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site.absolute('sitemap.xml')}\n", encoding="utf-8")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
