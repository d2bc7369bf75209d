"""Course -> Markdown pages, rendered from Jinja2 templates an instructor can override."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from . import charts, markup
from .bib import entry as bib_entry
from .ics import event_file, subscribe_urls
from .i18n import labels
from .model import Course, DateItem
from .timetable import timetable

# Generated page templates and the address each page gets.
PAGES: dict[str, str] = {
    "index.md": "index.md.j2",
    "papers.md": "papers.md.j2",
    "deliverables.md": "deliverables.md.j2",
    "dates.md": "dates.md.j2",
    "schedule.md": "schedule.md.j2",
    "news.md": "news.md.j2",
    "calendar.md": "calendar.md.j2",
}


@dataclass(frozen=True)
class DateRow:
    """An important date as pages show it."""

    item: DateItem
    sort_key: tuple[int, dt.date, dt.time]
    start: dt.datetime | None

    @property
    def status(self) -> str:
        """fixed, tentative or tbd."""
        return self.item.status.value


# One row per important date, dated ones first in time order, tbd ones after in file order.
def date_rows(course: Course, zone: ZoneInfo) -> list[DateRow]:
    """Important dates in display order."""
    rows = []
    for item in course.dates:
        if item.is_dated:
            assert item.date is not None
            start = dt.datetime.combine(item.date, item.start or dt.time(0), zone)
            rows.append(DateRow(item, (0, item.date, item.start or dt.time(0)), start))
        else:
            rows.append(DateRow(item, (1, dt.date.max, dt.time(0)), None))
    return sorted(rows, key=lambda r: r.sort_key)  # stable: tbd rows keep file order


# Abbreviations of the zone over the course's dates, e.g. "CET/CEST".
def zone_abbrevs(zone: ZoneInfo, days: list[dt.date]) -> str:
    """Distinct abbreviations the zone uses on these days (or over a year)."""
    if not days:
        year = dt.date.today().year
        days = [dt.date(year, 1, 15), dt.date(year, 7, 15)]
    names = {dt.datetime.combine(d, dt.time(12), zone).tzname() for d in days}
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
    env.filters.update(text=markup.text, attr=markup.attr, hhmm=markup.hhmm, percent=markup.percent,
                       md=_markdown_field)
    return env


# The one way a template shows a Markdown field: rendered and sanitized for the page it is on.
@jinja2.pass_context
def _markdown_field(ctx: jinja2.runtime.Context, value: str) -> str:
    return markup.markdown_block(value, allow_html=ctx["info"].allow_html, page=ctx["page"])


def context(course: Course, today: dt.date, site_url: str | None = None) -> dict[str, Any]:
    """Everything templates see: the course, labels, derived views and feed addresses."""
    zone = ZoneInfo(course.course.timezone)
    lab = labels(course.course.language)
    rows = date_rows(course, zone)
    items = [r.item for r in rows]
    days = timetable(course)
    all_days = [r.item.date for r in rows if r.item.date] + [d.date for d in course.schedule.days]
    topics: dict[str, list] = {}
    for paper in course.papers:
        topics.setdefault(paper.topic, []).append(paper)
    return {
        "c": course, "info": course.course, "L": lab, "today": today,
        "long_date": lambda d: markup.long_date(d, lab),
        "date_rows": rows, "upcoming": [r for r in rows if r.item.date and r.item.date >= today],
        "zone": course.course.timezone, "zone_abbrevs": zone_abbrevs(zone, all_days),
        "topics": topics, "timetable": days,
        "slot_entries": {e.slot: e for day in days for e in day if e.slot}, "bibtex": bib_entry,
        "show_presenters": course.privacy.show_presenters,
        "news": sorted(course.news, key=lambda n: n.date, reverse=True),
        "due": {d.id: [r for r in rows if r.item.deliverable == d.id] for d in course.deliverables},
        "grade_total": sum(d.weight * d.count for d in course.deliverables),
        "feed": subscribe_urls(site_url), "event_file": event_file, "doi_url": markup.doi_url,
        "when_text": lambda d: markup.when(d, lab),
        "grade_chart": charts.grade_chart(course.deliverables, lab),
        "timeline": charts.timeline(items, today, course.course.timezone, lab),
        "timeline_compact": charts.timeline(items, today, course.course.timezone, lab, compact=True),
    }


def render(course: Course, today: dt.date, override: Path | None = None,
           site_url: str | None = None) -> dict[str, str]:
    """Every generated page as {path: markdown}; `override` is a folder of templates."""
    env = _environment(override)
    ctx = context(course, today, site_url)
    return {uri: env.get_template(name).render(ctx, page=uri) for uri, name in PAGES.items()}
