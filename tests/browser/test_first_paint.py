"""First paint: nothing moves when the course's deferred script arrives, and Material fetches
nothing for the feed links."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Request, Route, expect
from support import FIXTURES

from .support import PHONE_WIDTHS, Site

# Layout shifts as the browser reports them, from the start of the page's life (buffered).
RECORD_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({type: "layout-shift", buffered: true});"""
# How long the course's script is held back: long enough that the page is drawn without it,
# as on a slow phone connection.
SCRIPT_DELAY = 0.5


# Hold the course's script back, so that the page is first drawn without it.
def _slow_script(route: Route) -> None:
    time.sleep(SCRIPT_DELAY)
    route.continue_()


def _calendar_shifts(page: Page, url: str) -> list[float]:
    page.add_init_script(RECORD_SHIFTS)
    page.route("**/course.js", _slow_script)
    page.goto(url)
    field = page.locator(".md-content").get_by_role("textbox")
    expect(field).not_to_have_value("")  # the script has run
    page.wait_for_timeout(300)
    shifts: list[float] = page.evaluate("window.__shifts")
    return shifts


@pytest.mark.parametrize("width", [375, *PHONE_WIDTHS])
@pytest.mark.parametrize("site", [*FIXTURES, "published"])
def test_calendar_does_not_move_when_the_script_arrives(site: str, width: int, sites: Callable[[str], Site],
                                                        published: Site, open_page: Callable[..., Page]) -> None:
    """On a phone, the copy box and the subscribe button are in place at the first paint: no layout shift."""
    built = published if site == "published" else sites(site)
    page = open_page(viewport=width)
    assert _calendar_shifts(page, built.page_url("calendar/")) == []


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
