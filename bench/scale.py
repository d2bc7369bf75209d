"""Section 2: synthetic courses of growing size: build time, engine time, peak memory."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from . import probe
from .procs import Run, build, median_run
from .project import copy_project
from .report import Figure, seconds, table
from .synth import course_yaml

SIZES = (10, 100, 1000, 5000)
ENGINE_LIMIT = 2.0
GROWTH_LIMIT = 12.0
_BUILD, _ENGINE = attrgetter("build.cpu"), attrgetter("engine.cold")


@dataclass(frozen=True)
class Size:
    """Medians for one course size."""

    n: int
    build: Run
    engine: probe.Engine


def measure(work: Path, reps: int) -> list[Size]:
    """Build each synthetic course `reps` times and probe its engine as often."""
    sizes = []
    for n in SIZES:
        project = copy_project(work / f"synthetic-{n}", course_yaml(n))
        runs = [build(project, work / f"site-synthetic-{n}") for _ in range(reps)]
        engines = [probe.measure(project, warm_runs=1) for _ in range(reps)]
        sizes.append(Size(n, median_run(runs), probe.median_engine(engines)))
    return sizes


def growth(small: float, large: float, n_small: int, n_large: int) -> float:
    """Growth factor per tenfold size between two measurements (10 means linear)."""
    return (large / small) ** (1 / math.log10(n_large / n_small))


# "—" for the first size, else the growth per 10x of one measure since the previous size.
def _growth_cell(prev: Size | None, size: Size, value: Callable[[Size], float]) -> str:
    return f"{growth(value(prev), value(size), prev.n, size.n):.1f}x" if prev else "—"


def size_table(sizes: list[Size]) -> str:
    """One row per size; growth columns compare with the previous size."""
    rows = [[f"{size.n:,}", seconds(size.build.cpu), seconds(size.build.seconds), _growth_cell(prev, size, _BUILD),
             f"{size.build.peak_mib:.0f} MiB", seconds(size.engine.cold), _growth_cell(prev, size, _ENGINE),
             f"{size.engine.peak_mib:.1f} MiB"]
            for prev, size in zip([None, *sizes], sizes, strict=False)]
    return table(["papers = dated items", "build (CPU)", "build (wall)", "build growth per 10x", "build peak RSS",
                  "engine (CPU)", "engine growth per 10x", "engine peak (tracemalloc)"], rows)


def figures(sizes: list[Size]) -> list[Figure]:
    """The scale targets: engine time at the largest size and growth per tenfold size."""
    largest = sizes[-1]
    found = [Figure("2", f"engine at {largest.n:,} papers and dated items", f"{seconds(largest.engine.cold)} CPU",
                    f"< {ENGINE_LIMIT:g} s", largest.engine.cold < ENGINE_LIMIT)]
    for prev, size in itertools.pairwise(sizes):
        for what, value in (("engine", _ENGINE), ("build", _BUILD)):
            factor = growth(value(prev), value(size), prev.n, size.n)
            found.append(Figure("2", f"{what} growth per 10x, {prev.n:,} -> {size.n:,}", f"{factor:.1f}x",
                                f"<= {GROWTH_LIMIT:g}x", factor <= GROWTH_LIMIT))
    return found
