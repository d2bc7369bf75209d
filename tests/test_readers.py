"""Six calendar readers (icalendar, vobject, ical.js, libical, calcurse, khal) against the
example course and hostile variants: every event lands at the instants zoneinfo gives, or
`check` refuses the variant. See reader_matrix.py for the variants and the verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_matrix import READERS, VARIANTS, variant_course, verdicts
from test_calendar import course_from, example_data, expected_spans

DEADLINES = ("date-topic-choice", "date-review-1", "date-review-2")
DEADLINE_DEFECT = "a deadline's DTEND equals its DTSTART (RFC 5545 3.8.2.2): calcurse drops it, khal shows an hour"
DST_DEFECT = "a local time in the DST gap or the repeated hour is accepted instead of refused by check"

# Events that readers show wrongly because of defects named in the reason; each mark must
# go when its defect is fixed (strict: a mark on an event that comes out right fails).
KNOWN: dict[tuple[str, str, str], str] = {}
for _cases, _reason in (
        ([(r, v, e) for r in ("calcurse", "khal") for v in VARIANTS for e in DEADLINES], DEADLINE_DEFECT),
        ([(r, "talks-across-dst-switch", e) for r in ("ical.js", "libical", "khal") for e in ("talk-t1", "talk-t2")]
         + [(r, "talks-across-dst-switch", e) for r in ("icalendar", "vobject", "ical.js", "libical")
            for e in ("talk-t5", "talk-t6")]
         + [(r, "deadlines-at-dst-switch", "date-topic-choice") for r in ("ical.js", "libical")]
         + [(r, "deadlines-at-dst-switch", "date-review-1") for r in READERS], DST_DEFECT)):
    for _case in _cases:
        KNOWN[_case] = f"{KNOWN[_case]}; {_reason}" if _case in KNOWN else _reason


# The events of a variant as zoneinfo places them (those of the example when check refuses it).
def events_of(variant: str) -> list[str]:
    return list(expected_spans(variant_course(variant) or course_from(example_data())))


CASES = [pytest.param(reader, variant, event, id=f"{reader}-{variant}-{event}",
                      marks=[pytest.mark.xfail(strict=True, reason=KNOWN[(reader, variant, event)])]
                      if (reader, variant, event) in KNOWN else [])
         for reader in READERS for variant in VARIANTS for event in events_of(variant)]

_verdicts: dict[tuple[str, str], dict[str, str]] = {}


@pytest.mark.parametrize(("reader", "variant", "event"), CASES)
def test_event_lands_at_zoneinfo_instant_or_is_refused(
        reader: str, variant: str, event: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    if (reader, variant) not in _verdicts:
        workdir: Path = tmp_path_factory.mktemp(f"{reader}-{variant}")
        _verdicts[(reader, variant)] = verdicts(reader, variant, workdir)
    assert _verdicts[(reader, variant)][event] in ("right", "refused")


def test_variants_reach_every_reader_with_every_event() -> None:
    assert len(VARIANTS) == 5 and len(READERS) == 6
    for variant in VARIANTS:
        course = variant_course(variant)
        assert course is None or len(expected_spans(course)) == 13, variant
