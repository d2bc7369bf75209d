"""The footer's legal links by the institution's country: a public site of an institution in
Germany or Austria must link a legal notice (Impressum) and a privacy notice, with a located error
where one is missing; elsewhere each is optional, and an accessibility statement can be linked
too. The footer names them in the course language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from support import MINIMAL, ROOT, BuiltSites, copy_project, mkdocs_build, run_coursegen
from test_calendar import course_from, example_data
from test_series import lecture_data

from coursegen.i18n import labels
from coursegen.loader import CourseError, check_text
from coursegen.model import LEGAL_NOTICE_COUNTRIES

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


def _problems(data: dict[str, Any]) -> list[str]:
    try:
        course_from(data)
    except CourseError as error:
        return [f"{p.path}: {p.message}" for p in error.problems]
    return []


def _without_legal(data: dict[str, Any], country: str | None) -> dict[str, Any]:
    data["course"].pop("legal")
    if country:
        data["course"]["institution"]["country"] = country
    return data


@pytest.mark.parametrize("country", sorted(LEGAL_NOTICE_COUNTRIES))
def test_an_institution_where_the_law_asks_for_them_must_link_both(country: str) -> None:
    where = LEGAL_NOTICE_COUNTRIES[country]
    assert _problems(_without_legal(example_data(), country)) == [
        f"course.legal.impressum: a public site of an institution in {where} (institution.country: {country}) must "
        f"link a legal notice (add impressum: with your institution's page, e.g. https://example.org/impressum)",
        f"course.legal.privacy: a public site of an institution in {where} (institution.country: {country}) must "
        f"link a privacy notice (add privacy: with your institution's page, e.g. https://example.org/privacy)"]
    data = example_data()
    data["course"]["institution"]["country"] = country
    data["course"]["legal"] = {"impressum": "https://example.org/impressum", "privacy": "https://example.org/p"}
    assert _problems(data) == []


def test_without_a_country_the_holidays_country_counts() -> None:
    lecture = _without_legal(lecture_data(), None)  # holidays.country: DE
    assert [line.split(":", 1)[0] for line in _problems(lecture)] == ["course.legal.impressum", "course.legal.privacy"]
    assert "(holidays.country: DE)" in _problems(lecture)[0]
    lecture["course"]["institution"]["country"] = "US"  # the institution's own country comes first
    assert _problems(lecture) == []


@pytest.mark.parametrize("country", ["US", "GB", "CH", None])
def test_elsewhere_the_links_are_optional(country: str | None) -> None:
    assert _problems(_without_legal(example_data(), country)) == []


def test_the_privacy_notice_has_one_name() -> None:
    data = example_data()
    data["course"]["legal"]["privacy"] = "https://example.org/privacy"
    assert _problems(data) == [
        "course.legal.datenschutz: privacy and datenschutz are the same link, the privacy notice (keep one)"]


# ---- the footer, built -------------------------------------------------------------------------

NAV = re.compile(r'<nav aria-label="[^"]*">(.*?)</nav>', re.DOTALL)


def _footer(html: str) -> list[tuple[str, str]]:
    found = NAV.search(html.split('class="md-copyright cg-footer"', 1)[1])
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', found.group(1)) if found else []


@pytest.mark.tier("build")
def test_an_english_footer_has_no_german_words(built: BuiltSites) -> None:
    seminar = built("seminar")
    en = labels("en")
    assert [label for _, label in _footer(seminar.page(""))] == [en.datenschutz, en.impressum]
    assert not re.search(r"Impressum|Datenschutz", seminar.page("").split("md-footer", 1)[1])


@pytest.mark.tier("build")
def test_a_us_course_links_what_it_has_and_no_more(tmp_path: Path) -> None:
    text = (MINIMAL / "course.yml").read_text(encoding="utf-8")
    legal = '''  legal:
    impressum: "https://example.org/impressum"
    datenschutz: "https://example.org/privacy"
'''
    assert legal in text
    us = text.replace("  language: en\n", "  language: en-US\n").replace(
        legal, '''  legal:
    accessibility: "https://example.org/accessibility"
''').replace('    name: "Example University"\n', '    name: "Example University"\n    country: US\n')
    project = copy_project(MINIMAL, tmp_path / "project", us)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert _footer(build.page("")) == [("https://example.org/accessibility", labels("en-US").accessibility)]
    bare = copy_project(MINIMAL, tmp_path / "bare", us.replace('''  legal:
    accessibility: "https://example.org/accessibility"
''', ""))
    build = mkdocs_build(bare, tmp_path / "bare-site")
    assert build.returncode == 0, build.output
    assert _footer(build.page("")) == [] and "<nav aria-label" not in build.page("").split("md-copyright", 1)[1]


@pytest.mark.tier("build")
def test_check_names_the_file_line_and_fix(tmp_path: Path) -> None:
    """Without legal links, a course whose institution is in Austria fails `check` with both
    problems located in course.yml."""
    text = (MINIMAL / "course.yml").read_text(encoding="utf-8")
    start = text.index("  legal:\n")
    end = text.index("  contact:\n")
    (tmp_path / "course.yml").write_text(
        text[:start].replace('    name: "Example University"\n', '    name: "Example University"\n    country: AT\n')
        + text[end:], encoding="utf-8")
    checked = run_coursegen("check", cwd=tmp_path)
    lines = checked.stderr.splitlines()
    assert checked.returncode == 1 and [re.sub(r":\d+:\d+:", ":L:C:", line) for line in lines[:2]] == [
        "course.yml:L:C: course.legal.impressum: a public site of an institution in Austria (institution.country: AT) "
        "must link a legal notice (add impressum: with your institution's page, e.g. https://example.org/impressum)",
        "course.yml:L:C: course.legal.privacy: a public site of an institution in Austria (institution.country: AT) "
        "must link a privacy notice (add privacy: with your institution's page, e.g. https://example.org/privacy)"]


# The example course's file with `changes` made, as `check` reports its problems (file:line:col).
def _located(*changes: tuple[str, str]) -> list[str]:
    text = (ROOT / "tests" / "example" / "course.yml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    with pytest.raises(CourseError) as caught:
        check_text(text)
    return [problem.format("course.yml") for problem in caught.value.problems]


def test_each_legal_problem_points_at_its_place_in_the_file() -> None:
    """A link given twice points at the second name's value; a missing link at the legal section's
    first key, where it belongs."""
    both = '    datenschutz: "https://example.org/datenschutz"\n'
    assert _located((both, both + '    privacy: "https://example.org/privacy"\n')) == [
        "course.yml:29:18: course.legal.datenschutz: privacy and datenschutz are the same link, the privacy notice "
        "(keep one)"]
    assert _located(('    impressum: "https://example.org/impressum"\n', ""),
                    ('    name: "Example University"\n', '    name: "Example University"\n    country: DE\n')) == [
        "course.yml:29:5: course.legal.impressum: a public site of an institution in Germany (institution.country: "
        "DE) must link a legal notice (add impressum: with your institution's page, e.g. https://example.org/impressum)"]
    assert _located(('    datenschutz: "https://example.org/datenschutz"\n', ""),
                    ('    name: "Example University"\n', '    name: "Example University"\n    country: DE\n')) == [
        "course.yml:29:5: course.legal.privacy: a public site of an institution in Germany (institution.country: "
        "DE) must link a privacy notice (add privacy: with your institution's page, e.g. https://example.org/privacy)"]


def test_each_credits_and_grading_problem_points_at_its_value() -> None:
    scale = 'grading:\n  scale:\n    - grade: "A"\n      min: 90\n    - grade: "A"\n      min: 95\n'
    assert _located(("    ects: 7\n", "    ects: 7\n    credits:\n      value: 7\n      unit: ects\n"),
                    ("\nnews:\n", f"\n{scale}news:\n")) == [
        "course.yml:41:14: grading.scale.1.grade: the grade 'A' comes twice (also grading.scale[0]; give each once)",
        "course.yml:42:12: grading.scale.1.min: 95 is not below 90, where 'A' starts (list the grades from the best to "
        "the worst, each from a lower share of the points)",
        "course.yml:149:7: logistics.registration.credits: ects and credits both say what the course counts for "
        "(keep one: credits: {value: 7, unit: ects} is ects: 7)"]
