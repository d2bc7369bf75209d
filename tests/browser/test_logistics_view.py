"""What students look for, on a 390 px phone: the logistics of course.yml where they look (home,
/deliverables/, beside their dates), the meeting link nowhere, and /dates/ showing each date
once with one tbd marker."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from support import FIXTURES

from coursegen.i18n import labels

from .support import Site

PHONE = {"width": 390, "height": 844}


def phone(open_page: Callable[..., Page], url: str) -> Page:
    """A page opened at phone width."""
    page = open_page()
    page.set_viewport_size(PHONE)
    page.goto(url)
    return page


def test_home_shows_contact_registration_languages_and_how_to_join(sites: Callable[[str], Site],
                                                                   open_page: Callable[..., Page]) -> None:
    served = sites("example")
    logistics = served.course.logistics
    assert logistics and logistics.contact and logistics.registration and logistics.online_meeting
    page = phone(open_page, served.page_url(""))
    article = page.locator("article")
    for shown in (logistics.contact.email, logistics.registration.module, logistics.online_meeting.how_to_join):
        expect(article.get_by_text(str(shown), exact=False).first).to_be_visible()
    assert str(logistics.online_meeting.url) not in page.content()
    # From the home page to the hand-in section of /deliverables/ in one tap.
    lab = labels(served.course.course.language)
    article.get_by_role("link", name=lab["deliverables"], exact=True).filter(
        has_not=page.locator("nav")).first.click()
    page.wait_for_url("**/deliverables/#hand-in")
    hand_in = logistics.hand_in
    assert hand_in and hand_in.format
    expect(page.locator("article").get_by_text(hand_in.format).first).to_be_in_viewport()


def test_the_registration_deadline_links_the_registration(sites: Callable[[str], Site],
                                                          open_page: Callable[..., Page]) -> None:
    served = sites("example")
    lab = labels(served.course.course.language)
    page = phone(open_page, served.page_url("dates/"))
    row = page.locator("tr", has=page.locator("#registration"))
    expect(row).to_be_visible()
    row.get_by_role("link", name=lab["registration"], exact=True).click()
    page.wait_for_url("**/#registration")
    expect(page.locator("h3#registration")).to_be_in_viewport()


@pytest.mark.parametrize("site", FIXTURES)
def test_dates_page_shows_each_date_once_with_one_tbd_marker(site: str, sites: Callable[[str], Site],
                                                             open_page: Callable[..., Page]) -> None:
    served = sites(site)
    page = phone(open_page, served.page_url("dates/"))
    expect(page.locator("[data-cg-timeline]")).to_have_count(0)
    tbd = labels(served.course.course.language)["status_tbd"]
    for item in served.course.dates:
        if item.per_talk is None:
            expect(page.locator(f'[id="{item.id}"]')).to_have_count(1)
    rows = page.locator("tr", has=page.locator(".cg-status--tbd"))
    for row in rows.all():
        expect(row).to_be_visible()
        assert row.inner_text().count(tbd) == 1, row.inner_text()
