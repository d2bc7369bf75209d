"""Weekly series: every planned day a session, with public holidays, breaks and skipped days
left out, and single sessions moved, retitled or cancelled.

A series (lectures, exercise groups, office hours) names weekdays, a start and end time and
its first and last day. Every such day is a planned session; a public holiday of the course's
`holidays` section (see holidays.py), a day of one of the course's `breaks` (a holiday wins
over a break) and each `skip` day are left out; a `changes` entry moves one session to
another day, time or room, gives it its own title, or cancels it, with a note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..instants import instant
from ..model import WEEKDAYS, Course, DateItem, Series, SeriesChange
from .holidays import holiday_names
from .occurrence import Occurrence, Status


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


def break_names(course: Course, series: Series) -> dict[dt.date, str]:
    """The days of the series that the course's breaks leave out, with the break's name (the
    first break in file order where breaks overlap)."""
    if not series.breaks:
        return {}
    found: dict[dt.date, str] = {}
    for day in planned_days(series):
        index = break_of(course, day)
        if index is not None:
            found[day] = course.breaks[index].name
    return found


def break_of(course: Course, day: dt.date) -> int | None:
    """The index of the course's break that holds `day` (the first in file order where breaks
    overlap), if any."""
    return next((i for i, pause in enumerate(course.breaks) if pause.first <= day <= pause.last_day), None)


# One session: its planned day, where and when it takes place, its title, state and note.
def _session(course: Course, index: int, series: Series, day: dt.date, status: Status,
             change: tuple[int, SeriesChange] | None = None, note: str | None = None) -> Occurrence:
    zone = ZoneInfo(course.course.timezone)
    moved = change[1] if change and status == "moved" else None
    new_day = (moved.new_date if moved else None) or day
    start = instant(new_day, (moved.start if moved else None) or series.start, zone)
    end = instant(new_day, (moved.end if moved else None) or series.end, zone)
    room = (moved.room if moved else None) or series.room
    title = (change[1].title if change else None) or series.title
    source: tuple[str | int, ...] = ("series", index, "changes", change[0]) if change else ("series", index)
    shown = DateItem.model_construct(id=f"series-{series.id}", title=title, date=new_day, start=start.time(),
                                     end=end.time(), location=room)
    return Occurrence(f"session:{series.id}:{day}", "session", title, status, source, start, end,
                      place=room, note=note or (change[1].note if change else None), group=f"series:{series.id}",
                      event=f"series-{series.id}", planned=instant(day, series.start, zone), item=shown,
                      series=series)


# The state of a changed session: cancelled, moved, or planned under its own title.
def _changed(change: SeriesChange) -> Status:
    if change.cancelled:
        return "cancelled"
    return "moved" if change.moves else "planned"


def sessions(course: Course, index: int) -> list[Occurrence]:
    """Every planned day of the series `series[index]` as a session, in order of the planned day."""
    series = course.series[index]
    free, breaks = holiday_names(course, series), break_names(course, series)
    skipped = set(series.skip)
    changes = {change.date: (j, change) for j, change in enumerate(series.changes)}
    found = []
    for day in planned_days(series):
        if day in free:
            found.append(_session(course, index, series, day, "holiday", note=free[day]))
        elif day in breaks:
            found.append(_session(course, index, series, day, "break", note=breaks[day]))
        elif day in skipped:
            found.append(_session(course, index, series, day, "skipped"))
        elif day in changes:
            found.append(_session(course, index, series, day, _changed(changes[day][1]), changes[day]))
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
