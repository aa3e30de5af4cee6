"""Screenshots of one page of every kind, in both languages, at a phone's and a desktop's width.

    python tools/screenshots.py [--site site] [--out screenshots] [--widths 390 1280] [--scheme light|dark]

Serves the built site on 127.0.0.1, opens each page in Debian's Chromium and writes full-page
PNGs named <lang>-<kind>-<width>.png, so a reviewer can look at every kind of page before a change
lands. Also prints, per page, whether it scrolls sideways.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digest import site as sitemap
from tools.static_server import serve

#: Sections whose first page stands for a kind, besides the home page, an event and the 404 page.
SECTIONS = ("events", "archive", "commitments", "places", "organisations", "people", "topics", "sources", "open-data", "about")
CHROMIUM = "/usr/bin/chromium"


def page_kinds(site: Path) -> dict[str, str]:
    """Kind name → path (without language prefix) of one page of that kind."""
    kinds = {"home": "", "404": "404.html"}
    events = sorted(p.name for p in (site / "events").iterdir() if (p / "index.html").is_file())
    kinds["event"] = f"events/{events[0]}/"
    for section in SECTIONS:
        folder = site / section
        if (folder / "index.html").is_file():
            kinds[section] = f"{section}/"
        children = sorted(c.name for c in folder.iterdir() if (c / "index.html").is_file()) if folder.is_dir() else []
        if children and section not in ("events", "archive"):
            kinds[section.rstrip("s") if section.endswith("s") else section] = f"{section}/{children[0]}/"
    # The person quoted at length is the telling example of a person page.
    if (site / "people/susan-burns/index.html").is_file():
        kinds["person"] = "people/susan-burns/"
    return kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--widths", type=int, nargs="+", default=[390, 1280])
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    parser.add_argument("--only", nargs="*", default=None, help="kinds to shoot (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    kinds = page_kinds(args.site)
    wide = 0
    with serve(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width in args.widths:
            context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900},
                                          color_scheme=args.scheme)
            tab = context.new_page()
            for lang in sitemap.LANGUAGES:
                for kind, path in kinds.items():
                    if args.only and kind not in args.only:
                        continue
                    tab.goto(base.rstrip("/") + "/" + sitemap.prefix(lang) + path, wait_until="load")
                    scroll = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    suffix = "" if args.scheme == "light" else "-dark"
                    target = args.out / f"{lang}-{kind}-{width}{suffix}.png"
                    tab.screenshot(path=str(target), full_page=True)
                    height = tab.evaluate("document.documentElement.scrollHeight")
                    flag = f"  SCROLLS SIDEWAYS by {scroll}px" if scroll > 0 else ""
                    wide += scroll > 0
                    print(f"{target}  height={height}px{flag}")
            context.close()
        browser.close()
    print(f"{wide} page(s) scroll sideways")
    return 1 if wide else 0


if __name__ == "__main__":
    sys.exit(main())
