"""Time rules, each defined once: the instant of a date in the course's zone, what a deadline
is and how long its event lasts, and whether something is still to come at an instant.

The pages, the feed, the checks and `next-term` read these through the agenda; now.js
implements `to_come` for the visitor's now, and tests/cases/now.yml runs both on one table.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .model import DateItem

# How long a deadline's event lasts. A deadline is an instant, but an event whose DTEND equals
# its DTSTART is invalid (RFC 5545 3.8.2.2) and readers disagree on one without DTEND: calcurse
# drops it, khal shows an hour. A one-minute event is what every reader tested shows.
DEADLINE_LENGTH = dt.timedelta(minutes=1)


def instant(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The instant of a wall time on a day in the course's zone (the checks refuse unclear ones)."""
    return dt.datetime.combine(day, time, zone)


def day_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The instant a day begins in the course's zone: all-day items run from one to another."""
    return instant(day, dt.time(0), zone)


def later(start: dt.datetime, length: dt.timedelta) -> dt.datetime:
    """`start` plus an elapsed length (through UTC, so a clock change counts), in start's zone."""
    return (start.astimezone(dt.UTC) + length).astimezone(start.tzinfo)


def is_deadline(item: DateItem) -> bool:
    """A dated item with a start and neither end time nor end day: an instant, such as a hand-in."""
    return item.start is not None and item.end is None and item.end_date is None


def span(item: DateItem, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime, bool]:
    """Start and end instants of a dated item and whether it is all-day (the end is exclusive:
    the start of the day after its last day). A deadline lasts DEADLINE_LENGTH."""
    assert item.date is not None
    last = item.last_day
    if item.start is None:
        return day_start(item.date, zone), day_start(last + dt.timedelta(days=1), zone), True
    start = instant(item.date, item.start, zone)
    if item.end is not None:
        return start, instant(last, item.end, zone), False
    if item.end_date is not None:
        return start, day_start(last + dt.timedelta(days=1), zone), False
    return start, later(start, DEADLINE_LENGTH), False


def to_come(end: dt.datetime, now: dt.datetime) -> bool:
    """Still to come at `now`: not over yet. A deadline is over a minute after its time, an
    all-day item at the end of its last day, anything else at its end (now.js: toCome)."""
    return now.timestamp() < end.timestamp()


def unclear(moment: dt.datetime, zone: ZoneInfo) -> str | None:
    """Why a wall time (naive) is one calendar readers disagree on (it does not exist, or exists
    twice, in the zone), or None for a real, single instant."""
    first, second = moment.replace(tzinfo=zone, fold=0), moment.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    if back != moment:
        return (f"{moment:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks skip that hour "
                "(choose a time before or after the switch)")
    return (f"{moment:%Y-%m-%d %H:%M} happens twice in {zone.key}: the clocks go back over that hour "
            "(choose a time outside the repeated hour)")


def wall(moment: dt.datetime) -> dt.datetime:
    """The wall time of an instant in its own zone, without the zone."""
    return moment.replace(tzinfo=None, fold=0)
