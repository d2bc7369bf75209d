"""The grade-weights ring and the timelines: present, true to course.yml, readable, up to date."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, expect
from support import FIXTURES, ROOT
from test_coming import course_with

from coursegen import coming, markup
from coursegen.agenda import now, resolve
from coursegen.instants import day_start
from coursegen.pages import labels

from .support import HOME_ZONE, NOW, SCHEMES, TODAY, Site, contrast

# The site's own script, for a timeline rendered outside a built site.
NOW_JS = ROOT / "overrides" / "assets" / "javascripts" / "now.js"
# What the example course's home timeline shows a visitor at a fixed moment (course zone Berlin):
# {date id: (mark, distance)}, in order; only what is still to come is listed.
BEFORE_REVIEW_2 = {"review-2": ("next", "in 16 Tagen"), "slides-feedback": ("later", "in 66 Tagen"),
                   "block-course": ("later", "in 73 Tagen"), "report": ("later", "in 81 Tagen")}
DURING_BLOCK_COURSE = {"block-course": ("next", "heute"), "report": ("later", "in 7 Tagen")}
EVE_OF_REVIEW_2 = {"review-2": ("next", "morgen"), "slides-feedback": ("later", "in 51 Tagen"),
                   "block-course": ("later", "in 58 Tagen"), "report": ("later", "in 66 Tagen")}
ON_REVIEW_2_DAY = {"review-2": ("next", "heute"), "slides-feedback": ("later", "in 50 Tagen"),
                   "block-course": ("later", "in 57 Tagen"), "report": ("later", "in 65 Tagen")}
FAKE_TODAYS = [
    pytest.param("2027-01-15T12:00:00+01:00", "Europe/Berlin", BEFORE_REVIEW_2, id="mid-january"),
    pytest.param("2027-03-30T09:00:00+02:00", "Europe/Berlin", DURING_BLOCK_COURSE, id="block-course-day-2"),
    pytest.param("2027-01-30T12:00:00+01:00", "Europe/Berlin", EVE_OF_REVIEW_2, id="eve-of-review-2"),
    # 15:30 on 30 January in Los Angeles (23:30 UTC) is already 31 January in Berlin: deadline today.
    pytest.param("2027-01-30T15:30:00-08:00", "America/Los_Angeles", ON_REVIEW_2_DAY, id="visitor-in-los-angeles"),
    pytest.param("2027-05-01T12:00:00+02:00", "Europe/Berlin", {}, id="after-the-course"),
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
    agenda = resolve(served.course)
    dated = now.timeline(agenda, NOW)
    undated = [d for d in served.course.dates if d.per_talk is None and not d.is_dated]
    items = page.locator("[data-cg-timeline] .cg-tl__dated > li")
    assert [i.get_attribute("data-cg-key") for i in items.all()] == [o.key for o in dated]
    for item, o in zip(items.all(), dated, strict=True):
        assert o.start is not None
        assert item.locator("time.cg-tl__when").get_attribute("datetime") == o.start.date().isoformat()
        expect(item).to_contain_text(o.title)
    apart = page.locator("[data-cg-timeline] .cg-tl__tbd li")
    assert [i.get_attribute("data-date-id") for i in apart.all()] == [d.id for d in undated]
    for item, d in zip(apart.all(), undated, strict=True):
        expect(item).to_contain_text(f"{d.title}: {d.hint}")


@pytest.mark.parametrize(("moment", "zone", "expected"), FAKE_TODAYS)
def test_timeline_marks_next_and_later_for_the_visitors_now(
        moment: str, zone: str, expected: dict[str, tuple[str, str]],
        sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """At a fixed fake now, the home page lists what is still to come then, the first marked next,
    each saying how far away it is; after the course, nothing, and the empty state."""
    page = open_page(timezone_id=zone)
    page.clock.set_fixed_time(moment)
    page.goto(sites("example").page_url(""))
    assert _marks(page, labels("de")) == expected
    expect(page.locator("[data-cg-timeline] [data-cg-empty]")).to_be_visible(visible=not expected)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_next_date_stands_out_in_both_schemes(scheme: str, sites: Callable[[str], Site],
                                              open_page: Callable[..., Page]) -> None:
    """The next date's mark and label are visible and contrast with the page."""
    page = open_page(scheme=scheme)
    page.clock.set_fixed_time("2027-01-15T12:00:00+01:00")
    page.goto(sites("example").page_url(""))
    upcoming = page.locator(".cg-tl__item[data-state='next']")
    expect(upcoming).to_have_count(1)
    expect(upcoming.locator(".cg-tl__state")).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    mark = upcoming.evaluate("e => getComputedStyle(e, '::before').backgroundColor")
    assert contrast(mark, background) >= 3


def test_timeline_without_javascript_keeps_the_build_days_marks(sites: Callable[[str], Site],
                                                                open_page: Callable[..., Page]) -> None:
    """With scripts off, the list and marks are those of the build day (TODAY), no distance is
    claimed, and the page says which day that was."""
    page = open_page(java_script_enabled=False)
    served = sites("example")
    page.goto(served.page_url(""))
    shown = now.timeline(resolve(served.course), day_start(TODAY, ZoneInfo(HOME_ZONE)))
    assert _marks(page, labels("de")) == {o.key.split(":", 1)[1]: ("later" if i else "next", "")
                                          for i, o in enumerate(shown)}
    expect(page.locator("[data-cg-asof]").first).to_have_text("Stand: Mittwoch, 2. Dezember 2026.")


def test_timeline_counts_days_in_english(open_page: Callable[..., Page]) -> None:
    """The English labels: 'today', 'tomorrow', 'in 5 days'; what is over is not listed."""
    course = course_with([{"id": name, "title": name.title(), "date": f"2027-01-{day:02d}"}
                          for name, day in (("done", 10), ("now", 15), ("tomorrow", 16), ("soon", 20))])
    page = open_page()
    page.clock.set_fixed_time("2027-01-15T12:00:00+01:00")
    en = labels("en")
    page.set_content(markup.script_labels(en) + coming.timeline_html(resolve(course), dt.date(2026, 1, 1), en))
    page.add_script_tag(path=NOW_JS)
    assert _marks(page, en) == {"now": ("next", "today"), "tomorrow": ("later", "tomorrow"), "soon": ("later", "in 5 days")}


# {date id: (mark, distance)} as the page shows them, checking each mark's label is in the text.
def _marks(page: Page, words: dict[str, object]) -> dict[str, tuple[str, str]]:
    marks = {}
    for item in page.locator(".cg-tl__dated > .cg-tl__item").all():
        state = item.get_attribute("data-state") or ""
        expect(item.locator(".cg-tl__state")).to_have_text(str(words[f"state_{state}"]))
        marks[item.get_attribute("data-date-id") or ""] = (state, item.locator("[data-cg-relative]").inner_text())
    return marks
