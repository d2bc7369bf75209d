"""Build the VTIMEZONE of a calendar feed from Python's zoneinfo.

Why this module exists: icalendar can write time zones itself
(``Calendar.add_missing_timezones()`` / ``Timezone.from_tzid()``), but it
describes each observance as one DTSTART followed by a list of RDATEs.
Thunderbird's ical.js reads those RDATE-shaped zones one hour off in summer
(checked with ical.js 2.2.1 on the calendars of the tests: the Europe/Berlin
summer-time events of 2027 came out an hour late), so subscribers would see
events at the wrong time.  This module writes the classic RRULE shape instead, which
ical.js, vobject (dateutil) and icalendar all read like zoneinfo does, as
``tests/test_vtimezone.py`` checks::

    BEGIN:DAYLIGHT                       BEGIN:STANDARD
    DTSTART:20250330T020000              DTSTART:20251026T030000
    RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
    TZOFFSETFROM:+0100                   RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
    TZOFFSETTO:+0200                     TZOFFSETFROM:+0200
    TZNAME:CEST                          TZOFFSETTO:+0100
    END:DAYLIGHT                         TZNAME:CET
                                         END:STANDARD

How it is derived: the offset changes are found with zoneinfo (the system
or ``tzdata`` database) in the years asked and in the two years before them
(``LEAD_YEARS``), so that a whole year of onsets lies between each
observance's DTSTART and the first instant asked.  A reader that loses the
first onset of a rule still has a later one before that instant: ts-ics
2.4.6 puts each onset of a rule at 00:00 of its day, so the one at DTSTART
itself usually falls before DTSTART and is dropped, and the months after it
come out with the other observance's offset.  Each change is written in
the local time of the offset *before* it, as RFC 5545 requires.  From the
first change of each direction a yearly rule "n-th (or last) weekday of the
month at this local time" is derived; it is used only if it reproduces every
change of that direction, with the same offsets and name, in every one of
those years.  The rule is only checked for those years: after them it is
the usual extrapolation every VTIMEZONE makes.

Three shapes come out:

* a zone without offset changes in those years (UTC, Asia/Tokyo): a single
  STANDARD whose TZOFFSETFROM equals its TZOFFSETTO;
* a zone whose changes follow one yearly rule each way (Europe/Berlin,
  America/New_York, Australia/Sydney): one DAYLIGHT and one STANDARD with an
  RRULE each.  The observance going to the larger offset is the DAYLIGHT
  one, which also labels Europe/Dublin (negative DST in tzdata) the way
  clients expect;
* anything else (the rule changed within those years, DST started or was
  abolished, a change no "n-th or last weekday" describes, a standard offset
  moved): the fallback, with no RRULE and no RDATE.  A STANDARD anchors the
  offset in force on 1 January of the first year of the span (two years
  before the first one asked), then each change gets its own sub-component
  with just a DTSTART, i.e. one DAYLIGHT/STANDARD pair per year.

A zone without changes needs no transition before the first instant: its
single STANDARD, with no RRULE, applies from its DTSTART on in every reader,
and that DTSTART (1 January, two years before) precedes every instant asked.
"""


from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SCAN_STEP = 3600  # seconds; no zone changes its offset twice within an hour
_LAST_WEEK = -1
# Years of onsets written before the first year asked: the year of each observance's DTSTART,
# then a whole year of onsets that readers losing the first one (ts-ics) still read.
LEAD_YEARS = 2


@dataclass(frozen=True)
class _Change:
    """One offset change, with its onset in the local time before it."""

    onset: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str


@dataclass(frozen=True)
class _Rule:
    """A yearly change like ``first``, on the n-th (or last, -1) weekday."""

    first: _Change
    week: int

    # The change this rule makes in a year, or None if the day does not exist.
    def in_year(self, year: int) -> _Change | None:
        """Return this rule's change in ``year``, or None (a missing 5th week)."""
        onset = self.first.onset
        first_weekday, days = calendar.monthrange(year, onset.month)
        if self.week == _LAST_WEEK:
            last_weekday = (first_weekday + days - 1) % 7
            day = days - (last_weekday - onset.weekday()) % 7
        else:
            day = 1 + (onset.weekday() - first_weekday) % 7 + 7 * (self.week - 1)
        if day > days:
            return None
        moved = datetime.combine(date(year, onset.month, day), onset.time())
        return replace(self.first, onset=moved)

    # The RRULE value writing this rule.
    def rrule(self) -> vRecur:
        """Return the rule, written ``FREQ=YEARLY;BYDAY=nDD;BYMONTH=m``."""
        onset = self.first.onset
        byday = f"{self.week}{_WEEKDAYS[onset.weekday()]}"
        return vRecur({"FREQ": "YEARLY", "BYMONTH": onset.month, "BYDAY": byday})


# Build the VTIMEZONE for tzid, valid for every instant of the given years.
def vtimezone(tzid: str, years: Iterable[int]) -> Timezone:
    """Return an RRULE-shaped VTIMEZONE for ``tzid`` covering ``years``.

    :param tzid: an IANA zone name known to zoneinfo, e.g. ``"Europe/Berlin"``.
    :param years: the years the calendar's events fall in (any order, gaps
        are filled in); the components start ``LEAD_YEARS`` years before the first.
    :raises ValueError: if ``years`` is empty.
    :raises zoneinfo.ZoneInfoNotFoundError: if ``tzid`` is unknown.
    """
    wanted = sorted(set(years))
    if not wanted:
        raise ValueError("vtimezone() needs at least one year")
    zone = ZoneInfo(tzid)
    span = range(wanted[0] - LEAD_YEARS, wanted[-1] + 1)
    changes = _changes(zone, span)
    tz = Timezone()
    tz.add("TZID", tzid)
    rules = _yearly_rules(changes, span)
    if rules is not None:
        for rule in rules:
            tz.add_component(_observance(rule.first, rule.rrule()))
        return tz
    tz.add_component(_anchor(zone, span[0]))
    for change in changes:
        tz.add_component(_observance(change))
    return tz


# The UTC offset of zone at a POSIX timestamp.
def _offset_at(zone: ZoneInfo, timestamp: int) -> timedelta:
    offset = datetime.fromtimestamp(timestamp, zone).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return offset


# Every offset change of zone whose local onset falls in the years of span. Cached: the
# scan takes about 20 ms, and a site writes a VTIMEZONE into every event's own .ics file.
@cache
def _changes(zone: ZoneInfo, span: range) -> tuple[_Change, ...]:
    start = int(datetime(span[0], 1, 1, tzinfo=UTC).timestamp()) - 86400
    stop = int(datetime(span[-1] + 1, 1, 1, tzinfo=UTC).timestamp()) + 86400
    changes = []
    before = _offset_at(zone, start)
    for lo in range(start, stop, _SCAN_STEP):
        after = _offset_at(zone, lo + _SCAN_STEP)
        if after != before:
            change = _change_at(zone, _bisect(zone, lo, lo + _SCAN_STEP))
            if change.onset.year in span:
                changes.append(change)
        before = after
    return tuple(changes)


# The first second in (lo, hi] that has the offset of hi.
def _bisect(zone: ZoneInfo, lo: int, hi: int) -> int:
    before = _offset_at(zone, lo)
    while hi - lo > 1:
        middle = (lo + hi) // 2
        if _offset_at(zone, middle) == before:
            lo = middle
        else:
            hi = middle
    return hi


# Describe the change happening at a timestamp, in the local time before it.
def _change_at(zone: ZoneInfo, timestamp: int) -> _Change:
    offset_from = _offset_at(zone, timestamp - 1)
    utc = datetime.fromtimestamp(timestamp, UTC).replace(tzinfo=None)
    name = datetime.fromtimestamp(timestamp, zone).tzname() or ""
    return _Change(utc + offset_from, offset_from, _offset_at(zone, timestamp), name)


# The two yearly rules reproducing every change in span, or None.
def _yearly_rules(changes: tuple[_Change, ...], span: range) -> tuple[_Rule, _Rule] | None:
    forward = [c for c in changes if c.offset_to > c.offset_from]
    backward = [c for c in changes if c.offset_to < c.offset_from]
    if not forward or not backward:
        return None
    daylight = _rule_for(forward, span)
    standard = _rule_for(backward, span)
    if daylight is None or standard is None:
        return None
    return daylight, standard


# The one yearly rule that makes exactly these changes in span, or None.
def _rule_for(changes: list[_Change], span: range) -> _Rule | None:
    first = changes[0]
    onset = first.onset
    days = calendar.monthrange(onset.year, onset.month)[1]
    weeks = [(onset.day - 1) // 7 + 1]
    if onset.day + 7 > days:
        weeks.insert(0, _LAST_WEEK)  # prefer "last" when both describe it
    for week in weeks:
        rule = _Rule(first, week)
        made = [rule.in_year(year) for year in span]
        if made == changes:
            return rule
    return None


# A sub-component for one change, repeating by rrule if one is given.
def _observance(
    change: _Change, rrule: vRecur | None = None
) -> TimezoneDaylight | TimezoneStandard:
    daylight = change.offset_to > change.offset_from
    component = TimezoneDaylight() if daylight else TimezoneStandard()
    component.add("DTSTART", change.onset)
    if rrule is not None:
        component.add("RRULE", rrule)
    component.add("TZOFFSETFROM", change.offset_from)
    component.add("TZOFFSETTO", change.offset_to)
    component.add("TZNAME", change.name)
    return component


# A STANDARD fixing the offset in force on 1 January of year.
def _anchor(zone: ZoneInfo, year: int) -> TimezoneDaylight | TimezoneStandard:
    local = datetime(year, 1, 1)
    aware = local.replace(tzinfo=zone)
    offset = aware.utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return _observance(_Change(local, offset, offset, aware.tzname() or ""))
