"""Weekly series: their sessions, with public holidays and skipped days left out, and the checks.

A series (lectures, exercise groups, office hours) names weekdays, a start and end time and
its first and last day. Every such day is a planned session; a public holiday of the course's
`holidays` section (from the `holidays` package, named in the course language where the
package has it) and each `skip` day are left out; a `changes` entry moves one session to
another day, time or room, or cancels it, with a note. The calendar writes each series as
one recurring event (see ics.py); the pages list the sessions week by week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cache
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

import holidays as holiday_data
from babel.dates import get_day_names

from .limits import MAX_SERIES_SESSIONS, MAX_SESSIONS
from .model import WEEKDAYS, Course, DateItem, Holidays, Series, SeriesChange

if TYPE_CHECKING:  # ics imports this module for the series' events
    from .ics import FeedEvent

State = Literal["held", "moved", "cancelled", "holiday", "skipped"]
# (path, whether the position is the key rather than the value, message), as in checks.py
Finding = tuple[tuple[str | int, ...], bool, str]
# The holidays package names languages by locale; a course language it lacks falls back to these.
_HOLIDAY_LANGUAGES = {"en": ("en_US", "en_GB")}


@dataclass(frozen=True)
class Occurrence:
    """One planned session of a series: held, moved, cancelled, or left out (holiday, skipped)."""

    series: Series
    day: dt.date
    start: dt.datetime
    end: dt.datetime
    room: str | None
    state: State
    note: str | None = None

    @property
    def takes_place(self) -> bool:
        """True when the session is held, where planned or moved."""
        return self.state in ("held", "moved")

    @property
    def planned_start(self) -> dt.datetime:
        """When the session was planned to start (its RECURRENCE-ID)."""
        return dt.datetime.combine(self.day, self.series.start, self.start.tzinfo)


# Every day from first to last that falls on one of the series' weekdays.
def planned_days(series: Series) -> list[dt.date]:
    """The series' days, before holidays, skips and changes."""
    weekdays = {WEEKDAYS.index(day) for day in series.days}
    count = (series.last - series.first).days + 1
    return [day for day in (series.first + dt.timedelta(days=n) for n in range(max(count, 0)))
            if day.weekday() in weekdays]


def weekday_names(series: Series, locale: str) -> str:
    """The series' weekdays in a language, e.g. "Dienstag, Donnerstag"."""
    names = get_day_names("wide", locale=locale)
    return ", ".join(names[WEEKDAYS.index(day)] for day in series.days)


# The locale the holidays package names a country's holidays in, for a course language: the
# country's own language where the package has none closer: None would make the package follow
# the building machine's locale (LANG). None only for a country whose names have no translations.
def _holiday_language(country: str, language: str) -> str | None:
    offered: list[str] = holiday_data.list_localized_countries().get(country, [])
    found = next((c for c in (language, *_HOLIDAY_LANGUAGES.get(language, ())) if c in offered), None)
    default: str | None = holiday_data.country_holidays(country).default_language
    return found or default


@cache
def _holiday_names(country: str, subdivision: str | None, years: tuple[int, ...], language: str) -> dict[dt.date, str]:
    found = holiday_data.country_holidays(country, subdiv=subdivision, years=years,
                                          language=_holiday_language(country, language))
    return dict(found.items())


def holiday_names(course: Course, series: Series) -> dict[dt.date, str]:
    """The public holidays in the series' years, named in the course language where possible."""
    rules: Holidays | None = course.holidays
    if rules is None or not series.holidays or series.last < series.first:
        return {}
    years = tuple(range(series.first.year, series.last.year + 1))
    return _holiday_names(rules.country, rules.subdivision, years, course.course.language)


def occurrences(course: Course, series: Series) -> list[Occurrence]:
    """Every planned day of the series as a session, in order of the planned day."""
    zone = ZoneInfo(course.course.timezone)
    free = holiday_names(course, series)
    skipped = set(series.skip)
    changes = {change.date: change for change in series.changes}
    found = []
    for day in planned_days(series):
        start = dt.datetime.combine(day, series.start, zone)
        end = dt.datetime.combine(day, series.end, zone)
        if day in free:
            found.append(Occurrence(series, day, start, end, series.room, "holiday", free[day]))
        elif day in skipped:
            found.append(Occurrence(series, day, start, end, series.room, "skipped"))
        elif day in changes:
            found.append(_changed(series, day, changes[day], zone))
        else:
            found.append(Occurrence(series, day, start, end, series.room, "held"))
    return found


# The session of a day that a change moves or cancels.
def _changed(series: Series, day: dt.date, change: SeriesChange, zone: ZoneInfo) -> Occurrence:
    if change.cancelled:
        start, end = (dt.datetime.combine(day, t, zone) for t in (series.start, series.end))
        return Occurrence(series, day, start, end, series.room, "cancelled", change.note)
    new_day = change.new_date or day
    start = dt.datetime.combine(new_day, change.start or series.start, zone)
    end = dt.datetime.combine(new_day, change.end or series.end, zone)
    return Occurrence(series, day, start, end, change.room or series.room, "moved", change.note)


def sessions(course: Course) -> list[Occurrence]:
    """The sessions of every series, by start time (as held), then by series order."""
    order = {s.id: i for i, s in enumerate(course.series)}
    found = [o for s in course.series for o in occurrences(course, s)]
    return sorted(found, key=lambda o: (o.start, order[o.series.id]))


@dataclass(frozen=True)
class Week:
    """The sessions of one week (Monday to Sunday), for the sessions page."""

    number: int
    monday: dt.date
    sessions: list[Occurrence]

    @property
    def sunday(self) -> dt.date:
        """The week's last day."""
        return self.monday + dt.timedelta(days=6)


def weeks(course: Course) -> list[Week]:
    """Every week from the first series day to the last, with its sessions (some weeks may have none)."""
    found = sessions(course)
    if not found:
        return []
    first = min(o.start.date() for o in found)
    last = max(o.start.date() for o in found)
    monday = first - dt.timedelta(days=first.weekday())
    by_week: dict[dt.date, list[Occurrence]] = {}
    for o in found:
        by_week.setdefault(o.start.date() - dt.timedelta(days=o.start.weekday()), []).append(o)
    result: list[Week] = []
    while monday <= last:
        result.append(Week(len(result) + 1, monday, by_week.get(monday, [])))
        monday += dt.timedelta(days=7)
    return result


def next_sessions(course: Course, today: dt.date) -> list[DateItem]:
    """For the timeline: the next session of each series from `today` on, as a date item."""
    found = []
    for series in course.series:
        upcoming = [o for o in occurrences(course, series) if o.takes_place and o.start.date() >= today]
        if upcoming:
            o = min(upcoming, key=lambda o: o.start)
            found.append(DateItem(id=f"series-{series.id}", title=series.title, date=o.start.date(),
                                  start=o.start.time(), end=o.end.time(), location=o.room))
    return found


# ---- The calendar: one recurring event per series ---------------------------------------


@dataclass(frozen=True)
class SeriesEvent:
    """A series as one recurring VEVENT: the first session, the rule, the days left out and the
    moved sessions (each by its planned start, its RECURRENCE-ID). Equal events have equal content."""

    name: str
    first: FeedEvent
    days: tuple[str, ...]
    until: dt.datetime
    exdates: tuple[dt.datetime, ...]
    moved: tuple[tuple[dt.datetime, FeedEvent], ...]


def series_events(course: Course) -> list[SeriesEvent]:
    """One recurring event per series that has any session, in file order."""
    from .ics import FeedEvent  # ics imports this module

    found = []
    for series in course.series:
        planned = occurrences(course, series)
        if not planned:
            continue
        name, head = f"series-{series.id}", planned[0]
        first = FeedEvent(name, series.title, head.planned_start,
                          dt.datetime.combine(head.day, series.end, head.start.tzinfo),
                          tentative=False, transparent=False, location=series.room)
        moved = tuple((o.planned_start, FeedEvent(name, series.title, o.start, o.end, tentative=False,
                                                  transparent=False, location=o.room, description=o.note))
                      for o in planned if o.state == "moved")
        found.append(SeriesEvent(name, first, tuple(dict.fromkeys(day[:2].upper() for day in series.days)),
                                 planned[-1].planned_start.astimezone(dt.UTC),
                                 tuple(o.planned_start for o in planned if not o.takes_place), moved))
    return found


# ---- Checks ------------------------------------------------------------------------------


def series_checks(course: Course) -> Iterator[Finding]:
    """Every problem of the series and the holidays section, with its path."""
    wrong = list(_holiday_rules(course.holidays))
    yield from wrong
    if wrong:  # check the series as if without holidays, which cannot be looked up
        course = course.model_copy(update={"holidays": None})
    seen: dict[str, int] = {}
    total = 0
    for i, series in enumerate(course.series):
        if series.id in seen:
            yield (("series", i, "id"), False, f"duplicate id '{series.id}' (also series[{seen[series.id]}]; "
                   "ids must be unique, rename one)")
        seen.setdefault(series.id, i)
        total += _most_sessions(series)
        if total > MAX_SESSIONS:
            yield (("series", i), False, f"the series together would have more than {MAX_SESSIONS:,} sessions "
                   "(split the course, or remove series)")
            return
        yield from _series_rules(course, i, series)


# An upper bound of a series' sessions, found without listing them.
def _most_sessions(series: Series) -> int:
    return max((series.last - series.first).days // 7 + 1, 0) * len(set(series.days))


# The country and subdivision must be known to the holidays package.
def _holiday_rules(rules: Holidays | None) -> Iterator[Finding]:
    if rules is None:
        return
    countries = holiday_data.list_supported_countries()
    if rules.country not in countries:
        near = get_close_matches(rules.country, list(countries), n=3)
        hint = f"did you mean {' or '.join(near)}?" if near else "use an ISO 3166 code such as DE, AT or CH"
        yield (("holidays", "country"), False, f"the holidays package knows no country '{rules.country}' ({hint})")
        return
    subdivisions = countries[rules.country]
    if rules.subdivision is not None and rules.subdivision not in subdivisions:
        known = ", ".join(subdivisions) if subdivisions else "none: leave subdivision out"
        yield (("holidays", "subdivision"), False, f"{rules.country} has no subdivision '{rules.subdivision}' "
               f"(use one of {known})")


# The rules of one series: times and days in order, a bounded number of sessions, and skips
# and changes that name days of the series.
def _series_rules(course: Course, i: int, series: Series) -> Iterator[Finding]:
    at: tuple[str | int, ...] = ("series", i)
    if series.end <= series.start:
        yield (at + ("end",), False, f"end {series.end:%H:%M} is not after start {series.start:%H:%M} "
               "(fix the times; a session ends on the day it starts)")
    if series.last < series.first:
        yield (at + ("last",), False, f"last {series.last} is before first {series.first} (swap them or fix the day)")
        return
    if _most_sessions(series) > MAX_SERIES_SESSIONS:
        yield (at + ("last",), False, f"the series would have more than {MAX_SERIES_SESSIONS} sessions "
               "(check the years of first and last)")
        return
    days = planned_days(series)
    if not days:
        yield (at + ("days",), False, f"no {' or '.join(series.days)} lies between {series.first} and "
               f"{series.last} (fix the days or the dates)")
        return
    yield from _skip_rules(at, series, set(days))
    yield from _change_rules(course, at, series, set(days))
    yield from _time_rules(course, at, series)


# What a day is not, for a skip or a change that names a day without a session.
def _not_a_session(day: dt.date, series: Series) -> str:
    if not series.first <= day <= series.last:
        return f"{day} is outside the series ({series.first} to {series.last})"
    return f"{day} is a {WEEKDAYS[day.weekday()]}, not a day of this series ({', '.join(series.days)})"


def _skip_rules(at: tuple[str | int, ...], series: Series, days: set[dt.date]) -> Iterator[Finding]:
    for j, day in enumerate(series.skip):
        if day not in days:
            yield (at + ("skip", j), False, f"{_not_a_session(day, series)} (skip only days of sessions)")


def _change_rules(course: Course, at: tuple[str | int, ...], series: Series, days: set[dt.date]) -> Iterator[Finding]:
    free = holiday_names(course, series)
    seen: set[dt.date] = set()
    for j, change in enumerate(series.changes):
        where = at + ("changes", j)
        if change.date not in days:
            yield (where + ("date",), False, f"{_not_a_session(change.date, series)} (a change names the day a "
                   "session was planned on)")
        elif change.date in free or change.date in series.skip:
            why = f"a holiday ({free[change.date]})" if change.date in free else "in skip"
            yield (where + ("date",), False, f"{change.date} has no session: it is {why} (remove the change)")
        elif change.date in seen:
            yield (where + ("date",), False, f"{change.date} is changed twice (merge the two changes)")
        seen.add(change.date)
        moves = [name for name in ("new_date", "start", "end", "room") if getattr(change, name) is not None]
        if change.cancelled and moves:
            yield (where + (moves[0],), False, f"a cancelled session is not moved (remove {', '.join(moves)}, "
                   "or set cancelled: false)")
        elif not change.cancelled and not moves:
            yield (where, False, "a change moves the session or cancels it (add new_date, start, end or room, "
                   "or cancelled: true)")
        elif not change.cancelled and (change.end or series.end) <= (change.start or series.start):
            yield (where + ("end" if change.end else "start",), False,
                   f"the moved session's end {change.end or series.end:%H:%M} is not after its start "
                   f"{change.start or series.start:%H:%M} (fix the times)")


# Each session's start and end must be a single, real local time (see checks._unclear_time).
def _time_rules(course: Course, at: tuple[str | int, ...], series: Series) -> Iterator[Finding]:
    from .checks import _unclear_time  # checks imports this module for its rules

    zone = ZoneInfo(course.course.timezone)
    changes = {change.date: j for j, change in enumerate(series.changes)}
    for o in occurrences(course, series):
        for name, moment in (("start", o.start), ("end", o.end)):
            why = _unclear_time(moment.replace(tzinfo=None), zone)
            if why:
                moved = o.state == "moved" and o.day in changes
                yield ((at + ("changes", changes[o.day]) if moved else at) + (name,), False,
                       f"the session of {o.day}: {why}")
                return
