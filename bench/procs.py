"""Child processes, wall-clock time, peak memory and free ports."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# MkDocs-Material prints a notice about MkDocs 2 on every run unless told not to.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Run:
    """One finished child process: wall and CPU (user + system) seconds, peak resident memory, output."""

    seconds: float
    cpu: float
    peak_mib: float
    output: str


def run(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run a command to completion (with extra environment variables); raise with its output if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env={**ENV, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)  # wait4 gives this child's own rusage
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(args[:4])} ... failed ({proc.returncode}):\n{output[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def mkdocs(*args: str) -> list[str]:
    """The command line of MkDocs from this interpreter's environment."""
    return [sys.executable, "-m", "mkdocs", *args]


def build(project: Path, site: Path) -> Run:
    """One quiet `mkdocs build` of a project into `site`."""
    return run(mkdocs("build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)))


def median(values: list[float]) -> float:
    """Median of a non-empty list."""
    return statistics.median(values)


def median_run(runs: list[Run]) -> Run:
    """Median wall and CPU seconds (and the highest peak memory) of runs of one command."""
    return Run(median([r.seconds for r in runs]), median([r.cpu for r in runs]), max(r.peak_mib for r in runs), "")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
