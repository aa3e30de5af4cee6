"""Golden tests: the fixture data renders to exactly the expected tree (tests/golden/).

tests/golden/ holds every file that `render_site` produces from tests/fixtures/data — every
page kind of both languages, the feeds and the open data — byte for byte, and nothing else.
After an intended change of templates or labels, refresh it with `make golden`
(pytest tests/unit/test_golden.py --update-golden), which also deletes the golden files no
longer produced, and review the diff.

Determinism: the same data renders to the same tree in one process, and in two separate
processes with different hash seeds (so no set or dict ordering leaks into the output).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from digest.load import load_catalogue
from digest.pages import render_site

TESTS = Path(__file__).resolve().parent.parent
FIXTURE = TESTS / "fixtures" / "data"
GOLDEN = TESTS / "golden"


@functools.cache
def rendered_tree() -> dict[str, str]:
    """{path under docs/: text} of the fixture data, rendered once per test process."""
    return render_site(load_catalogue(FIXTURE, FIXTURE.parent))


def golden_files() -> set[str]:
    return {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}


def pytest_generate_tests(metafunc):
    """One test per file, rendered or golden: a missing or extra file fails under its own path."""
    if "golden_path" in metafunc.fixturenames:
        metafunc.parametrize("golden_path", sorted(set(rendered_tree()) | golden_files()))


@pytest.fixture(scope="module")
def rendered(request) -> dict[str, str]:
    """The rendered tree; with --update-golden, tests/golden/ is first rewritten to equal it."""
    tree = rendered_tree()
    if request.config.getoption("--update-golden"):
        for stale in golden_files() - set(tree):
            (GOLDEN / stale).unlink()
        for folder in sorted((p for p in GOLDEN.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        for path, text in tree.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_file() or target.read_bytes() != text.encode("utf-8"):
                target.write_bytes(text.encode("utf-8"))
    return tree


def test_golden_tree_holds_exactly_the_rendered_files(rendered):
    missing = sorted(set(rendered) - golden_files())
    extra = sorted(golden_files() - set(rendered))
    assert not missing, f"rendered but no golden file (run make golden): {missing}"
    assert not extra, f"golden files no longer rendered (run make golden): {extra}"
    assert len(rendered) >= 40
    assert {p.split("/", 1)[0] for p in rendered} == {"vi", "en"}


def test_rendered_file_matches_golden(rendered, golden_path):
    expected = GOLDEN / golden_path
    if golden_path not in rendered:
        assert not expected.exists(), f"golden file {golden_path} is no longer rendered: run make golden"
        return
    assert expected.is_file(), f"no golden file {golden_path}: run make golden"
    assert expected.read_bytes().decode("utf-8") == rendered[golden_path], f"{golden_path} differs from tests/golden/{golden_path}"


def test_rendering_is_deterministic():
    catalogue = load_catalogue(FIXTURE, FIXTURE.parent)
    assert render_site(catalogue) == render_site(load_catalogue(FIXTURE, FIXTURE.parent))


RENDER_SCRIPT = """
import json, sys
from pathlib import Path
from digest.load import load_catalogue
from digest.pages import render_site
data = Path(sys.argv[1])
sys.stdout.write(json.dumps(render_site(load_catalogue(data, data.parent)), ensure_ascii=False, sort_keys=True))
"""


def render_in_new_processes(root: Path, hash_seeds: list[str]) -> list[dict[str, str]]:
    """Render the fixture data in one fresh interpreter per hash seed (run side by side)."""
    running = [subprocess.Popen([sys.executable, "-c", RENDER_SCRIPT, str(FIXTURE)], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root), "PYTHONIOENCODING": "utf-8"})
               for seed in hash_seeds]
    trees = []
    for process in running:
        out, err = process.communicate()
        assert process.returncode == 0, err.decode("utf-8", "replace")
        trees.append(json.loads(out.decode("utf-8")))
    return trees


def test_rendering_is_deterministic_across_processes(root, rendered):
    first, second = render_in_new_processes(root, ["1", "2"])
    assert sorted(first) == sorted(second) == sorted(rendered)
    differing = [path for path in first if first[path] != second[path] or first[path] != rendered[path]]
    assert not differing, f"renders differ between processes: {differing}"
