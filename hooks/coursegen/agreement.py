"""Warnings about a valid course: parts of `course.yml` that disagree without either being wrong
on its own, and what a page cannot show as written. The file still builds; the instructor decides.

The block course is written twice: as an important date (what the timeline, the dates page and
the calendar show) and as the schedule's days (what the schedule page shows). When their days,
rooms or start times differ, students read two different plans.

Weekly sessions collide when a change moves one on top of another session of its series, onto a
public holiday or into a break that the series keeps free, or when two series meet in one room
at the same time. These warnings read the sessions as the agenda resolved them (agenda/weekly.py).

An image in a Markdown field that would load from another host is shown without its source
(markup.py); the warning says which field holds it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .agenda import Agenda, Occurrence
from .agenda.block import block_date
from .agenda.holidays import holiday_names
from .agenda.weekly import break_of
from .links import offsite_images
from .model import Course, DateItem, Day, Status
from .yamlsource import Path


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
    """Every warning about a valid course: the block course, colliding sessions, images from
    other hosts."""
    return [*block_course_warnings(agenda.course), *session_warnings(agenda), *image_warnings(agenda.course)]


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


# ---- Sessions that collide --------------------------------------------------------------------


def session_warnings(agenda: Agenda) -> Iterator[Disagreement]:
    """Each moved session on top of another session of its series, or in a room where another
    series meets at the same time, or on a public holiday or in a break that its series keeps
    free; and two series that meet in one room at overlapping times."""
    course = agenda.course
    shared: dict[tuple[int, int], list[tuple[Occurrence, Occurrence]]] = {}
    for first, second in _overlapping(agenda):
        same_series = _series_index(first) == _series_index(second)
        same_room = bool(first.place and second.place and _plain(first.place) == _plain(second.place))
        movers = [o for o in (first, second) if _moving_field(course, o, room=not same_series)]
        if movers and (same_series or same_room):
            mover = max(movers, key=lambda o: o.source)  # the later change in the file
            yield _on_top(course, mover, second if mover is first else first, same_series)
        elif same_room and not same_series:
            shared.setdefault((_series_index(first), _series_index(second)), []).append((first, second))
    yield from (_shared_room(pairs) for pairs in shared.values())
    for o in agenda.sessions:
        if o.status == "moved":
            yield from _day_off(course, o)


# Pairs of sessions that take place at overlapping times, the earlier start first.
def _overlapping(agenda: Agenda) -> Iterator[tuple[Occurrence, Occurrence]]:
    held = [o for o in agenda.sessions if o.happens]  # by start, as held
    for n, first in enumerate(held):
        assert first.end is not None
        for second in held[n + 1:]:
            assert second.start is not None
            if second.start >= first.end:
                break
            yield first, second


# The index of a session's series in course.yml (its source is series.N or series.N.changes.M).
def _series_index(o: Occurrence) -> int:
    return int(o.source[1])


# The field of a moved session's change that put it where it collides: its new day or time
# (new_date, start, end), or with `room` first its new room; None for a session not moved so.
def _moving_field(course: Course, o: Occurrence, room: bool) -> str | None:
    if o.status != "moved":
        return None
    change = course.series[_series_index(o)].changes[int(o.source[3])]
    names = (("room",) if room else ()) + ("new_date", "start", "end")
    return next((name for name in names if getattr(change, name) is not None), None)


# A session's day and times as held, e.g. "2027-06-18 14:15–15:45".
def _held(o: Occurrence) -> str:
    assert o.start is not None and o.end is not None
    return f"{o.start:%Y-%m-%d %H:%M}–{o.end:%H:%M}"


# Where a moved session now is, for the start of a message.
def _moves(o: Occurrence) -> str:
    room = f" in '{o.place}'" if o.place else ""
    return f"the session of {o.moved_from} moves to {_held(o)}{room}"


# Another session, as a message names it.
def _session(o: Occurrence) -> str:
    assert o.series is not None and o.planned is not None
    if o.status == "moved":
        return f"the session of '{o.series.title}' of {o.planned.date()}, moved to {_held(o)}"
    return f"the session of '{o.series.title}' on {_held(o)}"


# A moved session at the same time as another of its series, or as another series in its room.
def _on_top(course: Course, mover: Occurrence, other: Occurrence, same_series: bool) -> Disagreement:
    field = _moving_field(course, mover, room=not same_series)
    fix = "choose another day or time, or cancel one of the two" if same_series else "choose another room or time"
    place = "" if same_series else f" in '{other.place}'"
    return Disagreement(mover.source + ((field,) if field else ()),
                        f"{_moves(mover)}, at the same time as {_session(other)}{place} ({{other}}) ({fix})",
                        other.source)


# One warning for two series that meet in one room at overlapping times, at the later series' room.
def _shared_room(pairs: list[tuple[Occurrence, Occurrence]]) -> Disagreement:
    first, second = sorted(pairs[0], key=_series_index)
    assert first.series is not None and second.series is not None
    days = sorted({p.start.date() for pair in pairs for p in pair if p.start is not None})
    count = f"on {len(days)} days, first on {days[0]}" if len(days) > 1 else f"on {days[0]}"
    return Disagreement(("series", _series_index(second), "room"),
                        f"'{second.series.title}' and '{first.series.title}' meet in '{second.place}' at "
                        f"overlapping times {count} ({{other}}) (give one of the series another room or time)",
                        ("series", _series_index(first), "room"))


# A moved session on a public holiday or in a break that its series keeps free (a holiday wins
# over a break, as for the series' own sessions).
def _day_off(course: Course, o: Occurrence) -> Iterator[Disagreement]:
    assert o.series is not None and o.start is not None
    day, series = o.start.date(), o.series
    field = _moving_field(course, o, room=False)
    at = o.source + ((field,) if field else ())
    holiday = holiday_names(course, series).get(day)  # none for a series that keeps no holidays
    if holiday is not None:
        assert course.holidays is not None
        source: Path = ("holidays", "subdivision" if course.holidays.subdivision else "country")
        yield Disagreement(at, f"{_moves(o)}, a public holiday ({holiday}), which the series leaves out "
                           "({other}) (choose another day, or name the holiday under holidays.ignore if "
                           "sessions take place on it)", source)
        return
    pause = break_of(course, day) if series.breaks else None
    if pause is not None:
        yield Disagreement(at, f"{_moves(o)}, in the break {course.breaks[pause].name} ({{other}}) (choose another "
                           "day, or set breaks: false on the series if its sessions go on in breaks)",
                           ("breaks", pause, "first"))


# ---- Images from other hosts ------------------------------------------------------------------


def image_warnings(course: Course) -> Iterator[Disagreement]:
    """Each image of a Markdown field that the pages show without its source, because a browser
    would load it from another host."""
    for path, url in offsite_images(course):
        yield Disagreement(path, f"image '{url}' would load from another host, so the pages show it without "
                           "its source (put the image in docs/, e.g. docs/images/, and write its path relative "
                           "to docs/, e.g. images/photo.png)")
