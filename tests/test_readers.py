"""Six calendar readers (icalendar, vobject, ical.js, libical, calcurse, khal) against the
example course and hostile variants: every event lands at the instants zoneinfo gives, or
`check` refuses the variant. See reader_matrix.py for the variants and the verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_matrix import READERS, VARIANTS, variant_course, verdicts
from test_calendar import course_from, example_data, expected_spans

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

DEADLINES = ("date-topic-choice", "date-review-1", "date-review-2")

# Events that readers show wrongly because of defects named in the reason; each mark must
# go when its defect is fixed (strict: a mark on an event that comes out right fails).
KNOWN: dict[tuple[str, str, str], str] = {}  # (reader, variant, event) -> defect, for a known-wrong case


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
    assert len(VARIANTS) == 6 and len(READERS) == 6
    for variant in VARIANTS:
        course = variant_course(variant)
        assert course is None or len(expected_spans(course)) == 26, variant  # 14 dates and talks, 12 per-talk
        per_talk = [e for e in expected_spans(course or course_from(example_data())) if "." in e]
        assert len(per_talk) == 12, variant
    assert variant_course("talk-dates-at-dst-switch") is None  # check refuses a computed time in the gap
