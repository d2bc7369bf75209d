"""Checks that hold for every valid course, whatever it contains.

The live `course.yml` at the top of the repository is checked only by these (see
test_live_course.py), and so is every state of the term in test_term.py. None of them
names a date, a paper or a count: what is expected is worked out from the course file
itself, read here with PyYAML and zoneinfo rather than with the engine's own code.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import yaml
from clients import PARSERS, Read, read
from support import mkdocs_build, run_coursegen

import coursegen
from coursegen.agenda import resolve
from coursegen.site import SiteOutput

# The workflow's site path runs without Node and without a browser: Python readers only.
PYTHON_PARSERS = ["icalendar", "vobject"]


def parsers() -> list[str]:
    """The calendar readers to use: all of tests/clients.py, or the Python ones with SITE_PATH=1."""
    return PYTHON_PARSERS if os.environ.get("SITE_PATH") == "1" else PARSERS


def check_passes(course_file: Path) -> None:
    """`python -m coursegen check` accepts the file."""
    run = run_coursegen("check", str(course_file))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no mistakes" in run.stdout, run.stdout


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path below its root."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# Where MkDocs writes a page: papers.md -> papers/index.html, index.md -> index.html.
def _built_path(uri: str) -> str:
    if not uri.endswith(".md"):
        return uri
    stem = uri.removesuffix(".md")
    return "index.html" if stem == "index" else stem.removesuffix("/index") + "/index.html"


def expected_files(project: Path, course_file: Path) -> list[str]:
    """What the site must contain: every file the engine generates, every hand-written page, search."""
    generated = SiteOutput.build(resolve(coursegen.load(course_file)), today=dt.date.today()).files
    written = [p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md")]
    return sorted({_built_path(uri) for uri in [*generated, *written]} | {"search/search_index.json"})


def every_file_exists(project: Path, course_file: Path, site: Path) -> None:
    """Every generated page and file, and every hand-written page, is in the built site."""
    files = expected_files(project, course_file)
    assert any(f.startswith("calendar/") for f in files) or not dated_items(course_file)
    missing = [f for f in files if not (site / f).is_file() or (site / f).stat().st_size == 0]
    assert missing == [], f"missing or empty in the built site: {missing}"


def calendars(site: Path) -> list[Path]:
    """The feed and every per-event .ics of a built site."""
    return [site / "calendar.ics", *sorted((site / "calendar").glob("*.ics"))]


def feeds_parse(site: Path) -> dict[str, Read]:
    """Every .ics parses in every reader with every TZID resolved, and news.xml in feedparser.

    Returns the feed as each reader read it.
    """
    feed: dict[str, Read] = {}
    for parser in parsers():
        for path in calendars(site):
            result = read(parser, path)
            assert result.unresolved_tzids == [], (parser, path.name, result.unresolved_tzids)
            if path.parent != site:
                assert len(result.events) == 1, (parser, path.name)
        feed[parser] = read(parser, site / "calendar.ics")
        per_event = sorted(e.uid for p in calendars(site)[1:] for e in read(parser, p).events)
        assert sorted(e.uid for e in feed[parser].events) == per_event, parser
    news = feedparser.parse((site / "news.xml").read_bytes())
    assert not news.bozo, news.get("bozo_exception")
    assert news.version == "atom10"
    return feed


def dated_items(course_file: Path) -> list[dict]:
    """The course's fixed and tentative dates, as PyYAML reads the file."""
    data = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    return [d for d in data.get("dates") or [] if d.get("date") and d.get("status", "fixed") != "tbd"]


# A time of day as PyYAML gives it: "10:00", or 600 (YAML 1.1 reads 10:00 as base 60).
def _clock(value: str | int) -> dt.time:
    if isinstance(value, int):
        return dt.time(*divmod(value, 60))
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def expected_span(item: dict, zone: ZoneInfo) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """A dated item's start and end as a reader reports them: UTC instants, or dates for all-day ones."""
    first, last = item["date"], item.get("end_date") or item["date"]
    if item.get("start") is None:
        return first, last + dt.timedelta(days=1)
    start = dt.datetime.combine(first, _clock(item["start"]), zone).astimezone(dt.UTC)
    if item.get("end") is not None:
        return start, dt.datetime.combine(last, _clock(item["end"]), zone).astimezone(dt.UTC)
    if item.get("end_date") is not None:
        return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), zone).astimezone(dt.UTC)
    # A deadline: a one-minute event (RFC 5545 forbids DTEND equal to DTSTART, and readers
    # show an event without DTEND differently).
    return start, start + dt.timedelta(minutes=1)


def dates_at_their_instants(course_file: Path, feed: dict[str, Read]) -> int:
    """Every fixed and tentative date is one event of the feed, at the right instant, in every reader.

    Returns how many dates were checked.
    """
    data = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    zone = ZoneInfo(data["course"]["timezone"])
    items = dated_items(course_file)
    for parser, result in feed.items():
        for item in items:
            found = [e for e in result.events if e.uid.startswith(f"date-{item['id']}@")]
            assert len(found) == 1, (parser, item["id"], [e.uid for e in result.events])
            event = found[0]
            assert (event.start, event.end) == expected_span(item, zone), (parser, item["id"])
            assert item["title"] in event.summary, (parser, item["id"], event.summary)
            tentative = item.get("status") == "tentative"
            assert event.status == ("TENTATIVE" if tentative else "CONFIRMED"), (parser, item["id"])
            assert event.location == item.get("location"), (parser, item["id"])
    return len(items)


def strict_build(project: Path, site: Path) -> None:
    """`mkdocs build --strict` passes."""
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.output


def rebuild_is_identical(project: Path, site: Path, again: Path) -> None:
    """A second build of the same input, elsewhere and in another zone and locale, gives the same bytes."""
    build = mkdocs_build(project, again, TZ="Pacific/Auckland", LC_ALL="C")
    assert build.returncode == 0, build.output
    first, second = site_files(site), site_files(again)
    assert sorted(first) == sorted(second)
    assert [uri for uri in first if first[uri] != second[uri]] == []


def all_properties(project: Path, course_file: Path, site: Path) -> dict[str, Read]:
    """check, strict build, every file, feeds in every reader, dates at their instants (not the rebuild)."""
    check_passes(course_file)
    strict_build(project, site)
    every_file_exists(project, course_file, site)
    feed = feeds_parse(site)
    dates_at_their_instants(course_file, feed)
    return feed
