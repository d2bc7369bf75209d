"""`python -m bench.agenda`: what the agenda costs, before and after, measured in one run.

Each fixture course (seminar, example, lecture) is built by this checkout's engine and by the
engine of an earlier commit (`--before`, default: the last commit before the agenda), on the
same day, alternating, `--reps` times each. It prints the median build time (CPU and wall) of
each, and for each page that depends on the day (home, dates, schedule, sessions) its gzip size
before and after, and how much of it is what the browser needs to choose for the visitor's now:
the candidates' <template>s, their data-cg-* attributes and the rows' marks. Pages make no request
for it: it is in the page.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import tempfile
from pathlib import Path

from .procs import Run, median_run, mkdocs, run
from .report import seconds, table

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ("seminar", "example", "lecture")
PAGES = {"/": "index.html", "/dates/": "dates/index.html", "/schedule/": "schedule/index.html",
         "/sessions/": "sessions/index.html"}
BEFORE = "f17342a"  # the engine before the agenda
DAY = "2027-02-01"  # the day both builds count as today: mid-term for every fixture
# What the browser needs of the agenda, inside a page: candidates, their data, the rows' marks.
AGENDA_PARTS = re.compile(r'<template data-cg-[^>]*>.*?</template>|\sdata-cg-(?:key|start|end|group|live)="[^"]*"'
                          r'|<span class="cg-mark"[^>]*>[^<]*</span>', re.S)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.agenda", description=__doc__)
    parser.add_argument("--before", default=BEFORE, help=f"the earlier commit to compare with (default {BEFORE})")
    parser.add_argument("--reps", type=int, default=5, help="builds per engine and course (median taken)")
    return parser.parse_args()


# The repository's files at a commit, in a folder of their own.
def _checkout(rev: str, folder: Path) -> Path:
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


# One build of a fixture by the engine in `tree` (its hooks/ first on the import path).
def _build(tree: Path, course: str, site: Path) -> Run:
    project = tree / "tests" / course
    return run(mkdocs("build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)), cwd=project,
               env={"PYTHONPATH": str(tree / "hooks"), "COURSEGEN_TODAY": DAY, "SOURCE_DATE_EPOCH": "1800000000"})


# gzip size of a text as a web server sends it (level 6).
def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6))


def _kib(size: int) -> str:
    return f"{size / 1024:.1f} KiB"


def main() -> None:
    """Build, measure, print the tables."""
    options = _options()
    with tempfile.TemporaryDirectory(prefix="coursegen-agenda-") as tmp:
        work = Path(tmp)
        trees = {"before": _checkout(options.before, work / "before"), "after": ROOT}
        times, pages = [], []
        for course in FIXTURES:
            runs: dict[str, list[Run]] = {"before": [], "after": []}
            for rep in range(options.reps):
                for name in (("before", "after") if rep % 2 == 0 else ("after", "before")):
                    runs[name].append(_build(trees[name], course, work / f"{course}-{name}"))
            before, after = median_run(runs["before"]), median_run(runs["after"])
            times.append([course, f"{seconds(before.cpu)} ({seconds(before.seconds)})",
                          f"{seconds(after.cpu)} ({seconds(after.seconds)})", f"{after.cpu / before.cpu:.2f}x"])
            for path, file in PAGES.items():
                old, new = (work / f"{course}-{name}" / file for name in ("before", "after"))
                if not new.is_file():
                    continue
                text = new.read_text(encoding="utf-8")
                data = _gz(text) - _gz(AGENDA_PARTS.sub("", text))
                pages.append([course, path, _kib(_gz(old.read_text(encoding="utf-8"))), _kib(_gz(text)),
                              _kib(data), f"{data / _gz(text):.0%}"])
    print(f"Builds on {DAY}, median of {options.reps}, before = {options.before}, after = this checkout\n")
    print(table(["course", "build before: CPU (wall)", "build after: CPU (wall)", "CPU after / before"], times))
    print()
    print(table(["course", "page", "gzip before", "gzip after", "of which the agenda's data", "share"], pages))


if __name__ == "__main__":
    main()
