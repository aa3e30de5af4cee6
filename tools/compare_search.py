#!/usr/bin/env python3
"""Compare two built sites' search indexes by what they hold, not by their bytes.

    python tools/compare_search.py SITE_A SITE_B

Pagefind numbers each index's pages in the order the file system lists them, and its files are named
after their content, so the same pages indexed in another order give other bytes and other file names.
This reads each index (the primary one and every shard of pagefind/) as search reads it: its pages (by
fragment), and for every word the pages it is on with its positions and weights, and its variants; and
every fragment's content. Two indexes that hold the same are reported "same content".

Exit status: 0 when every index and fragment is the same, 1 otherwise.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.publish import search_index as pagefind  # noqa: E402


def _pages(entries: list, hashes: list[str]) -> list[tuple[str, str]]:
    """A word's page entries as (page's fragment, the rest of the entry), sorted; entries give each page as
    the difference from the one before."""
    out, at = [], 0
    for entry in entries:
        at += entry[0]
        out.append((hashes[at], json.dumps(entry[1:])))
    return sorted(out)


def index_content(folder: Path) -> dict[str, tuple]:
    """{language: (pages, {word: (pages, variants, rest)}, filters and sorts)} of one Pagefind index folder."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    content = {}
    for lang, info in entry["languages"].items():
        meta = pagefind.read_pagefind(folder / f"pagefind.{info['hash']}.pf_meta")
        fields, _ = pagefind.cbor_items(meta, len(pagefind.PAGEFIND_HEADER))
        pages = pagefind.cbor_decode(meta, fields[1][0])
        hashes = [page[0] for page in pages]
        words: dict[str, tuple] = {}
        for _, _, name in pagefind.cbor_decode(meta, fields[2][0]):
            chunk = pagefind.read_pagefind(folder / "index" / f"{name}.pf_index")
            for word in pagefind.cbor_decode(chunk, len(pagefind.PAGEFIND_HEADER))[0]:
                variants = sorted(json.dumps([variant[0], _pages(variant[1], hashes)]) if isinstance(variant, list) and len(variant) == 2
                                  and isinstance(variant[1], list) else json.dumps(variant) for variant in word[2])
                if word[0] in words:
                    raise SystemExit(f"{folder}: {lang}: the word {word[0]!r} is in two chunks")
                words[word[0]] = (_pages(word[1], hashes), variants, json.dumps(word[3:]))
        content[lang] = (sorted(map(tuple, pages)), words, [pagefind.cbor_decode(meta, at) for at, _ in fields[3:]])
    return content


def site_indexes(site: Path) -> tuple[dict[str, dict], dict[str, bytes]]:
    """Every index of a built site by its folder under pagefind/ ("." the primary), and every fragment's content."""
    root = site / pagefind.OUTPUT
    folders = [root, *sorted(p for p in root.iterdir() if (p / "pagefind-entry.json").is_file())]
    fragments = {str(f.relative_to(root)): gzip.decompress(f.read_bytes()) for f in sorted(root.rglob("*.pf_fragment"))}
    return {str(folder.relative_to(root)): index_content(folder) for folder in folders}, fragments


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    (a, frags_a), (b, frags_b) = (site_indexes(Path(arg)) for arg in argv)
    same = frags_a == frags_b
    print(f"fragments: {len(frags_a)} and {len(frags_b)}, {'same content' if same else 'DIFFERENT'}")
    for folder in sorted(set(a) | set(b)):
        if folder not in a or folder not in b:
            print(f"{folder}: only in {'the first' if folder in a else 'the second'} site")
            same = False
            continue
        for lang in sorted(set(a[folder]) | set(b[folder])):
            x, y = a[folder].get(lang), b[folder].get(lang)
            verdict = "same content" if x == y else "DIFFERENT"
            sizes = f"{len(x[0])} pages, {len(x[1])} words" if x else "missing in the first"
            print(f"{folder} {lang}: {sizes}: {verdict}")
            if x != y:
                same = False
                if x and y:
                    words = sorted(w for w in set(x[1]) | set(y[1]) if x[1].get(w) != y[1].get(w))
                    print(f"  pages {'same' if x[0] == y[0] else 'differ'}; {len(words)} words differ, e.g. {words[:5]}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
