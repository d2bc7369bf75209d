"""What a build promises: a failed or killed build leaves site/ as it was, links in course.yml
are checked at their field, hand-written pages never hide behind generated ones, `check`
notices a config without the course hook, and instructors' e-mail addresses are links."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest
from support import EXAMPLE, copy_project, environment, mkdocs_build, mkdocs_command, run_coursegen
from test_abort import edit

from coursegen import load
from coursegen.agenda import resolve
from coursegen.site import SiteOutput

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


DESCRIPTION = "    started the *lottery ticket* debate and the proofs that followed.\n"


# Every file below a folder with its bytes (empty when the folder does not exist).
def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# The course file's line number (1-based) of an exact line.
def line_of(project: Path, text: str) -> int:
    return (project / "course.yml").read_text(encoding="utf-8").splitlines(keepends=True).index(text) + 1


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the example project built once into site/: (project, site, its files)."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.output
    files = snapshot(site)
    assert "index.html" in files and "calendar.ics" in files
    return project, site, files


# Ways to break a build after a good one: the strict-mode warning, an invalid course, a
# failure inside MkDocs after the course was read (a page that is not UTF-8), a template error.
def strict_warning(project: Path) -> None:
    (project / "docs" / "reading-tips.md").write_text("See [the notes](notes.md).\n", encoding="utf-8")


def invalid_course(project: Path) -> None:
    edit(project, "    weight: 40\n", "    weight: 45\n")


def undecodable_page(project: Path) -> None:
    (project / "docs" / "broken.md").write_bytes(b"# Caf\xe9\n")


def template_error(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "news.md.j2").write_text("{{ news|no_such_filter }}\n", encoding="utf-8")


@pytest.mark.parametrize("breakage", [strict_warning, invalid_course, undecodable_page, template_error])
def test_a_failed_build_leaves_the_site_byte_identical(published, breakage) -> None:
    project, site, before = published
    breakage(project)
    build = mkdocs_build(project, site)
    assert build.returncode != 0, build.output
    assert snapshot(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["project", "site"]


def test_a_good_build_replaces_the_site_and_leaves_nothing_behind(published) -> None:
    project, site, before = published
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    edit(project, DESCRIPTION, DESCRIPTION.replace("debate", "controversy"))
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.output
    after = snapshot(site)
    assert "stale.html" not in after and set(after) == set(before)
    assert b"controversy" in after["index.html"] and b"controversy" not in before["index.html"]
    assert sorted(p.name for p in site.parent.iterdir()) == ["project", "site"]


def test_a_killed_build_leaves_the_site_intact_and_the_next_build_cleans_up(published) -> None:
    project, site, before = published
    staging = list(site.parent.glob(".site.building-*"))
    assert staging == []
    process = subprocess.Popen(mkdocs_command(project, site), cwd=project, env=environment(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(p.is_dir() and any(p.iterdir()) for p in site.parent.glob(".site.building-*")):
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=20)
    assert snapshot(site) == before
    assert mkdocs_build(project, site).returncode == 0
    assert sorted(p.name for p in site.parent.iterdir()) == ["project", "site"]


# ---- Links in Markdown fields -------------------------------------------------


def test_links_to_missing_files_are_reported_at_their_field(published) -> None:
    project, site, before = published
    line = line_of(project, DESCRIPTION)
    good = "[tips](reading-tips.md) [papers](papers.md#top) [bib](papers.bib) [feed](calendar.ics)"
    edit(project, DESCRIPTION, DESCRIPTION.rstrip("\n") + f" {good} [gone](gone.md) ![x](img/x.png)\n")
    build = mkdocs_build(project, site)
    assert build.returncode == 1 and "Traceback" not in build.output
    errors = [line for line in build.output.splitlines() if line.startswith("course.yml:")]
    assert [e.split(": link ")[0] for e in errors] == [f"course.yml:{line - 2}:16: course.description"] * 2
    assert "link 'gone.md' points to gone.md, which is neither in docs/ nor a generated file (add docs/gone.md" \
        in errors[0]
    assert "link 'img/x.png'" in errors[1]
    assert "index.md" not in build.output.split("problem(s):")[0]
    assert snapshot(site) == before
    check = run_coursegen("check", cwd=project)
    assert (check.returncode, check.stderr.splitlines()) == (1, errors)

    edit(project, " [gone](gone.md) ![x](img/x.png)", "")
    assert mkdocs_build(project, site).returncode == 0


# ---- Hand-written pages at generated addresses ----------------------------------------


# Every docs/ file that MkDocs would publish at the address of a generated file.
def clashing_names() -> list[str]:
    names = []
    for uri in SiteOutput.build(resolve(load(EXAMPLE / "course.yml")), today=__import__("datetime").date(2026, 11, 27)).files:
        if not uri.endswith(".md"):
            names.append(uri)
        elif uri == "index.md":
            names += ["index.md", "README.md", "index.html"]
        else:
            stem = uri.removesuffix(".md")
            names += [uri, f"{stem}/index.md", f"{stem}/README.md", f"{stem}/index.html", f"{stem}.html"]
    return names


@pytest.mark.parametrize("name", clashing_names())
def test_a_page_at_a_generated_address_is_an_error_naming_it(tmp_path: Path, name: str) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    page = project / "docs" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Written by hand\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1 and "Traceback" not in build.output
    assert (f"docs/{name} clashes with the page the course generates at the same address "
            f"(rename docs/{name}, or delete it to use the generated page)") in build.output
    assert not (tmp_path / "site").exists()


# ---- The course hook ---------------------------------------------------------------


def test_check_fails_for_a_config_without_the_course_hook(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hookless = "".join(line for line in config.splitlines(keepends=True)
                       if "course_site.py" not in line and not line.startswith("hooks:"))
    assert hookless != config
    (project / "site.yml").write_text(hookless, encoding="utf-8")
    for args in (["-f", "site.yml"], ["-f", "site.yml", "course.yml"]):
        result = run_coursegen("check", *args, cwd=project)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("site.yml:1:1: hooks: the course hook is not enabled: this site would be "
                                        "built without any course page (add 'hooks:' with '- hooks/course_site.py'")
    (project / "mkdocs.yml").write_text(hookless, encoding="utf-8")
    result = run_coursegen("check", cwd=project)
    assert result.returncode == 1 and result.stderr.startswith("mkdocs.yml:1:1: hooks: the course hook is not enabled")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_coursegen("check", cwd=project)
    assert (result.returncode, result.stderr) == (0, "")


# ---- E-mail addresses -------------------------------------------------------------------


def test_instructor_email_is_an_escaped_mailto_link(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    edit(project, 'email: "bjoern@example.org"', 'email: "b\\"j<o>&rn@example.org"')
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    home = build.page("")
    assert '<a href="mailto:b&quot;j&lt;o&gt;&amp;rn@example.org">b"j&lt;o&gt;&amp;rn@example.org</a>' in home
    assert "<o>" not in home
