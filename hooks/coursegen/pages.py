"""Course -> Markdown pages, rendered from Jinja2 templates an instructor can override.

Pages read the course's agenda (agenda/): its dates, block-course days and sessions, and what
depends on today (agenda/now.py) at the start of the build day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from . import addresses, charts, coming, markup, tracks
from .addresses import doi_url, event_file
from .agenda import Agenda, Occurrence, now
from .agenda.talks import brief, relative_hint
from .bib import entry as bib_entry
from .i18n import Labels, labels
from .ics import google_links, subscribe_urls
from .instants import day_start, instant
from .model import Paper

# Views that only some pages show (named by their entry in addresses.PAGES), from the shared context.
VIEWS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "next_for_you": lambda ctx: coming.next_html(ctx["agenda"], ctx["today"], ctx["L"]),
    "timeline": lambda ctx: coming.timeline_html(ctx["agenda"], ctx["today"], ctx["L"]),
    "grade_chart": lambda ctx: charts.grade_chart(ctx["c"].deliverables, ctx["L"]),
}


@dataclass(frozen=True)
class DateRow:
    """An important date as pages show it: an occurrence of the agenda's dates."""

    occurrence: Occurrence

    @property
    def item(self) -> Any:
        """The date as shown (a per-talk item: derived from its rule)."""
        return self.occurrence.item

    @property
    def talk(self) -> Occurrence | None:
        """The per-talk item itself (its `slot`, `rule` and `talk`), None for a date of its own."""
        return self.occurrence if self.occurrence.kind == "talk-date" else None

    @property
    def status(self) -> str:
        """fixed, tentative or tbd."""
        return str(self.item.status.value)


# One row per important date (a per-talk rule: one per talk), dated ones first in time order,
# tbd ones after in file order.
def date_rows(agenda: Agenda) -> list[DateRow]:
    """Important dates in display order."""
    rows = [DateRow(o) for o in agenda.dates]
    return sorted(rows, key=lambda r: (0, r.occurrence.start.timestamp()) if r.occurrence.start else (1, 0.0))


# The rows of per-talk items by their talk's slot, in time order.
def _by_slot(rows: list[DateRow]) -> dict[str, list[DateRow]]:
    found: dict[str, list[DateRow]] = {}
    for row in rows:
        if row.talk and row.talk.slot:
            found.setdefault(row.talk.slot, []).append(row)
    return found


@dataclass(frozen=True)
class SessionChange:
    """One exception of the term on the sessions page: sessions of one planned day that are left
    out for one reason (a holiday, a break, a skipped day: all series at once), or one session
    moved, cancelled or under its own title."""

    day: dt.date
    status: str
    note: str | None
    sessions: list[Occurrence]
    week: int | None

    @property
    def titles(self) -> str:
        """The series the change concerns."""
        return ", ".join(dict.fromkeys(o.series.title if o.series else o.title for o in self.sessions))


def session_changes(agenda: Agenda) -> list[SessionChange]:
    """The term's exceptions in order of the planned day: days without sessions, moves, cancellations,
    sessions under their own title."""
    found: dict[tuple[dt.date, str, str | None, str], list[Occurrence]] = {}
    for o in sorted(agenda.sessions, key=lambda o: o.planned or dt.datetime.max):
        retitled = o.status == "planned" and o.series is not None and o.title != o.series.title
        if (o.status != "planned" or retitled) and o.planned:
            alone = o.key if o.status in ("moved", "cancelled", "planned") else ""
            found.setdefault((o.planned.date(), o.status, o.note, alone), []).append(o)
    return [SessionChange(day, status, note, sessions, _week_number(agenda, day))
            for (day, status, note, _), sessions in found.items()]


# The number of the week a day lies in, if the sessions span it.
def _week_number(agenda: Agenda, day: dt.date) -> int | None:
    week = agenda.week_of(day)
    return week.number if week else None


# The past/next/later mark of each dated row of a page at `moment`, by key.
def _marks(rows: list[Occurrence], moment: dt.datetime) -> dict[str, str]:
    return dict(zip((o.key for o in rows), now.marks(rows, moment), strict=True))


# Abbreviations of the zone over the course's dates, e.g. "CET/CEST" or, in German, "MEZ/MESZ".
def zone_abbrevs(zone: ZoneInfo, days: list[dt.date], lab: Labels) -> str:
    """Distinct abbreviations the zone uses on these days (or over a year), in the course's language."""
    if not days:
        year = dt.date.today().year
        days = [dt.date(year, 1, 15), dt.date(year, 7, 15)]
    names = {markup.zone_abbrev(instant(d, dt.time(12), zone), lab) for d in days}
    return "/".join(sorted(n for n in names if n))


def zone_note(zone: ZoneInfo, days: list[dt.date], lab: Labels) -> str:
    """The line that says in which time the course's times are, as people say it in the course
    language: the zone's name from CLDR's metazones ("Eastern Time", "Mitteleuropäische Zeit"),
    its abbreviation for the whole year where the language has one ("ET"), else those of its
    seasons ("MESZ/MEZ"), and its city. A zone CLDR names only by its place (Asia/Kolkata in
    German) is given by its IANA name."""
    seasons = zone_abbrevs(zone, days, lab)
    name, city = markup.zone_name(zone, lab)
    if name is None:
        return lab.timezone_note.format(zone=zone.key, abbrevs=seasons)
    generic = markup.zone_generic_abbrev(zone, lab)
    abbrevs = generic if generic and generic not in seasons.split("/") else seasons
    return lab.timezone_note_named.format(zone=name, abbrevs=abbrevs, city=city)


# Compiling the templates took most of the engine's time in every build; Jinja keeps the
# compiled code in a private per-user temp folder, keyed by each template's source hash.
@cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no usable temp folder: compile on every build
        return None


def _environment(override: Path | None) -> jinja2.Environment:
    search = [str(override)] if override and override.is_dir() else []
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(search),
                                  jinja2.PackageLoader("coursegen", "templates")])
    env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined, bytecode_cache=_bytecode_cache(),
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(text=markup.text, attr=markup.attr, percent=markup.percent,
                       md=_markdown_field, brief=brief)
    return env


# The one way a template shows a Markdown field: rendered and sanitized for the page it is on.
@jinja2.pass_context
def _markdown_field(ctx: jinja2.runtime.Context, value: str) -> str:
    return markup.markdown_block(value, allow_html=ctx["info"].allow_html, page=ctx["page"])


def context(agenda: Agenda, today: dt.date, site_url: str | None = None) -> dict[str, Any]:
    """What every page's template sees: the course, labels (`L`), addresses (`A`) and derived views,
    with what depends on now as at the start of `today` in the course's zone."""
    course = agenda.course
    zone = agenda.zone
    lab = labels(course.course.language)
    moment = day_start(today, zone)
    rows = date_rows(agenda)
    owned = tracks.owners(agenda)
    all_days = [r.item.date for r in rows if r.item.date] + [d.date for d in course.schedule.days]
    all_days += [day for s in course.series for day in (s.first, s.last)]
    registration, meeting = course.logistics.registration, course.logistics.online_meeting
    topics: dict[str, list[Paper]] = {}
    for paper in course.papers:
        topics.setdefault(paper.topic, []).append(paper)
    return {
        "c": course, "info": course.course, "L": lab, "A": addresses.template_names(), "today": today,
        "agenda": agenda, "as_of": lab["as_of"].format(date=markup.long_date(today, lab)),
        "marks": {"dates": _marks([r.occurrence for r in rows if r.occurrence.dated], moment),
                  "schedule": _marks(agenda.program, moment), "sessions": _marks(agenda.sessions, moment)},
        "long_date": lambda d: markup.long_date(d, lab), "clock": lambda t: markup.clock(t, lab),
        "date_rows": rows,
        "talk_rows": _by_slot(rows),
        "talk_rules": [(d, relative_hint(d, lab)) for d in course.dates if d.per_talk is not None],
        "zone": course.course.timezone, "zone_note": zone_note(zone, all_days, lab),
        "topics": topics, "timetable": [list(day.program) for day in agenda.days],
        "slot_entries": {talk.slot: talk for talk in agenda.talks if talk.slot}, "bibtex": bib_entry,
        "show_presenters": course.privacy.show_presenters,
        "news": course.news_in_order,
        "due": {d.id: [r for r in rows if r.item.deliverable == d.id] for d in course.deliverables},
        "grade_total": course.grade_total,
        "feed": subscribe_urls(site_url), "track_sections": tracks.sections(agenda, lab),
        "mine_key": tracks.storage_key(course),
        "track_feed": addresses.track_feed, "feed_urls": lambda path: subscribe_urls(site_url, path),
        "google_subscribe_form": addresses.google_subscribe_url(""),
        "event_file": event_file, "doi_url": doi_url, "google": google_links(agenda),
        "when_html": lambda d: markup.when_html(d, zone, lab, markup.text),
        "span": lambda start, end: markup.span_html(start.astimezone(zone), end.astimezone(zone), lab),
        "script_labels": markup.script_labels(lab), "data": lambda o: {**now.data(o), **owned.get(o.key, {})},
        "owner": lambda o: owned.get(o.key, {}), "owns": lambda keys: any(key in owned for key in keys),
        "track_names": [(t.id, tracks.track_name_html(t, lab, course.course.language))
                        for t in tracks.tracks(agenda) if t.owned],
        "session_weeks": agenda.weeks, "session_changes": session_changes(agenda),
        "this_week": now.this_week(agenda, today), "before_term": bool(agenda.weeks) and today < agenda.weeks[0].monday,
        "next_when": lambda d: markup.next_when_html(d, zone, lab),
        "registration_id": registration.deadline if registration else None,
        "registration_date": next((d for d in course.dates if registration and d.id == registration.deadline), None),
        "online_dates": set(meeting.dates) if meeting else set(),
        "weekdays": lambda s: markup.weekday_names(s.days, lab), "short_date": lambda d: markup.short_date(d, lab),
        "day_range": lambda a, b: markup.day_range(a, b, lab), "weekday_date": lambda d: markup.weekday_date(d, lab),
    }


def render(agenda: Agenda, today: dt.date, override: Path | None = None,
           site_url: str | None = None) -> dict[str, str]:
    """Every page the course uses as {path: markdown}; `override` is a folder of templates."""
    env = _environment(override)
    ctx = context(agenda, today, site_url)
    return {uri: env.get_template(page.template).render(ctx, **{v: VIEWS[v](ctx) for v in page.views}, page=uri)
            for uri, page in addresses.used_pages(agenda.course).items()}
