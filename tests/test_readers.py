"""Six calendar readers (icalendar, vobject, ical.js, libical, calcurse, khal) against the
example course and hostile variants: every event lands at the instants zoneinfo gives, or
`check` refuses the variant. See reader_matrix.py for the variants and the verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_matrix import READERS, VARIANTS, compare, variant_course
from test_calendar import course_from, example_data, expected_spans

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

# Feeds that readers show wrongly because of defects named in the reason; each mark must
# go when its defect is fixed (strict: a mark on a feed that comes out right fails).
KNOWN: dict[tuple[str, str], str] = {}  # (reader, variant) -> defect, for a known-wrong feed

CASES = [pytest.param(reader, variant, id=f"{reader}-{variant}",
                      marks=[pytest.mark.xfail(strict=True, reason=KNOWN[(reader, variant)])]
                      if (reader, variant) in KNOWN else [])
         for reader in READERS for variant in VARIANTS]


@pytest.mark.parametrize(("reader", "variant"), CASES)
def test_whole_feed_lands_at_zoneinfo_instants_or_is_refused(reader: str, variant: str, tmp_path: Path) -> None:
    """One reader, one whole feed: every event at zoneinfo's instants (or the variant refused by
    check); on failure, the diff lists every wrong event with what it should be and what is shown."""
    result = compare(reader, variant, tmp_path)
    wrong = [f"  {event}: {why}" for event, (verdict, why) in result.items() if verdict == "wrong"]
    assert not wrong, f"{reader} shows {len(wrong)} of {len(result)} events of {variant} wrongly:\n" + "\n".join(wrong)
    assert all(verdict in ("right", "refused") for verdict, _ in result.values())


def test_variants_reach_every_reader_with_every_event() -> None:
    assert len(VARIANTS) == 6 and len(READERS) == 6
    for variant in VARIANTS:
        course = variant_course(variant)
        assert course is None or len(expected_spans(course)) == 26, variant  # 14 dates and talks, 12 per-talk
        per_talk = [e for e in expected_spans(course or course_from(example_data())) if "." in e]
        assert len(per_talk) == 12, variant
    assert variant_course("talk-dates-at-dst-switch") is None  # check refuses a computed time in the gap
