"""`python -m bench.limits`: the pathological course files, each under 1 MB, and what they cost.

Each input is one that once cost without bound (thousands of years of time-zone rules,
millions of chart segments, alias bombs, Markdown that Python-Markdown matches in quadratic
time) or its largest variant the limits still accept. For each one this prints the file size,
the outcome of the engine's check (refused with its first message, or accepted), the time of
the check and, for accepted inputs, the time of a full `mkdocs build --strict`. It prints
figures; it asserts nothing (tests/test_limits.py asserts the messages).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import synth
from coursegen.limits import MAX_DEPTH, MAX_MARKDOWN, MAX_MARKDOWN_DEPTH, MAX_MARKUP, MAX_TEXT
from coursegen.loader import CourseError, check_text
from coursegen.site import SiteOutput

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "tests" / "example" / "course.yml").read_text(encoding="utf-8")
FORMAT = 'format: "Seminar mit Blockveranstaltung am Ende der Vorlesungszeit."'


# The example course with its one-line `format:` replaced by a Markdown block.
def _format(body: str) -> str:
    return EXAMPLE.replace(FORMAT, "format: |\n" + "".join(f"    {line}\n" for line in body.splitlines()))


# The example course with many news items, each with this body and title (about `size` bytes in all).
def _news(body: str, title: str = "News", size: int = 900_000) -> str:
    item = f'  - id: n{{i}}\n    date: 2027-01-01\n    title: "{title}"\n    body: "{body}"\n'
    count = min(999, max(1, (size - len(EXAMPLE)) // len(item)))
    items = "".join(item.replace("{i}", str(i)) for i in range(count))
    return EXAMPLE.replace("news:\n", "news:\n" + items, 1)


CASES: dict[str, Callable[[], str]] = {
    "dates 8,000 years apart": lambda: EXAMPLE.replace("date: 2026-10-20", "date: 0100-10-20"),
    "dates 180 years apart (within the year range)":
        lambda: EXAMPLE.replace("date: 2026-10-20", "date: 1950-10-20").replace("date: 2027-01-31", "date: 2130-01-31"),
    "count: 2000000": lambda: EXAMPLE.replace("    count: 2\n", "    count: 2000000\n"),
    "count: 50 (the limit)": lambda: EXAMPLE.replace("    count: 2\n    weight: 10", "    count: 50\n    weight: 0.4"),
    "1 MB string aliased 1,000 times":
        lambda: EXAMPLE + 'big: &big "' + "x" * 990_000 + '"\nmore: [' + ", ".join(["*big"] * 1000) + "]\n",
    "YAML nested 500 levels": lambda: EXAMPLE + "extra: " + "[" * 500 + "]" * 500 + "\n",
    f"YAML nested {MAX_DEPTH} levels (unknown key)": lambda: EXAMPLE + "extra: " + "[" * 15 + "]" * 15 + "\n",
    "Markdown list nested 300 levels": lambda: _format("".join("  " * i + "- x\n" for i in range(300))),
    "Markdown list nested 100 levels": lambda: _format("".join("  " * i + "- x\n" for i in range(100))),
    f"Markdown list nested {MAX_MARKDOWN_DEPTH} levels":
        lambda: _format("".join("    " * i + "- x\n" for i in range(MAX_MARKDOWN_DEPTH))),
    "'[' x 50,000": lambda: _format("[" * 50_000),
    "'<a ' x 30,000": lambda: _format("<a " * 30_000),
    f"'[ x ' x {MAX_MARKUP:,} (the limit) in one field": lambda: _format("[ x " * MAX_MARKUP),
    f"'<a ' x {MAX_MARKUP:,} (the limit) in one field": lambda: _format("<a " * MAX_MARKUP),
    "'[' spread over many news bodies": lambda: _news("[ x " * 10),
    f"Markdown fields of {MAX_MARKDOWN:,} characters": lambda: _news("word " * (MAX_MARKDOWN // 5 - 1)),
    f"999 news items with {MAX_TEXT:,}-character titles":
        lambda: _news("Short.", "t" * MAX_TEXT),
    "synthetic course of 999 papers and 999 dates": lambda: synth.course_yaml(999),
    "999 news items": lambda: _news("Some **news** with a [link](https://example.org/)."),
}


# Build the site of one course file with mkdocs in a throwaway copy; seconds, or None on failure.
def _mkdocs(text: str) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        for name in ("hooks", "overrides", "docs"):
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
        (dest / "course.yml").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=dest,
                             capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
        return time.perf_counter() - start, run.returncode


def main() -> None:
    """Print one row per pathological input."""
    print(f"{'input':<52} {'bytes':>9}  {'check s':>7}  {'build s':>7}  outcome")
    for name, make in CASES.items():
        text = make()
        start = time.perf_counter()
        try:
            SiteOutput.build(check_text(text).agenda, dt.date(2027, 1, 1))
        except CourseError as error:
            seconds, first = time.perf_counter() - start, str(error).splitlines()[0]
            print(f"{name:<52} {len(text.encode()):>9}  {seconds:>7.2f}  {'-':>7}  refused: {first[:110]}")
            continue
        seconds = time.perf_counter() - start
        build, code = _mkdocs(text)
        outcome = "built" if code == 0 else f"mkdocs exit {code}"
        print(f"{name:<52} {len(text.encode()):>9}  {seconds:>7.2f}  {build:>7.2f}  {outcome}", flush=True)


if __name__ == "__main__":
    main()
