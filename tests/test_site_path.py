"""Every fixture course as the live course: the site path's checks pass.

A valid edit of course.yml must never fail the path to publication (DESIGN.md, section 2). The
site path (.ci/site-path) checks the live course with `properties.SITE_PATH_CHECKS`; here each
fixture course takes the live course's place:

* in process, every check on the fixture sites the session builds once (the `built` fixture),
  with the Python calendar readers only, as on the site path;
* end to end, the real `bash .ci/site-path` in a throwaway git repository (a copy of this one
  with a fixture's course.yml and docs/ as the live ones): the lecture, whose weekly series has
  a moved session (a recurring event and its override under one UID), then a later commit that
  starts the next term (the example course) with the lecture's term archived.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import properties
import pytest
from support import EXAMPLE, FIXTURES, LECTURE, ROOT, BuiltSites, copy_project, environment, git

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

LIVE_FIXTURES = [*FIXTURES, "minimal"]


@pytest.fixture(scope="module", params=LIVE_FIXTURES)
def live(request: pytest.FixtureRequest, built: BuiltSites, tmp_path_factory: pytest.TempPathFactory) -> properties.Live:
    """A fixture course as the live one: its session-built site, read with the site path's readers."""
    build = built(request.param)
    scratch = tmp_path_factory.mktemp(f"{request.param}-rebuild")
    return properties.Live(build.project, build.site, scratch, properties.PYTHON_PARSERS)


@pytest.mark.parametrize("check", properties.SITE_PATH_CHECKS)
def test_each_fixture_as_the_live_course_passes_the_site_paths_checks(live: properties.Live, check: str) -> None:
    properties.SITE_PATH_CHECKS[check](live)


def test_the_fixtures_hold_what_a_valid_course_may_hold(built: BuiltSites) -> None:
    courses = {name: properties.read_course(built(name).project / "course.yml") for name in LIVE_FIXTURES}
    dates = [d for c in courses.values() for d in c.get("dates") or []]
    changes = [c for course in courses.values() for s in course.get("series") or [] for c in s.get("changes") or []]
    assert {d.get("status", "fixed") for d in dates} == {"fixed", "tentative", "tbd"}
    assert any(d.get("per_talk") for d in dates) and any(d.get("end_date") and not d.get("start") for d in dates)
    assert any(d.get("start") and not d.get("end") for d in dates)  # a deadline
    assert any(c.get("cancelled") for c in changes) and any(c.get("new_date") for c in changes)
    assert any(not c.get("papers") and not (c.get("schedule") or {}).get("days") for c in courses.values())
    assert any(c.get("logistics") for c in courses.values())


# ---- The real site path -------------------------------------------------------------------


def site_path_repository(fixture: Path, target: Path) -> Path:
    """A throwaway git repository: this repository's site path, engine, theme and tests, with the
    fixture's course.yml and docs/ as the live ones, committed."""
    repo = copy_project(ROOT, target, (fixture / "course.yml").read_text(encoding="utf-8"))
    shutil.copytree(ROOT / ".ci", repo / ".ci")
    shutil.copy(ROOT / "pyproject.toml", repo)
    (repo / "tests").mkdir()
    for module in ROOT.glob("tests/*.py"):
        shutil.copy(module, repo / "tests")
    use_docs(fixture, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"The {fixture.name} course")
    return repo


def use_docs(fixture: Path, repo: Path) -> None:
    """Make the fixture's hand-written pages the repository's docs/."""
    shutil.rmtree(repo / "docs")
    shutil.copytree(fixture / "docs", repo / "docs")


def site_path(repo: Path) -> subprocess.CompletedProcess[str]:
    """`bash .ci/site-path` in the repository, with the Python running these tests."""
    return subprocess.run(["bash", ".ci/site-path"], cwd=repo, env=environment(PYTHON=sys.executable),
                          capture_output=True, text=True, check=False, timeout=600)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, subprocess.CompletedProcess[str]]]:
    """The site path run on the lecture, then on the next term's commit: the example course, with the
    lecture's term in archive:."""
    folder = tmp_path_factory.mktemp("site-path")
    repo = site_path_repository(LECTURE, folder / "repo")
    found = {"lecture": (folder / "lecture-site", site_path(repo))}
    if (repo / "site").is_dir():  # the next term's run builds into the same folder
        shutil.copytree(repo / "site", folder / "lecture-site")
    ended = git(repo, "rev-parse", "HEAD").strip()
    archive = ("\narchive:\n  - id: ml-2027s\n    term: \"Sommersemester 2027\"\n"
               f"    title: \"Grundlagen des maschinellen Lernens\"\n    commit: {ended}\n")
    (repo / "course.yml").write_text((EXAMPLE / "course.yml").read_text(encoding="utf-8") + archive, encoding="utf-8")
    use_docs(EXAMPLE, repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The next term")
    found["next term"] = (repo / "site", site_path(repo))
    return found


@pytest.mark.parametrize("name", ["lecture", "next term"])
def test_the_site_path_passes_end_to_end(runs: dict[str, tuple[Path, subprocess.CompletedProcess[str]]],
                                         name: str) -> None:
    site, run = runs[name]
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    for step in ("-m coursegen check took", "-m mkdocs build --strict took", "-m coursegen archive site took",
                 "tests/test_live_course.py took"):
        assert step in run.stdout, step
    assert f"{len(properties.SITE_PATH_CHECKS)} passed" in run.stdout
    assert (site / "index.html").is_file()


def test_the_published_lecture_holds_its_series_and_the_next_term_archives_it(
        runs: dict[str, tuple[Path, subprocess.CompletedProcess[str]]]) -> None:
    lecture, next_term = runs["lecture"][0], runs["next term"][0]
    assert b"RECURRENCE-ID" in (lecture / "calendar" / "series-lecture.ics").read_bytes()
    assert not (lecture / "archive").exists()
    archived = next_term / "archive" / "ml-2027s"
    assert (archived / "calendar" / "series-lecture.ics").read_bytes().count(b"UID:series-lecture@ml-2027s") == 2
    assert b"Grundlagen des maschinellen Lernens" in (archived / "index.html").read_bytes()
