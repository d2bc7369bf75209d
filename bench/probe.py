"""The engine's own cost, measured in a fresh process as a `mkdocs build` pays it.

`python -m bench.probe PROJECT WARM_RUNS` times the engine's import (after MkDocs', as
in a build), then `coursegen.loader.check`, `read_revision` and `SiteOutput.build` the way the
hook calls them: the first call (cold: what one `mkdocs build` pays), a few warm calls
(what each `mkdocs serve` rebuild pays), and one call under tracemalloc for peak memory.
Times are the process's CPU time, which other programs on the machine barely disturb.
It prints one JSON object.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .procs import run


@dataclass(frozen=True)
class Engine:
    """Engine figures of one fresh process, in CPU seconds and MiB."""

    imported: float
    cold: float
    warm: float
    peak_mib: float


def engine_pass(project: Path, site_url: str | None) -> None:
    """One engine pass over a project, exactly as the hook's on_config makes it."""
    from coursegen.loader import check
    from coursegen.revisions import read_revision
    from coursegen.site import SiteOutput

    checked = check(project / "course.yml")
    revision = read_revision(project / "course.yml")
    SiteOutput.build(checked.agenda, today=dt.date.today(), templates=project / "templates", site_url=site_url,
                     revision=revision)


# CPU seconds of one call.
def _seconds(call: Callable[[], object]) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


# The child's side: time a cold pass, warm passes and a traced pass; print them as JSON.
def _main(project: Path, warm_runs: int) -> None:
    import mkdocs.commands.build  # noqa: F401  (a build has MkDocs, Jinja and Markdown loaded already)
    from mkdocs.config import load_config

    imported = _seconds(lambda: importlib.import_module("coursegen.site"))
    site_url = load_config(str(project / "mkdocs.yml")).site_url
    cold = _seconds(lambda: engine_pass(project, site_url))
    warm = [_seconds(lambda: engine_pass(project, site_url)) for _ in range(warm_runs)]
    tracemalloc.start()
    engine_pass(project, site_url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(json.dumps({"imported": imported, "cold": cold, "warm": statistics.median(warm), "peak_mib": peak / 2**20}))


def median_engine(engines: list[Engine]) -> Engine:
    """Median times and the highest peak of several probes."""
    return Engine(statistics.median(e.imported for e in engines), statistics.median(e.cold for e in engines),
                  statistics.median(e.warm for e in engines), max(e.peak_mib for e in engines))


def measure(project: Path, warm_runs: int = 3) -> Engine:
    """Engine figures for a project, from one fresh child process."""
    output = run([sys.executable, "-m", "bench.probe", str(project), str(warm_runs)],
                 cwd=Path(__file__).resolve().parents[1]).output
    return Engine(**json.loads(output.strip().splitlines()[-1]))


if __name__ == "__main__":
    _main(Path(sys.argv[1]), int(sys.argv[2]))
