"""Mistakes in weekly series and holidays: each gives its exact located message (line, column,
field, what is wrong and the fix), never a traceback. Each case changes the lecture fixture."""

from __future__ import annotations

import pytest
from support import FIXTURES
from test_errors import error_lines

LECTURE = (FIXTURES["lecture"] / "course.yml").read_text(encoding="utf-8")
NIGHT = """  - id: night
    title: "Nachtsitzung"
    days: [sunday]
    start: "02:15"
    end: "02:45"
    first: 2027-03-21
    last: 2027-04-04
  - id: office-hours"""

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
    ("weekday as a number", "days: [we]", "days: [3]",
     ["64:12: series.2.days.0: must be a weekday name such as tuesday (write it as a word, not a number)"]),
    ("end before start", '    end: "11:45"', '    end: "09:45"',
     ["37:10: series.0.end: end 09:45 is not after start 10:15 (fix the times; a session ends on the day it starts)"]),
    ("last before first", "    last: 2027-07-15", "    last: 2027-03-15",
     ["39:11: series.0.last: last 2027-03-15 is before first 2027-04-13 (swap them or fix the day)"]),
    ("skip date not on a series day", "skip: [2027-05-18]", "skip: [2027-05-19]",
     ["41:12: series.0.skip.0: 2027-05-19 is a wednesday, not a day of this series (tuesday, thursday) "
      "(skip only days of sessions)"]),
    ("skip date outside the series", "skip: [2027-05-18]", "skip: [2027-08-03]",
     ["41:12: series.0.skip.0: 2027-08-03 is outside the series (2027-04-13 to 2027-07-15) (skip only days of sessions)"]),
    ("change of a day that is no occurrence", "      - date: 2027-06-17", "      - date: 2027-06-16",
     ["43:15: series.0.changes.0.date: 2027-06-16 is a wednesday, not a day of this series (tuesday, thursday) "
      "(a change names the day a session was planned on)"]),
    ("change of a holiday", "      - date: 2027-06-17", "      - date: 2027-05-06",
     ["43:15: series.0.changes.0.date: 2027-05-06 has no session: it is a holiday (Christi Himmelfahrt) "
      "(remove the change)"]),
    ("cancelled and moved", "        cancelled: true", '        cancelled: true\n        room: "Raum 1"',
     ["51:15: series.0.changes.1.room: a cancelled session is not moved (remove room, or set cancelled: false)"]),
    ("change that changes nothing", "        cancelled: true", "        cancelled: false",
     ["49:9: series.0.changes.1: a change moves the session or cancels it (add new_date, start, end or room, "
      "or cancelled: true)"]),
    ("unknown subdivision", "  subdivision: SL", "  subdivision: SX",
     ["28:16: holidays.subdivision: DE has no subdivision 'SX' (use one of BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, "
      "RP, SH, SL, SN, ST, TH, Augsburg)"]),
    ("unknown country", "  country: DE", "  country: XY",
     ["27:12: holidays.country: the holidays package knows no country 'XY' (use an ISO 3166 code such as DE, AT or CH)"]),
    ("duplicate series id", "  - id: exercise", "  - id: lecture",
     ["53:9: series.1.id: duplicate id 'lecture' (also series[0]; ids must be unique, rename one)"]),
    ("absurdly many sessions", "    last: 2027-07-19", "    last: 2037-07-19",
     ["59:11: series.1.last: the series would have more than 500 sessions (check the years of first and last)"]),
    ("too many sessions together", "series:\n", CROWDED,
     ["80:5: series.7: the series together would have more than 2,000 sessions (split the course, or remove series)"]),
    ("a session in the skipped hour", "  - id: office-hours", NIGHT,
     ["65:12: series.2.start: the session of 2027-03-28: 2027-03-28 02:15 does not exist in Europe/Berlin: the "
      "clocks skip that hour (choose a time before or after the switch)"]),
    # Readers disagree on its end: icalendar and ical.js at 03:30, libical, calcurse and khal at 04:30.
    ("a session across the clock change", "  - id: office-hours", NIGHT.replace('"02:15"', '"01:30"').replace('"02:45"', '"03:30"'),
     ["66:10: series.2.end: the session of 2027-03-28 runs across the clock change of that night, 01:30 to 03:30: "
      "calendar apps disagree on when it ends (end it before the switch, or start it at 03:00 or later)"]),
]


@pytest.mark.parametrize(("old", "new", "lines"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_series_mistake_gives_exact_message(old: str, new: str, lines: list[str]) -> None:
    assert LECTURE.count(old) == 1, old
    assert error_lines(LECTURE.replace(old, new)) == lines


def test_every_series_mistake_at_once() -> None:
    text = LECTURE.replace("subdivision: SL", "subdivision: SX").replace("skip: [2027-05-18]", "skip: [2027-05-19]")
    assert [line.split(": ")[0] for line in error_lines(text)] == ["28:16", "41:12"]
