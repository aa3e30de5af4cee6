"""Command line of the generator: load → validate → render → write."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digest.load import DataErrors, load_catalogue
from digest.render import render_site
from digest.write import apply, plan


def main(argv: list[str], root: Path) -> int:
    parser = argparse.ArgumentParser(prog="build_pages.py", description="Generate docs/ from data/.")
    parser.add_argument("--data", type=Path, default=root / "data", help="data folder (default: data/)")
    parser.add_argument("--docs", type=Path, default=root / "docs", help="output folder (default: docs/)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing when nothing changed")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 listing files in docs/ that differ from what data/ produces")
    mode.add_argument("--validate", action="store_true", help="only load and validate data/")
    args = parser.parse_args(argv)
    try:
        catalogue = load_catalogue(args.data, root)
    except DataErrors as exc:
        print(f"error: {len(exc.errors)} problem(s) in data files; docs/ was not changed:", file=sys.stderr)
        for err in exc.errors:
            print(f"  {err}", file=sys.stderr)
        return 1
    if args.validate:
        print(f"ok: {len(catalogue.events)} event(s) valid")
        return 0
    pages = render_site(catalogue)
    changes = plan(pages, args.docs)
    if args.check:
        if not changes.changes:
            print(f"ok: docs/ is up to date ({len(pages)} pages)")
            return 0
        print("error: docs/ is not what data/ produces (run: make pages):", file=sys.stderr)
        for label, files in (("missing", changes.create), ("differs", changes.update), ("not generated", changes.delete)):
            for rel in files:
                print(f"  {label}: docs/{rel}", file=sys.stderr)
        return 1
    apply(pages, args.docs, changes)
    if changes.changes or not args.quiet:
        print(f"docs/: {len(changes.create)} created, {len(changes.update)} updated, {len(changes.delete)} removed, {len(pages) - len(changes.create) - len(changes.update)} unchanged")
    return 0
