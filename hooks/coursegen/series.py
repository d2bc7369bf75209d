"""Checks of the weekly series, the holidays section and the breaks: bounds, order, skipped
and changed days, the holidays that ignore and only name.

The sessions themselves are resolved in agenda/weekly.py; the checks of their times read the
agenda (timechecks.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from difflib import get_close_matches

import holidays as holiday_data

from .agenda.holidays import PublicHoliday, course_years, holiday_names, public_holidays
from .agenda.weekly import break_names, most_sessions, planned_days
from .limits import MAX_SERIES_SESSIONS, MAX_SESSIONS
from .model import WEEKDAYS, Course, Holidays, Series
from .yamlsource import Finding

# ---- Checks ------------------------------------------------------------------------------


def series_checks(course: Course) -> Iterator[Finding]:
    """Every problem of the series and the holidays section, with its path (their ids: checks.py)."""
    wrong = list(holiday_rules(course.holidays))
    yield from wrong
    if wrong:  # check the series as if without holidays, which cannot be looked up
        course = course.model_copy(update={"holidays": None})
    yield from _break_rules(course)
    total = 0
    for i, series in enumerate(course.series):
        total += most_sessions(series)
        if total > MAX_SESSIONS:
            yield (("series", i), False, f"the series together would have more than {MAX_SESSIONS:,} sessions "
                   "(split the course, or remove series)")
            return
        yield from _series_rules(course, i, series)
    yield from _choice_rules(course)


def holiday_rules(rules: Holidays | None) -> Iterator[Finding]:
    """The country and subdivision must be known to the holidays package; ignore and only
    are not both given."""
    if rules is None:
        return
    if rules.ignore and rules.only:
        yield (("holidays", "only"), True, "give ignore or only, not both (only keeps just the holidays it names, "
               "ignore leaves out the ones it names: remove one of the two)")
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


# A break ends on or after the day it starts.
def _break_rules(course: Course) -> Iterator[Finding]:
    for i, item in enumerate(course.breaks):
        if item.last is not None and item.last < item.first:
            yield (("breaks", i, "last"), False, f"last {item.last} is before first {item.first} "
                   "(swap them or fix the day)")


# Each holiday that ignore or only names is a public holiday in the years of the series.
def _choice_rules(course: Course) -> Iterator[Finding]:
    rules, years = course.holidays, course_years(course)
    found = public_holidays(course, years) if rules and (rules.ignore or rules.only) else ()
    if rules is None or not found:
        return
    place = f"{rules.country}-{rules.subdivision}" if rules.subdivision else rules.country
    during = f"{years[0]}" if len(years) == 1 else f"{years[0]} to {years[-1]}"
    for field, choices in (("ignore", rules.ignore), ("only", rules.only)):
        for j, choice in enumerate(choices):
            if not any(holiday.matches(choice) for holiday in found):
                what = f"{choice} is no public holiday" if isinstance(choice, dt.date) else \
                    f"no public holiday is named '{choice}'"
                yield (("holidays", field, j), False, f"{what} in {place} in {during} ({_near(choice, found, field)})")


# The holiday a mistyped name or day most likely meant, as a hint (`only` takes names, not days).
def _near(choice: dt.date | str, found: tuple[PublicHoliday, ...], field: str) -> str:
    if isinstance(choice, dt.date):
        closest = min(found, key=lambda holiday: abs(holiday.day - choice))
        return f"the closest is {closest.day}, {closest.name}"
    on_day = [holiday.name for holiday in found if str(holiday.day) == choice.strip()]
    if on_day:
        return f"only names holidays, not days: did you mean '{on_day[0]}'?"
    names = list(dict.fromkeys(holiday.name for holiday in found))
    near = get_close_matches(choice.casefold(), [name.casefold() for name in names], n=1)
    if near:
        return f"did you mean '{next(name for name in names if name.casefold() == near[0])}'?"
    days = ", or the day as YYYY-MM-DD" if field == "ignore" else ""
    return f"write the name as the sessions page shows it, or in English{days}"


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
    yield from _skip_rules(course, at, series, set(days))
    yield from _change_rules(course, at, series, set(days))


# What a day is not, for a skip or a change that names a day without a session.
def _not_a_session(day: dt.date, series: Series) -> str:
    if not series.first <= day <= series.last:
        return f"{day} is outside the series ({series.first} to {series.last})"
    return f"{day} is a {WEEKDAYS[day.weekday()]}, not a day of this series ({', '.join(series.days)})"


def _skip_rules(course: Course, at: tuple[str | int, ...], series: Series, days: set[dt.date]) -> Iterator[Finding]:
    off = _day_off(course, series)
    for j, day in enumerate(series.skip):
        if day not in days:
            yield (at + ("skip", j), False, f"{_not_a_session(day, series)} (skip only days of sessions)")
        elif day in off:
            yield (at + ("skip", j), False, f"{day} has no session: it is {off[day]} (remove the skip)")


# Why a day of the series has no session anyway: a public holiday, or a break (a holiday wins).
def _day_off(course: Course, series: Series) -> dict[dt.date, str]:
    breaks = {day: f"in the break {name}" for day, name in break_names(course, series).items()}
    return breaks | {day: f"a holiday ({name})" for day, name in holiday_names(course, series).items()}


def _change_rules(course: Course, at: tuple[str | int, ...], series: Series, days: set[dt.date]) -> Iterator[Finding]:
    off = {day: "in skip" for day in series.skip} | _day_off(course, series)
    seen: set[dt.date] = set()
    for j, change in enumerate(series.changes):
        where = at + ("changes", j)
        if change.date not in days:
            yield (where + ("date",), False, f"{_not_a_session(change.date, series)} (a change names the day a "
                   "session was planned on)")
        elif change.date in off:
            yield (where + ("date",), False, f"{change.date} has no session: it is {off[change.date]} "
                   "(remove the change)")
        elif change.date in seen:
            yield (where + ("date",), False, f"{change.date} is changed twice (merge the two changes)")
        seen.add(change.date)
        moves = change.moves + (["title"] if change.title is not None else [])
        if change.cancelled and moves:
            yield (where + (moves[0],), False, f"a cancelled session is not moved (remove {', '.join(moves)}, "
                   "or set cancelled: false)")
        elif not change.cancelled and not moves:
            yield (where, False, "a change moves the session, gives it a title or cancels it (add new_date, "
                   "start, end, room or title, or cancelled: true)")
        elif not change.cancelled and (change.end or series.end) <= (change.start or series.start):
            yield (where + ("end" if change.end else "start",), False,
                   f"the moved session's end {change.end or series.end:%H:%M} is not after its start "
                   f"{change.start or series.start:%H:%M} (fix the times)")
