"""Command line of the generator (scripts/build_pages.py): load → validate → render → write."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from digest.archive import ArchiveError, for_build
from digest.build import generate
from digest.load import DataErrors, load_catalogue
from digest.load.read import relative_name
from digest.schema_files import write_schemas
from digest.translations import GitError, check_translations


def main(argv: list[str], root: Path) -> int:
    # Stopped by a signal (the live preview stops a regeneration a newer edit makes stale), the
    # generator still cleans up after itself: its staged pages are removed, docs/ keeps what it had.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(prog="build_pages.py", description="Generate docs/ from data/.")
    parser.add_argument("--data", type=Path, default=root / "data", help="data folder (default: data/)")
    parser.add_argument("--docs", type=Path, default=root / "docs", help="output folder (default: docs/)")
    parser.add_argument("--archive", type=Path, default=None,
                        help="folder of the source articles to check the data against (default: $NZD_ARCHIVE, else ../shared/seeds/)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing when nothing changed")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 listing files in docs/ that differ from what data/ produces")
    mode.add_argument("--validate", action="store_true", help="only load and validate data/")
    mode.add_argument("--schema", action="store_true", help="write schema/*.schema.json from digest/schema.py and the schema line atop each data file")
    mode.add_argument("--check-translations", action="store_true",
                      help="exit 1 listing texts whose Vietnamese changed since --since while their English did not, or the reverse")
    parser.add_argument("--since", default="HEAD", help="the commit --check-translations compares with (default: HEAD, the last commit)")
    args = parser.parse_args(argv)
    if args.schema:
        changed = write_schemas(root, [args.data])
        print(f"schema: {len(changed)} file(s) written" + "".join(f"\n  {relative_name(path, root)}" for path in changed))
        return 0
    if args.check_translations:
        return _check_translations(args.data, root, args.since)
    try:
        archive = for_build(args.archive, root, say=lambda text: print(text, file=sys.stderr), data=args.data)
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
            checked = f"; checked against the articles in {archive}" if archive else ""
            print(f"ok: docs/ is up to date ({len(result.paths)} pages{checked})")
            return 0
        print("error: docs/ is not what data/ produces (run: make pages):", file=sys.stderr)
        for label, files in (("missing", changes.create), ("differs", changes.update), ("not generated", changes.delete)):
            for rel in files:
                print(f"  {label}: docs/{rel}", file=sys.stderr)
        return 1
    if changes.count or not args.quiet:
        print(f"docs/: {changes.summary(len(result.paths))}")
    return 0


def _check_translations(data: Path, root: Path, since: str) -> int:
    try:
        errors = check_translations(data, root, since)
    except GitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if errors:
        print(f"error: {len(errors)} text(s) changed in one language only since {since}:", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    print(f"ok: no text changed in one language only since {since}")
    return 0
