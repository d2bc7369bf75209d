"""Weekly series: every planned day a session, with public holidays and skipped days left out,
and single sessions moved or cancelled.

A series (lectures, exercise groups, office hours) names weekdays, a start and end time and
its first and last day. Every such day is a planned session; a public holiday of the course's
`holidays` section (from the `holidays` package, named in the course language where the
package has it) and each `skip` day are left out; a `changes` entry moves one session to
another day, time or room, or cancels it, with a note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

import holidays as holiday_data

from ..instants import instant
from ..model import WEEKDAYS, Course, DateItem, Holidays, Series, SeriesChange
from .occurrence import Occurrence, Status

# The holidays package names languages by locale; a course language it lacks falls back to these.
_HOLIDAY_LANGUAGES = {"en": ("en_US", "en_GB")}


def planned_days(series: Series) -> list[dt.date]:
    """Every day from first to last that falls on one of the series' weekdays (before holidays,
    skips and changes)."""
    weekdays = {WEEKDAYS.index(day) for day in series.days}
    count = (series.last - series.first).days + 1
    return [day for day in (series.first + dt.timedelta(days=n) for n in range(max(count, 0)))
            if day.weekday() in weekdays]


def most_sessions(series: Series) -> int:
    """An upper bound of a series' sessions, found without listing them."""
    return max((series.last - series.first).days // 7 + 1, 0) * len(set(series.days))


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
    """The public holidays in the series' years that it leaves out, named in the course language
    where possible."""
    rules: Holidays | None = course.holidays
    if rules is None or not series.holidays or series.last < series.first:
        return {}
    years = tuple(range(series.first.year, series.last.year + 1))
    return _holiday_names(rules.country, rules.subdivision, years, course.course.language)


# One session: its planned day, where and when it takes place, its state and note.
def _session(course: Course, index: int, series: Series, day: dt.date, status: Status,
             change: tuple[int, SeriesChange] | None = None, note: str | None = None) -> Occurrence:
    zone = ZoneInfo(course.course.timezone)
    moved = change[1] if change and status == "moved" else None
    new_day = (moved.new_date if moved else None) or day
    start = instant(new_day, (moved.start if moved else None) or series.start, zone)
    end = instant(new_day, (moved.end if moved else None) or series.end, zone)
    room = (moved.room if moved else None) or series.room
    source: tuple[str | int, ...] = ("series", index, "changes", change[0]) if change else ("series", index)
    shown = DateItem.model_construct(id=f"series-{series.id}", title=series.title, date=new_day, start=start.time(),
                                     end=end.time(), location=room)
    return Occurrence(f"session:{series.id}:{day}", "session", series.title, status, source, start, end,
                      place=room, note=note or (change[1].note if change else None), group=f"series:{series.id}",
                      event=f"series-{series.id}", planned=instant(day, series.start, zone), item=shown,
                      series=series)


def sessions(course: Course, index: int) -> list[Occurrence]:
    """Every planned day of the series `series[index]` as a session, in order of the planned day."""
    series = course.series[index]
    free = holiday_names(course, series)
    skipped = set(series.skip)
    changes = {change.date: (j, change) for j, change in enumerate(series.changes)}
    found = []
    for day in planned_days(series):
        if day in free:
            found.append(_session(course, index, series, day, "holiday", note=free[day]))
        elif day in skipped:
            found.append(_session(course, index, series, day, "skipped"))
        elif day in changes:
            state: Status = "cancelled" if changes[day][1].cancelled else "moved"
            found.append(_session(course, index, series, day, state, changes[day]))
        else:
            found.append(_session(course, index, series, day, "planned"))
    return found


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


def weeks(found: list[Occurrence]) -> list[Week]:
    """Every week from the first of these sessions to the last (by the day each is held), with
    its sessions (some weeks may have none)."""
    if not found:
        return []
    days = [o.start.date() for o in found if o.start]
    monday, last = min(days) - dt.timedelta(days=min(days).weekday()), max(days)
    by_week: dict[dt.date, list[Occurrence]] = {}
    for o, day in zip(found, days, strict=True):
        by_week.setdefault(day - dt.timedelta(days=day.weekday()), []).append(o)
    result: list[Week] = []
    while monday <= last:
        result.append(Week(len(result) + 1, monday, by_week.get(monday, [])))
        monday += dt.timedelta(days=7)
    return result
