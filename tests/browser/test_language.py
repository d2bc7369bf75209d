"""A German site shows no English interface text: every text node and every accessible
name or hint (aria-label, title, alt, placeholder) on every page and on the 404 page; the
headings' permalinks and the zone abbreviations (CLDR's, through Babel) are German.

Course content may be English (paper titles, the fixture's hand-written page): elements
marked lang="en" are left out, and the words below are the interface's, not the course's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from coursegen.i18n import labels

from .support import Site, page_paths

# Interface words of MkDocs, Material and the course pages that must not appear in English.
ENGLISH = ["Legal", "Permanent link", "Search", "Skip to content", "Back to top", "Copy", "Copy to clipboard",
           "Page not found", "Not found", "Previous", "Next", "Table of contents", "Header",
           "Footer", "Switch to", "Initializing search", "Type to start searching", "Clear", "Share",
           "Made with", "Last update", "Home", "Dates", "Deliverables", "Schedule", "Calendar", "News",
           "Subscribe", "Download", "Papers", "Instructors", "Term", "tentative", "CEST", "CET"]
PATTERN = re.compile(r"\b(" + "|".join(re.escape(word) for word in ENGLISH) + r")\b")

# Every visible or accessible string of the page, with where it was found; not inside
# scripts, styles or elements marked as English.
STRINGS = """() => {
  const found = [];
  const english = (el) => el.closest('[lang]:not(html)')?.getAttribute('lang')?.startsWith('en');
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript, template') || english(el) || !node.data.trim()) continue;
    found.push([el.tagName.toLowerCase() + '.' + [...el.classList].join('.'), node.data.trim()]);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder], [aria-description]')) {
    if (english(el)) continue;
    for (const name of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description']) {
      const value = el.getAttribute(name);
      if (value) found.push([el.tagName.toLowerCase() + '[' + name + ']', value]);
    }
  }
  found.push(['title', document.title]);
  return found;
}"""


@pytest.mark.parametrize("path", [*page_paths("example"), "404.html"])
def test_a_german_site_shows_no_english_interface_text(path: str, sites: Callable[[str], Site],
                                                      open_page: Callable[..., Page]) -> None:
    site = sites("example")
    assert site.course.course.language == "de"
    page = open_page()
    page.goto(site.page_url(path))
    assert page.locator("html").get_attribute("lang") == "de"
    strings: list[list[str]] = page.evaluate(STRINGS)
    english = [(where, text) for where, text in strings if PATTERN.search(text)]
    assert english == [], "\n".join(f"{where}: {text}" for where, text in english)


def test_permalinks_and_zone_abbreviations_are_in_the_course_language(sites: Callable[[str], Site],
                                                                       open_page: Callable[..., Page]) -> None:
    """Every heading's permalink is titled with the German label, and the time-zone note
    names the zone's German abbreviations (MESZ/MEZ, not CEST/CET)."""
    site = sites("example")
    page = open_page()
    page.goto(site.page_url("dates/"))
    titles = page.locator("a.headerlink").evaluate_all("links => links.map(a => a.title)")
    assert titles and set(titles) == {labels("de")["permalink"]}
    expect(page.locator("article")).to_contain_text(re.compile(r"\bMESZ/MEZ\b"))
