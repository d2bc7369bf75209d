"""Right on every day of the term: Chromium's clock set to instants across each fixture's term
(the cases of tests/cases/now.yml and more: before the first date, inside a multi-day block
course, a deadline's day before and after its minute, the original and new day of a moved
session, a cancelled session's day, after the last date), in several time zones, on sites
built long before. What the pages show is what the engine's agenda gives for that instant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from support import BuiltSites
from test_now import CASES, State, engine_state, instant, page_rows

from coursegen.addresses import SESSIONS, page_url
from coursegen.agenda import Agenda, now
from coursegen.agenda.now import PAST
from coursegen.loader import check

from .support import Site, serve

# The sites are built before any fixture's first date, so every page carries every candidate.
BUILT = dt.date(2026, 9, 1)
# Visitors' zones, taken in turn: the state depends on the instant, never on the visitor's zone.
ZONES = ("Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Auckland")
# The pages that carry marks, by the name the engine's rows go by.
MARKED = {"dates": "dates/", "schedule": "schedule/", "sessions": "sessions/"}
AT_LEAST = 9
# The home page's lists: "next for you" and the timeline.
NEXT, TIMELINE = "[data-cg-coming=next] [data-cg-list]", "[data-cg-coming=timeline] [data-cg-list]"


def instants(name: str, agenda: Agenda) -> list[dt.datetime]:
    """The table's instants of a course, a minute before and after the starts and ends of its dated
    items (picked evenly), then noon of days spread over a month before to a month after them,
    until there are at least AT_LEAST."""
    table = [instant(c) for c in CASES if c["course"] == name]
    edges = sorted({moment + step for o in now.next_candidates(agenda) + agenda.program
                    for moment in (o.start, o.end) if moment
                    for step in (dt.timedelta(minutes=-1), dt.timedelta(minutes=1))})
    wanted = max(AT_LEAST - len(table), 4)
    found = set(table) | {edges[i * (len(edges) - 1) // (wanted - 1)] for i in range(wanted)} if len(edges) > wanted \
        else set(table) | set(edges)
    first, last = min(found) - dt.timedelta(days=30), max(found) + dt.timedelta(days=30)
    days = [first + (last - first) * n / (AT_LEAST - 1) for n in range(AT_LEAST)]
    for day in days[:2] + days[-1:] + days[2:-1]:  # a day before and after everything, then between
        if len(found) >= AT_LEAST and day not in days[:2] + days[-1:]:
            break
        found.add(dt.datetime.combine(day.date(), dt.time(12), agenda.zone))
    return sorted(found)


@dataclass(frozen=True)
class Served:
    """A fixture site built on BUILT and served, with its agenda."""

    site: Site
    agenda: Agenda


@pytest.fixture(scope="module")
def served(built: BuiltSites) -> Iterator[Callable[[str], Served]]:
    found: dict[str, Served] = {}
    servers: list[object] = []

    def get(name: str) -> Served:
        if name not in found:
            build = built(name, COURSEGEN_TODAY=BUILT.isoformat())
            server = serve(build.site)
            servers.append(server)
            agenda = check(build.project / "course.yml").agenda
            found[name] = Served(Site(name, build.site, server.__enter__(), agenda.course), agenda)
        return found[name]
    yield get
    for server in servers:
        server.__exit__(None, None, None)  # type: ignore[attr-defined]


# The state a page shows: keys of "next for you" and the timeline, each page's marks, the week linked.
# The home page is read first, and checked against the expected state while it is shown (its lists,
# what changed, an empty timeline's message), before the pages with marks.
def shown_state(page: Page, site: Site, agenda: Agenda, at: dt.datetime, expected: State, where: str) -> State:
    page.goto(site.page_url(""))
    expect(page.locator("[data-cg-asof]").first).to_be_hidden()
    keys = "items => items.map((li) => li.dataset.cgKey || '')"  # one call for the whole list
    mine: list[str] = page.eval_on_selector_all(f"{NEXT} > li", keys)
    timeline: list[str] = page.eval_on_selector_all(f"{TIMELINE} > li", keys)
    assert (mine, timeline) == (expected.next, expected.timeline), where
    check_changes(page, agenda, at)
    expect(page.locator("[data-cg-coming=timeline] [data-cg-empty]")).to_be_visible(visible=not expected.timeline)
    rows = page_rows(agenda)
    marks: dict[str, list[str]] = {}
    for name, path in MARKED.items():
        if not rows[name]:
            marks[name] = []
            continue
        page.goto(site.page_url(path))
        marks[name] = page.eval_on_selector_all(".cg-mark", "marks => marks.map((m) => m.dataset.state || '')")
    week = None
    if rows["sessions"]:
        link = page.locator("[data-cg-this-week]")
        week = None if link.is_hidden() else int((link.get_attribute("href") or "").removeprefix("#week-"))
    return State(mine, timeline, marks, week)


# "Next for you" says what changed: a moved session from which day, a cancelled one struck through.
def check_changes(page: Page, agenda: Agenda, at: dt.datetime) -> None:
    for o, li in zip(now.next_for_you(agenda, at), page.locator(f"{NEXT} > li").all(), strict=True):
        if o.moved_from:
            expect(li.locator(".cg-session--moved")).to_contain_text(f"{o.moved_from.day}.")
        if o.status == "cancelled":
            expect(li.locator("s").first).to_be_visible()
            expect(li.locator(".cg-status--cancelled")).to_be_visible()


# Each fixture's instants are checked in this many tests (every PARTS-th instant in each), so that
# parallel workers share the longest fixtures rather than one worker taking each whole.
PARTS = {"example": 5, "lecture": 5, "seminar": 3, "us": 3, "minimal": 3}


@pytest.mark.parametrize(("name", "part"), [pytest.param(name, part, id=f"{name}-{part + 1}-of-{parts}")
                                            for name, parts in PARTS.items() for part in range(parts)])
def test_pages_show_the_agendas_state_at_each_instant(name: str, part: int, served: Callable[[str], Served],
                                                      browser: Browser) -> None:
    found = served(name)
    moments = instants(name, found.agenda)
    assert len(moments) >= AT_LEAST
    for number in range(part, len(moments), PARTS[name]):
        at = moments[number]
        context = browser.new_context(timezone_id=ZONES[number % len(ZONES)])
        try:
            page = context.new_page()
            page.clock.set_fixed_time(at)
            expected = engine_state(found.agenda, at)
            where = f"{name} at {at.isoformat()} in {ZONES[number % len(ZONES)]}"
            assert shown_state(page, found.site, found.agenda, at, expected, where) == expected, where
        finally:
            context.close()


def test_the_cases_reach_every_fixture_and_the_sessions_page_links_this_week(
        served: Callable[[str], Served], browser: Browser) -> None:
    """On the moved lecture's original day the sessions page links its week; Friday morning's
    exercise is marked next, and the lecture moved to that afternoon is in the same week."""
    found = served("lecture")
    context = browser.new_context(timezone_id="America/Los_Angeles")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(dt.datetime.fromisoformat("2027-06-17T09:00:00+02:00"))
        page.goto(found.site.page_url(page_url(SESSIONS)))
        link = page.locator("[data-cg-this-week]")
        expect(link).to_have_attribute("href", "#week-16")
        expect(link).to_contain_text("Woche 16")
        link.click()
        expect(page.locator("#week-16")).to_be_in_viewport()
        marks = page.locator(".cg-mark[data-state=next]")
        expect(marks).to_have_count(1)
        expect(marks.locator("xpath=ancestor::tr")).to_contain_text("Übung (Freitagsgruppe)")
        expect(page.locator("#week-16 ~ * tr", has_text="Verlegt vom").first).to_be_attached()
        assert page.locator(f".cg-mark[data-state={PAST}]").count() > 0
    finally:
        context.close()


def test_without_javascript_the_build_days_state_shows_as_of_that_day(served: Callable[[str], Served],
                                                                      browser: Browser) -> None:
    found = served("lecture")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(found.site.page_url(""))
        expect(page.locator("[data-cg-asof]").first).to_have_text("Stand: Dienstag, 1. September 2026.")
        at = dt.datetime.combine(BUILT, dt.time(0), found.agenda.zone)
        keys = [li.get_attribute("data-cg-key") for li in page.locator("[data-cg-coming=next] [data-cg-list] > li").all()]
        assert keys == [o.key for o in now.next_for_you(found.agenda, at)]
    finally:
        context.close()
