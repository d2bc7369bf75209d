"""What students ask and the pages now answer: contact, hand-in, registration, languages, the
online meeting and the places students go besides the site (`logistics` in course.yml), on the
home page, /deliverables/, /sessions/ and beside their dates."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from test_calendar import course_from, example_data
from test_series import lecture_data

from coursegen.agenda import resolve
from coursegen.loader import CourseError, check, check_text
from coursegen.site import SiteOutput

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 10, 1)
MEETING = "https://example.org/zoom/123"


# Every generated file of a course, as text.
def files_of(data: dict[str, Any]) -> dict[str, str]:
    output = SiteOutput.build(resolve(course_from(data)), today=TODAY)
    return {name: body.decode("utf-8") if isinstance(body, bytes) else body for name, body in output.files.items()}


# Markdown or HTML as the words a reader sees.
def words(text: str) -> str:
    text = re.sub(r"\]\([^)]*\)", "", text).replace("[", "").replace("\\", "").replace("**", "")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture(scope="module")
def example() -> dict[str, str]:
    return files_of(example_data())


def test_home_shows_contact_languages_registration_and_how_to_join(example: dict[str, str]) -> None:
    home = example["index.md"]
    section = words(home.split("{ #logistics }", 1)[1].split("## Nächste Termine", 1)[0])
    for expected in ("Kontakt: sparse-seminar@example.org",
                     "Sprechstunde: Tuesdays 14:00–15:00, room 1.12, and by appointment",
                     "Sprachen: Vorträge: English · Ausarbeitungen: English or German",
                     "Anmeldung bis: Freitag, 16. Oktober 2026, 23:59", "Plätze: 12", "ECTS-Punkte: 7",
                     "Modul: INF-SEM-42 (seminar, Master in Computer Science)", "Register in the university's course system.",
                     "Voraussetzungen", "Linear algebra and a first course", "Online-Treffen",
                     "Registered students get the Zoom link"):
        assert expected in section, expected
    assert '<a href="mailto:sparse-seminar@example.org">' in home
    assert "(dates.md#registration)" in home and "(deliverables.md#hand-in)" in home


def test_the_meeting_link_stays_off_every_file_unless_the_course_opts_in(example: dict[str, str]) -> None:
    assert [name for name, body in example.items() if MEETING in body] == []
    data = example_data()
    data["logistics"]["online_meeting"]["public"] = True
    opted_in = files_of(data)
    assert f'<a href="{MEETING}">' in opted_in["index.md"]
    assert [name for name, body in opted_in.items() if MEETING in body] == ["index.md"]


def test_deliverables_page_says_how_where_in_which_format_and_links_the_template(example: dict[str, str]) -> None:
    page = example["deliverables.md"]
    section = page.split("{ #hand-in }", 1)[1].split("\n## ", 1)[0]
    assert "<strong>one PDF file</strong>" in section  # Markdown, rendered and sanitized
    assert '<a href="https://example.org/upload">' in section and "Dateiformat:** PDF, A4, 11 pt" in section
    assert '<a href="https://example.org/seminar-template.zip">' in section


def test_the_registration_deadline_and_online_dates_say_so_beside_them(example: dict[str, str]) -> None:
    rows = {re.search(r'<span id="([\w.-]+)">', line).group(1): line  # type: ignore[union-attr]
            for line in example["dates.md"].splitlines() if '<span id="' in line}
    assert "[Anmeldung](index.md#registration)" in rows["registration"]
    assert "[so nehmen Sie teil](index.md#online-meeting)" in rows["kickoff"]
    others = [ident for ident, row in rows.items() if "index.md#" in row and ident not in ("registration", "kickoff")]
    assert others == []


def test_without_logistics_the_pages_show_none() -> None:
    """The seminar's page gives none of these facts: its site invents none."""
    seminar = SiteOutput.build(resolve(check(ROOT / "tests" / "seminar" / "course.yml").course), today=TODAY)
    pages = "".join(body for name, body in seminar.files.items() if name.endswith(".md"))
    for anchor in ("#logistics", "#registration", "#online-meeting", "#hand-in"):
        assert anchor not in pages


@pytest.mark.parametrize(("change", "line"), [
    (lambda lg: lg["registration"].update(deadline="registraton"),
     "logistics.registration.deadline: no date has the id 'registraton' (did you mean 'registration'?)"),
    (lambda lg: lg["online_meeting"].update(dates=["kickoff", "kick-off"]),
     "logistics.online_meeting.dates.1: no date has the id 'kick-off' (did you mean 'kickoff'?)"),
    (lambda lg: (lg["online_meeting"].pop("url"), lg["online_meeting"].update(public=True)),
     "logistics.online_meeting.public: public: true shows the meeting's link, but there is no url "
     "(add url, or remove public)"),
    (lambda lg: lg["hand_in"].update(template="javascript:alert(1)"),
     "logistics.hand_in.template: must be an http://, https:// or mailto: link without spaces or control "
     "characters (write the full address, e.g. https://example.org/page; encode a space as %20)"),
    (lambda lg: lg["contact"].update(email="seminar at example.org"),
     "logistics.contact.email: must be an e-mail address (write it as name@example.org)"),
    (lambda lg: lg["registration"].update(ects="7"),
     "logistics.registration.ects: must be a number, not text (write 7 without quotes)"),
    (lambda lg: lg["registration"].update(ects="0.5"),
     "logistics.registration.ects: must be a number, not text (write 0.5 without quotes)"),
    (lambda lg: lg["registration"].update(ects="-7"),
     "logistics.registration.ects: must be a number, not text (write -7 without quotes)"),
])
def test_mistakes_are_located_errors(change: Any, line: str) -> None:
    data = example_data()
    change(data["logistics"])
    with pytest.raises(CourseError) as caught:
        course_from(data)
    assert [f"{p.path}: {p.message}" for p in caught.value.problems] == [line]


# The places students go besides the site, one of each kind; the recordings' link is kept off it.
RECORDINGS = "https://video.example.org/series/seminar-2026"
TOOLS = [{"kind": "lms", "name": "Moodle", "url": "https://moodle.example.org/course/view.php?id=4711",
          "note": "enrol with the key from the kick-off"},
         {"kind": "hand_in", "name": "Gradescope", "url": "https://www.gradescope.com/courses/123"},
         {"kind": "forum", "url": "https://edstem.org/eu/courses/99"},
         {"kind": "office_hours", "name": "Calendly", "url": "https://calendly.com/ada-example"},
         {"kind": "recordings", "name": "Opencast", "url": RECORDINGS, "public": False,
          "note": "in the Moodle course"}]


def _with_tools(data: dict[str, Any]) -> dict[str, str]:
    data["logistics"]["tools"] = TOOLS
    return files_of(data)


def test_each_place_students_go_is_shown_where_they_look_for_it() -> None:
    """The home page lists every tool, labelled by its kind in the course language; the hand-in
    system is also under /deliverables/#hand-in, office hours and recordings on /sessions/."""
    example = _with_tools(example_data())
    home = words(example["index.md"].split("{ #logistics }", 1)[1].split("\n## ", 1)[0]).replace(" :", ":")
    for line in ("Kursseite: Moodle: enrol with the key from the kick-off", "Abgabesystem: Gradescope",
                 "Forum: https://edstem.org/eu/courses/99", "Sprechstunde buchen: Calendly",
                 "Aufzeichnungen: Opencast (Link für angemeldete Studierende): in the Moodle course"):
        assert line in home, line
    hand_in = example["deliverables.md"].split("{ #hand-in }", 1)[1].split("\n## ", 1)[0]
    assert '<a href="https://www.gradescope.com/courses/123">Gradescope</a>' in hand_in
    assert "moodle" not in hand_in.lower() and "calendly" not in hand_in.lower()
    lecture = lecture_data()
    lecture["logistics"] = {"tools": TOOLS}
    sessions = words(_with_tools(lecture)["sessions.md"])
    assert "- Sprechstunde buchen: Calendly - Aufzeichnungen: Opencast" in sessions
    assert "Gradescope" not in sessions and "Kursseite" not in sessions and "Forum" not in sessions


def test_a_hand_in_system_alone_makes_the_hand_in_section() -> None:
    data = example_data()
    del data["logistics"]["hand_in"]
    data["logistics"]["tools"] = [TOOLS[1]]
    files = files_of(data)
    assert '<a href="https://www.gradescope.com/courses/123">Gradescope</a>' in files["deliverables.md"].split(
        "{ #hand-in }", 1)[1]
    assert "(deliverables.md#hand-in)" not in files["index.md"] and "Gradescope" in files["index.md"]


def test_a_link_kept_off_the_site_is_in_no_file() -> None:
    files = _with_tools(example_data())
    assert [name for name, body in files.items() if RECORDINGS in body] == []
    TOOLS[4]["public"] = True
    try:
        shown = _with_tools(example_data())
    finally:
        TOOLS[4]["public"] = False
    assert [name for name, body in shown.items() if RECORDINGS in body] == ["index.md"]


@pytest.mark.parametrize(("tool", "line"), [
    ({"kind": "lms", "url": "moodle.example.org/course/4711"},
     "logistics.tools.0.url: must be an http://, https:// or mailto: link without spaces or control characters "
     "(write the full address, e.g. https://example.org/page; encode a space as %20)"),
    ({"kind": "wiki", "url": "https://example.org/wiki"},
     "logistics.tools.0.kind: must be 'lms', 'hand_in', 'forum', 'office_hours' or 'recordings' "
     "(use one of these values)"),
    ({"kind": "forum"}, "logistics.tools.0.url: required field is missing (add 'url:' to this entry)"),
])
def test_a_tool_with_a_mistake_is_a_located_error(tool: dict[str, Any], line: str) -> None:
    data = example_data()
    data["logistics"]["tools"] = [tool]
    with pytest.raises(CourseError) as caught:
        course_from(data)
    assert [f"{p.path}: {p.message}" for p in caught.value.problems] == [line]


@pytest.mark.parametrize(("unit", "language", "shown"), [
    ("credit_hours", "en-US", "Credits:** 3 credit hours"), ("ects", "de", "Leistungspunkte:** 3 ECTS\\-Punkte"),
    ("cats", "fr", "Crédits:** 3 crédits CATS \\(Royaume\\-Uni\\)"), ("credit_hours", "de", "3 Credit Hours \\(USA\\)"),
])
def test_credits_are_shown_with_their_unit_in_the_course_language(unit: str, language: str, shown: str) -> None:
    data = example_data()
    data["course"]["language"] = language
    registration = data["logistics"]["registration"]
    del registration["ects"]
    registration["credits"] = {"value": 3, "unit": unit}
    assert shown in files_of(data)["index.md"]


# A German grading scale, written from the best grade to the worst.
GRADES = [{"grade": "1.0", "min": 95}, {"grade": "1.3", "min": 90}, {"grade": "1.7", "min": 85},
          {"grade": "4.0", "min": 50}, {"grade": "5.0", "min": 0}]


def test_a_grading_scale_is_shown_beside_the_weights() -> None:
    data = example_data()
    data["grading"] = {"scale": GRADES, "note": "Each part must be passed **on its own**."}
    page = files_of(data)["deliverables.md"]
    weights, grading = page.index("| **Summe** |"), page.index("## Notenschlüssel { #grading }")
    assert weights < grading < page.index("{ #hand-in }")
    table = page[grading:].split("\n\n")[1].splitlines()
    assert table[2:] == ["| 1\\.0 | 95 % |", "| 1\\.3 | 90 % |", "| 1\\.7 | 85 % |", "| 4\\.0 | 50 % |", "| 5\\.0 | 0 % |"]
    assert "<strong>on its own</strong>" in page[grading:]
    assert "#grading" not in files_of(example_data())["deliverables.md"]


@pytest.mark.parametrize(("change", "lines"), [
    (lambda d: d["grading"]["scale"][2].update(min=90),
     ["grading.scale.2.min: 90 is not below 90, where '1.3' starts (list the grades from the best to the worst, "
      "each from a lower share of the points)"]),
    (lambda d: d["grading"]["scale"].reverse(),
     [f"grading.scale.{i}.min: {low} is not below {high}, where '{grade}' starts (list the grades from the best to "
      "the worst, each from a lower share of the points)"
      for i, (low, high, grade) in enumerate([(50, 0, "5.0"), (85, 50, "4.0"), (90, 85, "1.7"), (95, 90, "1.3")], 1)]),
    (lambda d: d["grading"]["scale"][3].update(grade="1.0"),
     ["grading.scale.3.grade: the grade '1.0' comes twice (also grading.scale[0]; give each once)"]),
    (lambda d: d["grading"]["scale"][0].update(min=101),
     ["grading.scale.0.min: must be less than or equal to 100 (use a smaller number)"]),
    (lambda d: d["logistics"]["registration"].update(credits={"value": 7, "unit": "ects"}),
     ["logistics.registration.credits: ects and credits both say what the course counts for (keep one: "
      "credits: {value: 7, unit: ects} is ects: 7)"]),
    (lambda d: d["logistics"]["registration"].update(ects=None, credits={"value": 3, "unit": "hours"}),
     ["logistics.registration.credits.unit: must be 'ects', 'credit_hours' or 'cats' (use one of these values)"]),
])
def test_credits_and_grading_mistakes_are_located_errors(change: Any, lines: list[str]) -> None:
    data = example_data()
    data["grading"] = {"scale": [dict(band) for band in GRADES]}
    change(data)
    with pytest.raises(CourseError) as caught:
        course_from(data)
    assert [f"{p.path}: {p.message}" for p in caught.value.problems] == lines


def test_markdown_fields_are_sanitized() -> None:
    data = example_data()
    data["logistics"]["hand_in"]["how"] = "Upload <script>alert(1)</script> [here](javascript:alert(1))."
    page = files_of(data)["deliverables.md"]
    assert "<script>" not in page and "javascript:" not in page and "&lt;script&gt;" in page


def test_each_logistics_mistake_points_at_its_value_in_the_file() -> None:
    text = (ROOT / "tests" / "example" / "course.yml").read_text(encoding="utf-8")
    for old, new in [("    deadline: registration\n", "    deadline: registraton\n"),
                     ("    dates: [kickoff]\n", "    dates: [kickoff, kick-off]\n"),
                     ('    url: "https://example.org/zoom/123"  # not public: it stays off the site\n',
                      "    public: true\n")]:
        assert old in text
        text = text.replace(old, new, 1)
    with pytest.raises(CourseError) as caught:
        check_text(text)
    assert [p.format("course.yml") for p in caught.value.problems] == [
        "course.yml:139:15: logistics.registration.deadline: no date has the id 'registraton' (did you mean "
        "'registration'?)",
        "course.yml:150:13: logistics.online_meeting.public: public: true shows the meeting's link, but there is no "
        "url (add url, or remove public)",
        "course.yml:151:22: logistics.online_meeting.dates.1: no date has the id 'kick-off' (did you mean 'kickoff'?)"]
