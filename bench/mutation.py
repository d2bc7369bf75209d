"""`python -m bench.mutation`: mutation testing of the engine's core modules, with the score of each.

Runs mutmut (`pip install -e '.[mutation]'`; configured in pyproject.toml, [tool.mutmut]) with one
worker (`--workers N` for more): every mutant of model, the agenda package, the feed (ics), series,
checks, loader, markup and instants (the time rules) is run against the in-process engine tests
(`pytest -m engine`) that call the function it changes. Then it prints, per module, how many mutants
the tests killed; a module meets the bar when at least 85 % are. Surviving mutants that cannot
change behaviour are listed, each with its reason, in bench/mutation-equivalent.yml and are not
counted. Exit status 1 unless every module is run in full and meets the bar.

mutmut keeps each mutant's result until the function it changes does; a survivor or timeout of an
earlier run is run again each time (after the mutants that have no result yet), so tests added to
kill survivors count. `--no-run` prints the table of the last run (in mutants/).

`--sample N`, where a whole run takes too long, scores a random sample of N mutants of each module
(the same each time), running those of them that have no result yet and again those that survived;
mutmut must have made the mutants (a first run, even stopped, does).
`--mutmut ARGS...` runs another mutmut command with the same layout, e.g.
`--mutmut show coursegen.instants.x_to_come__mutmut_1` or `--mutmut run 'coursegen.series.*'`.

mutmut names a mutant after its file's path (hooks/coursegen/model.py would be hooks.coursegen.model)
and puts only mutants/, mutants/src and mutants/source on the import path, while the engine lives in
hooks/ and is imported as `coursegen`. `_layout` teaches it that one difference: names drop the
leading `hooks.` (as mutmut's own do `src.`), and mutants/hooks comes first on the import path, with
every other folder that holds a `coursegen` package taken off it, so the tests can only import the
mutated copy. And mutmut forks each mutant's test run from a process that has already run the tests,
and a function behind a cache (`functools.cache`: the public holidays of a country, a test's agenda of a
fixture) would answer from an earlier test, unmutated: its mutants would survive untested, and only the
first test to call it would count as testing it. So each test starts with the caches of the engine's
and the tests' modules empty (`FreshCaches`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import yaml

from .report import seconds, table

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = Path(__file__).resolve().parent / "mutation-equivalent.yml"
BAR = 0.85
# The rows of the table: a module of the engine, or the agenda package as one.
MODULES = {
    "model": "hooks/coursegen/model.py",
    "agenda": "hooks/coursegen/agenda/*.py",
    "ics": "hooks/coursegen/ics.py",
    "series": "hooks/coursegen/series.py",
    "checks": "hooks/coursegen/checks.py",
    "loader": "hooks/coursegen/loader.py",
    "markup": "hooks/coursegen/markup.py",
    "instants": "hooks/coursegen/instants.py",
}
# mutmut's exit codes of a mutant's test run, as this table counts them (mutmut.stats has the rest).
KILLED, SURVIVED = {1, 3}, {0, 5, 33}


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.mutation", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-run", action="store_true", help="print the table of the last run, run nothing")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="score a random sample of N mutants per module, running those not yet run or survived")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="run N mutants at a time (default 1; each takes one core)")
    parser.add_argument("--mutmut", nargs=argparse.REMAINDER, metavar="ARGS", help="run this mutmut command instead")
    return parser.parse_args()


# The hooks/ layout and fresh caches, taught to mutmut 3.8.1 (module docstring).
def _layout() -> None:
    import mutmut.__main__ as command
    import mutmut.mutation.file_mutation as file_mutation
    from mutmut.runners.harness import PytestRunner
    from mutmut.utils import format_utils

    original = format_utils.get_mutant_name

    def named(path: Path, function: str) -> str:
        parts = Path(path).parts
        return original(Path(*parts[1:]) if parts[:1] == ("hooks",) else Path(path), function)

    def source_paths() -> None:
        mutated = (ROOT / "mutants" / "hooks").resolve()
        sys.path[:] = [str(mutated)] + [entry for entry in sys.path
                                        if not (Path(entry or ".").resolve() / "coursegen").is_dir()]

    def execute_pytest(runner: PytestRunner, params: list[str], **options: Any) -> int:
        options["plugins"] = [*options.get("plugins", []), FreshCaches()]
        return execute(runner, params, **options)

    execute = PytestRunner.execute_pytest
    PytestRunner.execute_pytest = execute_pytest  # type: ignore[method-assign]
    format_utils.get_mutant_name = named
    file_mutation.get_mutant_name = named  # type: ignore[attr-defined]
    command.get_mutant_name = named  # type: ignore[attr-defined]
    command.setup_source_paths = source_paths  # type: ignore[attr-defined]


class FreshCaches:
    """A pytest plugin: each test starts with every cache of the engine's and the tests' modules empty
    (module docstring)."""

    def pytest_runtest_setup(self) -> None:
        tests = (ROOT / "mutants" / "tests").resolve()
        for name, module in list(sys.modules.items()):
            if name == "coursegen" or name.startswith("coursegen.") or Path(
                    getattr(module, "__file__", None) or "/").resolve().is_relative_to(tests):
                for value in list(vars(module).values()):
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()


# mutmut copies the engine's other files (labels, templates) into mutants/ only once, and refreshes the
# tests and `also_copy` without removing what the work tree no longer has: after a change to a label
# file or a fixture, its tests would read the old copy. So before each run, every file that mutmut
# does not write itself is brought in step with the work tree, and what the work tree no longer has
# (with the mutants of a removed module) is removed.
def _sync() -> None:
    import shutil

    from mutmut.configuration import config

    mutants = ROOT / "mutants"
    if not mutants.is_dir():
        return
    settings = config()
    sources = {Path(path) for path in settings.source_paths}
    for tree in sorted(sources | {Path(path) for path in settings.also_copy if (ROOT / path).is_dir()}):
        for path in sorted((ROOT / tree).rglob("*")):
            copy = mutants / path.relative_to(ROOT)
            if path.is_file() and "__pycache__" not in path.parts and not (tree in sources and path.suffix == ".py") \
                    and (not copy.is_file() or copy.read_bytes() != path.read_bytes()):
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, copy)
        for copy in sorted((mutants / tree).rglob("*"), reverse=True):
            original = ROOT / copy.relative_to(mutants)
            original = original.with_name(original.name.removesuffix(".meta").removesuffix(".spans"))
            if "__pycache__" in copy.parts or original.exists():
                continue
            if copy.is_dir():
                shutil.rmtree(copy)
            else:
                copy.unlink()


# One mutmut command, in process, from the repository root (where pyproject.toml configures it).
def _mutmut(args: list[str]) -> None:
    os.chdir(ROOT)
    _layout()
    if args[:1] == ["run"]:
        _sync()
    from mutmut.__main__ import cli

    try:
        cli.main(args=args, prog_name="mutmut", standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise


# Every mutant's name and mutmut's exit code for it, by row of the table.
def _results() -> dict[str, dict[str, int | None]]:
    rows: dict[str, dict[str, int | None]] = {row: {} for row in MODULES}
    for meta in sorted((ROOT / "mutants").glob("hooks/coursegen/**/*.py.meta")):
        source = meta.relative_to(ROOT / "mutants").as_posix().removesuffix(".meta")
        row = next((row for row, pattern in MODULES.items() if fnmatch(source, pattern)), None)
        if row is not None:
            rows[row].update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return rows


def _equivalent() -> dict[str, str]:
    listed = yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8")) if EQUIVALENT.is_file() else None
    return dict(listed or {})


# The first `size` mutants of each row in an order drawn at random with a fixed seed (a smaller
# sample is part of a larger one), with their exit codes.
def _sample(rows: dict[str, dict[str, int | None]], size: int) -> dict[str, dict[str, int | None]]:
    chosen = {}
    for row, codes in rows.items():
        order = sorted(codes)
        random.Random(f"{row}-22").shuffle(order)
        chosen[row] = {name: codes[name] for name in sorted(order[:size])}
    return chosen


# One row's counts: a listed equivalent mutant counts as such only while it survives.
def _counts(codes: dict[str, int | None], equivalent: dict[str, str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name, code in codes.items():
        if code is None:
            counts["not run"] += 1
        elif code in KILLED:
            counts["killed"] += 1
        elif code in SURVIVED:
            counts["equivalent" if name in equivalent else "survived"] += 1
        else:
            counts["other"] += 1
    return counts


# The score table and whether every module is measured in full and meets the bar.
def _report(rows: dict[str, dict[str, int | None]], equivalent: dict[str, str]) -> tuple[str, bool]:
    lines, ok = [], True
    for row, codes in rows.items():
        counts = _counts(codes, equivalent)
        counted = len(codes) - counts["equivalent"] - counts["not run"]
        score = counts["killed"] / counted if counted else 0.0
        verdict = ("yes" if score >= BAR else "**no**") if not counts["not run"] else "not all run"
        ok = ok and verdict == "yes"
        lines.append([row, str(len(codes)), str(counts["killed"]), str(counts["survived"]), str(counts["other"]),
                      str(counts["equivalent"]), str(counts["not run"]), f"{score:.1%}", verdict])
    header = ["module", "mutants", "killed", "survived", "timeout/other", "equivalent", "not run",
              "score (killed / run, not equivalent)", f"≥ {BAR:.0%}"]
    return table(header, lines), ok


def main() -> None:
    """Run mutmut (unless --no-run), print the table, exit 1 unless every module meets the bar."""
    options = _options()
    if options.mutmut is not None:
        _mutmut(options.mutmut)
        return
    took, equivalent = None, _equivalent()
    if not options.no_run:
        if options.sample and not any(_results().values()):
            sys.exit("no mutants yet: run `python -m bench.mutation` first, and stop it (Ctrl-C) once it says "
                     "'Running mutation testing'; it has made them")
        # mutmut keeps a mutant's result until the function it changes does: a survivor or a timeout
        # of an earlier run is run again (tests may have been added since, the machine may have been
        # busy), after a run of the mutants that have no result yet (without --sample).
        rows = _results()
        chosen = _sample(rows, options.sample) if options.sample else rows
        again = [name for codes in chosen.values() for name, code in codes.items()
                 if (code is None and options.sample) or (code is not None and code not in KILLED
                                                           and name not in equivalent)]
        started = time.monotonic()
        if not options.sample:
            _mutmut(["run", "--max-children", str(options.workers)])
        if again:
            subprocess.run([sys.executable, "-m", "bench.mutation", "--mutmut", "run", "--max-children",
                            str(options.workers), *again], cwd=ROOT, check=True)
        took = time.monotonic() - started
    rows = _results()
    codes = {name: code for row in rows.values() for name, code in row.items()}
    if options.sample:
        print(f"A random sample of {options.sample} mutants of each module, of "
              f"{', '.join(f'{len(codes)} {row}' for row, codes in rows.items())}:")
        rows = _sample(rows, options.sample)
    text, ok = _report(rows, equivalent)
    survivors = sorted(name for row in rows.values() for name, code in row.items()
                       if code in SURVIVED and name not in equivalent)
    print(f"\n{text}\n")
    counted = {name for row in rows.values() for name in row}
    print(f"{sum(codes.get(name) in SURVIVED for name in equivalent if name in counted)} surviving mutants "
          f"excluded as equivalent (of {len(equivalent)} listed), "
          f"each with its reason in {EQUIVALENT.relative_to(ROOT)}.")
    for name in sorted(equivalent):
        if codes.get(name) in KILLED or name not in codes:
            print(f"  listed as equivalent, but {'killed' if name in codes else 'no such mutant'}: {name}")
    if survivors:
        print(f"{len(survivors)} survivors (`python -m bench.mutation --mutmut show NAME` shows one):")
        print("\n".join(f"  {name}" for name in survivors))
    if took is not None:
        print(f"mutmut run took {seconds(took)}.")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
