#!/usr/bin/env python3
"""Generate the paired Vietnamese/English pages in docs/ from data/.

    python scripts/build_pages.py            # validate, render, write changed files
    python scripts/build_pages.py --check    # exit 1 if docs/ is not what data/ produces
    python scripts/build_pages.py --validate # only load and validate data/
    python scripts/build_pages.py --schema   # write schema/*.schema.json and each data file's schema line
    python scripts/build_pages.py --check-translations [--since REF]  # texts changed in one language only
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], ROOT))
