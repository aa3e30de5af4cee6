#!/usr/bin/env python3
"""Start a new event file: data/events/<date>-<slug>.yaml with a placeholder in every required field.

    python scripts/new_event.py 2024-01-17 "Hải Phòng net zero workshop" 001_c2204bc3e771eed6.txt [more articles]
    python scripts/new_event.py --archive DIR ...   # articles relative to DIR (default: $NZD_ARCHIVE, else ../shared/seeds/)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.scaffold import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], ROOT))
