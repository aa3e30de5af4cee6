"""The live preview (`make serve`, scripts/serve.py) on a copy of the project: an edit of an event file
is served on the event's page, then on the lists; a broken edit is reported and the preview recovers."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PROJECT_PARTS = ("digest", "hooks", "overrides", "templates", "scripts", "data", "mkdocs.yml")
EVENT = "2024-01-17-hai-phong-net-zero-workshop"
TITLE_END = "from industrial production towards net zero"
#: Generous: a shared CI machine; the tests wait on what the server serves, never on a clock.
TIMEOUT = 300


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 - our own local server
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, "the preview stopped"
        body = _fetch(url)
        if text in body:
            return body
        time.sleep(0.05)  # polling interval while waiting for the page's state, not a delay the test depends on
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.fixture
def preview(tmp_path, root):
    project = tmp_path / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        (shutil.copytree if (root / part).is_dir() else shutil.copy2)(root / part, project / part)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (tmp_path / "preview.log").open("w+", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port)], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/en/", "<html", server)
        yield base, project, server, tmp_path / "preview.log"
    finally:
        server.terminate()
        server.wait(30)
        log.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_shows_on_its_page_then_on_the_lists(preview):
    base, project, server, _ = preview
    page, events = f"{base}/en/events/{EVENT}/", f"{base}/en/events/"
    assert "previewed" not in _fetch(page) and "previewed" not in _fetch(events)
    _edit(project / "data" / "events" / f"{EVENT}.yaml", TITLE_END, f"{TITLE_END}, previewed")
    _wait_for(page, f"{TITLE_END}, previewed", server)
    # the page's downloads, which go around MkDocs (digest/publish/downloads.py), are placed again too
    _wait_for(f"{base}/en/events/{EVENT}/citation.bib", f"{TITLE_END}, previewed", server)
    _wait_for(events, f"{TITLE_END}, previewed", server)
    assert f"{TITLE_END}, previewed" in (project / "docs" / "en" / "events" / f"{EVENT}.md").read_text(encoding="utf-8")


def test_a_broken_edit_is_reported_and_the_preview_recovers(preview):
    base, project, server, log = preview
    data = project / "data" / "events" / f"{EVENT}.yaml"
    _edit(data, 'value: "2024-01-17"', 'value: "2024-13-45"')
    deadline = time.monotonic() + TIMEOUT
    while "date.value" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the broken date was not reported"
        assert server.poll() is None
        time.sleep(0.05)
    report = log.read_text(encoding="utf-8")
    assert f"data/events/{EVENT}.yaml" in report
    docs = project / "docs" / "en" / "events" / f"{EVENT}.md"
    assert "17 January 2024" in docs.read_text(encoding="utf-8")  # docs/ untouched by the broken edit
    _edit(data, 'value: "2024-13-45"', 'value: "2024-01-17"')
    _edit(data, TITLE_END, f"{TITLE_END}, mended")
    _wait_for(f"{base}/en/events/{EVENT}/", f"{TITLE_END}, mended", server)


def _regenerations(project: Path) -> list[str]:
    """The running processes regenerating this project's docs/ (the preview's background regeneration)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(project / "scripts" / "build_pages.py") in command:
            found.append(command)
    return found


def test_stopping_the_preview_stops_its_background_regeneration(preview):
    base, project, server, _ = preview
    _edit(project / "data" / "events" / f"{EVENT}.yaml", TITLE_END, f"{TITLE_END}, stopped")
    deadline = time.monotonic() + TIMEOUT
    while not _regenerations(project):  # the edited event's pages are built; the rest of docs/ is on its way
        assert time.monotonic() < deadline, "no background regeneration started"
        time.sleep(0.01)
    server.terminate()
    server.wait(TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while _regenerations(project):
        assert time.monotonic() < deadline, "the background regeneration outlived the preview"
        time.sleep(0.05)
    assert not list(project.glob(".docs-staging-*"))
    # Stopped, not finished: the lists were never regenerated with the edit.
    assert "stopped" not in (project / "docs" / "en" / "events" / "index.md").read_text(encoding="utf-8")
