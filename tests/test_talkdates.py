"""Dates that follow each talk (`per_talk` in `dates:`), on the built pages and in the engine.

The example course has two rules: slides 7 days before each talk at 12:00 (the presenter's)
and questions for the presenter 2 days before each talk at 23:59 (the reviewers'), over six
talks on 2027-03-29 and 2027-03-30, so the questions fall on both sides of the summer-time
switch of 2027-03-28. The seminar has one rule and no scheduled talk yet. Readers and
instants are in test_calendar.py and test_readers.py; moving with a talk in test_term.py.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from support import Build, BuiltSites
from test_calendar import course_from, example_data, expected_spans

from coursegen.agenda import resolve
from coursegen.i18n import labels
from coursegen.markup import long_date
from coursegen.pages import render

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


RULES = {"slides-due": (7, dt.time(12, 0)), "review-questions": (2, dt.time(23, 59))}


@pytest.fixture(scope="module")
def example(built: BuiltSites) -> Build:
    """The example course, built once."""
    return built("example")


@pytest.fixture(scope="module")
def seminar(built: BuiltSites) -> Build:
    """The seminar (no talk scheduled), built once."""
    return built("seminar")


# The visible text of some HTML, tags removed and whitespace collapsed.
def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# What each per-talk item should say: its id, its talk's slot and its day and time in German.
def expected_items(build: Build) -> list[tuple[str, str, str]]:
    lab = labels("de")
    found = []
    for entry in resolve(build.course).talks:
        for rule, (days, time) in RULES.items():
            day = entry.start.date() - dt.timedelta(days=days)
            found.append((f"{rule}.{entry.slot}", str(entry.slot), f"{long_date(day, lab)}, {time:%H:%M}"))
    return found


def test_schedule_shows_each_talks_dates_beside_it_with_its_own_ics(example: Build) -> None:
    html = example.read("schedule/index.html").decode("utf-8")
    items = expected_items(example)
    assert len(items) == 12
    for ident, slot, when in items:
        row = next(r for r in html.split("<tr>") if f'<span class="cg-anchor" id="{slot}">' in r)
        span = re.search(rf'<span class="cg-talk-date" id="{re.escape(ident)}-at-talk"[^>]*><br>(.*?)</span>\s*'
                         r'(?=<span class="cg-talk-date"|</td>)',
                         row, re.DOTALL)
        assert span, ident
        assert when in text_of(span.group(1)), (ident, text_of(span.group(1)))
        assert f'href="../calendar/date-{ident}.ics"' in span.group(1)
        assert (example.site / "calendar" / f"date-{ident}.ics").is_file()
    assert "Fragen an die Vortragenden: Sonntag, 28. März 2027, 23:59" in text_of(html)  # t5: after the switch


def test_dates_page_has_one_row_per_talk_linking_talk_deliverable_and_ics(example: Build) -> None:
    html = example.read("dates/index.html").decode("utf-8")
    table = re.search(r"<table>.*?</table>", html, re.DOTALL)
    assert table
    rows = table.group(0).split("<tr>")
    for ident, slot, when in expected_items(example):
        row = next(r for r in rows if f'<span id="{ident}">' in r)
        assert when in text_of(row)
        assert f'href="../schedule/#{slot}"' in row and f'href="../calendar/date-{ident}.ics"' in row
        deliverable = "presentation" if ident.startswith("slides") else "review"
        assert f'href="../deliverables/#{deliverable}"' in row
    assert 'class="cg-tl' not in html  # one view of each date: the table
    home = example.read("index.html").decode("utf-8")
    timeline = re.search(r'<div class="cg-tl.*?</div>', home, re.DOTALL)
    assert timeline and "data-date-id=" in timeline.group(0)
    assert not re.search(r'data-date-id="[^"]*\.', home)  # each talk's dates stay off the timeline


def test_deliverables_list_each_talks_due_date_with_its_ics(example: Build) -> None:
    html = example.read("deliverables/index.html").decode("utf-8")
    due = {part: html.split(f'id="{part}-due"')[1].split("<h2")[0] for part in ("review", "presentation")}
    for ident, _, when in expected_items(example):
        section = due["presentation" if ident.startswith("slides") else "review"]
        item = next(li for li in section.split("<li>") if f"date-{ident}.ics" in li)
        assert when in text_of(item)


def test_every_ics_link_on_the_dated_pages_is_a_file(example: Build) -> None:
    for page in ("dates/", "schedule/", "deliverables/"):
        links = re.findall(r'href="\.\./(calendar/[^"]+\.ics)"', example.read(f"{page}index.html").decode("utf-8"))
        assert links, page
        assert [link for link in links if not (example.site / link).is_file()] == []
    feed = example.read("calendar.ics").decode("utf-8")
    for ident, _, _ in expected_items(example):
        assert f"UID:date-{ident}@sparse-nets-2026w" in feed


def test_while_no_talk_is_scheduled_the_pages_say_how_long_before(seminar: Build) -> None:
    schedule = text_of(seminar.read("schedule/index.html").decode("utf-8"))
    assert "Dates before each talk Slides for feedback (optional): 7 days before your talk, 12:00" in schedule
    dates = seminar.read("dates/index.html").decode("utf-8")
    row = next(r for r in dates.split("<tr>") if '<span id="slides-feedback">' in r)
    assert "7 days before your talk, 12:00" in text_of(row) and ".ics" not in row
    assert text_of(row).count("to be decided") == 1  # in the status column only
    assert "7 days before your talk" in text_of(seminar.read("deliverables/index.html").decode("utf-8"))
    assert not list((seminar.site / "calendar").glob("date-slides-feedback*"))


@pytest.mark.parametrize(("language", "before", "expected"), [
    ("en", "1 day", "1 day before the talk on the paper you review, 23:59"),
    ("de", "2 weeks", "2 Wochen vor dem Vortrag über das Paper, das Sie begutachten, 23:59"),
    ("fr", "1 week", "1 semaine avant l’exposé sur l’article que vous évaluez, 23:59"),
])
def test_a_reviewers_rule_without_talks_in_each_language(language: str, before: str, expected: str) -> None:
    data = example_data()
    data["course"]["language"] = language
    data["schedule"]["days"] = []
    for paper in data["papers"]:
        paper.pop("slot", None)
    rule = next(d for d in data["dates"] if d["id"] == "review-questions")
    rule["per_talk"]["before"] = before
    pages = render(resolve(course_from(data)), dt.date(2026, 11, 27))
    assert expected in pages["dates.md"] and expected in pages["deliverables.md"]


def test_talk_dates_follow_the_schedules_status() -> None:
    data = example_data()
    data["schedule"]["status"] = "tentative"
    pages = render(resolve(course_from(data)), dt.date(2026, 11, 27))
    row = next(line for line in pages["dates.md"].splitlines() if 'id="slides-due.t1"' in line)
    assert "cg-status--tentative" in row


def test_no_presenter_name_in_any_talk_date_without_consent() -> None:
    data = example_data()
    data["privacy"]["show_presenters"] = False
    names = [p["presenter"] for p in data["papers"] if p.get("presenter")]
    pages = render(resolve(course_from(data)), dt.date(2026, 11, 27))
    assert names and not [n for n in names for page in pages.values() if n in page]


# ---- add to calendar: each event's .ics and a Google Calendar link that loads nothing -----------


def test_every_ics_link_has_a_google_calendar_link_at_the_feeds_instants(example: Build) -> None:
    spans = expected_spans(example.course)
    seen = set()
    for page in ("dates/", "schedule/", "deliverables/"):
        html = example.read(f"{page}index.html").decode("utf-8")
        anchors = list(re.finditer(r'<a [^>]*href="(https://calendar\.google\.com/[^"]*)"[^>]*>', html))
        assert len(anchors) == len(re.findall(r'href="\.\./calendar/[^"]+\.ics"', html)), page
        for anchor in anchors:
            assert 'rel="noreferrer"' in anchor.group(0)
            name = re.findall(r'href="\.\./calendar/([^"]+)\.ics"', html[:anchor.start()])[-1]
            query = parse_qs(urlsplit(unescape(anchor.group(1))).query)
            first, last = query["dates"][0].split("/")
            start, end = spans[name]
            if isinstance(start, dt.datetime):
                assert (first, last) == (f"{start:%Y%m%dT%H%M%SZ}", f"{end:%Y%m%dT%H%M%SZ}"), name
            else:
                assert (first, last) == (f"{start:%Y%m%d}", f"{end:%Y%m%d}"), name
            assert query["action"] == ["TEMPLATE"] and query["text"][0]
            seen.add(name)
    assert seen == set(spans)  # every event of the feed can be added with one click


class _GoogleAddresses(HTMLParser):
    """Every (tag, attribute) whose value names a Google host, and any Google host in scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag
        self.found += [(tag, name) for name, value in attrs if value and "google." in value.lower()]

    def handle_data(self, data: str) -> None:
        if self.inside in ("script", "style") and "google." in data.lower():
            self.found.append((self.inside, "text"))


def test_built_pages_load_nothing_from_google(example: Build) -> None:
    links = 0
    for path in example.site.rglob("*.html"):
        parser = _GoogleAddresses()
        parser.feed(path.read_text(encoding="utf-8"))
        # A link, followed only on a click; or, without a site_url, the form a link is made from.
        assert set(parser.found) <= {("a", "href"), ("a", "data-cg-google")}, path
        links += len(parser.found)
    own = list((example.site / "assets").rglob("course.*"))  # the site's own script (its styles are inline)
    assert own and not [p for p in own if "google." in p.read_text(encoding="utf-8").lower()]
    pages = [p.read_text(encoding="utf-8").lower() for p in example.site.rglob("*.html")]
    assert not [text for text in pages if "fonts.googleapis" in text or "fonts.gstatic" in text]
    assert links >= 2 * 26  # each of the 26 events from /dates/ or /schedule/, and the deliverables' due dates
