"""Section 1: the seminar's full build against the same Markdown built with the hook off."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import probe
from .procs import Run, build, median_run
from .project import copy_project, static_twin
from .report import Figure, seconds

TARGET_SHARE = 0.05


@dataclass(frozen=True)
class Overhead:
    """Median CPU and wall seconds of both builds, the engine's figures, the built seminar site."""

    full: Run
    static: Run
    engine: probe.Engine
    site: Path


def measure(work: Path, reps: int) -> Overhead:
    """Alternate full and hook-free builds `reps` times; probe the engine as often."""
    project = copy_project(work / "seminar")
    twin = static_twin(project, work / "seminar-static")
    runs: dict[Path, list[Run]] = {project: [], twin: []}
    for rep in range(reps):
        order = [project, twin] if rep % 2 == 0 else [twin, project]  # alternate against drift
        for source in order:
            runs[source].append(build(source, work / f"site-{source.name}"))
    engines = [probe.measure(project) for _ in range(reps)]
    return Overhead(median_run(runs[project]), median_run(runs[twin]), probe.median_engine(engines),
                    work / f"site-{project.name}")


# "430 ms CPU (560 ms wall)"
def _cpu_wall(run: Run) -> str:
    return f"{seconds(run.cpu)} CPU ({seconds(run.seconds)} wall)"


def figures(result: Overhead, reps: int) -> list[Figure]:
    """The overhead figures with their targets."""
    share = result.engine.cold / result.full.cpu
    return [
        Figure("1", f"seminar `mkdocs build`, hook on, median of {reps}", _cpu_wall(result.full)),
        Figure("1", f"same pages as plain Markdown files, hook off, median of {reps}", _cpu_wall(result.static)),
        Figure("1", "generator overhead: full / plain build, CPU time",
               f"{result.full.cpu / result.static.cpu:.2f}x (+{seconds(result.full.cpu - result.static.cpu)})"),
        Figure("1", "engine import (pydantic, validators, templates) once per process",
               f"{seconds(result.engine.imported)} CPU"),
        Figure("1", "engine (load + validate + render) in one build, fresh process",
               f"{seconds(result.engine.cold)} CPU = {share:.1%} of the build", "< 5 % of the build",
               share < TARGET_SHARE),
        Figure("1", "engine in each `mkdocs serve` rebuild (warm process)", f"{seconds(result.engine.warm)} CPU"),
    ]
