"""Edges of the weekly series and the days they leave out, checked on the engine's agenda for
changed fixture courses: where each session comes from in course.yml, the name a holiday or a break
gives the day it takes, holiday names in the course language, a week without a session, the week
of a one-week series, and the days a date of several days covers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from support import EXAMPLE, LECTURE
from test_ics_edges import course_data, course_from

from coursegen.agenda import resolve
from coursegen.agenda.block import covered_days
from coursegen.agenda.holidays import public_holidays
from coursegen.agenda.now import this_week
from coursegen.model import Course

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


# The lecture course (German, holidays of DE-SL), changed.
def lecture(change: Any = None) -> Course:
    data = course_data(LECTURE)
    if change:
        change(data)
    return course_from(data)


def _with_break(data: dict[str, Any]) -> None:
    data["breaks"] = [{"name": "Pfingstferien", "first": "2027-05-24", "last": "2027-05-28"}]
    for series in data["series"]:
        series["breaks"] = True


def test_each_session_names_its_series_and_the_day_off_its_reason() -> None:
    agenda = resolve(lecture(_with_break))
    by_status: dict[str, list[tuple[str, dt.date, str | None]]] = {}
    for index, plan in enumerate(agenda.series):
        series = agenda.course.series[index]
        for o in plan:
            assert o.source[:2] == ("series", index), o.key
            assert o.planned is not None
            by_status.setdefault(o.status, []).append((series.id, o.planned.date(), o.note))
    # A holiday wins over a break (Fronleichnam, 05-27, lies in the break).
    assert sorted(by_status["holiday"]) == [("exercise", dt.date(2027, 5, 17), "Pfingstmontag"),
                                            ("lecture", dt.date(2027, 5, 6), "Christi Himmelfahrt"),
                                            ("lecture", dt.date(2027, 5, 27), "Fronleichnam")]
    assert sorted(by_status["break"]) == [("exercise", dt.date(2027, 5, 24), "Pfingstferien"),
                                          ("exercise-friday", dt.date(2027, 5, 28), "Pfingstferien"),
                                          ("lecture", dt.date(2027, 5, 25), "Pfingstferien"),
                                          ("office-hours", dt.date(2027, 5, 26), "Pfingstferien")]
    assert by_status["skipped"] == [("lecture", dt.date(2027, 5, 18), None)]


def test_a_holiday_is_named_in_the_course_language() -> None:
    def english(data: dict[str, Any]) -> None:
        data["course"]["language"] = "en"

    names = {h.day: h.name for h in public_holidays(lecture(english), (2027,))}
    assert names[dt.date(2027, 5, 6)] == "Ascension Day"
    names = {h.day: h.name for h in public_holidays(lecture(), (2027,))}
    assert names[dt.date(2027, 5, 6)] == "Christi Himmelfahrt"


def test_a_course_without_holidays_has_none() -> None:
    def without(data: dict[str, Any]) -> None:
        del data["holidays"]

    assert public_holidays(lecture(without), (2027,)) == ()
    assert public_holidays(lecture(), ()) == ()


def test_a_week_whose_only_session_moved_out_is_empty() -> None:
    def moved_out(data: dict[str, Any]) -> None:
        data["series"] = [s for s in data["series"] if s["id"] == "exercise"]
        data["series"][0]["changes"] = [{"date": "2027-04-19", "new_date": "2027-04-30"}]
        data["series"][0].pop("choose_one")  # one group left

    weeks = resolve(lecture(moved_out)).weeks
    empty = [w for w in weeks if not w.sessions]
    assert [(w.number, w.monday, w.sessions) for w in empty] == [(2, dt.date(2027, 4, 19), [])]
    # The moved session is held in the week it moved to, beside that week's own.
    assert sorted(o.planned.date() for o in weeks[2].sessions if o.planned) == [dt.date(2027, 4, 19),
                                                                                dt.date(2027, 4, 26)]


def test_a_one_week_series_is_this_week_before_and_during_it() -> None:
    def one_week(data: dict[str, Any]) -> None:
        data["series"] = [s for s in data["series"] if s["id"] == "lecture"]
        data["series"][0].update(first="2027-04-13", last="2027-04-15", skip=[], changes=[])

    agenda = resolve(lecture(one_week))
    assert len(agenda.weeks) == 1
    for day in (dt.date(2027, 4, 1), dt.date(2027, 4, 12), dt.date(2027, 4, 18)):
        week = this_week(agenda, day)
        assert week is not None and week.monday == dt.date(2027, 4, 12)
    assert this_week(agenda, dt.date(2027, 4, 19)) is None


def test_a_date_of_several_days_covers_each_of_them() -> None:
    course = lecture(lambda data: data["dates"].append(
        {"id": "retreat", "title": "Retreat", "date": "2027-06-01", "end_date": "2027-06-03"}))
    retreat = next(d for d in course.dates if d.id == "retreat")
    assert covered_days(retreat) == [dt.date(2027, 6, 1), dt.date(2027, 6, 2), dt.date(2027, 6, 3)]
    exam = next(d for d in course.dates if d.id == "exam")
    assert covered_days(exam) == [dt.date(2027, 7, 27)]


def test_only_the_holidays_named_in_only_are_left_out() -> None:
    def only(data: dict[str, Any]) -> None:
        data["holidays"]["only"] = ["Christi Himmelfahrt"]

    lecture_sessions = resolve(lecture(only)).series[0]
    status = {o.planned.date(): o.status for o in lecture_sessions if o.planned}
    assert status[dt.date(2027, 5, 6)] == "holiday"
    assert status[dt.date(2027, 5, 27)] == "planned"  # Fronleichnam, not named


def test_a_one_day_series_on_a_holiday_has_its_session_left_out() -> None:
    def one_day(data: dict[str, Any]) -> None:
        data["series"] = [s for s in data["series"] if s["id"] == "lecture"]
        data["series"][0].update(first="2027-05-06", last="2027-05-06", skip=[], changes=[])

    (session,) = resolve(lecture(one_day)).series[0]
    assert (session.status, session.note) == ("holiday", "Christi Himmelfahrt")


def test_a_talk_of_its_own_length_and_discussion_moves_what_follows() -> None:
    data = course_data(EXAMPLE)
    talk = next(item for item in data["schedule"]["days"][0]["program"] if item.get("slot") == "t1")
    before = {o.slot: (o.start, o.end) for d in resolve(course_from(data)).days for o in d.talks}
    talk["discussion_minutes"] = 5
    after = {o.slot: (o.start, o.end) for d in resolve(course_from(data)).days for o in d.talks}
    assert after["t1"][0] == before["t1"][0]
    assert after["t1"][1] == before["t1"][1] - dt.timedelta(minutes=5)  # 30 + 5 instead of 30 + 10
    assert after["t2"][0] == before["t2"][0] - dt.timedelta(minutes=5)
