#!/usr/bin/env python3
"""Publication audit: build the site for a local address, serve it, and check it the way a
reader's phone, a search engine and a validator see it.

    python tools/audit.py              # what `make audit` runs
    python tools/audit.py --skip-lighthouse

1. builds the site (generator → MkDocs → search index) into a temporary folder with
   `site_url` = the local server's address (NZD_SITE_URL), so canonical and alternate links
   point at the pages being audited (Lighthouse fails a canonical on another domain);
2. serves it on 127.0.0.1 the way the README's host configuration does: gzip for text,
   /en/404.html for missing pages under /en/, /404.html elsewhere;
3. runs Lighthouse (tools/audit/node_modules, pinned; Debian Chromium through CHROME_PATH)
   in mobile mode on the home page, the events index and one event page in both languages,
   and prints the four category scores per page;
4. runs the Nu HTML validator (vnu-jar, pinned) over every page and prints the error count,
   separating known errors that come from the theme's markup (with the reason);
5. checks every link over HTTP (crawling from both home pages and the sitemap): status 200
   and, for links with a fragment, an element with that id.

Exit status 1 when a target is missed (scores < 95/100/100/100, a validator error of ours,
a broken link).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlparse
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from static_server import serve  # noqa: E402

TOOLS = ROOT / "tools" / "audit" / "node_modules"
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EVENT = "2024-01-17-hai-phong-net-zero-workshop"
AUDITED = ["", "events/", f"events/{EVENT}/"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}

#: Validator errors that come from Material's own markup, which our overrides do not render.
#: (pattern on the message, pattern on the extract, reason). Each is reported, not hidden.
THEME_ERRORS: list[tuple[str, str, str]] = [
    ("Attribute “autocomplete” is only allowed", r'class="md-toggle"',
     "base.html puts autocomplete=off on its drawer/search checkbox toggles (stops Firefox restoring their state); not in a block"),
    ("Bad value “” for attribute “tabindex” on element “label”", r'class="md-nav__link',
     "partials/nav-item.html prints tabindex=\"\" on section labels of the sidebar; browsers ignore it"),
]

#: What a build needs of the project, copied so that a build for another address leaves docs/ alone.
PROJECT_PARTS = ("data", "digest", "docs", "hooks", "overrides", "templates", "scripts", "mkdocs.yml")


def build(site: Path, base: str) -> None:
    """Build the site for the local server's address (NZD_SITE_URL) in a copy of the project:
    the generated pages carry the address too, so the checkout's docs/ must not be touched."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NZD_SITE_URL": base}
    with tempfile.TemporaryDirectory(prefix="nzd-audit-") as tmp:
        project = Path(tmp)
        for part in PROJECT_PARTS:
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
        subprocess.run([sys.executable, "scripts/build_site.py", "--quiet", "--site", str(site)], cwd=project, check=True, env=env)


# --- Lighthouse ------------------------------------------------------------------------------

def lighthouse(url: str, out: Path) -> tuple[dict[str, int], dict]:
    profile = tempfile.mkdtemp(prefix="nzd-lh-")
    flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
    cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}",
           "--only-categories=" + ",".join(CATEGORIES), "--form-factor=mobile", "--screenEmulation.mobile=true",
           "--max-wait-for-load=45000"]
    try:
        subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}, report


def failed_audits(report: dict) -> list[str]:
    lines = []
    for cat in CATEGORIES:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lines.append(f"    {cat}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}")
    return lines


# --- Nu HTML validator ----------------------------------------------------------------------------

def validate(site: Path) -> tuple[list[str], list[str]]:
    """(our errors, theme errors) as printable lines."""
    files = [str(f) for f in sorted(site.rglob("*.html")) if "pagefind" not in f.parts]
    proc = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
                          capture_output=True, text=True, check=True)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    ours, theirs = [], []
    for msg in messages:
        if msg.get("type") != "error":
            continue
        where = msg.get("url", "").replace("file:" + str(site), "")
        line = f"{where}:{msg.get('lastLine', '?')}: {msg['message']}"
        reason = next((r for m, e, r in THEME_ERRORS if re.search(m, msg["message"]) and re.search(e, msg.get("extract", ""))), None)
        (theirs if reason else ours).append(f"{line}  [theme: {reason}]" if reason else line)
    return ours, theirs


# --- links ------------------------------------------------------------------------------------

_LINK = re.compile(r'<(a|link|script|img|source|iframe)\b[^>]*?\s(href|src)="([^"]*)"', re.I)
_ID = re.compile(r'\sid="([^"]*)"')


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urlopen(Request(url, headers={"Accept-Encoding": "identity"}), timeout=20) as resp:  # noqa: S310 - loopback only
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8", "replace")
    except HTTPError as err:
        return err.code, "", ""


def check_links(base: str) -> tuple[int, list[str]]:
    """Crawl the site from both home pages and the sitemap; (links checked, broken links)."""
    host = urlparse(base).netloc
    sitemap = fetch(base + "sitemap.xml")[2]
    queue = [base, base + "en/", *re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    pages: dict[str, tuple[int, str]] = {}
    links: list[tuple[str, str]] = []
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        status, ctype, body = fetch(url)
        pages[url] = (status, body if "html" in ctype else "")
        if "html" not in ctype:
            continue
        for _tag, _attr, href in _LINK.findall(body):
            href = href.replace("&amp;", "&")
            if not href or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = urljoin(url, href)
            if urlparse(target).netloc != host:
                continue
            links.append((url, target))
            page_url = urldefrag(target)[0]
            if page_url not in pages:
                queue.append(page_url)
    broken = []
    for source, target in links:
        page_url, fragment = urldefrag(target)
        status, body = pages[page_url]
        if status != 200:
            broken.append(f"{source} → {target} ({status})")
        elif fragment and body and unquote(fragment) not in _ID.findall(body):
            broken.append(f"{source} → {target} (no element with id {fragment!r})")
    return len(links), sorted(set(broken))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--keep", type=Path, help="also keep the built site and the Lighthouse reports in this folder")
    args = parser.parse_args(argv)

    with socket.socket() as sock:  # a free port, known before the build that needs its address
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://localhost:{port}/"
    work = Path(tempfile.mkdtemp(prefix="nzd-audit-"))
    site = work / "site"
    print(f"Building the site for {base} ...", flush=True)
    build(site, base)
    ok = True
    try:
        with serve(site, port):
            if not args.skip_lighthouse:
                rows = []
                for prefix in ("", "en/"):
                    for path in AUDITED:
                        url = base + prefix + path
                        print(f"Lighthouse (mobile): /{prefix}{path}", flush=True)
                        scores, report = lighthouse(url, work / f"lh-{len(rows)}.json")
                        rows.append(("/" + prefix + path, scores))
                        misses = [c for c in CATEGORIES if scores[c] < TARGETS[c]]
                        if misses:
                            ok = False
                            print("\n".join(failed_audits(report)))
                width = max(len(page) for page, _ in rows)
                print(f"\n| {'page':<{width}} | performance | accessibility | best practices | SEO |")
                print(f"| {'-' * width} | ---: | ---: | ---: | ---: |")
                for page, s in rows:
                    print(f"| {page:<{width}} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |")
                print(f"targets: performance ≥ {TARGETS['performance']}, accessibility, best practices and SEO = 100\n")

            print("Nu HTML validator (vnu-jar) over every page ...", flush=True)
            ours, theirs = validate(site)
            pages = sum(1 for f in site.rglob("*.html") if "pagefind" not in f.parts)
            print(f"validator: {pages} pages, {len(ours)} errors in our templates and content, {len(theirs)} from the theme")
            for line in ours:
                print("  " + line)
            for reason, count in Counter(line.rsplit("  [theme: ", 1)[1].rstrip("]") for line in theirs).most_common():
                print(f"  theme ({count}×): {reason}")
            if ours:
                ok = False
                print("  most frequent:", Counter(line.split(": ", 1)[1] for line in ours).most_common(5))

            checked, broken = check_links(base)
            print(f"links: {checked} checked, {len(broken)} broken")
            for line in broken:
                print("  " + line)
            ok = ok and not broken
    finally:
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    print("audit: " + ("all targets met" if ok else "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
