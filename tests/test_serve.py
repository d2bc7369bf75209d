"""Live preview: a real `mkdocs serve` on 127.0.0.1 rebuilds when course.yml is saved,
keeps serving the last good site through a broken save, and recovers when it is fixed."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import ROOT, copy_project, environment
from test_errors import MINIMAL

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

WEIGHTS_ERROR = ("course.yml:32:1: deliverables: weights add up to 90 %, not 100 % "
                 "(50 + 40; change the weights so they total 100)")


# A port on the loopback interface that nothing listens on right now.
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Poll until the condition holds; fail after a bounded wait.
def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


@dataclass
class Preview:
    """A running `mkdocs serve` of a throwaway copy of the site."""

    url: str
    site: Path
    log: Path
    process: subprocess.Popen[bytes]

    def page(self, path: str = "/") -> str:
        """The page at `path`; raises if the server does not answer within 10 s."""
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def title(self) -> str:
        """The home page's <title>."""
        found = re.search(r"<title>([^<]*)</title>", self.page())
        return found.group(1) if found else ""

    def output(self) -> str:
        """What the server printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def save(self, old: str, new: str) -> None:
        """Edit course.yml as an instructor would: replace text and save."""
        course = self.site / "course.yml"
        text = course.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        course.write_text(text.replace(old, new), encoding="utf-8")

    def shows(self, title: str) -> bool:
        """True once the home page has this title (False while the server is not up)."""
        try:
            return self.title() == title
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False


# Start `mkdocs serve` on a copy of the site with the given course file.
def start_preview(tmp_path: Path, course: str) -> Preview:
    site = copy_project(ROOT, tmp_path / "site", course)
    url = f"http://127.0.0.1:{free_port()}"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", url.removeprefix("http://")],
            cwd=site, stdout=out, stderr=subprocess.STDOUT, env=environment())
    return Preview(url, site, log, process)


# Stop the server: politely, then for sure.
def stop(preview: Preview) -> None:
    preview.process.terminate()
    try:
        preview.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        preview.process.kill()
        preview.process.wait(timeout=20)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """A live preview of the minimal course."""
    running = start_preview(tmp_path, MINIMAL)
    try:
        yield running
    finally:
        stop(running)


def test_save_rebuilds_broken_save_keeps_last_good_site_fix_recovers(preview: Preview) -> None:
    wait_until(lambda: preview.shows("Home - Minimal seminar"), "the first build")

    preview.save('title: "Minimal seminar"', 'title: "Renamed seminar"')
    wait_until(lambda: preview.shows("Home - Renamed seminar"), "the rebuild after saving")

    preview.save("weight: 60", "weight: 50")
    wait_until(lambda: WEIGHTS_ERROR in preview.output(), "the error of the broken save")
    assert "course.yml has 1 problem(s):\n" + WEIGHTS_ERROR in preview.output()
    assert preview.title() == "Home - Renamed seminar"
    assert "B paper" in preview.page("/papers/")
    assert "Traceback" not in preview.output()

    preview.save('title: "Renamed seminar"', 'title: "Fixed seminar"')
    preview.save("weight: 50", "weight: 60")
    wait_until(lambda: preview.shows("Home - Fixed seminar"), "the rebuild after the fix")
    assert preview.process.poll() is None


def test_serve_refuses_to_start_on_a_broken_file(tmp_path: Path) -> None:
    broken = start_preview(tmp_path, MINIMAL.replace("weight: 60", "weight: 50"))
    try:
        wait_until(lambda: broken.process.poll() is not None, "the server to stop")
    finally:
        stop(broken)
    assert broken.process.returncode == 1
    assert "course.yml has 1 problem(s):\n" + WEIGHTS_ERROR in broken.output()
    assert "Traceback" not in broken.output()


# Ways a save can break the site, each with how to undo it and what the preview must print.
def broken_yaml(preview: Preview) -> tuple[Callable[[], None], str]:
    preview.save('title: "Welcome"', 'title: "Welcome')
    return lambda: preview.save('title: "Welcome', 'title: "Welcome"'), "course.yml has 1 problem(s):\ncourse.yml:"


def failed_check(preview: Preview) -> tuple[Callable[[], None], str]:
    preview.save("weight: 60", "weight: 50")
    return lambda: preview.save("weight: 50", "weight: 60"), WEIGHTS_ERROR


def engine_exception(preview: Preview) -> tuple[Callable[[], None], str]:
    template = preview.site / "templates" / "news.md.j2"
    template.parent.mkdir()
    template.write_text("{{ news|no_such_filter }}\n", encoding="utf-8")
    preview.save("The kick-off is online.", "The kick-off is online!")

    def undo() -> None:
        template.unlink()
        preview.save("The kick-off is online!", "The kick-off is online.")

    return undo, "the course pages could not be generated: TemplateAssertionError: No filter named 'no_such_filter'"


def strict_warning(preview: Preview) -> tuple[Callable[[], None], str]:
    page = preview.site / "docs" / "notes.md"
    page.write_text("# Notes\n\nSee [the missing page](missing.md).\n", encoding="utf-8")

    def undo() -> None:
        page.write_text("# Notes\n\nAll fine.\n", encoding="utf-8")

    return undo, "1 warning(s) above: `mkdocs build --strict` stops on them"


@pytest.mark.parametrize("breakage", [broken_yaml, failed_check, engine_exception, strict_warning])
def test_preview_keeps_answering_through_every_failure_and_recovers(
        preview: Preview, breakage: Callable[[Preview], tuple[Callable[[], None], str]]) -> None:
    wait_until(lambda: preview.shows("Home - Minimal seminar"), "the first build")
    undo, message = breakage(preview)
    wait_until(lambda: message in preview.output(), f"the message {message!r}")
    for path in ("/", "/papers/", "/news/", "/calendar.ics"):
        preview.page(path)  # raises if the request hangs
    assert preview.title() == "Home - Minimal seminar"
    assert "Traceback" not in preview.output()
    assert "will appear stuck" not in preview.output()

    undo()
    preview.save('title: "Minimal seminar"', 'title: "Fixed seminar"')
    wait_until(lambda: preview.shows("Home - Fixed seminar"), "the rebuild after the fix")
    assert preview.process.poll() is None
