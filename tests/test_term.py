"""A whole term, commit by commit: what subscribers of the calendar and the news see.

The term's states are full course files under tests/term/, in order, each one edit an
instructor makes (kick-off fixed and news posted, review deadlines, the block course,
two talks swapped, presenters shown, a date renamed, a talk dropped, the report deadline
fixed and a news item corrected, a talk moved to the next day; every state keeps the
seminar's per-talk date, slides for feedback 7 days before each talk). They are committed one by one, at increasing times,
to a temporary git repository that starts from the frozen seminar; after every commit a
strict build must pass the checks true of every course (tests/properties.py), and the
published feeds must read, to a subscriber, as one calendar that only ever moves on:

* every event whose date or talk slot is still in the course keeps its UID;
* SEQUENCE rises for each event a subscriber would see changed (times, title, place,
  notes, status), stays put for every other one, and never falls;
* DTSTAMP never falls; the news entries keep their Atom ids.

What counts as "changed" is read off the two parsed calendars here, not from the engine.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

import feedparser
import properties
import pytest
import yaml
from icalendar import Calendar
from support import SEMINAR, copy_project, git

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)


TERM = Path(__file__).parent / "term"
STATES = sorted(TERM.glob("[0-9][0-9]-*.yml"))
# What a subscriber sees of an event; a change to any of these must raise SEQUENCE.
VISIBLE = ("DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS", "TRANSP")
START = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Seen:
    """One event of the published feed, as a subscriber's client stores it."""

    sequence: int
    stamp: dt.datetime
    visible: tuple[bytes, ...]


def published(site: Path) -> dict[str, Seen]:
    """The feed's events by UID."""
    cal = Calendar.from_ical((site / "calendar.ics").read_bytes())
    return {str(e["UID"]): Seen(int(e.get("SEQUENCE", 0)), e.decoded("DTSTAMP"),
                                tuple(e[name].to_ical() if name in e else b"" for name in VISIBLE))
            for e in cal.events}


def items(course_file: Path) -> set[str]:
    """What should be in the feed, read from the file: the names of its events' UIDs (`date-<id>`,
    `talk-<slot>`, `date-<rule>.<slot>` for each per-talk rule and talk)."""
    return set(properties.expected_events(properties.read_course(course_file)))


def news_ids(site: Path) -> dict[str, str]:
    """Atom entry ids of the news feed, by the news item they link to."""
    feed = feedparser.parse((site / "news.xml").read_bytes())
    return {entry.link.rsplit("#", 1)[1]: entry.id for entry in feed.entries}


def test_the_states_form_a_term() -> None:
    assert len(STATES) >= 8
    assert [int(p.name[:2]) for p in STATES] == list(range(1, len(STATES) + 1))
    for path in STATES:
        properties.check_passes(path)


@pytest.fixture(scope="module")
def term(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path, Path]]:
    """The term committed state by state; each state's name, course file and strictly built site."""
    root = tmp_path_factory.mktemp("term")
    repo = copy_project(SEMINAR, root / "repo")
    git(repo, "init", "-q", "-b", "main")
    states = [("00-seminar", SEMINAR / "course.yml"), *((p.stem, p) for p in STATES)]
    built = []
    for number, (name, source) in enumerate(states):
        (repo / "course.yml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", name, when=START + dt.timedelta(days=7 * number, minutes=number))
        site = root / f"site-{name}"
        properties.all_properties(repo, site)
        if number == len(states) - 1:
            properties.rebuild_is_identical(repo, site, root / "again")
        (root / f"{name}.yml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        built.append((name, root / f"{name}.yml", site))
    return built


def test_every_state_passes_the_checks_true_of_every_course(term: list[tuple[str, Path, Path]]) -> None:
    assert len(term) == len(STATES) + 1


def test_the_feed_holds_exactly_the_dated_items_under_one_site_id(term: list[tuple[str, Path, Path]]) -> None:
    for name, course_file, site in term:
        uids = published(site)
        assert {uid.split("@", 1)[0] for uid in uids} == items(course_file), name
        assert len({uid.split("@", 1)[1] for uid in uids}) <= 1, name


def test_subscribers_see_one_calendar_that_moves_on(term: list[tuple[str, Path, Path]]) -> None:
    changed_somewhere = 0
    for (_, before_file, before_site), (name, after_file, after_site) in itertools.pairwise(term):
        before, after = published(before_site), published(after_site)
        kept = items(before_file) & items(after_file)
        by_key = {uid.split("@", 1)[0]: uid for uid in before}
        for key in kept:
            assert by_key[key] in after, f"{name}: {key} lost its UID {by_key[key]}"
        changes = []
        for uid in before.keys() & after.keys():
            old, new = before[uid], after[uid]
            assert new.stamp >= old.stamp, f"{name}: DTSTAMP of {uid} fell"
            seen = [field for field, a, b in zip(VISIBLE, old.visible, new.visible, strict=True) if a != b]
            if seen:
                changes.append(uid)
                assert new.sequence > old.sequence, f"{name}: {uid} changed {seen} but SEQUENCE stayed"
            else:
                assert new.sequence == old.sequence, f"{name}: {uid} did not change but SEQUENCE moved"
        if before and after:
            assert min(e.stamp for e in after.values()) >= max(e.stamp for e in before.values()), name
        assert changes or after.keys() != before.keys(), f"{name} changed nothing in the calendar"
        changed_somewhere += len(changes)
    assert changed_somewhere >= 5


def test_a_per_talk_date_moves_with_its_talk(term: list[tuple[str, Path, Path]]) -> None:
    states = {name: published(site) for name, _, site in term}
    assert not any(".t" in uid for uid in states["00-seminar"])  # no talk yet: no per-talk event
    talk, derived = "talk-t4@dlo-2026w", "date-slides-feedback.t4@dlo-2026w"
    before, after = states["08-report-and-news-fix"], states["09-talk-moved"]
    for uid in (talk, derived):
        assert after[uid].visible[0] != before[uid].visible[0], uid  # DTSTART moved a day on
        assert after[uid].sequence > before[uid].sequence, uid
    assert before[derived].visible[0] == b"20270215T120000" and after[derived].visible[0] == b"20270216T120000"
    assert after["date-slides-feedback.t1@dlo-2026w"].sequence == before["date-slides-feedback.t1@dlo-2026w"].sequence


def test_news_entries_keep_their_ids(term: list[tuple[str, Path, Path]]) -> None:
    first: dict[str, str] = {}
    for name, course_file, site in term:
        ids = news_ids(site)
        news = yaml.safe_load(course_file.read_text(encoding="utf-8"))["news"] or []
        assert sorted(ids) == sorted(n["id"] for n in news), name
        for item, entry_id in ids.items():
            assert first.setdefault(item, entry_id) == entry_id, f"{name}: news {item} got a new id"
        assert len(set(ids.values())) == len(ids)
    assert first, "the term posts no news"

