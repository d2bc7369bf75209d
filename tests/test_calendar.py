"""The calendar feed as real clients read it, from real `mkdocs build --strict` runs.

`/calendar.ics` of the seminar (every date tbd), of the example course and of the
example course published at a site_url is parsed with icalendar, vobject and ical.js
(see clients.py); every event's UTC start and end must be what zoneinfo gives for
course.yml. Engine-level tests cover reordering, hostile text and privacy; git
history and SEQUENCE are in test_calendar_history.py.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import properties
import pytest
import vobject
from clients import PARSERS, read
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from icalendar import Calendar, vText
from icalendar.parser import Contentline
from support import EXAMPLE, FIXTURES, SITE_URL, Build, BuiltSites, mkdocs_build

import coursegen
from coursegen.agenda import resolve
from coursegen.i18n import labels
from coursegen.ics import calendar_files, fold, subscribe_urls
from coursegen.loader import CourseError, load, load_text, validate
from coursegen.model import Course, Status
from coursegen.revisions import Revision, read_revision
from coursegen.yamlsource import parse

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

SITES = ["seminar", "example", "example-url"]
# Events each site must have: the seminar's dates are all tbd; the example has 7
# dated items, 6 talks and 2 per-talk rules (12 items).
EVENT_COUNTS = {"seminar": 0, "example": 26, "example-url": 26}
STAMP = Revision(datetime(2026, 9, 1, 12, 0, tzinfo=UTC))
HOSTILE = 'Review, part 1; see C:\\new\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil — Grüße, 日本語 "q"'


@pytest.fixture(scope="module", params=SITES)
def build(request: pytest.FixtureRequest, built: BuiltSites) -> Build:
    """One built site (each built once per session)."""
    return built(request.param)


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest) -> str:
    """The name of one calendar parser."""
    return request.param


# The example course's YAML as plain data, to change and validate again.
def example_data() -> dict:
    return parse((EXAMPLE / "course.yml").read_text(encoding="utf-8")).data


# A course from plain data, validated like course.yml.
def course_from(data: dict) -> Course:
    doc = parse("{}")
    doc.data = data
    return validate(doc)


# What zoneinfo says each event of a course spans: UTC instants, or dates for all-day items.
def expected_spans(course: Course) -> dict[str, tuple[datetime | date, datetime | date]]:
    zone = ZoneInfo(course.course.timezone)
    spans: dict[str, tuple[datetime | date, datetime | date]] = {}
    talks = resolve(course).talks
    for d in course.dates:
        if d.per_talk is not None:  # one item per talk, `before` days before the talk's day
            for entry in talks:
                day = entry.start.date() - timedelta(days=d.per_talk.days)
                spans[f"date-{d.id}.{entry.slot}"] = _span(day, None, d.start, d.end, zone)
        elif d.status is not Status.tbd:
            spans[f"date-{d.id}"] = _span(d.date, d.end_date, d.start, d.end, zone)
    for entry in talks:
        spans[f"talk-{entry.slot}"] = (entry.start.replace(tzinfo=zone).astimezone(UTC),
                                       entry.end.replace(tzinfo=zone).astimezone(UTC))
    return spans


# What zoneinfo says one date spans: dates (end exclusive) for an all-day item, else UTC instants.
def _span(day: date, end_date: date | None, start: time | None, end: time | None,
          zone: ZoneInfo) -> tuple[datetime | date, datetime | date]:
    last = end_date or day
    if start is None:
        return day, last + timedelta(days=1)
    begin = datetime.combine(day, start, zone)
    finish = datetime.combine(last, end, zone) if end else (
        datetime.combine(last + timedelta(days=1), time(0), zone) if end_date
        else begin + timedelta(minutes=1))  # a deadline: a one-minute event
    return begin.astimezone(UTC), finish.astimezone(UTC)


# The part of a UID before the "@".
def local(uid: str) -> str:
    return uid.split("@", 1)[0]


# --- what the parsers read ---------------------------------------------------


def test_every_event_is_at_zoneinfo_times(build: Build, parser: str) -> None:
    result = read(parser, build.site / "calendar.ics")
    assert result.unresolved_tzids == []
    uids = [e.uid for e in result.events]
    assert len(uids) == len(set(uids)) == EVENT_COUNTS[build.name]
    assert {local(e.uid): (e.start, e.end) for e in result.events} == expected_spans(build.course)


def test_all_tbd_course_gives_a_valid_empty_feed(built: BuiltSites, parser: str) -> None:
    seminar = built("seminar")
    assert all(d.status is Status.tbd or d.per_talk for d in seminar.course.dates)
    assert not seminar.course.schedule.days
    assert read(parser, seminar.site / "calendar.ics").events == []
    cal = Calendar.from_ical(seminar.read("calendar.ics"))
    assert [tz["TZID"] for tz in cal.timezones] == ["Europe/Berlin"]


def test_example_has_events_on_both_sides_of_each_dst_change(built: BuiltSites) -> None:
    example = built("example")
    zone = ZoneInfo("Europe/Berlin")
    timed = [e.start for e in read("icalendar", example.site / "calendar.ics").events if isinstance(e.start, datetime)]
    for change, before, after in [(date(2026, 10, 25), 2, 1), (date(2027, 3, 28), 1, 2)]:
        weeks_before = [s for s in timed if -14 < (s.date() - change).days < 0]
        weeks_after = [s for s in timed if 0 < (s.date() - change).days < 14]
        assert {s.astimezone(zone).utcoffset() for s in weeks_before} == {timedelta(hours=before)}
        assert {s.astimezone(zone).utcoffset() for s in weeks_after} == {timedelta(hours=after)}


def test_uids_are_item_ids_at_the_course_id(build: Build) -> None:
    for event in read("icalendar", build.site / "calendar.ics").events:
        kind, _, rest = event.uid.partition("-")
        assert kind in {"date", "talk"}
        assert rest.split("@", 1)[1] == "sparse-nets-2026w"  # course.id, whatever the site_url


def test_uid_domain_defaults_to_title_and_term() -> None:
    data = example_data()
    del data["course"]["id"]
    assert course_from(data).site_id == "sparse-neural-networks-lottery-tickets-pruning-wintersemester-2026-27"


# A title and term without a Latin letter or digit give no slug: the UIDs must still end in an id of the course.
def test_uid_domain_of_a_title_and_term_without_latin_letters_is_their_hash() -> None:
    data = example_data()
    del data["course"]["id"]
    data["course"].update(title="线性代数", term="夏季学期")
    ident = course_from(data).site_id
    assert re.fullmatch(r"course-[0-9a-f]{12}", ident) and ident == course_from(data).site_id
    data["course"]["term"] = "冬季学期"
    assert course_from(data).site_id not in {ident, ""}


# --- feed properties ---------------------------------------------------------


def test_feed_properties(build: Build) -> None:
    ics = build.read("calendar.ics")
    assert ics.count(b"\n") == ics.count(b"\r\n") > 0
    lines = ics.decode("utf-8").split("\r\n")
    for line in ["METHOD:PUBLISH", "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H",
                 "X-WR-TIMEZONE:Europe/Berlin"]:
        assert line in lines
    assert "BEGIN:VALARM" not in lines and not any(line.startswith("RDATE") for line in lines)
    cal = Calendar.from_ical(ics)
    info = build.course.course
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == f"{info.title} ({info.term})"
    assert [sub.name for sub in cal.timezones[0].subcomponents] == ["DAYLIGHT", "STANDARD"]


@pytest.mark.parametrize("title", ["Sparse, sparser; sparsest \\ a\nb", "C:\\Temp; a,b,,c \\n"])
def test_feed_name_keeps_commas_semicolons_and_backslashes(title: str) -> None:
    data = example_data()
    data["course"]["title"] = title
    ics = calendar_files(resolve(course_from(data)), STAMP)["calendar.ics"]
    shown = " ".join(title.split()) + " (Wintersemester 2026/27)"
    lines = ics.decode("utf-8").split("\r\n")
    escaped = shown.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    assert f"NAME:{escaped}" in lines and f"X-WR-CALNAME:{escaped}" in lines
    # vobject reads both as TEXT; icalendar keeps them raw, so it shows nothing more here.
    cal = vobject.readOne(ics.decode("utf-8"), validate=True)
    assert cal.x_wr_calname.value == cal.contents["name"][0].value == shown


def test_status_transparency_and_all_day_dates(built: BuiltSites) -> None:
    example = built("example")
    events = {local(e.uid): e for e in read("icalendar", example.site / "calendar.ics").events}
    assert events["date-slides-feedback"].status == "TENTATIVE"
    assert {e.status for name, e in events.items() if name != "date-slides-feedback"} == {"CONFIRMED"}
    transparent = {name for name, e in events.items() if e.transp == "TRANSPARENT"}
    # deadlines: items with a deliverable, and points in time
    per_talk = {f"date-{rule}.t{n}" for rule in ("slides-due", "review-questions") for n in range(1, 7)}
    assert per_talk <= set(events)
    assert transparent == {"date-registration", "date-topic-choice", "date-review-1", "date-review-2", "date-slides-feedback",
                           "date-block-course", "date-report"} | per_talk
    lines = example.read("calendar.ics").decode("utf-8").split("\r\n")
    for start, end in [("20270329", "20270331"), ("20270406", "20270407")]:
        at = lines.index(f"DTSTART;VALUE=DATE:{start}")
        assert f"DTEND;VALUE=DATE:{end}" in lines[at:at + 2]


def test_talks_name_their_paper_and_show_presenters_only_if_allowed(built: BuiltSites) -> None:
    example = built("example")
    lab = labels("de")
    events = {local(e.uid): e for e in read("vobject", example.site / "calendar.ics").events}
    for paper in (p for p in example.course.papers if p.slot):
        talk = events[f"talk-{paper.slot}"]
        assert talk.summary.startswith(f"{lab['talk']}: ") and len(talk.summary) < len(lab["talk"]) + 64
        lines = talk.description.split("\n")
        assert lines[:2] == [paper.title, ", ".join(paper.authors)]
        assert (paper.url or f"https://arxiv.org/abs/{paper.arxiv}") in lines
        assert lines[-1] == f"{lab['room']}: {talk.location}"
        assert (f"{lab['presenter']}: {paper.presenter}" in lines) == bool(paper.presenter)
    assert events["talk-t1"].summary == "Vortrag: The Lottery Ticket Hypothesis"
    hidden = example.course.model_copy(update={"privacy": example.course.privacy.model_copy(
        update={"show_presenters": False})})
    names = [p.presenter for p in example.course.papers if p.presenter]
    for content in calendar_files(resolve(hidden), STAMP).values():
        assert names and not any(name.encode() in content for name in names)


def test_feed_is_dated_by_the_course_file_revision(built: BuiltSites) -> None:
    example = built("example")
    stamps = {e["DTSTAMP"].dt for e in Calendar.from_ical(example.read("calendar.ics")).events}
    assert stamps == {read_revision(EXAMPLE / "course.yml").stamp}


# --- one file per event, links and the subscribe page -------------------------


def test_one_file_per_event_matches_the_feed(build: Build) -> None:
    feed = Calendar.from_ical(build.read("calendar.ics"))
    assert sorted(p.name for p in (build.site / "calendar").glob("*.ics")) == sorted(
        f"{local(str(e['UID']))}.ics" for e in feed.events)
    for event in feed.events:
        single = build.read(f"calendar/{local(str(event['UID']))}.ics")
        vobject.readOne(single.decode("utf-8"), validate=True)
        cal = Calendar.from_ical(single)
        assert [e.to_ical() for e in cal.events] == [event.to_ical()]
        assert "NAME" not in cal and cal["METHOD"] == "PUBLISH"
        assert read("icalendar", build.site / f"calendar/{local(str(event['UID']))}.ics").unresolved_tzids == []


def test_dates_and_schedule_link_each_event_file_and_the_subscribe_page(build: Build) -> None:
    dates = build.read("dates/index.html").decode("utf-8")
    schedule = build.read("schedule/index.html").decode("utf-8")
    for page in (dates, schedule):
        assert re.search(r'<a class="md-button cg-subscribe" href="\.\./calendar/">', page)
    for item in build.course.dates:
        assert (f'href="../calendar/date-{item.id}.ics"' in dates) == (item.status is not Status.tbd
                                                                        and item.per_talk is None)
    for entry in resolve(build.course).talks:
        assert f'href="../calendar/talk-{entry.slot}.ics"' in schedule


def test_subscribe_page_with_site_url(built: BuiltSites) -> None:
    published = built("example-url")
    page = published.read("calendar/index.html").decode("utf-8")
    https = SITE_URL + "calendar.ics"
    assert f'href="webcal://{https.removeprefix("https://")}"' in page
    assert f'data-cg-from="cg-feed-link">{https}</textarea>' in page and '<div class="cg-feed cg-scripted">' in page
    assert re.search(r'<button type="button" class="md-button cg-copy"[^>]*>Kopieren</button>', page)
    noscript = page.split("<noscript>")[1].split("</noscript>")[0]
    assert f'<a href="{https}">{https}</a>' in noscript
    assert f'<a href="webcal://{https.removeprefix("https://")}">webcal://' in noscript
    assert 'href="../calendar.ics"' in page and "course.js" in page
    for app in labels("de")["subscribe_apps"]:
        assert app["title"] in page and all(step.split("“")[0] in page for step in app["steps"])
    assert "site_url is not set" not in published.output
    assert (published.site / "assets" / "javascripts" / "course.js").is_file()


def test_subscribe_page_without_site_url_warns_and_links_relatively(built: BuiltSites) -> None:
    example = built("example")
    page = example.read("calendar/index.html").decode("utf-8")
    assert "webcal:" not in page and "https://" not in page.split('class="cg-feed cg-scripted"')[1].split("</div>")[0]
    assert '<div class="cg-feed cg-scripted">' in page and 'href="../calendar.ics" id="cg-feed-link"' in page
    assert "<noscript>" not in page
    assert "WARNING -  site_url is not set in mkdocs.yml" in example.output


@pytest.mark.tier("engine")
def test_the_feed_names_its_address_at_the_site_url() -> None:
    assert subscribe_urls(None) == {"https": None, "webcal": None, "google": None}
    assert subscribe_urls("https://example.org/course/") == {
        "https": "https://example.org/course/calendar.ics", "webcal": "webcal://example.org/course/calendar.ics",
        "google": "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fexample.org%2Fcourse%2Fcalendar.ics"}
    agenda = resolve(load(FIXTURES["example"] / "course.yml"))
    feed = Calendar.from_ical(calendar_files(agenda, STAMP, "https://example.org/course")["calendar.ics"])
    assert (feed["SOURCE"], feed["SOURCE"].params["VALUE"]) == ("https://example.org/course/calendar.ics", "URI")
    assert "SOURCE" not in Calendar.from_ical(calendar_files(agenda, STAMP)["calendar.ics"])


# The lecture fixture with a second moved session of its lecture series, on 2027-07-01.
@pytest.mark.tier("engine")
@pytest.mark.parametrize("path", ["calendar.ics", "calendar/series-lecture.ics"])
def test_each_moved_session_of_a_series_is_an_event_of_its_own_that_replaces_its_day(path: str) -> None:
    cancelled = "      - date: 2027-06-29\n        cancelled: true\n"
    text = (FIXTURES["lecture"] / "course.yml").read_text(encoding="utf-8")
    assert text.count(cancelled) == 1
    text = text.replace(cancelled, "      - date: 2027-07-01\n        new_date: 2027-07-02\n" + cancelled)
    feed = Calendar.from_ical(calendar_files(resolve(load_text(text)), STAMP)[path])
    lecture = [e for e in feed.walk("VEVENT") if str(e["UID"]).startswith("series-lecture@")]
    zone = ZoneInfo("Europe/Berlin")
    assert [(e["RECURRENCE-ID"].dt, e["DTSTART"].dt, e["DTEND"].dt) for e in lecture if "RECURRENCE-ID" in e] == [
        (datetime(2027, 6, 17, 10, 15, tzinfo=zone), datetime(2027, 6, 18, 14, 15, tzinfo=zone),
         datetime(2027, 6, 18, 15, 45, tzinfo=zone)),
        (datetime(2027, 7, 1, 10, 15, tzinfo=zone), datetime(2027, 7, 2, 10, 15, tzinfo=zone),
         datetime(2027, 7, 2, 11, 45, tzinfo=zone))]


# The lecture fixture with its exercise class held once, on its first Monday.
@pytest.mark.tier("engine")
def test_a_series_of_one_session_is_one_event_that_repeats_until_its_own_day() -> None:
    text = (FIXTURES["lecture"] / "course.yml").read_text(encoding="utf-8")
    weekly = "    first: 2027-04-12\n    last: 2027-07-19\n"
    assert text.count(weekly) == 1
    files = calendar_files(resolve(load_text(text.replace(weekly, weekly.replace("07-19", "04-12")))), STAMP)
    [exercise] = Calendar.from_ical(files["calendar/series-exercise.ics"]).walk("VEVENT")
    assert exercise["DTSTART"].dt == datetime(2027, 4, 12, 12, 15, tzinfo=ZoneInfo("Europe/Berlin"))
    assert exercise["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270412T101500Z;BYDAY=MO;WKST=MO"


# --- reproducible, stable ------------------------------------------------------


@pytest.mark.parametrize("name", ["seminar", "example"])
def test_two_builds_are_byte_identical(name: str, built: BuiltSites, tmp_path: Path) -> None:
    first = built(name)
    again = mkdocs_build(FIXTURES[name], tmp_path / "again" / "site", TZ="Pacific/Auckland", LC_ALL="C")
    assert again.returncode == 0, again.output
    feeds = ["calendar.ics", "news.xml", *(f"calendar/{p.name}" for p in (first.site / "calendar").glob("*.ics"))]
    assert len(feeds) == 2 + EVENT_COUNTS[name]
    for uri in feeds:
        assert first.read(uri) == again.read(uri), uri


def test_reordering_and_inserting_items_keeps_every_uid_and_event() -> None:
    data = example_data()
    before = Calendar.from_ical(calendar_files(resolve(course_from(data)), STAMP)["calendar.ics"])
    data["dates"] = [{"id": "extra", "title": "Extra", "date": "2026-10-02"}, *reversed(data["dates"])]
    data["papers"].reverse()
    data["news"].reverse()
    after = Calendar.from_ical(calendar_files(resolve(course_from(data)), STAMP)["calendar.ics"])
    old = {str(e["UID"]): e.to_ical() for e in before.events}
    new = {str(e["UID"]): e.to_ical() for e in after.events}
    assert set(new) - set(old) == {"date-extra@sparse-nets-2026w"}
    assert {uid: new[uid] for uid in old} == old


def test_moving_a_talk_keeps_its_uid() -> None:
    data = example_data()
    program = data["schedule"]["days"][0]["program"]
    program[1], program[2] = program[2], program[1]
    spans = {local(str(e["UID"])): e["DTSTART"].dt for e in Calendar.from_ical(
        calendar_files(resolve(course_from(data)), STAMP)["calendar.ics"]).events}
    original = expected_spans(coursegen.load(EXAMPLE / "course.yml"))
    assert spans["talk-t1"].astimezone(UTC) == original["talk-t2"][0]
    assert spans["talk-t2"].astimezone(UTC) == original["talk-t1"][0]


def test_hostile_text_round_trips(parser: str, tmp_path: Path) -> None:
    data = example_data()
    data["course"]["title"] = HOSTILE
    data["dates"][0].update(title=HOSTILE, location=HOSTILE, details=HOSTILE)
    data["papers"][0]["title"] = HOSTILE
    ics = tmp_path / "calendar.ics"
    ics.write_bytes(calendar_files(resolve(course_from(data)), STAMP)["calendar.ics"])
    events = {local(e.uid): e for e in read(parser, ics).events}
    assert len(events) == EVENT_COUNTS["example"]
    kickoff = events["date-kickoff"]
    assert (kickoff.summary, kickoff.location, kickoff.description) == (" ".join(HOSTILE.split()), HOSTILE, HOSTILE)
    assert events["talk-t1"].description.startswith(HOSTILE + "\n")
    assert events["talk-t1"].summary.startswith("Vortrag: Review, part 1; see C:\\new END:VEVENT BEGIN")
    lines = ics.read_bytes().split(b"\r\n")
    assert lines.count(b"END:VEVENT") == len(events) and not [line for line in lines if line.startswith(b"UID:evil")]



# --- folding ---------------------------------------------------------------------

# Pieces of text that make folds land next to spaces and tabs, inside and beside multibyte
# characters and escapes.
PIECES = [" ", " ", "   ", "\t", " \t ", "a", "word", "é", "日本", "🎓", "👩🏽‍🔬", "\\", ",", ";", "\n", "^"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)
# Long runs of spaces too: longer than a line holds.
SPACEY = st.lists(st.one_of(st.sampled_from(PIECES), st.integers(60, 200).map(" ".__mul__)), max_size=40).map("".join)


# An .ics as a reader sees it that strips every line of trailing spaces and tabs before unfolding.
def stripped(ics: bytes) -> bytes:
    return b"\r\n".join(line.rstrip(b" \t") for line in ics.split(b"\r\n"))


@pytest.mark.tier("property")
@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.sampled_from(["DESCRIPTION", "SUMMARY", "LOCATION;LANGUAGE=de", "X-WR-CALNAME"]), st.one_of(TEXTS, SPACEY))
def test_fold_ends_no_line_in_whitespace_and_otherwise_folds_as_icalendar(name: str, text: str) -> None:
    line = f"{name}:{vText(text + '.').to_ical().decode('utf-8')}"  # the engine's texts end in no whitespace
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    properties.folded_cleanly(f"{folded}\r\n".encode(), line)
    plain = Contentline(line).to_ical().decode("utf-8")  # icalendar's own folding
    if not any(physical.endswith((" ", "\t")) for physical in plain.split("\r\n")[:-1]):
        assert folded == plain


@pytest.mark.tier("property")
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TEXTS, SPACEY), min_size=4, max_size=4))
def test_generated_text_folds_cleanly_and_survives_stripped_lines(texts: list[str]) -> None:
    data = example_data()
    title, location, details, paper = (f"x{text}y" for text in texts)
    data["course"]["title"] = title
    data["dates"][0].update(title=title, location=location, details=details)
    data["papers"][0]["title"] = paper
    try:
        course = course_from(data)
    except CourseError:
        reject()
    for uri, ics in calendar_files(resolve(course), STAMP).items():
        properties.folded_cleanly(ics, uri)
        assert Calendar.from_ical(stripped(ics)).to_ical() == Calendar.from_ical(ics).to_ical(), uri


@pytest.mark.tier("engine")
def test_a_run_of_spaces_longer_than_a_line_goes_on_one_longer_line() -> None:
    line = "DESCRIPTION:a" + " " * 100 + "b c"
    assert fold(line).split("\r\n") == ["DESCRIPTION:a", " " + " " * 100 + "b", "  c"]
    words = "DESCRIPTION:" + "Grüße aus 日本 " * 12
    assert all(not physical.endswith(" ") and len(physical.encode()) <= 75
               for physical in fold(words.rstrip()).split("\r\n"))
