"""The agenda: a course resolved once into every occurrence a page or a feed shows.

`resolve` turns a course into its agenda: the important dates (each per-talk rule replaced by
one item per talk), the block-course days with each talk, break and item at its times, and
every planned session of each weekly series (held, moved, cancelled, or left out for a holiday
or a skipped day). Each occurrence has its stable key and calendar event, its instants in the
course's zone, kind, title, place, status and its path in course.yml. Pages, the feed, the
Google links, "next for you", the timeline, the checks that span fields and `next-term` read
the agenda; nothing else computes a timetable, sessions or per-talk dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from ..i18n import Labels, labels
from ..instants import span
from ..model import Course, Status
from .block import BlockDay, block_date, block_days, day_occurrence
from .occurrence import HAPPENS, Occurrence
from .talks import talk_dates
from .weekly import Week, sessions, weeks

__all__ = ["HAPPENS", "Agenda", "BlockDay", "Occurrence", "Week", "resolve"]

_STATUS = {Status.fixed: "planned", Status.tentative: "tentative", Status.tbd: "tbd"}


@dataclass(frozen=True)
class Agenda:
    """A course's occurrences. `dates`: the important dates in file order, each per-talk rule
    replaced by its items; `days`: the block course; `series`: per series (in file order) its
    sessions by planned day; `block_date`: the index in course.dates of the date that stands
    for the block course, if any."""

    course: Course
    dates: tuple[Occurrence, ...]
    days: tuple[BlockDay, ...]
    series: tuple[tuple[Occurrence, ...], ...]
    block_date: int | None

    @property
    def zone(self) -> ZoneInfo:
        """The course's time zone."""
        return ZoneInfo(self.course.course.timezone)

    @property
    def talks(self) -> list[Occurrence]:
        """Every block-course talk, in order."""
        return [talk for day in self.days for talk in day.talks]

    @property
    def program(self) -> list[Occurrence]:
        """Every item of every block-course day, in order."""
        return [item for day in self.days for item in day.program]

    @property
    def sessions(self) -> list[Occurrence]:
        """The sessions of every series, by start (as held), then by series order."""
        order = {s.id: i for i, s in enumerate(self.course.series)}
        found = [o for plan in self.series for o in plan]
        return sorted(found, key=lambda o: (_start(o), order[o.series.id if o.series else ""]))

    @cached_property
    def weeks(self) -> list[Week]:
        """Every week from the first session to the last (Monday to Sunday), with its sessions."""
        return weeks(self.sessions)

    def week_of(self, day: dt.date) -> Week | None:
        """The week of `day`, if the sessions span it."""
        return next((week for week in self.weeks if week.monday <= day <= week.sunday), None)

    @cached_property
    def block_days(self) -> list[Occurrence]:
        """Each block-course day as one item (the block course's date with that day's start,
        end and room); none without a date that stands for the block course."""
        if self.block_date is None:
            return []
        date = self.course.dates[self.block_date]
        return [day_occurrence(day, date) for day in self.days if day.program]

    def everything(self) -> list[Occurrence]:
        """Every occurrence: dates, block-course items and days, sessions."""
        return [*self.dates, *self.program, *self.block_days, *(o for plan in self.series for o in plan)]


# The start of an occurrence for sorting; never None for what is sorted.
def _start(o: Occurrence) -> float:
    assert o.start is not None
    return o.start.timestamp()


# An important date that is not a per-talk rule, as an occurrence.
def _date(course: Course, index: int) -> Occurrence:
    item = course.dates[index]
    if not item.is_dated:
        return Occurrence(f"date:{item.id}", "date", item.title, "tbd", ("dates", index), place=item.location,
                          group=f"date:{item.id}", item=item)
    start, end, all_day = span(item, ZoneInfo(course.course.timezone))
    return Occurrence(f"date:{item.id}", "date", item.title, _STATUS[item.status], ("dates", index), start, end,  # type: ignore[arg-type]
                      all_day, place=item.location, group=f"date:{item.id}", event=f"date-{item.id}", item=item)


def resolve(course: Course, lab: Labels | None = None) -> Agenda:
    """The course's agenda (`lab`: the labels that name derived items; default: the course's)."""
    lab = lab or labels(course.course.language)
    days = block_days(course, lab)
    talks = [talk for day in days for talk in day.talks]
    dates: list[Occurrence] = []
    for index, item in enumerate(course.dates):
        dates += talk_dates(course, index, item, talks, lab) if item.per_talk else [_date(course, index)]
    series = tuple(tuple(sessions(course, i)) for i in range(len(course.series)))
    return Agenda(course, tuple(dates), days, series, block_date(course))
