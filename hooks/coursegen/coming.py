"""The home page's coming items: "next for you" and the timeline of the next dates.

Each list shows what agenda/now.py chooses at the start of the build day (for a visitor
without JavaScript), and carries every candidate still to come then, in a <template> with its
data-cg-* attributes, from which now.js chooses again for the visitor's now by the same
rule. What both lists show of an item is computed here; the markup is templates/_coming.html.j2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

import jinja2

from . import addresses, markup, tracks
from .agenda import Agenda, Occurrence, now
from .i18n import Labels
from .instants import day_start


@dataclass(frozen=True)
class Entry:
    """One coming item as the lists show it: its data for now.js, title, link (from the site's
    root), when in the long form of "next for you" and the short one of the timeline, where, and
    what changed (moved from another day, cancelled, tentative)."""

    occurrence: Occurrence
    data: dict[str, str]
    title: str
    href: str
    when_html: str
    short_html: str
    first: dt.date | None
    place: str | None
    tentative: str | None
    moved: str | None
    cancelled: str | None
    note: str | None

    @property
    def ident(self) -> str:
        """The id the timeline names its item by: a date's id, or series-<id> for a session."""
        o = self.occurrence
        return f"series-{o.series.id}" if o.series else o.key.split(":", 1)[1]


@dataclass(frozen=True)
class Coming:
    """One list: the entries chosen at the build day (with their marks, for the timeline), every
    candidate for now.js, what shows when nothing is coming, and how many it shows."""

    shown: list[tuple[Entry, str]]
    candidates: list[Entry]
    fallback: list[Entry]
    limit: int
    undated: list[Entry]
    tracks: tuple[tuple[str, str], ...] = ()  # "next for you": each track's id and name (HTML), for "Showing for"


# Where an occurrence is told about, as a link from the site's root.
def _href(agenda: Agenda, o: Occurrence) -> str:
    if o.kind == "day" and o.start:
        return f"{addresses.page_url(addresses.SCHEDULE)}#day-{o.start.date()}"
    if o.kind == "session" and o.start:
        week = agenda.week_of(o.start.date())
        return addresses.page_url(addresses.SESSIONS) + (f"#week-{week.number}" if week else "")
    return f"{addresses.page_url(addresses.DATES)}#{o.key.split(':', 1)[1]}"


# The timeline's short form: the day, and its start time as an instant if it has one.
def _short_when(o: Occurrence, lab: Labels) -> str:
    if o.start is None:
        return ""
    day = escape(markup.short_date(o.start.date(), lab))
    return day if o.all_day else f"{day}, {markup.group(markup.instant(o.start, lab))}"


def entry(agenda: Agenda, o: Occurrence, lab: Labels, owned: dict[str, dict[str, str]] | None = None) -> Entry:
    """What the lists show of one occurrence; `owned`: tracks.owners of the agenda, for the track
    it is in, if any (what the browser shows a student of their own)."""
    assert o.item is not None
    moved = o.moved_from
    data = now.data(o) if o.dated else {"key": o.key}
    return Entry(
        o, {**data, **(owned or {}).get(o.key, {})}, o.item.title, _href(agenda, o),
        markup.next_when_html(o.item, agenda.zone, lab), _short_when(o, lab), o.start.date() if o.start else None,
        o.item.location, lab["status_tentative"] if o.status == "tentative" else None,
        lab["session_moved"].format(date=markup.weekday_date(moved, lab)) if moved else None,
        lab["session_cancelled"] if o.status == "cancelled" else None, o.note if o.kind == "session" else None,
    )


def next_for_you(agenda: Agenda, today: dt.date, lab: Labels) -> Coming:
    """"Next for you" at the start of `today`, with its candidates."""
    moment, owned = day_start(today, agenda.zone), tracks.owners(agenda)
    candidates = [o for o in now.next_candidates(agenda) if o.to_come(moment)]
    fallback = [entry(agenda, o, lab) for o in now.next_fallback(agenda)]
    shown = now.coming(candidates, moment, now.NEXT_ITEMS)
    entries = [(entry(agenda, o, lab, owned), "") for o in shown] or [(e, "") for e in fallback]
    names = tuple((t.id, tracks.track_name_html(t, lab, agenda.course.course.language))
                  for t in tracks.tracks(agenda) if t.owned)
    return Coming(entries, [entry(agenda, o, lab, owned) for o in candidates], fallback, now.NEXT_ITEMS, [], names)


def timeline(agenda: Agenda, today: dt.date, lab: Labels) -> Coming:
    """The timeline at the start of `today`: the next dates with their marks, its candidates,
    and the dates still to be decided, apart."""
    moment, owned = day_start(today, agenda.zone), tracks.owners(agenda)
    candidates = [o for o in now.timeline_candidates(agenda) if o.to_come(moment)]
    shown = now.coming(candidates, moment, now.TIMELINE_ITEMS)
    undated = [entry(agenda, o, lab) for o in agenda.dates if o.kind == "date" and not o.dated]
    return Coming([(entry(agenda, o, lab, owned), mark)
                   for o, mark in zip(shown, now.marks(shown, moment), strict=True)],
                  [entry(agenda, o, lab, owned) for o in candidates], [], now.TIMELINE_ITEMS, undated)


# The list macros, in an environment of their own: HTML, one line each, escaped with |h.
@cache
def _macros() -> Any:
    env = jinja2.Environment(loader=jinja2.PackageLoader("coursegen", "templates"),
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["h"] = escape
    return env.get_template("_coming.html.j2").module


def next_html(agenda: Agenda, today: dt.date, lab: Labels) -> str:
    """"Next for you" as HTML."""
    return str(_macros().next_for_you(next_for_you(agenda, today, lab), lab))


def timeline_html(agenda: Agenda, today: dt.date, lab: Labels) -> str:
    """The timeline as HTML."""
    return str(_macros().timeline(timeline(agenda, today, lab), lab, agenda.course.course.timezone))
