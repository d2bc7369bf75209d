"""Warnings about a valid course: parts of `course.yml` that disagree without either being wrong
on its own, and what a page cannot show as written. The file still builds; the instructor decides.

The block course is written twice: as an important date (what the timeline, the dates page and
the calendar show) and as the schedule's days (what the schedule page shows). When their days,
rooms or start times differ, students read two different plans.

An image in a Markdown field that would load from another host is shown without its source
(markup.py); the warning says which field holds it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .agenda import Agenda
from .agenda.block import block_date
from .links import offsite_images
from .model import Course, DateItem, Day, Status

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Disagreement:
    """One warning: where it is (`path`), what is wrong, and the other place (`other`) it
    disagrees with, if any.

    `message` holds `{other}` when there is another place; the loader fills it with that
    place's field and line.
    """

    path: Path
    message: str
    other: Path | None = None


def course_warnings(agenda: Agenda) -> list[Disagreement]:
    """Every warning about a valid course: the block course, images from other hosts."""
    return [*block_course_warnings(agenda.course), *image_warnings(agenda.course)]


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


# ---- Images from other hosts ------------------------------------------------------------------


def image_warnings(course: Course) -> Iterator[Disagreement]:
    """Each image of a Markdown field that the pages show without its source, because a browser
    would load it from another host."""
    for path, url in offsite_images(course):
        yield Disagreement(path, f"image '{url}' would load from another host, so the pages show it without "
                           "its source (put the image in docs/, e.g. docs/images/, and write its path relative "
                           "to docs/, e.g. images/photo.png)")
