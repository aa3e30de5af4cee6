#!/usr/bin/env python3
"""Build the Pagefind search index of the built site (one index per <html lang>)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "pagefind", "--site", str(args.site), "--silent"]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
