"""Shared fixtures: real `mkdocs build --strict` runs of the seminar and the example course."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import in_ci

# The published address comes from SITE_URL (see mkdocs.yml); a developer's exported value
# must not change what the tests build. Tests that need it pass it explicitly.
os.environ.pop("SITE_URL", None)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "example"
# The seminar as it stood at the start of the term, frozen: tests of content use it, never
# the live course.yml at the top (tests/test_live_course.py checks that one by properties).
SEMINAR = ROOT / "tests" / "seminar"
COURSES = {"seminar": SEMINAR, "example": EXAMPLE}
# A lecture with weekly series (holidays, a skipped, a moved and a cancelled session).
LECTURE = ROOT / "tests" / "lecture"


@dataclass(frozen=True)
class Build:
    """The outcome of one `mkdocs build` run."""

    returncode: int
    output: str
    site: Path

    def page(self, uri: str) -> str:
        """The HTML of a built page, e.g. 'papers/' or '' for home."""
        return (self.site / uri / "index.html").read_text(encoding="utf-8")


def mkdocs_build(project: Path, site: Path, *extra: str) -> Build:
    """Run a real `mkdocs build --strict` of the project into `site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site), *extra],
        capture_output=True, text=True, env=env, timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(source: Path, target: Path) -> Path:
    """Copy a course project (course.yml, mkdocs.yml, docs/) so a test can change it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("course.yml", "mkdocs.yml"):
        shutil.copy(source / name, target / name)
    shutil.copytree(source / "docs", target / "docs", dirs_exist_ok=True)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    if source == ROOT:
        config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
        config = config.replace("- hooks/course_site.py", f"- {ROOT / 'hooks' / 'course_site.py'}")
        config = config.replace("- hooks\n", "")
    else:
        config = config.replace("../../", f"{ROOT}/")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """Both courses built once per test session."""
    builds = {}
    for name, project in COURSES.items():
        build = mkdocs_build(project, tmp_path_factory.mktemp(f"site-{name}"))
        assert build.returncode == 0, build.output
        builds[name] = build
    return builds


# Under CI=true nothing may skip: a missing browser or Node package is a failure there.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, but CI=true requires every test to run: {report.longrepr}"
