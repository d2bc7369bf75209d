"""Build-time pictures: the grade composition ring.

No JavaScript library draws it. Python computes what it shows (slice lengths and offsets,
the texts); the markup is in `templates/_charts.html.j2`. The result is raw HTML inside
generated Markdown, so every text is HTML-escaped there (Markdown escaping would show).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

import jinja2

from .i18n import Labels
from .markup import percent
from .model import Deliverable, total_share

# How many distinct slice colours course.css defines (cg-color-0 ... cg-color-5).
PALETTE_SIZE = 6
# Gap between ring slices, in percent of the circumference.
SLICE_GAP = 0.6


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
