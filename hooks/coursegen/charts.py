"""Build-time pictures: the grade composition ring and the timeline of dates.

No JavaScript library draws them. Python computes what they show (slice lengths and
offsets, past/next/later marks, the texts); the markup is in `templates/_charts.html.j2`.
The result is raw HTML inside generated Markdown, so every text is HTML-escaped there
(Markdown escaping would show). The timeline's items and marks are chosen for the start of
the build day (agenda/now.py); `course.js` chooses them again for the visitor's now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from .i18n import Labels
from .instants import instant as moment_of
from .markup import group, instant, percent, short_date
from .model import DateItem, Deliverable, Status, total_share

# How many distinct slice colours course.css defines (cg-color-0 ... cg-color-5).
PALETTE_SIZE = 6
# Gap between ring slices, in percent of the circumference.
SLICE_GAP = 0.6
# Labels course.js needs, as data-label-<name> attributes of a timeline: name -> label key.
SCRIPT_LABELS = {"past": "state_past", "next": "state_next", "later": "state_later",
                 "today": "relative_today", "tomorrow": "relative_tomorrow", "days": "relative_days"}


@dataclass(frozen=True)
class Slice:
    """One piece of work on the ring: its colour and dash pattern, clockwise from twelve o'clock."""

    deliverable: Deliverable
    color: int
    dash: float
    gap: float
    offset: float


@dataclass(frozen=True)
class LegendEntry:
    """One deliverable in the ring's legend, with its share in words."""

    deliverable: Deliverable
    color: int
    share: str


@dataclass(frozen=True)
class Ring:
    """The grade composition ring as the template draws it."""

    name: str
    slices: list[Slice]
    legend: list[LegendEntry]
    total: str


@dataclass(frozen=True)
class TimelineEntry:
    """One dated item on the timeline."""

    item: DateItem
    state: str
    state_text: str
    shown_html: str
    first: dt.date
    last: dt.date
    tentative: str | None


@dataclass(frozen=True)
class Timeline:
    """The timeline as the template draws it."""

    zone: str
    script_labels: list[tuple[str, str]]
    caption: str
    dated: list[TimelineEntry]
    undated: list[DateItem]
    tbd_caption: str


# The chart macros, in an environment of their own: HTML, one line each, escaped with |h.
@cache
def _macros() -> Any:
    env = jinja2.Environment(loader=jinja2.PackageLoader("coursegen", "templates"),
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["h"] = escape
    return env.get_template("_charts.html.j2").module


def grade_chart(deliverables: list[Deliverable], labels: Labels) -> str:
    """A ring of the grade weights (one slice per piece of work) with a legend."""
    if not deliverables:
        return ""
    return str(_macros().grade_ring(ring(deliverables, labels)))


def ring(deliverables: list[Deliverable], labels: Labels) -> Ring:
    """What the ring shows: slices, legend, its accessible name and the total."""
    shares = [_share_text(d, labels) for d in deliverables]
    parts = zip(deliverables, shares, strict=True)
    name = f"{labels['grade_composition']}: " + "; ".join(f"{d.title}: {s}" for d, s in parts)
    legend = [LegendEntry(d, i % PALETTE_SIZE, s) for i, (d, s) in enumerate(zip(deliverables, shares, strict=True))]
    return Ring(name, _slices(deliverables), legend, percent(total_share(deliverables)))


# "2 × 10 % = 20 %" for repeated work, "40 %" for a single piece.
def _share_text(d: Deliverable, labels: Labels) -> str:
    if d.count == 1:
        return percent(d.weight)
    share: str = labels["weight_share"]
    return share.format(count=d.count, weight=percent(d.weight), total=percent(d.share))


# One dashed circle per piece of work, clockwise from twelve o'clock; the sum of all
# shares (100 in a valid course) is the whole circle, so the ring closes either way.
def _slices(deliverables: list[Deliverable]) -> list[Slice]:
    total, offset, slices = total_share(deliverables), 0.0, []
    for i, d in enumerate(deliverables):
        for _ in range(d.count):
            length = d.weight / total * 100
            slices.append(Slice(d, i % PALETTE_SIZE, length - SLICE_GAP, 100 - length + SLICE_GAP, 25 - offset))
            offset += length
    return slices


def timeline(dated: list[tuple[DateItem, str]], undated: list[DateItem], zone: str, labels: Labels) -> str:
    """The coming dated items (each with its mark, next or later) on a line, and the tbd items apart."""
    return str(_macros().timeline(timeline_view(dated, undated, zone, labels)))


def timeline_view(dated: list[tuple[DateItem, str]], undated: list[DateItem], zone: str, labels: Labels) -> Timeline:
    """What the timeline shows: the coming dated items, each with its state and texts, and the
    tbd items apart."""
    return Timeline(
        zone=zone, caption=labels["timeline"], tbd_caption=labels["tbd_items"],
        script_labels=[(name, labels[key]) for name, key in SCRIPT_LABELS.items()],
        dated=[_entry(item, state, ZoneInfo(zone), labels) for item, state in dated], undated=undated,
    )


# One dated item: when, what, its state and (filled in by course.js) how far away it is.
def _entry(item: DateItem, state: str, zone: ZoneInfo, labels: Labels) -> TimelineEntry:
    assert item.date is not None
    return TimelineEntry(
        item=item, state=state, state_text=labels["state_" + state],
        shown_html=_short_when(item, zone, labels),
        first=item.date, last=item.last_day,
        tentative=labels["status_tentative"] if item.status is Status.tentative else None,
    )


# The timeline's short form: the day, and its start time as an instant if it has one.
def _short_when(item: DateItem, zone: ZoneInfo, labels: Labels) -> str:
    assert item.date is not None
    day = escape(short_date(item.date, labels))
    if not item.start:
        return day
    return f"{day}, {group(instant(moment_of(item.date, item.start, zone), labels))}"
