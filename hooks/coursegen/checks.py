"""Rules that span several fields: unique ids and anchors, references, weights, date order."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel

from . import timechecks
from .agenda import Agenda, resolve
from .agenda.weekly import most_sessions
from .anchors import anchor_clashes
from .limits import MAX_MARKUP, MAX_SERIES_SESSIONS, MAX_SESSIONS, MAX_SPAN_YEARS, MAX_TALK_DATES
from .model import LEGAL_NOTICE_COUNTRIES, Course, DateItem, Status, Talk, markdown_field
from .series import holiday_rules, series_checks
from .yamlsource import Finding

# How far weights may add up from 100 and still count as 100 (3 x 33.333 is 100).
WEIGHT_TOLERANCE = 0.01



def cross_checks(course: Course, valid: Collection[str]) -> tuple[list[Finding], Agenda | None]:
    """Every cross-field problem among the sections that passed validation (names in `valid`),
    and the course's agenda.

    The rules about times read the agenda, resolved once here when the course section is valid
    and the sessions and per-talk items stay within their limits (the rules report those);
    otherwise the agenda is None.
    """
    found = [finding for needs, rule in _RULES if set(needs) <= set(valid) for finding in rule(course)]
    if "course" not in valid or not _bounded(course, valid):
        return found, None
    if list(holiday_rules(course.holidays)):  # holidays that cannot be looked up: check as if without
        course = course.model_copy(update={"holidays": None})
    agenda = resolve(course)
    found += [finding for needs, check in _AGENDA_RULES if set(needs) <= set(valid) for finding in check(agenda)]
    return found, agenda


# Whether resolving the agenda stays within the limits: sessions of the series, per-talk items.
def _bounded(course: Course, valid: Collection[str]) -> bool:
    counts = [most_sessions(series) for series in course.series] if "series" in valid else []
    if sum(counts) > MAX_SESSIONS or any(count > MAX_SERIES_SESSIONS for count in counts):
        return False
    rules = sum(d.per_talk is not None for d in course.dates)
    return not {"dates", "schedule"} <= set(valid) or rules * _talks(course) <= MAX_TALK_DATES


# How many talk slots the block course has.
def _talks(course: Course) -> int:
    return sum(isinstance(item, Talk) for day in course.schedule.days for item in day.program)


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


# A choice between series needs two of them at least: a choose_one text that no other series has
# is a typo, or the other series do not have it yet.
def _choices(course: Course) -> Iterator[Finding]:
    named = Counter(series.choose_one for series in course.series if series.choose_one)
    for i, series in enumerate(course.series):
        if series.choose_one and named[series.choose_one] == 1:
            near = get_close_matches(series.choose_one, [text for text in named if text != series.choose_one], n=1)
            fix = f"did you mean '{near[0]}'?" if near else "give the same text to each series students choose from, " \
                "or remove it"
            yield (("series", i, "choose_one"), False, f"no other series has choose_one '{series.choose_one}': "
                   f"students choose one of two or more series ({fix})")


# Weights times counts must give 100 %.
def _weights(course: Course) -> Iterator[Finding]:
    if not course.deliverables:
        return
    total = course.grade_total
    if abs(total - 100) >= WEIGHT_TOLERANCE:
        parts = " + ".join(f"{d.count} x {_number(d.weight)}" if d.count > 1 else _number(d.weight)
                           for d in course.deliverables)
        yield (("deliverables",), True,
               f"weights add up to {_number(total)} %, not 100 % ({parts}; change the weights so they total 100)")


# A number with as many decimals as it has (up to six), never rounded to look like another.
def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


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


# The date the schedule names as the block course must exist.
def _schedule_date_ref(course: Course) -> Iterator[Finding]:
    dates = [d.id for d in course.dates]
    if course.schedule.date and course.schedule.date not in dates:
        yield (("schedule", "date"), False, _dangling("date", course.schedule.date, dates))


# The dates the logistics name must exist; a public meeting link needs a link.
def _logistics_refs(course: Course) -> Iterator[Finding]:
    dates = [d.id for d in course.dates]
    registration, meeting = course.logistics.registration, course.logistics.online_meeting
    if registration and registration.deadline and registration.deadline not in dates:
        yield (("logistics", "registration", "deadline"), False, _dangling("date", registration.deadline, dates))
    if meeting:
        for i, ident in enumerate(meeting.dates):
            if ident not in dates:
                yield (("logistics", "online_meeting", "dates", i), False, _dangling("date", ident, dates))
        if meeting.public and not meeting.url:
            yield (("logistics", "online_meeting", "public"), False,
                   "public: true shows the meeting's link, but there is no url (add url, or remove public)")


# A public site of an institution in Germany or Austria links a legal notice and a privacy notice;
# the privacy notice by one name.
def _legal(course: Course) -> Iterator[Finding]:
    info = course.course
    legal = info.legal
    if legal.privacy and legal.datenschutz:
        yield (("course", "legal", "datenschutz"), False,
               "privacy and datenschutz are the same link, the privacy notice (keep one)")
    country = info.institution.country or (course.holidays.country if course.holidays else None)
    if country not in LEGAL_NOTICE_COUNTRIES:
        return
    where = LEGAL_NOTICE_COUNTRIES[country]
    by = "institution.country" if info.institution.country else "holidays.country"
    if not legal.impressum:
        yield (("course", "legal", "impressum"), False,
               f"a public site of an institution in {where} ({by}: {country}) must link a legal notice "
               f"(add impressum: with your institution's page, e.g. https://example.org/impressum)")
    if not legal.privacy_notice:
        yield (("course", "legal", "privacy"), False,
               f"a public site of an institution in {where} ({by}: {country}) must link a privacy notice "
               f"(add privacy: with your institution's page, e.g. https://example.org/privacy)")


# A course counts for its credits once: as ects or as credits with a unit.
def _credits(course: Course) -> Iterator[Finding]:
    registration = course.logistics.registration
    if registration and registration.ects is not None and registration.credits is not None:
        yield (("logistics", "registration", "credits"), False,
               "ects and credits both say what the course counts for (keep one: credits: {value: 7, unit: ects} "
               "is ects: 7)")


# A grading scale runs from the best grade to the worst, each from a lower share than the one
# before it, each grade once.
def _grading(course: Course) -> Iterator[Finding]:
    if course.grading is None:
        return
    scale = course.grading.scale
    for i, (before, band) in enumerate(itertools.pairwise(scale), 1):
        if band.min >= before.min:
            yield (("grading", "scale", i, "min"), False,
                   f"{band.min:g} is not below {before.min:g}, where {before.grade!r} starts (list the grades from "
                   f"the best to the worst, each from a lower share of the points)")
    seen: dict[str, int] = {}
    for i, band in enumerate(scale):
        if band.grade in seen:
            yield (("grading", "scale", i, "grade"), False,
                   f"the grade {band.grade!r} comes twice (also grading.scale[{seen[band.grade]}]; give each once)")
        seen.setdefault(band.grade, i)


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
                   f"slot '{paper.slot}' is already taken by paper '{taken[paper.slot]}' "
                   "(give each paper its own slot)")
        taken.setdefault(paper.slot, paper.id)


# A date's fields must fit its status and run forwards in time.
def _date_rules(i: int, d: DateItem) -> Iterator[Finding]:
    at = ("dates", i)
    if d.per_talk is not None:
        yield from _rule_fields(at, d)
        return
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
    yield from _time_order(at, d, d.date)


# A per-talk rule takes its day from each talk: no day, range or hint of its own, never tbd.
def _rule_fields(at: tuple[str | int, ...], d: DateItem) -> Iterator[Finding]:
    for name in ("date", "end_date", "hint"):
        if getattr(d, name) is not None:
            yield (at + (name,), True, f"a per-talk date takes its day from each talk "
                   f"(remove {name}, or remove per_talk for a date of its own)")
    if d.status is Status.tbd:
        yield (at + ("status",), False, "a per-talk date is tbd by itself while no talk is scheduled "
               "(remove status: tbd, or write fixed or tentative)")
    yield from _time_order(at, d, None)


# The start and end times of a date (`day`: its first day, None for a per-talk rule) run forwards.
def _time_order(at: tuple[str | int, ...], d: DateItem, day: dt.date | None) -> Iterator[Finding]:
    if d.end and not d.start:
        yield (at + ("end",), False, "an end time needs a start time (add start: HH:MM)")
    if d.start and d.end and (d.end_date or day) == day and d.end <= d.start:
        yield (at + ("end",), False,
               f"end {d.end:%H:%M} is not after start {d.start:%H:%M} (fix the times, or add end_date for a range)")


# Block-course days in order, once each (the times of their items: timechecks.py).
def _day_order(course: Course) -> Iterator[Finding]:
    days = course.schedule.days
    for d in range(1, len(days)):
        if days[d].date <= days[d - 1].date:
            yield (("schedule", "days", d, "date"), False,
                   f"{days[d].date} is not after the previous day {days[d - 1].date} (list days in order, once each)")


# A past term's id is neither this term's id nor another past term's: UIDs and addresses stay apart.
def _archive_ids(course: Course) -> Iterator[Finding]:
    yield from _unique("archive", [a.id for a in course.archive])
    for i, past in enumerate(course.archive):
        if past.id == course.site_id:
            yield (("archive", i, "id"), False, f"'{past.id}' is also this term's course id (a new term needs "
                   "a new id, or its calendar UIDs collide with the archived ones; change course.id)")


# Every date of the course with its path: news, important dates, block-course days, series and breaks.
def _all_dates(course: Course) -> Iterator[tuple[tuple[str | int, ...], dt.date]]:
    for i, item in enumerate(course.news):
        yield ("news", i, "date"), item.date
    for i, date in enumerate(course.dates):
        if date.date:
            yield ("dates", i, "date"), date.date
        if date.end_date:
            yield ("dates", i, "end_date"), date.end_date
    for i, day in enumerate(course.schedule.days):
        yield ("schedule", "days", i, "date"), day.date
    for i, series in enumerate(course.series):
        yield ("series", i, "first"), series.first
        yield ("series", i, "last"), series.last
    for i, pause in enumerate(course.breaks):
        yield ("breaks", i, "first"), pause.first
        if pause.last:
            yield ("breaks", i, "last"), pause.last


# Every date lies within MAX_SPAN_YEARS of the middle date, so a mistyped year stands out
# (and calendars never hold thousands of years of time-zone rules).
def _date_span(course: Course) -> Iterator[Finding]:
    found = list(_all_dates(course))
    if not found:
        return
    middle = sorted(date for _, date in found)[len(found) // 2]
    for path, date in found:
        if abs(date.year - middle.year) > MAX_SPAN_YEARS:
            yield (path, False, f"{date} is more than {MAX_SPAN_YEARS} years from the course's other dates "
                   f"(around {middle.year}; fix the year)")


# Rules times talks stay within MAX_TALK_DATES, counted before any item is made.
def _talk_date_count(course: Course) -> Iterator[Finding]:
    talks = _talks(course)
    rules = [i for i, d in enumerate(course.dates) if d.per_talk is not None]
    for number, i in enumerate(rules, 1):
        if number * talks > MAX_TALK_DATES:
            yield (("dates", i, "per_talk"), True, f"the per-talk dates make more than {MAX_TALK_DATES:,} items in "
                   f"all ({number} rules times {talks} talks; write fewer rules, or fewer talks)")
            return


# Every Markdown field's text with its path, in file order.
def _markdown_texts(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _markdown_texts(item, path + (i,))
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            field = getattr(value, name)
            if isinstance(field, str) and markdown_field(info):
                yield path + (info.alias or name,), field
            else:
                yield from _markdown_texts(field, path + (info.alias or name,))


# Python-Markdown's time grows with the square of the '[' and '<' it must match, so the
# whole file may hold at most MAX_MARKUP of each in its Markdown.
def _markup_budget(course: Course) -> Iterator[Finding]:
    left = {"[": MAX_MARKUP, "<": MAX_MARKUP}
    for path, text in _markdown_texts(course):
        for mark in left:
            left[mark] -= text.count(mark)
            if left[mark] < 0:
                yield (path, False, f"the Markdown of the file holds more than {MAX_MARKUP:,} '{mark}' in all "
                       "(shorten this text, or escape literal ones as \\" + mark + ")")
                return


# Each rule with the sections it reads; a rule runs only when those sections are valid.
_RULES: list[tuple[tuple[str, ...], Callable[[Course], Iterable[Finding]]]] = [
    (("news",), lambda c: _unique("news", [n.id for n in c.news])),
    (("dates",), lambda c: _unique("dates", [d.id for d in c.dates])),
    (("deliverables",), lambda c: _unique("deliverables", [d.id for d in c.deliverables])),
    (("papers",), lambda c: _unique("papers", [p.id for p in c.papers])),
    (("series",), lambda c: _unique("series", [s.id for s in c.series])),
    (("series",), _choices),
    (("schedule",), _unique_slots),
    (("deliverables",), lambda c: anchor_clashes("deliverables", c)),
    (("papers",), lambda c: anchor_clashes("papers", c)),
    (("schedule",), lambda c: anchor_clashes("schedule", c)),
    (("series",), lambda c: anchor_clashes("sessions", c)),
    (("deliverables",), _weights),
    (("dates", "deliverables"), _deliverable_refs),
    (("dates", "schedule"), _schedule_date_ref),
    (("dates", "logistics"), _logistics_refs),
    (("papers", "schedule"), _slot_refs),
    (("dates",), lambda c: (f for i, d in enumerate(c.dates) for f in _date_rules(i, d))),
    (("schedule",), _day_order),
    (("course", "archive"), _archive_ids),
    (("news", "dates", "schedule", "series", "breaks"), _date_span),
    (("course", "holidays", "series", "breaks"), series_checks),
    (("course", "news", "dates", "deliverables"), _markup_budget),
    (("dates", "schedule"), _talk_date_count),
    (("logistics",), _credits),
    (("course", "holidays"), _legal),
    (("grading",), _grading),
]

# The rules about times, on the resolved agenda, with the sections each reads.
_AGENDA_RULES: list[tuple[tuple[str, ...], Callable[[Agenda], Iterable[Finding]]]] = [
    (("course", "dates"), timechecks.date_times),
    (("course", "papers", "schedule"), timechecks.program_order),
    (("course", "papers", "schedule"), timechecks.program_times),
    (("course", "dates", "papers", "schedule"), timechecks.talk_dates),
    (("course", "holidays", "series", "breaks"), timechecks.session_times),
]
