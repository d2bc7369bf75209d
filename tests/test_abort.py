"""A bad course.yml or a clashing page stops the build cleanly and leaves site/ alone."""

from __future__ import annotations

import re
from pathlib import Path

from support import EXAMPLE, SEMINAR, copy_project, mkdocs_build

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

LINE = re.compile(r"^course\.yml:\d+:\d+: [\w.]+: .+ \(.+\)$")


# Replace one exact piece of a project's course.yml.
def edit(project: Path, old: str, new: str) -> None:
    path = project / "course.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_course_aborts_with_every_error_and_keeps_site(tmp_path: Path) -> None:
    project = copy_project(SEMINAR, tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    edit(project, "  timezone: Europe/Berlin", "  timezone: Europe/Berln")
    edit(project, "    weight: 40\n", "    weight: 45\n")
    edit(project, "  language: en", "  language: en\n  lenguage: de")

    build = mkdocs_build(project, site)

    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert "course.yml has 3 problem(s):" in build.output
    errors = [line for line in build.output.splitlines() if line.startswith("course.yml:")]
    assert len(errors) == 3 and all(LINE.match(e) for e in errors), errors
    lines = (project / "course.yml").read_text(encoding="utf-8").splitlines()
    zone_line = lines.index("  timezone: Europe/Berln") + 1
    assert f"course.yml:{zone_line}:13: course.timezone: 'Europe/Berln' is not an IANA time zone " \
           "name (did you mean 'Europe/Berlin'?)" in errors
    assert f"course.yml:{zone_line - 1}:3: course.lenguage: unknown key (did you mean 'language'?)" in errors
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_cross_field_errors_reported_together(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    edit(project, "    weight: 40\n", "    weight: 45\n")
    edit(project, "    deliverable: paper\n", "    deliverable: papr\n")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1 and "Traceback" not in build.output
    assert "deliverables: weights add up to 105 %, not 100 % (2 x 10 + 45 + 40; " in build.output
    assert "dates.6.deliverable: no deliverable has the id 'papr' (did you mean 'paper'?)" in build.output
    assert not (tmp_path / "site").exists()


def test_generated_page_clash_is_an_error_and_keeps_site(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "docs" / "papers.md").write_text("# My own papers page\n", encoding="utf-8")
    build = mkdocs_build(project, site)
    assert build.returncode == 1 and "Traceback" not in build.output
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert ("docs/papers.md clashes with the page the course generates at the same address "
            "(rename docs/papers.md, or delete it to use the generated page)") in build.output


def test_text_fields_are_shown_exactly_not_as_markup(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    hostile = "<script>alert(1)</script> *not bold* [no link](x) | pipe & `code` #tag"
    edit(project, "Plant 'n' Seek: Can You Find the Winning Ticket?", hostile)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    for uri in ("papers/", "schedule/"):
        html = build.page(uri)
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; *not bold* [no link](x) | pipe &amp; `code` #tag" in html
        assert "<em>not bold</em>" not in html and "<code>code</code>" not in html


def test_instructor_templates_override_the_built_in_ones(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "news.md.j2").write_text(
        "# {{ L.news|text }}\n\nOur own news page with {{ news|length }} items.\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "Our own news page with 2 items." in build.page("news/")
