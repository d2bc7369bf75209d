"""Weekly series on the lecture fixture (tests/lecture/): the sessions page and the home
timeline of a real `mkdocs build --strict`, the recurring events of its feed, and every
occurrence as eight readers expand it (icalendar with recurring-ical-events, vobject, ical.js,
libical, calcurse, khal, ts-ics, node-ical), against instants worked out here from the YAML with
zoneinfo and the holidays package, never with the engine. A variant of the lecture adds breaks,
a holiday that is taught and a session under its own title (BREAKS_AND_TITLE).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import properties
import pytest
import recurring_ical_events
import yaml
from clients import EXPANDING_READERS, Span, expand_spans
from icalendar import Calendar
from support import FIXTURES, Build, BuiltSites
from test_calendar import course_from

from coursegen import markup
from coursegen.agenda import resolve
from coursegen.i18n import labels
from coursegen.ics import calendar_files
from coursegen.loader import load_text
from coursegen.model import Course
from coursegen.revisions import Revision, Version
from coursegen.site import SiteOutput

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

LECTURE = FIXTURES["lecture"] / "course.yml"
TODAY = "2027-05-05"  # a Wednesday: the next lecture is 05-11, as Thursday 05-06 is a holiday
# The holidays of the fixture's series days, as the pages name them (German).
HOLIDAYS = {date(2027, 5, 6): "Christi Himmelfahrt", date(2027, 5, 17): "Pfingstmontag",
            date(2027, 5, 27): "Fronleichnam"}

Occurrence = tuple[str, datetime, datetime]


def lecture_data() -> dict:
    """The lecture's course.yml as PyYAML reads it."""
    return yaml.safe_load(LECTURE.read_text(encoding="utf-8"))


def expected_occurrences(text: str | None = None) -> Counter[Occurrence]:
    """Each session (UID, UTC start, UTC end) and each dated date, worked out from the YAML (default:
    the lecture's) with zoneinfo and the holidays package (tests/properties.py)."""
    course = properties.course_data(text) if text is not None else properties.read_course(LECTURE)
    return Counter((f"{name}@{course['course']['id']}", *span)
                   for name, event in properties.expected_events(course).items() for span in event.spans)


@pytest.fixture(scope="module")
def site(built: BuiltSites) -> Build:
    """The lecture built on a fixed day."""
    return built("lecture", COURSEGEN_TODAY=TODAY)


# The visible text of an HTML page, entities decoded and spaces collapsed: inline tags are
# dropped, every other tag separates words.
def text_of(page: str) -> str:
    inline = re.sub(r"</?(?:span|a|em|strong|code|time|abbr)\b[^>]*>", "", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


# ---- The fixture is what the issue asks for -----------------------------------------------


def test_fixture_has_holidays_a_skip_a_move_a_cancellation_and_a_dst_switch() -> None:
    expected = expected_occurrences()
    exercise = [o for o in expected if o[0].startswith("series-exercise@")]
    office = sorted(o[1] for o in expected if o[0].startswith("series-office-hours"))
    assert len(exercise) == 14  # 15 Mondays, Pfingstmontag left out
    assert {o.hour for o in office} == {15, 14}  # 16:00 in winter time (UTC+1), then in summer time (UTC+2)
    lectures = sorted(o[1] for o in expected if o[0].startswith("series-lecture"))
    assert len(lectures) == 28 - 2 - 1 - 1  # two holidays, a skipped day, a cancelled one (the moved one stays)
    assert datetime(2027, 6, 18, 12, 15, tzinfo=UTC) in lectures
    free = holidays.country_holidays("DE", subdiv="SL", years=[2027], language="de")
    assert {day: free[day] for day in HOLIDAYS} == HOLIDAYS


# ---- The pages --------------------------------------------------------------------------


def test_sessions_page_lists_every_week_with_holidays_moves_and_cancellations(site: Build) -> None:
    source = site.read("sessions/index.html").decode("utf-8")
    weeks = re.findall(r'<h2 [^>]*id="week-(\d+)"[^>]*>Woche \1: ', source)
    assert weeks == [str(n) for n in range(1, 21 + 1)]  # 3 March to 19 July 2027, week by week
    page = text_of(source)
    assert "Wochenplan" in page
    for day, name in HOLIDAYS.items():
        assert f"Entfällt: {name}" in page, day
    assert "Woche 10: 3.–9. Mai 2027" in page and "Woche 14: 31. Mai – 6. Juni 2027" in page
    assert "Do., 6. Mai 10:15–11:45 Vorlesung Entfällt: Christi Himmelfahrt" in page
    assert "Di., 18. Mai 10:15–11:45 Vorlesung Entfällt Mi., 19. Mai" in page  # skipped
    assert ("Fr., 18. Juni 14:15–15:45 Vorlesung Verlegt vom 17. Juni 2027: "
            "Verlegt wegen des Tags der offenen Tür Seminarraum 1.12") in page
    assert ("Di., 29. Juni 10:15–11:45 Vorlesung Fällt aus: Entfällt wegen einer Dienstreise; "
            "die Folien stehen online") in page
    assert ("Sprechstunde .ics (Sprechstunde in den eigenen Kalender übernehmen) Mittwoch, 16:00–17:00 "
            "3. März – 14. Juli 2027 Raum 2.07") in page
    assert "Alle Zeiten sind Mitteleuropäische Zeit (MESZ/MEZ), die Ortszeit in Berlin." in page


def test_sessions_page_links_each_series_calendar_file(site: Build) -> None:
    page = site.read("sessions/index.html").decode("utf-8")
    for ident in ("lecture", "exercise", "office-hours"):
        assert f'href="../calendar/series-{ident}.ics"' in page
        ics = Calendar.from_ical(site.read(f"calendar/series-{ident}.ics"))
        assert {str(e["UID"]) for e in ics.events} == {f"series-{ident}@ml-2027s"}


def test_home_timeline_shows_only_the_next_session_of_each_series(site: Build) -> None:
    page = site.read("index.html").decode("utf-8")
    shown = page.split('class="cg-tl__dated"', 1)[1].split("<template", 1)[0]
    items = re.findall(r'data-date-id="([^"]+)"[^>]*data-first="([^"]+)"', shown)
    assert items == [("series-office-hours", "2027-05-05"), ("series-exercise-friday", "2027-05-07"),
                     ("series-exercise", "2027-05-10"), ("series-lecture", "2027-05-11"), ("exam", "2027-07-27")]


def test_navigation_has_the_sessions_page_only_with_series(site: Build, built: BuiltSites) -> None:
    assert 'href="sessions/"' in site.read("index.html").decode("utf-8")
    example = built("example")
    assert not (example.site / "sessions").exists()
    assert "sessions/" not in example.read("index.html").decode("utf-8")
    assert "sessions/" not in example.read("sitemap.xml").decode("utf-8")


# ---- The feed ---------------------------------------------------------------------------


def test_feed_has_one_recurring_event_per_series_with_exdates_and_an_override(site: Build) -> None:
    feed = site.read("calendar.ics")
    lines = feed.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert [line for line in lines if line.startswith("RRULE:FREQ=WEEKLY")] == [
        "RRULE:FREQ=WEEKLY;UNTIL=20270715T081500Z;BYDAY=TU,TH;WKST=MO",
        "RRULE:FREQ=WEEKLY;UNTIL=20270719T101500Z;BYDAY=MO;WKST=MO",
        "RRULE:FREQ=WEEKLY;UNTIL=20270714T140000Z;BYDAY=WE;WKST=MO",
        "RRULE:FREQ=WEEKLY;UNTIL=20270716T063000Z;BYDAY=FR;WKST=MO",
    ]
    assert [line for line in lines if line.startswith(("EXDATE", "RECURRENCE-ID"))] == [
        "EXDATE;TZID=Europe/Berlin:20270506T101500,20270518T101500,20270527T101500,20270629T101500",
        "RECURRENCE-ID;TZID=Europe/Berlin:20270617T101500",
        "EXDATE;TZID=Europe/Berlin:20270517T121500",
    ]
    cal = Calendar.from_ical(feed)
    uids = Counter(str(e["UID"]) for e in cal.events)
    assert uids == {"date-exam@ml-2027s": 1, "series-lecture@ml-2027s": 2, "series-exercise@ml-2027s": 1,
                    "series-office-hours@ml-2027s": 1, "series-exercise-friday@ml-2027s": 1}
    (zone,) = cal.timezones
    assert [c.name for c in zone.subcomponents] == ["DAYLIGHT", "STANDARD"]


# ---- Every reader expands the feed as zoneinfo places it -----------------------------------


# The occurrences a reader shows, as (uid, start, end); readers without UIDs (calcurse) as (None, start, end).
def shown(spans: list[Span]) -> Counter[tuple[str | None, datetime | date, datetime | date | None]]:
    return Counter((s.uid, s.start, s.end) for s in spans)


# What zoneinfo gives for the course file `text` (default: the lecture's), in the shape a reader
# reports (calcurse keeps no UID).
def wanted(reader: str, text: str | None = None) -> Counter[tuple[str | None, datetime | date, datetime | date | None]]:
    return Counter({(None if reader == "calcurse" else uid, start, end): n
                    for (uid, start, end), n in expected_occurrences(text).items()})


CALCURSE_DEFECT = ("calcurse 4.7.1 imports a RECURRENCE-ID override as an event of its own and keeps the "
                   "planned occurrence, so it shows a moved session twice")
READER_CASES = [pytest.param(r, marks=[pytest.mark.xfail(strict=True, reason=CALCURSE_DEFECT)] if r == "calcurse" else [])
                for r in EXPANDING_READERS]


@pytest.fixture(scope="module")
def feed(site: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built feed as a file for the readers."""
    path = tmp_path_factory.mktemp("lecture-feed") / "calendar.ics"
    path.write_bytes(site.read("calendar.ics"))
    return path


@pytest.mark.parametrize("reader", READER_CASES)
def test_reader_expands_every_session_at_its_zoneinfo_instant(reader: str, feed: Path,
                                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    spans = expand_spans(reader, feed, tmp_path_factory.mktemp(f"expand-{reader}"), "Europe/Berlin")
    assert shown(spans) == wanted(reader)


# The planned slot of each overridden lecture: 06-17 (moved) in both feeds, 07-01 (retitled) in the variant's.
@pytest.mark.parametrize(("which", "planned"), [("feed", [date(2027, 6, 17)]),
                                                ("variant", [date(2027, 6, 17), date(2027, 7, 1)])])
def test_calcurse_differs_only_by_each_overridden_sessions_planned_slot(
        which: str, planned: list[date], request: pytest.FixtureRequest,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    feed = request.getfixturevalue("feed") if which == "feed" else request.getfixturevalue("variant")[1]
    data = None if which == "feed" else lecture_text(*BREAKS_AND_TITLE)
    spans = expand_spans("calcurse", feed, tmp_path_factory.mktemp("expand-calcurse"), "Europe/Berlin")
    slots = [(None, *(datetime.combine(day, t, ZoneInfo("Europe/Berlin")).astimezone(UTC)
                      for t in (time(10, 15), time(11, 45)))) for day in planned]
    assert shown(spans) - wanted("calcurse", data) == Counter(slots)
    assert wanted("calcurse", data) - shown(spans) == Counter()


# ---- SEQUENCE and UIDs over versions of course.yml --------------------------------------


# The lecture's YAML text with changes made, each (old, new) replacing text found once.
def lecture_text(*changes: tuple[str, str]) -> str:
    text = LECTURE.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# The lecture with one change made to its YAML text, validated like course.yml.
def lecture_with(old: str, new: str) -> Course:
    return load_text(lecture_text((old, new)))


# SEQUENCE of each series' VEVENTs (master and overrides) in the feed of `course` after `past` versions.
def sequences(course: Course, *past: Course) -> dict[str, list[int]]:
    versions = tuple(Version(resolve(c), datetime(2027, 3, 1 + i, tzinfo=UTC)) for i, c in enumerate(past))
    feed = calendar_files(resolve(course), Revision(datetime(2027, 4, 1, tzinfo=UTC), versions))["calendar.ics"]
    found: dict[str, list[int]] = {}
    for event in Calendar.from_ical(feed).events:
        found.setdefault(str(event["UID"]), []).append(int(event["SEQUENCE"]))
    return found


def test_sequence_counts_changes_of_a_series_only() -> None:
    original = lecture_with("    room: \"Raum 2.07\"", "    room: \"Raum 2.07\"")
    moved_room = lecture_with('room: "Seminarraum 1.12"', 'room: "Seminarraum 1.13"')
    extra_skip = lecture_with("skip: [2027-05-18]", "skip: [2027-05-18, 2027-07-13]")
    assert sequences(original, original) == {"date-exam@ml-2027s": [0], "series-lecture@ml-2027s": [0, 0],
                                             "series-exercise@ml-2027s": [0], "series-office-hours@ml-2027s": [0],
                                             "series-exercise-friday@ml-2027s": [0]}
    changed = sequences(extra_skip, original, moved_room)
    assert changed["series-lecture@ml-2027s"] == [2, 2]  # the override's room, then a skipped day
    assert changed["series-exercise@ml-2027s"] == changed["series-office-hours@ml-2027s"] == [0]


def test_reordering_series_keeps_uids_and_sequence() -> None:
    original = lecture_with("    room: \"Raum 2.07\"", "    room: \"Raum 2.07\"")
    data = lecture_data()
    reordered = course_from({**data, "series": list(reversed(data["series"]))})
    assert sequences(reordered, original) == sequences(original, original)


# ---- Edges ------------------------------------------------------------------------------


def test_holidays_are_named_in_the_course_language_where_the_package_has_it() -> None:
    names = {}
    for language in ("en", "de", "fr"):
        course = lecture_with("  language: de", f"  language: {language}")
        names[language] = {o.planned.date(): o.note for o in resolve(course).sessions if o.status == "holiday"}
    assert names["de"] == HOLIDAYS
    assert names["en"][date(2027, 5, 6)] == "Ascension Day"  # the package's en_US names
    assert names["fr"] == HOLIDAYS  # no French names for Germany: the package's own (German) ones


def test_a_first_day_between_series_days_starts_the_feed_at_the_next_one(tmp_path: Path) -> None:
    course = lecture_with("    first: 2027-04-13", "    first: 2027-04-14")
    feed = tmp_path / "calendar.ics"
    feed.write_bytes(calendar_files(resolve(course), Revision(datetime(2027, 4, 1, tzinfo=UTC)))["calendar.ics"])
    starts = sorted(s.start for s in expand_spans("icalendar", feed, tmp_path, "Europe/Berlin")
                    if s.uid == "series-lecture@ml-2027s")
    assert starts[0] == datetime(2027, 4, 15, 8, 15, tzinfo=UTC)
    assert len(starts) == len([o for o in expected_occurrences() if o[0] == "series-lecture@ml-2027s"]) - 1


# ---- Breaks, chosen holidays and a session's own title ------------------------------------

# The lecture with a week's break (Fronleichnam, 05-27, in it: the holiday wins) and a day's,
# office hours that go on in breaks, Christi Himmelfahrt taught (ignored by its English name,
# with odd case and spaces), and a lecture slot under its own title.
BREAKS_AND_TITLE = (
    ("holidays:\n", 'breaks:\n  - name: "Pfingstferien"\n    first: 2027-05-24\n    last: 2027-05-28\n'
                    '  - name: "Dies academicus"\n    first: 2027-06-08\nholidays:\n'),
    ("  subdivision: SL\n", '  subdivision: SL\n  ignore: ["ascension   DAY"]\n'),
    ('    room: "Raum 2.07"\n', '    room: "Raum 2.07"\n    breaks: false\n'),
    ("      - date: 2027-06-29\n", '      - date: 2027-07-01\n        title: "Zwischenklausur"\n'
                                   "      - date: 2027-06-29\n"),
)
MIDTERM = datetime(2027, 7, 1, 8, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def variant(tmp_path_factory: pytest.TempPathFactory) -> tuple[Course, Path]:
    """The lecture with breaks, an ignored holiday and a retitled session, and its feed as a file."""
    course = load_text(lecture_text(*BREAKS_AND_TITLE))
    path = tmp_path_factory.mktemp("variant-feed") / "calendar.ics"
    path.write_bytes(calendar_files(resolve(course), Revision(datetime(2027, 4, 1, tzinfo=UTC)))["calendar.ics"])
    return course, path


def test_breaks_leave_out_sessions_unless_a_series_goes_on_and_a_holiday_wins(variant: tuple[Course, Path]) -> None:
    states = {o.key: (o.status, o.note) for o in resolve(variant[0]).sessions}
    assert states["session:lecture:2027-05-25"] == ("break", "Pfingstferien")
    assert states["session:exercise:2027-05-24"] == ("break", "Pfingstferien")
    assert states["session:lecture:2027-05-27"] == ("holiday", "Fronleichnam")
    assert states["session:lecture:2027-06-08"] == ("break", "Dies academicus")
    assert states["session:office-hours:2027-05-26"] == ("planned", None)
    assert states["session:lecture:2027-05-06"] == ("planned", None)  # Christi Himmelfahrt, ignored
    expected = expected_occurrences(lecture_text(*BREAKS_AND_TITLE))
    lectures = [o for o in expected if o[0] == "series-lecture@ml-2027s"]
    assert len(lectures) == 28 - 1 - 1 - 1 - 2  # Fronleichnam, the skip, the cancellation, two break days


@pytest.mark.parametrize("reader", READER_CASES)
def test_reader_expands_breaks_and_chosen_holidays(reader: str, variant: tuple[Course, Path],
                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    spans = expand_spans(reader, variant[1], tmp_path_factory.mktemp(f"variant-{reader}"), "Europe/Berlin")
    assert shown(spans) == wanted(reader, lecture_text(*BREAKS_AND_TITLE))


def test_a_session_under_its_own_title_in_feed_pages_and_next_for_you(variant: tuple[Course, Path]) -> None:
    cal = Calendar.from_ical(variant[1].read_bytes())
    found = recurring_ical_events.of(cal).between(date(2027, 6, 28), date(2027, 7, 3))
    titles = {e.decoded("DTSTART").astimezone(UTC): str(e["SUMMARY"]) for e in found
              if str(e["UID"]) == "series-lecture@ml-2027s"}
    assert titles == {MIDTERM: "Zwischenklausur"}  # 06-29 is cancelled
    (override,) = [e for e in cal.events if e.get("RECURRENCE-ID") and e.decoded("DTSTART") == MIDTERM]
    assert str(override["SUMMARY"]) == "Zwischenklausur" and str(override["LOCATION"]) == "Hörsaal 0.05, E1 3"
    files = SiteOutput.build(resolve(variant[0]), today=date(2027, 6, 30)).files
    sessions, home = (str(files[f"{page}.md"]) for page in ("sessions", "index"))
    assert re.search(r"\| <span class=\"cg-mark\"[^>]*>[^<]*</span>Do\\., 1\\. Juli \| .*11:45</time></span></span> \| "
                     r"Zwischenklausur \| Hörsaal", sessions)
    assert '<a class="cg-next__what" href="sessions/#week-18">Zwischenklausur</a>' in home.split("<template", 1)[0]


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_sessions_page_names_the_break_in_every_language(language: str) -> None:
    course = load_text(lecture_text(*BREAKS_AND_TITLE, ("  language: de", f"  language: {language}")))
    page = str(SiteOutput.build(resolve(course), today=date(2027, 5, 5)).files["sessions.md"])
    label = labels(language)["session_break"]
    assert label.format(name="Pfingstferien") in page and label.format(name="Dies academicus") in page
    corpus_christi = "Corpus Christi" if language == "en" else "Fronleichnam"  # the package has no French names
    assert labels(language)["session_holiday"].format(name=corpus_christi) in page


# (course language, ignore entry): each names Christi Himmelfahrt, 2027-05-06.
ASCENSION = [("de", '"Christi Himmelfahrt"'), ("de", '"ascension day"'), ("en", '"Ascension  Day"'),
             ("en", '"christi himmelfahrt"'), ("fr", '"CHRISTI HIMMELFAHRT"'), ("fr", "2027-05-06")]


@pytest.mark.parametrize(("language", "entry"), ASCENSION)
def test_a_holiday_is_ignored_by_its_name_in_the_course_language_english_or_the_countrys(language: str,
                                                                                         entry: str) -> None:
    course = load_text(lecture_text(("  language: de", f"  language: {language}"),
                                    ("  subdivision: SL\n", f"  subdivision: SL\n  ignore: [{entry}]\n")))
    states = {o.planned.date(): o.status for o in resolve(course).sessions if o.planned}
    assert states[date(2027, 5, 6)] == "planned"
    assert states[date(2027, 5, 27)] == states[date(2027, 5, 17)] == "holiday"


def test_only_keeps_just_the_named_holidays() -> None:
    course = lecture_with("  subdivision: SL\n", '  subdivision: SL\n  only: ["Fronleichnam", "pentecost  monday"]\n')
    left_out = {o.planned.date(): o.note for o in resolve(course).sessions if o.status == "holiday" and o.planned}
    assert left_out == {date(2027, 5, 27): "Fronleichnam", date(2027, 5, 17): "Pfingstmontag"}


# The Mondays of the exercise group from February, under California's holidays: 2027-02-15 is
# Presidents' Day and Susan B. Anthony Day at once, which the package joins with "; ".
def _californian(ignore: str) -> dict[date, str | None]:
    course = load_text(lecture_text(("  country: DE\n  subdivision: SL\n",
                                     f"  country: US\n  subdivision: CA\n  ignore: {ignore}\n"),
                                    ("    first: 2027-04-12", "    first: 2027-02-01")))
    return {o.planned.date(): o.note for o in resolve(course).sessions
            if o.status == "holiday" and o.planned and o.series and o.series.id == "exercise"}


def test_one_of_two_holidays_of_a_day_can_be_ignored() -> None:
    both = date(2027, 2, 15)
    assert _californian('["Cesar Chavez Day"]')[both] == "Presidents' Day; Susan B. Anthony Day"
    assert _californian('["susan b. anthony day"]')[both] == "Presidents' Day"
    assert both not in _californian('["Susan B. Anthony Day", "Presidents\' Day"]')
    assert both not in _californian("[2027-02-15]")


def test_sessions_page_lists_every_exception_of_the_term_at_its_top(variant: tuple[Course, Path]) -> None:
    """Each holiday, break, skipped day, move, cancellation and retitled session is a line above the
    weeks, with its day and a link to its week; a cancelled one is struck through."""
    agenda = resolve(variant[0])
    page = str(SiteOutput.build(agenda, today=date(2027, 6, 30)).files["sessions.md"])
    top = page.split("{ #changes }", 1)[1].split("\n## ", 1)[0]
    changed = [o for o in agenda.sessions if o.status != "planned" or (o.series and o.title != o.series.title)]
    assert {"holiday", "break", "skipped", "moved", "cancelled", "planned"} == {o.status for o in changed}
    for o in changed:
        assert o.planned is not None and o.start is not None
        week = agenda.week_of(o.planned.date())
        lines = [line for line in top.splitlines() if line.startswith("- ")]
        day = markup.text(markup.weekday_date(o.planned.date(), labels("de")))
        line = next((line for line in lines if line.split("**")[1] == day), "")
        assert week is not None and f"](#week-{week.number}))" in line, o.key
        assert line.startswith("- <s>") == (o.status == "cancelled"), line
    assert page.index("{ #changes }") < page.index("{ #week-1 ")


def test_a_series_title_on_two_lines_is_one_line_in_every_summary() -> None:
    course = lecture_with('    title: "Vorlesung"', '    title: "Vorlesung\\n  Teil 1"')
    feed = calendar_files(resolve(course), Revision(datetime(2027, 4, 1, tzinfo=UTC)))["calendar/series-lecture.ics"]
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(feed).events] == ["Vorlesung Teil 1"] * 2  # calcurse drops a broken one
