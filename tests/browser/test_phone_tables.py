"""Tables on a phone: at 360 and 390 px each row is a block of labelled values, so every word of
every table, every room, every place and every share of the grade shows without scrolling
sideways; for screen readers the tables stay tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page
from support import FIXTURES

from coursegen.i18n import labels
from coursegen.markup import percent
from coursegen.model import Course

from .support import PHONE_WIDTHS, SHOWN_TEXT, Site, page_paths


# What a student looks up in the tables: every room, every place of a date, every share of the grade.
def looked_up(course: Course) -> list[str]:
    rooms = [course.schedule.room, *(d.room for d in course.schedule.days), *(s.room for s in course.series),
             *(c.room for s in course.series for c in s.changes)]
    places = [d.location for d in course.dates]
    shares = [percent(d.share) for d in course.deliverables]
    return sorted({text for text in rooms + places + shares if text})


@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("site", FIXTURES)
def test_every_room_place_and_share_shows_in_full_on_a_phone(site: str, width: int, sites: Callable[[str], Site],
                                                              open_page: Callable[..., Page]) -> None:
    """On every page no word of the content lies beyond the screen or in a clipping box, nothing
    scrolls sideways, and each room, place and share shows in full somewhere."""
    built = sites(site)
    needles = looked_up(built.course)
    assert needles, "the course names no room, place or share: nothing to look for"
    page = open_page(viewport=width)
    shown = dict.fromkeys(needles, 0)
    for path in page_paths(site):
        page.goto(built.page_url(path))
        seen: dict[str, Any] = page.evaluate(SHOWN_TEXT, {"selector": ".md-content", "needles": needles})
        assert seen["scrollWidth"] <= seen["width"] == width, f"/{path} scrolls sideways"
        assert seen["clipped"] == [], f"/{path} cuts off text"
        shown = {needle: shown[needle] + seen["found"][needle] for needle in needles}
    assert [needle for needle, count in shown.items() if count == 0] == []


# Each table in Chromium's accessibility tree: its rows, each as the roles of its cells.
def accessible_tables(page: Page) -> list[list[list[str]]]:
    session = page.context.new_cdp_session(page)
    nodes = {n["nodeId"]: n for n in session.send("Accessibility.getFullAXTree")["nodes"]}

    def role(node: dict[str, Any]) -> str:
        return "" if node.get("ignored") else str(node.get("role", {}).get("value", ""))

    def below(node: dict[str, Any], wanted: set[str]) -> list[dict[str, Any]]:
        found = []
        for child in (nodes[i] for i in node.get("childIds", []) if i in nodes):
            found += [child] if role(child) in wanted else below(child, wanted)
        return found

    cells = {"cell", "columnheader", "rowheader", "gridcell"}
    return [[[role(c) for c in below(row, cells)] for row in below(table, {"row"})]
            for table in nodes.values() if role(table) == "table"]


# The pages of a course that have tables.
def table_pages(site: Site) -> list[str]:
    return [path for path in page_paths(site.name) if "<table" in (site.root / path / "index.html").read_text("utf-8")]


@pytest.mark.parametrize("site", FIXTURES)
def test_stacked_tables_stay_tables_with_labels_in_the_course_language(site: str, sites: Callable[[str], Site],
                                                                       open_page: Callable[..., Page]) -> None:
    """At 360 px the rows are stacked, yet every table keeps its header row and every row its
    cells; each value's label is its column's header, which the page takes from the label files."""
    built = sites(site)
    lab = labels(built.course.course.language)
    page = open_page(viewport=PHONE_WIDTHS[0])
    paths = table_pages(built)
    assert "deliverables/" in paths and "dates/" in paths
    for path in paths:
        page.goto(built.page_url(path))
        tables = page.locator(".md-content table")
        assert tables.first.evaluate("t => getComputedStyle(t.querySelector('tr')).display") == "block"
        shapes = accessible_tables(page)
        assert len(shapes) == tables.count(), f"/{path}: a table lost its table role"
        for rows in shapes:
            assert rows[0] and set(rows[0]) == {"columnheader"}, f"/{path}: a header row is gone"
            assert all(r == ["cell"] * len(rows[0]) for r in rows[1:]), f"/{path}: a row lost cells"
        labelled: list[list[str]] = page.eval_on_selector_all(".md-content table", """tables => tables.map(t =>
          [...t.querySelectorAll('tbody td')].map(td => [td.dataset.label,
             t.querySelectorAll('th')[td.cellIndex].textContent.trim(),
             getComputedStyle(td, '::before').content]))""")
        for label, header, shown in (cell for table in labelled for cell in table):
            assert label == header
            assert shown == "none" or f'"{label}"' in shown
    page.goto(built.page_url("deliverables/"))
    headers = page.locator(".md-content table").first.locator("th").all_inner_texts()  # the weights
    assert headers == [lab.deliverable, lab.count, lab.weight_each, lab.weight_total]
    share = page.locator(f".md-content table td[data-label='{lab.weight_total}']").first
    assert lab.weight_total in share.evaluate("td => getComputedStyle(td, '::before').content")
