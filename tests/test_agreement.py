"""Warnings where the block course's date entry and the schedule's days disagree: shown by
`coursegen check` (exit status 0), by `mkdocs build --strict` (which still succeeds) and by the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import ROOT, copy_project, mkdocs_build, run_coursegen
from test_errors import MINIMAL
from test_series_errors import LECTURE, WITH_BREAKS
from test_serve import start_preview, stop, wait_until

from coursegen.cli import main
from coursegen.loader import CourseError, check, check_text

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


EXAMPLE = (ROOT / "tests" / "example" / "course.yml").read_text(encoding="utf-8")

# The minimal course with a block-course date in one room while the schedule's day is in another.
BLOCK_DATE = """\
  - id: block
    title: "Block course"
    date: 2027-03-29
    location: "Room 0.01"
  - id: report
"""
ROOMS = MINIMAL.replace("  - id: report\n", BLOCK_DATE, 1).replace("schedule:\n", 'schedule:\n  room: "Room 1.12"\n')
ROOM_WARNING = ("course.yml:30:15: warning: dates.1.location: the block course's date 'Block course' is in "
                "'Room 0.01', but the schedule holds day 1 (2027-03-29) in 'Room 1.12' (schedule.room, line 59) "
                "(name every room in location, e.g. \"Room 0.01; 2027-03-29: Room 1.12\", or fix the schedule's "
                "room)")


# The example course with `old` replaced by `new` once.
def example_with(old: str, new: str) -> str:
    assert EXAMPLE.count(old) == 1, old
    return EXAMPLE.replace(old, new)


# The warning lines of a course text.
def warnings_of(text: str) -> list[str]:
    return check_text(text).warning_lines("course.yml")


def test_the_fixtures_agree() -> None:
    """The fixture courses give no warning: a warning in every build would be noise."""
    for name in ("example", "seminar", "lecture", "minimal"):
        assert check(ROOT / "tests" / name / "course.yml").warnings == [], name


def test_a_room_that_the_date_does_not_name_is_a_located_warning_with_a_fix() -> None:
    assert warnings_of(ROOMS) == [ROOM_WARNING]


def test_the_examples_old_contradiction_is_found() -> None:
    """The example once said room 0.01 for the block course while day 2 is in room 1.12."""
    text = example_with('location: "Room 0.01 (day 2: Room 1.12)"', 'location: "Room 0.01"')
    [line] = warnings_of(text)
    assert line.startswith("course.yml:83:15: warning: dates.5.location: ")
    assert "holds day 2 (2027-03-30) in 'Room 1.12' (schedule.days.1.room, line 174)" in line


def test_other_days_and_another_start_are_warned_about_at_the_dates_fields() -> None:
    text = example_with("    date: 2027-03-29\n    end_date: 2027-03-30\n",
                        '    date: 2027-03-29\n    end_date: 2027-03-31\n    start: "08:45"\n    end: "17:00"\n')
    lines = warnings_of(text)
    assert [line.split(": ", 3)[2] for line in lines] == ["dates.5.end_date", "dates.5.start"]
    assert ("the block course's date 'Block course' ends on 2027-03-31, but the schedule's last day is 2027-03-30 "
            "(schedule.days.1.date, line 174) (write end_date: 2027-03-30, or fix the schedule's day)") in lines[0]
    assert ("starts at 08:45, but the schedule's first day starts at 09:00 (schedule.days.0.start, line 161) "
            "(write start: \"09:00\", or fix the schedule's start)") in lines[1]


def test_a_named_date_counts_even_when_its_days_miss_the_schedule() -> None:
    """With `schedule.date`, a block course moved by a week is still compared; unnamed, no date overlaps."""
    moved = example_with("    date: 2027-03-29\n    end_date: 2027-03-30\n",
                         "    date: 2027-04-12\n    end_date: 2027-04-13\n")
    assert warnings_of(moved) == []
    named = moved.replace('schedule:\n  room: "Room 0.01"', 'schedule:\n  date: block-course\n  room: "Room 0.01"')
    lines = warnings_of(named)
    assert [line.split(": ", 3)[2] for line in lines] == ["dates.5.date", "dates.5.end_date"]
    assert "starts on 2027-04-12, but the schedule's first day is 2027-03-29" in lines[0]


def test_a_tbd_date_named_for_a_scheduled_block_course_is_warned_about() -> None:
    text = example_with("    date: 2027-03-29\n    end_date: 2027-03-30\n",
                        '    status: tbd\n    hint: "semester break"\n')
    text = text.replace('schedule:\n  room: "Room 0.01"', 'schedule:\n  date: block-course\n  room: "Room 0.01"')
    [line] = warnings_of(text)
    assert ": warning: dates.5.status: the block course's date 'Block course' is still tbd, but the schedule has " \
           "days from 2027-03-29 (schedule.days, line " in line


def test_a_deadline_on_a_block_course_day_is_not_the_block_courses_date() -> None:
    """A hand-in due on the first day (an instant) is not compared with the day's room or start."""
    text = MINIMAL.replace("  - id: report\n", '  - id: due\n    title: "Slides due"\n    date: 2027-03-29\n'
                           '    start: "08:00"\n  - id: report\n', 1)
    assert warnings_of(text) == []


@pytest.mark.tier("engine")
def test_naming_a_missing_date_is_an_error() -> None:
    text = example_with('schedule:\n  room: "Room 0.01"', 'schedule:\n  date: block-cours\n  room: "Room 0.01"')
    with pytest.raises(CourseError) as caught:
        check_text(text)
    assert [p.format("course.yml") for p in caught.value.problems] == [
        "course.yml:154:9: schedule.date: no date has the id 'block-cours' (did you mean 'block-course'?)"]


def test_check_prints_the_warning_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_text(ROOMS, encoding="utf-8")
    result = run_coursegen("check", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, ROOM_WARNING + "\n")
    assert result.stdout == "course.yml: no mistakes (3 dates, 2 deliverables, 2 papers), 1 warning(s) above\n"


# ROOMS with a weekly reading group whose session of 2026-10-19 moves to a public holiday, and an
# image from another host in the description: a warning of every kind the file itself can give.
EVERY_WARNING = ROOMS.replace('  description: "What the seminar is about."',
                              '  description: "What the seminar is about. ![map](//maps.example/x.png)"') + """\
holidays:
  country: DE
series:
  - id: reading
    title: "Reading group"
    days: [monday]
    start: "10:00"
    end: "11:00"
    first: 2026-09-28
    last: 2026-10-26
    changes:
      - date: 2026-10-19
        new_date: 2026-10-03
"""


def test_strict_build_shows_the_warnings_and_still_builds(tmp_path: Path) -> None:
    """Logged by the hook at WARNING, outside MkDocs' counter: `--strict` does not turn them into errors."""
    lines = warnings_of(EVERY_WARNING)
    assert [line.split(": ", 3)[2] for line in lines] == [
        "course.description", "dates.1.location", "series.0.changes.0.new_date"]
    assert lines[1] == ROOM_WARNING
    assert "moves to 2026-10-03 10:00–11:00, a public holiday (German Unity Day)" in lines[2]
    project = copy_project(ROOT, tmp_path / "project", EVERY_WARNING)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert [line for line in result.output.splitlines() if ": warning: " in line] == [
        f"WARNING -  {line}" for line in lines]
    assert (tmp_path / "site" / "index.html").is_file()


def test_preview_shows_the_warning_and_the_pages(tmp_path: Path) -> None:
    preview = start_preview(tmp_path, ROOMS)
    try:
        wait_until(lambda: "Serving on" in preview.output(), "the preview to start")
        assert ROOM_WARNING in preview.output()
        assert "Minimal seminar" in preview.page("/")
        assert "--strict` stops on them" not in preview.output()
    finally:
        stop(preview)


# ---- Sessions that collide ----------------------------------------------------------------------

# The lecture's session of 2027-06-17, moved to Friday afternoon in another room.
MOVED = '        new_date: 2027-06-18\n        start: "14:15"\n        end: "15:45"\n        room: "Seminarraum 1.12"\n'
HOLIDAY_FIX = "(choose another day, or name the holiday under holidays.ignore if sessions take place on it)"

# (what, the course text, text replaced, its replacement, the warning lines)
COLLISIONS = [
    ("moved on top of the series' own session", LECTURE, MOVED, "        new_date: 2027-06-22\n",
     ["course.yml:44:19: warning: series.0.changes.0.new_date: the session of 2027-06-17 moves to 2027-06-22 "
      "10:15–11:45 in 'Hörsaal 0.05, E1 3', at the same time as the session of 'Vorlesung' on 2027-06-22 "
      "10:15–11:45 (series.0, line 33) (choose another day or time, or cancel one of the two)"]),
    ("moved on top of another moved session", LECTURE, "      - date: 2027-06-29\n",
     '      - date: 2027-06-24\n        new_date: 2027-06-18\n        start: "15:00"\n        end: "16:30"\n'
     "      - date: 2027-06-29\n",
     ["course.yml:50:19: warning: series.0.changes.1.new_date: the session of 2027-06-24 moves to 2027-06-18 "
      "15:00–16:30 in 'Hörsaal 0.05, E1 3', at the same time as the session of 'Vorlesung' of 2027-06-17, moved "
      "to 2027-06-18 14:15–15:45 (series.0.changes.0, line 43) (choose another day or time, or cancel one of "
      "the two)"]),
    ("moved onto a public holiday", LECTURE, "        new_date: 2027-06-18\n", "        new_date: 2027-05-17\n",
     ["course.yml:44:19: warning: series.0.changes.0.new_date: the session of 2027-06-17 moves to 2027-05-17 "
      "14:15–15:45 in 'Seminarraum 1.12', a public holiday (Pfingstmontag), which the series leaves out "
      f"(holidays.subdivision, line 28) {HOLIDAY_FIX}"]),
    ("moved onto a holiday of its own weekday", LECTURE, "        new_date: 2027-06-18\n",
     "        new_date: 2027-05-27\n",
     ["course.yml:44:19: warning: series.0.changes.0.new_date: the session of 2027-06-17 moves to 2027-05-27 "
      "14:15–15:45 in 'Seminarraum 1.12', a public holiday (Fronleichnam), which the series leaves out "
      f"(holidays.subdivision, line 28) {HOLIDAY_FIX}"]),
    ("moved into a break", WITH_BREAKS, "        new_date: 2027-06-18\n", "        new_date: 2027-05-25\n",
     ["course.yml:50:19: warning: series.0.changes.0.new_date: the session of 2027-06-17 moves to 2027-05-25 "
      "14:15–15:45 in 'Seminarraum 1.12', in the break Pfingstferien (breaks.0.first, line 28) (choose another "
      "day, or set breaks: false on the series if its sessions go on in breaks)"]),
    ("moved onto a holiday in a break: the holiday wins", WITH_BREAKS, "        new_date: 2027-06-18\n",
     "        new_date: 2027-05-27\n",
     ["course.yml:50:19: warning: series.0.changes.0.new_date: the session of 2027-06-17 moves to 2027-05-27 "
      "14:15–15:45 in 'Seminarraum 1.12', a public holiday (Fronleichnam), which the series leaves out "
      f"(holidays.subdivision, line 34) {HOLIDAY_FIX}"]),
    ("moved into another series' room at its time", LECTURE, MOVED,
     '        new_date: 2027-06-21\n        start: "12:00"\n        end: "13:30"\n        room: "seminarraum  0.01"\n',
     ["course.yml:47:15: warning: series.0.changes.0.room: the session of 2027-06-17 moves to 2027-06-21 "
      "12:00–13:30 in 'seminarraum  0.01', at the same time as the session of 'Übung' on 2027-06-21 12:15–13:45 "
      "in 'Seminarraum 0.01' (series.1, line 53) (choose another room or time)"]),
    ("two series in one room at once", LECTURE, '    days: [we]\n    start: "16:00"\n    end: "17:00"\n    first: '
     '2027-03-03\n    last: 2027-07-14\n    room: "Raum 2.07"\n', '    days: [th]\n    start: "11:00"\n    end: '
     '"12:00"\n    first: 2027-03-03\n    last: 2027-07-14\n    room: "Hörsaal 0.05, E1 3"\n',
     ["course.yml:70:11: warning: series.2.room: 'Sprechstunde' and 'Vorlesung' meet in 'Hörsaal 0.05, E1 3' at "
      "overlapping times on 10 days, first on 2027-04-15 (series.0.room, line 40) (give one of the series another "
      "room or time)"]),
    # Not collisions: the day is free, the series takes place on holidays or in breaks, other rooms.
    ("moved onto a cancelled session", LECTURE, MOVED, "        new_date: 2027-06-29\n", []),
    ("moved onto a skipped day", LECTURE, MOVED, "        new_date: 2027-05-18\n", []),
    ("moved onto an ignored holiday", LECTURE.replace("  subdivision: SL\n", "  subdivision: SL\n  ignore: [Pfingstmontag]\n"),
     "        new_date: 2027-06-18\n", "        new_date: 2027-05-17\n", []),
    ("a series that keeps no holidays", LECTURE.replace("new_date: 2027-06-18", "new_date: 2027-05-17"),
     "    skip: [2027-05-18]\n", "    skip: [2027-05-18]\n    holidays: false\n", []),
    ("a series that goes on in breaks", WITH_BREAKS.replace("new_date: 2027-06-18", "new_date: 2027-05-25"),
     "    skip: [2027-05-18]\n", "    skip: [2027-05-18]\n    breaks: false\n", []),
    ("two series at once in two rooms", LECTURE, '    days: [we]\n    start: "16:00"\n', '    days: [th]\n    start: "11:00"\n',
     []),
]


@pytest.mark.tier("engine")
@pytest.mark.parametrize(("text", "old", "new", "lines"), [c[1:] for c in COLLISIONS], ids=[c[0] for c in COLLISIONS])
def test_a_colliding_session_is_a_located_warning_naming_the_other_place(text: str, old: str, new: str,
                                                                         lines: list[str]) -> None:
    assert text.count(old) == 1, old
    assert warnings_of(text.replace(old, new)) == lines


def test_check_prints_a_collision_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, text, old, new, lines = COLLISIONS[2]
    (tmp_path / "course.yml").write_text(text.replace(old, new), encoding="utf-8")
    assert main(["check", str(tmp_path / "course.yml")]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [line.replace("course.yml", str(tmp_path / "course.yml"), 1) for line in lines]
    assert out.endswith(", 1 warning(s) above\n")
