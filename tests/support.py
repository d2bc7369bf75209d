"""Helpers shared by the test modules, browser tests included.

- One skip policy: a test that needs something this machine lacks (Chromium, Node and
  ical.js, a calendar reader, actionlint) calls `unavailable`. It skips on a developer's
  machine and fails under CI=true, where `.ci/run` installs everything and nothing may skip.
- One way to build: `mkdocs_build` runs a real `mkdocs build --strict` and returns a `Build`. Like
  `run_coursegen`, it runs the command line as a process of its own, forked from the test's process
  with MkDocs, Material and the engine imported (`_run`).
  The fixture sites are built once per session by `BuiltSites` (the `built` fixture of
  conftest.py): `built("example")`.
- One way to run the command line: `run_coursegen`; one project copier: `copy_project`;
  one `git` for throwaway repositories.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import NoReturn

import pytest
from filelock import FileLock

import coursegen
from coursegen.i18n import languages
from coursegen.model import Course

ROOT = Path(__file__).resolve().parents[1]
# The frozen fixture projects (course.yml, mkdocs.yml, docs/). Tests of content use them,
# never the live course.yml at the top (tests/test_live_course.py checks that one by properties).
# The seminar as it stood at the start of the term:
SEMINAR = ROOT / "tests" / "seminar"
# A fully scheduled seminar in German with news, talks and a hand-written page:
EXAMPLE = ROOT / "tests" / "example"
# A lecture with weekly series (holidays, a skipped, a moved and a cancelled session):
LECTURE = ROOT / "tests" / "lecture"
# A course that uses only some pages (no papers, no block course, no series):
MINIMAL = ROOT / "tests" / "minimal"
# A US lecture in US English (America/New_York) with recitation sections, spring break and no legal notice:
US = ROOT / "tests" / "us"
FIXTURES: dict[str, Path] = {"seminar": SEMINAR, "example": EXAMPLE, "lecture": LECTURE, "us": US}
# A language the project has no label file for (to try refusals with), and the offered ones in words.
UNOFFERED_LANGUAGE = next(code for code in ("es", "it", "nl", "pt", "sv", "pl", "cs") if code not in languages())
OFFERED_LANGUAGES = " or ".join(", ".join(f"'{code}'" for code in languages()).rsplit(", ", 1))
# The address the site 'example-url' is published at.
SITE_URL = "https://courses.example.org/sparse/"
# The fixture sites `BuiltSites` builds: project and environment.
SITES: dict[str, tuple[Path, dict[str, str]]] = {
    **{name: (project, {}) for name, project in FIXTURES.items()},
    "minimal": (MINIMAL, {}),
    "example-url": (EXAMPLE, {"SITE_URL": SITE_URL}),
}


# pydantic's own wording, which no message to an instructor may show.
PYDANTIC_WORDS = re.compile(r"Input should|Value error|valid dictionary|should have|unable to parse|"
                            r"Field required|Extra inputs|String should|Assertion failed|\[type=|pydantic")


# The anchors generated Markdown gives elements itself: `{ #name }` after a heading, `id="name"` in raw HTML.
_ANCHOR = re.compile(r'\{ #([^\s}]+)|(?<![\w-])id="([^"]+)"')


def page_anchors(markdown: str) -> list[str]:
    """Every anchor a generated page's Markdown names, in page order (headings toc names itself left out)."""
    return [found.group(1) or found.group(2) for found in _ANCHOR.finditer(markdown)]


def in_ci() -> bool:
    """True where every test must run (CI=true)."""
    return os.environ.get("CI") == "true"


def unavailable(reason: str) -> NoReturn:
    """Skip the running test for `reason`, or fail it under CI=true."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: every test must run, not skip)", pytrace=False)
    pytest.skip(reason)


def environment(**overrides: str) -> dict[str, str]:
    """The environment for a build or a command: this process's, without MkDocs' 2.0 notice, plus `overrides`."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **overrides}


@dataclass(frozen=True)
class Build:
    """One `mkdocs build` run: what it built, its exit status, what it printed and the site folder."""

    name: str  # the fixture site's name ('example-url'), or the project folder's
    project: Path  # the folder of mkdocs.yml and course.yml
    returncode: int
    output: str  # stdout and stderr
    site: Path

    def page(self, uri: str) -> str:
        """The HTML of a built page, e.g. 'papers/' or '' for home."""
        return (self.site / uri / "index.html").read_text(encoding="utf-8")

    def read(self, uri: str) -> bytes:
        """The bytes of a built file, by its address below the site root."""
        return (self.site / uri).read_bytes()

    @cached_property
    def course(self) -> Course:
        """The project's course.yml, loaded by the engine."""
        return coursegen.load(self.project / "course.yml")


def mkdocs_command(project: Path, site: Path, *extra: str) -> list[str]:
    """The command line of a strict build of `project`/mkdocs.yml into `site` (for a process a test stops)."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
            "-d", str(site), *extra]


def mkdocs_build(project: Path, site: Path, *extra: str, **env: str) -> Build:
    """Run a real `mkdocs build --strict` of the project folder into `site`, in the project folder.

    `extra` are further options (`-q`, `-v`), `env` environment variables to set (SITE_URL, COURSEGEN_TODAY).
    """
    command = mkdocs_command(project, site, *extra)
    result = _run(command, project, environment(**env), lambda: _mkdocs(command[3:]))
    return Build(project.name, project, result.returncode, result.stdout + result.stderr, site)


def run_coursegen(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m coursegen ARGS` in `cwd` with environment variables `env` set."""
    from coursegen.cli import main

    return _run([sys.executable, "-m", "coursegen", *args], cwd, environment(**env), lambda: main(list(args)))


# A command of this Python (`python -m mkdocs …`, `python -m coursegen …`) as its own process. It is
# forked from this one, which has imported MkDocs, Material and the engine once: a child starts with
# them, so it costs its own work rather than also the 0.3 to 0.4 s of a new interpreter importing them
# (some 300 commands a run). `call` is what the child runs instead of the command line. Where `env`
# sets what only a new interpreter reads (the zone, the locale, Python's own variables), or on a system
# without fork, the command runs as a new process.
def _run(command: list[str], cwd: Path | None, env: dict[str, str],
         call: Callable[[], int | None]) -> subprocess.CompletedProcess[str]:
    changed = {name for name in env if os.environ.get(name) != env[name]}
    if not hasattr(os, "fork") or any(name in _AT_START or name.startswith(("LC_", "PYTHON")) for name in changed):
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300)
    for name in _WARM:
        importlib.import_module(name)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(cwd, env, out.fileno(), err.fileno(), call)
        deadline = time.monotonic() + 300
        while not (found := os.waitpid(pid, os.WNOHANG))[0]:
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise subprocess.TimeoutExpired(command, 300)
            time.sleep(0.01)
        texts = []
        for file in (out, err):
            file.seek(0)
            texts.append(file.read().decode("utf-8", errors="backslashreplace"))
        return subprocess.CompletedProcess(command, os.waitstatus_to_exitcode(found[1]), *texts)


def _mkdocs(arguments: list[str]) -> int | None:
    import mkdocs.__main__

    mkdocs.__main__.cli.main(args=arguments, prog_name="mkdocs", standalone_mode=True)  # exits


# The forked child: the command's folder, environment and output files, then its exit status.
def _child(cwd: Path | None, env: dict[str, str], out: int, err: int, call: Callable[[], int | None]) -> NoReturn:
    code = 1
    try:
        if cwd is not None:
            os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        try:
            status = call()
            code = status if isinstance(status, int) else 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
            if isinstance(done.code, str):
                print(done.code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


# What every build imports (MkDocs' commands, Material's plugins and theme, the Markdown extensions
# of mkdocs.yml, the hook's own imports), imported once in this process for the children it forks.
_WARM = ("mkdocs.__main__", "mkdocs.commands.build", "mkdocs.structure.pages", "mkdocs.plugins",
         "material.plugins.search.plugin", "material.templates", "markdown.extensions.admonition",
         "markdown.extensions.attr_list", "markdown.extensions.md_in_html", "markdown.extensions.tables",
         "markdown.extensions.toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight",
         "pygments.formatters.html", "rcssmin", "rjsmin", "tinycss2", "babel.dates", "icalendar", "nh3",
         "coursegen.cli")

# What a process reads when it starts, so a forked command cannot be given it.
_AT_START = {"TZ", "LANG", "LANGUAGE"}


class BuiltSites:
    """The fixture sites, each built once per session: 'seminar', 'example', 'lecture', 'us', 'minimal',
    and 'example-url' (the example course published at SITE_URL).

    `built("lecture", COURSEGEN_TODAY="2027-05-05")` is a separate build with those variables set.
    Under pytest-xdist the workers share the builds: the first worker that needs a site builds it
    into the run's common folder (under a file lock), and the others read it from there.
    """

    def __init__(self, folders: pytest.TempPathFactory) -> None:
        self._folders = folders
        self._builds: dict[tuple[str, tuple[tuple[str, str], ...]], Build] = {}
        base = folders.getbasetemp()
        # xdist gives each worker its own folder inside the run's one ("popen-gw0"); without it, none is shared.
        self._shared = base.parent / "shared-sites" if os.environ.get("PYTEST_XDIST_WORKER") else None

    def __call__(self, name: str, **env: str) -> Build:
        """The named site built with `env` set; a failed build fails the test."""
        key = (name, tuple(sorted(env.items())))
        if key not in self._builds:
            build = self._build(name, env) if self._shared is None else self._shared_build(name, env)
            assert build.returncode == 0, build.output
            self._builds[key] = replace(build, name=name)
        return self._builds[key]

    def _build(self, name: str, env: dict[str, str], folder: Path | None = None) -> Build:
        project, variables = SITES[name]
        return mkdocs_build(project, (folder or self._folders.mktemp(name)) / "site", **variables, **env)

    # One build for all workers: its folder is named by the site and the variables, and holds the
    # site, what the build printed and its exit status (written last: its presence means done).
    def _shared_build(self, name: str, env: dict[str, str]) -> Build:
        assert self._shared is not None
        label = "-".join([name, *(f"{k}={v}" for k, v in sorted(env.items()))])
        folder = self._shared / re.sub(r"[^A-Za-z0-9=.-]", "_", label)
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(folder.with_suffix(".lock")):
            status = folder / "returncode"
            if not status.exists():
                build = self._build(name, env, folder)
                (folder / "output").write_text(build.output, encoding="utf-8")
                status.write_text(str(build.returncode), encoding="ascii")
                return build
        project, _ = SITES[name]
        return Build(project.name, project, int(status.read_text(encoding="ascii")),
                     (folder / "output").read_text(encoding="utf-8"), folder / "site")


def copy_project(source: Path, target: Path, course: str | None = None) -> Path:
    """Copy a course project into `target` so a test can change it; `course` is the text of its course.yml.

    A fixture project under tests/ (course.yml, mkdocs.yml, docs/) keeps using the repository's hook and
    theme: its `../../` paths become absolute. The repository itself (ROOT) is copied whole, with its
    hook, engine and theme (hooks/, overrides/), as a site a test can commit, serve or archive.
    """
    target.mkdir(parents=True, exist_ok=True)
    folders = ("hooks", "overrides", "docs") if source == ROOT else ("docs",)
    for name in folders:
        shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("__pycache__"),
                        dirs_exist_ok=True)
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    if source != ROOT:
        config = config.replace("../../", f"{ROOT}/")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    if course is None:
        shutil.copy(source / "course.yml", target / "course.yml")
    else:
        (target / "course.yml").write_text(course, encoding="utf-8")
    return target


def git(folder: Path, *args: str, when: int | dt.datetime | None = None) -> str:
    """Run git in `folder` as a fixed author, without the user's or system's git config; returns its output.

    `when` (seconds since 1970, or a time) dates the commits it makes.
    """
    env = environment(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if when is not None:
        stamp = when.isoformat() if isinstance(when, dt.datetime) else f"@{when} +0000"
        env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    run = subprocess.run(["git", "-c", "user.name=Course Team", "-c", "user.email=team@example.org",
                          "-c", "commit.gpgsign=false", *args],
                         cwd=folder, env=env, capture_output=True, text=True, check=True, timeout=120)
    return run.stdout
