"""Rules that span several fields: unique ids, references, weights, date order."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from difflib import get_close_matches
from math import isclose

from .model import Course, DateItem, Status, Talk
from .timetable import timetable

# (path, whether the position is the key rather than the value, message)
Finding = tuple[tuple[str | int, ...], bool, str]


def cross_checks(course: Course, valid: Collection[str]) -> list[Finding]:
    """Every cross-field problem among the sections that passed validation (names in `valid`)."""
    return [finding for needs, rule in _RULES if set(needs) <= set(valid) for finding in rule(course)]


# Report each id that an earlier entry of the same list already uses.
def _unique(section: str, ids: list[str]) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if ident in seen:
            yield ((section, index, "id"), False,
                   f"duplicate id '{ident}' (also {section}[{seen[ident]}]; ids must be unique, rename one)")
        seen.setdefault(ident, index)


# Slot ids must be unique across all block-course days.
def _unique_slots(course: Course) -> Iterator[Finding]:
    seen: set[str] = set()
    for d, day in enumerate(course.schedule.days):
        for i, item in enumerate(day.program):
            if isinstance(item, Talk):
                if item.slot in seen:
                    yield (("schedule", "days", d, "program", i, "slot"), False,
                           f"duplicate slot id '{item.slot}' (each talk slot needs its own id)")
                seen.add(item.slot)


# Weights times counts must give 100 %.
def _weights(course: Course) -> Iterator[Finding]:
    if not course.deliverables:
        return
    total = sum(d.weight * d.count for d in course.deliverables)
    if not isclose(total, 100, abs_tol=1e-6):
        parts = " + ".join(f"{d.count} x {d.weight:g}" if d.count > 1 else f"{d.weight:g}" for d in course.deliverables)
        yield (("deliverables",), True,
               f"weights add up to {total:g} %, not 100 % ({parts}; change the weights so they total 100)")


# Name a missing id and suggest the closest existing one.
def _dangling(kind: str, ident: str, known: Iterable[str]) -> str:
    near = get_close_matches(ident, list(known), n=1)
    hint = f"did you mean '{near[0]}'?" if near else f"add a {kind} with this id or fix the reference"
    return f"no {kind} has the id '{ident}' ({hint})"


# A date's deliverable must exist.
def _deliverable_refs(course: Course) -> Iterator[Finding]:
    deliverables = [d.id for d in course.deliverables]
    for i, date in enumerate(course.dates):
        if date.deliverable and date.deliverable not in deliverables:
            yield (("dates", i, "deliverable"), False, _dangling("deliverable", date.deliverable, deliverables))


# A paper's slot must exist in the schedule, one paper per slot.
def _slot_refs(course: Course) -> Iterator[Finding]:
    slots = [t.slot for d in course.schedule.days for t in d.program if isinstance(t, Talk)]
    known = set(slots)
    taken: dict[str, str] = {}
    for i, paper in enumerate(course.papers):
        if not paper.slot:
            continue
        if paper.slot not in known:
            yield (("papers", i, "slot"), False, _dangling("schedule slot", paper.slot, slots))
        elif paper.slot in taken:
            yield (("papers", i, "slot"), False,
                   f"slot '{paper.slot}' is already taken by paper '{taken[paper.slot]}' (give each paper its own slot)")
        taken.setdefault(paper.slot, paper.id)


# A date's fields must fit its status and run forwards in time.
def _date_rules(i: int, d: DateItem) -> Iterator[Finding]:
    at = ("dates", i)
    if d.status is Status.tbd:
        if d.date or d.end_date or d.start or d.end:
            yield (at + ("status",), False, "a tbd date has no day or time yet "
                   "(remove date/start/end, or set status: fixed or tentative)")
        if not d.hint:
            yield (at, False, "a tbd date needs a hint saying when, in words "
                   "(add e.g. hint: \"first week of the semester\")")
        return
    if d.date is None:
        yield (at, False, f"a {d.status.value} date needs a day (add date: YYYY-MM-DD, or set status: tbd with a hint)")
        return
    if d.end_date and d.end_date < d.date:
        yield (at + ("end_date",), False, f"end_date {d.end_date} is before date {d.date} (swap them or fix the day)")
    if d.end and not d.start:
        yield (at + ("end",), False, "an end time needs a start time (add start: HH:MM)")
    if d.start and d.end and (d.end_date or d.date) == d.date and d.end <= d.start:
        yield (at + ("end",), False,
               f"end {d.end:%H:%M} is not after start {d.start:%H:%M} (fix the times, or add end_date for a range)")


# Block-course days in order, no overlapping items, nothing past midnight.
def _schedule_rules(course: Course) -> Iterator[Finding]:
    days = course.schedule.days
    for d in range(1, len(days)):
        if days[d].date <= days[d - 1].date:
            yield (("schedule", "days", d, "date"), False,
                   f"{days[d].date} is not after the previous day {days[d - 1].date} (list days in order, once each)")
    for day in timetable(course):
        for prev, entry in zip([None, *day], day):
            at = ("schedule", "days", entry.day, "program", entry.index)
            if prev and entry.start < prev.end:
                yield (at + ("start",), False, f"starts at {entry.start:%H:%M}, before the previous item ends "
                       f"at {prev.end:%H:%M} (move the start or shorten the item before)")
        late = next((entry for entry in day if entry.end.date() != entry.start.date()), None)
        if late:
            yield (("schedule", "days", late.day, "program", late.index), False,
                   f"ends after midnight, at {late.end:%Y-%m-%d %H:%M} "
                   "(start the day earlier or move items to another day)")


# A past term's id is neither this term's id nor another past term's: UIDs and addresses stay apart.
def _archive_ids(course: Course) -> Iterator[Finding]:
    from .calendar import site_id  # calendar imports revisions, which imports load and so this module

    yield from _unique("archive", [a.id for a in course.archive])
    for i, past in enumerate(course.archive):
        if past.id == site_id(course):
            yield (("archive", i, "id"), False, f"'{past.id}' is also this term's course id (a new term needs "
                   "a new id, or its calendar UIDs collide with the archived ones; change course.id)")


# Each rule with the sections it reads; a rule runs only when those sections are valid.
_RULES: list[tuple[tuple[str, ...], Callable[[Course], Iterable[Finding]]]] = [
    (("news",), lambda c: _unique("news", [n.id for n in c.news])),
    (("dates",), lambda c: _unique("dates", [d.id for d in c.dates])),
    (("deliverables",), lambda c: _unique("deliverables", [d.id for d in c.deliverables])),
    (("papers",), lambda c: _unique("papers", [p.id for p in c.papers])),
    (("schedule",), _unique_slots),
    (("deliverables",), _weights),
    (("dates", "deliverables"), _deliverable_refs),
    (("papers", "schedule"), _slot_refs),
    (("dates",), lambda c: (f for i, d in enumerate(c.dates) for f in _date_rules(i, d))),
    (("papers", "schedule"), _schedule_rules),
    (("course", "archive"), _archive_ids),
]
