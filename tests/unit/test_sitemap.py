"""The sitemap's pages (digest/publish/sitemap.py): every built page by its path inside a language, none from the folders that hold no pages."""

from __future__ import annotations

from digest import site
from digest.publish import sitemap


def test_pages_by_path(tmp_path) -> None:
    """Each folder with an index.html is a page, keyed by its path inside its language; the root's
    folders of no pages (the search index, the theme's assets) are not, a folder of the same name
    deeper in is."""
    other = next(lang for lang in site.LANGUAGES if lang != site.DEFAULT_LANGUAGE)
    prefix = site.prefix(other)
    for rel in ("", "events/x/", f"{prefix}", f"{prefix}events/x/", "events/only-default/", f"{prefix}events/only-other/",
                "pagefind/", "pagefind/first-0/", "assets/", "assets/images/", "events/x/assets/"):
        (tmp_path / rel).mkdir(parents=True, exist_ok=True)
        (tmp_path / rel / "index.html").write_text("<html></html>")
    (tmp_path / "events" / "no-page").mkdir()
    (tmp_path / "events" / "no-page" / "data.json").write_text("{}")
    default = site.DEFAULT_LANGUAGE
    assert sitemap.pages_by_path(tmp_path) == {
        "": {default: "", other: prefix},
        "events/x/": {default: "events/x/", other: f"{prefix}events/x/"},
        "events/x/assets/": {default: "events/x/assets/"},
        "events/only-default/": {default: "events/only-default/"},
        "events/only-other/": {other: f"{prefix}events/only-other/"},
    }
