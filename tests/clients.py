"""Read an .ics the way calendar clients do: icalendar, vobject and ical.js as libraries;
libical (GNOME, Evolution), calcurse and khal as the programs Debian packages.

Each reader returns the same `Read` shape, with timed starts and ends as UTC
instants worked out from the file's own VTIMEZONE (never from a zone database
looked up by name), so the tests compare what each parser really computes.

ts-ics and node-ical, two parsers that web and Node calendar apps use, read many files
in one Node process (`read_many`); they are not in `PARSERS`, which every property test
runs, but `tests/test_node_readers.py` reads every fixture feed with them.

The Node readers need ``node`` and ``tests/node/node_modules`` (``npm ci`` in
``tests/node``); without them they skip, but fail instead when CI=true. So do the
program readers without cc, pkg-config and libical-dev, calcurse, or khal.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import recurring_ical_events
import vobject
from dateutil.rrule import rrulestr
from icalendar import Calendar
from icalendar.timezone import TZP
from support import unavailable

NODE_DIR = Path(__file__).resolve().parent / "node"
HARNESS = NODE_DIR / "ics_to_json.mjs"
PARSERS = ["icalendar", "vobject", "ical.js"]
# Read by tests/node/readers_to_json.mjs, many files per process.
NODE_PARSERS = ["ts-ics", "node-ical"]
NODE_HARNESS = NODE_DIR / "readers_to_json.mjs"


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


def node_or_skip(package: str = "ical.js") -> str:
    """The node binary once the harness of `package` can run; skip (fail when CI=true) if not."""
    node = shutil.which("node")
    missing = []
    if node is None:
        missing.append("`node` is not on PATH")
    if not (NODE_DIR / "node_modules" / package).is_dir():
        missing.append(f"tests/node/node_modules/{package} is missing (run `npm ci` in tests/node)")
    if missing:
        unavailable(f"{package} harness unavailable: " + "; ".join(missing))
    assert node is not None
    return node


# A harness's events (ics_to_json.mjs, readers_to_json.mjs) as `Read`.
def _harness_read(result: dict) -> Read:
    events = [Event(
        e["uid"], e["summary"], e["description"], e["location"], e["status"], e["transp"],
        e["sequence"] or 0,
        *(date.fromisoformat(e[k]) if e["allDay"] else datetime.fromisoformat(e[k]) for k in ("start", "end")),
    ) for e in result["events"]]
    return Read(events, result["unresolvedTzids"])


def read_icaljs(path: Path) -> Read:
    """Parse the file at `path` with ical.js, Thunderbird's parser, run by Node."""
    run = subprocess.run([node_or_skip(), str(HARNESS), str(path)],
                         capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    return _harness_read(json.loads(run.stdout))


def read_icaljs_many(paths: Sequence[Path]) -> dict[Path, Read]:
    """Parse each file with ical.js in one Node process, each with only its own time zones registered."""
    if len(paths) < 2:
        return {path: read_icaljs(path) for path in paths}
    run = subprocess.run([node_or_skip(), str(HARNESS), *map(str, paths)],
                         capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    return {path: _harness_read(found[str(path)]) for path in paths}


def node_reader(parser: str, paths: Sequence[Path], zone: str = "UTC") -> dict[Path, dict]:
    """What ts-ics or node-ical (`parser`, one of NODE_PARSERS) reads in each file, in one Node
    process with TZ=`zone`: the harness's events, unresolved TZIDs and occurrences by path."""
    run = subprocess.run([node_or_skip(parser), str(NODE_HARNESS), parser, *map(str, paths)],
                         capture_output=True, text=True, check=False, timeout=120,
                         env={**os.environ, "TZ": zone})
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    return {path: found[str(path)] for path in paths}


def read_many(parser: str, paths: Sequence[Path]) -> dict[Path, Read]:
    """Read each .ics of `paths` with the named parser (one of PARSERS or NODE_PARSERS); ical.js
    and the Node parsers read them all in one process."""
    if parser in NODE_PARSERS:
        return {path: _harness_read(result) for path, result in node_reader(parser, paths).items()}
    if parser == "ical.js":
        return read_icaljs_many(paths)
    return {path: read(parser, path) for path in paths}


def read(parser: str, path: Path) -> Read:
    """Read the .ics at `path` with the named parser (one of PARSERS or NODE_PARSERS)."""
    if parser == "ical.js":
        return read_icaljs(path)
    if parser in NODE_PARSERS:
        return read_many(parser, [path])[path]
    return {"icalendar": read_icalendar, "vobject": read_vobject}[parser](path.read_bytes())


# ---- Readers that are programs: libical (GNOME, Evolution), calcurse, khal -------------
#
# Each gives the events' spans as `Span`s: timed starts and ends as UTC instants, all-day
# ones as dates (end exclusive). These readers run with TZ=UTC, so a time they take from
# anything but the file's own VTIMEZONE shows up as wrong. Without the program they skip,
# but fail instead when CI=true.

PROGRAM_READERS = ["libical", "calcurse", "khal"]
LIBICAL_SOURCE = Path(__file__).resolve().parent / "readers" / "libical_dump.c"
UTC_ENV = {**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"}


@dataclass(frozen=True)
class Span:
    """When a reader shows one event: uid (None if the reader does not tell) and times."""

    uid: str | None
    start: datetime | date
    end: datetime | date | None


def program_or_skip(name: str, package: str | None = None) -> str:
    """The path of a program; skip (fail when CI=true) if it is not installed."""
    found = shutil.which(name)
    if found is None:
        unavailable(f"{name} is not installed (Debian package {package or name})")
    assert found is not None
    return found


_compiled: dict[str, Path] = {}


def libical_reader(workdir: Path) -> Path:
    """The libical dump program, compiled once per test session against libical-dev."""
    if "libical" not in _compiled:
        compiler, pkg_config = program_or_skip("cc", "gcc"), program_or_skip("pkg-config")
        flags = subprocess.run([pkg_config, "--cflags", "--libs", "libical"], capture_output=True, text=True,
                               check=False)
        if flags.returncode != 0:
            unavailable("libical-dev is not installed (pkg-config cannot find libical)")
        binary = workdir / "libical_dump"
        subprocess.run([compiler, "-o", str(binary), str(LIBICAL_SOURCE), *flags.stdout.split()], check=True)
        _compiled["libical"] = binary
    return _compiled["libical"]


def _instant_or_day(text: str) -> datetime | date | None:
    if text == "-":
        return None
    if text.isdigit():
        return datetime.fromtimestamp(int(text), UTC)
    return date.fromisoformat(text)


def read_libical(path: Path, workdir: Path) -> list[Span]:
    """Parse with libical (through a small C program), times resolved by libical."""
    run = subprocess.run([str(libical_reader(workdir)), str(path)], capture_output=True, text=True,
                         env=UTC_ENV, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    spans = []
    for line in run.stdout.splitlines():
        uid, start, end = line.split("\t")
        spans.append(Span(uid, _instant_or_day(start), _instant_or_day(end)))  # type: ignore[arg-type]
    return spans


def read_calcurse(path: Path, workdir: Path, zone: str = "UTC") -> list[Span]:
    """Import into a fresh calcurse data folder, then query every day of the file's years.

    calcurse keeps no UID; timed items come with their instants, all-day items with the
    first day they show on (no end). calcurse has no time zones of its own: it keeps an
    event in the local time of its TZ (`zone`), and repeats a recurring one at that wall
    time, so a weekly event keeps its wall time across a clock change only where TZ is the
    event's zone."""
    env = {**UTC_ENV, "TZ": zone}
    calcurse = program_or_skip("calcurse")
    data = workdir / "calcurse"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    subprocess.run([calcurse, "-D", str(data), "-q", "-i", str(path)], env=env, capture_output=True,
                   stdin=subprocess.DEVNULL, check=False, timeout=60)
    years = sorted({int(y) for y in _years(path.read_bytes())})
    run = subprocess.run(
        [calcurse, "-D", str(data), "-Q", "--input-datefmt", "4", "--output-datefmt", "%Y-%m-%d",
         "--from", f"{years[0]}-01-01", "--to", f"{years[-1]}-12-31",
         "--format-apt", "@%(start:epoch) %(end:epoch)\\n", "--format-recur-apt", "@%(start:epoch) %(end:epoch)\\n",
         "--format-event", "!%m\\n", "--format-recur-event", "!%m\\n"],
        env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    spans, day, last_shown = [], None, {}  # all-day summary -> last day it showed on
    for line in run.stdout.splitlines():
        if line.endswith(":") and not line.startswith(("@", "!")):
            day = date.fromisoformat(line[:-1])
        elif line.startswith("@"):
            start, end = line[1:].split()
            spans.append(Span(None, datetime.fromtimestamp(int(start), UTC), datetime.fromtimestamp(int(end), UTC)))
        elif line.startswith("!") and day is not None:
            if last_shown.get(line) != day - timedelta(days=1):  # not the next day of the same item
                spans.append(Span(None, day, None))
            last_shown[line] = day
    return spans


# The years of every DTSTART in a file (where calcurse has to look).
def _years(ics: bytes) -> list[str]:
    return [line.split(b":")[-1][:4].decode() for line in ics.split(b"\r\n") if line.startswith(b"DTSTART")]


# khal's listing of every event of a file, imported into a throwaway config: one line of
# uid, start and end per shown event (each occurrence of a recurring one); None when khal
# refuses the file.
def _khal_lines(path: Path, workdir: Path) -> list[str] | None:
    khal = program_or_skip("khal")
    home = workdir / "khal"
    shutil.rmtree(home, ignore_errors=True)
    (home / "calendar").mkdir(parents=True)
    config = home / "config"
    config.write_text(
        f"[calendars]\n[[course]]\npath = {home / 'calendar'}\n"
        "[locale]\nlocal_timezone = UTC\ndefault_timezone = UTC\ntimeformat = %H:%M:%S\n"
        "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%dT%H:%M:%S\nlongdatetimeformat = %Y-%m-%dT%H:%M:%S\n"
        f"[sqlite]\npath = {home / 'khal.db'}\n", encoding="utf-8")
    env = {**UTC_ENV, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)}
    imported = subprocess.run([khal, "-c", str(config), "import", "--batch", "-a", "course", str(path)],
                              env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
                              timeout=120)
    if imported.returncode != 0:
        return None
    years = sorted({int(y) for y in _years(path.read_bytes())})
    run = subprocess.run([khal, "-c", str(config), "list", "--format", "{uid}\t{start}\t{end}", "--day-format", "",
                          f"{years[0]}-01-01", f"{years[-1] + 1}-01-01"],
                         env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    return list(filter(None, run.stdout.splitlines()))


# One line of khal's listing as a span.
def _khal_span(line: str) -> Span:
    uid, start, end = line.split("\t")
    if "T" in start:
        return Span(uid, datetime.fromisoformat(start).replace(tzinfo=UTC), datetime.fromisoformat(end).replace(tzinfo=UTC))
    # khal shows the last day of an all-day event; the file's DTEND is the day after
    return Span(uid, date.fromisoformat(start), date.fromisoformat(end) + timedelta(days=1))


def read_khal(path: Path, workdir: Path) -> list[Span] | None:
    """Import into khal's vdir in a throwaway config and list every event (the first day an
    event shows on); None when khal refuses the file."""
    lines = _khal_lines(path, workdir)
    if lines is None:
        return None
    spans: dict[str, Span] = {}
    for line in lines:
        span = _khal_span(line)
        spans.setdefault(span.uid or "", span)
    return list(spans.values())


def read_spans(reader: str, path: Path, workdir: Path) -> list[Span] | None:
    """The spans of the .ics at `path` as `reader` shows them (any of PARSERS or
    PROGRAM_READERS); None when the reader refuses the whole file."""
    if reader in PROGRAM_READERS:
        return {"libical": read_libical, "calcurse": read_calcurse, "khal": read_khal}[reader](path, workdir)
    return [Span(e.uid, e.start, e.end) for e in read(reader, path).events]


# ---- Readers that expand recurrences ----------------------------------------------------
#
# Each gives every occurrence of every event as a `Span`, the way a client shows a recurring
# event: RRULE repeated, EXDATE days dropped, a VEVENT with a RECURRENCE-ID in place of the
# occurrence it names. node-ical does all of it itself (rrule-temporal, `expandRecurringEvent`);
# ts-ics repeats an RRULE, EXDATEs left out, with its `extendByRecurrenceRule` utility in the
# process's local time and leaves RECURRENCE-ID to the application (tests/node/readers_to_json.mjs).

EXPANDING_READERS = ["icalendar", "vobject", "ical.js", "libical", "calcurse", "khal", *NODE_PARSERS]
EXPAND_HARNESS = NODE_DIR / "expand_to_json.mjs"


# A timed value as its UTC instant; a date (all-day) as it is.
def _utc(value: datetime | date) -> datetime | date:
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def expand_icalendar(path: Path) -> list[Span]:
    """icalendar with recurring-ical-events, over every year a course may have."""
    cal = Calendar.from_ical(path.read_bytes())
    found = recurring_ical_events.of(cal).between(date(1900, 1, 1), date(2201, 1, 1))
    return [Span(str(e["UID"]), *(_utc(e.decoded(n)) for n in ("DTSTART", "DTEND"))) for e in found]


def expand_vobject(path: Path) -> list[Span]:
    """vobject, each RRULE expanded by dateutil (as vobject's getrruleset does) in the file's own
    VTIMEZONEs: EXDATE instants dropped, a RECURRENCE-ID override in place of the occurrence it names."""
    cal = vobject.readOne(path.read_bytes().decode("utf-8"), validate=True)
    zones = {vt.tzid.value: vt.tzinfo for vt in getattr(cal, "vtimezone_list", [])}
    events = getattr(cal, "vevent_list", [])
    moved = {(ev.uid.value, _utc(_vobject_time(ev.recurrence_id, ev.recurrence_id.value, zones))): ev
             for ev in events if "recurrence-id" in ev.contents}
    spans = []
    for ev in (ev for ev in events if "recurrence-id" not in ev.contents):
        start, end = (_vobject_time(prop, prop.value, zones) for prop in (ev.dtstart, ev.dtend))
        if "rrule" not in ev.contents:
            spans.append(Span(ev.uid.value, _utc(start), _utc(end)))
            continue
        left_out = {_utc(_vobject_time(prop, value, zones)) for prop in ev.contents.get("exdate", [])
                    for value in prop.value}
        for planned in (_utc(p) for p in rrulestr(ev.rrule.value, dtstart=start)):
            override = moved.get((ev.uid.value, planned))
            if override:
                spans.append(Span(ev.uid.value, *(_utc(_vobject_time(p, p.value, zones))
                                                  for p in (override.dtstart, override.dtend))))
            elif planned not in left_out:  # each occurrence lasts as long as the first (RFC 5545 3.8.5.3)
                spans.append(Span(ev.uid.value, planned, planned + (_utc(end) - _utc(start))))
    return spans


# A value of a vobject property in the file's own zone (vobject keeps the first zone of a TZID per process).
def _vobject_time(prop: vobject.base.ContentLine, value: datetime | date,
                  zones: dict[str, object]) -> datetime | date:
    tzid = prop.params.get("X-VOBJ-ORIGINAL-TZID", [None])[0]
    return value.replace(tzinfo=zones[tzid]) if tzid and isinstance(value, datetime) else value


def expand_icaljs(path: Path) -> list[Span]:
    """ical.js (Thunderbird's parser) through its event iterator, exceptions related."""
    run = subprocess.run([node_or_skip(), str(EXPAND_HARNESS), str(path)],
                         capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    return [Span(o["uid"], *(datetime.fromisoformat(o[k]) if "T" in o[k] else date.fromisoformat(o[k])
                             for k in ("start", "end")))
            for o in json.loads(run.stdout)["occurrences"]]


def expand_libical(path: Path, workdir: Path) -> list[Span]:
    """libical's icalcomponent_foreach_recurrence, overrides in place (libical_dump --expand)."""
    run = subprocess.run([str(libical_reader(workdir)), "--expand", str(path)], capture_output=True, text=True,
                         env=UTC_ENV, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    return [Span(uid, *(_instant_or_day(t) for t in (start, end)))  # type: ignore[arg-type]
            for uid, start, end in (line.split("\t") for line in run.stdout.splitlines())]


def expand_spans(reader: str, path: Path, workdir: Path, zone: str) -> list[Span]:
    """Every occurrence in the .ics at `path` as `reader` (one of EXPANDING_READERS) shows it;
    calcurse and ts-ics run in `zone`, the course's (see read_calcurse)."""
    if reader == "icalendar":
        return expand_icalendar(path)
    if reader == "vobject":
        return expand_vobject(path)
    if reader == "ical.js":
        return expand_icaljs(path)
    if reader == "libical":
        return expand_libical(path, workdir)
    if reader in NODE_PARSERS:
        return [Span(o["uid"], *(datetime.fromisoformat(o[k]) if "T" in o[k] else date.fromisoformat(o[k])
                                 for k in ("start", "end")))
                for o in node_reader(reader, [path], zone)[path]["occurrences"]]
    if reader == "calcurse":
        return read_calcurse(path, workdir, zone)
    lines = _khal_lines(path, workdir)
    assert lines is not None, "khal refused the file"
    # khal lists an event under each day it touches in UTC (a Wednesday 18:30 session in New York
    # ends after midnight UTC): one occurrence is one line, however often it is listed.
    return [_khal_span(line) for line in dict.fromkeys(lines)]
