"""Without JavaScript every page works: no control is shown that needs a script, and the
calendar page shows the feed's addresses as links."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from support import FIXTURES

from coursegen.i18n import labels

from .support import ALL_PAGES, PHONE_WIDTHS, PUBLISHED_URL, SHOWN_TEXT, VIEWPORTS, Site

# Shown controls that do nothing without a script: buttons, fields and menus (Material's toggles
# are hidden checkboxes worked by their labels, so they work without scripts), and script links.
DEAD_CONTROLS = """() => [...document.querySelectorAll(
    "button, input, textarea, select, [role=button], a[href^='javascript:'], a[href='#']")]
  .filter((el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true}))
  .map((el) => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_no_dead_controls_without_javascript(site: str, path: str, sites: Callable[[str], Site],
                                             open_page: Callable[..., Page]) -> None:
    """No button, field or script link shows when scripts are off, on a laptop or a phone (one load of
    the page, the window resized: without scripts, only the style sheets' media queries change it)."""
    page = open_page(java_script_enabled=False)
    page.goto(sites(site).page_url(path))
    shown = {}
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        assert page.evaluate("innerWidth") == size["width"]
        shown[viewport] = page.evaluate(DEAD_CONTROLS)
    assert shown == {viewport: [] for viewport in VIEWPORTS}


@pytest.mark.parametrize("site", FIXTURES)
def test_calendar_without_javascript_links_the_feed(site: str, sites: Callable[[str], Site],
                                                    open_page: Callable[..., Page]) -> None:
    """Built without a published address, the page links the feed itself and hides the copy box
    and the webcal:// links (made by script); every track's feed shows as a link to its file."""
    page = open_page(viewport=PHONE_WIDTHS[0], java_script_enabled=False)
    page.goto(sites(site).page_url("calendar/"))
    expect(page.locator("#cg-feed-link")).to_be_visible()
    expect(page.locator("#cg-feed-link")).to_have_attribute("href", "../calendar.ics")
    expect(page.locator(".cg-feed")).to_be_hidden()
    webcal = page.locator("a[data-cg-webcal]")
    assert webcal.count() >= 1 and not [link for link in webcal.all() if link.is_visible()]
    feeds = sorted(p.name for p in (sites(site).root / "calendar" / "tracks").glob("*.ics"))
    shown = page.locator("#tracks ~ ul a[href^='tracks/']:not([data-cg-webcal])")
    assert sorted({href.removeprefix("tracks/") for href in shown.evaluate_all(
        "(links) => links.filter((a) => a.checkVisibility()).map((a) => a.getAttribute('href'))")}) == feeds


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_published_calendar_without_javascript_shows_both_addresses_as_links(
        width: int, published: Site, open_page: Callable[..., Page]) -> None:
    """The https:// and webcal:// addresses are links whose text is the whole address, on screen."""
    https = PUBLISHED_URL + "calendar.ics"
    webcal = "webcal://" + https.removeprefix("https://")
    page = open_page(viewport=width, java_script_enabled=False)
    page.goto(published.page_url("calendar/"))
    expect(page.locator(".cg-feed__links")).to_contain_text(labels(published.course.course.language).feed_url)
    for address in (https, webcal):
        link = page.locator(f".cg-feed__links a[href='{address}']")
        expect(link).to_have_text(address)
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    subscribe = page.get_by_role("link", name=labels(published.course.course.language).subscribe_webcal)
    expect(subscribe).to_have_attribute("href", webcal)
    seen = page.evaluate(SHOWN_TEXT, {"selector": ".md-content", "needles": [https, webcal]})
    assert seen["clipped"] == [] and seen["scrollWidth"] <= width


def test_published_calendar_with_javascript_shows_no_duplicate_links(published: Site,
                                                                     open_page: Callable[..., Page]) -> None:
    """With scripts the copy box takes the place of the address links."""
    page = open_page(viewport=PHONE_WIDTHS[0])
    page.goto(published.page_url("calendar/"))
    expect(page.locator(".cg-feed")).to_be_visible()
    expect(page.locator(".cg-feed__links")).to_have_count(0)
