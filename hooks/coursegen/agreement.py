"""Warnings where two parts of `course.yml` disagree without either being wrong on its own.

The block course is written twice: as an important date (what the timeline, the dates page and
the calendar show) and as the schedule's days (what the schedule page shows). When their days,
rooms or start times differ, students read two different plans. That is a warning, not an
error: the file still builds, and the instructor decides which of the two is right.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .agenda.block import block_date
from .model import Course, DateItem, Day, Status

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Disagreement:
    """One warning: where it is (`path`), what disagrees, and the other place (`other`) it disagrees with.

    `message` holds `{other}`, which the loader fills with the other place's field and line.
    """

    path: Path
    message: str
    other: Path


def block_course_warnings(course: Course) -> list[Disagreement]:
    """Every way the block course's date entry and the schedule's days disagree: days, rooms, start."""
    index = block_date(course)
    if index is None:
        return []
    return list(_disagreements(course, ("dates", index), course.dates[index]))


# One whitespace-free, case-free form of a room, so "Room 0.01" is found in "room 0.01, building E1".
def _plain(text: str) -> str:
    return "".join(text.split()).casefold()


def _disagreements(course: Course, at: Path, item: DateItem) -> Iterator[Disagreement]:
    days = course.schedule.days
    title = f"the block course's date '{item.title}'"
    if item.status is Status.tbd or item.date is None:
        yield Disagreement(at + ("status",), f"{title} is still tbd, but the schedule has days from {days[0].date} "
                           f"({{other}}) (write its date and end_date, or remove the days)", ("schedule", "days"))
        return
    last = item.last_day
    if item.date != days[0].date:
        yield Disagreement(at + ("date",), f"{title} starts on {item.date}, but the schedule's first day is "
                           f"{days[0].date} ({{other}}) (write date: {days[0].date}, or fix the schedule's day)",
                           ("schedule", "days", 0, "date"))
    if last != days[-1].date:
        field = "end_date" if item.end_date else "date"
        yield Disagreement(at + (field,), f"{title} ends on {last}, but the schedule's last day is {days[-1].date} "
                           f"({{other}}) (write end_date: {days[-1].date}, or fix the schedule's day)",
                           ("schedule", "days", len(days) - 1, "date"))
    if item.start and item.date == days[0].date and item.start != days[0].start:
        yield Disagreement(at + ("start",), f"{title} starts at {item.start:%H:%M}, but the schedule's first day "
                           f"starts at {days[0].start:%H:%M} ({{other}}) (write start: \"{days[0].start:%H:%M}\", "
                           "or fix the schedule's start)", ("schedule", "days", 0, "start"))
    if item.location:
        yield from _rooms(course, at, title, item.location)


# Each schedule day's room must appear in the date's location (which may name several rooms).
def _rooms(course: Course, at: Path, title: str, location: str) -> Iterator[Disagreement]:
    for number, day in enumerate(course.schedule.days):
        room = day.room or course.schedule.room
        if room and _plain(room) not in _plain(location):
            where: Path = ("schedule", "days", number, "room") if day.room else ("schedule", "room")
            yield Disagreement(at + ("location",), _room_message(title, location, number, day, room), where)


def _room_message(title: str, location: str, number: int, day: Day, room: str) -> str:
    return (f"{title} is in '{location}', but the schedule holds day {number + 1} ({day.date}) in '{room}' "
            f"({{other}}) (name every room in location, e.g. \"{location}; {day.date}: {room}\", "
            "or fix the schedule's room)")
