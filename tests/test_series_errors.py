"""Mistakes in weekly series and holidays: each gives its exact located message (line, column,
field, what is wrong and the fix), never a traceback. Each case changes the lecture fixture."""

from __future__ import annotations

import datetime as dt

import pytest
from support import FIXTURES
from test_errors import error_lines

from coursegen.agenda import resolve
from coursegen.agenda.holidays import course_years, public_holidays
from coursegen.agenda.weekly import most_sessions
from coursegen.limits import MAX_SESSIONS
from coursegen.loader import load_text

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


LECTURE = (FIXTURES["lecture"] / "course.yml").read_text(encoding="utf-8")
NIGHT = """  - id: night
    title: "Nachtsitzung"
    days: [sunday]
    start: "02:15"
    end: "02:45"
    first: 2027-03-21
    last: 2027-04-04
  - id: office-hours"""

# The lecture series' first and last days, room and skipped day: a skip on the first or last day of
# the series that is no day of its sessions is named as such, not as a day outside the series.
SERIES_DAYS = '    first: 2027-04-13\n    last: 2027-07-15\n    room: "Hörsaal 0.05, E1 3"\n    skip: [2027-05-18]\n'

# From the holidays' subdivision to the first day of the lecture series.
HOLIDAYS_TO_FIRST = LECTURE[LECTURE.index("  subdivision: SL\n"):LECTURE.index("    first: 2027-04-13\n") + 22]

# Eight series on every weekday of a year: more sessions together than a course may have.
CROWDED = "series:\n" + "".join(f"""  - id: s{n}
    title: "S"
    days: [monday, tuesday, wednesday, thursday, friday]
    start: "08:00"
    end: "09:00"
    first: 2027-01-04
    last: 2027-12-31
""" for n in range(8))

# (what, text replaced, its replacement, the error lines)
CASES = [
    ("unknown weekday", "days: [tuesday, thursday]", "days: [tuesday, thursdy]",
     ["35:21: series.0.days.1: 'thursdy' is not a weekday (did you mean 'thursday'?)"]),
    ("word that is no weekday", "days: [tuesday, thursday]", "days: [tuesday, weekly]",
     ["35:21: series.0.days.1: 'weekly' is not a weekday (use one of monday, tuesday, wednesday, thursday, "
      "friday, saturday, sunday)"]),
    ("weekday as a number", "days: [we]", "days: [3]",
     ["65:12: series.2.days.0: must be a weekday name such as tuesday, not a number (write it as a word)"]),
    ("end before start", '    end: "11:45"', '    end: "09:45"',
     ["37:10: series.0.end: end 09:45 is not after start 10:15 (fix the times; a session ends on the day it starts)"]),
    ("last before first", "    last: 2027-07-15", "    last: 2027-03-15",
     ["39:11: series.0.last: last 2027-03-15 is before first 2027-04-13 (swap them or fix the day)"]),
    ("first day years away", "    first: 2027-04-13\n", "    first: 2007-04-13\n",
     ["33:5: series.0: the series together would have more than 2,000 sessions (split the course, or remove series)",
      "38:12: series.0.first: 2007-04-13 is more than 10 years from the course's other dates (around 2027; fix the year)"]),
    ("last day years away", "    last: 2027-07-15", "    last: 2047-07-15",
     ["33:5: series.0: the series together would have more than 2,000 sessions (split the course, or remove series)",
      "39:11: series.0.last: 2047-07-15 is more than 10 years from the course's other dates (around 2027; fix the year)"]),
    ("end equal to start", '    end: "11:45"', '    end: "10:15"',
     ["37:10: series.0.end: end 10:15 is not after start 10:15 (fix the times; a session ends on the day it starts)"]),
    ("no day of the series between first and last", SERIES_DAYS,
     SERIES_DAYS.replace("2027-04-13", "2027-04-14").replace("2027-07-15", "2027-04-14"),
     ["35:11: series.0.days: no tuesday or thursday lies between 2027-04-14 and 2027-04-14 (fix the days or the dates)"]),
    ("skip date not on a series day", "skip: [2027-05-18]", "skip: [2027-05-19]",
     ["41:12: series.0.skip.0: 2027-05-19 is a wednesday, not a day of this series (tuesday, thursday) "
      "(skip only days of sessions)"]),
    ("skip date outside the series", "skip: [2027-05-18]", "skip: [2027-08-03]",
     ["41:12: series.0.skip.0: 2027-08-03 is outside the series (2027-04-13 to 2027-07-15) (skip only days of sessions)"]),
    ("skip of the first day, not a day of the series", SERIES_DAYS, SERIES_DAYS.replace("2027-04-13", "2027-04-12")
     .replace("[2027-05-18]", "[2027-04-12]"),
     ["41:12: series.0.skip.0: 2027-04-12 is a monday, not a day of this series (tuesday, thursday) "
      "(skip only days of sessions)"]),
    ("skip of the last day, not a day of the series", SERIES_DAYS, SERIES_DAYS.replace("2027-07-15", "2027-07-16")
     .replace("[2027-05-18]", "[2027-07-16]"),
     ["41:12: series.0.skip.0: 2027-07-16 is a friday, not a day of this series (tuesday, thursday) "
      "(skip only days of sessions)"]),
    ("change of a day that is no occurrence", "      - date: 2027-06-17", "      - date: 2027-06-16",
     ["43:15: series.0.changes.0.date: 2027-06-16 is a wednesday, not a day of this series (tuesday, thursday) "
      "(a change names the day a session was planned on)"]),
    ("change of a holiday", "      - date: 2027-06-17", "      - date: 2027-05-06",
     ["43:15: series.0.changes.0.date: 2027-05-06 has no session: it is a holiday (Christi Himmelfahrt) "
      "(remove the change)"]),
    ("moved session starting after the series' end", '        start: "14:15"\n        end: "15:45"\n', '        start: "12:15"\n',
     ["45:16: series.0.changes.0.start: the moved session's end 11:45 is not after its start 12:15 (fix the times)"]),
    ("moved session ending before its start", '        end: "15:45"\n', '        end: "13:45"\n',
     ["46:14: series.0.changes.0.end: the moved session's end 13:45 is not after its start 14:15 (fix the times)"]),
    ("change of a skipped day", "      - date: 2027-06-17", "      - date: 2027-05-18",
     ["43:15: series.0.changes.0.date: 2027-05-18 has no session: it is in skip (remove the change)"]),
    ("moved session as long as nothing", '        end: "15:45"\n', '        end: "14:15"\n',
     ["46:14: series.0.changes.0.end: the moved session's end 14:15 is not after its start 14:15 (fix the times)"]),
    ("cancelled, moved and retitled", "        cancelled: true", '        cancelled: true\n        room: "Raum 1"\n        title: "Klausur"',
     ["51:15: series.0.changes.1.room: a cancelled session is not moved (remove room, title, or set cancelled: false)"]),
    ("cancelled and moved", "        cancelled: true", '        cancelled: true\n        room: "Raum 1"',
     ["51:15: series.0.changes.1.room: a cancelled session is not moved (remove room, or set cancelled: false)"]),
    ("change that changes nothing", "        cancelled: true", "        cancelled: false",
     ["49:9: series.0.changes.1: a change moves the session, gives it a title or cancels it (add new_date, start, "
      "end, room or title, or cancelled: true)"]),
    ("cancelled and retitled", "        cancelled: true", '        cancelled: true\n        title: "Klausur"',
     ["51:16: series.0.changes.1.title: a cancelled session is not moved (remove title, or set cancelled: false)"]),
    ("skip of a holiday", "skip: [2027-05-18]", "skip: [2027-05-06]",
     ["41:12: series.0.skip.0: 2027-05-06 has no session: it is a holiday (Christi Himmelfahrt) (remove the skip)"]),
    ("ignored holiday misspelled", "  subdivision: SL\n", '  subdivision: SL\n  ignore: ["Christi Himmelfart"]\n',
     ["29:12: holidays.ignore.0: no public holiday is named 'Christi Himmelfart' in DE-SL in 2027 "
      "(did you mean 'Christi Himmelfahrt'?)"]),
    ("ignored holiday misspelled, sessions in two years", HOLIDAYS_TO_FIRST,
     HOLIDAYS_TO_FIRST.replace("  subdivision: SL\n", '  subdivision: SL\n  ignore: ["Christi Himmelfart"]\n')
     .replace("2027-04-13", "2026-04-14"),
     ["29:12: holidays.ignore.0: no public holiday is named 'Christi Himmelfart' in DE-SL in 2026 to 2027 "
      "(did you mean 'Christi Himmelfahrt'?)"]),
    ("ignored day that is no holiday", "  subdivision: SL\n", "  subdivision: SL\n  ignore: [2027-05-07]\n",
     ["29:12: holidays.ignore.0: 2027-05-07 is no public holiday in DE-SL in 2027 "
      "(the closest is 2027-05-06, Christi Himmelfahrt)"]),
    ("ignored name that is no holiday", "  subdivision: SL\n", '  subdivision: SL\n  ignore: ["Karneval"]\n',
     ["29:12: holidays.ignore.0: no public holiday is named 'Karneval' in DE-SL in 2027 "
      "(write the name as the sessions page shows it, or in English, or the day as YYYY-MM-DD)"]),
    ("ignored name that is no holiday of a whole country", "  subdivision: SL\n", '  ignore: ["Karneval"]\n',
     ["28:12: holidays.ignore.0: no public holiday is named 'Karneval' in DE in 2027 "
      "(write the name as the sessions page shows it, or in English, or the day as YYYY-MM-DD)"]),
    ("only name that is no holiday", "  subdivision: SL\n", '  subdivision: SL\n  only: ["Karneval"]\n',
     ["29:10: holidays.only.0: no public holiday is named 'Karneval' in DE-SL in 2027 "
      "(write the name as the sessions page shows it, or in English)"]),
    ("only with a day", "  subdivision: SL\n", '  subdivision: SL\n  only: ["Fronleichnam", "2027-05-06"]\n',
     ["29:26: holidays.only.1: no public holiday is named '2027-05-06' in DE-SL in 2027 "
      "(only names holidays, not days: did you mean 'Christi Himmelfahrt'?)"]),
    ("only and ignore", "  subdivision: SL\n", '  subdivision: SL\n  ignore: ["Fronleichnam"]\n  only: ["Pfingstmontag"]\n',
     ["30:3: holidays.only: give ignore or only, not both (only keeps just the holidays it names, ignore leaves "
      "out the ones it names: remove one of the two)"]),
    ("ignored holiday as a number", "  subdivision: SL\n", "  subdivision: SL\n  ignore: [17]\n",
     ["29:12: holidays.ignore.0: must be a holiday's name or its day as YYYY-MM-DD (write e.g. \"Columbus Day\" "
      "or 2027-10-11)"]),
    ("unknown subdivision", "  subdivision: SL", "  subdivision: SX",
     ["28:16: holidays.subdivision: DE has no subdivision 'SX' (use one of BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, "
      "RP, SH, SL, SN, ST, TH, Augsburg)"]),
    ("unknown country near known ones", "  country: DE", "  country: DEE",
     ["27:12: holidays.country: the holidays package knows no country 'DEE' (did you mean EE or DE or DEU?)"]),
    ("unknown country", "  country: DE", "  country: XY",
     ["27:12: holidays.country: the holidays package knows no country 'XY' (use an ISO 3166 code such as DE, AT or CH)"]),
    ("duplicate series id", "  - id: exercise\n", "  - id: lecture\n",
     ["53:9: series.1.id: duplicate id 'lecture' (also series[0]; ids must be unique, rename one)"]),
    ("absurdly many sessions", "    last: 2027-07-19", "    last: 2037-07-19",
     ["59:11: series.1.last: the series would have more than 500 sessions (check the years of first and last)"]),
    ("too many sessions together", "series:\n", CROWDED,
     ["80:5: series.7: the series together would have more than 2,000 sessions (split the course, or remove series)"]),
    ("a session in the skipped hour", "  - id: office-hours", NIGHT,
     ["66:12: series.2.start: the session of 2027-03-28: 2027-03-28 02:15 does not exist in Europe/Berlin: the "
      "clocks skip that hour (choose a time before or after the switch)"]),
    # Readers disagree on its end: icalendar and ical.js at 03:30, libical, calcurse and khal at 04:30.
    ("a session across the clock change", "  - id: office-hours", NIGHT.replace('"02:15"', '"01:30"').replace('"02:45"', '"03:30"'),
     ["67:10: series.2.end: the session of 2027-03-28 runs across the clock change of that night, 01:30 to 03:30: "
      "calendar apps disagree on when it ends (end it before the switch, or start it at 03:00 or later)"]),
]


# The lecture (77 sessions at most) and four series of 1,923 more at 07:00, from 2027-01-04: the
# course's most sessions, 2,000, then one more.
def _full(weeks_of_saturdays: int) -> str:
    def series(n: int, days: str, weeks: int) -> str:
        last = dt.date(2027, 1, 4) + dt.timedelta(weeks=weeks - 1)
        return (f'  - id: full{n}\n    title: "F"\n    days: [{days}]\n    start: "07:00"\n    end: "07:30"\n'
                f"    first: 2027-01-04\n    last: {last}\n")
    weekdays = "monday, tuesday, wednesday, thursday, friday"
    extra = "".join(series(n, weekdays, 100) for n in range(3)) + series(3, "saturday", weeks_of_saturdays)
    return LECTURE.replace("series:\n", "series:\n" + extra, 1)


def test_the_series_together_may_have_as_many_sessions_as_the_limit_and_not_one_more() -> None:
    course = load_text(_full(423))
    assert sum(most_sessions(series) for series in course.series) == MAX_SESSIONS
    assert error_lines(_full(424)) == [
        "100:5: series.7: the series together would have more than 2,000 sessions (split the course, or remove series)"]


def _never_resolved(course: object) -> None:
    raise AssertionError("the agenda of a course beyond the limits was resolved")


@pytest.mark.parametrize(("text", "line"), [
    (_full(424), "100:5: series.7: the series together would have more than 2,000 sessions (split the course, "
                 "or remove series)"),
    (LECTURE.replace("series:\n", 'series:\n  - id: long\n    title: "L"\n    days: [monday]\n    start: "07:00"\n'
                     '    end: "07:30"\n    first: 2027-01-04\n    last: 2036-08-04\n', 1),
     "37:11: series.0.last: the series would have more than 500 sessions (check the years of first and last)"),
])
def test_sessions_beyond_the_limits_are_refused_before_any_is_resolved(
        text: str, line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limits keep the checks fast: past them the agenda is not resolved at all (in sum over the
    series, or in one series alone), and the limit is the one error."""
    monkeypatch.setattr("coursegen.checks.resolve", _never_resolved)
    assert error_lines(text) == [line]


# The lecture with two breaks: Pfingstferien (a week with Fronleichnam in it) and one day.
WITH_BREAKS = LECTURE.replace("holidays:\n", """breaks:
  - name: "Pfingstferien"
    first: 2027-05-24
    last: 2027-05-28
  - name: "Dies academicus"
    first: 2027-06-08
holidays:
""", 1)

# (what, text replaced in WITH_BREAKS, its replacement, the error lines)
BREAK_CASES = [
    ("break that ends before it starts", "    last: 2027-05-28", "    last: 2027-05-20",
     ["29:11: breaks.0.last: last 2027-05-20 is before first 2027-05-24 (swap them or fix the day)"]),
    ("skip of a break day", "skip: [2027-05-18]", "skip: [2027-05-25]",
     ["47:12: series.0.skip.0: 2027-05-25 has no session: it is in the break Pfingstferien (remove the skip)"]),
    ("change of a break day", "      - date: 2027-06-17", "      - date: 2027-06-08",
     ["49:15: series.0.changes.0.date: 2027-06-08 has no session: it is in the break Dies academicus "
      "(remove the change)"]),
    ("change of a holiday in a break", "      - date: 2027-06-17", "      - date: 2027-05-27",
     ["49:15: series.0.changes.0.date: 2027-05-27 has no session: it is a holiday (Fronleichnam) (remove the change)"]),
    ("last day of a break years away", "    last: 2027-05-28", "    last: 2047-05-28",
     ["29:11: breaks.0.last: 2047-05-28 is more than 10 years from the course's other dates (around 2027; fix the year)",
      "49:15: series.0.changes.0.date: 2027-06-17 has no session: it is in the break Pfingstferien (remove the change)",
      "55:15: series.0.changes.1.date: 2027-06-29 has no session: it is in the break Pfingstferien (remove the change)"]),
    ("break years away", "    first: 2027-06-08", "    first: 2047-06-08",
     ["31:12: breaks.1.first: 2047-06-08 is more than 10 years from the course's other dates (around 2027; "
      "fix the year)"]),
]


@pytest.mark.parametrize(("text", "old", "new", "lines"),
                         [(LECTURE, *c[1:]) for c in CASES] + [(WITH_BREAKS, *c[1:]) for c in BREAK_CASES],
                         ids=[c[0] for c in CASES + BREAK_CASES])
def test_series_mistake_gives_exact_message(text: str, old: str, new: str, lines: list[str]) -> None:
    assert text.count(old) == 1, old
    assert error_lines(text.replace(old, new)) == lines


def test_a_break_may_end_on_its_first_day() -> None:
    course = load_text(WITH_BREAKS.replace("    first: 2027-06-08\n", "    first: 2027-06-08\n    last: 2027-06-08\n"))
    assert [(b.first, b.last) for b in course.breaks] == [(dt.date(2027, 5, 24), dt.date(2027, 5, 28)),
                                                          (dt.date(2027, 6, 8), dt.date(2027, 6, 8))]


def test_breaks_and_chosen_holidays_are_valid_where_they_name_real_days() -> None:
    office_hours = "    room: \"Raum 2.07\"\n"
    text = WITH_BREAKS.replace(office_hours, office_hours + "    breaks: false\n    changes:\n"
                               "      - date: 2027-05-26\n        room: \"Raum 2.08\"\n")  # a session in the break
    text = text.replace("  subdivision: SL\n", '  subdivision: SL\n  ignore: [" ascension  DAY", 2027-05-27]\n')
    text = text.replace("      - date: 2027-06-17", "      - date: 2027-05-06\n        title: \"Probeklausur\"\n"
                        "      - date: 2027-06-17")  # a session on the ignored holiday
    states = {o.key: (o.status, o.title) for o in resolve(load_text(text)).sessions}
    assert states["session:office-hours:2027-05-26"] == ("moved", "Sprechstunde")
    assert states["session:lecture:2027-05-06"] == ("planned", "Probeklausur")
    assert states["session:lecture:2027-05-27"] == ("break", "Vorlesung")  # an ignored holiday in a break


def test_every_series_mistake_at_once() -> None:
    text = LECTURE.replace("subdivision: SL", "subdivision: SX").replace("skip: [2027-05-18]", "skip: [2027-05-19]")
    assert [line.split(": ")[0] for line in error_lines(text)] == ["28:16", "41:12"]


def test_holidays_of_a_country_without_names_in_the_course_language_are_named_in_the_countrys_own() -> None:
    """Not in the building machine's language: the holidays package would follow LANG without a language."""
    course = load_text(LECTURE.replace("  country: DE\n  subdivision: SL\n", "  country: JP\n"))
    assert [(h.day, h.name) for h in public_holidays(course, course_years(course))][:3] == [
        (dt.date(2027, 1, 1), "元日"), (dt.date(2027, 1, 11), "成人の日"), (dt.date(2027, 2, 11), "建国記念の日")]


def test_holidays_of_a_country_whose_names_have_no_translations_are_in_its_own_language() -> None:
    course = load_text(LECTURE.replace("  country: DE\n  subdivision: SL\n", "  country: BS\n"))
    assert [(h.day, h.name) for h in public_holidays(course, course_years(course))][:2] == [
        (dt.date(2027, 1, 1), "New Year's Day"), (dt.date(2027, 1, 10), "Majority Rule Day")]


HOLIDAYS = "  country: DE\n  subdivision: SL\n"


@pytest.mark.parametrize(("holidays", "series", "line"), [
    ("  country: ABA\n", "", "27:12: holidays.country: the holidays package knows no country 'ABA' "
                             "(did you mean BA or GAB or BWA?)"),  # ten codes are near: the three nearest
    ("  country: AX\n  subdivision: SL\n", "", "28:16: holidays.subdivision: AX has no subdivision 'SL' "
                                               "(use one of none: leave subdivision out)"),
    (HOLIDAYS + '  ignore: ["Ostersonntag"]\n',
     '  - id: long\n    title: "Long"\n    days: [monday]\n    start: "07:00"\n    end: "07:30"\n'
     "    first: 2026-12-28\n    last: 2028-01-03\n",
     "29:12: holidays.ignore.0: no public holiday is named 'Ostersonntag' in DE-SL in 2026 to 2028 "
     "(did you mean 'Ostermontag'?)"),
])
def test_holiday_rules_name_what_is_known(holidays: str, series: str, line: str) -> None:
    """The nearest three countries the holidays package knows; a country without subdivisions
    says so; the years a name is looked up in, from the first to the last of three."""
    assert HOLIDAYS in LECTURE
    text = LECTURE.replace(HOLIDAYS, holidays, 1).replace("series:\n", "series:\n" + series, 1)
    assert error_lines(text) == [line]
