"""Layout students rely on: a phone-sized screen (checked on every page by test_screenshots.py, with
`phone_layout_holds`), the light/dark toggle, and printing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from support import FIXTURES

from coursegen.i18n import labels

from .support import Site, artifact, page_paths

# Elements that stick out to the right of the viewport without a scrolling box to hold them.
WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  const held = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll("*")].filter((el) =>
    el.checkVisibility() && el.getBoundingClientRect().right > width + 1 && !held(el));
  return {scrollWidth: document.documentElement.scrollWidth, width,
          wide: wide.slice(0, 5).map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join("."))};
}"""

# What a printout leaves out: the site's chrome and the permalink marks.
SCREEN_ONLY = (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".md-top",
               ".md-typeset .headerlink")


def phone_layout_holds(page: Page, site: Site, path: str, menu: bool = True) -> None:
    """On a page loaded at 375 px, nothing is wider than the screen and (with `menu`) the menu button
    opens the navigation, whose links lead to the other pages. test_screenshots.py runs it on every
    page, on the load of the phone's screenshots (the menu in the light scheme)."""
    overflow: dict[str, Any] = page.evaluate(WIDE_ELEMENTS)
    assert overflow["scrollWidth"] <= overflow["width"] == 375
    assert overflow["wide"] == []
    if not menu:
        return
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).not_to_be_in_viewport()
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(drawer).to_be_in_viewport()
    other = next(p for p in page_paths(site.name) if p not in ("", path))
    link = drawer.locator(f".md-nav--primary a.md-nav__link[href$='{other}']")
    expect(link).to_be_in_viewport()
    link.click()
    expect(page).to_have_url(site.page_url(other))


@pytest.mark.parametrize("site", FIXTURES)
def test_colour_toggle_switches_and_is_remembered(site: str, sites: Callable[[str], Site],
                                                  open_page: Callable[..., Page]) -> None:
    """The header toggle, named in the course language, switches light to dark and back; the choice holds."""
    words = labels(sites(site).course.course.language)  # the toggle's names in the course language
    to_dark, to_light = words.switch_to_dark, words.switch_to_light
    page = open_page(scheme="light")
    page.goto(sites(site).page_url(""))
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator(f"label[title='{to_dark}']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(sites(site).page_url("dates/"))
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator(f"label[title='{to_light}']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


# The pages with the longest tables and boxes, where each course has them.
PRINTED = [pytest.param(site, path, id=f"{site}-{path}") for site in FIXTURES for path in page_paths(site)
           if path in ("papers/", "schedule/", "sessions/")]


@pytest.mark.parametrize(("site", "path"), PRINTED)
def test_print_shows_only_the_content(site: str, path: str, sites: Callable[[str], Site],
                                      open_page: Callable[..., Page]) -> None:
    """Printed, a page is its content: no header, tabs, menus, search, footer or BibTeX boxes."""
    page = open_page()
    page.goto(sites(site).page_url(path))
    if path == "papers/":
        expect(page.locator(".md-typeset details")).to_have_count(len(sites(site).course.papers))
    page.emulate_media(media="print")
    for chrome in SCREEN_ONLY:
        expect(page.locator(chrome).first).to_be_attached()
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    content = page.locator(".md-content")
    expect(content.locator("h1")).to_be_visible()
    assert content.bounding_box()["x"] < 40  # type: ignore[index]
    assert page.evaluate(WIDE_ELEMENTS)["wide"] == []
    pdf = page.pdf(path=artifact("print", f"{site}-{path.strip('/')}.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
