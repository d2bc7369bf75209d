"""`coursegen new`: a fresh course.yml for a seminar or a lecture in every language, which
passes `check` and builds with `mkdocs build --strict` in a copy of the repository at once."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from support import ROOT, UNOFFERED_LANGUAGE, copy_project, mkdocs_build, run_coursegen

from coursegen.i18n import languages

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

TITLES = {"en": "Machine Learning: Foundations", "de": "Maschinelles Lernen: Grundlagen",
          "fr": "Apprentissage automatique : fondements"}


# A title in the language, or the English one for a language added since.
def title(language: str) -> str:
    return TITLES.get(language, TITLES["en"])


# The comment lines of a course file.
def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def new(project: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return run_coursegen("new", *flags, cwd=project)


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("kind", ["seminar", "lecture"])
def test_a_new_course_passes_check_and_builds_strictly(tmp_path: Path, kind: str, language: str) -> None:
    project = copy_project(ROOT, tmp_path / "repo", "")
    (project / "course.yml").unlink()
    made = new(project, "--id", "ml-2027s", "--title", title(language), "--term", "2027",
               "--language", language, "--timezone", "America/New_York", "--kind", kind)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"wrote course.yml: a {kind} in {language}")
    text = (project / "course.yml").read_text(encoding="utf-8")
    checked = run_coursegen("check", cwd=project)
    assert (checked.returncode, checked.stderr) == (0, ""), checked.stderr
    assert checked.stdout.startswith("course.yml: no mistakes (1 dates, ")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in home
    assert re.search(r"<h1[^>]*>" + re.escape(title(language)) + "<", home)
    assert not (tmp_path / "site" / "papers").exists() and not (tmp_path / "site" / "papers.bib").exists()
    assert (tmp_path / "site" / "schedule").exists() == (kind == "seminar")
    if language.split("-")[0] != "en":  # English, British or American, is the base; others say all in their own
        english = new(project, "--id", "x", "--title", "x", "--term", "x", "--kind", kind, "--output", "en.yml")
        assert english.returncode == 0, english.stderr
        shared = set(comments(text)) & set(comments((project / "en.yml").read_text(encoding="utf-8")))
        assert {line for line in shared if not line.startswith(("#  ", "# yaml-language-server"))
                and not COMMENTED_YAML.match(line)} == set()


# A commented-out example in the file: YAML to uncomment, the same in every language.
COMMENTED_YAML = re.compile(r"#[a-z_]+:")


@pytest.mark.parametrize("language", languages())
def test_a_new_lecture_gets_its_weekly_sessions_by_uncommenting_the_example(tmp_path: Path, language: str) -> None:
    project = copy_project(ROOT, tmp_path / "repo", "")
    made = new(project, "--force", "--id", "ml-2027s", "--title", title(language), "--term", "2027",
               "--language", language, "--kind", "lecture")
    assert made.returncode == 0, made.stderr
    text = (project / "course.yml").read_text(encoding="utf-8")
    example = text[text.index("\n#holidays:"):]
    assert "#series:" in example
    uncommented = text.replace(example, "\n" + "\n".join(line[1:] for line in example.strip("\n").splitlines()) + "\n")
    (project / "course.yml").write_text(uncommented, encoding="utf-8")
    checked = run_coursegen("check", cwd=project)
    assert (checked.returncode, checked.stderr) == (0, ""), checked.stderr
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    sessions = (tmp_path / "site" / "sessions" / "index.html").read_text(encoding="utf-8")
    assert title(language) in sessions and "10:15" in sessions and "12:15" in sessions


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_text("mine\n", encoding="utf-8")
    flags = ("--id", "a", "--title", "A", "--term", "T")
    refused = new(tmp_path, *flags)
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr == ("new: course.yml exists already (choose another --output, or add --force to "
                              "overwrite it)\n")
    assert (tmp_path / "course.yml").read_text(encoding="utf-8") == "mine\n"
    assert new(tmp_path, *flags, "--force").returncode == 0
    assert "mine" not in (tmp_path / "course.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("flags", "message"), [
    (("--timezone", "Europe/Berln"), "argument --timezone: 'Europe/Berln' is not an IANA time zone name (did you mean 'Europe/Berlin'?)"),
    (("--language", UNOFFERED_LANGUAGE), f"argument --language: invalid choice: '{UNOFFERED_LANGUAGE}' (choose from"),
    (("--kind", "lab"), "argument --kind: invalid choice: 'lab'"),
    (("--id", "ML 2027"), "argument --id: 'ML 2027' is not an id"),
])
def test_new_refuses_bad_flags_with_the_flag_named(tmp_path: Path, flags: tuple[str, ...], message: str) -> None:
    result = new(tmp_path, "--id", "a", "--title", "A", "--term", "T", *flags)
    assert result.returncode == 2 and message in result.stderr
    assert not (tmp_path / "course.yml").exists()


def test_a_title_the_course_file_would_refuse_is_refused(tmp_path: Path) -> None:
    result = new(tmp_path, "--id", "a", "--title", "   ", "--term", "T")
    assert (result.returncode, result.stderr) == (
        1, ("new: the values given would not make a valid course (course.title: must not be empty (write some text "
           "or remove the field))\n"))
    assert not (tmp_path / "course.yml").exists()
