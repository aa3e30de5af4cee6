#!/usr/bin/env python3
"""Build the site before and after a change and compare the two builds byte for byte.

    python tools/compare_builds.py                      # HEAD against the working tree (uncommitted changes included)
    python tools/compare_builds.py main HEAD            # two commits (any git revision)
    python tools/compare_builds.py --ignore 'href="/'   # differences only in lines matching the pattern are intended
    python tools/compare_builds.py --keep /tmp/cmp      # keep /tmp/cmp/before and /tmp/cmp/after (and their sources)
    make compare [BEFORE=ref] [AFTER=ref]

A revision is unpacked with `git archive REV | tar -x` into a temporary folder; the working
tree (AFTER omitted, or WORKTREE) is copied from `git ls-files -co --exclude-standard`
(tracked and untracked-not-ignored files). Each side is then built by its own build entry,
`scripts/build_site.py --quiet --site OUT` (`--build-cmd` to change it), run with this
interpreter from that side's folder. Two comparisons follow: the built sites, and the
`docs/` trees the generator wrote on each side. For each: files only before, only after,
differing (a short unified diff per text file, `--diff N` lines, and a count per
extension). `--ignore REGEX` (repeatable) names intended differences: a file whose changed
lines all match one of the patterns is "identical apart from ignored patterns".
Gzip files (the sitemap, Pagefind's index) are compared by their decompressed content
when their bytes differ. Pagefind numbers pages in the order the file system lists them,
so its index files can differ in bytes and names for the same pages: tools/compare_search.py
compares two sites' indexes by what they hold.

Exit status: 0 when both comparisons are identical (or identical apart from ignored
lines), 1 when they are not, 2 when a side cannot be unpacked or built.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKTREE = "WORKTREE"
DEFAULT_BUILD = "{python} scripts/build_site.py --quiet --site {site}"
MAX_LINE = 200  # characters of a diff line shown (minified files have very long lines)


class Failure(Exception):
    """A side could not be unpacked or built."""


# ---------------------------------------------------------------- the two sides

def git(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, **kwargs)


def resolve(ref: str) -> str:
    """The commit a revision names (so the report says exactly what was built)."""
    try:
        out = git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", capture_output=True, text=True)
    except subprocess.CalledProcessError:
        raise Failure(f"not a commit: {ref}") from None
    return out.stdout.strip()


def unpack_ref(commit: str, dest: Path) -> None:
    """The files of a commit into `dest`: git archive | tar -x (no worktree state left behind)."""
    dest.mkdir(parents=True)
    archive = subprocess.Popen(["git", "-C", str(ROOT), "archive", "--format=tar", commit], stdout=subprocess.PIPE)
    tar = subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout, check=False)
    archive.stdout.close()
    if archive.wait() != 0 or tar.returncode != 0:
        raise Failure(f"could not unpack {commit}")


def copy_worktree(dest: Path) -> None:
    """The working tree as it is: tracked files (with their uncommitted changes) and untracked, not ignored, files."""
    dest.mkdir(parents=True)
    listed = git("ls-files", "-co", "--exclude-standard", "-z", capture_output=True).stdout.decode()
    for name in sorted(set(filter(None, listed.split("\0")))):
        source = ROOT / name
        if not source.exists() and not source.is_symlink():  # tracked, deleted in the working tree
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)


def build(source: Path, site: Path, build_cmd: str, label: str) -> None:
    """Run the side's own build entry from its folder with this interpreter."""
    command = [part.format(python=sys.executable, site=str(site), root=str(source)) for part in shlex.split(build_cmd)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    print(f"compare: building {label}: {shlex.join(command)}", file=sys.stderr, flush=True)
    result = subprocess.run(command, cwd=source, env=env, check=False)
    if result.returncode != 0:
        raise Failure(f"build of {label} failed (exit {result.returncode})")
    if not site.is_dir():
        raise Failure(f"build of {label} wrote no {site}")


# ---------------------------------------------------------------- comparing two folders

@dataclass
class Differing:
    path: str
    ignored_only: bool  # every changed line matches an --ignore pattern
    diff: list[str]  # unified diff lines (text files), empty for binary files
    note: str = ""


@dataclass
class Comparison:
    name: str
    files: int = 0
    only_before: list[str] = field(default_factory=list)
    only_after: list[str] = field(default_factory=list)
    differing: list[Differing] = field(default_factory=list)

    @property
    def ignored_only(self) -> int:
        return sum(d.ignored_only for d in self.differing)

    @property
    def identical(self) -> bool:
        return not self.only_before and not self.only_after and self.ignored_only == len(self.differing)


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()} if folder.is_dir() else set()


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = name.rsplit(".", 1)[-1] if "." in name.lstrip(".") else ""
    if suffix.startswith("pf_"):  # Pagefind: pagefind.en_1a2b3c.pf_meta, en_xyz.pf_fragment
        return f".{suffix}"
    return f".{suffix}" if suffix else "(none)"


def readable(data: bytes) -> tuple[bytes, str]:
    """Content to compare: gzip data decompressed (its header holds a time stamp and a name)."""
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data), "gzip"
        except (OSError, EOFError, zlib.error):
            pass
    return data, ""


def as_text(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\0" in text else text


def compare_file(path: str, before: bytes, after: bytes, ignore: list[re.Pattern], diff_lines: int, normalise=None) -> Differing:
    old, old_kind = readable(before)
    new, new_kind = readable(after)
    note = "gzip" if old_kind and new_kind else ""
    if note and old == new:
        return Differing(path, ignored_only=False, diff=[], note="gzip: bytes differ, content identical")
    old_text, new_text = as_text(old), as_text(new)
    if old_text is None or new_text is None:
        return Differing(path, ignored_only=False, diff=[], note=(f"{note}, " if note else "") + "binary")
    if normalise is not None and normalise(path, old_text) == normalise(path, new_text):
        return Differing(path, ignored_only=True, diff=[], note="identical apart from the named differences (--normalise)")
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    changed = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            changed += old_lines[i1:i2] + new_lines[j1:j2]
    ignored_only = bool(ignore) and all(any(p.search(line) for p in ignore) for line in changed)
    if not changed:  # same lines, different line endings or a final newline
        ignored_only, note = False, (f"{note}, " if note else "") + "line endings / final newline"
    diff = []
    if diff_lines > 0:
        for line in difflib.unified_diff(old_lines, new_lines, f"before/{path}", f"after/{path}", n=1, lineterm=""):
            diff.append(line if len(line) <= MAX_LINE else line[:MAX_LINE] + f" … (+{len(line) - MAX_LINE} chars)")
            if len(diff) >= diff_lines:
                break
    return Differing(path, ignored_only=ignored_only, diff=diff, note=note)


def compare_folders(name: str, before: Path, after: Path, ignore: list[re.Pattern], diff_lines: int, normalise=None) -> Comparison:
    left, right = files_of(before), files_of(after)
    result = Comparison(name, files=len(left | right), only_before=sorted(left - right), only_after=sorted(right - left))
    for path in sorted(left & right):
        a, b = (before / path).read_bytes(), (after / path).read_bytes()
        if a != b:
            result.differing.append(compare_file(path, a, b, ignore, diff_lines, normalise))
    return result


# ---------------------------------------------------------------- report

def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def report(c: Comparison, ignore: list[re.Pattern], list_limit: int = 50) -> None:
    print(f"\n== {c.name}: {plural(c.files, 'file')}")
    for title, paths in (("only before", c.only_before), ("only after", c.only_after)):
        if paths:
            print(f"-- {title}: {len(paths)}")
            for path in paths[:list_limit]:
                print(f"   {path}")
            if len(paths) > list_limit:
                print(f"   … and {len(paths) - list_limit} more")
    if c.differing:
        print(f"-- differ: {len(c.differing)}")
        for d in c.differing:
            flags = [d.note] if d.note else []
            if d.ignored_only:
                flags.append("identical apart from ignored patterns")
            print(f"   {d.path}" + (f"  ({'; '.join(flags)})" if flags else ""))
            for line in d.diff:
                print(f"      {line}")
        print("-- differing files per extension:")
        counts = Counter(extension(d.path) for d in c.differing)
        quiet = Counter(extension(d.path) for d in c.differing if d.ignored_only)
        for ext, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            if not ignore:
                verdict = ""
            elif quiet[ext] == n:
                verdict = ": identical apart from ignored patterns"
            else:
                verdict = f": {n - quiet[ext]} beyond ignored patterns"
            print(f"   {ext:<14} {n}{verdict}")
    summary = summary_line(c)
    print(f"{c.name}: {summary}" + ("" if c.identical else "  → DIFFERENT"))


def summary_line(c: Comparison) -> str:
    return (f"{c.files} files, {len(c.only_before)} only before, {len(c.only_after)} only after, "
            f"{len(c.differing)} differ ({c.ignored_only} only in ignored lines)")


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("before", nargs="?", default="HEAD", help="revision built first (default HEAD); WORKTREE for the working tree")
    parser.add_argument("after", nargs="?", default=WORKTREE, help="revision built second (default: the working tree, uncommitted changes included)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the builds in DIR/before and DIR/after (sources in DIR/src-before, DIR/src-after)")
    parser.add_argument("--diff", type=int, default=20, metavar="N", help="unified diff lines shown per differing text file (0: none; default 20)")
    parser.add_argument("--ignore", action="append", default=[], metavar="REGEX", help="changed lines matching REGEX are intended differences (repeatable)")
    parser.add_argument("--normalise", type=Path, metavar="FILE.py",
                        help="a Python file defining normalise(path, text) -> text that undoes the intended differences of a change; "
                             "a file whose two sides normalise to the same text is identical apart from them (site only)")
    parser.add_argument("--build-cmd", default=DEFAULT_BUILD,
                        help=f"build command run in each side's folder; {{python}}, {{site}}, {{root}} are filled in (default: {DEFAULT_BUILD!r})")
    args = parser.parse_args(argv)
    try:
        ignore = [re.compile(pattern) for pattern in args.ignore]
    except re.error as error:
        parser.error(f"--ignore: {error}")
    normalise = None
    if args.normalise:
        spec = importlib.util.spec_from_file_location("intended", args.normalise)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        normalise = module.normalise

    if args.keep:
        work = args.keep.resolve()
        work.mkdir(parents=True, exist_ok=True)
        for name in ("before", "after", "src-before", "src-after"):
            shutil.rmtree(work / name, ignore_errors=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="nzd-compare-"))
    try:
        sides = {}
        for label, ref in (("before", args.before), ("after", args.after)):
            source = work / f"src-{label}"
            if ref == WORKTREE:
                copy_worktree(source)
                described = f"working tree of {ROOT}"
            else:
                commit = resolve(ref)
                unpack_ref(commit, source)
                described = f"{ref} ({commit[:12]})"
            print(f"compare: {label} = {described}", file=sys.stderr, flush=True)
            sides[label] = (source, described)
        for label, (source, described) in sides.items():
            build(source, work / label, args.build_cmd, f"{label} [{described}]")

        comparisons = [
            compare_folders("site", work / "before", work / "after", ignore, args.diff, normalise),
            compare_folders("docs", sides["before"][0] / "docs", sides["after"][0] / "docs", ignore, args.diff),
        ]
        for c in comparisons:
            report(c, ignore)
        total = Comparison("all", files=sum(c.files for c in comparisons),
                           only_before=[p for c in comparisons for p in c.only_before],
                           only_after=[p for c in comparisons for p in c.only_after],
                           differing=[d for c in comparisons for d in c.differing])
        verdict = "identical" if total.identical and not total.differing else "identical apart from ignored lines" if total.identical else "DIFFERENT"
        print(f"\ncompare: {summary_line(total)} [site {comparisons[0].files}, docs {comparisons[1].files}]: {verdict}")
        if args.keep:
            print(f"compare: builds kept in {work}/before and {work}/after")
        return 0 if total.identical else 1
    except Failure as error:
        print(f"compare: {error}", file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
