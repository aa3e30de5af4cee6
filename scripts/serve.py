#!/usr/bin/env python3
"""Live preview of the site (`make serve`): edits of data/, templates/ and overrides/ show within seconds.

    python scripts/serve.py                 # http://127.0.0.1:8000/
    python scripts/serve.py --port 8001

The edited event's pages are served first; lists and entity pages follow when the rest of docs/
has been regenerated in the background. See digest/preview.py.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.preview import serve  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--site", type=Path, default=None, help="where the preview is built (default: .cache/preview/site)")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    parser.add_argument("--poll", action="store_true", help="look for changes every 0.2 s (for file systems that do not report them)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(levelname)-7s -  %(message)s")
    # Stopped by a signal, the preview still stops its background regeneration (it runs in a session of its own).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    serve(args.host, args.port, args.site.resolve() if args.site else None, quiet=args.quiet, poll=args.poll)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
