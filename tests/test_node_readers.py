"""ts-ics and node-ical, parsers that web and Node calendar apps use, read every fixture feed.

Each reads the feed of each fixture site (example, lecture, seminar, minimal) and every file of
its calendar/ folder, all in one Node process (tests/node/readers_to_json.mjs), and must show
every event as icalendar does, at the instants zoneinfo gives for course.yml (worked out in
tests/properties.py, never by the engine), with every TZID taken from the file's own VTIMEZONE.
One test per reader and feed compares the whole feed and prints every event that differs; one
more compares the files of calendar/. The weekly series' sessions, as each repeats them, are in
tests/test_series.py (both are in `EXPANDING_READERS`).

What each reader gets wrong through a bug of its own that no feed avoids within RFC 5545 is
pinned in KNOWN: those events are left out of the comparisons above and checked by a strict
xfail of their own, which fails once the reader reads them right.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import properties
import pytest
from clients import NODE_PARSERS, Event, Read, read, read_many
from support import Build, BuiltSites

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

SITES = ["example", "lecture", "seminar", "us", "minimal"]

TSICS_ONSETS = (
    "ts-ics 2.4.6 puts each onset of a VTIMEZONE rule at 00:00 of its day and compares local times with "
    "onsets moved to UTC, so the first hours of a change day take the new offset: these deadlines end at "
    "00:00 on 2027-03-28, the day summer time starts, and come out an hour early, before they start")
# (reader, site) -> the events (UIDs before the '@') the reader shows wrongly, and why.
KNOWN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("ts-ics", "example"): (frozenset(f"date-review-questions.t{n}" for n in range(1, 5)), TSICS_ONSETS),
}

CASES = [pytest.param(reader, site, id=f"{reader}-{site}") for reader in NODE_PARSERS for site in SITES]
PINNED = [pytest.param(reader, site, id=f"{reader}-{site}", marks=pytest.mark.xfail(strict=True, reason=reason))
          for (reader, site), (_, reason) in KNOWN.items()]


# The part of a UID before the "@".
def name(event: Event) -> str:
    return event.uid.split("@", 1)[0]


@cache
def read_site(reader: str, site: Path) -> dict[Path, Read]:
    """The feed and every file of calendar/ as `reader` reads them, all in one process."""
    return read_many(reader, properties.calendars(site))


def reference(build: Build) -> list[Event]:
    """The feed's events as icalendar reads them, each VEVENT at the instants zoneinfo gives."""
    events = read("icalendar", build.site / "calendar.ics").events
    course = properties.read_course(build.project / "course.yml")
    want = Counter((n, *span) for n, e in properties.expected_events(course).items() for span in e.vevent_spans)
    shown = Counter((name(e), e.start, e.end) for e in events)
    assert shown == want, ("icalendar, the reference", sorted(shown - want), sorted(want - shown))
    return events


def differences(read: list[Event], want: list[Event]) -> list[str]:
    """Every event `read` shows other than `want` does: field by field where a UID has one such event."""
    extra, missing = Counter(read) - Counter(want), Counter(want) - Counter(read)
    lines = []
    for uid in sorted({e.uid for e in [*extra, *missing]}):
        shown, wanted = [e for e in extra if e.uid == uid], [e for e in missing if e.uid == uid]
        if len(shown) == len(wanted) == 1:
            lines += [f"{uid}: {field} read {getattr(shown[0], field)!r}, expected {getattr(wanted[0], field)!r}"
                      for field in Event.__dataclass_fields__ if getattr(shown[0], field) != getattr(wanted[0], field)]
        else:
            lines += [f"{uid}: read {e}" for e in shown] + [f"{uid}: expected {e}" for e in wanted]
    return lines


# Every difference in how `reader` shows a site's events whose names `keep` accepts, in the feed
# (`feed`) or in each file of calendar/.
def site_differences(reader: str, build: Build, feed: bool, keep: Callable[[str], bool]) -> list[str]:
    want = [e for e in reference(build) if keep(name(e))]
    problems = []
    for path, result in read_site(reader, build.site).items():
        in_feed = path == build.site / "calendar.ics"
        if in_feed != feed or not (in_feed or keep(path.stem)):
            continue
        label = path.relative_to(build.site).as_posix()
        problems += [f"{label}: TZID {tzid} is not from the file's VTIMEZONE" for tzid in result.unresolved_tzids]
        problems += [f"{label}: {line}" for line in differences(
            [e for e in result.events if keep(name(e))], [e for e in want if in_feed or name(e) == path.stem])]
    return problems


@pytest.mark.parametrize(("reader", "site"), CASES)
def test_reader_shows_every_event_of_the_feed_at_zoneinfo_instants(reader: str, site: str, built: BuiltSites) -> None:
    pinned = KNOWN.get((reader, site), (frozenset(), ""))[0]
    assert pinned <= {name(e) for e in reference(built(site))}, "a pinned event is not in the feed"
    problems = site_differences(reader, built(site), True, lambda event: event not in pinned)
    assert not problems, f"{reader} reads the {site} feed otherwise:\n" + "\n".join(problems)


@pytest.mark.parametrize(("reader", "site"), CASES)
def test_reader_shows_each_event_file_as_the_feed(reader: str, site: str, built: BuiltSites) -> None:
    pinned = KNOWN.get((reader, site), (frozenset(), ""))[0]
    problems = site_differences(reader, built(site), False, lambda event: event not in pinned)
    assert not problems, f"{reader} reads the {site} calendar/ files otherwise:\n" + "\n".join(problems)


@pytest.mark.parametrize(("reader", "site"), PINNED)
def test_reader_still_shows_its_pinned_events_wrongly(reader: str, site: str, built: BuiltSites) -> None:
    pinned = KNOWN[(reader, site)][0]
    problems = [line for feed in (True, False) for line in site_differences(reader, built(site), feed, pinned.__contains__)]
    assert not problems, "\n".join(problems)


def test_icaljs_reads_each_file_of_a_batch_with_its_own_time_zones_only(built: BuiltSites, tmp_path: Path) -> None:
    """ical.js reads many files in one process (read_many); a TZID one file leaves undefined stays
    unresolved though a file before it defined that zone, and each file reads as it does alone."""
    feed = built("lecture").site / "calendar.ics"
    bare = tmp_path / "no-vtimezone.ics"
    text = feed.read_bytes()
    bare.write_bytes(re.sub(rb"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r\n", b"", text, flags=re.DOTALL))
    assert b"BEGIN:VTIMEZONE" not in bare.read_bytes() and b"TZID=Europe/Berlin" in text
    together = read_many("ical.js", [feed, bare])
    assert together[feed] == read("ical.js", feed) and together[feed].unresolved_tzids == []
    assert together[bare] == read("ical.js", bare) and together[bare].unresolved_tzids == ["Europe/Berlin"]
