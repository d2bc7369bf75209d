"""Block-course times: each item starts where the previous one ended unless given."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Break, Course, Day, Paper, Session, Talk


@dataclass(frozen=True)
class Entry:
    """One computed item of a block-course day."""

    day: int
    index: int
    kind: str
    title: str | None
    start: dt.datetime
    end: dt.datetime
    talk_end: dt.datetime | None = None
    slot: str | None = None
    paper: Paper | None = None

    @property
    def minutes(self) -> int:
        """Length of the item in minutes."""
        return int((self.end - self.start).total_seconds() // 60)


# The talk and discussion minutes of one talk slot, falling back to the schedule's defaults.
def _talk_lengths(course: Course, item: Talk) -> tuple[int, int]:
    talk = item.talk_minutes if item.talk_minutes is not None else course.schedule.talk_minutes
    discussion = item.discussion_minutes if item.discussion_minutes is not None else course.schedule.discussion_minutes
    return talk, discussion


# Compute the entries of one day in order.
def day_entries(course: Course, day_index: int, papers_by_slot: dict[str, Paper]) -> list[Entry]:
    """Entries of one day with start and end times (naive local datetimes)."""
    day: Day = course.schedule.days[day_index]
    clock = dt.datetime.combine(day.date, day.start)
    entries = []
    for index, item in enumerate(day.program):
        start = dt.datetime.combine(day.date, item.start) if item.start else clock
        if isinstance(item, Talk):
            talk, discussion = _talk_lengths(course, item)
            end = start + dt.timedelta(minutes=talk + discussion)
            entry = Entry(day_index, index, "talk", None, start, end,
                          start + dt.timedelta(minutes=talk), item.slot, papers_by_slot.get(item.slot))
        elif isinstance(item, Break):
            end = start + dt.timedelta(minutes=item.break_)
            entry = Entry(day_index, index, "break", item.title, start, end)
        else:
            assert isinstance(item, Session)
            end = start + dt.timedelta(minutes=item.minutes)
            entry = Entry(day_index, index, "session", item.session, start, end)
        entries.append(entry)
        clock = end
    return entries


def timetable(course: Course) -> list[list[Entry]]:
    """Every block-course day's entries, in the order of `schedule.days`."""
    by_slot = {p.slot: p for p in course.papers if p.slot}
    return [day_entries(course, i, by_slot) for i in range(len(course.schedule.days))]
