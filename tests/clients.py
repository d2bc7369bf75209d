"""Read an .ics the way calendar clients do: icalendar, vobject and ical.js.

Each reader returns the same `Read` shape, with timed starts and ends as UTC
instants worked out from the file's own VTIMEZONE (never from a zone database
looked up by name), so the tests compare what each parser really computes.

The ical.js reader needs ``node`` and ``tests/node/node_modules`` (``npm ci`` in
``tests/node``); without them it skips, but fails instead when CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar
from icalendar.timezone import TZP

NODE_DIR = Path(__file__).resolve().parent / "node"
HARNESS = NODE_DIR / "ics_to_json.mjs"
PARSERS = ["icalendar", "vobject", "ical.js"]


@dataclass(frozen=True)
class Event:
    """One event as a parser reads it."""

    uid: str
    summary: str
    description: str | None
    location: str | None
    status: str | None
    transp: str | None
    sequence: int
    start: datetime | date
    end: datetime | date


@dataclass(frozen=True)
class Read:
    """Everything a parser read from one file."""

    events: list[Event]
    unresolved_tzids: list[str]


def read_icalendar(ics: bytes) -> Read:
    """Parse with icalendar, localising with zones built from the file's VTIMEZONEs."""
    tzp = TZP("zoneinfo")
    cal = Calendar.from_ical(ics)
    zones = {str(tz["TZID"]): tz.to_tz(tzp, lookup_tzid=False) for tz in cal.timezones}
    events, unresolved = [], set()
    for ev in cal.events:
        times = []
        for name in ("DTSTART", "DTEND"):
            value, tzid = ev.decoded(name), ev[name].params.get("TZID")
            if tzid and tzid not in zones:
                unresolved.add(tzid)
            elif tzid:
                value = tzp.localize(value.replace(tzinfo=None), zones[tzid]).astimezone(UTC)
            elif isinstance(value, datetime):
                value = value.astimezone(UTC)
            times.append(value)
        events.append(Event(
            str(ev["UID"]), str(ev["SUMMARY"]), _text(ev.get("DESCRIPTION")), _text(ev.get("LOCATION")),
            _text(ev.get("STATUS")), _text(ev.get("TRANSP")), int(ev.get("SEQUENCE", 0)), *times,
        ))
    return Read(events, sorted(unresolved))


# A property's text, or None when it is absent.
def _text(value: object) -> str | None:
    return None if value is None else str(value)


def read_vobject(ics: bytes) -> Read:
    """Parse with vobject (validate=True), localising with the file's VTIMEZONEs."""
    cal = vobject.readOne(ics.decode("utf-8"), validate=True)
    # vobject keeps the first tzinfo registered under a TZID for the whole process,
    # so use this file's own VTIMEZONEs explicitly.
    zones = {vt.tzid.value: vt.tzinfo for vt in getattr(cal, "vtimezone_list", [])}
    events, unresolved = [], set()
    for ev in getattr(cal, "vevent_list", []):
        times = []
        for prop in (ev.dtstart, ev.dtend):
            value, tzid = prop.value, prop.params.get("X-VOBJ-ORIGINAL-TZID", [None])[0]
            if tzid and tzid not in zones:
                unresolved.add(tzid)
            elif tzid:
                value = value.replace(tzinfo=zones[tzid]).astimezone(UTC)
            elif isinstance(value, datetime):
                value = value.astimezone(UTC)
            times.append(value)
        events.append(Event(
            ev.uid.value, ev.summary.value, _value(ev, "description"), _value(ev, "location"),
            _value(ev, "status"), _value(ev, "transp"), int(_value(ev, "sequence") or 0), *times,
        ))
    return Read(events, sorted(unresolved))


# A vobject property's value, or None when it is absent.
def _value(component: vobject.base.Component, name: str) -> str | None:
    return getattr(component, name).value if name in component.contents else None


def node_or_skip() -> str:
    """The node binary once the ical.js harness can run; skip (fail when CI=true) if not."""
    node = shutil.which("node")
    missing = []
    if node is None:
        missing.append("`node` is not on PATH")
    if not (NODE_DIR / "node_modules" / "ical.js").is_dir():
        missing.append("tests/node/node_modules is missing (run `npm ci` in tests/node)")
    if missing:
        message = "ical.js harness unavailable: " + "; ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert node is not None
    return node


def read_icaljs(path: Path) -> Read:
    """Parse the file at `path` with ical.js, Thunderbird's parser, run by Node."""
    run = subprocess.run([node_or_skip(), str(HARNESS), str(path)],
                         capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    events = [Event(
        e["uid"], e["summary"], e["description"], e["location"], e["status"], e["transp"],
        e["sequence"] or 0,
        *(date.fromisoformat(e[k]) if e["allDay"] else datetime.fromisoformat(e[k]) for k in ("start", "end")),
    ) for e in result["events"]]
    return Read(events, result["unresolvedTzids"])


def read(parser: str, path: Path) -> Read:
    """Read the .ics at `path` with the named parser (one of PARSERS)."""
    if parser == "ical.js":
        return read_icaljs(path)
    return {"icalendar": read_icalendar, "vobject": read_vobject}[parser](path.read_bytes())
