#!/usr/bin/env python3
"""Build everything into site/ (`make site`): pages, one MkDocs build per language at once, publish.

    python scripts/build_site.py                   # make site
    python scripts/build_site.py --site DIR        # build into another folder (tests, benchmark)
    python scripts/build_site.py --step mkdocs     # some steps only: pages, mkdocs, search
    python scripts/build_site.py --times FILE      # also write each step's wall and CPU seconds as JSON (tools/bench.py)

The steps are digest.build's: see ARCHITECTURE.md, "Pipeline".
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.build import SITE, STEPS, StepTimes, build_site  # noqa: E402
from digest.load import DataErrors  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=SITE, help="output folder (default: site/)")
    parser.add_argument("-f", "--config", type=Path, default=ROOT / "mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--step", choices=STEPS, action="append", help="run only this step (repeatable; default: all, in order)")
    parser.add_argument("--times", type=Path, help="write each step's wall and CPU seconds into this JSON file")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    args = parser.parse_args(argv)
    steps = tuple(args.step or STEPS)
    start = time.perf_counter()
    times = StepTimes()
    try:
        build_site(args.site.resolve(), args.config.resolve(), steps, args.quiet, times)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if args.times:
        args.times.write_text(json.dumps({name: {"wall": wall, "cpu": cpu} for name, (wall, cpu) in times.items()}, indent=2) + "\n")
    if not args.quiet:
        print(f"build_site: {', '.join(steps)} in {time.perf_counter() - start:.1f} s -> {args.site}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
