"""The block course: each day's program with its times, and the date that stands for it.

Each item starts where the one before ended unless it gives its own start; times are counted
on the wall clock of the day (the checks refuse a day that runs across a clock change).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..i18n import Labels
from ..instants import is_deadline
from ..model import Break, Course, DateItem, Day, Paper, Session, Status, Talk
from .occurrence import Occurrence
from .occurrence import Status as OccurrenceStatus


@dataclass(frozen=True)
class BlockDay:
    """One day of the block course: the day as a whole, and its program in order."""

    index: int
    day: Day
    room: str | None
    program: tuple[Occurrence, ...]

    @property
    def talks(self) -> tuple[Occurrence, ...]:
        """The day's talks, in order."""
        return tuple(o for o in self.program if o.kind == "talk")


# The talk and discussion minutes of one talk slot, falling back to the schedule's defaults.
def _lengths(course: Course, item: Talk) -> tuple[int, int]:
    talk = item.talk_minutes if item.talk_minutes is not None else course.schedule.talk_minutes
    discussion = item.discussion_minutes if item.discussion_minutes is not None else course.schedule.discussion_minutes
    return talk, discussion


# The length of one program item in minutes.
def _minutes(course: Course, item: Talk | Break | Session) -> int:
    if isinstance(item, Talk):
        return sum(_lengths(course, item))
    return item.break_ if isinstance(item, Break) else item.minutes


# One item of a day at its wall times, made instants in the course's zone.
def _item(course: Course, number: int, index: int, item: Talk | Break | Session, wall: tuple[dt.datetime, dt.datetime],
          room: str | None, papers: dict[str, Paper], lab: Labels) -> Occurrence:
    day, zone = course.schedule.days[number], ZoneInfo(course.course.timezone)
    status: OccurrenceStatus = "tentative" if course.schedule.status is Status.tentative else "planned"
    start, end = (moment.replace(tzinfo=zone) for moment in wall)
    source = ("schedule", "days", number, "program", index)
    if isinstance(item, Talk):
        paper = papers.get(item.slot)
        return Occurrence(f"talk:{item.slot}", "talk", paper.title if paper else lab["open_slot"], status, source,
                          start, end, place=room, group="block", event=f"talk-{item.slot}", paper=paper,
                          slot=item.slot)
    if isinstance(item, Break):
        return Occurrence(f"break:{day.date}:{index}", "break", item.title or lab["break"], status, source,
                          start, end, place=room, group="block")
    return Occurrence(f"item:{day.date}:{index}", "item", item.session, status, source, start, end, place=room,
                      group="block")


def block_days(course: Course, lab: Labels) -> tuple[BlockDay, ...]:
    """Every block-course day with its program's times, in the order of `schedule.days`."""
    papers = {p.slot: p for p in course.papers if p.slot}
    found = []
    for number, day in enumerate(course.schedule.days):
        room = day.room or course.schedule.room
        clock = dt.datetime.combine(day.date, day.start)
        program = []
        for index, item in enumerate(day.program):
            start = dt.datetime.combine(day.date, item.start) if item.start else clock
            clock = start + dt.timedelta(minutes=_minutes(course, item))
            program.append(_item(course, number, index, item, (start, clock), room, papers, lab))
        found.append(BlockDay(number, day, room, tuple(program)))
    return tuple(found)


def block_date(course: Course) -> int | None:
    """The index in `dates` of the date that stands for the block course: the one `schedule.date`
    names, else the dated event whose days overlap the schedule's days most (a deadline, a
    per-talk rule or a tbd date never does); None without days or such a date."""
    days = {d.date for d in course.schedule.days}
    if not days:
        return None
    if course.schedule.date:
        return next((i for i, d in enumerate(course.dates) if d.id == course.schedule.date), None)
    best, most = None, 0
    for i, item in enumerate(course.dates):
        if item.per_talk is None and item.is_dated and not is_deadline(item):
            overlap = len(days & set(covered_days(item)))
            if overlap > most:
                best, most = i, overlap
    return best


def covered_days(item: DateItem) -> list[dt.date]:
    """Every day a dated item covers."""
    assert item.date is not None
    return [item.date + dt.timedelta(days=n) for n in range((item.last_day - item.date).days + 1)]


def day_occurrence(day: BlockDay, date: DateItem) -> Occurrence:
    """A block-course day as one item: the block course's date with that day's start, end and room."""
    first, last = day.program[0], day.program[-1]
    assert first.start is not None and last.end is not None
    shown = date.model_copy(update={"date": day.day.date, "end_date": None, "start": first.start.time(),
                                    "end": last.end.time(), "location": day.room or date.location})
    return Occurrence(f"day:{day.day.date}", "day", date.title, first.status, ("schedule", "days", day.index),
                      start=first.start, end=last.end, place=shown.location, group="block", item=shown)
