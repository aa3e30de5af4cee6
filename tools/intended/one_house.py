"""The intended differences of the "one house" refactor (issue 11), for `tools/compare_builds.py --normalise`.

`normalise(path, text)` undoes each of them on a built page, so the sites before and after the
change must normalise to the same text; anything else that changed shows up as a difference.

1. Links inside raw HTML blocks come from the site map, root-relative (`/en/places/x/`), where
   they were relative to the page (`../../places/x/`); so does the search root, `data-nzd-root`
   (`/`, where it was `../../` on most pages and `//` on the 404 pages, which broke search there).
2. The search scope is declared in the templates: `<div data-pagefind-body>` around the article
   of every searchable page (with the whitespace the theme had around the article's content),
   `data-pagefind-ignore` on sections that are not the page's own text.
3. Quotations' source markers carry the "Reported by" title like every other source marker.
4. Entity appearance tables are an HTML block, so an apostrophe in a role is written `&#39;`.
"""

from __future__ import annotations

import posixpath
import re


def _absolute_href(match: re.Match, page: str) -> str:
    href = match.group(1)
    if href.startswith(("http:", "https:", "#", "/", "mailto:")) or not href:
        return match.group(0)
    here = "/" + posixpath.dirname(page) + "/" if "/" in page else "/"
    resolved = posixpath.normpath(posixpath.join(here, href)) + ("/" if href.endswith("/") else "")
    return f'href="{resolved}"'


def normalise(path: str, text: str) -> str:
    if not path.endswith(".html"):
        return text
    wrapped = "<div data-pagefind-body>" in text
    text = re.sub(r'data-nzd-root="[^"]*"', 'data-nzd-root=""', text)
    text = re.sub(r'href="([^"]*)"', lambda m: _absolute_href(m, path), text)
    text = text.replace(" data-pagefind-ignore", "").replace("<div data-pagefind-body>", "")
    text = re.sub(r'<span class="nzd-cite" title="[^"]*">', '<span class="nzd-cite">', text)
    text = text.replace("&#39;", "'")
    text = re.sub(r"\s+", " ", text)
    if wrapped:
        text = text.replace("</div> </article>", "</article>")
    return text
