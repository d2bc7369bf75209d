"""What is yours, on the calendar page: a student picks the talk they give, the talk they review
or their group; the choice stays in the browser (localStorage, no request leaves the site), holds
after a reload from the first paint, shows only that track's calendar of each choice made, and
"show all" forgets it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from coursegen.i18n import labels

from .support import PHONE_WIDTHS, Site

# The tracks of each choice as a visitor sees them: every list item's track that is displayed.
SHOWN = """() => Array.from(document.querySelectorAll("li[data-cg-track]"))
  .filter((li) => li.checkVisibility()).map((li) => li.dataset.cgTrack)"""


def _calendar(page: Page, site: Site) -> list[str]:
    """Every address the page asked for, once it is loaded."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site.page_url("calendar/"))
    expect(page.locator("form[data-cg-ready]")).to_have_count(1)  # course.js has set it up
    return asked


def _with_stored(page: Page, site: Site, choice: dict[str, str]) -> str:
    """Open the calendar page with `choice` stored as a visitor's earlier choice; its storage key."""
    page.goto(site.page_url("calendar/"))
    key = page.locator("form[data-cg-mine]").get_attribute("data-cg-mine")
    assert key is not None
    page.evaluate("([key, choice]) => localStorage.setItem(key, JSON.stringify(choice))", [key, choice])
    return key


def test_a_talk_chosen_shows_its_calendar_after_a_reload_until_all_are_shown_again(
        sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    site = sites("example")
    lab = labels(site.course.course.language)
    page = open_page(viewport=PHONE_WIDTHS[0])
    asked = _calendar(page, site)
    every = page.evaluate(SHOWN)
    assert len(every) == 12  # six talks given, six reviewed
    page.get_by_label(lab.tracks_talks).select_option("talk-t2")
    assert page.evaluate(SHOWN) == ["talk-t2", *(t for t in every if t.startswith("review-"))]
    page.reload()
    expect(page.get_by_label(lab.tracks_talks)).to_have_value("talk-t2")
    assert page.evaluate(SHOWN) == ["talk-t2", *(t for t in every if t.startswith("review-"))]
    assert page.locator("li[data-cg-track=talk-t2] a[href$='tracks/talk-t2.ics']").count() == 2  # subscribe, file
    google = page.locator("li[data-cg-track=talk-t2] a[href^='https://calendar.google.com/']").get_attribute("href")
    assert google is not None and parse_qs(urlsplit(google).query)["cid"] == [
        site.page_url("calendar/tracks/talk-t2.ics").replace("http://", "webcal://", 1)]
    page.locator("input[data-cg-choice=review][value=review-t5]").check()  # a student may review several
    page.locator("input[data-cg-choice=review][value=review-t1]").check()
    assert page.evaluate(SHOWN) == ["talk-t2", "review-t1", "review-t5"]
    expect(page.get_by_role("checkbox", name=site.course.papers[0].title)).to_be_checked()
    page.get_by_role("button", name=lab.mine_clear).click()
    assert page.evaluate(SHOWN) == every
    expect(page.get_by_label(lab.tracks_talks)).to_have_value("")
    key = page.locator("form[data-cg-mine]").get_attribute("data-cg-mine")
    assert key == "coursegen:mine:sparse-nets-2026w"
    assert page.evaluate("([key]) => localStorage.getItem(key)", [key]) is None
    host = urlsplit(site.url).netloc
    assert [url for url in asked if urlsplit(url).netloc != host] == []


def test_a_group_chosen_shows_its_calendar_alone_from_the_first_paint(
        sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """The head applies the stored choice as the page is parsed: without course.js (blocked
    here), only the chosen group's calendar of the choice shows."""
    page = open_page(viewport=PHONE_WIDTHS[0])
    _with_stored(page, sites("lecture"), {"choice-ubungsgruppe": "group-exercise-friday"})
    page.route("**/course.js", lambda route: route.abort())
    page.reload()
    assert page.evaluate(SHOWN) == ["group-exercise-friday"]
    page.unroute("**/course.js")
    page.reload()
    expect(page.get_by_label("Übungsgruppe")).to_have_value("group-exercise-friday")


def test_a_choice_of_a_track_the_course_no_longer_has_hides_nothing_and_is_forgotten(
        sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    page = open_page(viewport=PHONE_WIDTHS[0])
    key = _with_stored(page, sites("example"), {"talk": "talk-t9", "review": "review-t1"})
    page.reload()
    expect(page.locator("form[data-cg-ready]")).to_have_count(1)
    shown = page.evaluate(SHOWN)
    assert [t for t in shown if t.startswith("talk-")] == [f"talk-t{n}" for n in range(1, 7)]
    assert [t for t in shown if t.startswith("review-")] == ["review-t1"]
    assert page.evaluate("([key]) => JSON.parse(localStorage.getItem(key))", [key]) == {"review": ["review-t1"]}


def test_next_for_you_and_the_dates_page_show_the_chosen_talk(sites: Callable[[str], Site],
                                                              open_page: Callable[..., Page]) -> None:
    """Picked on the calendar page, talk 3 is the student's: "next for you" says whose it is and holds
    its slides date (never talk 1's), its row on /dates/ is marked theirs and no other talk's is;
    "show all" beside it brings back the view without a choice, for good. Nothing leaves the site."""
    site = sites("example")
    lab = labels(site.course.course.language)
    page = open_page(viewport=PHONE_WIDTHS[0])
    page.clock.set_fixed_time(datetime(2027, 3, 15, 11, 0, tzinfo=UTC))
    asked = _calendar(page, site)
    page.get_by_label(lab.tracks_talks).select_option("talk-t3")
    page.goto(site.page_url(""))
    next_for_you = page.locator("[data-cg-coming=next] [data-cg-list] > li")
    expect(next_for_you).to_have_count(2)
    assert next_for_you.evaluate_all("(items) => items.map((li) => li.dataset.cgKey)") == [
        "date:slides-due.t3", "date:slides-feedback"]
    showing = page.locator("[data-cg-showing]")
    expect(showing).to_be_visible()
    expect(showing).to_contain_text(f"{lab.showing_for} {lab.track_talk.format(paper=site.course.papers[2].title)}")
    page.goto(site.page_url("dates/"))
    mine = page.locator(".cg-mark[data-mine]").evaluate_all("(marks) => marks.map((m) => m.dataset.cgKey)")
    assert mine == ["date:slides-due.t3"]
    page.goto(site.page_url(""))
    showing.get_by_role("button", name=lab.mine_clear).click()
    expect(showing).to_be_hidden()
    assert next_for_you.evaluate_all("(items) => items.map((li) => li.dataset.cgKey)") == [
        "date:slides-due.t1", "date:slides-feedback"]
    page.reload()
    expect(showing).to_be_hidden()
    host = urlsplit(site.url).netloc
    assert [url for url in asked if urlsplit(url).netloc != host] == []


# The agenda keys of the rows and talks' dates a page shows, of tracks (data-cg-track) or not.
VISIBLE = """() => Array.from(document.querySelectorAll(".cg-mark, .cg-talk-date"))
  .filter((e) => e.checkVisibility()).map((e) => e.dataset.cgTrack || e.dataset.cgKey || e.id)"""


def test_the_dates_schedule_and_sessions_pages_can_show_only_what_is_mine(
        sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """With a choice, the pages with other people's items mark the student's and, once asked, hide
    the rest of each choice made (never what is everyone's), from the first paint after a reload,
    until asked again; a stored track the course no longer has hides nothing."""
    site = sites("example")
    lab = labels(site.course.course.language)
    page = open_page(viewport=PHONE_WIDTHS[0])
    _with_stored(page, site, {"talk": ["talk-t3"], "review": ["review-t1", "review-t5"]})
    page.goto(site.page_url("dates/"))
    everything = page.evaluate(VISIBLE)
    bar = page.locator("p[data-cg-showing]")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text(lab.track_talk.format(paper=site.course.papers[2].title))
    mine = page.locator(".cg-mark[data-mine]").evaluate_all("(marks) => marks.map((m) => m.dataset.cgTrack)")
    assert set(mine) == {"talk-t3", "review-t1", "review-t5"}
    only = page.get_by_label(lab.only_mine)
    expect(only).not_to_be_checked()
    only.check()
    left = page.evaluate(VISIBLE)
    gone = [key for key in everything if key not in left]
    assert {track for track in left if track.startswith(("talk-", "review-"))} == {"talk-t3", "review-t1", "review-t5"}
    assert gone and all(key.startswith(("talk-", "review-")) for key in gone)  # everyone's dates stay
    page.route("**/course.js", lambda route: route.abort())
    page.reload()  # the head hides them before course.js could
    assert page.evaluate(VISIBLE) == left
    page.unroute("**/course.js")

    page.goto(site.page_url("schedule/"))
    talks = page.locator(".cg-mark[data-cg-for]")
    expect(talks).to_have_count(6)  # every talk stays: everyone attends them
    assert all(page.locator(".cg-mark[data-cg-for]").evaluate_all("(ts) => ts.map((t) => t.checkVisibility())"))
    marked = page.locator(".cg-mark[data-mine]").evaluate_all("(marks) => marks.map((m) => m.dataset.cgKey)")
    assert marked == ["talk:t1", "talk:t3", "talk:t5"]
    dates = page.locator(".cg-talk-date[data-cg-track]")
    shown = dates.evaluate_all("(ds) => ds.filter((d) => d.checkVisibility()).map((d) => d.dataset.cgTrack)")
    assert set(shown) <= {"talk-t3", "review-t1", "review-t5"} and "talk-t3" in shown
    expect(page.locator(".cg-talk-date[data-cg-track=talk-t1]").first).to_be_hidden()
    page.get_by_label(lab.only_mine).uncheck()
    expect(page.locator(".cg-talk-date[data-cg-track=talk-t1]").first).to_be_visible()
    page.goto(site.page_url("dates/"))
    assert page.evaluate(VISIBLE) == everything

    page.get_by_label(lab.only_mine).check()
    _with_stored(page, site, {"talk": ["talk-t9"]})  # a talk the course no longer has
    page.goto(site.page_url("dates/"))
    assert page.evaluate(VISIBLE) == everything


def test_a_group_chosen_hides_the_other_groups_sessions_when_asked(
        sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    site = sites("lecture")
    lab = labels(site.course.course.language)
    page = open_page(viewport=PHONE_WIDTHS[0])
    _with_stored(page, site, {"choice-ubungsgruppe": ["group-exercise-friday"]})
    page.goto(site.page_url("sessions/"))
    groups = """() => Array.from(document.querySelectorAll(".cg-mark")).filter((m) => m.checkVisibility())
      .map((m) => m.dataset.cgGroup)"""
    before = page.evaluate(groups)
    assert {"series:exercise", "series:exercise-friday", "series:lecture"} <= set(before)
    page.get_by_label(lab.only_mine).check()
    after = page.evaluate(groups)
    assert "series:exercise" not in after
    assert after == [group for group in before if group != "series:exercise"]
