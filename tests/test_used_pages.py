"""Only the pages a course uses: a course without papers, block course or weekly series has no
papers page, no papers.bib, no schedule page and no sessions page, in the build and in
`coursegen generate`."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
import yaml
from support import MINIMAL, SEMINAR, Build, copy_project, mkdocs_build, run_coursegen

from coursegen import addresses, load

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

SITE_URL = "https://courses.example.org/linalg/"
MISSING = ("papers/", "schedule/", "sessions/")
UNUSED = (addresses.PAPERS, addresses.SCHEDULE, addresses.SESSIONS)


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The minimal course, published at SITE_URL."""
    build = mkdocs_build(MINIMAL, tmp_path_factory.mktemp("minimal-site"), SITE_URL=SITE_URL)
    assert build.returncode == 0, build.output
    return build


def test_the_registry_says_which_pages_a_course_uses() -> None:
    used = addresses.used_pages(load(MINIMAL / "course.yml"))
    assert not set(UNUSED) & set(used)
    assert list(used) == [uri for uri in addresses.PAGES if uri not in UNUSED]
    seminar = addresses.used_pages(load(SEMINAR / "course.yml"))
    # papers, and a block course announced by its hint; no weekly series
    assert list(seminar) == [uri for uri in addresses.PAGES if uri != addresses.SESSIONS]


def test_unused_pages_and_the_bibliography_are_not_built(minimal: Build) -> None:
    site = minimal.site
    for uri in MISSING:
        assert not (site / uri).exists(), uri
    assert not (site / "papers.bib").exists()
    for uri in ("", "deliverables/", "dates/", "news/", "calendar/", "notes/"):
        assert (site / uri / "index.html").is_file(), uri


def test_navigation_and_home_page_do_not_mention_unused_pages(minimal: Build) -> None:
    for uri in ("", "dates/", "notes/"):
        html = minimal.page(uri)
        links = re.findall(r'href="([^"]*)"', html)
        assert not [link for link in links if re.search(r"(^|/)(papers|schedule|sessions)/?$|papers\.bib", link)], uri
        assert "Papers" not in html and "Schedule" not in html and "Weekly sessions" not in html, uri
    home = minimal.page("")
    assert "Linear Algebra for Data Science" in home and "0 papers" not in home
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link">\s*([^<]*?)\s*</a>', home)
    assert tabs == ["Home", "Deliverables", "Important dates", "News", "Calendar", "Lecture notes"]


def test_the_sitemap_lists_only_the_pages_built(minimal: Build) -> None:
    sitemap = (minimal.site / "sitemap.xml").read_text(encoding="utf-8")
    locs = sorted(re.findall(r"<loc>([^<]*)</loc>", sitemap))
    assert locs == sorted(SITE_URL + uri for uri in ("", "calendar/", "dates/", "deliverables/", "news/", "notes/"))
    assert gzip.decompress((minimal.site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


def test_generate_writes_only_the_pages_the_course_uses(tmp_path: Path) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    result = run_coursegen("generate", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "out" / "docs"
    assert not [name for name in ("papers.md", "schedule.md", "papers.bib") if (docs / name).exists()]
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(entry.values())) if isinstance(entry, dict) else entry for entry in config["nav"]] == [
        "index.md", "deliverables.md", "dates.md", "news.md", "calendar.md", "notes.md"]


def test_a_hand_written_page_linking_to_an_unused_page_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee the [reading list](papers.md).\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1
    assert "Doc file 'notes.md' contains a link 'papers.md', but the target is not found" in build.output


def test_a_course_link_to_an_unused_page_is_a_located_mistake(tmp_path: Path) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    course = project / "course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        'description: "Vectors,', 'description: "See the [schedule](schedule.md). Vectors,'), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1
    assert ("course.yml:14:16: course.description: link 'schedule.md' points to schedule.md, which is neither in "
            "docs/ nor a generated file") in build.output
