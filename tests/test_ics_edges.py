"""Edges of the calendar feed that the fixture courses leave out, checked on the engine's output.

Each test changes a fixture course a little (an open talk slot in a tentative block course, a
date with details, a paper without a link, two timed dates on one day, a zone whose VTIMEZONE
lists every year's change) or the machine it runs on (a local zone other than UTC), and reads
`calendar_files` and `google_links` with icalendar: what a subscriber's client would see.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from icalendar.parser import Contentline
from support import EXAMPLE, LECTURE, MINIMAL, SEMINAR

from coursegen.agenda import resolve
from coursegen.i18n import labels
from coursegen.ics import calendar_files, events, fold, google_links, subscribe_urls
from coursegen.loader import validate
from coursegen.model import Course
from coursegen.revisions import Revision
from coursegen.vtimezone import vtimezone
from coursegen.yamlsource import parse

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)

# The revision the feeds are dated by: a fixed time and no history.
STAMP = Revision(datetime(2026, 9, 1, 12, 0, tzinfo=UTC))


# A fixture course's YAML as plain data (times and dates stay text), to change.
def course_data(project: Path) -> dict:
    return parse((project / "course.yml").read_text(encoding="utf-8")).data


# A course from plain data, validated like course.yml.
def course_from(data: dict) -> Course:
    doc = parse("{}")
    doc.data = data
    return validate(doc)


# Every file of a course's calendar, parsed: the feed under "calendar.ics", each event's own file by path.
def parsed(course: Course, site_url: str | None = None) -> dict[str, Calendar]:
    return {path: Calendar.from_ical(ics) for path, ics in calendar_files(resolve(course), STAMP, site_url).items()}


# The feed's VEVENTs by the local part of their UID (`date-exam`, `talk-t6`, `series-lecture`).
def vevents(feed: Calendar) -> dict[str, Event]:
    return {str(e["UID"]).split("@", 1)[0]: e for e in feed.events if "RECURRENCE-ID" not in e}


@pytest.fixture
def new_york_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local zone set to America/New_York for one test (and back to what it was after)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_an_open_slot_of_a_tentative_block_course_is_a_tentative_event_that_says_so() -> None:
    """A talk slot no paper names is an event titled as an open slot, with no paper in its notes
    but its room; in a tentative block course every talk is TENTATIVE, assigned or not."""
    data = course_data(EXAMPLE)
    data["schedule"]["status"] = "tentative"
    open_paper = next(p for p in data["papers"] if p.get("slot") == "t6")
    del open_paper["slot"]
    course = course_from(data)
    lab = labels(course.course.language)
    talks = {name: e for name, e in vevents(parsed(course)["calendar.ics"]).items() if name.startswith("talk-")}
    assert len(talks) == 6
    slot = talks["talk-t6"]
    assert str(slot["SUMMARY"]) == lab["open_slot"]
    assert str(slot["DESCRIPTION"]) == f"{lab['room']}: {slot['LOCATION']}"
    assert open_paper["title"] not in slot.to_ical().decode("utf-8")
    assert {str(e["STATUS"]) for e in talks.values()} == {"TENTATIVE"}
    assert str(talks["talk-t1"]["SUMMARY"]).startswith(f"{lab['talk']}: ")


def test_notes_hold_a_dates_details_and_leave_out_a_paper_without_a_link() -> None:
    """A date's details open its DESCRIPTION; a talk's notes list its paper's title, authors, venue
    and year, and its link only if it has one (no placeholder line for a missing link)."""
    data = course_data(EXAMPLE)
    dated = next(d for d in data["dates"] if d.get("date") and not d.get("deliverable"))
    dated["details"] = "Bring your student ID."
    paper = next(p for p in data["papers"] if p.get("slot") == "t3")
    for key in ("arxiv", "doi", "url"):
        paper.pop(key, None)
    course = course_from(data)
    lab = labels(course.course.language)
    found = vevents(parsed(course)["calendar.ics"])
    assert str(found[f"date-{dated['id']}"]["DESCRIPTION"]).split("\n\n")[0] == "Bring your student ID."
    talk = found["talk-t3"]
    assert str(talk["DESCRIPTION"]).split("\n") == [
        paper["title"], ", ".join(paper["authors"]), f"{paper['venue']}, {paper['year']}",
        f"{lab['room']}: {talk['LOCATION']}"]


def test_timed_events_on_one_day_follow_the_all_day_ones_in_order_of_time_not_of_name() -> None:
    """On one day the all-day items come first, then the timed ones by start: an afternoon date
    whose id sorts first still comes after the morning exam, in `events` and in the feed."""
    data = course_data(MINIMAL)
    day = next(d for d in data["dates"] if d["id"] == "exam")["date"]
    data["dates"] += [{"id": "aa-review", "title": "Exam review", "date": day, "start": "14:00", "end": "15:00"},
                      {"id": "zz-day", "title": "Exam day", "date": day}]
    agenda = resolve(course_from(data))
    order = ["date-zz-day", "date-exam", "date-aa-review"]
    assert [e.name for e in events(agenda)] == order
    feed = Calendar.from_ical(calendar_files(agenda, STAMP)["calendar.ics"])
    assert [str(e["UID"]).split("@", 1)[0] for e in feed.events] == order


def test_each_vtimezone_covers_exactly_the_years_its_events_fall_in() -> None:
    """The feed's VTIMEZONE is the one for every year an event falls in (an all-day date in 2026,
    a timed exam and a weekly series in 2027), each event's own file the one for its own years:
    no year left out, none added. Africa/Casablanca shows it, as its VTIMEZONE lists each year's
    changes one by one."""
    data = course_data(MINIMAL)
    data["course"]["timezone"] = "Africa/Casablanca"
    data["dates"].append({"id": "enrolment", "title": "Enrolment opens", "date": "2026-10-01"})
    data["series"] = [{"id": "tutorial", "title": "Tutorial", "days": ["wednesday"], "start": "14:15",
                       "end": "15:45", "first": "2027-04-14", "last": "2027-07-14", "room": "Room 0.01"}]
    files = parsed(course_from(data))

    def zone(path: str) -> bytes | None:
        found = files[path].walk("VTIMEZONE")
        return found[0].to_ical() if found else None

    def expected(*years: int) -> bytes:
        return Calendar.from_ical(vtimezone("Africa/Casablanca", set(years)).to_ical()).to_ical()

    assert zone("calendar.ics") == expected(2026, 2027)
    assert zone("calendar/series-tutorial.ics") == expected(2027)
    assert zone("calendar/date-exam.ics") == expected(2027)
    assert zone("calendar/date-enrolment.ics") is None


@pytest.mark.usefixtures("new_york_machine")
def test_feed_times_and_google_links_are_utc_whatever_the_machines_zone() -> None:
    """Built on a machine in New York, DTSTAMP and a series' RRULE UNTIL are still written in UTC,
    and each Google Calendar link gives the event's UTC times (with their Z)."""
    lecture = calendar_files(resolve(course_from(course_data(LECTURE))), STAMP)["calendar.ics"].decode("utf-8")
    assert {line for line in lecture.split("\r\n") if line.startswith("DTSTAMP")} == {"DTSTAMP:20260901T120000Z"}
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270715T081500Z;BYDAY=TU,TH;WKST=MO" in lecture  # 10:15 in Berlin

    agenda = resolve(course_from(course_data(EXAMPLE)))
    links = google_links(agenda)
    timed = [e for e in events(agenda) if e.timed]
    assert timed
    for event in timed:
        dates = parse_qs(urlsplit(links[event.name]).query)["dates"][0]
        start, end = event.start.astimezone(ZoneInfo("UTC")), event.end.astimezone(ZoneInfo("UTC"))
        assert dates == f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}", event.name


@pytest.mark.usefixtures("new_york_machine")
def test_a_feed_without_events_built_at_new_year_takes_the_utc_year_whatever_the_machines_zone() -> None:
    """A course with no dated event still gets a VTIMEZONE, for the year of its revision's time in
    UTC: built at 02:00 UTC on 1 January 2027 (still 2026 in New York) it is the one for 2027."""
    course = course_from(course_data(SEMINAR))
    new_year = Revision(datetime(2027, 1, 1, 2, 0, tzinfo=UTC))
    feed = Calendar.from_ical(calendar_files(resolve(course), new_year)["calendar.ics"])
    assert not feed.events
    expected = Calendar.from_ical(vtimezone(course.course.timezone, {2027}).to_ical()).to_ical()
    assert [z.to_ical() for z in feed.walk("VTIMEZONE")] == [expected]


@pytest.mark.parametrize("line", [
    "DESCRIPTION:" + "x" * 61 + "\\n" + "y" * 20,  # a TEXT escape's backslash would end the first line
    "DESCRIPTION:" + "x" * 61 + "^n" + "y" * 20,  # an RFC 6868 escape's caret would
])
def test_fold_moves_an_escape_that_would_end_a_line_onto_the_next_as_icalendar_does(line: str) -> None:
    """A backslash or caret that would be the last octet of a physical line goes to the next one
    with the character it escapes, the way icalendar itself folds the line."""
    folded = fold(line)
    assert folded.split("\r\n") == [line[:73], " " + line[73:]]
    assert folded == Contentline(line).to_ical().decode("utf-8")


def test_subscribe_addresses_keep_every_character_of_the_site_url_path() -> None:
    """Only trailing slashes of the site_url are dropped (not a trailing X), and only its own
    scheme becomes webcal://, even where its path holds another address; the feed's SOURCE is
    the https:// one."""
    assert subscribe_urls("https://example.org/teaching/TEX/") == {
        "https": "https://example.org/teaching/TEX/calendar.ics",
        "webcal": "webcal://example.org/teaching/TEX/calendar.ics",
        "google": "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fexample.org%2Fteaching%2FTEX%2F"
                  "calendar.ics"}
    archived = "https://web.archive.org/web/2027/https://courses.example.org/sparse"
    assert subscribe_urls(archived) == {
        "https": f"{archived}/calendar.ics",
        "webcal": "webcal://web.archive.org/web/2027/https://courses.example.org/sparse/calendar.ics",
        "google": "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fweb.archive.org%2Fweb%2F2027%2F"
                  "https%3A%2F%2Fcourses.example.org%2Fsparse%2Fcalendar.ics"}
    feed = parsed(course_from(course_data(MINIMAL)), "https://example.org/teaching/TEX//")["calendar.ics"]
    assert str(feed["SOURCE"]) == "https://example.org/teaching/TEX/calendar.ics"
