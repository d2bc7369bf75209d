"""`python -m bench`: run every section, print the tables, write bench/RESULTS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from . import lighthouse, machine, overhead, preview, scale, visitor
from .report import document, figures_table, table, write_results

HERE = Path(__file__).resolve().parent


# Command-line options: repetitions of each measurement and where the results go.
def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--reps", type=int, default=5, help="builds per variant and size (median taken)")
    parser.add_argument("--edits", type=int, default=5, help="saves of course.yml under mkdocs serve")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median taken)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="the Markdown file to write")
    return parser.parse_args()


# Chromium, Node and the Lighthouse package, or exit saying what to install.
def _tools() -> tuple[str, str]:
    chromium, node = shutil.which("chromium"), shutil.which("node")
    missing = [what for what, ok in (("Debian's chromium", chromium), ("Node 20 (node)", node),
                                     ("Lighthouse: run `npm ci` in bench/", lighthouse.CLI.is_file())) if not ok]
    if missing:
        sys.exit("the benchmark needs: " + ", ".join(missing))
    return str(chromium), str(node)


# Print a line of progress to stderr, so stdout stays the table.
def _say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


# Run the four sections in one temporary folder; return their figures and tables.
def _measure(options: argparse.Namespace, chromium: str, node: str) -> tuple[list, list[tuple[str, str]]]:
    with tempfile.TemporaryDirectory(prefix="coursegen-bench-") as tmp:
        work = Path(tmp)
        _say(f"1/4 seminar build, hook on and off, {options.reps} times each")
        costs = overhead.measure(work, options.reps)
        _say(f"2/4 synthetic courses of {', '.join(map(str, scale.SIZES))} papers, {options.reps} times each")
        sizes = scale.measure(work, options.reps)
        _say(f"3/4 preview latency under mkdocs serve, {options.edits} saves")
        latency = preview.measure(work, options.edits)
        _say(f"4/4 downloads and Lighthouse ({options.lighthouse_runs} runs) for each page")
        pages = visitor.measure(costs.site, node, chromium, work, options.lighthouse_runs)
    figures = (overhead.figures(costs, options.reps) + scale.figures(sizes) + preview.figures(latency)
               + visitor.figures(pages))
    return figures, [("Scale", scale.size_table(sizes)), ("Pages", visitor.page_table(pages)),
                     ("Lighthouse audits below full score", visitor.lost_points(pages))]


def main() -> None:
    """Measure everything in one run, print the tables and write the results file."""
    options = _options()
    chromium, node = _tools()
    started, load_before = dt.datetime.now(dt.UTC), machine.load_average()
    figures, tables = _measure(options, chromium, node)
    results = [("Summary", figures_table(figures)), *tables]
    print("\n\n".join(f"## {heading}\n\n{body}" for heading, body in results))
    when = (f"Measured {started:%Y-%m-%d %H:%M} UTC with `python -m bench --reps {options.reps} --edits "
            f"{options.edits} --lighthouse-runs {options.lighthouse_runs}`; load average (1/5/15 min) "
            f"{load_before} before, {machine.load_average()} after.")
    tools = {**machine.describe(chromium, node), "Lighthouse": lighthouse.version()}
    about = table(["", ""], [[k, v] for k, v in tools.items()])
    write_results(options.out, document("Benchmark results", [("When and where", f"{when}\n\n{about}"), *results]))
    _say(f"wrote {options.out.name}")


if __name__ == "__main__":
    main()
