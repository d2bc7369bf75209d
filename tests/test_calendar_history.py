"""SEQUENCE, LAST-MODIFIED and DTSTAMP from git history, in throwaway repositories.

Each test commits versions of the example course at fixed times, reads the
revision the way the MkDocs hook does (`read_revision`) and checks the feed the
engine writes from it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar
from support import EXAMPLE, git

from coursegen import load
from coursegen.agenda import resolve
from coursegen.ics import calendar_files
from coursegen.revisions import read_revision
from coursegen.yamlsource import parse

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


SITE = "sparse-neural-networks-lottery-tickets-pruning"
DAY = 86400
START = 1788264000  # 2026-09-01 12:00 UTC


# Write course.yml from plain data (or text) and commit it at a time.
def commit(repo: Path, content: dict | str, when: int) -> None:
    text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
    (repo / "course.yml").write_text(text, encoding="utf-8")
    git(repo, "add", "course.yml")
    git(repo, "commit", "-q", "-m", f"course at {when}", when=when)


# The example course as plain data (times and dates stay text, as course.yml has them).
def example() -> dict:
    return parse((EXAMPLE / "course.yml").read_text(encoding="utf-8")).data


# SEQUENCE and LAST-MODIFIED of every event of the feed built from the repo's course.yml.
def feed(repo: Path, env: dict[str, str] | None = None) -> dict[str, tuple[int, datetime]]:
    path = repo / "course.yml"
    ics = calendar_files(resolve(load(path)), read_revision(path, env or {}))["calendar.ics"]
    return {str(e["UID"]).split("@")[0]: (int(e["SEQUENCE"]), e["LAST-MODIFIED"].dt)
            for e in Calendar.from_ical(ics).events}


# A UTC datetime from POSIX seconds.
def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A new git repository holding one commit of the example course."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    commit(folder, example(), START)
    return folder


def test_first_version_has_sequence_zero_dated_by_its_commit(repo: Path) -> None:
    events = feed(repo)
    assert len(events) == 26  # 8 dates, 6 talks, 2 per-talk rules times 6 talks
    assert set(events.values()) == {(0, at(START))}
    assert read_revision(repo / "course.yml", {}).stamp == at(START)


def test_a_talks_own_dates_move_with_it_and_count_as_changed(repo: Path) -> None:
    course = example()
    course["schedule"]["days"][1]["date"] = "2027-03-31"  # the second day (talks t5 and t6) a day later
    commit(repo, course, START + DAY)
    events = feed(repo)
    moved = {f"talk-{slot}" for slot in ("t5", "t6")} | {
        f"date-{rule}.{slot}" for rule in ("slides-due", "review-questions") for slot in ("t5", "t6")}
    assert {name for name, change in events.items() if change == (1, at(START + DAY))} == moved
    assert {v for k, v in events.items() if k not in moved} == {(0, at(START))}
    ics = Calendar.from_ical(calendar_files(resolve(load(repo / "course.yml")), read_revision(repo / "course.yml", {}))[
        "calendar.ics"])
    starts = {str(e["UID"]).split("@")[0]: e.decoded("DTSTART") for e in ics.events}
    assert [starts[f"date-review-questions.{slot}"].isoformat() for slot in ("t4", "t5")] == [
        "2027-03-27T23:59:00+01:00", "2027-03-29T23:59:00+02:00"]


def test_sequence_rises_only_for_changed_events_and_never_falls(repo: Path) -> None:
    course = example()
    kickoff = course["dates"][0]
    history = []
    steps = [("start", "11:00"), ("start", "10:00"), None, ("title", "Kick-off")]
    for number, step in enumerate(steps, start=1):
        if step is None:
            course["dates"].reverse()  # reordering changes no event
        else:
            kickoff[step[0]] = step[1]
        commit(repo, course, START + number * DAY)
        history.append(feed(repo))
    assert [events["date-kickoff"][0] for events in history] == [1, 2, 2, 3]
    assert history[-1]["date-kickoff"][1] == at(START + 4 * DAY)
    for events in history:
        assert {v for k, v in events.items() if k != "date-kickoff"} == {(0, at(START))}


def test_versions_that_do_not_validate_are_skipped(repo: Path) -> None:
    course = example()
    commit(repo, "course: [this is not a course\n", START + DAY)
    course["dates"][1]["start"] = "13:00"
    commit(repo, course, START + 2 * DAY)
    assert len(read_revision(repo / "course.yml", {}).past) == 2
    assert feed(repo)["date-topic-choice"] == (1, at(START + 2 * DAY))


def test_an_uncommitted_change_counts_once(repo: Path) -> None:
    course = example()
    course["dates"][2]["title"] = "Review 1 (short)"
    path = repo / "course.yml"
    path.write_text(yaml.safe_dump(course, allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.utime(path, (START + DAY, START + DAY))
    assert read_revision(path, {}).stamp == at(START + DAY)
    assert feed(repo)["date-review-1"] == (1, at(START + DAY))
    commit(repo, course, START + 2 * DAY)
    assert feed(repo)["date-review-1"] == (1, at(START + 2 * DAY))


def test_source_date_epoch_fixes_the_stamp_and_caps_last_modified(repo: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": str(START - DAY)}
    path = repo / "course.yml"
    assert read_revision(path, env).stamp == at(START - DAY)
    ics = calendar_files(resolve(load(path)), read_revision(path, env))["calendar.ics"].decode("utf-8")
    assert "DTSTAMP:20260831T120000Z" in ics and "LAST-MODIFIED:20260831T120000Z" in ics


def test_without_git_every_sequence_is_zero(tmp_path: Path) -> None:
    path = tmp_path / "plain" / "course.yml"
    path.parent.mkdir()
    path.write_text((EXAMPLE / "course.yml").read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(path, (START, START))
    revision = read_revision(path, {})
    assert (revision.past, revision.shallow, revision.unread, revision.stamp) == ((), False, False, at(START))
    assert set(feed(path.parent).values()) == {(0, at(START))}


def test_a_shallow_clone_works_and_says_so(repo: Path, tmp_path: Path) -> None:
    course = example()
    course["dates"][0]["start"] = "11:00"
    commit(repo, course, START + DAY)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    revision = read_revision(clone / "course.yml", {})
    assert revision.shallow and not revision.unread and len(revision.past) == 1
    assert feed(clone)["date-kickoff"] == (0, at(START + DAY))
    assert not read_revision(repo / "course.yml", {}).shallow


def test_an_uncommitted_file_in_a_checkout_is_flagged(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "course.yml").write_text((EXAMPLE / "course.yml").read_text(encoding="utf-8"), encoding="utf-8")
    revision = read_revision(folder / "course.yml", {})
    assert revision.unread and revision.past == ()
    assert set(feed(folder).values()) == {(0, revision.stamp)}
