"""The US fixture course (tests/us/): a spring lecture at a US university, as its students see it.

US English (12-hour clock, month before day), America/New_York with the switch to daylight saving
time inside spring break, two recitation sections to choose from, two federal holidays chosen from
the holidays package's list, a midterm in a lecture slot, a cancelled lecture, the course's page in
the LMS and its forum, a hand-in system kept off the public pages, credit hours and letter grades,
and no legal notice. The pages are those of a real `mkdocs build --strict`; every occurrence of the
feed, as each calendar reader expands it, is checked against instants worked out here from the YAML
with zoneinfo and the holidays package (tests/properties.py), never with the engine.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import properties
import pytest
import yaml
from clients import EXPANDING_READERS, expand_spans
from icalendar import Calendar
from support import US, Build, BuiltSites
from test_series import shown, text_of

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

COURSE = US / "course.yml"
ZONE = ZoneInfo("America/New_York")
# The day the site is built on: a Monday before the term, so every session is still to come.
TODAY = "2027-01-11"


@pytest.fixture(scope="module")
def site(built: BuiltSites) -> Build:
    """The US course built on a fixed day before its term."""
    return built("us", COURSEGEN_TODAY=TODAY)


def expected() -> Counter[tuple[str, datetime | date, datetime | date | None]]:
    """Each occurrence (UID, UTC start, UTC end; days for all-day items) from the YAML alone."""
    course = properties.read_course(COURSE)
    return Counter((f"{name}@{course['course']['id']}", *span)
                   for name, event in properties.expected_events(course).items() for span in event.spans)


def at(day: date, clock: time) -> datetime:
    """A wall time in New York as its UTC instant."""
    return datetime.combine(day, clock, ZONE).astimezone(UTC)


# ---- The fixture is what a US course needs ------------------------------------------------


def test_the_fixture_is_a_us_spring_lecture_across_the_clock_change() -> None:
    data = yaml.safe_load(COURSE.read_text(encoding="utf-8"))
    assert (data["course"]["language"], data["course"]["timezone"]) == ("en-US", "America/New_York")
    assert data["course"]["institution"]["country"] == "US" and "impressum" not in data["course"]["legal"]
    assert [s["id"] for s in data["series"] if s.get("choose_one")] == ["recitation-1", "recitation-2"]
    assert {t["kind"] for t in data["logistics"]["tools"]} >= {"lms", "forum"}
    federal = holidays.country_holidays("US", years=[2027], language="en_US")
    assert {federal.get(d) for d in (date(2027, 1, 18), date(2027, 2, 15))} == {
        "Martin Luther King Jr. Day", "Washington's Birthday"}
    occurrences = expected()
    lectures = sorted(o[1] for o in occurrences if o[0].startswith("series-lecture@"))
    # 30 Tuesdays and Thursdays, two in spring break, one cancelled; the midterm keeps its slot.
    assert len(lectures) == 30 - 2 - 1
    assert at(date(2027, 3, 4), time(10, 30)) in lectures
    # 10:30 in New York is 15:30 UTC before the switch (EST) and 14:30 after it (EDT).
    assert {o.hour for o in lectures} == {15, 14}
    recitation_1 = [o for o in occurrences if o[0].startswith("series-recitation-1@")]
    assert len(recitation_1) == 14 - 1 - 1  # 14 Mondays, Presidents' Day and one in spring break left out
    office = sorted(o[1] for o in occurrences if o[0].startswith("series-office-hours@"))
    assert at(date(2027, 3, 19), time(13)) in office  # office hours go on in spring break


# ---- The pages ------------------------------------------------------------------------------


def test_pages_are_in_us_english_with_a_12_hour_clock_and_the_zone_as_people_say_it(site: Build) -> None:
    sessions = site.read("sessions/index.html").decode("utf-8")
    page = text_of(sessions)
    assert '<html lang="en-US"' in sessions
    assert "All times are Eastern Time (ET), the local time in New York." in page
    assert "Lecture .ics (add Lecture to your calendar) Tuesday, Thursday, 10:30 AM–11:45 AM Jan 19 – Apr 29, 2027" in page
    assert "Mon, Feb 15: Recitation 1 – No session: Washington's Birthday (Week 5)" in page
    assert "Tue, Mar 16: Lecture – No session: Spring break (Week 9)" in page
    assert "Thu, Mar 4: Lecture – 10:30 AM–11:45 AM: Midterm exam (Closed book; bring a photo ID) (Week 7)" in page
    assert "Tue, Apr 6, 10:30 AM–11:45 AM: Lecture – Canceled: The instructor is at a conference" in page
    # The same wall time on both sides of the switch, each with its own offset.
    assert '<time datetime="2027-03-11T10:30:00-05:00">10:30\u202fAM</time>' in sessions
    assert '<time datetime="2027-03-23T10:30:00-04:00">10:30\u202fAM</time>' in sessions
    dates = text_of(site.read("dates/index.html").decode("utf-8"))
    assert "Friday, February 12, 2027, 11:59 PM Project proposal due" in dates
    assert "Monday, February 1, 2027 Last day to drop without a W" in dates  # a one-day range is one day
    assert "Thursday, May 6, 2027, 1:00 PM–3:00 PM Final exam" in dates
    assert not re.search(r"\b(?:1[3-9]|2[0-3]):\d\d\b", dates + page)  # no 24-hour times


def test_the_home_page_links_the_lms_and_forum_and_keeps_the_hand_in_link_off(site: Build) -> None:
    source = site.read("index.html").decode("utf-8")
    page = text_of(source)
    assert '<a href="https://canvas.example.edu/courses/48213">Canvas</a>' in source
    assert '<a href="https://edstem.org/us/courses/71234">Ed Discussion</a>' in source
    assert "Hand-in system: Gradescope (link for registered students): Canvas has the link and the entry code." in page
    assert "gradescope.com" not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                           for p in site.site.rglob("*") if p.suffix in (".html", ".ics", ".xml"))
    assert "Credits: 3 credit hours Course number: CS 348" in page


def test_grades_and_weights_are_on_the_deliverables_page(site: Build) -> None:
    page = text_of(site.read("deliverables/index.html").decode("utf-8"))
    assert "Homework 6 5 % 30 %" in page and "Total 100 %" in page
    assert "Grade From (percent of the points) A 93 % A- 90 % B+ 87 %" in page
    assert "Letter grades are never curved down; the cutoffs may be lowered." in page


def test_the_footer_has_no_legal_notice_and_no_german(site: Build) -> None:
    for page in site.site.rglob("*.html"):
        footer = re.search(r"<footer\b.*?</footer>", page.read_text(encoding="utf-8"), re.DOTALL)
        assert footer, page
        assert text_of(footer.group()).startswith("Privacy policy | Accessibility Technical contact:"), page
        assert not re.search(r"Impressum|Datenschutz|Barriere", footer.group()), page


# ---- The feed, as every reader expands it ----------------------------------------------------


# What zoneinfo gives, in the shape a reader reports: calcurse keeps no UID, and shows an all-day
# item on its day, without an end.
def wanted(reader: str) -> Counter[tuple[str | None, datetime | date, datetime | date | None]]:
    if reader != "calcurse":
        return expected()
    return Counter({(None, start, None if type(start) is date else end): n for (_, start, end), n in expected().items()})


# calcurse keeps an overridden session's planned slot beside the override (test_series.py): the
# midterm has its own title, so calcurse shows the lecture planned in its slot as well.
@pytest.mark.parametrize("reader", EXPANDING_READERS)
def test_every_reader_expands_every_session_at_its_zoneinfo_instant(reader: str, site: Build, tmp_path: Path) -> None:
    spans = expand_spans(reader, site.site / "calendar.ics", tmp_path, "America/New_York")
    extra = Counter([(None, at(date(2027, 3, 4), time(10, 30)), at(date(2027, 3, 4), time(11, 45)))])
    assert shown(spans) - wanted(reader) == (extra if reader == "calcurse" else Counter())
    assert wanted(reader) - shown(spans) == Counter()


def test_the_feed_has_no_event_on_a_chosen_holiday_or_in_spring_break_but_office_hours() -> None:
    for uid, start, _ in expected():
        day = start.astimezone(ZONE).date() if isinstance(start, datetime) else start
        assert day != date(2027, 2, 15), uid
        if date(2027, 3, 13) <= day <= date(2027, 3, 21):
            assert uid.startswith("series-office-hours@"), uid


def test_the_course_feed_names_the_zone_once(site: Build) -> None:
    calendar = Calendar.from_ical(site.read("calendar.ics"))
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["America/New_York"]
