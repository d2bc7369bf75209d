"""Checks of the agenda's times: each is a real, single instant in the course's zone, a day's
program runs forwards within the day and across no clock change, no weekly session runs across
one, and each per-talk item comes before its talk. They read the resolved agenda (agenda/),
never compute times of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from .agenda import Agenda, Occurrence
from .instants import DEADLINE_LENGTH, unclear, wall
from .yamlsource import Finding


# The wall times of a date to check, by field: its start, its end, and a deadline's end minute
# (the feed's DTEND; a deadline whose next minute is unclear is refused too).
def _wall_times(o: Occurrence) -> list[tuple[str, dt.datetime]]:
    if o.item is None or o.item.start is None or o.start is None or o.end is None:
        return []
    times = [("start", wall(o.start))]
    if o.item.end is not None:
        times.append(("end", wall(o.end)))
    if o.deadline:
        times.append(("start", wall(o.start) + DEADLINE_LENGTH))
    return times


# The first unclear time of one dated item, if any, with `what` before the message.
def _first_unclear(o: Occurrence, zone: ZoneInfo, what: str) -> Finding | None:
    for name, moment in _wall_times(o):
        why = unclear(moment, zone)
        if why:
            return (o.source + (name,), False, what + why)
    return None


# Written times of dates that do not exist, or exist twice, in the course's zone.
def date_times(agenda: Agenda) -> Iterator[Finding]:
    for o in agenda.dates:
        found = _first_unclear(o, agenda.zone, "") if o.kind == "date" else None
        if found:
            yield found


# No item of a block-course day starts before the one before it ends; nothing runs past midnight.
def program_order(agenda: Agenda) -> Iterator[Finding]:
    for day in agenda.days:
        before: Occurrence | None = None
        for o in day.program:
            assert o.start is not None and o.end is not None
            if before and before.end and o.start < before.end:
                yield (o.source + ("start",), False, f"starts at {o.start:%H:%M}, before the previous item ends "
                       f"at {before.end:%H:%M} (move the start or shorten the item before)")
            before = o
        late = next((o for o in day.program if o.end and o.start and o.end.date() != o.start.date()), None)
        if late and late.end:
            yield (late.source, False, f"ends after midnight, at {late.end:%Y-%m-%d %H:%M} "
                   "(start the day earlier or move items to another day)")


# Block-course items that start or end at an unclear time, or run across a clock change:
# their times are counted on the wall clock, which a switch makes wrong.
def program_times(agenda: Agenda) -> Iterator[Finding]:
    zone = agenda.zone
    for day in agenda.days:
        for number, o in enumerate(day.program):
            assert o.start is not None and o.end is not None
            item = day.day.program[number]
            what = f"item {number + 1} of the day {o.start:%Y-%m-%d}"
            why = unclear(wall(o.start), zone) or unclear(wall(o.end), zone)
            if why:
                yield (o.source + (("start",) if item.start else ()), False, f"{what}: {why}")
            elif o.start.utcoffset() != o.end.utcoffset():
                yield (o.source, False, f"{what} runs across the clock change of that night "
                       f"(start the day after {_switch_end(o.start, zone)}, or move the item)")
                break


# The first clear wall time after the day's clock change.
def _switch_end(start: dt.datetime, zone: ZoneInfo) -> str:
    moment, offset = start.astimezone(dt.UTC), start.utcoffset()
    while moment.astimezone(zone).utcoffset() == offset or unclear(wall(moment.astimezone(zone)), zone):
        moment += dt.timedelta(minutes=15)
    return f"{moment.astimezone(zone):%H:%M}"


# Each per-talk item lies before its talk at a clear time: reported once per rule, naming the talk.
def talk_dates(agenda: Agenda) -> Iterator[Finding]:
    reported: set[str] = set()
    for o in agenda.dates:
        talk, rule = o.talk, o.rule
        if talk is None or rule is None or o.start is None or talk.start is None or rule.id in reported:
            continue
        problems = [p for p in [_first_unclear(o, agenda.zone, f"for talk {talk.slot}: ")] if p]
        moment, talk_start = wall(o.start), wall(talk.start)
        if moment >= talk_start:
            problems.append((o.source + ("per_talk", "before"), False, f"for talk {talk.slot} at "
                             f"{talk_start:%Y-%m-%d %H:%M} this date falls at {moment:%Y-%m-%d %H:%M}, not before "
                             "the talk (write more days, or an earlier start)"))
        if problems:
            reported.add(rule.id)
            yield problems[0]


# Each session's start and end are single, real local times, and no session runs across a clock
# change: the first such session per series.
def session_times(agenda: Agenda) -> Iterator[Finding]:
    for plan in agenda.series:
        found = next(filter(None, (_session_problem(o, agenda.zone) for o in plan)), None)
        if found:
            yield found


# Why a session's times are unclear: a start or end that does not exist or exists twice, or a span
# across a clock change, whose end readers disagree on (a weekly RRULE repeats the length of the
# first session: some readers count it on the wall clock, others in elapsed time); None if clear.
def _session_problem(o: Occurrence, zone: ZoneInfo) -> Finding | None:
    at = o.source if o.status == "moved" else o.source[:2]  # a moved session's own times, else the series'
    for name, moment in (("start", o.start), ("end", o.end)):
        why = unclear(wall(moment), zone) if moment else None
        if why:
            return (at + (name,), False, f"the session of {o.planned:%Y-%m-%d}: {why}")
    if o.start and o.end and o.start.utcoffset() != o.end.utcoffset():
        return (at + ("end",), False, f"the session of {o.planned:%Y-%m-%d} runs across the clock change of that "
                f"night, {o.start:%H:%M} to {o.end:%H:%M}: calendar apps disagree on when it ends (end it before "
                f"the switch, or start it at {_switch_end(o.start, zone)} or later)")
    return None
