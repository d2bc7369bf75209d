"""Copy buttons: the calendar address, whole and on screen on a phone, and each paper's BibTeX;
each copies exactly its text, says so, and says how to copy by hand (also by touch) when the
clipboard refuses."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect
from support import FIXTURES

from coursegen.i18n import labels

from .support import PHONE_WIDTHS, PUBLISHED_URL, SHOWN_TEXT, Site, course

CLIPBOARD = ["clipboard-read", "clipboard-write"]
# A browser whose clipboard refuses to be written, as some phones' browsers do.
REFUSING_CLIPBOARD = """Object.defineProperty(navigator, "clipboard",
  {value: {writeText: () => Promise.reject(new DOMException("refused", "NotAllowedError"))}});"""
# The field's whole text fits its box: nothing to scroll inside it, and the box on screen.
FIELD_FITS = """(field) => {
  const box = field.getBoundingClientRect();
  return {fits: field.scrollHeight <= field.clientHeight && field.scrollWidth <= field.clientWidth,
          left: box.left, right: box.right, width: document.documentElement.clientWidth};
}"""


# The calendar address field, once the page's scripts have shown it.
def address_field(page: Page, url: str) -> Locator:
    page.goto(url)
    field = page.locator(".md-content").get_by_role("textbox")
    expect(field).to_be_visible()
    return field


@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("site", [*FIXTURES, "published"])
def test_calendar_address_shows_whole_on_a_phone(site: str, width: int, sites: Callable[[str], Site],
                                                 published: Site, open_page: Callable[..., Page]) -> None:
    """The field spans the phone's width and is as tall as the wrapped address; the button copies it."""
    built = published if site == "published" else sites(site)
    page = open_page(viewport=width, permissions=CLIPBOARD)
    field = address_field(page, built.page_url("calendar/"))
    address = PUBLISHED_URL + "calendar.ics" if site == "published" else built.url + "calendar.ics"
    expect(field).to_have_value(address)
    expect(field).to_have_accessible_name(labels(built.course.course.language).feed_url)
    fit: dict[str, Any] = field.evaluate(FIELD_FITS)
    assert fit["fits"] and fit["left"] >= 0 and fit["right"] <= fit["width"] == width
    assert page.evaluate(SHOWN_TEXT, {"selector": ".md-content", "needles": []})["scrollWidth"] <= width
    lab = labels(built.course.course.language)
    page.get_by_role("button", name=lab.copy_button, exact=True).click()
    expect(page.get_by_role("status")).to_have_text(lab.copied)
    assert page.evaluate("navigator.clipboard.readText()") == address


@pytest.mark.parametrize("site", FIXTURES)
def test_copy_fallback_selects_and_speaks_to_touch_devices_too(site: str, sites: Callable[[str], Site],
                                                               open_page: Callable[..., Page]) -> None:
    """When the clipboard refuses, the address is selected and the message tells keyboard and touch users what to do."""
    lab = labels(course(site).course.language)
    page = open_page(viewport=PHONE_WIDTHS[1])
    page.add_init_script(REFUSING_CLIPBOARD)
    field = address_field(page, sites(site).page_url("calendar/"))
    page.get_by_role("button", name=lab.copy_button, exact=True).click()
    expect(page.get_by_role("status")).to_have_text(lab.copy_manual)
    selected = field.evaluate("f => [f.selectionStart, f.selectionEnd, f.value.length]")
    assert selected[0] == 0 and selected[1] == selected[2] > 0


# Each entry of papers.bib by its key.
def bib_entries(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url) as response:
        text = response.read().decode("utf-8")
    entries = [e.strip() for e in re.split(r"\n(?=@)", text) if e.strip().startswith("@")]
    return {re.match(r"@\w+\{([^,]+),", e).group(1): e for e in entries}  # type: ignore[union-attr]


PAPER_SITES = [site for site in FIXTURES if course(site).papers]


@pytest.mark.parametrize("site", PAPER_SITES)
def test_each_bibtex_entry_copies_exactly_itself(site: str, sites: Callable[[str], Site],
                                                 open_page: Callable[..., Page]) -> None:
    """Each entry's button, named in the course language after its paper, copies that entry of papers.bib,
    by mouse, Enter or Space, and says it did."""
    built = sites(site)
    lab = labels(built.course.course.language)
    entries = bib_entries(built.url + "papers.bib")
    page = open_page(viewport=PHONE_WIDTHS[1], permissions=CLIPBOARD)
    page.goto(built.page_url("papers/"))
    boxes = page.locator("details.cg-bibtex")
    expect(boxes).to_have_count(len(built.course.papers))
    ways = ["click", "Enter", "Space"]
    for index, paper in enumerate(built.course.papers):
        box = page.locator(f"details.cg-bibtex:has(#bibtex-{paper.id})")
        button = box.get_by_role("button", name=lab.copy_bibtex_for.format(title=paper.title), exact=True)
        expect(button).to_be_hidden()
        box.locator("summary").click()
        expect(button).to_have_text(lab.copy_bibtex)
        way = ways[index % len(ways)]
        if way == "click":
            button.click()
        else:
            button.focus()
            page.keyboard.press(way)
        expect(box.get_by_role("status")).to_have_text(lab.copied)
        assert page.evaluate("navigator.clipboard.readText()") == entries[paper.id], f"{paper.id} by {way}"
        page.evaluate("navigator.clipboard.writeText('')")


@pytest.mark.parametrize("site", PAPER_SITES)
def test_no_bibtex_line_is_cut_off_on_a_phone(site: str, sites: Callable[[str], Site],
                                              open_page: Callable[..., Page]) -> None:
    """At 390 px every line of every open BibTeX entry shows in full: long lines wrap."""
    page = open_page(viewport=PHONE_WIDTHS[1])
    page.goto(sites(site).page_url("papers/"))
    page.eval_on_selector_all("details.cg-bibtex", "boxes => boxes.forEach(b => b.open = true)")
    codes = page.locator(".cg-bibtex code")
    expect(codes.first).to_be_visible()
    longest = max(len(line) for text in codes.all_text_contents() for line in text.splitlines())
    assert longest > 60, "no line long enough to need wrapping at 390 px"
    assert codes.evaluate_all("cs => cs.filter(c => c.scrollWidth > c.clientWidth).length") == 0
    seen = page.evaluate(SHOWN_TEXT, {"selector": ".cg-bibtex", "needles": []})
    assert seen["clipped"] == [] and seen["scrollWidth"] <= PHONE_WIDTHS[1]
