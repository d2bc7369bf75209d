"""First paint: nothing moves when the course's script arrives, and Material fetches
nothing for the feed links."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Request, Route, expect
from support import FIXTURES

from .support import ALL_PAGES, PHONE_WIDTHS, Site

# Layout shifts as the browser reports them, from the start of the page's life (buffered): the
# score and, to tell what moved, the first words of each element that moved.
RECORD_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = entry.sources.map((source) => source.node
      ? source.node.nodeName + " " + (source.node.textContent || "").trim().slice(0, 40) : "?");
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
