"""A student's own calendar: the feed of each track (a talk given, a talk reviewed, one of the
groups students choose between) and the feed of everyone's events. Together they hold the full
feed's events, each once and unchanged; a track's feed holds its own events and nothing else. The
engine's files are checked as bytes and as icalendar reads them; three readers (icalendar with
recurring-ical-events, ical.js, libical) check that they show the same occurrences."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from clients import expand_spans
from icalendar import Calendar
from support import EXAMPLE, LECTURE, MINIMAL, SEMINAR, US
from test_errors import error_lines
from test_ics_edges import STAMP, course_data, course_from

from coursegen.agenda import resolve
from coursegen.i18n import labels
from coursegen.ics import calendar_files
from coursegen.loader import load_text
from coursegen.model import Course
from coursegen.pages import render
from coursegen.tracks import choice_id, course_wide, owners, track_label, track_name_html, tracks

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)

# The lecture, whose students attend the Monday exercise group or the Friday one.
LECTURE_TEXT = (LECTURE / "course.yml").read_text(encoding="utf-8")
CHOICE = '    choose_one: "Übungsgruppe"\n'


def _example(change: Callable[[dict[str, Any]], None] | None = None) -> Course:
    data = course_data(EXAMPLE)
    if change:
        change(data)
    return course_from(data)


COURSES: dict[str, Callable[[], Course]] = {
    "example": _example,
    "lecture": lambda: course_from(course_data(LECTURE)),
    "seminar": lambda: course_from(course_data(SEMINAR)),
    "minimal": lambda: course_from(course_data(MINIMAL)),
    "us": lambda: course_from(course_data(US)),
}


# The VEVENTs of a calendar file as bytes, by UID (a series: its recurring event and overrides).
def _vevents(ics: bytes) -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", ics, re.S):
        uid = re.search(rb"\r\nUID:([^\r]*)\r\n", block)
        assert uid is not None
        found.setdefault(uid.group(1).decode(), []).append(block)
    return found


def _track_files(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: ics for path, ics in files.items() if path.startswith("calendar/tracks/")}


@pytest.mark.parametrize("name", COURSES)
def test_everyones_feed_and_the_track_feeds_hold_the_full_feed_each_event_once(name: str) -> None:
    course = COURSES[name]()
    agenda = resolve(course)
    files = calendar_files(agenda, STAMP)
    full = _vevents(files["calendar.ics"])
    parts = {path: _vevents(ics) for path, ics in _track_files(files).items()}
    domain = course.site_id
    owned = {f"calendar/tracks/{t.id}.ics": {f"{e}@{domain}" for e in t.events} for t in tracks(agenda) if t.events}
    if not owned:
        assert parts == {}
        return
    owned["calendar/tracks/everyone.ics"] = {f"{e}@{domain}" for e in course_wide(tracks(agenda), [u.split("@")[0] for u in full])}
    assert {path: set(events) for path, events in parts.items()} == owned
    together = Counter(block for events in parts.values() for blocks in events.values() for block in blocks)
    assert together == Counter(block for blocks in full.values() for block in blocks)


def test_the_examples_tracks_are_each_talk_given_and_reviewed() -> None:
    agenda = resolve(_example())
    found = {t.id: (t.keys, t.events) for t in tracks(agenda)}
    slots = [f"t{n}" for n in range(1, 7)]
    assert list(found) == [f"talk-{s}" for s in slots] + [f"review-{s}" for s in slots]
    assert found["talk-t1"] == (("talk:t1", "date:slides-due.t1"), ("date-slides-due.t1",))
    assert found["review-t3"] == (("talk:t3", "date:review-questions.t3"), ("date-review-questions.t3",))
    everyone = course_wide(tracks(agenda), [e.split("@")[0] for e in _vevents(calendar_files(agenda, STAMP)["calendar.ics"])])
    assert [e for e in everyone if "." in e] == [] and {f"talk-{s}" for s in slots} <= set(everyone)


def test_a_group_track_holds_its_series_sessions() -> None:
    agenda = resolve(load_text(LECTURE_TEXT))
    found = {t.id: t for t in tracks(agenda)}
    assert list(found) == ["group-exercise", "group-exercise-friday"]
    friday = found["group-exercise-friday"]
    assert friday.events == ("series-exercise-friday",) and friday.choice == "Übungsgruppe"
    assert friday.keys == tuple(o.key for o in agenda.series[3]) and len(friday.keys) == 14
    assert track_label(friday, labels("de")) == "Übungsgruppe: Übung (Freitagsgruppe)"


def _without_reviewer_dates(data: dict[str, Any]) -> None:
    data["dates"] = [d for d in data["dates"] if (d.get("per_talk") or {}).get("for") != "reviewers"]


def _without_reviewers(data: dict[str, Any]) -> None:
    for paper in data["papers"]:
        paper.pop("reviewers", None)


def test_reviewing_is_a_track_where_the_course_has_reviewers() -> None:
    """Reviewers named on a paper or dates for reviewers make a review track of each talk; one
    without dates has no feed of its own (its talk is everyone's)."""
    def ids(course: Course) -> list[str]:
        return [t.id for t in tracks(resolve(course)) if t.kind == "review"]
    assert len(ids(_example(_without_reviewers))) == 6  # the dates for reviewers
    neither = _example(lambda d: (_without_reviewers(d), _without_reviewer_dates(d)))
    assert ids(neither) == []
    named = _example(_without_reviewer_dates)
    assert len(ids(named)) == 6
    paths = _track_files(calendar_files(resolve(named), STAMP))
    assert not [p for p in paths if "review-" in p] and "calendar/tracks/talk-t1.ics" in paths


def test_a_talk_without_a_paper_yet_has_its_own_track() -> None:
    course = _example(lambda d: d["papers"][2].pop("slot"))  # t3: no paper assigned
    t3 = next(t for t in tracks(resolve(course)) if t.id == "talk-t3")
    assert t3.paper is None and t3.events == ("date-slides-due.t3",)
    assert track_label(t3, labels("en")) == "presenting Talk (paper to be assigned) (t3)"


def test_each_track_feed_names_itself_and_its_own_address() -> None:
    site = "https://courses.example.org/sparse/"
    files = calendar_files(resolve(_example()), STAMP, site)
    cal = Calendar.from_ical(files["calendar/tracks/talk-t1.ics"])
    title = "Sparse Neural Networks: Lottery Tickets & Pruning (Wintersemester 2026/27)"
    lines = files["calendar/tracks/talk-t1.ics"].replace(b"\r\n ", b"").decode().splitlines()
    name = f"{title}: Vortrag über The Lottery Ticket Hypothesis: Finding Sparse\\, Trainable Neural Networks"
    assert [line for line in lines if line.startswith(("NAME:", "X-WR-CALNAME:"))] == [
        f"NAME:{name}", f"X-WR-CALNAME:{name}"]  # TEXT, escaped
    assert str(cal["SOURCE"]) == site + "calendar/tracks/talk-t1.ics"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]  # slides due at 12:00
    everyone = Calendar.from_ical(files["calendar/tracks/everyone.ics"])
    assert str(everyone["X-WR-CALNAME"]) == f"{title}: Termine für alle"
    assert str(everyone["SOURCE"]) == site + "calendar/tracks/everyone.ics"
    assert str(Calendar.from_ical(files["calendar.ics"])["SOURCE"]) == site + "calendar.ics"


def test_a_talk_is_everyones_and_marks_its_tracks_and_its_dates_are_one_tracks_alone() -> None:
    """What the pages carry for the browser: a per-talk date names its one track and choice; the talk
    itself names every track it is part of (given and reviewed), and none as its owner."""
    agenda = resolve(_example())
    found = owners(agenda)
    assert found["talk:t2"] == {"for": "talk-t2 review-t2"}
    assert found["date:slides-due.t2"] == {"choice": "talk", "track": "talk-t2"}
    assert found["date:review-questions.t2"] == {"choice": "review", "track": "review-t2"}
    assert not [key for key, data in found.items() if "for" in data and "track" in data]
    lecture = owners(resolve(load_text(LECTURE_TEXT)))
    assert {d["track"] for d in lecture.values()} == {"group-exercise", "group-exercise-friday"}
    assert {d["choice"] for d in lecture.values()} == {"choice-ubungsgruppe"}


def test_the_pages_with_other_peoples_items_offer_to_show_only_mine() -> None:
    """The dates, schedule and sessions pages that hold items of tracks say whose they show and
    offer to hide the rest, with the name of every track the course has (papers' titles marked
    with their language); a page without such items, or a course without tracks, does not."""
    pages = render(resolve(_example()), dt.date(2027, 3, 1))
    lab = labels("de")
    for page in ("dates.md", "schedule.md"):
        assert pages[page].count("data-cg-only-mine") == 1, page
        names = re.search(r'data-cg-tracks="([^"]*)"', pages[page])
        assert names is not None and names[1].split() == [t.id for t in tracks(resolve(_example()))]
    assert "data-cg-only-mine" not in pages["index.md"] + pages["calendar.md"] + pages["papers.md"]
    title = "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks"
    assert f'<span data-cg-track="talk-t1">Vortrag über <span lang="en">{title}</span></span>' in pages["dates.md"]
    assert lab.only_mine in pages["dates.md"]
    # Each talk's dates on the schedule name their track, for the box to hide the others'.
    assert re.findall(r'<span class="cg-talk-date" id="([^"]+)" data-cg-choice="(\w+)" data-cg-track="([\w-]+)"',
                      pages["schedule.md"])[:2] == [("slides-due.t1-at-talk", "talk", "talk-t1"),
                                                     ("review-questions.t1-at-talk", "review", "review-t1")]
    lecture = render(resolve(load_text(LECTURE_TEXT)), dt.date(2027, 3, 1))
    assert "data-cg-only-mine" in lecture["sessions.md"] and "data-cg-only-mine" not in lecture["dates.md"]
    minimal = render(resolve(course_from(course_data(MINIMAL))), dt.date(2027, 3, 1))
    assert not [page for page, text in minimal.items() if "data-cg-only-mine" in text]


def test_a_name_marks_only_a_paper_in_another_language() -> None:
    agenda = resolve(_example())
    t2 = next(t for t in tracks(agenda) if t.id == "review-t2")
    title = "What&#x27;s Hidden in a Randomly Weighted Neural Network?"
    assert track_name_html(t2, labels("de"), "de") == f'Begutachtung: <span lang="en">{title}</span>'
    assert track_name_html(t2, labels("en"), "en") == f"reviewing {title}"


def test_every_feed_on_the_calendar_page_can_be_added_to_google_calendar() -> None:
    """With the site's address, each feed (the course's, everyone's, each track's) has Google
    Calendar's subscribe link to its own webcal:// address; without one, course.js makes it."""
    site = "https://courses.example.org/sparse/"
    page = render(resolve(_example()), dt.date(2027, 3, 1), site_url=site)["calendar.md"]
    google = [parse_qs(urlsplit(url).query)["cid"] for url in
              re.findall(r"\((https://calendar\.google\.com/calendar/render\?cid=[^)]+)\)", page)]
    feeds = ["calendar.ics", "calendar/tracks/everyone.ics"] + [
        f"calendar/tracks/{t.id}.ics" for t in tracks(resolve(_example()))]
    assert google == [["webcal://courses.example.org/sparse/" + feed] for feed in feeds]
    bare = render(resolve(_example()), dt.date(2027, 3, 1))["calendar.md"]
    forms = re.findall(r'data-cg-google="([^"]*)"', bare)
    assert forms == ["https://calendar.google.com/calendar/render?cid="] * len(feeds)


def test_a_students_stored_choice_holds_while_the_series_are_reordered_or_added() -> None:
    """The ids a browser keeps (the choice's and the track's) come from the choice's text and the
    series' ids, not from their order: the lecture's groups listed the other way round, or with a
    third group first, keep theirs."""
    def ids(data: dict[str, Any]) -> dict[str, str]:
        return {t.id: t.choice_id for t in tracks(resolve(course_from(data)))}
    data = course_data(LECTURE)
    before = ids(data)
    assert before == {"group-exercise": "choice-ubungsgruppe", "group-exercise-friday": "choice-ubungsgruppe"}
    data["series"].reverse()
    assert ids(data) == before
    third = {**data["series"][0], "id": "exercise-wed", "days": ["mittwoch"]}
    data["series"].insert(0, third)
    assert ids(data) == {**before, "group-exercise-wed": "choice-ubungsgruppe"}


def test_a_choice_id_is_the_choices_text_in_letters_digits_and_hyphens() -> None:
    assert choice_id("Exercise group") == "choice-exercise-group"
    assert choice_id("Übungsgruppe (Tutorium)") == "choice-ubungsgruppe-tutorium"
    assert choice_id("练习组") == choice_id("练习组") != choice_id("实验组")  # no Latin letter: a digest
    assert re.fullmatch(r"choice-[0-9a-f]{10}", choice_id("练习组"))
    assert choice_id("exercise group!", {"choice-exercise-group"}) == "choice-exercise-group-2"
    assert choice_id("x", {"choice-x", "choice-x-2"}) == "choice-x-3"


def test_a_choice_between_series_needs_two_series_or_more() -> None:
    friday = LECTURE_TEXT.index("  - id: exercise-friday")
    alone = LECTURE_TEXT[:friday] + LECTURE_TEXT[friday:].replace(CHOICE, "", 1)
    assert error_lines(alone) == [
        "61:17: series.1.choose_one: no other series has choose_one 'Übungsgruppe': students choose one of two or "
        "more series (give the same text to each series students choose from, or remove it)"]
    typo = LECTURE_TEXT.replace(CHOICE, '    choose_one: "Übungsgrupe"\n', 1)
    assert error_lines(typo) == [
        "61:17: series.1.choose_one: no other series has choose_one 'Übungsgrupe': students choose one of two or "
        "more series (did you mean 'Übungsgruppe'?)",
        "80:17: series.3.choose_one: no other series has choose_one 'Übungsgruppe': students choose one of two or "
        "more series (did you mean 'Übungsgrupe'?)"]


# ---- Readers: the same occurrences in the full feed as in the parts -----------------------


@pytest.mark.tier("readers")
@pytest.mark.parametrize("reader", ["icalendar", "ical.js", "libical"])
@pytest.mark.parametrize("name", ["example", "lecture", "us"])
def test_readers_show_the_parts_together_as_the_full_feed(reader: str, name: str, tmp_path: Path) -> None:
    """Every occurrence a reader shows from the full feed it shows from exactly one of the parts
    (everyone's feed and the track feeds), at the same instants; each part shows only its own UIDs."""
    course = COURSES[name]()
    agenda = resolve(course)
    files = calendar_files(agenda, STAMP)
    for path, ics in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(ics)
    zone = course.course.timezone

    def shown(path: str) -> Counter[tuple[str | None, object, object]]:
        return Counter((s.uid, s.start, s.end) for s in expand_spans(reader, tmp_path / path, tmp_path, zone))

    full = shown("calendar.ics")
    parts = {path: shown(path) for path in _track_files(files)}
    assert len(parts) == (13 if name == "example" else 3)
    assert sum(parts.values(), Counter()) == full
    for track in tracks(agenda):
        if track.events:
            uids = {uid for uid, _, _ in parts[f"calendar/tracks/{track.id}.ics"]}
            assert uids == {f"{e}@{course.site_id}" for e in track.events}, track.id


def _vtimezones(ics: bytes) -> list[bytes]:
    return re.findall(rb"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", ics, re.DOTALL)


def test_each_track_feed_describes_its_zone_for_the_years_of_its_events() -> None:
    """The lecture's events are all in 2027, the feeds made in 2026: each track feed's VTIMEZONE is
    the full feed's, for 2027, not the year it was made in."""
    files = calendar_files(resolve(load_text(LECTURE_TEXT)), STAMP)
    assert STAMP.stamp.year == 2026
    full = _vtimezones(files["calendar.ics"])
    assert len(full) == 1
    for path, body in _track_files(files).items():
        assert _vtimezones(body) == full, path


def test_a_course_whose_every_event_is_in_a_track_still_has_everyones_feed() -> None:
    """With only series to choose between, everyone's feed holds no event: it is still there, a
    calendar for the year it was made in, so that no subscription breaks."""
    data = course_data(LECTURE)
    data["dates"] = []
    data["series"] = [s for s in data["series"] if s.get("choose_one")]
    files = calendar_files(resolve(course_from(data)), STAMP)
    everyone = Calendar.from_ical(files["calendar/tracks/everyone.ics"])
    assert everyone.walk("VEVENT") == [] and [str(tz["TZID"]) for tz in everyone.walk("VTIMEZONE")] == ["Europe/Berlin"]
    def first_onset(ics: bytes) -> int:
        return min(s["DTSTART"].dt.year for tz in Calendar.from_ical(ics).walk("VTIMEZONE") for s in tz.subcomponents)
    # the year it was made in (2026), a year before the groups' sessions (2027)
    assert first_onset(files["calendar/tracks/everyone.ics"]) == first_onset(files["calendar/tracks/group-exercise.ics"]) - 1
