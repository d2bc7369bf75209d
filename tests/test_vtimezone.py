"""The generated VTIMEZONE is read by calendar clients the way zoneinfo reads the zone.

Each zone gets a small VCALENDAR holding only the generated VTIMEZONE and
events at awkward local times (around the DST changes, summer, winter, the
first and last hours of the years asked).  Their UTC start is compared with
zoneinfo's as read by icalendar (through dateutil and through its own pytz
transitions), by vobject, by ical.js, Thunderbird's parser, through
``tests/node/ics_to_json.mjs``, and by ts-ics, which loses the first onset of
each rule, so every time must be preceded by a later one.

The Node checks skip when ``node`` or ``tests/node/node_modules`` is
missing (run ``npm ci`` in ``tests/node``), but fail instead when CI=true.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest
import vobject
from clients import HARNESS, node_or_skip, node_reader
from icalendar import Calendar, Component, Event, Timezone
from icalendar.timezone import TZP

from coursegen.vtimezone import LEAD_YEARS, vtimezone

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

YEARS = range(2026, 2029)

# Local wall-clock times every zone is checked at (none is skipped or doubled
# by a change in these zones): the European change weekends of 2027, a winter
# and a summer day, the first and last half hours of the years asked.
COMMON_TIMES = [
    datetime(2026, 1, 1, 0, 30),
    datetime(2027, 1, 15, 12, 0),
    datetime(2027, 3, 27, 10, 0),
    datetime(2027, 3, 28, 10, 0),
    datetime(2027, 7, 15, 12, 0),
    datetime(2027, 10, 30, 10, 0),
    datetime(2027, 10, 31, 10, 0),
    datetime(2028, 12, 31, 23, 30),
]


class Case(NamedTuple):
    """A zone, the years its VTIMEZONE is made for and the local times checked."""

    zone: str
    years: range
    times: list[datetime]


CASES = [
    Case("Europe/Berlin", YEARS, COMMON_TIMES + [
        datetime(2026, 3, 29, 3, 0),
        datetime(2027, 3, 28, 1, 59),
        datetime(2027, 3, 28, 3, 0),
        datetime(2027, 10, 31, 1, 59),
        datetime(2027, 10, 31, 3, 0),
        datetime(2028, 10, 29, 3, 0),
    ]),
    Case("America/New_York", YEARS, COMMON_TIMES + [
        datetime(2027, 3, 14, 1, 59),
        datetime(2027, 3, 14, 3, 0),
        datetime(2027, 11, 7, 0, 59),
        datetime(2027, 11, 7, 2, 0),
    ]),
    Case("Australia/Sydney", YEARS, COMMON_TIMES + [
        datetime(2027, 4, 4, 1, 59),
        datetime(2027, 4, 4, 3, 0),
        datetime(2027, 10, 3, 1, 59),
        datetime(2027, 10, 3, 3, 0),
    ]),
    Case("Asia/Tokyo", YEARS, COMMON_TIMES),
    Case("UTC", YEARS, COMMON_TIMES),
    # DST abolished in 2019: no single yearly rule, so the per-year fallback.
    Case("America/Sao_Paulo", range(2018, 2021), [
        datetime(2018, 1, 1, 0, 30),
        datetime(2018, 11, 3, 23, 30),
        datetime(2018, 11, 4, 1, 30),
        datetime(2019, 2, 16, 22, 30),
        datetime(2019, 2, 17, 0, 30),
        datetime(2019, 7, 15, 12, 0),
        datetime(2019, 11, 3, 12, 0),
        datetime(2020, 1, 15, 12, 0),
        datetime(2020, 12, 31, 23, 30),
    ]),
]
CASE_IDS = [case.zone for case in CASES]


# The UTC instant zoneinfo gives a local wall-clock time in zone.
def zoneinfo_utc(zone: str, local: datetime) -> datetime:
    """Return ``local`` in ``zone`` as an aware UTC datetime, per zoneinfo."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


# A VCALENDAR with the generated VTIMEZONE and one event per local time.
def build_calendar(case: Case) -> Calendar:
    """Return a calendar whose events carry ``TZID=<zone>`` local times."""
    cal = Calendar()
    cal.add("PRODID", "-//coursegen//test_vtimezone//EN")
    cal.add("VERSION", "2.0")
    cal.add_component(vtimezone(case.zone, case.years))
    for number, local in enumerate(case.times):
        event = Event()
        event.add("UID", f"event-{number}@test.invalid")
        event.add("SUMMARY", f"Event at {local.isoformat()}")
        event.add("DTSTAMP", datetime(2026, 1, 1, tzinfo=UTC))
        event.add("DTSTART", local, parameters={"TZID": case.zone})
        event.add("DTEND", local + timedelta(hours=1), parameters={"TZID": case.zone})
        cal.add_component(event)
    return cal


# What zoneinfo says every event of a case starts at, by UID.
def expected_starts(case: Case) -> dict[str, datetime]:
    """Return the UTC start of each event of ``build_calendar(case)``."""
    return {
        f"event-{number}@test.invalid": zoneinfo_utc(case.zone, local)
        for number, local in enumerate(case.times)
    }


# The parts of a sub-component's RRULE, e.g. {"FREQ": "YEARLY", "BYMONTH": "3"}.
def rrule_parts(component: Component) -> dict[str, str]:
    """Return the ``NAME=value`` parts of the RRULE, in no particular order."""
    text = component["RRULE"].to_ical().decode("ascii")
    return dict(part.split("=", 1) for part in text.split(";"))


@pytest.fixture(params=CASES, ids=CASE_IDS)
def case(request: pytest.FixtureRequest) -> Case:
    """One zone to check."""
    return request.param


@pytest.fixture
def ics_text(case: Case) -> str:
    """The case's calendar serialised as an .ics text."""
    return build_calendar(case).to_ical().decode("utf-8")


# --- shape ---------------------------------------------------------------


def test_berlin_is_one_daylight_and_one_standard_with_rrules() -> None:
    tz = vtimezone("Europe/Berlin", YEARS)
    assert [sub.name for sub in tz.subcomponents] == ["DAYLIGHT", "STANDARD"]
    daylight, standard = tz.subcomponents
    assert rrule_parts(daylight) == {"FREQ": "YEARLY", "BYMONTH": "3", "BYDAY": "-1SU"}
    assert rrule_parts(standard) == {"FREQ": "YEARLY", "BYMONTH": "10", "BYDAY": "-1SU"}
    # two years before the first one asked (LEAD_YEARS), in the local time before each change
    assert datetime(2024, 3, 31, 2, 0) == daylight.DTSTART  # local time of +01:00
    assert datetime(2024, 10, 27, 3, 0) == standard.DTSTART  # local time of +02:00
    assert (timedelta(hours=1), timedelta(hours=2)) == (daylight.TZOFFSETFROM, daylight.TZOFFSETTO)
    assert (timedelta(hours=2), timedelta(hours=1)) == (standard.TZOFFSETFROM, standard.TZOFFSETTO)
    assert [str(daylight["TZNAME"]), str(standard["TZNAME"])] == ["CEST", "CET"]


@pytest.mark.parametrize(
    ("zone", "daylight_rule", "standard_rule"),
    [
        ("Europe/Berlin", ("3", "-1SU"), ("10", "-1SU")),
        ("America/New_York", ("3", "2SU"), ("11", "1SU")),
        ("Australia/Sydney", ("10", "1SU"), ("4", "1SU")),  # southern hemisphere
    ],
)
def test_dst_zones_get_one_rrule_pair(
    zone: str, daylight_rule: tuple[str, str], standard_rule: tuple[str, str]
) -> None:
    tz = vtimezone(zone, YEARS)
    assert [len(tz.daylight), len(tz.standard)] == [1, 1]
    pairs = [(tz.daylight[0], daylight_rule), (tz.standard[0], standard_rule)]
    for component, (month, byday) in pairs:
        assert rrule_parts(component) == {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": byday}


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "UTC"])
def test_zones_without_dst_get_a_single_standard(zone: str) -> None:
    tz = vtimezone(zone, YEARS)
    assert [sub.name for sub in tz.subcomponents] == ["STANDARD"]
    (standard,) = tz.subcomponents
    assert "RRULE" not in standard
    assert standard.TZOFFSETFROM == standard.TZOFFSETTO == ZoneInfo(zone).utcoffset(
        datetime(2027, 1, 1)
    )


def test_changed_rule_falls_back_to_one_component_per_change() -> None:
    tz = vtimezone("America/Sao_Paulo", range(2018, 2021))
    assert all("RRULE" not in sub for sub in tz.subcomponents)
    names = [sub.name for sub in tz.subcomponents]
    # the anchor (2016-01-01), then the seasons 2015/16 to 2018/19; none after 2019
    assert names == ["STANDARD", *["STANDARD", "DAYLIGHT"] * 3, "STANDARD"]
    assert max(sub.DTSTART for sub in tz.subcomponents) == datetime(2019, 2, 17, 0, 0)


def test_every_component_is_rdate_free_and_starts_by_the_first_year(case: Case) -> None:
    tz = vtimezone(case.zone, case.years)
    assert tz.subcomponents
    for sub in tz.subcomponents:
        assert "RDATE" not in sub
        assert {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME"} <= set(sub)
        assert sub.DTSTART.tzinfo is None  # local time, no TZID, no Z
        if "RRULE" in sub:
            assert sub.DTSTART.year == case.years[0] - LEAD_YEARS
    # an onset precedes every instant of the years asked, by a whole year of onsets where the zone has any
    assert min(sub.DTSTART for sub in tz.subcomponents) <= datetime(case.years[0] - LEAD_YEARS, 12, 31)


def test_years_are_required() -> None:
    with pytest.raises(ValueError):
        vtimezone("Europe/Berlin", [])


# --- what parsers read ---------------------------------------------------


@pytest.mark.parametrize("provider", ["zoneinfo", "pytz"])
def test_icalendar_reads_zoneinfo_times(case: Case, ics_text: str, provider: str) -> None:
    if provider == "pytz":
        pytest.importorskip("pytz")
    tzp = TZP(provider)
    cal = Calendar.from_ical(ics_text)
    (component,) = cal.timezones
    assert isinstance(component, Timezone)
    # lookup_tzid=False: build the zone from our VTIMEZONE, not from tzdata
    tz = component.to_tz(tzp, lookup_tzid=False)
    read = {
        str(event["UID"]): tzp.localize(event.DTSTART.replace(tzinfo=None), tz).astimezone(UTC)
        for event in cal.events
    }
    assert read == expected_starts(case)


def test_vobject_reads_zoneinfo_times(case: Case, ics_text: str) -> None:
    # As a client reading this file first: vobject keeps the first tzinfo it registered under a
    # TZID for the whole process (another test may have read another year of the same zone).
    vars(vobject.icalendar)["__tzidMap"].clear()
    cal = vobject.readOne(ics_text, validate=True)
    # vobject keeps the first tzinfo registered under a TZID for the whole
    # process, so localise with this calendar's own VTIMEZONE explicitly.
    tz = cal.vtimezone.tzinfo
    read = {
        event.uid.value: event.dtstart.value.replace(tzinfo=tz).astimezone(UTC)
        for event in cal.vevent_list
    }
    assert read == expected_starts(case)
    as_parsed = {event.uid.value: event.dtstart.value.astimezone(UTC) for event in cal.vevent_list}
    assert as_parsed == expected_starts(case)


def test_icaljs_reads_zoneinfo_times(case: Case, ics_text: str, tmp_path: Path) -> None:
    node = node_or_skip()
    ics = tmp_path / "calendar.ics"
    ics.write_text(ics_text, encoding="utf-8")
    run = subprocess.run(
        [node, str(HARNESS), str(ics)],
        capture_output=True, text=True, check=False, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["unresolvedTzids"] == []
    assert not any(event["allDay"] for event in result["events"])
    read = {event["uid"]: datetime.fromisoformat(event["start"]) for event in result["events"]}
    assert read == expected_starts(case)


# Local times ts-ics 2.4.6 reads with the other observance's offset whatever the VTIMEZONE, in the
# first hours of a change day or right after a change at midnight.
TSICS_MISREAD = {
    "Europe/Berlin": [datetime(2027, 3, 28, 1, 59), datetime(2027, 10, 31, 1, 59)],
    "America/New_York": [datetime(2027, 3, 14, 1, 59), datetime(2027, 11, 7, 0, 59)],
    "Australia/Sydney": [datetime(2027, 4, 4, 1, 59), datetime(2027, 10, 3, 1, 59)],
    "America/Sao_Paulo": [datetime(2018, 11, 4, 1, 30), datetime(2019, 2, 17, 0, 30)],
}
TSICS_ONSETS = ("ts-ics 2.4.6 puts each onset of a rule at 00:00 of its day and compares local times with "
                "onsets moved to UTC by their own offset, so a time within hours of a change takes the other offset")


@pytest.fixture(scope="module")
def tsics(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every case's calendar as ts-ics reads it (tests/node/readers_to_json.mjs), in one Node process."""
    folder = tmp_path_factory.mktemp("ts-ics")
    paths = {case.zone: folder / f"{case.zone.replace('/', '-')}.ics" for case in CASES}
    for case in CASES:
        paths[case.zone].write_bytes(build_calendar(case).to_ical())
    found = node_reader("ts-ics", list(paths.values()))
    return {zone: found[path] for zone, path in paths.items()}


# What ts-ics and zoneinfo say events of a case start at: all but the times ts-ics misreads, or only those.
def tsics_and_zoneinfo(case: Case, result: dict, misread: bool) -> tuple[dict[str, datetime], dict[str, datetime]]:
    chosen = {f"event-{n}@test.invalid" for n, local in enumerate(case.times)
              if (local in TSICS_MISREAD.get(case.zone, [])) == misread}
    read = {e["uid"]: datetime.fromisoformat(e["start"]) for e in result["events"] if e["uid"] in chosen}
    return read, {uid: start for uid, start in expected_starts(case).items() if uid in chosen}


def test_tsics_reads_every_time_from_the_file_at_zoneinfo_times(case: Case, tsics: dict[str, dict]) -> None:
    result = tsics[case.zone]
    assert result["unresolvedTzids"] == []  # an onset ts-ics reads precedes every time: none from its zone database
    read, want = tsics_and_zoneinfo(case, result, misread=False)
    assert read == want


@pytest.mark.xfail(strict=True, reason=TSICS_ONSETS)
@pytest.mark.parametrize("zone", TSICS_MISREAD)
def test_tsics_misreads_times_near_a_change(zone: str, tsics: dict[str, dict]) -> None:
    case = next(case for case in CASES if case.zone == zone)
    read, want = tsics_and_zoneinfo(case, tsics[zone], misread=True)
    assert read == want
