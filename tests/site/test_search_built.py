"""The built site's search index (Pagefind, digest/publish/search_index.py), read as files: one index per
language, served pages untouched, aliases from data/ in a hidden block. Browser tests of search:
tests/browser/test_search.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from digest.fold import STROKE

HP = "events/2024-01-17-hai-phong-net-zero-workshop/"


def test_index_per_language(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"vi", "en"}
    assert entry["languages"]["vi"]["page_count"] == entry["languages"]["en"]["page_count"] > 0
    # Pagefind's own UIs are not used, so not shipped.
    assert not (site / "pagefind" / "pagefind-ui.js").exists()


def test_built_pages_untouched_and_aliases_hidden(site: Path, root: Path) -> None:
    """The index reads a marked copy: the served HTML has no U+0335 and no data-pagefind-body;
    aliases from data/ are in a hidden block that only the index reads."""
    html = (site / HP / "index.html").read_text(encoding="utf-8")
    assert STROKE not in html and "data-pagefind-body" not in html
    block = re.search(r'<div class="nzd-search-terms" hidden[^>]*>(.*?)</div>', html)
    assert block, "event page lacks its hidden search terms"
    places = {p["id"]: p for p in yaml.safe_load((root / "data" / "places.yaml").read_text(encoding="utf-8"))}
    for alias in places["hai-phong"]["aliases"]:
        assert alias in block[1]
