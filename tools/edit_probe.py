#!/usr/bin/env python3
"""Measure edit to preview: from saving one file while a live preview runs to the rebuilt page being served.

    python tools/edit_probe.py PROJECT            # our preview (scripts/serve.py) in a project folder
    python tools/edit_probe.py --hugo HUGO_SITE   # `hugo server` on a Hugo site of the same pages

Ours: an event's data file gets one word more in its venue (`data/events/<id>.yaml`); Hugo's: the
same event's generated Markdown page (`content/vi/events/<id>.md`). The time runs from the write to
the first answer from the server whose page holds the new word (the page is asked for every 20 ms).
Each edit follows as soon as the previous one is served, so the preview's background regeneration
of the previous edit is still running (it is stopped by the new edit). After the last edit the probe
waits for the preview to settle: the regeneration of the rest of docs/ and the rebuild of what it
changed (`settled_s`, from that edit). The benchmark (tools/bench.py) takes the median of 5 edits.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

#: Words added to the venue, two per edit, a pair the file does not hold yet (letters only: a number would
#: have to be in the English text too).
MARKERS = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett")
#: The text every synthetic event's venue starts with (tools/synth.py), the place of the edit.
VENUE = "Hội trường"
SIGNAL = Path(".cache") / "preview" / "signal" / "regenerated"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 600) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own http://127.0.0.1 server
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_until(check, timeout: float, what: str, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"edit probe: gave up waiting for {what} after {timeout:.0f} s")
        time.sleep(interval)


def fresh_words(path: Path, i: int) -> str:
    """Two marker words the file does not hold yet (a benchmark may run again on the same files)."""
    text = path.read_text(encoding="utf-8")
    pairs = [f"{a} {b}" for a in MARKERS for b in MARKERS]
    return next(pair for pair in pairs[i:] + pairs[:i] if pair not in text)


def time_edit(path: Path, old: str, new: str, url: str, timeout: float) -> float:
    """Replace `old` by `new` once in `path`; seconds until `url` serves a page holding `new`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    start = time.perf_counter()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    wait_until(lambda: new in fetch(url)[1], timeout, f"{url} to show {new!r}")
    return time.perf_counter() - start


def preview_edits(project: Path, edits: int = 5, timeout: float = 1800) -> dict:
    """Our preview: seconds from saving an event file to its rebuilt page, and to the whole preview settling."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "NZD_ARCHIVE"}
    server = subprocess.Popen([sys.executable, "scripts/serve.py", "--quiet", "--port", str(port)], cwd=project,
                              env={**env, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        start = time.perf_counter()
        wait_until(lambda: fetch(base + "/", 5)[0] == 200 or server.poll() is not None, timeout, "the preview to start", 0.5)
        if server.poll() is not None:
            raise RuntimeError(f"edit probe: the preview stopped: {server.stderr.read().decode()[-3000:] if server.stderr else ''}")
        started = time.perf_counter() - start
        events = sorted((project / "data" / "events").glob("*.yaml"))
        signal = project / SIGNAL
        times = []
        for i in range(edits):
            path = events[(i * 97) % len(events)]
            before = signal.read_text() if signal.exists() else ""
            word = f"{VENUE} {fresh_words(path, i)}"
            start = time.perf_counter()
            times.append(time_edit(path, VENUE, word, f"{base}/events/{path.stem}/", timeout))
        wait_until(lambda: signal.exists() and signal.read_text() != before, timeout, "the background regeneration", 0.2)
        fetch(base + "/")  # answered once the rebuild of what the regeneration changed has ended
        return {"start_s": started, "edits_s": times, "median_s": statistics.median(times), "settled_s": time.perf_counter() - start}
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()


def hugo_edits(hugo_site: Path, hugo: str = "/usr/bin/hugo", edits: int = 5, timeout: float = 600) -> dict:
    """`hugo server` on the same pages: seconds from saving an event's Markdown page to the page being served anew."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([hugo, "server", "--source", str(hugo_site), "--bind", "127.0.0.1", "--port", str(port),
                               "--baseURL", base + "/", "--disableLiveReload", "--quiet"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: fetch(base + "/", 5)[0] == 200, timeout, "hugo server to start", 0.2)
        pages = sorted((hugo_site / "content" / "vi" / "events").glob("*.md"))
        pages = [page for page in pages if page.name != "_index.md"]
        times = []
        for i in range(edits):
            path = pages[(i * 97) % len(pages)]
            word = f"{VENUE} {fresh_words(path, i)}"
            times.append(time_edit(path, VENUE, word, f"{base}/events/{path.stem}/", timeout))
        return {"edits_s": times, "median_s": statistics.median(times)}
    finally:
        server.terminate()
        server.wait(30)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a project folder (ours) or a Hugo site (--hugo)")
    parser.add_argument("--hugo", action="store_true", help="measure `hugo server` on a Hugo site")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    result = hugo_edits(args.folder, edits=args.edits) if args.hugo else preview_edits(args.folder.resolve(), edits=args.edits)
    print(" ".join(f"{key}={value:.2f}" if isinstance(value, float) else f"{key}={[round(v, 2) for v in value]}" for key, value in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
