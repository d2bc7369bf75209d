"""Checks that hold for every valid course, whatever it contains.

The live `course.yml` at the top of the repository is checked only by these: the workflow's
site path runs `SITE_PATH_CHECKS` on it (test_live_course.py). The suite runs the same checks on
every fixture course as if it were the live one (test_site_path.py), the feed checks on courses
generated from the schema and on edits of the fixtures (test_valid_courses.py), and all of them
on every state of a term (test_term.py).

None of them names a date, a paper or a count: what is expected is worked out from the course
file itself, read here with PyYAML the way the engine reads an instructor's file (only true and
false, null, integers and decimals are more than text: `10:00`, `2027-04-13` and `no` stay
text), with zoneinfo and the holidays package, never with the engine's own code. A valid course
may have fixed, tentative and tbd dates, all-day ranges, deadlines, or no dates at all; per-talk
dates; a block course or none; weekly series with holidays and skipped, moved and cancelled
sessions; no papers; logistics; past terms. So a file of calendar/ holds the events of one UID:
one event, or a series' recurring event with one override (same UID, RECURRENCE-ID) for each
moved session.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import holidays
import yaml
from clients import PARSERS, Event, Read, expand_spans, read, read_many
from icalendar import Calendar
from support import mkdocs_build, run_coursegen

# The workflow's site path runs without Node and without a browser: Python readers only.
PYTHON_PARSERS = ["icalendar", "vobject"]

CourseData = dict[str, Any]
FOLD_OCTETS = 75  # RFC 5545 3.1: a physical line SHOULD NOT be longer, without its line break
# When an event takes place: UTC instants, or days (the end exclusive) for an all-day one.
Span = tuple[dt.date | dt.datetime, dt.date | dt.datetime]


def parsers() -> list[str]:
    """The calendar readers to use: all of tests/clients.py, or the Python ones with SITE_PATH=1."""
    return PYTHON_PARSERS if os.environ.get("SITE_PATH") == "1" else PARSERS


# ---- The course file, read as the engine reads it ------------------------------------------


class _CourseLoader(yaml.SafeLoader):
    """PyYAML that resolves only true/false, null, plain integers and decimals: all else is text."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


for _tag, _pattern, _first in [("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
                               ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
                               ("int", r"[-+]?(?:0|[1-9][0-9]*)", list("-+0123456789")),
                               ("float", r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)", list("-+0123456789."))]:
    _CourseLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), _first)


def course_data(text: str) -> CourseData:
    """A course file's data: dates and times as the text the file gives."""
    data: CourseData = yaml.load(text, Loader=_CourseLoader)
    return data


def read_course(course_file: Path) -> CourseData:
    """The data of the course file at `course_file`."""
    return course_data(course_file.read_text(encoding="utf-8"))


# A day as the file writes it: YYYY-MM-DD.
def _day(value: str) -> dt.date:
    year, month, day = (int(part) for part in value.strip().split("-"))
    return dt.date(year, month, day)


# A time of day as the file writes it: HH:MM.
def _clock(value: str) -> dt.time:
    hours, minutes = (int(part) for part in value.strip().split(":"))
    return dt.time(hours, minutes)


# A text field as pages and feeds show it: without the spaces around it.
def _text(value: str | None) -> str | None:
    return None if value is None else value.strip()


def one_line(value: str) -> str:
    """A title as a calendar's SUMMARY shows it: its words on one line."""
    return " ".join(value.split())


# The instant of a wall time in the course's zone, in UTC.
def _utc(day: dt.date, clock: dt.time, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, clock, zone).astimezone(dt.UTC)


def course_zone(course: CourseData) -> ZoneInfo:
    """The course's time zone (REFERENCE.md: Europe/Berlin unless it says otherwise)."""
    return ZoneInfo(course["course"].get("timezone", "Europe/Berlin"))


# ---- What the feed must hold, from the file ------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One event the feed must hold, worked out from the course file."""

    name: str  # its UID before the '@': date-<id>, date-<rule>.<slot>, talk-<slot> or series-<id>
    spans: tuple[Span, ...]  # when: one span, or every session a series holds
    summary: str | None  # what its SUMMARY says or begins with (a talk's comes from its paper: None)
    tentative: bool
    location: str | None
    weekdays: frozenset[str] = frozenset()  # a series: the BYDAY of its RRULE
    moved: tuple[dt.datetime, ...] = ()  # a series: the planned start of each moved session (RECURRENCE-ID)
    titles: frozenset[str] = frozenset()  # a series: the sessions' own titles (changes[].title)
    first: Span | None = None  # a series: its first planned session (the recurring event's DTSTART and DTEND)
    held: tuple[Span, ...] = ()  # a series: when each moved session (as in `moved`) is held instead

    @property
    def vevent_spans(self) -> tuple[Span, ...]:
        """The spans its VEVENTs hold: the one event's, or a series' first planned session and each
        moved session where it is held."""
        return (self.first, *self.held) if self.first else self.spans[:1]


def expected_events(course: CourseData) -> dict[str, Expected]:
    """Every event of the course by name: fixed and tentative dates, each per-talk date and talk of the
    block course, each weekly series."""
    zone = course_zone(course)
    schedule = course.get("schedule") or {}
    block_tentative = schedule.get("status") == "tentative"
    talks = _talks(schedule, zone)
    found: list[Expected] = []
    for item in course.get("dates") or []:
        title, place, tentative = one_line(item["title"]), _text(item.get("location")), item.get("status") == "tentative"
        if item.get("per_talk"):
            before = dt.timedelta(days=_days_before(item["per_talk"]["before"]))
            found += [Expected(f"date-{item['id']}.{slot}", (_span(item, start.date() - before, zone),), title,
                               tentative or block_tentative, place) for slot, start, _, _ in talks]
        elif item.get("status", "fixed") != "tbd" and item.get("date") is not None:
            found.append(Expected(f"date-{item['id']}", (_span(item, _day(item["date"]), zone),), title, tentative,
                                  place))
    found += [Expected(f"talk-{slot}", ((start.astimezone(dt.UTC), end.astimezone(dt.UTC)),), None, block_tentative,
                       room) for slot, start, end, room in talks]
    found += [_series(course, series, zone) for series in course.get("series") or []]
    return {event.name: event for event in found}


# A dated item's start and end on `day` (its first day).
def _span(item: dict[str, Any], day: dt.date, zone: ZoneInfo) -> Span:
    last = _day(item["end_date"]) if item.get("end_date") is not None else day
    if item.get("start") is None:
        return day, last + dt.timedelta(days=1)
    start = _utc(day, _clock(item["start"]), zone)
    if item.get("end") is not None:
        return start, _utc(last, _clock(item["end"]), zone)
    if item.get("end_date") is not None:
        return start, _utc(last + dt.timedelta(days=1), dt.time(0), zone)
    # A deadline: a one-minute event (RFC 5545 forbids DTEND equal to DTSTART, and readers
    # show an event without DTEND differently).
    return start, start + dt.timedelta(minutes=1)


# How many days "7 days" or "2 weeks" is.
def _days_before(before: str) -> int:
    count, unit = " ".join(before.split()).lower().split(" ")
    return int(count) * (7 if unit.startswith("week") else 1)


# Each talk of the block course: slot, start and end in the course's zone, room. Every item of a day
# starts where the one before ended unless it gives its own start (REFERENCE.md).
def _talks(schedule: dict[str, Any], zone: ZoneInfo) -> list[tuple[str, dt.datetime, dt.datetime, str | None]]:
    found = []
    for day in schedule.get("days") or []:
        date = _day(day["date"])
        clock = dt.datetime.combine(date, _clock(day["start"]))
        room = _text(day.get("room")) or _text(schedule.get("room"))
        for item in day["program"]:
            start = dt.datetime.combine(date, _clock(item["start"])) if item.get("start") is not None else clock
            clock = start + dt.timedelta(minutes=_minutes(schedule, item))
            if "slot" in item:
                found.append((item["slot"], start.replace(tzinfo=zone), clock.replace(tzinfo=zone), room))
    return found


# The minutes of a program item: a talk with its discussion (the schedule's lengths by default), a break, a session.
def _minutes(schedule: dict[str, Any], item: dict[str, Any]) -> int:
    if "slot" not in item:
        return int(item["break"] if "break" in item else item["minutes"])
    lengths = [item.get(key) if item.get(key) is not None else schedule.get(key, default)
               for key, default in (("talk_minutes", 30), ("discussion_minutes", 10))]
    return sum(lengths)


ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
GERMAN_DAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")


def weekday(name: str) -> int:
    """Python's number of a weekday a series names: in English or German, or its first two or three letters."""
    name = name.strip().lower()
    return next(n for n, (english, german) in enumerate(zip(ENGLISH_DAYS, GERMAN_DAYS, strict=True))
                if name in (english, english[:2], english[:3], german))


def planned_days(series: dict[str, Any]) -> list[dt.date]:
    """Every day from a series' first to its last that falls on one of its weekdays."""
    first, last = _day(series["first"]), _day(series["last"])
    weekdays = {weekday(name) for name in series["days"]}
    return [day for day in (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
            if day.weekday() in weekdays]


# A holiday's name as compared with `holidays.ignore` and `holidays.only`: spaces collapsed, case folded.
def _name(text: str) -> str:
    return " ".join(text.split()).casefold()


# Every name a day's holidays go by: in the country's own language, in English and in the course's.
def _names(rules: dict[str, Any], years: range, language: str) -> dict[dt.date, set[str]]:
    found: dict[dt.date, set[str]] = {}
    for code in (None, "en_US", language):
        named = holidays.country_holidays(rules["country"], subdiv=rules.get("subdivision"), years=years, language=code)
        for day, names in named.items():
            found.setdefault(day, set()).update(_name(n) for n in names.split("; "))
    return found


# The public holidays a series leaves out: those of the course's holidays section (unless the series
# says holidays: false), without the days `ignore` names, and only those `only` names if it is given.
def _holidays(course: CourseData, series: dict[str, Any]) -> set[dt.date]:
    rules = course.get("holidays")
    if not rules or series.get("holidays") is False:
        return set()
    years = range(_day(series["first"]).year, _day(series["last"]).year + 1)
    ignore = {_name(str(entry)) for entry in rules.get("ignore") or []}
    only = {_name(str(entry)) for entry in rules.get("only") or []}
    language = course["course"].get("language", "en")
    return {day for day, names in _names(rules, years, language).items()
            if not ({str(day)} | names) & ignore and (not only or names & only)}


# The days of the term-wide breaks, unless the series says breaks: false.
def _breaks(course: CourseData, series: dict[str, Any]) -> set[dt.date]:
    if series.get("breaks") is False:
        return set()
    found = set()
    for pause in course.get("breaks") or []:
        first = _day(pause["first"])
        last = _day(pause["last"]) if pause.get("last") is not None else first
        found |= {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
    return found


# A weekly series: every day from first to last on its weekdays, without holidays, breaks, skipped and
# cancelled days; a changed session at its new day, times and room, under its own title; an override
# (RECURRENCE-ID) for each session that differs from the rule.
def _series(course: CourseData, series: dict[str, Any], zone: ZoneInfo) -> Expected:
    left_out = _holidays(course, series) | _breaks(course, series) | {_day(day) for day in series.get("skip") or []}
    changes = {_day(change["date"]): change for change in series.get("changes") or []}
    spans, moved, held_at = [], [], []
    for day in planned_days(series):
        change = changes.get(day, {})
        if day in left_out or change.get("cancelled") is True:
            continue
        held = _day(change["new_date"]) if change.get("new_date") is not None else day
        span = tuple(_utc(held, _clock(change.get(key) or series[key]), zone) for key in ("start", "end"))
        planned = tuple(_utc(day, _clock(series[key]), zone) for key in ("start", "end"))
        room, title = change.get("room") or series.get("room"), change.get("title") or series["title"]
        if span != planned or _text(room) != _text(series.get("room")) or one_line(title) != one_line(
                series["title"]) or change.get("note"):
            moved.append(planned[0])
            held_at.append(span)
        spans.append(span)
    weekdays = frozenset(ENGLISH_DAYS[weekday(name)][:2].upper() for name in series["days"])
    titles = frozenset(one_line(change["title"]) for change in changes.values() if change.get("title"))
    days = planned_days(series)
    first = tuple(_utc(days[0], _clock(series[key]), zone) for key in ("start", "end")) if days else None
    return Expected(f"series-{series['id']}", tuple(spans), one_line(series["title"]), False, _text(series.get("room")),
                    weekdays, tuple(moved), titles, first, tuple(held_at))


# ---- The site's files ----------------------------------------------------------------------


def generated_files(course: CourseData) -> list[str]:
    """Every page (by its source, papers.md) and file the course generates: the pages it uses, the
    feeds, one .ics per event and papers.bib with papers."""
    schedule = course.get("schedule") or {}
    used = {"papers.md": course.get("papers"), "papers.bib": course.get("papers"),
            "schedule.md": schedule.get("days") or schedule.get("hint"), "sessions.md": course.get("series")}
    always = ["index.md", "deliverables.md", "dates.md", "news.md", "calendar.md", "calendar.ics", "news.xml"]
    return sorted([*always, *(uri for uri, needed in used.items() if needed),
                   *(f"calendar/{name}.ics" for name in expected_events(course)),
                   *(f"calendar/tracks/{name}.ics" for name in expected_tracks(course))])


def expected_tracks(course: CourseData) -> list[str]:
    """The track feeds a course has: for each talk slot, one for its presenter's per-talk dates and
    one for its reviewers' (where the course has reviewers), one per series students choose one of,
    and with any of them the feed of everyone's events."""
    rules = [item["per_talk"].get("for", "presenter") for item in course.get("dates") or [] if item.get("per_talk")]
    reviews = any(paper.get("reviewers") for paper in course.get("papers") or []) or "reviewers" in rules
    slots = [slot for slot, _, _, _ in _talks(course.get("schedule") or {}, course_zone(course))]
    found = [f"talk-{slot}" for slot in slots if "presenter" in rules]
    found += [f"review-{slot}" for slot in slots if reviews and "reviewers" in rules]
    events = expected_events(course)
    found += [f"group-{s['id']}" for s in course.get("series") or [] if s.get("choose_one") and f"series-{s['id']}" in events]
    return [*found, "everyone"] if found else []


def unused_pages(course: CourseData) -> list[str]:
    """The generated pages this course does not have."""
    return sorted({"papers.md", "schedule.md", "sessions.md"} - set(generated_files(course)))


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path below its root."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# Where MkDocs writes a page: papers.md -> papers/index.html, index.md -> index.html.
def _built_path(uri: str) -> str:
    if not uri.endswith(".md"):
        return uri
    stem = uri.removesuffix(".md")
    return "index.html" if stem == "index" else stem.removesuffix("/index") + "/index.html"


def every_file_exists(project: Path, course: CourseData, site: Path) -> None:
    """Every generated page and file, every hand-written page and the search index are in the built site
    and not empty; no page the course does not use, and no .ics but its events' and its tracks'."""
    written = [p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md")]
    files = sorted({_built_path(uri) for uri in [*generated_files(course), *written]} | {"search/search_index.json"})
    missing = [f for f in files if not (site / f).is_file() or (site / f).stat().st_size == 0]
    assert missing == [], f"missing or empty in the built site: {missing}"
    unused = [_built_path(uri) for uri in unused_pages(course) if uri not in written]
    assert [path for path in unused if (site / path).exists()] == []
    assert sorted(p.relative_to(site).as_posix() for p in (site / "calendar").rglob("*.ics")) == [
        f for f in files if f.startswith("calendar/") and f.endswith(".ics")]


def generated_files_are_complete(course: CourseData, folder: Path) -> None:
    """A folder the engine wrote a course's files to holds exactly what the course generates, none empty."""
    files = site_files(folder)
    assert sorted(files) == generated_files(course)
    assert [uri for uri, content in files.items() if not content] == []


# ---- The feeds -----------------------------------------------------------------------------


def calendars(site: Path) -> list[Path]:
    """The feed and every per-event .ics of a built site."""
    return [site / "calendar.ics", *sorted((site / "calendar").glob("*.ics"))]


# A reader's events by UID, in file order.
def _by_uid(events: list[Event]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = {}
    for event in events:
        found.setdefault(event.uid, []).append(event)
    return found


def feeds_parse(site: Path, readers: Sequence[str]) -> dict[str, Read]:
    """Every .ics parses in every reader with every TZID resolved. Each file of calendar/ holds the
    events of exactly one UID, is named after it, and holds them as the feed does (a series: its
    recurring event and its moved sessions); the feed holds no UID without its own file.

    Returns the feed as each reader read it.
    """
    feed: dict[str, Read] = {}
    for parser in readers:
        found = read_many(parser, calendars(site))
        for path, result in found.items():
            assert result.unresolved_tzids == [], (parser, path.name, result.unresolved_tzids)
        feed[parser] = found.pop(site / "calendar.ics")
        in_feed, with_file = _by_uid(feed[parser].events), []
        for path, result in found.items():
            by_uid = _by_uid(result.events)
            assert len(by_uid) == 1, (parser, path.name, sorted(by_uid))
            ((uid, events),) = by_uid.items()
            assert uid.split("@", 1)[0] == path.stem, (parser, path.name, uid)
            assert Counter(events) == Counter(in_feed.get(uid, [])), (parser, path.name)
            with_file.append(uid)
        assert sorted(in_feed) == sorted(with_file), parser
    return feed


def feed_holds_the_courses_events(course: CourseData, site: Path, feed: dict[str, Read]) -> None:
    """The feed's UIDs are the course's events (`expected_events`) under one site id, the course's id if it
    has one; one event per UID, a series' with one more per moved session; every SUMMARY is one line
    (calcurse drops an event whose SUMMARY has a line break)."""
    expected = expected_events(course)
    ident = course["course"].get("id")
    for parser, result in feed.items():
        by_uid = _by_uid(result.events)
        names = {uid.split("@", 1)[0] for uid in by_uid}
        assert names == set(expected), (parser, sorted(names - set(expected)), sorted(set(expected) - names))
        domains = {uid.split("@", 1)[1] for uid in by_uid}
        assert len(domains) <= 1 and all(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", d) for d in domains), (parser, domains)
        assert ident is None or domains <= {ident}, (parser, domains)
        for uid, events in by_uid.items():
            assert len(events) == 1 + len(expected[uid.split("@", 1)[0]].moved), (parser, uid)
            assert [e.summary for e in events if one_line(e.summary) != e.summary] == [], (parser, uid)


def dates_at_their_instants(course: CourseData, site: Path, feed: dict[str, Read]) -> None:
    """Every dated item, per-talk date and talk is one event at its instants, with its title, status and
    place, in every reader; every event of a series has the series' title (or a session's own) and is
    confirmed."""
    expected = expected_events(course)
    for parser, result in feed.items():
        for event in result.events:
            want = expected[event.uid.split("@", 1)[0]]
            where = (parser, want.name)
            if want.summary is not None and event.summary not in want.titles:
                assert event.summary == want.summary or event.summary.startswith(want.summary + " "), where
            assert event.status == ("TENTATIVE" if want.tentative else "CONFIRMED"), where
            if not want.weekdays:
                assert (event.start, event.end) == want.spans[0], (*where, event.start, event.end, want.spans[0])
                assert event.location == want.location, (*where, event.location)


def series_recur(course: CourseData, site: Path, feed: dict[str, Read]) -> None:
    """Each weekly series is one recurring event (a weekly RRULE on its weekdays, in its room) with one
    override per moved session, at the session's planned start; no other event recurs."""
    expected = expected_events(course)
    overrides: dict[str, list[dt.datetime]] = {name: [] for name, want in expected.items() if want.weekdays}
    masters: Counter[str] = Counter()
    for event in Calendar.from_ical((site / "calendar.ics").read_bytes()).events:
        name = str(event["UID"]).split("@", 1)[0]
        if name not in overrides:
            assert not any(key in event for key in ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")), name
        elif "RECURRENCE-ID" in event:
            overrides[name].append(event.decoded("RECURRENCE-ID").astimezone(dt.UTC))
        else:
            masters[name] += 1
            rule = event["RRULE"]
            assert rule["FREQ"] == ["WEEKLY"] and set(rule["BYDAY"]) == expected[name].weekdays, (name, rule)
            assert "UNTIL" in rule and "COUNT" not in rule, (name, rule)
            assert _text(event.get("LOCATION")) == expected[name].location, name
    assert masters == Counter(overrides.keys()), masters  # one recurring event per series
    for name, planned in overrides.items():
        assert sorted(planned) == sorted(expected[name].moved), name


def sessions_at_their_instants(course: CourseData, site: Path, feed: dict[str, Read]) -> None:
    """Every reader that expands recurrences shows each session of each series at its instants: holidays,
    skipped and cancelled days left out, moved sessions where they moved to."""
    series = {name: want for name, want in expected_events(course).items() if want.weekdays}
    wanted = Counter((name, *span) for name, want in series.items() for span in want.spans)
    for parser in feed:
        spans = expand_spans(parser, site / "calendar.ics", site, str(course_zone(course)))
        shown = Counter((s.uid.split("@", 1)[0], s.start, s.end) for s in spans
                        if s.uid and s.uid.split("@", 1)[0] in series)
        assert shown == wanted, (parser, sorted(shown - wanted), sorted(wanted - shown))


def folded_cleanly(ics: bytes, where: str) -> None:
    """Every physical line of an .ics ends in CRLF and never in a space or tab (a reader that strips each
    line before unfolding would join two words), and has at most 75 octets (RFC 5545 3.1) unless it goes
    on with a run of spaces and tabs too long for one line, which only a longer line can hold."""
    assert ics.endswith(b"\r\n") and ics.count(b"\n") == ics.count(b"\r\n"), where
    for number, line in enumerate(ics.decode("utf-8").split("\r\n")[:-1], 1):
        assert not line.endswith((" ", "\t")), (where, number, line)
        assert len(line.encode("utf-8")) <= FOLD_OCTETS or (
            line.startswith(" ") and not line[1:-2].strip(" \t")), (where, number, line)


def calendars_fold_cleanly(course: CourseData, site: Path, feed: dict[str, Read]) -> None:
    """The feed and every file of calendar/ are folded cleanly (`folded_cleanly`)."""
    for path in calendars(site):
        folded_cleanly(path.read_bytes(), path.relative_to(site).as_posix())


def news_feed_holds_the_news(course: CourseData, site: Path, feed: dict[str, Read]) -> None:
    """news.xml is an Atom feed with one entry per news item, under its title."""
    news = feedparser.parse((site / "news.xml").read_bytes())
    assert not news.bozo, news.get("bozo_exception")
    assert news.version == "atom10"
    titles = [one_line(item["title"]) for item in course.get("news") or []]
    assert sorted(one_line(entry.title) for entry in news.entries) == sorted(titles)


# The checks of a site's feeds, each given the course, the site and the feed as every reader read it.
def _track_uids(course: CourseData) -> dict[str, set[str]]:
    """The event names (UIDs before the @) each track feed holds, by track, from `expected_tracks`."""
    rules = [(item["id"], item["per_talk"].get("for", "presenter")) for item in course.get("dates") or []
             if item.get("per_talk")]
    found: dict[str, set[str]] = {}
    for track in expected_tracks(course):
        kind, _, ident = track.partition("-")
        if kind == "group":
            found[track] = {f"series-{ident}"}
        elif kind in ("talk", "review"):
            role = "presenter" if kind == "talk" else "reviewers"
            found[track] = {f"date-{rule}.{ident}" for rule, whose in rules if whose == role}
    return found


def tracks_partition_the_feed(course: CourseData, site: Path, feed: dict[str, Read]) -> None:
    """Each track feed holds its track's events (a talk's per-talk dates for its presenter or its
    reviewers, one series of a choice), everyone's feed the rest: read by each reader, the parts
    hold the feed's events, each once."""
    tracks = _track_uids(course)
    everyone = set(expected_events(course)) - {name for names in tracks.values() for name in names}
    for parser, result in feed.items():
        files = sorted((site / "calendar" / "tracks").glob("*.ics"))
        parts = {path.stem: part for path, part in read_many(parser, files).items()}
        if not tracks:
            assert parts == {}, parser
            continue
        assert sorted(parts) == sorted([*tracks, "everyone"]), parser
        for name, part in parts.items():
            assert part.unresolved_tzids == [], (parser, name, part.unresolved_tzids)
            names = {event.uid.split("@", 1)[0] for event in part.events}
            assert names == (everyone if name == "everyone" else tracks[name]), (parser, name, names)
        together = Counter(event for part in parts.values() for event in part.events)
        assert together == Counter(result.events), parser


FEED_CHECKS: dict[str, Callable[[CourseData, Path, dict[str, Read]], None]] = {
    "events": feed_holds_the_courses_events,
    "instants": dates_at_their_instants,
    "series": series_recur,
    "sessions": sessions_at_their_instants,
    "folding": calendars_fold_cleanly,
    "tracks": tracks_partition_the_feed,
    "news": news_feed_holds_the_news,
}


# ---- Building, the archive and the command line ---------------------------------------------


def check_passes(course_file: Path) -> None:
    """`python -m coursegen check` accepts the file."""
    run = run_coursegen("check", str(course_file))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no mistakes" in run.stdout, run.stdout


def strict_build(project: Path, site: Path, **env: str) -> None:
    """`mkdocs build --strict` passes."""
    build = mkdocs_build(project, site, **env)
    assert build.returncode == 0, build.output


def build_site(project: Path, site: Path, **env: str) -> None:
    """Build the site as the site path does: a strict build, then the past terms under archive/."""
    strict_build(project, site, **env)
    if read_course(project / "course.yml").get("archive"):
        run = run_coursegen("archive", str(site), cwd=project, **env)
        assert run.returncode == 0, run.stdout + run.stderr


def past_terms_are_published(course: CourseData, site: Path) -> None:
    """Each past term of archive: is under archive/<id>/ with its pages and a calendar that parses,
    and the home page links to it."""
    home = (site / "index.html").read_text(encoding="utf-8")
    for past in course.get("archive") or []:
        folder = site / "archive" / past["id"]
        assert (folder / "index.html").stat().st_size > 0, past["id"]
        assert f'href="archive/{past["id"]}/"' in home, past["id"]
        assert read("icalendar", folder / "calendar.ics").unresolved_tzids == [], past["id"]


def rebuild_is_identical(project: Path, site: Path, again: Path) -> None:
    """A second build of the same input, elsewhere and in another zone and locale, gives the same bytes."""
    build_site(project, again, TZ="Pacific/Auckland", LC_ALL="C")
    first, second = site_files(site), site_files(again)
    assert sorted(first) == sorted(second)
    assert [uri for uri in first if first[uri] != second[uri]] == []


# ---- The site path's checks ------------------------------------------------------------------


@dataclass
class Live:
    """A course project as the live one: its site built as the site path builds it (`build_site`), a
    folder for a rebuild, and the calendar readers to read the feed with."""

    project: Path
    site: Path
    scratch: Path
    readers: Sequence[str]

    @cached_property
    def course(self) -> CourseData:
        """Its course.yml."""
        return read_course(self.project / "course.yml")

    @cached_property
    def feed(self) -> dict[str, Read]:
        """The feed as each reader reads it, once `feeds_parse` has checked every .ics."""
        return feeds_parse(self.site, self.readers)


# The feed parses in every reader asked for.
def _feeds_parse(live: Live) -> None:
    assert sorted(live.feed) == sorted(live.readers)


# A feed check as a check of the live course.
def _feed_check(check: Callable[[CourseData, Path, dict[str, Read]], None]) -> Callable[[Live], None]:
    return lambda live: check(live.course, live.site, live.feed)


# What the site path checks of the live course, by name: test_live_course.py runs each on it, and
# test_site_path.py on every fixture course.
SITE_PATH_CHECKS: dict[str, Callable[[Live], None]] = {
    "check": lambda live: check_passes(live.project / "course.yml"),
    "files": lambda live: every_file_exists(live.project, live.course, live.site),
    "feeds-parse": _feeds_parse,
    **{name: _feed_check(check) for name, check in FEED_CHECKS.items()},
    "archive": lambda live: past_terms_are_published(live.course, live.site),
    "rebuild": lambda live: rebuild_is_identical(live.project, live.site, live.scratch / "again"),
}


def all_properties(project: Path, site: Path) -> None:
    """Build the site as the site path does and run every one of its checks but the rebuild."""
    build_site(project, site)
    live = Live(project, site, site.parent, parsers())
    for name, check in SITE_PATH_CHECKS.items():
        if name != "rebuild":
            check(live)
