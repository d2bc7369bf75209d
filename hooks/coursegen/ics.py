"""Course -> iCalendar: the subscribable feed and one file per event (bytes, CRLF).

Every fixed or tentative date and every block-course talk becomes an event; a tbd
date becomes one once it is fixed. What real clients need (see "Calendar and news feeds"
in README.md):

* UID: `<kind>-<id>@<course.id>`, that is `date-<id>@<course.id>`,
  `talk-<slot>@<course.id>` or `series-<id>@<course.id>`, from the item's id, never from its position, title or time;
  without `course.id`, a slug of the course's title and term stands for it (`Course.site_id`).
  It never depends on `site_url`, so moving the site keeps every UID.
* Times: local times with the course's TZID and an RRULE-shaped VTIMEZONE for the
  events' years; all-day items use VALUE=DATE with an exclusive DTEND.
* A weekly series is one VEVENT with a weekly RRULE (UNTIL in UTC, as RFC 5545 wants
  beside a TZID), an EXDATE for each holiday, break, skipped or cancelled session (every
  reader tested drops those), and one VEVENT with its RECURRENCE-ID for each session that
  differs from the rule (moved, in another room, under its own title or with a note).
* Folding: content lines are folded at 75 octets as icalendar folds them, but never so that
  a physical line ends in a space or tab (`fold`): a reader that strips each line before
  unfolding would otherwise join two words.
* Reproducible: DTSTAMP is the revision's fixed time; nothing depends on "now".
* SEQUENCE: how often the event's content changed over the committed versions of
  `course.yml` (plus the current file). Recounting a longer history never gives a
  smaller number, so SEQUENCE never decreases between published versions as long as
  history is only appended to. LAST-MODIFIED is the time of the last such change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Event, vDDDLists, vDuration, vRecur, vText

from . import markup
from .addresses import CALENDAR_FEED, event_file, google_calendar_url, google_subscribe_url, track_feed
from .agenda import Agenda, Occurrence
from .agenda.talks import brief
from .i18n import Labels, labels
from .instants import instant
from .model import Course, Paper
from .revisions import Revision
from .tracks import course_wide, track_label, tracks
from .vtimezone import vtimezone

PRODID = "-//coursegen//course calendar//EN"
REFRESH = dt.timedelta(hours=12)
GOOGLE_DETAILS = 500  # characters of an event's notes in its Google Calendar link
FOLD_OCTETS = 75  # RFC 5545 3.1: physical lines SHOULD NOT be longer (without the line break)
_BLANK = " \t"
_ESCAPES = "\\^"  # the first character of a TEXT escape (\\ \; \, \n) or an RFC 6868 one (^n ^^ ^')


@dataclass(frozen=True)
class FeedEvent:
    """One calendar event; equal events have equal content."""

    name: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    tentative: bool
    transparent: bool
    location: str | None = None
    description: str | None = None

    @property
    def timed(self) -> bool:
        """True for events with a time of day, False for all-day ones."""
        return isinstance(self.start, dt.datetime)


# A title on one line, for a SUMMARY: calcurse drops an event whose SUMMARY has a line break.
def _one_line(value: str) -> str:
    return " ".join(value.split())


# The path of an event's own .ics, from its name `<kind>-<id>`.
def _event_path(name: str) -> str:
    return event_file(*name.split("-", 1))


def subscribe_urls(site_url: str | None, path: str = CALENDAR_FEED) -> dict[str, str | None]:
    """A feed's https:// and webcal:// addresses (the full feed's, or the one at `path`) and Google
    Calendar's form that subscribes to it; None without a site_url."""
    if not site_url:
        return {"https": None, "webcal": None, "google": None}
    https = site_url.rstrip("/") + "/" + path
    webcal = "webcal://" + https.split("://", 1)[1]
    return {"https": https, "webcal": webcal, "google": google_subscribe_url(webcal)}


def events(agenda: Agenda) -> list[FeedEvent]:
    """Every single event of the course (dates and talks), all-day before timed on a day, then by
    time and name."""
    course = agenda.course
    lab = labels(course.course.language)
    deliverables = {d.id: d.title for d in course.deliverables}
    found = [_date_event(o, lab, deliverables, _talk_lines(course, o.talk, lab)) for o in agenda.dates if o.dated]
    found += [_talk_event(course, talk, lab) for talk in agenda.talks]
    return sorted(found, key=lambda e: (_day(e.start), e.timed, e.start if e.timed else 0, e.name))


# The calendar day an event starts on.
def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# Start and end as the feed writes them: dates for all-day items (end exclusive), else instants.
def _span(o: Occurrence) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    assert o.start is not None and o.end is not None
    return (o.start.date(), o.end.date()) if o.all_day else (o.start, o.end)


# The event of a fixed or tentative date; deadlines and points in time do not block time.
# A per-talk item's notes end with its talk (`talk_lines`).
def _date_event(o: Occurrence, lab: Labels, deliverables: dict[str, str], talk_lines: list[str]) -> FeedEvent:
    assert o.item is not None and o.event is not None
    item = o.item
    start, end = _span(o)
    tentative = o.status == "tentative"
    title = _one_line(item.title)
    summary = f"{title} ({lab['status_tentative']})" if tentative else title
    notes = [item.details or "", f"{lab['deliverable']}: {deliverables[item.deliverable]}" if item.deliverable else "",
             "\n".join(talk_lines)]
    return FeedEvent(
        o.event, summary, start, end, tentative,
        transparent=item.deliverable is not None or o.deadline,
        location=item.location, description="\n\n".join(n for n in notes if n) or None,
    )


# The description lines about a talk's paper; the presenter only where privacy allows.
def _paper_lines(paper: Paper, lab: Labels, show_presenters: bool) -> list[str]:
    lines = [paper.title, ", ".join(paper.authors), f"{paper.venue}, {paper.year}", paper.link or ""]
    if show_presenters and paper.presenter:
        lines.append(f"{lab['presenter']}: {paper.presenter}")
    return [line for line in lines if line]


# The notes of a per-talk item about its talk: when it is, its paper, the presenter where
# privacy allows (as on the talk's own event); nothing for other dates.
def _talk_lines(course: Course, talk: Occurrence | None, lab: Labels) -> list[str]:
    if talk is None or talk.start is None:
        return []
    when = f"{markup.long_date(talk.start.date(), lab)}, {markup.clock(talk.start, lab)}"
    lines = [f"{lab['talk']}: {when}"]
    if talk.paper:
        lines += _paper_lines(talk.paper, lab, course.privacy.show_presenters)
    return lines


# The event of one block-course talk slot, with its paper if one is assigned.
def _talk_event(course: Course, talk: Occurrence, lab: Labels) -> FeedEvent:
    assert talk.event is not None and talk.start is not None and talk.end is not None
    paper = talk.paper
    lines = _paper_lines(paper, lab, course.privacy.show_presenters) if paper else []
    if talk.place:
        lines.append(f"{lab['room']}: {talk.place}")
    return FeedEvent(
        talk.event, f"{lab['talk']}: {brief(paper.title)}" if paper else lab["open_slot"], talk.start, talk.end,
        tentative=talk.status == "tentative", transparent=False, location=talk.place,
        description="\n".join(lines) or None,
    )


@dataclass(frozen=True)
class SeriesEvent:
    """A series as one recurring VEVENT: the first session, the rule, the days left out and the
    sessions that differ from the rule (each by its planned start, its RECURRENCE-ID). Equal
    events have equal content."""

    name: str
    first: FeedEvent
    days: tuple[str, ...]
    until: dt.datetime
    exdates: tuple[dt.datetime, ...]
    overrides: tuple[tuple[dt.datetime, FeedEvent], ...]


# A session as the series' rule gives it: on its planned day, at the series' times, in its room, under its title.
def _as_planned(o: Occurrence, zone: ZoneInfo) -> FeedEvent:
    assert o.series is not None and o.planned is not None and o.event is not None
    series = o.series
    return FeedEvent(o.event, _one_line(series.title), o.planned, instant(o.planned.date(), series.end, zone),
                     tentative=False, transparent=False, location=series.room)


# A session that takes place, as it does: its day, times, room, title and note.
def _as_held(o: Occurrence) -> FeedEvent:
    assert o.event is not None and o.start is not None and o.end is not None
    return FeedEvent(o.event, _one_line(o.title), o.start, o.end, tentative=False, transparent=False, location=o.place,
                     description=o.note)


def series_events(agenda: Agenda) -> list[SeriesEvent]:
    """One recurring event per series that has any session, in file order: an EXDATE for each
    session that does not take place, an override for each that differs from the rule."""
    found = []
    for plan in agenda.series:
        if not plan:
            continue
        head, series = plan[0], plan[0].series
        assert series is not None and head.event is not None and plan[-1].planned is not None
        overrides = tuple((o.planned, held) for o in plan if o.happens and o.planned
                          and (held := _as_held(o)) != _as_planned(o, agenda.zone))
        found.append(SeriesEvent(head.event, _as_planned(head, agenda.zone),
                                 tuple(dict.fromkeys(day[:2].upper() for day in series.days)),
                                 plan[-1].planned.astimezone(dt.UTC),
                                 tuple(o.planned for o in plan if not o.happens and o.planned), overrides))
    return found


# Every event of an agenda: single events and series.
def _all_events(agenda: Agenda) -> list[FeedEvent | SeriesEvent]:
    return [*events(agenda), *series_events(agenda)]


# For each event name: how often its content changed over the versions of this term (those with
# the same course id: a past term's events have other UIDs), and when it last did.
def _changes(current: list[FeedEvent | SeriesEvent], revision: Revision,
             domain: str) -> dict[str, tuple[int, dt.datetime]]:
    versions: list[tuple[list[FeedEvent | SeriesEvent], dt.datetime]] = [
        (_all_events(v.agenda), v.time) for v in revision.past if v.course.site_id == domain]
    versions.append((current, revision.stamp))
    seen: dict[str, tuple[FeedEvent | SeriesEvent, int, dt.datetime]] = {}
    for snapshot, time in versions:
        for event in snapshot:
            before = seen.get(event.name)
            if before is None:
                seen[event.name] = (event, 0, time)
            elif before[0] != event:
                seen[event.name] = (event, before[1] + 1, time)
    return {name: (count, min(time, revision.stamp)) for name, (_, count, time) in seen.items()}


# NAME and X-WR-CALNAME as TEXT values (RFC 7986 section 5.1), with `,;\` escaped: icalendar
# would otherwise write these properties as they are. Line breaks become spaces.
def _plain_name(value: str) -> vText:
    return vText(_one_line(value))


# An empty VCALENDAR, with the feed properties if it has a name (and the feed's address, SOURCE).
def _calendar(course: Course, name: str | None, source: str | None) -> Calendar:
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", PRODID)
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    if name is not None:
        cal.add("NAME", name)
        cal.add("X-WR-CALNAME", name)
        cal.add("X-WR-TIMEZONE", course.course.timezone)
        cal.add("REFRESH-INTERVAL", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
        if source:
            cal.add("SOURCE", source, parameters={"VALUE": "URI"})
    return cal


def fold(line: str) -> str:
    """One content line folded into physical lines (RFC 5545 3.1) the way icalendar 7 folds
    them, at most 75 octets each, never inside a character, and an escape's backslash or caret
    not left at a line's end, but never after a space or tab either: the whitespace moves to the
    next line. A line's break is then earlier; only a run of whitespace too long for one line
    makes a line longer than 75 octets (a SHOULD NOT of RFC 5545), as no break inside the run
    can avoid ending a line in whitespace."""
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= FOLD_OCTETS:
            cut = len(current) - 1 if len(current) > 1 and current[-1] in _ESCAPES else len(current)
            while cut and current[cut - 1] in _BLANK:
                cut -= 1
            if cut:
                lines.append("".join(current[:cut]))
                current = current[cut:]
                size = len("".join(current).encode("utf-8"))
        current.append(char)
        size += width
    return "\r\n ".join([*lines, "".join(current)])


# A component serialized as icalendar does it (`to_ical`), its content lines folded by `fold`.
def _ical(component: Component) -> bytes:
    return "".join(fold(line) + "\r\n" for line in component.content_lines() if line).encode("utf-8")


# The zone's VTIMEZONE for these years, serialized (empty for no years); one per set of years.
@cache
def _zone(tzid: str, years: frozenset[int]) -> bytes:
    return _ical(vtimezone(tzid, years)) if years else b""


# An empty calendar's bytes with serialized components added: icalendar writes a calendar
# as its properties, then each component's lines, then END, so nothing is serialized twice.
def _joined(empty: bytes, components: list[bytes]) -> bytes:
    end = b"END:VCALENDAR\r\n"
    return empty[: -len(end)] + b"".join(components) + end


# The VEVENT of one event.
def _vevent(event: FeedEvent, uid: str, change: tuple[int, dt.datetime], stamp: dt.datetime) -> Event:
    vevent = Event()
    vevent.add("UID", uid)
    vevent.add("DTSTAMP", stamp)
    vevent.add("LAST-MODIFIED", change[1])
    vevent.add("SEQUENCE", change[0])
    vevent.add("DTSTART", event.start)
    vevent.add("DTEND", event.end)
    vevent.add("SUMMARY", event.summary)
    if event.description:
        vevent.add("DESCRIPTION", event.description)
    if event.location:
        vevent.add("LOCATION", event.location)
    vevent.add("STATUS", "TENTATIVE" if event.tentative else "CONFIRMED")
    vevent.add("TRANSP", "TRANSPARENT" if event.transparent else "OPAQUE")
    return vevent


def google_links(agenda: Agenda) -> dict[str, str]:
    """For each event name (`date-<id>`, `talk-<slot>`), a link that opens it in Google Calendar:
    UTC times (all-day: dates, end exclusive), as in the feed."""
    links = {}
    for event in events(agenda):
        end = event.end
        if isinstance(event.start, dt.datetime) and isinstance(end, dt.datetime):
            dates = f"{event.start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}/{end.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
        else:
            dates = f"{event.start:%Y%m%d}/{end:%Y%m%d}"
        details = (event.description or "")[:GOOGLE_DETAILS]
        links[event.name] = google_calendar_url(event.summary, dates, details, event.location)
    return links


# The VEVENTs of a series: the recurring one, then one per override (same UID and SEQUENCE).
def _series_vevents(event: SeriesEvent, uid: str, change: tuple[int, dt.datetime], stamp: dt.datetime) -> bytes:
    master = _vevent(event.first, uid, change, stamp)
    master.add("RRULE", vRecur({"FREQ": "WEEKLY", "BYDAY": list(event.days), "UNTIL": event.until, "WKST": "MO"}))
    if event.exdates:
        master.add("EXDATE", vDDDLists(list(event.exdates)))
    overrides = []
    for planned, session in event.overrides:
        override = _vevent(session, uid, change, stamp)
        override.add("RECURRENCE-ID", planned)
        overrides.append(_ical(override))
    return _ical(master) + b"".join(overrides)


# The years a series' sessions fall in, moved ones included.
def _series_years(event: SeriesEvent) -> set[int]:
    return {*range(event.first.start.year, event.until.year + 1), *(s.start.year for _, s in event.overrides)}


def calendar_files(agenda: Agenda, revision: Revision, site_url: str | None = None) -> dict[str, bytes]:
    """`calendar.ics` with every event, and one .ics per event, by published path."""
    course = agenda.course
    current = events(agenda)
    weekly = series_events(agenda)
    domain = course.site_id
    changes = _changes([*current, *weekly], revision, domain)
    stamp = revision.stamp.astimezone(dt.UTC)
    name = _plain_name(f"{course.course.title} ({course.course.term})")
    years = {_day(e.start).year for e in current} | {_day(e.end).year for e in current if e.timed}
    years |= {y for s in weekly for y in _series_years(s)}
    tzid = course.course.timezone
    single = _ical(_calendar(course, None, None))
    files: dict[str, bytes] = {}
    vevents: dict[str, tuple[bytes, frozenset[int]]] = {}  # by event name, in feed order: with its years
    for event in current:
        vevent = _ical(_vevent(event, f"{event.name}@{domain}", changes[event.name], stamp))
        own = frozenset({_day(event.start).year, _day(event.end).year} if event.timed else ())
        vevents[event.name] = (vevent, own)
        files[_event_path(event.name)] = _joined(single, [_zone(tzid, own), vevent])
    for series in weekly:
        vevent = _series_vevents(series, f"{series.name}@{domain}", changes[series.name], stamp)
        own = frozenset(_series_years(series))
        vevents[series.name] = (vevent, own)
        files[_event_path(series.name)] = _joined(single, [_zone(tzid, own), vevent])
    feed = _joined(_ical(_calendar(course, name, subscribe_urls(site_url)["https"])),
                   [_zone(tzid, frozenset(years or {stamp.year})), *(v for v, _ in vevents.values())])
    return {CALENDAR_FEED: feed, **_track_feeds(agenda, vevents, stamp, site_url), **files}


def _track_feeds(agenda: Agenda, vevents: dict[str, tuple[bytes, frozenset[int]]], stamp: dt.datetime,
                 site_url: str | None) -> dict[str, bytes]:
    """With tracks (tracks.py), the feed of each track that has events and the feed of everyone's
    events, each with the full feed's VEVENTs and the time zone for its own events' years."""
    course = agenda.course
    lab = labels(course.course.language)
    found = tracks(agenda)
    owned = [(track_feed(t.id), track_label(t, lab), t.events) for t in found if t.events]
    if not owned:
        return {}
    everyone = (track_feed(None), lab.track_everyone, course_wide(found, list(vevents)))
    files = {}
    for path, label, names in [everyone, *owned]:
        name = _plain_name(f"{course.course.title} ({course.course.term}): {label}")
        years = frozenset(y for n in names for y in vevents[n][1]) or frozenset({stamp.year})
        head = _ical(_calendar(course, name, subscribe_urls(site_url, path)["https"]))
        files[path] = _joined(head, [_zone(course.course.timezone, years), *(vevents[n][0] for n in names)])
    return files
