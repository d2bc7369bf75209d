"""`coursegen generate DIR`: the course as a plain MkDocs project that builds without the hook,
under MkDocs and under Zensical, and a command that never leaves a half-written folder."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from support import EXAMPLE, BuiltSites, copy_project, environment, mkdocs_build, run_coursegen
from test_cli import BROKEN, BROKEN_LINES
from test_errors import MINIMAL

import coursegen
from coursegen.addresses import used_pages

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

# The example course's generated pages (it has no weekly series, so no sessions page).
PAGES = list(used_pages(coursegen.load(EXAMPLE / "course.yml")))
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">.*?</article>', re.S)


def generate(project: Path, target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_coursegen("generate", str(target), *extra, cwd=project)


def article(page: Path) -> str:
    match = ARTICLE.search(page.read_text(encoding="utf-8"))
    assert match, f"{page} has no article element"
    return match.group(0)


# Every built page (folder/index.html) and every other file, by address.
def built_files(site: Path) -> set[str]:
    skip = ("assets/", "search/", "sitemap.xml", "search.json")
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
            and not p.relative_to(site).as_posix().startswith(skip)}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("generated") / "course"
    result = generate(EXAMPLE, target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {target}: mkdocs.yml, docs/ (50 files, 8 pages), overrides/\n"
    return target


def test_the_generated_project_runs_no_hook(generated: Path) -> None:
    config = yaml.safe_load((generated / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config
    assert config["site_name"] == "Sparse Neural Networks: Lottery Tickets &amp; Pruning"
    assert config["theme"]["language"] == "de"
    assert config["extra"]["course"]["labels"]["impressum"] == "Impressum"
    assert [next(iter(entry.values())) if isinstance(entry, dict) else entry for entry in config["nav"]] == [
        *PAGES, "reading-tips.md"]
    assert (generated / "docs" / "reading-tips.md").read_bytes() == (EXAMPLE / "docs" / "reading-tips.md").read_bytes()


def test_plain_mkdocs_builds_the_same_pages(built: BuiltSites, generated: Path, tmp_path: Path) -> None:
    result = mkdocs_build(generated, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "course" not in result.output.lower()  # no hook ran: not even its site_url warning
    hooked, plain = built("example").site, tmp_path / "site"
    assert built_files(plain) == built_files(hooked)
    pages = sorted(p.relative_to(hooked) for p in hooked.rglob("index.html") if not str(p).startswith(str(hooked / "assets")))
    assert len(pages) == len(PAGES) + 1
    for page in pages:
        assert article(plain / page) == article(hooked / page), page
    for name in built_files(hooked):
        if not name.endswith(".html"):
            assert (plain / name).read_bytes() == (hooked / name).read_bytes(), name
    # The same search settings (the word separator of the site's mkdocs.yml, the course language).
    search = "search/search_index.json"
    assert json.loads((plain / search).read_text())["config"] == json.loads((hooked / search).read_text())["config"]
    # The theme overrides read config.extra.course, which the generated config carries.
    for marker in ('class="md-copyright cg-footer"', 'type="text/calendar"', "Zum dunklen Farbschema wechseln"):
        assert marker in (plain / "index.html").read_text(encoding="utf-8")
    # Without the hook the course's styles are files, not inline (the print rules behind media="print").
    home = (plain / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="assets/stylesheets/course.css">' in home
    assert '<link rel="stylesheet" href="assets/stylesheets/course-print.css" media="print">' in home
    assert (plain / "assets" / "stylesheets" / "course-print.css").is_file()
    # And what depends on now is a file, still run before the first paint (not async, before Material's script).
    assert re.search(r'<script src="assets/javascripts/now\.js"></script>\s*<span id="cg-now" hidden></span>\s*'
                     r'<script src="assets/javascripts/bundle\.', home)
    assert (plain / "assets" / "javascripts" / "now.js").is_file()


# An article as Zensical writes it, compared to MkDocs': whitespace between tags, Zensical's
# skip-link target (an empty <a id="__skip">) and the data-search-exclude marks (which Zensical's
# search honours, then removes) aside, and each relative link as the address it leads to from the
# page at `folder` (MkDocs writes a file under the page's own folder as tracks/x.ics, Zensical as
# ../calendar/tracks/x.ics).
def same_content(html: str, folder: str) -> str:
    html = html.replace('<a id="__skip" tabindex="-1"></a>', "").replace(" data-search-exclude", "")
    html = re.sub(r'href="(?![a-z]+:|#)([^"]*)"', lambda m: f'href="{urljoin("/" + folder, m.group(1))}"', html)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html))


def _zensical() -> Path:
    if importlib.util.find_spec("zensical") is None:
        pytest.skip("zensical is not installed (pip install -e '.[zensical]')")
    return Path(sys.executable).with_name("zensical")


def test_zensical_builds_every_course_page_with_the_course_data(built: BuiltSites, generated: Path,
                                                              tmp_path: Path) -> None:
    project = shutil.copytree(generated, tmp_path / "course")
    result = subprocess.run([str(_zensical()), "build", "--strict"], cwd=project, env=environment(),
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    course = coursegen.load(EXAMPLE / "course.yml")
    title = "Sparse Neural Networks: Lottery Tickets &amp; Pruning"
    for uri in [*PAGES, "reading-tips.md"]:
        folder = "" if uri == "index.md" else uri.removesuffix(".md") + "/"
        html = (site / folder / "index.html").read_text(encoding="utf-8")
        assert f" - {title}</title>" in html, uri
        assert 'class="md-copyright cg-footer"' in html, uri  # the footer override with the course's links
        assert same_content(article(site / folder / "index.html"), folder) == same_content(
            article(built("example").site / folder / "index.html"), folder), uri
    papers = article(site / "papers" / "index.html")
    assert all(paper.title.replace("&", "&amp;") in papers for paper in course.papers)
    dates = article(site / "dates" / "index.html")
    timed = [dt.datetime.combine(d.date, d.start).isoformat() for d in course.dates if d.date and d.start]
    assert timed and all(f'datetime="{moment}' in dates for moment in timed)
    assert all(f'<span id="{date.id}">' in dates for date in course.dates if date.per_talk is None)
    assert all(date.title.replace("&", "&amp;") in dates for date in course.dates)
    for name in ("calendar.ics", "news.xml", "papers.bib"):
        assert (site / name).read_bytes() == (generated / "docs" / name).read_bytes()
    # Zensical's search leaves out what MkDocs' leaves out: BibTeX and screen-reader-only text.
    index = (site / "search.json").read_text(encoding="utf-8")
    assert "ICLR" in index and "@inproceedings" not in index and "in den eigenen Kalender" not in index


def test_zensical_skips_the_hook_silently(tmp_path: Path) -> None:
    """Why the generated project exists: Zensical builds the hooked config without a course page."""
    project = copy_project(EXAMPLE, tmp_path / "hooked")
    result = subprocess.run([str(_zensical()), "build", "--strict"], cwd=project, env=environment(),
                            capture_output=True, text=True, timeout=300, check=False)
    assert not (project / "site" / "papers" / "index.html").exists(), result.stdout + result.stderr


def test_mistakes_are_printed_as_check_prints_them_and_nothing_is_written(tmp_path: Path) -> None:
    site = copy_project(EXAMPLE, tmp_path / "site")
    (site / "course.yml").write_text(BROKEN, encoding="utf-8")
    result = generate(site, tmp_path / "out")
    check = run_coursegen("check", cwd=site)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == check.stderr == "\n".join(BROKEN_LINES) + "\n"
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left


def test_a_clash_with_a_hand_written_page_is_refused(tmp_path: Path) -> None:
    site = copy_project(EXAMPLE, tmp_path / "site")
    (site / "docs" / "papers").mkdir()
    (site / "docs" / "papers" / "index.md").write_text("# Mine\n", encoding="utf-8")
    result = generate(site, tmp_path / "out")
    assert result.returncode == 1
    assert "docs/papers/index.md clashes with the page the course generates" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_folder_it_did_not_write_is_kept_unless_forced(tmp_path: Path) -> None:
    site = copy_project(EXAMPLE, tmp_path / "site")
    (site / "course.yml").write_text(MINIMAL, encoding="utf-8")
    target = tmp_path / "out"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    refused = generate(site, target)
    assert refused.returncode == 1
    assert "is not empty and was not written by `coursegen generate`" in refused.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    forced = generate(site, target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert not (target / "notes.txt").exists() and (target / "docs" / "papers.md").is_file()


def test_its_own_output_is_replaced_whole(tmp_path: Path) -> None:
    site = copy_project(EXAMPLE, tmp_path / "site")
    target = tmp_path / "out"
    assert generate(site, target).returncode == 0
    (target / "docs" / "stale.md").write_text("left over", encoding="utf-8")
    (site / "docs" / "reading-tips.md").unlink()
    again = generate(site, target)
    assert again.returncode == 0, again.stderr
    assert not (target / "docs" / "stale.md").exists() and not (target / "docs" / "reading-tips.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    site = copy_project(EXAMPLE, tmp_path / "site")
    (tmp_path / "out").mkdir()
    assert generate(site, tmp_path / "out").returncode == 0
    assert (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8").startswith("# Generated by `coursegen generate`")


def test_a_fixed_day_that_is_no_date_is_refused_in_generate_and_build(tmp_path: Path) -> None:
    """COURSEGEN_TODAY fixes a build's today; a mistyped value is a clear error, not a traceback."""
    day = "2026-13-01"
    expected = "COURSEGEN_TODAY='2026-13-01' is not a date (write YYYY-MM-DD, or unset it)"
    result = run_coursegen("generate", str(tmp_path / "out"), cwd=EXAMPLE, COURSEGEN_TODAY=day)
    assert result.returncode == 1 and expected in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    build = mkdocs_build(EXAMPLE, tmp_path / "site", COURSEGEN_TODAY=day)
    assert build.returncode == 1 and expected in build.output and "Traceback" not in build.output
    assert not (tmp_path / "site").exists()
