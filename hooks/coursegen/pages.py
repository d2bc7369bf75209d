"""Course -> Markdown pages, rendered from Jinja2 templates an instructor can override."""

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
from .bib import entry as bib_entry
from .i18n import Labels, labels
from .ics import google_links, subscribe_urls
from .model import Course, DateItem, Paper
from .nextup import next_items
from .series import next_sessions, weekday_names, weeks
from .talkdates import TalkDate, brief, expanded_dates, relative_hint
from .timetable import Entry, timetable


# The home page's timeline: the next of the course's own dates (not each talk's) and the next
# session of each series.
def _timeline(ctx: dict[str, Any]) -> str:
    return charts.timeline(_on_timeline(ctx["date_rows"], ctx["series_next"]), ctx["today"], ctx["zone"], ctx["L"])


# The course's own dated items and the series' next sessions in time order, then the tbd items.
def _on_timeline(rows: list[DateRow], upcoming: list[DateItem]) -> list[DateItem]:
    own = [r.item for r in rows if r.talk is None]
    dated = [item for item in own if item.is_dated] + upcoming
    dated.sort(key=lambda item: (item.date or dt.date.max, item.start or dt.time(0)))
    return dated + [item for item in own if not item.is_dated]


# Views that only some pages show (named by their entry in addresses.PAGES), from the shared context.
VIEWS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "timeline": _timeline,
    "grade_chart": lambda ctx: charts.grade_chart(ctx["c"].deliverables, ctx["L"]),
}


@dataclass(frozen=True)
class DateRow:
    """An important date as pages show it."""

    item: DateItem
    sort_key: tuple[int, dt.date, dt.time]
    start: dt.datetime | None
    talk: TalkDate | None = None  # set for the item of a per-talk rule

    @property
    def status(self) -> str:
        """fixed, tentative or tbd."""
        return self.item.status.value


# One row per important date (a per-talk rule: one per talk), dated ones first in time order,
# tbd ones after in file order.
def date_rows(course: Course, zone: ZoneInfo, days: list[list[Entry]], lab: Labels) -> list[DateRow]:
    """Important dates in display order."""
    rows = []
    for item, talk in expanded_dates(course, days, lab):
        if item.is_dated:
            assert item.date is not None
            start = dt.datetime.combine(item.date, item.start or dt.time(0), zone)
            rows.append(DateRow(item, (0, item.date, item.start or dt.time(0)), start, talk))
        else:
            rows.append(DateRow(item, (1, dt.date.max, dt.time(0)), None, talk))
    return sorted(rows, key=lambda r: r.sort_key)  # stable: tbd rows keep file order


# The rows of per-talk items by their talk's slot, in time order.
def _by_slot(rows: list[DateRow]) -> dict[str, list[DateRow]]:
    found: dict[str, list[DateRow]] = {}
    for row in rows:
        if row.talk and row.talk.slot:
            found.setdefault(row.talk.slot, []).append(row)
    return found


# Abbreviations of the zone over the course's dates, e.g. "CET/CEST" or, in German, "MEZ/MESZ".
def zone_abbrevs(zone: ZoneInfo, days: list[dt.date], lab: Labels) -> str:
    """Distinct abbreviations the zone uses on these days (or over a year), in the course's language."""
    if not days:
        year = dt.date.today().year
        days = [dt.date(year, 1, 15), dt.date(year, 7, 15)]
    names = {markup.zone_abbrev(dt.datetime.combine(d, dt.time(12), zone), lab) for d in days}
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


def context(course: Course, today: dt.date, site_url: str | None = None) -> dict[str, Any]:
    """What every page's template sees: the course, labels (`L`), addresses (`A`) and derived views."""
    zone = ZoneInfo(course.course.timezone)
    lab = labels(course.course.language)
    days = timetable(course)
    rows = date_rows(course, zone, days, lab)
    all_days = [r.item.date for r in rows if r.item.date] + [d.date for d in course.schedule.days]
    all_days += [day for s in course.series for day in (s.first, s.last)]
    registration, meeting = course.logistics.registration, course.logistics.online_meeting
    topics: dict[str, list[Paper]] = {}
    for paper in course.papers:
        topics.setdefault(paper.topic, []).append(paper)
    return {
        "c": course, "info": course.course, "L": lab, "A": addresses.template_names(), "today": today,
        "long_date": lambda d: markup.long_date(d, lab), "clock": lambda t: markup.clock(t, lab),
        "date_rows": rows, "upcoming": [r for r in rows if r.talk is None and r.item.date and r.item.date >= today],
        "talk_rows": _by_slot(rows),
        "talk_rules": [(d, relative_hint(d, lab)) for d in course.dates if d.per_talk is not None],
        "zone": course.course.timezone, "zone_abbrevs": zone_abbrevs(zone, all_days, lab),
        "topics": topics, "timetable": days,
        "slot_entries": {e.slot: e for day in days for e in day if e.slot}, "bibtex": bib_entry,
        "show_presenters": course.privacy.show_presenters,
        "news": course.news_in_order,
        "due": {d.id: [r for r in rows if r.item.deliverable == d.id] for d in course.deliverables},
        "grade_total": course.grade_total,
        "feed": subscribe_urls(site_url), "event_file": event_file, "doi_url": doi_url, "google": google_links(course),
        "when_html": lambda d: markup.when_html(d, zone, lab, markup.text),
        "span": lambda start, end: markup.span_html(start.replace(tzinfo=zone), end.replace(tzinfo=zone), lab),
        "clock_labels": markup.clock_labels(lab),
        "series_next": next_sessions(course, today), "session_weeks": weeks(course),
        "next_up": next_items(course, today, [r.item for r in rows if r.talk is None],
                              [r.item for r in rows if r.talk is not None], next_sessions(course, today), days,
                              {"dates": addresses.DATES, "schedule": addresses.SCHEDULE,
                               "sessions": addresses.SESSIONS}),
        "next_when": lambda d: markup.next_when_html(d, zone, lab),
        "registration_id": registration.deadline if registration else None,
        "registration_date": next((d for d in course.dates if registration and d.id == registration.deadline), None),
        "online_dates": set(meeting.dates) if meeting else set(),
        "weekdays": lambda s: weekday_names(s, lab.locale), "short_date": lambda d: markup.short_date(d, lab),
        "day_range": lambda a, b: markup.day_range(a, b, lab), "weekday_date": lambda d: markup.weekday_date(d, lab),
    }


def render(course: Course, today: dt.date, override: Path | None = None,
           site_url: str | None = None) -> dict[str, str]:
    """Every page the course uses as {path: markdown}; `override` is a folder of templates."""
    env = _environment(override)
    ctx = context(course, today, site_url)
    return {uri: env.get_template(page.template).render(ctx, **{v: VIEWS[v](ctx) for v in page.views}, page=uri)
            for uri, page in addresses.used_pages(course).items()}
