"""Generated valid courses pass the live course's checks: what `check` accepts, the site path publishes.

Courses come from two sources: generated from `course.schema.json` (hypothesis-jsonschema), and
edits an instructor makes to each fixture course during a term (sessions moved to another day,
time or room, rooms changed, sessions cancelled, days skipped, new series and per-talk rules,
holidays, logistics, a past term archived, dates switched between fixed, tentative and tbd,
ranges, deadlines and times, another time zone, no course id, text with spaces, line breaks and
markup). Every course `check` accepts is rendered in process, as the hook renders it
(`SiteOutput.build` on the agenda `check_text` resolved), into a temporary folder; that folder
must hold exactly the files the course generates, none empty, and pass every feed check of the
site path (tests/properties.py) in the Python readers. A course `check` refuses must raise
CourseError, nothing else. A failing example prints its course file.

The runs are derandomized; `pytest --hypothesis-show-statistics` shows how many examples were
tried and how many of them `check` accepted.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import properties
import yaml
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from support import FIXTURES, MINIMAL
from test_property import SCHEMA_DATA, TODAY

from coursegen.limits import FORBIDDEN_CHARACTERS
from coursegen.loader import CourseError, check_text
from coursegen.site import SiteOutput

TIER = "property"  # the kind of test (conftest.py: pytest -m property)

COURSES = {name: (project / "course.yml").read_text(encoding="utf-8")
           for name, project in {**FIXTURES, "minimal": MINIMAL}.items()}
SETTINGS = {"deadline": None, "derandomize": True,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}

TEXTS = st.sampled_from(["Room 1.12", "  Spaced   out  ", "Zwei\nZeilen", "a, b; c\\d", "Hörsaal „A“ – 0.05",
                         "<b>not html</b>", "**not bold** & 50 %", "Online (Zoom)", "x" * 150])
ZONES = st.sampled_from(["Europe/Berlin", "Europe/London", "America/New_York", "America/Sao_Paulo", "Asia/Kolkata",
                         "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Apia", "Africa/Casablanca", "UTC"])
DAY_NAMES = st.sampled_from(["monday", "Tuesday", "we", "thu", "Freitag", "sa", "sunday", "Mittwoch", "mo"])
REFUSED = re.compile(FORBIDDEN_CHARACTERS)  # characters check refuses in any text
# Times of day, often in the small hours, when clocks change.
CLOCKS = st.builds(dt.time, st.one_of(st.integers(0, 23), st.integers(0, 3)), st.sampled_from([0, 15, 30, 45, 59]))


# ---- Edits an instructor makes during a term ----------------------------------------------


# HH:MM of a time of day.
def _hhmm(clock: dt.time) -> str:
    return f"{clock:%H:%M}"


# A start and an end after it on the same day (or a little past midnight: then check refuses).
def _times(draw: st.DrawFn) -> tuple[str, str]:
    start = draw(CLOCKS)
    end = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=draw(st.integers(15, 240)))
    return _hhmm(start), _hhmm(end.time())


# A day of the course (one of its dates, block-course days or series, give or take a few weeks),
# or a day its clocks change on, in the same year.
def _day(draw: st.DrawFn, course: dict[str, Any]) -> dt.date:
    days = [d["date"] for d in course.get("dates") or [] if d.get("date")]
    days += [d["date"] for d in (course.get("schedule") or {}).get("days") or []]
    days += [s["first"] for s in course.get("series") or []]
    anchor = dt.date.fromisoformat(draw(st.sampled_from(days))) if days else dt.date(2027, 4, 12)
    switches = _clock_changes(properties.course_zone(course), anchor.year)
    if switches and draw(st.booleans()):
        return draw(st.sampled_from(switches))
    return anchor + dt.timedelta(days=draw(st.integers(-21, 21)))


# The days of a year on which the zone's clocks change.
def _clock_changes(zone: ZoneInfo, year: int) -> list[dt.date]:
    noons = [dt.datetime(year, 1, 1, 12, tzinfo=zone) + dt.timedelta(days=n) for n in range(366)]
    return [b.date() for a, b in itertools.pairwise(noons) if a.utcoffset() != b.utcoffset()]


def add_series(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A new weekly series."""
    first = _day(draw, course)
    start, end = _times(draw)
    days = draw(st.lists(DAY_NAMES, min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):  # a session on its first day
        days.append(properties.ENGLISH_DAYS[first.weekday()])
    series = {"id": f"series-{len(course.get('series') or [])}", "title": draw(TEXTS),
              "days": days, "start": start, "end": end,
              "first": first.isoformat(), "last": (first + dt.timedelta(weeks=draw(st.integers(0, 16)))).isoformat()}
    if draw(st.booleans()):
        series["room"] = draw(TEXTS)
    course.setdefault("series", []).append(series)


# A series (a new one if the course has none) and one of its planned days.
def _session(draw: st.DrawFn, course: dict[str, Any]) -> tuple[dict[str, Any], str]:
    if not course.get("series"):
        add_series(draw, course)
    series = draw(st.sampled_from(course["series"]))
    days = properties.planned_days(series) or [dt.date.fromisoformat(series["first"])]
    return series, draw(st.sampled_from(days)).isoformat()


def move_session(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A session moved to another day, time or room."""
    series, day = _session(draw, course)
    start, end = _times(draw)
    moved = {"new_date": (dt.date.fromisoformat(day) + dt.timedelta(days=draw(st.integers(-3, 3)))).isoformat(),
             "start": start, "end": end, "room": draw(TEXTS), "note": "Verlegt"}
    keys = draw(st.lists(st.sampled_from(["new_date", "start", "end", "room"]), min_size=1, max_size=4, unique=True))
    series.setdefault("changes", []).append({"date": day, **{key: moved[key] for key in [*keys, "note"]}})


def cancel_session(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A session cancelled."""
    series, day = _session(draw, course)
    series.setdefault("changes", []).append({"date": day, "cancelled": True, "note": draw(TEXTS)})


def title_session(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A session under its own title (the midterm in a lecture slot)."""
    series, day = _session(draw, course)
    series.setdefault("changes", []).append({"date": day, "title": draw(TEXTS)})


def add_break(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A term-wide break of some days, which a series may go on through."""
    first = _day(draw, course)
    pause = {"name": draw(TEXTS), "first": first.isoformat()}
    if draw(st.booleans()):
        pause["last"] = (first + dt.timedelta(days=draw(st.integers(0, 14)))).isoformat()
    course.setdefault("breaks", []).append(pause)
    if course.get("series") and draw(st.booleans()):
        draw(st.sampled_from(course["series"]))["breaks"] = False


def skip_day(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A day without a session."""
    series, day = _session(draw, course)
    series.setdefault("skip", []).append(day)


def change_room(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A series or a block-course day in another room, or in none."""
    places = [*(course.get("series") or []), *((course.get("schedule") or {}).get("days") or [])]
    if places:
        place = draw(st.sampled_from(places))
        place["room"] = draw(TEXTS) if draw(st.booleans()) else place.pop("room", None)


def change_holidays(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """The holidays of another place, some taught or only some kept, none, or a series that keeps them."""
    course["holidays"] = draw(st.sampled_from([{"country": "DE", "subdivision": "BY"}, {"country": "DE"},
                                               {"country": "AT"}, {"country": "US", "subdivision": "CA"},
                                               {"country": "DE", "ignore": ["ascension day", "2027-05-17"]},
                                               {"country": "US", "only": ["Thanksgiving Day", "Christmas Day"]},
                                               None]))
    if course["holidays"] is None:
        del course["holidays"]
    elif course.get("series") and draw(st.booleans()):
        draw(st.sampled_from(course["series"]))["holidays"] = False


def add_per_talk_rule(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A date of every talk: N days or weeks before it."""
    count, unit = draw(st.integers(0, 20)), draw(st.sampled_from(["days", "day", "weeks", "week"]))
    rule = {"id": f"rule-{len(course.get('dates') or [])}", "title": draw(TEXTS),
            "per_talk": {"before": f"{count} {unit}", "for": draw(st.sampled_from(["presenter", "reviewers"]))}}
    if draw(st.booleans()):
        rule["start"], end = _times(draw)
        if draw(st.booleans()):
            rule["end"] = end
    if draw(st.booleans()):
        rule["status"] = "tentative"
    course.setdefault("dates", []).append(rule)


def set_logistics(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """Contact, hand-in, registration with its deadline, languages, an online meeting on some dates."""
    ids = [d["id"] for d in course.get("dates") or []]
    parts = {"contact": {"email": "course@example.org", "office_hours": draw(TEXTS)},
             "hand_in": {"how": "One **PDF**.", "where": "https://example.org/upload", "format": "PDF"},
             "registration": {"places": 12, "ects": 5, "how": "In the course system.",
                              **({"deadline": draw(st.sampled_from(ids))} if ids else {})},
             "languages": {"talks": "English", "papers": "English or German"},
             "online_meeting": {"how_to_join": "By e-mail.", "url": "https://example.org/meet", "public": draw(
                 st.booleans()), "dates": draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []}}
    chosen = draw(st.lists(st.sampled_from(sorted(parts)), min_size=1, unique=True))
    course["logistics"] = {name: parts[name] for name in chosen}


def archive_a_term(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A past term kept online."""
    course.setdefault("archive", []).append({
        "id": f"past-{len(course.get('archive') or [])}", "term": "Winter 2025/26", "title": draw(TEXTS),
        "commit": draw(st.text("0123456789abcdef", min_size=7, max_size=40))})


# One of the course's own dates (not a per-talk rule), if it has one.
def _date(draw: st.DrawFn, course: dict[str, Any]) -> dict[str, Any] | None:
    dates = [d for d in course.get("dates") or [] if not d.get("per_talk")]
    return draw(st.sampled_from(dates)) if dates else None


def switch_status(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A date becomes fixed, tentative or tbd (with a hint, without its day and times)."""
    item = _date(draw, course)
    if item is None:
        return
    status = draw(st.sampled_from(["fixed", "tentative", "tbd"]))
    if status == "tbd":
        for key in ("date", "end_date", "start", "end"):
            item.pop(key, None)
        item["hint"] = "after the kick-off"
    else:
        item.setdefault("date", _day(draw, course).isoformat())
    item["status"] = status


def make_range(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A date over several days: all-day, or from a start time to an end time or to the end of its last day."""
    item = _date(draw, course)
    if item is None or item.get("status") == "tbd":
        return
    first = dt.date.fromisoformat(item.setdefault("date", _day(draw, course).isoformat()))
    item["end_date"] = (first + dt.timedelta(days=draw(st.integers(0, 6)))).isoformat()
    for key in draw(st.lists(st.sampled_from(["start", "end"]), unique=True)):
        item.pop(key, None)


def make_deadline(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A date becomes a deadline: a day and a time, nothing more."""
    item = _date(draw, course)
    if item is None or item.get("status") == "tbd":
        return
    item.setdefault("date", _day(draw, course).isoformat())
    item["start"] = _hhmm(draw(CLOCKS))
    item.pop("end", None)
    item.pop("end_date", None)


def retime(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A date or a block-course day on another day or at other times."""
    item = _date(draw, course)
    if item is not None and item.get("status") != "tbd":
        item["date"] = _day(draw, course).isoformat()
        item["start"], item["end"] = _times(draw)
        item.pop("end_date", None)
    days = (course.get("schedule") or {}).get("days")
    if days and draw(st.booleans()):
        day = draw(st.sampled_from(days))
        day["start"] = _hhmm(draw(CLOCKS))
        course["schedule"]["status"] = draw(st.sampled_from(["fixed", "tentative", "tbd"]))


def change_zone(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """The course in another time zone."""
    course["course"]["timezone"] = draw(ZONES)


def drop_course_id(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """No course id: UIDs from the title and term, which may have no Latin letter or digit."""
    course["course"].pop("id", None)
    if draw(st.booleans()):
        course["course"].update(title="Линейная алгебра", term=draw(st.sampled_from(["Лето", "夏季学期 2027"])))


def retitle(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """A title or a place with spaces, a line break, TEXT's special characters or markup."""
    items = [*(course.get("dates") or []), *(course.get("series") or []), *(course.get("news") or [])]
    if items:
        item = draw(st.sampled_from(items))
        item[draw(st.sampled_from(["title", "location"] if "first" not in item else ["title", "room"]))] = draw(TEXTS)


def drop_section(draw: st.DrawFn, course: dict[str, Any]) -> None:
    """No dates, no series, no papers, no news, no logistics or no block course."""
    course.pop(draw(st.sampled_from(["dates", "series", "papers", "news", "logistics", "schedule"])), None)


EDITS = [add_series, move_session, cancel_session, title_session, add_break, skip_day, change_room, change_holidays, add_per_talk_rule,
         set_logistics, archive_a_term, switch_status, make_range, make_deadline, retime, change_zone,
         drop_course_id, retitle, drop_section]


@st.composite
def edited_courses(draw: st.DrawFn) -> str:
    """A fixture course after one to four edits, as YAML."""
    course = copy.deepcopy(properties.course_data(COURSES[draw(st.sampled_from(sorted(COURSES)))]))
    for edit in draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=4)):
        edit(draw, course)
    return yaml.safe_dump(course, allow_unicode=True, sort_keys=False)


# ---- The property ---------------------------------------------------------------------------


def publishes(text: str, today: dt.date) -> None:
    """A course `check` accepts renders in process into files that pass the site path's feed checks;
    one it refuses raises CourseError."""
    note(f"course.yml:\n{text}")
    try:
        checked = check_text(text)
    except CourseError:
        event("refused by check")
        return
    event("accepted by check")
    files = SiteOutput.build(checked.agenda, today).files
    course = properties.course_data(text)
    with tempfile.TemporaryDirectory(prefix="course-") as tmp:
        folder = Path(tmp)
        for uri, content in files.items():
            (folder / uri).parent.mkdir(parents=True, exist_ok=True)
            (folder / uri).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        properties.generated_files_are_complete(course, folder)
        feed = properties.feeds_parse(folder, properties.PYTHON_PARSERS)
        for check in properties.FEED_CHECKS.values():
            check(course, folder, feed)


@settings(max_examples=100, **SETTINGS)
@given(text=edited_courses(), today=TODAY)
def test_edited_fixture_courses_pass_the_live_course_checks(text: str, today: dt.date) -> None:
    publishes(text, today)


# Schema-generated data with the characters `check` refuses in any text taken out and every day moved
# into 2027: about half of such courses are valid, against a tenth as generated.
def _usable(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"^\d{4}(?=-\d\d-\d\d$)", "2027", REFUSED.sub("", value))
    if isinstance(value, list):
        return [_usable(item) for item in value]
    return {_usable(key): _usable(item) for key, item in value.items()} if isinstance(value, dict) else value


@settings(max_examples=40, **SETTINGS)
@given(data=from_schema(SCHEMA_DATA), today=TODAY)
def test_schema_generated_courses_pass_the_live_course_checks(data: dict[str, Any], today: dt.date) -> None:
    publishes(yaml.safe_dump(_usable(data), allow_unicode=True, sort_keys=False), today)
