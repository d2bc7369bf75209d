"""Real `mkdocs build --strict` runs of the seminar and the example course.

Each site is built once per test session (``built(name, factory)`` caches it), into
a temporary folder, by the same command a user runs.  ``example-url`` is the example
course published at an address (``site_url`` set), the others have none; ``lecture`` is
the lecture course with weekly series.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import coursegen
from coursegen.model import Course

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "example"
SEMINAR = ROOT / "tests" / "seminar"
LECTURE = ROOT / "tests" / "lecture"
SITE_URL = "https://courses.example.org/sparse/"
CONFIGS = {"seminar": SEMINAR / "mkdocs.yml", "example": EXAMPLE / "mkdocs.yml", "lecture": LECTURE / "mkdocs.yml"}
COURSES = {"seminar": SEMINAR / "course.yml", "example": EXAMPLE / "course.yml", "example-url": EXAMPLE / "course.yml",
           "lecture": LECTURE / "course.yml"}

_built: dict[tuple[str, str], Build] = {}


@dataclass(frozen=True)
class Build:
    """A built site: its name, folder, the course it came from and what mkdocs printed."""

    name: str
    site: Path
    course: Course
    log: str

    def read(self, uri: str) -> bytes:
        """The bytes of a built file, by its address below the site root."""
        return (self.site / uri).read_bytes()


# A config publishing the example course at SITE_URL; paths are absolute so it can live anywhere.
def _config_with_site_url(folder: Path) -> Path:
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {EXAMPLE / 'mkdocs.yml'}\n"
        f"site_url: {SITE_URL}\n"
        f"docs_dir: {EXAMPLE / 'docs'}\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'course_site.py'}\n"
        f"extra:\n  course_file: {EXAMPLE / 'course.yml'}\n"
        f"watch:\n  - {EXAMPLE / 'course.yml'}\n",
        encoding="utf-8",
    )
    return config


def run_build(name: str, folder: Path, env: dict[str, str] | None = None) -> Build:
    """Build the named site into `folder`/site with `mkdocs build --strict`."""
    folder.mkdir(parents=True, exist_ok=True)
    config = _config_with_site_url(folder) if name == "example-url" else CONFIGS[name]
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(folder / "site")],
        cwd=folder, capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return Build(name, folder / "site", coursegen.load(COURSES[name]), run.stdout + run.stderr)


def built(name: str, factory: pytest.TempPathFactory, copy: str = "first") -> Build:
    """The named site, built once per session (`copy` names a further, separate build)."""
    if (name, copy) not in _built:
        _built[name, copy] = run_build(name, factory.mktemp(f"{name}-{copy}"))
    return _built[name, copy]
