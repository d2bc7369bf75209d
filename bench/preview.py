"""Section 3: `mkdocs serve` latency from saving course.yml to the new page being served."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from coursegen.yamlsource import parse

from .procs import ENV, free_port, median, mkdocs
from .project import copy_project
from .report import Figure, seconds

TARGET = 1.5
POLL = 0.01
# MkDocs logs this after each build, with its own wall time.
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


# The page's text, or "" while the server is not answering yet.
def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


# Poll until the page contains `needle`; seconds from `start`, or TimeoutError after `limit`.
def _wait_for(url: str, needle: str, start: float, limit: float) -> float:
    while time.perf_counter() - start < limit:
        if needle in _fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {needle!r} within {limit:g} s")


# course.yml text with the course title replaced (a real change every page shows).
def _retitled(text: str, title: str) -> str:
    line, column = parse(text).values[("course", "title")]
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1][: column - 1] + json.dumps(title) + "\n"
    return "".join(lines)


# `mkdocs serve` of the project on a free loopback port; yields its address.
@contextmanager
def _serving(project: Path, log: Path) -> Iterator[str]:
    url = f"http://127.0.0.1:{free_port()}/"
    with log.open("w") as out:
        server = subprocess.Popen(mkdocs("serve", "-f", str(project / "mkdocs.yml"), "-a", url[7:-1]),
                                  stdout=out, stderr=subprocess.STDOUT, env=ENV)
        try:
            _wait_for(url, "</html>", time.perf_counter(), 120)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


@dataclass(frozen=True)
class Latency:
    """Seconds from each save to the new page, and MkDocs' own rebuild times from its log."""

    saves: list[float]
    rebuilds: list[float]


def measure(work: Path, edits: int) -> Latency:
    """Time each save of a retitled course.yml until / serves the new title."""
    project = copy_project(work / "preview")
    course = project / "course.yml"
    original = course.read_text(encoding="utf-8")
    title = parse(original).data["course"]["title"]
    latencies = []
    with _serving(project, work / "serve.log") as url:
        for edit in range(1, edits + 1):
            marker = f"benchmark edit {edit}"
            start = time.perf_counter()
            course.write_text(_retitled(original, f"{title} ({marker})"), encoding="utf-8")
            latencies.append(_wait_for(url, marker, start, 30))
            time.sleep(0.5)  # let the watcher settle before the next save
    built = [float(s) for s in BUILT.findall((work / "serve.log").read_text(encoding="utf-8"))]
    return Latency(latencies, built[1:])  # the first build is the initial one


def figures(latency: Latency) -> list[Figure]:
    """The preview-latency figure with its target."""
    saves = latency.saves
    value = median(saves)
    rebuild = f"MkDocs' rebuild {seconds(median(latency.rebuilds))} of it, " if latency.rebuilds else ""
    spread = f"{rebuild}min {seconds(min(saves))}, max {seconds(max(saves))}"
    return [Figure("3", f"preview latency, save -> new page served, median of {len(saves)}",
                   f"{seconds(value)} ({spread})", f"< {TARGET:g} s", value < TARGET)]
