"""The visitor's own time beside every course time on /, /dates/ and /schedule/.

The pages carry each time as an instant (<time datetime> with the course zone's offset at that
moment); now.js adds the visitor's local time, labelled with their zone, where their offset
differs. Expected texts are computed here with zoneinfo from the example course (Europe/Berlin,
German labels), and a few are written out to show what a reader sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from babel.dates import format_datetime, format_skeleton, format_time
from playwright.sync_api import Page, expect
from support import FIXTURES, copy_project, mkdocs_build

from coursegen.agenda import now, resolve
from coursegen.i18n import Labels, labels

from .support import NOW, SCHEMES, TODAY, Site, serve
from .test_accessibility import WCAG_22_AA
from .test_layout import WIDE_ELEMENTS

PAGES = ["", "dates/", "schedule/"]
LABELS: Labels = labels("de")
# Each group of course times on a page: its instants and the visitor's time added after it.
GROUPS = """() => [...document.querySelectorAll(".cg-when")].map((g) => ({
  instants: [...g.querySelectorAll("time[datetime]")].map((t) => t.dateTime),
  local: g.querySelector(".cg-local")?.textContent ?? null,
}))"""


# The instants a page of the example course must carry, from course.yml with zoneinfo.
def expected_instants(site: Site, path: str) -> set[str]:
    zone = ZoneInfo(site.course.course.timezone)

    def at(day: dt.date, time: dt.time) -> str:
        return dt.datetime.combine(day, time, zone).isoformat()
    agenda = resolve(site.course)
    talks = agenda.talks
    # each talk's own dates (per_talk), on the schedule and the dates page, not on the home timeline
    per_talk = {at(e.start.date() - dt.timedelta(days=d.per_talk.days), time) for e in talks
                for d in site.course.dates if d.per_talk for time in (d.start, d.end) if time}
    if path == "schedule/":
        return {t.isoformat() for e in agenda.program for t in (e.start, e.end) if t} | per_talk
    timed = [d for d in site.course.dates if d.is_dated and d.start and d.date]
    if path == "":  # the timeline: the day and start time of the next dates it shows; "Next for you": its times
        shown = {o.key.split(":", 1)[1] for o in now.timeline(agenda, NOW)}
        coming = [o.item for o in now.next_for_you(agenda, NOW) if o.item and o.item.date]
        registration = site.course.logistics.registration if site.course.logistics else None
        deadline = [d for d in timed if registration and d.id == registration.deadline]  # in the logistics
        return {at(d.date, d.start) for d in timed if d.date and d.start and d.id in shown} | {
            at(d.date, t) for d in [*coming, *deadline] if d.date for t in (d.start, d.end) if t}
    return {at(d.end_date or d.date, d.end) for d in timed if d.date and d.end} | {
        at(d.date, d.start) for d in timed if d.date and d.start} | per_talk


# "GMT-7", "GMT+5:30": the short zone name of a zone without one in German.
def gmt(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{'-' if minutes < 0 else '+'}{hours}" + (f":{rest:02}" if rest else "")


# What the visitor in `visitor`, whose browser speaks `locale`, should read after a group of course
# times: the course's label around the visitor's own times, in the visitor's language and clock,
# with the zone's short name where CLDR has one for that language, else its offset from GMT.
def expected_local(instants: list[str], visitor: str, locale: str = "en-US", course: Labels = LABELS) -> str:
    parts, before = [], None
    for i, text in enumerate(instants):
        course_time = dt.datetime.fromisoformat(text)
        local = course_time.astimezone(ZoneInfo(visitor))
        # CLDR puts a narrow no-break space before AM/PM; browsers write a plain space (V8, for the web's sake).
        part = format_time(local, "short", locale=locale.replace("-", "_")).replace("\u202f", " ")
        # The visitor's date where it is not the course's, once for times on one (visitor's) day.
        if local.date() != course_time.date() and local.date() != before:
            part = f"{format_skeleton('MMMEd', local, locale=locale.replace('-', '_'))}, {part}"
        if i == len(instants) - 1:
            name = format_datetime(local, "z", locale=locale.replace("-", "_"))
            part += " " + (name if name[:1].isalpha() else gmt(local.utcoffset() or dt.timedelta()))
        parts.append(part)
        before = local.date()
    return course.local_time.format(time=course.to.join(parts))


def groups(page: Page) -> list[dict[str, Any]]:
    """The page's groups of course times with what the script added."""
    found: list[dict[str, Any]] = page.evaluate(GROUPS)
    return found


@pytest.mark.parametrize("path", PAGES)
def test_every_time_is_the_instant_zoneinfo_gives(path: str, sites: Callable[[str], Site],
                                                  open_page: Callable[..., Page]) -> None:
    """Every time on the page is a <time> with the exact offset of the course zone at that instant."""
    site = sites("example")
    page = open_page()
    page.goto(site.page_url(path))
    on_page = {i for g in groups(page) for i in g["instants"]}
    assert on_page == expected_instants(site, path)
    if path == "dates/":  # dates on both sides of the end of summer time, 25 October 2026
        assert {i[-6:] for i in on_page} == {"+01:00", "+02:00"}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("visitor", "locale"), [("America/Los_Angeles", "en-US"), ("Asia/Kolkata", "en-US"),
                                                 ("America/Los_Angeles", "de-DE")])
def test_a_visitor_elsewhere_reads_their_own_time(visitor: str, locale: str, path: str,
                                                  sites: Callable[[str], Site],
                                                  open_page: Callable[..., Page]) -> None:
    """After each group of course times, the same instants in the visitor's zone, labelled with it,
    in the visitor's own language and clock."""
    page = open_page(timezone_id=visitor, locale=locale)
    page.goto(sites("example").page_url(path))
    found = groups(page)
    assert found
    for group in found:
        assert group["local"] is not None
        assert group["local"].strip() == expected_local(group["instants"], visitor, locale)


def test_written_out_times_of_the_example_course(sites: Callable[[str], Site],
                                                 open_page: Callable[..., Page]) -> None:
    """What readers see: the kick-off from Los Angeles; a 23:59 deadline, the next day, from Kolkata."""
    site = sites("example")
    page = open_page(timezone_id="America/Los_Angeles", locale="en-US")
    page.goto(site.page_url("dates/"))
    kickoff = page.locator("tr", has=page.locator("#kickoff")).locator(".cg-when")
    expect(kickoff).to_have_text("Dienstag, 20. Oktober 2026, 10:00–11:30 (Ihre Zeit: 1:00 AM–2:30 AM PDT)")
    page = open_page(timezone_id="America/Los_Angeles", locale="de-DE")  # a German browser there
    page.goto(site.page_url("dates/"))
    kickoff = page.locator("tr", has=page.locator("#kickoff")).locator(".cg-local")
    expect(kickoff).to_have_text(" (Ihre Zeit: 01:00–02:30 GMT-7)")
    page = open_page(timezone_id="Asia/Kolkata", locale="en-US")
    page.goto(site.page_url("dates/"))
    review = page.locator("tr", has=page.locator("#review-1")).locator(".cg-local")
    expect(review).to_have_text(" (Ihre Zeit: Tue, Dec 1, 4:29 AM GMT+5:30)")  # half an hour: 23:59 + 4:30


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("visitor", ["Europe/Berlin", "Europe/Paris"])
def test_a_visitor_with_the_course_offset_sees_only_course_times(visitor: str, path: str,
                                                                 sites: Callable[[str], Site],
                                                                 open_page: Callable[..., Page]) -> None:
    """Same offsets at every instant (Paris is another zone with Berlin's offsets): no second time."""
    page = open_page(timezone_id=visitor)
    page.goto(sites("example").page_url(path))
    assert groups(page)
    expect(page.locator(".cg-local")).to_have_count(0)


def test_without_javascript_only_course_times_show(sites: Callable[[str], Site],
                                                   open_page: Callable[..., Page]) -> None:
    """No script, no visitor times: the course times stay as built."""
    page = open_page(timezone_id="America/Los_Angeles", java_script_enabled=False)
    for path in PAGES:
        page.goto(sites("example").page_url(path))
        expect(page.locator(".cg-when").first).to_be_visible()
        expect(page.locator(".cg-local")).to_have_count(0)


def test_march_weeks_when_only_the_us_has_summer_time(sites: Callable[[str], Site],
                                                      open_page: Callable[..., Page]) -> None:
    """From 14 to 28 March 2027 Los Angeles is 8 hours behind Berlin, from the 29th again 9 hours."""
    berlin, la = ZoneInfo("Europe/Berlin"), ZoneInfo("America/Los_Angeles")
    feedback = dt.datetime(2027, 3, 22, 14, 0, tzinfo=berlin)
    block = dt.datetime(2027, 3, 29, 9, 0, tzinfo=berlin)
    assert feedback - feedback.replace(tzinfo=la) == dt.timedelta(hours=-8)
    assert block - block.replace(tzinfo=la) == dt.timedelta(hours=-9)
    site = sites("example")
    page = open_page(timezone_id="America/Los_Angeles", locale="de-DE")  # a German browser: GMT-7
    page.clock.set_fixed_time(dt.datetime(2027, 3, 20, 12, 0, tzinfo=la))
    page.goto(site.page_url(""))
    upcoming = page.locator(".cg-tl__item[data-state='next']")
    assert upcoming.get_attribute("data-date-id") == "slides-feedback"
    expect(upcoming.locator(".cg-local")).to_have_text(" " + expected_local([feedback.isoformat()], "America/Los_Angeles", "de-DE"))
    expect(upcoming.locator(".cg-local")).to_have_text(" (Ihre Zeit: 06:00 GMT-7)")
    page.goto(site.page_url("dates/"))
    row = page.locator("tr", has=page.locator("#slides-feedback"))
    expect(row.locator(".cg-local")).to_have_text(" (Ihre Zeit: 06:00–08:00 GMT-7)")
    page.goto(site.page_url("schedule/"))
    expect(page.locator("td .cg-local").first).to_have_text(" (Ihre Zeit: 00:00–00:15 GMT-7)")


# ---- The US course: a course in US English, read in Los Angeles and in Berlin ----------------


def test_an_en_us_visitor_in_los_angeles_reads_the_us_course_in_their_own_clock(
        sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """The course's Eastern times in its 12-hour clock, then the Pacific ones; on both sides of the
    switch to daylight saving time, which New York and Los Angeles make on the same day."""
    page = open_page(timezone_id="America/Los_Angeles", locale="en-US")
    page.goto(sites("us").page_url("sessions/"))
    for day, course_zone, local_zone in (("2027-03-11", "EST", "PST"), ("2027-03-23", "EDT", "PDT")):
        row = page.locator("tr", has=page.locator(f"time[datetime='{day}T10:30:00{'-05:00' if course_zone == 'EST' else '-04:00'}']"))
        expect(row.locator(".cg-when")).to_have_text(f"10:30\u202fAM–11:45\u202fAM (your time: 7:30 AM–8:45 AM {local_zone})")
    for group in groups(page):
        assert group["local"] is not None and group["local"].strip() == expected_local(
            group["instants"], "America/Los_Angeles", "en-US", labels("en-US"))


@pytest.mark.parametrize("width", [360, 390])
def test_a_session_past_the_visitors_midnight_names_their_day_once_and_fits_a_phone(
        width: int, sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """The Wednesday recitation at 6:30 PM in New York is after midnight in Berlin: the visitor's day
    is named once, before both times, and the line breaks between times rather than running off a phone."""
    page = open_page(viewport=width, timezone_id="Europe/Berlin", locale="en-US")
    page.goto(sites("us").page_url(""))
    recitation = page.locator("[data-cg-coming=next] li", has_text="Recitation 2").first
    expect(recitation.locator(".cg-local")).to_have_text(" (your time: Thu, Jan 21, 12:30 AM–1:20 AM GMT+1)")
    for path in ("", "sessions/"):
        page.goto(sites("us").page_url(path))
        assert page.evaluate(WIDE_ELEMENTS) == {"scrollWidth": width, "width": width, "wide": []}, path
        for group in groups(page):
            assert group["local"] is not None and group["local"].strip() == expected_local(
                group["instants"], "Europe/Berlin", "en-US", labels("en-US")), path


# Timeline items whose content is wider than the item (it would run into its neighbour).
CROWDED = """() => [...document.querySelectorAll(".cg-tl__item")].filter((li) =>
  [...li.querySelectorAll("*")].some((el) => el.getBoundingClientRect().right > li.getBoundingClientRect().right + 1)
).map((li) => li.dataset.dateId)"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_visitor_times_stay_inside_their_timeline_item(viewport: str, sites: Callable[[str], Site],
                                                       open_page: Callable[..., Page]) -> None:
    """On the home page's timeline (across the page on a laptop) each visitor time stays in its column."""
    page = open_page(viewport=viewport, timezone_id="Asia/Kolkata")
    page.goto(sites("example").page_url(""))
    expect(page.locator(".cg-tl .cg-local").first).to_be_visible()
    assert page.evaluate(CROWDED) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_visitor_times_fit_a_phone_and_pass_axe(scheme: str, sites: Callable[[str], Site],
                                               open_page: Callable[..., Page]) -> None:
    """With the added times, nothing is wider than 375 px and axe finds no violation, light and dark."""
    page = open_page(scheme=scheme, viewport="phone", timezone_id="Asia/Kolkata")
    axe = Axe()
    for path in PAGES:
        page.goto(sites("example").page_url(path))
        expect(page.locator(".cg-local").first).to_be_visible()
        overflow: dict[str, Any] = page.evaluate(WIDE_ELEMENTS)
        assert overflow["scrollWidth"] <= overflow["width"] == 375, path
        assert overflow["wide"] == [], path
        violations = axe.run(page, options=WCAG_22_AA).response["violations"]
        assert [v["id"] for v in violations] == [], path


def test_instant_navigation_adds_each_visitor_time_once(tmp_path: Path, open_page: Callable[..., Page]) -> None:
    """With Material's instant loading on, pages reached through the navigation get their visitor times too."""
    project = copy_project(FIXTURES["example"], tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "theme:\n", "theme:\n  features: [navigation.instant, navigation.tabs]\n", 1), encoding="utf-8")
    (tmp_path / "site").mkdir()
    with serve(tmp_path / "site") as url:  # instant loading needs the site's address: build for this server
        build = mkdocs_build(project, tmp_path / "site", COURSEGEN_TODAY=TODAY.isoformat(), SITE_URL=url)
        assert build.returncode == 0, build.output
        page = open_page(timezone_id="America/Los_Angeles", locale="en-US")
        # Material intercepts a link only once it has read sitemap.xml (its list of the site's pages),
        # which it fetches after the load event: a click before that reloads the page.
        page.goto(url, wait_until="networkidle")
        page.evaluate("window.cgSamePage = true")
        for path in ("dates/", "schedule/", ""):
            tab = f".md-tabs a[href$='{path}']" if path else ".md-tabs__item:first-child a"
            page.locator(tab).first.click()
            expect(page).to_have_url(url + path)
            expect(page.locator(".cg-when").first).to_be_visible()
            assert page.evaluate("window.cgSamePage") is True  # swapped in place, not reloaded
            for group in groups(page):
                assert group["local"] is not None and group["local"].strip() == expected_local(
                    group["instants"], "America/Los_Angeles")
            counts = page.eval_on_selector_all(".cg-when", "els => els.map(e => e.querySelectorAll('.cg-local').length)")
            assert set(counts) == {1}
