"""The timeline with many dates: the home page shows the next few and links to all; no label
breaks inside a word and nothing sticks out, at 375 px and at 1280 px."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect
from support import FIXTURES, copy_project, mkdocs_build

from .support import TODAY, artifact, serve
from .test_layout import WIDE_ELEMENTS

# Long German titles, the kind that broke into pieces ("Vorl esu ng") in a squeezed timeline.
TITLES = ["Vorlesung {n}: Einführung in Regularisierungsverfahren", "Übungsblatt {n}: Abgabefrist",
          "Zwischenpräsentation {n}", "Projektbesprechung {n} mit Betreuungspersonen", "Prüfungsanmeldung {n}"]
DATES = 30

# Words of the timeline's labels that the browser laid out on more than one line.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility() || el.getBoundingClientRect().width <= 1) continue;  // visually hidden
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = [...range.getClientRects()].filter((r) => r.width > 0);
        if (lines.length > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""
# Timeline items whose text runs out of their box (into the next item).
CROWDED_ITEMS = """() => [...document.querySelectorAll(".cg-tl__item")]
  .filter((item) => item.scrollWidth > item.clientWidth + 1).map((item) => item.dataset.dateId)"""
LABELS = ".cg-tl__when, .cg-tl__what, .cg-tl__state, .cg-tl__relative, .cg-status"


# The example course (German) with 30 fixed dates, one a week from the day after the browser's today.
def _many_dates(project: Path) -> None:
    first = TODAY + dt.timedelta(days=1)
    dates = [{"id": f"d{n}", "title": TITLES[n % len(TITLES)].format(n=n + 1),
              "date": (first + dt.timedelta(weeks=n)).isoformat(), "start": "10:15",
              "location": "Hörsaal 0.01, Gebäude E1 3"} for n in range(DATES)]
    text = (project / "course.yml").read_text(encoding="utf-8")
    block = yaml.safe_dump({"dates": dates}, allow_unicode=True, sort_keys=False)
    text = re.sub(r"^dates:\n(?:[ #].*\n|\n)*", lambda _: block + "\n", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^logistics:\n(?:[ #].*\n|\n)*", "", text, count=1, flags=re.MULTILINE)  # it names old dates
    (project / "course.yml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def many_dates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The 30-date course, built on the browser's fixed day and served; yields its address."""
    project = copy_project(FIXTURES["example"], tmp_path_factory.mktemp("many-dates") / "project")
    _many_dates(project)
    build = mkdocs_build(project, project / "site", COURSEGEN_TODAY=TODAY.isoformat())
    assert build.returncode == 0, build.output
    with serve(project / "site") as url:
        yield url


def test_home_page_shows_the_next_five_and_links_to_all(many_dates: str, open_page: Callable[..., Page]) -> None:
    page = open_page()
    page.goto(many_dates)
    items = page.locator(".cg-tl .cg-tl__item")
    assert items.count() == 5
    assert items.first.get_attribute("data-date-id") == "d0" and items.last.get_attribute("data-date-id") == "d4"
    link = page.get_by_role("link", name="Alle Termine")
    link.click()
    expect(page).to_have_url(many_dates + "dates/")
    page.wait_for_load_state("domcontentloaded")  # the address changes before the new page is parsed
    expect(page.locator("table tbody tr")).to_have_count(DATES)  # each date once: in the table, no timeline
    expect(page.locator(".cg-tl__item")).to_have_count(0)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_timeline_word_breaks_and_nothing_overflows(many_dates: str, viewport: str,
                                                        open_page: Callable[..., Page]) -> None:
    page = open_page(viewport=viewport)
    page.goto(many_dates)
    assert page.locator(".cg-tl__item").count() == 5
    assert page.evaluate(BROKEN_WORDS, LABELS) == []
    assert page.evaluate(CROWDED_ITEMS) == []
    overflow: dict[str, Any] = page.evaluate(WIDE_ELEMENTS)
    assert overflow["scrollWidth"] <= overflow["width"] and overflow["wide"] == []
    page.screenshot(path=artifact("timeline", f"home-{viewport}.png"), full_page=True)
