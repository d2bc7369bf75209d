"""The grade-weights ring and the timelines: present, true to course.yml, readable, up to date."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable

import pytest
from playwright.sync_api import Locator, Page, expect
from support import FIXTURES, ROOT

from coursegen.charts import COMPACT_DATES, timeline
from coursegen.model import DateItem
from coursegen.pages import labels
from coursegen.series import next_sessions

from .support import SCHEMES, TODAY, Site, contrast

# The site's own script, for a timeline rendered outside a built site.
COURSE_JS = ROOT / "overrides" / "assets" / "javascripts" / "course.js"
# The example course's dated items and what a visitor sees at a fixed moment (course zone Berlin):
# {date id: (mark, distance)}; the distance is empty for past items.
BEFORE_REVIEW_2 = {"kickoff": ("past", ""), "topic-choice": ("past", ""), "review-1": ("past", ""), "review-2": ("next", "in 16 Tagen"),
                   "slides-feedback": ("later", "in 66 Tagen"), "block-course": ("later", "in 73 Tagen"),
                   "report": ("later", "in 81 Tagen")}
DURING_BLOCK_COURSE = {"kickoff": ("past", ""), "topic-choice": ("past", ""), "review-1": ("past", ""), "review-2": ("past", ""),
                       "slides-feedback": ("past", ""), "block-course": ("next", "heute"),
                       "report": ("later", "in 7 Tagen")}
EVE_OF_REVIEW_2 = {**BEFORE_REVIEW_2, "review-2": ("next", "morgen"), "slides-feedback": ("later", "in 51 Tagen"),
                   "block-course": ("later", "in 58 Tagen"), "report": ("later", "in 66 Tagen")}
ON_REVIEW_2_DAY = {**BEFORE_REVIEW_2, "review-2": ("next", "heute"), "slides-feedback": ("later", "in 50 Tagen"),
                   "block-course": ("later", "in 57 Tagen"), "report": ("later", "in 65 Tagen")}
AFTER_ALL = {key: ("past", "") for key in BEFORE_REVIEW_2}
FAKE_TODAYS = [
    pytest.param("2027-01-15T12:00:00+01:00", "Europe/Berlin", BEFORE_REVIEW_2, id="mid-january"),
    pytest.param("2027-03-30T09:00:00+02:00", "Europe/Berlin", DURING_BLOCK_COURSE, id="block-course-day-2"),
    pytest.param("2027-01-30T12:00:00+01:00", "Europe/Berlin", EVE_OF_REVIEW_2, id="eve-of-review-2"),
    # 15:30 on 30 January in Los Angeles (23:30 UTC) is already 31 January in Berlin: deadline today.
    pytest.param("2027-01-30T15:30:00-08:00", "America/Los_Angeles", ON_REVIEW_2_DAY, id="visitor-in-los-angeles"),
    pytest.param("2027-05-01T12:00:00+02:00", "Europe/Berlin", AFTER_ALL, id="after-the-course"),
]


# ---- Grade weights -------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("site", FIXTURES)
def test_weights_ring_matches_course_yml(site: str, scheme: str, sites: Callable[[str], Site],
                                         open_page: Callable[..., Page]) -> None:
    """One slice per piece of work, drawn where its weight puts it, legend and text alike."""
    served = sites(site)
    page = open_page(scheme=scheme)
    page.goto(served.page_url("deliverables/"))
    deliverables = served.course.deliverables
    ring = page.locator("[data-cg-weights] svg[role='img']")
    expect(ring).to_be_visible()
    for d in deliverables:
        expect(ring).to_have_attribute("aria-label", _contains(d.title))
    pieces = [(d.id, d.weight) for d in deliverables for _ in range(d.count)]
    slices = ring.locator(".cg-ring__slice")
    assert [(s.get_attribute("data-deliverable"), float(s.get_attribute("data-weight") or 0))
            for s in slices.all()] == pieces
    assert _drawn_at_midpoints(page, ring, pieces) == [ident for ident, _ in pieces]
    legend = page.locator("[data-cg-weights] .cg-legend li")
    assert [(li.get_attribute("data-deliverable"), float(li.get_attribute("data-share") or 0))
            for li in legend.all()] == [(d.id, d.weight * d.count) for d in deliverables]
    for li, d in zip(legend.all(), deliverables, strict=True):
        expect(li).to_contain_text(d.title)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for s in slices.all():
        assert contrast(s.evaluate("e => getComputedStyle(e).stroke"), background) >= 3


# A pattern that matches any text containing `text`.
def _contains(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


# Which slice the browser hit-tests at the middle of each piece's arc, clockwise from twelve.
def _drawn_at_midpoints(page: Page, ring: Locator, pieces: list[tuple[str, float]]) -> list[str | None]:
    box = ring.bounding_box()
    assert box is not None
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    radius = box["width"] * 15.9 / 42
    total, start, hits = sum(w for _, w in pieces), 0.0, []
    for _, weight in pieces:
        angle = 2 * math.pi * (start + weight / 2) / total
        x, y = cx + radius * math.sin(angle), cy - radius * math.cos(angle)
        hits.append(page.evaluate("([x, y]) => document.elementFromPoint(x, y).dataset.deliverable ?? null", [x, y]))
        start += weight
    return hits


# ---- Timelines -----------------------------------------------------------------------


@pytest.mark.parametrize("site", FIXTURES)
def test_timeline_lists_the_dates_of_course_yml(site: str, sites: Callable[[str], Site],
                                                open_page: Callable[..., Page]) -> None:
    """The next dated items and the next session of each weekly series in time order with their
    day; tbd items apart, in file order, with their hint (the dates page lists them in its table)."""
    served = sites(site)
    page = open_page()
    page.goto(served.page_url(""))
    dates = [d for d in served.course.dates if d.per_talk is None]  # the rules per talk show beside each talk
    dated = _home_dates(_in_order([*(d for d in dates if d.is_dated), *next_sessions(served.course, TODAY)]))
    undated = [d for d in dates if not d.is_dated]
    items = page.locator("[data-cg-timeline] .cg-tl__dated > li")
    assert [i.get_attribute("data-date-id") for i in items.all()] == [d.id for d in dated]
    for item, d in zip(items.all(), dated, strict=True):
        assert item.locator("time.cg-tl__when").get_attribute("datetime") == (d.date.isoformat() if d.date else None)
        expect(item).to_contain_text(d.title)
    apart = page.locator("[data-cg-timeline] .cg-tl__tbd li")
    assert [i.get_attribute("data-date-id") for i in apart.all()] == [d.id for d in undated]
    for item, d in zip(apart.all(), undated, strict=True):
        expect(item).to_contain_text(f"{d.title}: {d.hint}")


@pytest.mark.parametrize(("now", "zone", "expected"), FAKE_TODAYS)
def test_timeline_marks_past_next_later_for_the_visitors_today(
        now: str, zone: str, expected: dict[str, tuple[str, str]],
        sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """At a fixed fake now, each date the home page shows is marked past/next/later and says how far away it is."""
    page = open_page(timezone_id=zone)
    page.clock.set_fixed_time(now)
    served = sites("example")
    page.goto(served.page_url(""))
    shown = {d.id for d in _home_dates(_in_order(d for d in served.course.dates if d.is_dated))}
    expected = {key: mark for key, mark in expected.items() if key in shown}
    assert 0 < len(expected) <= COMPACT_DATES
    assert _marks(page, labels("de")) == expected


@pytest.mark.parametrize("scheme", SCHEMES)
def test_next_date_stands_out_in_both_schemes(scheme: str, sites: Callable[[str], Site],
                                              open_page: Callable[..., Page]) -> None:
    """The next date's mark and label are visible and contrast with the page; past ones are not marked next."""
    page = open_page(scheme=scheme)
    page.clock.set_fixed_time("2027-01-15T12:00:00+01:00")
    page.goto(sites("example").page_url(""))
    upcoming = page.locator(".cg-tl__item[data-state='next']")
    expect(upcoming).to_have_count(1)
    expect(upcoming.locator(".cg-tl__state")).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    mark = upcoming.evaluate("e => getComputedStyle(e, '::before').backgroundColor")
    assert contrast(mark, background) >= 3
    for past in page.locator(".cg-tl__item[data-state='past']").all():
        expect(past.locator(".cg-tl__state")).not_to_be_in_viewport()


def test_timeline_without_javascript_keeps_the_build_time_marks(sites: Callable[[str], Site],
                                                                open_page: Callable[..., Page]) -> None:
    """With scripts off, the marks are those of the build day (TODAY) and no distance is claimed."""
    page = open_page(java_script_enabled=False)
    page.goto(sites("example").page_url(""))
    shown = _home_dates(_in_order(d for d in sites("example").course.dates if d.is_dated))
    assert _marks(page, labels("de")) == {d.id: ("later" if i else "next", "") for i, d in enumerate(shown)}


def test_timeline_counts_days_in_english(open_page: Callable[..., Page]) -> None:
    """The English labels: 'today', 'tomorrow', 'in 5 days'; past items get no distance."""
    items = [DateItem(id=name, title=name.title(), date=dt.date(2027, 1, day))
             for name, day in (("done", 10), ("now", 15), ("tomorrow", 16), ("soon", 20))]
    page = open_page()
    page.clock.set_fixed_time("2027-01-15T12:00:00+01:00")
    page.set_content(timeline(items, dt.date(2026, 1, 1), "Europe/Berlin", labels("en")))
    page.add_script_tag(path=COURSE_JS)
    assert _marks(page, labels("en")) == {"done": ("past", ""), "now": ("next", "today"),
                                          "tomorrow": ("later", "tomorrow"), "soon": ("later", "in 5 days")}


# {date id: (mark, distance)} as the page shows them, checking each mark's label is in the text.
def _in_order(items: Iterable[DateItem]) -> list[DateItem]:
    return sorted(items, key=lambda d: (d.date or dt.date.min, d.start or dt.time(0)))


# The home page lists the next few dates that were not over on the day the site was built.
def _home_dates(dated: list[DateItem]) -> list[DateItem]:
    return [d for d in dated if d.date and (d.end_date or d.date) >= TODAY][:COMPACT_DATES]


def _marks(page: Page, words: dict[str, object]) -> dict[str, tuple[str, str]]:
    marks = {}
    for item in page.locator(".cg-tl__dated > .cg-tl__item").all():
        state = item.get_attribute("data-state") or ""
        expect(item.locator(".cg-tl__state")).to_have_text(str(words[f"state_{state}"]))
        marks[item.get_attribute("data-date-id") or ""] = (state, item.locator("[data-cg-relative]").inner_text())
    return marks
