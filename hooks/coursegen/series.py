"""Checks of the weekly series and the holidays section: ids, bounds, order, skipped and changed days.

The sessions themselves are resolved in agenda/weekly.py; the checks of their times read the
agenda (timechecks.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from difflib import get_close_matches

import holidays as holiday_data

from .agenda.weekly import holiday_names, most_sessions, planned_days
from .limits import MAX_SERIES_SESSIONS, MAX_SESSIONS
from .model import WEEKDAYS, Course, Holidays, Series

# (path, whether the position is the key rather than the value, message), as in checks.py
Finding = tuple[tuple[str | int, ...], bool, str]


# ---- Checks ------------------------------------------------------------------------------


def series_checks(course: Course) -> Iterator[Finding]:
    """Every problem of the series and the holidays section, with its path."""
    wrong = list(holiday_rules(course.holidays))
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
        total += most_sessions(series)
        if total > MAX_SESSIONS:
            yield (("series", i), False, f"the series together would have more than {MAX_SESSIONS:,} sessions "
                   "(split the course, or remove series)")
            return
        yield from _series_rules(course, i, series)


def holiday_rules(rules: Holidays | None) -> Iterator[Finding]:
    """The country and subdivision must be known to the holidays package."""
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
    if most_sessions(series) > MAX_SERIES_SESSIONS:
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
