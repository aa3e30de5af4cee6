"""Command line of the generator (scripts/build_pages.py): load → validate → render → write."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digest.archive import ArchiveError, for_build
from digest.build import generate
from digest.load import DataErrors, load_catalogue


def main(argv: list[str], root: Path) -> int:
    parser = argparse.ArgumentParser(prog="build_pages.py", description="Generate docs/ from data/.")
    parser.add_argument("--data", type=Path, default=root / "data", help="data folder (default: data/)")
    parser.add_argument("--docs", type=Path, default=root / "docs", help="output folder (default: docs/)")
    parser.add_argument("--archive", type=Path, default=None,
                        help="folder of the source articles to check the data against (default: $NZD_ARCHIVE, else ../shared/seeds/)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing when nothing changed")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 listing files in docs/ that differ from what data/ produces")
    mode.add_argument("--validate", action="store_true", help="only load and validate data/")
    args = parser.parse_args(argv)
    try:
        archive = for_build(args.archive, root, say=lambda text: print(text, file=sys.stderr))
        if args.validate:
            catalogue = load_catalogue(args.data, root, archive)
            checked = f", checked against the articles in {archive}" if archive else ""
            print(f"ok: {len(catalogue.events)} event(s) valid{checked}")
            return 0
        result = generate(args.data, args.docs, write=not args.check, root=root, archive=archive)
    except ArchiveError as exc:
        print(f"error: {exc}; docs/ was not changed", file=sys.stderr)
        return 1
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    changes = result.changes
    if args.check:
        if not changes.count:
            print(f"ok: docs/ is up to date ({len(result.pages)} pages)")
            return 0
        print("error: docs/ is not what data/ produces (run: make pages):", file=sys.stderr)
        for label, files in (("missing", changes.create), ("differs", changes.update), ("not generated", changes.delete)):
            for rel in files:
                print(f"  {label}: docs/{rel}", file=sys.stderr)
        return 1
    if changes.count or not args.quiet:
        print(f"docs/: {changes.summary(len(result.pages))}")
    return 0
