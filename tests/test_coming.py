"""The home page's coming items as the build writes them: what "next for you" and the timeline
show on the build day, every candidate now.js may choose from later, text shown as written,
and the "as of" line for visitors without JavaScript (what is chosen: tests/test_now.py)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from test_calendar import course_from, example_data

from coursegen import coming
from coursegen.agenda import now, resolve
from coursegen.i18n import labels
from coursegen.instants import day_start
from coursegen.pages import render

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


EN = labels("en")


# The example course in English, with `dates` in place of its own.
def course_with(dates: list[dict]) -> object:
    data = example_data()
    data["course"]["language"] = "en"
    data["dates"] = dates
    data["logistics"] = {}
    data["schedule"] = {"status": "tbd", "hint": "later"}
    data["papers"] = [{k: v for k, v in paper.items() if k != "slot"} for paper in data["papers"]]
    return course_from(data)


class _Items(HTMLParser):
    """The data-cg-key of each <li> of a list, by where it stands: shown, or in a template."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[str]] = {"shown": [], "candidates": [], "fallback": []}
        self.place = "shown"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "template":
            self.place = "candidates" if "data-cg-candidates" in values else "fallback"
        elif tag == "li" and "data-cg-key" in values:
            self.found[self.place].append(str(values["data-cg-key"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.place = "shown"


def keys(html: str) -> dict[str, list[str]]:
    """The keys of a list's items, shown and in its templates."""
    parser = _Items()
    parser.feed(html)
    return parser.found


def test_timeline_escapes_text_and_keeps_tbd_items_apart() -> None:
    """Titles and hints are shown as written, tbd items go to their own list with their hint."""
    course = course_with([{"id": "x", "title": '<b>"Kick-off" & more</b>', "date": "2027-01-05"},
                          {"id": "y", "title": "Grades", "status": "tbd", "hint": "after <grading>"}])
    html = coming.timeline_html(resolve(course), dt.date(2027, 1, 1), EN)
    assert "<b>" not in html and "&lt;b&gt;&quot;Kick-off&quot; &amp; more&lt;/b&gt;" in html
    dated, apart = html.split('class="cg-tl__tbd"')
    assert 'data-date-id="x"' in dated and 'data-state="next"' in dated and 'data-date-id="y"' not in dated
    assert 'data-date-id="y"' in apart and "after &lt;grading&gt;" in apart


def test_timeline_uses_short_dates() -> None:
    """The timeline on the home page shows "5 Jan 2027" (the dates page's table the long date)."""
    course = course_with([{"id": "a", "title": "A", "date": "2027-01-05"}])
    assert ">5 Jan 2027</time>" in coming.timeline_html(resolve(course), dt.date(2027, 1, 1), EN)


def test_each_list_shows_the_build_days_choice_and_carries_every_candidate_still_to_come() -> None:
    """Of 30 dates, the timeline shows the next five, next for you two; both carry the 21 still to
    come on the build day for now.js, none of those already over."""
    course = course_with([{"id": f"d{day}", "title": f"D {day}", "date": f"2027-01-{day:02d}"} for day in range(1, 31)])
    agenda, today = resolve(course), dt.date(2027, 1, 10)
    coming_ids = [f"date:d{day}" for day in range(10, 31)]
    timeline = keys(coming.timeline_html(agenda, today, EN))
    assert timeline["shown"] == coming_ids[:now.TIMELINE_ITEMS] and timeline["candidates"] == coming_ids
    mine = keys(coming.next_html(agenda, today, EN))
    assert mine["shown"] == coming_ids[:now.NEXT_ITEMS] and mine["candidates"] == coming_ids
    assert [o.key for o in now.timeline(agenda, day_start(today, agenda.zone))] == coming_ids[:5]


def test_nothing_coming_shows_the_empty_state_and_the_dates_still_to_be_decided() -> None:
    course = course_with([{"id": "old", "title": "Old", "date": "2026-01-05"},
                          {"id": "later", "title": "Later", "status": "tbd", "hint": "in spring"}])
    home = render(resolve(course), dt.date(2027, 1, 1))["index.md"]
    mine = home.split('<div class="cg-next"', 1)[1].split("</div>", 1)[0]
    assert '<p class="cg-empty" data-cg-empty hidden>' in mine  # the tbd date is shown instead
    assert "in spring" in mine.split("<template", 1)[0]
    timeline = home.split("data-cg-timeline", 1)[1]
    assert '<ol class="cg-tl__dated" aria-label="Timeline of dates" data-cg-list hidden></ol>' in timeline
    assert '<p class="cg-empty" data-cg-empty>No fixed dates ahead yet.</p>' in timeline


def test_pages_say_which_day_they_show_without_javascript() -> None:
    """Home, dates and schedule say "As of" the build day where what they show depends on it."""
    course = course_with([{"id": "a", "title": "A", "date": "2027-01-05"}])
    pages = render(resolve(course), dt.date(2027, 1, 1))
    for uri in ("index.md", "dates.md"):
        assert len(re.findall(r"As of Friday, 1 January 2027\\\.\n\{ \.cg-asof data-cg-asof=\"\" \}", pages[uri])) >= 1
