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

from . import addresses, charts, markup
from .addresses import doi_url, event_file
from .agenda import Agenda, Occurrence, now
from .agenda.talks import brief, relative_hint
from .bib import entry as bib_entry
from .i18n import Labels, labels
from .ics import google_links, subscribe_urls
from .instants import day_start, instant
from .model import Paper


# The home page's timeline: the next of the course's own dates (not each talk's) and the next
# session of each series, then the dates still to be decided.
def _timeline(ctx: dict[str, Any]) -> str:
    agenda: Agenda = ctx["agenda"]
    coming: list[Occurrence] = ctx["coming"]
    marks = now.marks(coming, day_start(ctx["today"], agenda.zone))
    dated = [(o.item, mark) for o, mark in zip(coming, marks, strict=True) if o.item]
    undated = [o.item for o in agenda.dates if o.kind == "date" and not o.dated and o.item]
    return charts.timeline(dated, undated, ctx["zone"], ctx["L"])


# Views that only some pages show (named by their entry in addresses.PAGES), from the shared context.
VIEWS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "timeline": _timeline,
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
class Week:
    """The sessions of one week (Monday to Sunday), for the sessions page."""

    number: int
    monday: dt.date
    sessions: list[Occurrence]

    @property
    def sunday(self) -> dt.date:
        """The week's last day."""
        return self.monday + dt.timedelta(days=6)


def weeks(agenda: Agenda) -> list[Week]:
    """Every week from the first session to the last, with its sessions (some weeks may have none)."""
    found = agenda.sessions
    if not found:
        return []
    days = [o.start.date() for o in found if o.start]
    monday, last = min(days) - dt.timedelta(days=min(days).weekday()), max(days)
    by_week: dict[dt.date, list[Occurrence]] = {}
    for o, day in zip(found, days, strict=True):
        by_week.setdefault(day - dt.timedelta(days=day.weekday()), []).append(o)
    result: list[Week] = []
    while monday <= last:
        result.append(Week(len(result) + 1, monday, by_week.get(monday, [])))
        monday += dt.timedelta(days=7)
    return result


@dataclass(frozen=True)
class NextItem:
    """One item of "next for you": the date as shown (a block-course day has that day's times
    and room), and the anchor of the page that tells more, relative to the site's root."""

    occurrence: Occurrence
    link: str

    @property
    def item(self) -> Any:
        """The date as shown."""
        return self.occurrence.item


# Where "next for you" links an occurrence to.
def _next_link(o: Occurrence) -> str:
    if o.kind == "day":
        return addresses.SCHEDULE
    if o.kind == "session":
        return addresses.SESSIONS
    return f"{addresses.DATES}#{o.key.split(':', 1)[1]}"


# Abbreviations of the zone over the course's dates, e.g. "CET/CEST" or, in German, "MEZ/MESZ".
def zone_abbrevs(zone: ZoneInfo, days: list[dt.date], lab: Labels) -> str:
    """Distinct abbreviations the zone uses on these days (or over a year), in the course's language."""
    if not days:
        year = dt.date.today().year
        days = [dt.date(year, 1, 15), dt.date(year, 7, 15)]
    names = {markup.zone_abbrev(instant(d, dt.time(12), zone), lab) for d in days}
    return "/".join(sorted(n for n in names if n))


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
    all_days = [r.item.date for r in rows if r.item.date] + [d.date for d in course.schedule.days]
    all_days += [day for s in course.series for day in (s.first, s.last)]
    registration, meeting = course.logistics.registration, course.logistics.online_meeting
    topics: dict[str, list[Paper]] = {}
    for paper in course.papers:
        topics.setdefault(paper.topic, []).append(paper)
    coming = now.timeline(agenda, moment)
    return {
        "c": course, "info": course.course, "L": lab, "A": addresses.template_names(), "today": today,
        "agenda": agenda, "coming": coming,
        "long_date": lambda d: markup.long_date(d, lab), "clock": lambda t: markup.clock(t, lab),
        "date_rows": rows, "upcoming": coming,
        "talk_rows": _by_slot(rows),
        "talk_rules": [(d, relative_hint(d, lab)) for d in course.dates if d.per_talk is not None],
        "zone": course.course.timezone, "zone_abbrevs": zone_abbrevs(zone, all_days, lab),
        "topics": topics, "timetable": [list(day.program) for day in agenda.days],
        "slot_entries": {talk.slot: talk for talk in agenda.talks if talk.slot}, "bibtex": bib_entry,
        "show_presenters": course.privacy.show_presenters,
        "news": course.news_in_order,
        "due": {d.id: [r for r in rows if r.item.deliverable == d.id] for d in course.deliverables},
        "grade_total": course.grade_total,
        "feed": subscribe_urls(site_url), "event_file": event_file, "doi_url": doi_url, "google": google_links(agenda),
        "when_html": lambda d: markup.when_html(d, zone, lab, markup.text),
        "span": lambda start, end: markup.span_html(start.astimezone(zone), end.astimezone(zone), lab),
        "clock_labels": markup.clock_labels(lab),
        "session_weeks": weeks(agenda),
        "next_up": [NextItem(o, _next_link(o)) for o in now.next_for_you(agenda, moment)],
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
