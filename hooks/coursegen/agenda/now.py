"""What depends on now: "next for you" on the home page, the timeline's coming dates, and the
past/next/later marks of the dated rows on the dates, schedule and sessions pages.

Each is one rule over the agenda and an instant. The engine applies it at the start of the
build day, for pages read without JavaScript (which then say "as of" that day); now.js
applies the same rule at the visitor's now, to the same candidates, which each page carries
as data-cg-* attributes (`data`). tests/cases/now.yml is one table of cases both must pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from . import Agenda, Week
from .occurrence import Occurrence

# How many items "next for you" shows, and how many coming dates the timeline shows.
NEXT_ITEMS = 2
TIMELINE_ITEMS = 5
# The marks of a dated row: over, the first one still to come, or one after it.
PAST, NEXT, LATER = "past", "next", "later"


# Occurrences in time order; equal starts keep their order.
def _in_time_order(found: list[Occurrence]) -> list[Occurrence]:
    return sorted(found, key=lambda o: o.start.timestamp() if o.start else float("inf"))


# A session "next" may show: one that takes place, or a cancelled one (students must know).
def _shown_session(o: Occurrence) -> bool:
    return o.happens or o.status == "cancelled"


def next_candidates(agenda: Agenda) -> list[Occurrence]:
    """What "next for you" chooses from, in time order: the course's dates (the block course's
    date as its days, each with that day's start and room), each per-talk item, each session."""
    block = ("dates", agenda.block_date) if agenda.block_days else None
    own = [o for o in agenda.dates if o.kind == "date" and o.dated and o.source != block]
    talk_dates = [o for o in agenda.dates if o.kind == "talk-date" and o.dated]
    sessions = [o for plan in agenda.series for o in plan if _shown_session(o)]
    return _in_time_order([*own, *agenda.block_days, *talk_dates, *sessions])


def next_fallback(agenda: Agenda) -> list[Occurrence]:
    """What "next for you" shows when nothing dated lies ahead: the dates still to be decided."""
    return [o for o in agenda.dates if o.kind == "date" and not o.dated][:NEXT_ITEMS]


def timeline_candidates(agenda: Agenda) -> list[Occurrence]:
    """What the timeline chooses from, in time order: the course's own dates and the sessions."""
    own = [o for o in agenda.dates if o.kind == "date" and o.dated]
    return _in_time_order([*own, *(o for plan in agenda.series for o in plan if _shown_session(o))])


def coming(candidates: Sequence[Occurrence], now: dt.datetime, limit: int) -> list[Occurrence]:
    """The first `limit` candidates still to come at `now`, in their order, one per group: a
    cancelled session is shown, but the group's next session still comes after it."""
    chosen: list[Occurrence] = []
    groups: set[str] = set()
    for o in candidates:
        if len(chosen) == limit:
            break
        if o.group in groups or not o.to_come(now):
            continue
        chosen.append(o)
        if o.happens:
            groups.add(o.group)
    return chosen


def next_for_you(agenda: Agenda, now: dt.datetime) -> list[Occurrence]:
    """The next NEXT_ITEMS items at `now`, else the dates still to be decided."""
    return coming(next_candidates(agenda), now, NEXT_ITEMS) or next_fallback(agenda)


def timeline(agenda: Agenda, now: dt.datetime) -> list[Occurrence]:
    """The next TIMELINE_ITEMS of the course's dates and sessions at `now`."""
    return coming(timeline_candidates(agenda), now, TIMELINE_ITEMS)


def marks(rows: Sequence[Occurrence], now: dt.datetime) -> list[str]:
    """The mark of each dated row, in page order: past once over, next for the first one that
    takes place and is still to come, later for the rest."""
    found, seen_next = [], False
    for o in rows:
        if not o.to_come(now):
            found.append(PAST)
        elif o.happens and not seen_next:
            found.append(NEXT)
            seen_next = True
        else:
            found.append(LATER)
    return found


def this_week(agenda: Agenda, day: dt.date) -> Week | None:
    """The sessions page's week of `day` (in the course's zone): the week that holds it, the first
    week before the term, none after it (now.js: weekOf)."""
    weeks = agenda.weeks
    if weeks and day < weeks[0].monday:
        return weeks[0]
    return agenda.week_of(day)


def data(o: Occurrence) -> dict[str, str]:
    """What now.js needs of a candidate or a marked row, as data-cg-* attribute values:
    its key, start and end (milliseconds since 1970, UTC), group, and whether it takes place."""
    assert o.start is not None and o.end is not None
    return {"key": o.key, "start": str(int(o.start.timestamp() * 1000)), "end": str(int(o.end.timestamp() * 1000)),
            "group": o.group, "live": "1" if o.happens else "0"}
