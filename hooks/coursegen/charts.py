"""Build-time pictures as HTML strings: the grade composition ring and the timeline of dates.

No JavaScript library draws them. The strings are raw HTML inside generated Markdown, so
every text is HTML-escaped here (Markdown escaping would show). The timeline carries its
build-time past/next/later marks; `course.js` redoes them for the visitor's today from
the `data-*` attributes.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from .markup import percent, short_date, when
from .model import DateItem, Deliverable, Status, total_share

# How many distinct slice colours course.css defines (cg-color-0 ... cg-color-5).
PALETTE_SIZE = 6
# Gap between ring slices, in percent of the circumference.
SLICE_GAP = 0.6
# Labels course.js needs, as data-label-<name> attributes of a timeline: name -> label key.
SCRIPT_LABELS = {"past": "state_past", "next": "state_next", "later": "state_later",
                 "today": "relative_today", "tomorrow": "relative_tomorrow", "days": "relative_days"}


def grade_chart(deliverables: list[Deliverable], labels: dict[str, Any]) -> str:
    """A ring of the grade weights (one slice per piece of work) with a legend."""
    if not deliverables:
        return ""
    shares = [_share_text(d, labels) for d in deliverables]
    name = f"{labels['grade_composition']}: " + "; ".join(f"{d.title}: {s}" for d, s in zip(deliverables, shares))
    legend = "".join(
        f'<li data-deliverable="{escape(d.id)}" data-share="{d.share:g}">'
        f'<span class="cg-swatch cg-color-{i % PALETTE_SIZE}" aria-hidden="true"></span>'
        f'<a href="#{escape(d.id)}">{escape(d.title)}</a> <span class="cg-legend__share">{escape(s)}</span></li>'
        for i, (d, s) in enumerate(zip(deliverables, shares))
    )
    return (
        '<figure class="cg-weights" data-cg-weights>'
        f'<svg class="cg-ring" viewBox="0 0 42 42" role="img" aria-label="{escape(name)}">'
        '<circle class="cg-ring__track" cx="21" cy="21" r="15.9" pathLength="100"/>'
        f"{_slices(deliverables)}"
        f'<text class="cg-ring__total" x="21" y="21">{escape(percent(_total(deliverables)))}</text>'
        f'</svg><figcaption><ul class="cg-legend">{legend}</ul></figcaption></figure>'
    )


# "2 × 10 % = 20 %" for repeated work, "40 %" for a single piece.
def _share_text(d: Deliverable, labels: dict[str, Any]) -> str:
    if d.count == 1:
        return percent(d.weight)
    return labels["weight_share"].format(count=d.count, weight=percent(d.weight), total=percent(d.share))


# Sum of all weights (100 in a valid course; the ring still closes if not).
def _total(deliverables: list[Deliverable]) -> float:
    return total_share(deliverables)


# One dashed circle per piece of work, clockwise from twelve o'clock.
def _slices(deliverables: list[Deliverable]) -> str:
    total, offset, circles = _total(deliverables), 0.0, []
    for i, d in enumerate(deliverables):
        for _ in range(d.count):
            length = d.weight / total * 100
            circles.append(
                f'<circle class="cg-ring__slice cg-color-{i % PALETTE_SIZE}" data-deliverable="{escape(d.id)}" '
                f'data-weight="{d.weight:g}" cx="21" cy="21" r="15.9" pathLength="100" '
                f'stroke-dasharray="{length - SLICE_GAP:.3f} {100 - length + SLICE_GAP:.3f}" '
                f'stroke-dashoffset="{25 - offset:.3f}"/>'
            )
            offset += length
    return "".join(circles)


def states(items: list[DateItem], today: dt.date) -> list[str]:
    """past, next or later for each dated item (in date order) as seen on `today`."""
    marks, seen_next = [], False
    for item in items:
        if _last_day(item) < today:
            marks.append("past")
        else:
            marks.append("later" if seen_next else "next")
            seen_next = True
    return marks


# The last day an item covers (its end date for a range).
def _last_day(item: DateItem) -> dt.date:
    assert item.date is not None
    return item.end_date or item.date


def timeline(items: list[DateItem], today: dt.date, zone: str, labels: dict[str, Any],
             compact: bool = False) -> str:
    """The dated items on a line marked past/next/later, and the tbd items apart."""
    dated = [i for i in items if i.is_dated]
    undated = [i for i in items if not i.is_dated]
    data = " ".join(f'data-label-{name}="{escape(labels[key])}"' for name, key in SCRIPT_LABELS.items())
    entries = "".join(_entry(item, state, labels, compact) for item, state in zip(dated, states(dated, today)))
    dated_list = f'<ol class="cg-tl__dated" aria-label="{escape(labels["timeline"])}">{entries}</ol>' if dated else ""
    return (
        f'<div class="cg-tl{" cg-tl--compact" if compact else ""}" data-cg-timeline '
        f'data-zone="{escape(zone)}" {data}>{dated_list}{_undated(undated, labels)}</div>'
    )


# One dated item: when, what, its state and (filled in by course.js) how far away it is.
def _entry(item: DateItem, state: str, labels: dict[str, Any], compact: bool) -> str:
    assert item.date is not None
    shown = short_date(item.date, labels) if compact else when(item, labels)
    extra = ""
    if item.status is Status.tentative:
        extra += f' <span class="cg-status cg-status--tentative">{escape(labels["status_tentative"])}</span>'
    if item.location and not compact:
        extra += f' <span class="cg-tl__where">{escape(item.location)}</span>'
    return (
        f'<li class="cg-tl__item" data-date-id="{escape(item.id)}" data-state="{state}" '
        f'data-first="{item.date.isoformat()}" data-last="{_last_day(item).isoformat()}">'
        f'<time class="cg-tl__when" datetime="{item.date.isoformat()}">{escape(shown)}</time> '
        f'<span class="cg-tl__what">{escape(item.title)}</span>{extra} '
        f'<span class="cg-tl__state">{escape(labels["state_" + state])}</span>'
        '<span class="cg-tl__relative" data-cg-relative></span></li>'
    )


# The items without a day yet, each with its hint, in a list of their own.
def _undated(items: list[DateItem], labels: dict[str, Any]) -> str:
    if not items:
        return ""
    entries = "".join(
        f'<li data-date-id="{escape(i.id)}"><span class="cg-tl__what">{escape(i.title)}</span>: '
        f'<span class="cg-tl__hint">{escape(i.hint or "")}</span></li>'
        for i in items
    )
    return (f'<div class="cg-tl__tbd"><p class="cg-tl__caption">{escape(labels["tbd_items"])}</p>'
            f'<ul>{entries}</ul></div>')
