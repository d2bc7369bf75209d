""""Next for you" at the top of the home page: which items are chosen for a given today, and how
the home page shows them (the layout on a phone is in tests/browser/test_next_for_you.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_calendar import course_from, example_data

from coursegen import coming
from coursegen.agenda import resolve
from coursegen.i18n import labels
from coursegen.loader import load, load_text
from coursegen.model import Course
from coursegen.pages import render

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)

ROOT = Path(__file__).resolve().parents[1]


# The items "next for you" shows at the start of `today`, as the home page shows them.
def next_up(course: Course, today: dt.date) -> list[coming.Entry]:
    return [entry for entry, _ in coming.next_for_you(resolve(course), today, labels(course.course.language)).shown]


# (link, title, day, start, place) of each chosen item.
def chosen(course: Course, today: dt.date) -> list[tuple[str, str, dt.date | None, dt.time | None, str | None]]:
    return [(n.href, n.title, n.occurrence.item.date, n.occurrence.item.start, n.place)
            for n in next_up(course, today)]


@pytest.fixture(scope="module")
def example() -> Course:
    return load(ROOT / "tests" / "example" / "course.yml")


def test_past_items_never_come_first(example: Course) -> None:
    """A day after review 1, review 2 is next; then the first per-talk item (12:00 before the 14:00 feedback)."""
    assert chosen(example, dt.date(2026, 12, 1)) == [
        ("dates/#review-2", "Review 2", dt.date(2027, 1, 31), dt.time(23, 59), None),
        ("dates/#slides-due.t1", "Folien zur Rückmeldung – The Lottery Ticket Hypothesis", dt.date(2027, 3, 22),
         dt.time(12, 0), None)]


def test_an_item_later_today_comes_first_with_time_and_place(example: Course) -> None:
    first, second = chosen(example, dt.date(2026, 10, 20))
    assert first == ("dates/#kickoff", "Kick-off meeting", dt.date(2026, 10, 20), dt.time(10, 0), "Online (Zoom)")
    assert second[1] == "Topic preferences due"


def test_each_per_talk_rule_counts_once(example: Course) -> None:
    """On 2027-03-23 the slides of t1-t4 are past; the questions (2 days before) and t5's slides lie ahead."""
    items = [n.occurrence.key for n in next_up(example, dt.date(2027, 3, 23))]
    assert items == ["date:slides-due.t5", "date:review-questions.t1"]


def test_the_block_course_shows_its_next_day_with_that_days_start_and_room(example: Course) -> None:
    assert chosen(example, dt.date(2027, 3, 30)) == [
        ("schedule/#day-2027-03-30", "Block course", dt.date(2027, 3, 30), dt.time(9, 30), "Room 1.12"),
        ("dates/#report", "Seminar paper hand-in", dt.date(2027, 4, 6), None, None)]
    day_one = next_up(example, dt.date(2027, 3, 29))[0].occurrence.item
    assert (day_one.date, day_one.start, day_one.end, day_one.location) == (
        dt.date(2027, 3, 29), dt.time(9, 0), dt.time(14, 10), "Room 0.01")


def test_tbd_items_only_when_nothing_dated_lies_ahead(example: Course) -> None:
    """Before the last dated item, the tbd 'Grades published' never shows; after it, it does, with its hint."""
    assert all(n.occurrence.dated for n in next_up(example, dt.date(2027, 4, 1)))
    [grades] = next_up(example, dt.date(2027, 4, 7))
    assert (grades.occurrence.key, grades.href) == ("date:grades", "dates/#grades")
    home = render(resolve(example), dt.date(2027, 4, 7))["index.md"]
    assert "Grades published" in home and "noch offen: after all papers are graded" in home


def test_the_seminar_shows_its_first_tbd_dates_with_hint_and_place() -> None:
    seminar = load(ROOT / "tests" / "seminar" / "course.yml")
    assert chosen(seminar, dt.date(2026, 12, 2)) == [
        ("dates/#kickoff", "Kick-off meeting", None, None, "Online, via Zoom"),
        ("dates/#review-1", "Review 1 (with 3 questions for the presenter)", None, None, None)]
    home = render(resolve(seminar), dt.date(2026, 12, 2))["index.md"]
    assert "to be decided: first week of the semester" in home


def test_a_weekly_series_next_session_competes() -> None:
    """Office hours on Wednesday afternoon come first that day, then Friday's exercise group (the
    lecture of Thursday is a holiday's)."""
    lecture = load(ROOT / "tests" / "lecture" / "course.yml")
    assert chosen(lecture, dt.date(2027, 5, 5)) == [
        ("sessions/#week-10", "Sprechstunde", dt.date(2027, 5, 5), dt.time(16, 0), "Raum 2.07"),
        ("sessions/#week-10", "Übung (Freitagsgruppe)", dt.date(2027, 5, 7), dt.time(8, 30), "Seminarraum 0.02")]


def test_nothing_ahead_shows_the_empty_state() -> None:
    data = example_data()
    data["dates"] = [d for d in data["dates"] if d.get("status") != "tbd"]
    course = course_from(data)
    assert next_up(course, dt.date(2027, 5, 1)) == []
    home = render(resolve(course), dt.date(2027, 5, 1))["index.md"]
    section = home.split("{ #next-for-you }", 1)[1].split("\n## ", 1)[0]
    assert '<ul data-cg-list hidden></ul><p class="cg-empty" data-cg-empty>Noch keine festen Termine.</p>' in section


def test_the_home_page_puts_time_as_an_instant_and_place_first(example: Course) -> None:
    """The block sits right under the title; times are <time> instants that now.js can convert."""
    home = render(resolve(example), dt.date(2026, 10, 20))["index.md"]
    assert home.index("{ #next-for-you }") < home.index('class="cg-facts"')
    block = home.split('<div class="cg-next"', 1)[1].split("<ul data-cg-list>", 1)[1].split("</ul>", 1)[0]
    assert '<time datetime="2026-10-20T10:00:00+02:00">10:00</time>' in block
    assert '<span class="cg-when">' in block and "Online (Zoom)" in block
    assert "Di., 20. Okt." in block


def test_each_day_of_the_block_course_is_one_occurrence_with_that_days_times_room_and_place_in_the_file(
        example: Course) -> None:
    zone = ZoneInfo("Europe/Berlin")
    assert [(o.key, o.kind, o.title, o.status, o.source, o.start, o.end, o.place, o.group)
            for o in resolve(example).block_days] == [
        ("day:2027-03-29", "day", "Block course", "planned", ("schedule", "days", 0),
         dt.datetime(2027, 3, 29, 9, 0, tzinfo=zone), dt.datetime(2027, 3, 29, 14, 10, tzinfo=zone), "Room 0.01", "block"),
        ("day:2027-03-30", "day", "Block course", "planned", ("schedule", "days", 1),
         dt.datetime(2027, 3, 30, 9, 30, tzinfo=zone), dt.datetime(2027, 3, 30, 10, 45, tzinfo=zone), "Room 1.12", "block")]


def test_each_date_of_the_course_is_an_occurrence_with_its_title_and_place_in_the_file(example: Course) -> None:
    assert [(o.key, o.title, o.source, o.place) for o in resolve(example).dates if o.kind == "date"][:3] == [
        ("date:kickoff", "Kick-off meeting", ("dates", 0), "Online (Zoom)"),
        ("date:topic-choice", "Topic preferences due", ("dates", 1), None), ("date:review-1", "Review 1", ("dates", 2), None)]


def test_each_talk_is_named_by_its_paper_or_as_an_open_slot() -> None:
    data = example_data()
    data["papers"] = [p for p in data["papers"] if p.get("slot") != "t2"]
    talks = {o.key: o.title for o in resolve(course_from(data)).talks}
    assert talks["talk:t1"] == "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks"
    assert talks["talk:t2"] == labels("de").open_slot


def test_without_a_named_date_the_one_that_covers_most_block_days_stands_for_it() -> None:
    """The first of the dates that cover most of the block course's days, one day being enough."""
    data = example_data()
    assert resolve(course_from(data)).block_date == 5  # 29 and 30 March
    data["dates"].append({**data["dates"][5], "id": "block-again"})  # as many days, later in the file
    assert resolve(course_from(data)).block_date == 5
    data["dates"] = [d for d in data["dates"] if d["id"] != "block-again"]
    del data["dates"][5]["end_date"]  # 29 March alone: one day of the two
    assert resolve(course_from(data)).block_date == 5


def test_the_date_the_schedule_names_stands_for_the_block_course() -> None:
    text = (ROOT / "tests" / "example" / "course.yml").read_text(encoding="utf-8")
    schedule = 'schedule:\n  room: "Room 0.01"\n'
    assert text.count(schedule) == 1
    agenda = resolve(load_text(text.replace(schedule, 'schedule:\n  date: block-course\n  room: "Room 0.01"\n')))
    assert agenda.block_date == 5 and [(o.key, o.title) for o in agenda.block_days] == [
        ("day:2027-03-29", "Block course"), ("day:2027-03-30", "Block course")]
