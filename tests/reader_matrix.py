"""Every calendar reader against the example course and hostile variants of it.

Each event of each variant is *right* when the reader shows it at the instants zoneinfo
gives (a deadline: at its instant, ending within 15 minutes), *wrong* when it shows it
elsewhere or drops it, and every event of a variant is *refused* when `check` refuses the
variant. Run `python tests/reader_matrix.py` for the reader x events table.
"""

from __future__ import annotations

import copy
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from clients import PARSERS, PROGRAM_READERS, Span, read_spans
from test_calendar import HOSTILE, STAMP, course_from, example_data, expected_spans, local

from coursegen.agenda import resolve
from coursegen.ics import calendar_files
from coursegen.loader import CourseError
from coursegen.model import Course

READERS = [*PARSERS, *PROGRAM_READERS]
EMOJI = " 🎓🧪 👩🏽‍🔬"
DEADLINE_SLACK = timedelta(minutes=15)


# ---- Variants: functions that change the example course's data in place -----------------


def example(data: dict) -> None:
    """The example course as it is."""


def hostile_text(data: dict) -> None:
    """`,;\\`, line breaks, emoji and BEGIN:VEVENT in every text that reaches the calendar."""
    text = HOSTILE + EMOJI
    data["course"]["title"] = text
    for item in data["dates"]:
        item["title"] = text
        item["location"] = text
        item["details"] = text
    for paper in data["papers"]:
        paper["title"] = text


def talks_on_dst_days(data: dict) -> None:
    """The block course's two days on the days summer time ends and begins (talks by day)."""
    days = data["schedule"]["days"]
    days[0]["date"], days[1]["date"] = date(2026, 10, 25), date(2027, 3, 28)
    for item in data["dates"]:
        if item["id"] == "block-course":
            item["date"], item["end_date"] = date(2026, 10, 25), date(2027, 3, 28)


def talks_across_dst_switch(data: dict) -> None:
    """Talks that run through the repeated autumn hour and the skipped spring hour."""
    talks_on_dst_days(data)
    days = data["schedule"]["days"]
    days[0]["start"] = days[1]["start"] = "01:30"
    for entry in days[0]["program"]:
        entry.pop("start", None)


def deadlines_at_dst_switch(data: dict) -> None:
    """Deadlines in the repeated autumn hour and in the skipped spring hour."""
    deadlines = [item for item in data["dates"] if item.get("start") and not item.get("end")]
    deadlines[0]["date"], deadlines[0]["start"] = date(2026, 10, 25), "02:30"
    deadlines[1]["date"], deadlines[1]["start"] = date(2027, 3, 28), "02:30"


def talk_dates_at_dst_switch(data: dict) -> None:
    """Per-talk deadlines computed into the skipped spring hour (2 days before a talk on 2027-03-30)."""
    for item in data["dates"]:
        if item.get("per_talk"):
            item["start"] = "02:30"


VARIANTS: dict[str, Callable[[dict], None]] = {f.__name__.replace("_", "-"): f for f in (
    example, hostile_text, talks_on_dst_days, talks_across_dst_switch, deadlines_at_dst_switch,
    talk_dates_at_dst_switch)}


def variant_course(name: str) -> Course | None:
    """The example course changed by the variant, or None when `check` refuses it."""
    data = copy.deepcopy(example_data())
    VARIANTS[name](data)
    try:
        return course_from(data)
    except CourseError:
        return None


def deadlines(course: Course) -> set[str]:
    """Event names (UID local parts) of the course's deadlines: a start and no end (a per-talk rule's: one per talk)."""
    slots = [talk.slot for talk in resolve(course).talks]
    found = {f"date-{d.id}" for d in course.dates if d.start and not d.end and not d.end_date and not d.per_talk}
    return found | {f"date-{d.id}.{slot}" for d in course.dates if d.per_talk and d.start and not d.end
                    for slot in slots}


# ---- Verdicts -------------------------------------------------------------------------


def verdicts(reader: str, variant: str, workdir: Path) -> dict[str, str]:
    """For each event of the variant: 'right', 'wrong' or 'refused' (by check)."""
    return {event: verdict for event, (verdict, _) in compare(reader, variant, workdir).items()}


def compare(reader: str, variant: str, workdir: Path) -> dict[str, tuple[str, str]]:
    """For each event of the variant: its verdict and, when 'wrong', what zoneinfo gives against
    what the reader shows (one line, for a whole-feed diff)."""
    course = variant_course(variant)
    if course is None:
        expected = expected_spans(course_from(example_data()))
        return dict.fromkeys(expected, ("refused", ""))
    expected = expected_spans(course)
    ics = workdir / f"{variant}.ics"
    ics.write_bytes(calendar_files(resolve(course), STAMP)["calendar.ics"])
    spans = read_spans(reader, ics, workdir)
    if spans is None:  # the reader refuses the whole file
        return dict.fromkeys(expected, ("wrong", "the reader refuses the whole file"))
    instants = deadlines(course)
    by_uid = {local(s.uid): s for s in spans if s.uid}
    result: dict[str, tuple[str, str]] = {}
    for event, want in expected.items():
        span = by_uid.get(event)
        if _shown_right(span, spans, want, event in instants):
            result[event] = ("right", "")
        else:
            shown = "nothing" if span is None else f"{span.start} .. {span.end}"
            result[event] = ("wrong", f"want {want[0]} .. {want[1]}, shown {shown}")
    return result


# Whether a reader shows one event where it belongs (a reader without UIDs: any span will do).
def _shown_right(span: Span | None, spans: list[Span], want: tuple[datetime | date, datetime | date],
                 instant: bool) -> bool:
    candidates = [span] if span is not None or any(s.uid for s in spans) else spans
    return any(s is not None and _matches(s, want, instant) for s in candidates)


def _matches(span: Span, want: tuple[datetime | date, datetime | date], instant: bool) -> bool:
    start, end = want
    if isinstance(start, datetime) != isinstance(span.start, datetime) or span.start != start:
        return False
    if instant:
        assert isinstance(start, datetime)
        return span.end is None or start <= span.end <= start + DEADLINE_SLACK  # type: ignore[operator]
    if span.end is None:  # calcurse tells only the first day of an all-day item
        return not isinstance(start, datetime)
    return span.end == end


# ---- The table --------------------------------------------------------------------------


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        table = {(reader, variant): verdicts(reader, variant, workdir) for reader in READERS for variant in VARIANTS}
    print(f"{'variant':<26} {'event':<22} " + " ".join(f"{r:<9}" for r in READERS))
    for variant in VARIANTS:
        for event in table[(READERS[0], variant)]:
            print(f"{variant:<26} {event:<22} " + " ".join(f"{table[(r, variant)][event]:<9}" for r in READERS))
    for verdict in ("right", "wrong", "refused"):
        counts = [sum(v == verdict for x in VARIANTS for v in table[(r, x)].values()) for r in READERS]
        print(f"{'total ' + verdict:<49} " + " ".join(f"{c:<9}" for c in counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
