"""First paint: nothing moves when the course's script arrives, and Material fetches
nothing for the feed links."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Request, Route, expect
from support import FIXTURES

from .support import ALL_PAGES, NOW, PHONE_WIDTHS, Site, page_paths

# Layout shifts as the browser reports them, from the start of the page's life (buffered): the
# score and, to tell what moved, the first words of each element that moved.
RECORD_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = entry.sources.map((source) => source.node
      ? source.node.nodeName + " " + (source.node.textContent || "").trim().slice(0, 40) + " " + source.previousRect.y.toFixed(1) + "/" + source.previousRect.height.toFixed(1) + "->" + source.currentRect.y.toFixed(1) + "/" + source.currentRect.height.toFixed(1) + " t=" + entry.startTime.toFixed(0) : "?");
    window.__shifts.push(entry.value.toFixed(4) + ": " + moved.join(" | "));
  }
}).observe({type: "layout-shift", buffered: true});"""
# How long the course's script is held back: long enough that the page is drawn without it,
# and Material's own setup of the page (which runs once it is parsed) is done, as on a slow
# phone connection.
SCRIPT_DELAY = 0.5
# What the held-back script notes first: how many shifts there were before it (the browser clock
# is fixed in these tests, so no timestamp tells).
SCRIPT_START = "window.__shiftsBefore = window.__shifts.length;\n"


# Hold the course's script back, so that the page is first drawn without it; it notes the shifts so far.
def _slow_script(route: Route) -> None:
    time.sleep(SCRIPT_DELAY)
    response = route.fetch()
    route.fulfill(response=response, body=SCRIPT_START + response.text())


# The layout shifts of one page load, the course's script held back (goto waits for the load
# event, which waits for the async script too), and a moment after it for what it changed:
# all of them, or those from when the script started on.
def _shifts(page: Page, url: str, since_script: bool = False) -> list[str]:
    page.add_init_script(RECORD_SHIFTS)
    page.route("**/course.js", _slow_script)
    page.goto(url)
    page.wait_for_timeout(300)
    before: int = page.evaluate("window.__shiftsBefore")
    shifts: list[str] = page.evaluate("window.__shifts")
    return shifts[before:] if since_script else shifts


@pytest.mark.parametrize("width", [375, *PHONE_WIDTHS])
@pytest.mark.parametrize("site", [*FIXTURES, "published"])
def test_calendar_does_not_move_when_the_script_arrives(site: str, width: int, sites: Callable[[str], Site],
                                                        published: Site, open_page: Callable[..., Page]) -> None:
    """On a phone, the copy box and the subscribe button are in place at the first paint: no layout shift."""
    built = published if site == "published" else sites(site)
    page = open_page(viewport=width)
    assert _shifts(page, built.page_url("calendar/")) == []
    expect(page.locator(".md-content").get_by_role("textbox")).not_to_have_value("")  # the script ran


@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_no_page_moves_when_the_script_arrives(site: str, path: str, sites: Callable[[str], Site],
                                               open_page: Callable[..., Page]) -> None:
    """In the course's zone, what the script redoes for the visitor's now takes the build day's place:
    the build day's "as of" line is gone from the first paint, nothing moves when the script runs.
    (Material wraps each table once the page is parsed, which can move what follows a table by a
    few pixels after the first paint, with or without our script: not counted here.)"""
    page = open_page(viewport="phone")
    assert _shifts(page, sites(site).page_url(path), since_script=True) == []


# Visitors whose offsets are not the course's (Europe/Berlin), each on a day when what is coming is
# not what it was on the build day: the script adds their own times and marks the rows anew.
ELSEWHERE = [pytest.param("America/Los_Angeles", NOW + dt.timedelta(days=40), id="Los_Angeles-40-days-on"),
             pytest.param("Pacific/Auckland", NOW + dt.timedelta(days=75), id="Auckland-75-days-on")]
# Groups of course times, and the visitor's times the script added after them.
TIMES_ADDED = """[Array.from(document.querySelectorAll(".cg-when"))
  .filter((group) => group.querySelector("time[datetime*='T']")).length,
  document.querySelectorAll(".cg-local").length]"""


@pytest.mark.parametrize(("zone", "now"), ELSEWHERE)
@pytest.mark.parametrize("site", FIXTURES)
def test_nothing_moves_for_a_visitor_elsewhere_on_another_day(site: str, zone: str, now: dt.datetime,
                                                               sites: Callable[[str], Site],
                                                               open_page: Callable[..., Page]) -> None:
    """What depends on now and on the visitor's zone is done before the first paint: no layout shift
    from the start of the page's life, on any page, though the script added the visitor's own time
    after every group of course times (their offset differs at each) and chose anew what is coming.
    (Material's script is held off: it wraps each table once it runs, which can move what follows a
    table by a few pixels, with or without ours; the test above counts what ours moves beside it.)"""
    page = open_page(viewport="phone", timezone_id=zone)
    page.clock.set_fixed_time(now)
    page.add_init_script(RECORD_SHIFTS)
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    moved, added = {}, {}
    for path in page_paths(site):
        page.goto(sites(site).page_url(path))
        page.wait_for_timeout(200)
        moved[path] = page.evaluate("window.__shifts")
        groups, local = page.evaluate(TIMES_ADDED)
        added[path] = local == groups
    assert {path: shifts for path, shifts in moved.items() if shifts} == {}
    assert {path for path, ok in added.items() if not ok} == set()


@pytest.mark.parametrize("path", ["", "news/", "calendar/", "papers/"])
def test_feed_links_cost_no_request(path: str, sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """Material fetches sitemap.xml for each link[rel=alternate]; the feed links are not such links."""
    page = open_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(_path(request)))
    page.goto(sites("example").page_url(path), wait_until="networkidle")
    assert page.locator("link[rel~=alternate]").count() == (2 if path == "" else 0 if path == "papers/" else 1)
    assert [p for p in requested if p.endswith("sitemap.xml")] == []


def _path(request: Request) -> str:
    return request.url.split("?")[0]
