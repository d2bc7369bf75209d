"""A link to a talk (/schedule/#t1, as the papers and dates pages link) shows the talk below
Material's sticky header, with its day, time and room in view, on a phone and a laptop."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from coursegen.agenda import resolve
from coursegen.i18n import labels
from coursegen.markup import long_date

from .support import PHONE_WIDTHS, Site

WIDTHS = (*PHONE_WIDTHS, 1280)


@pytest.mark.parametrize("width", WIDTHS)
def test_each_talk_link_shows_its_day_time_and_room_below_the_header(width: int, sites: Callable[[str], Site],
                                                                     open_page: Callable[..., Page]) -> None:
    served = sites("example")
    page = open_page(viewport=width)
    lab = labels(served.course.course.language)
    for talk in resolve(served.course).talks:
        assert talk.start is not None and talk.end is not None and talk.place
        page.goto(served.page_url(f"schedule/#{talk.slot}"))
        row = page.locator(f"tr:has(#{talk.slot})")
        where = row.locator(".cg-talk-at")
        expect(where).to_have_text(f"{long_date(talk.start.date(), lab)} · {talk.place}")
        header = page.locator(".md-header").bounding_box()
        assert header is not None
        for shown in (where, row.locator("time").first, row.locator("td").nth(1)):
            expect(shown).to_be_in_viewport()
            box = shown.bounding_box()
            assert box is not None and box["y"] >= header["y"] + header["height"] - 1, (talk.slot, width)
        expect(row.locator("time").first).to_have_attribute("datetime", talk.start.isoformat())
    page.goto(served.page_url("schedule/"))
    expect(page.locator(".cg-talk-at").first).to_be_hidden()  # only where a link leads
