""""Next for you" on a 390 x 844 phone: above the fold, the first coming item first, with its
time (and the visitor's own time in another zone) and its place where the course has them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from support import FIXTURES

from coursegen import coming
from coursegen.agenda import now, resolve
from coursegen.i18n import labels

from .support import NOW, Site

PHONE = {"width": 390, "height": 844}


# The items the engine chooses for the browser's now.
def expected(site: Site) -> list[tuple[str, bool, str | None]]:
    """(link below the site root, whether it has a time, place) of each chosen item."""
    agenda, lab = resolve(site.course), labels(site.course.course.language)
    entries = [coming.entry(agenda, o, lab) for o in now.next_for_you(agenda, NOW)]
    return [(e.href, e.occurrence.item is not None and e.occurrence.item.start is not None, e.place) for e in entries]


@pytest.mark.parametrize("site", FIXTURES)
def test_next_for_you_is_above_the_fold_on_a_phone(site: str, sites: Callable[[str], Site],
                                                   open_page: Callable[..., Page]) -> None:
    served = sites(site)
    page = open_page()
    page.set_viewport_size(PHONE)
    page.goto(served.page_url(""))
    heading = page.locator("h2#next-for-you")
    items = page.locator(".cg-next [data-cg-list] > li")
    chosen = expected(served)
    assert chosen, "every fixture course has something coming or to be decided"
    expect(items).to_have_count(len(chosen))
    top = heading.bounding_box()
    bottom = items.last.bounding_box()
    assert top and bottom and top["y"] >= 0 and bottom["y"] + bottom["height"] <= PHONE["height"]
    for item, (link, timed, place) in zip(items.all(), chosen, strict=True):
        assert item.locator("a.cg-next__what").get_attribute("href") == link
        assert (item.locator(".cg-next__when time").count() > 0) == timed
        if place:
            where = labels(served.course.course.language)["where"]
            expect(item.locator(".cg-next__where")).to_have_text(f"{where}: {place}")
            expect(item.locator(".cg-next__where")).to_be_visible()


def test_the_first_item_is_the_first_coming_one_with_the_visitors_time(sites: Callable[[str], Site],
                                                                       open_page: Callable[..., Page]) -> None:
    """In New York the example's next deadline (31 Jan, 23:59 in Berlin) also shows as 17:59 there."""
    served = sites("example")
    page = open_page(timezone_id="America/New_York", locale="de-DE")  # a German browser: a 24-hour clock
    page.set_viewport_size(PHONE)
    page.goto(served.page_url(""))
    first = page.locator(".cg-next li").first
    expect(first.locator("a")).to_have_text("Review 2")
    expect(first.locator(".cg-next__when")).to_contain_text("So., 31. Jan., 23:59 (Ihre Zeit: 17:59")
    box = first.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"]
