"""Build-time pictures: text stays text, the ring adds up."""

from __future__ import annotations

import re

from coursegen.charts import grade_chart
from coursegen.model import Deliverable
from coursegen.pages import labels

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


EN = labels("en")


def test_grade_ring_has_one_slice_per_piece_of_work_closing_the_circle() -> None:
    """Two reviews of 10 % make two slices; dash plus gap of every slice is the whole circle."""
    work = [Deliverable(id="review", title="Review & <notes>", count=2, weight=10),
            Deliverable(id="talk", title="Talk", weight=80)]
    svg = grade_chart(work, EN)
    dashes = [(float(a), float(b)) for a, b in re.findall(r'stroke-dasharray="([\d.]+) ([\d.]+)"', svg)]
    assert [round(a + b, 6) for a, b in dashes] == [100.0] * 3
    assert re.findall(r'data-deliverable="(\w+)" data-weight', svg) == ["review", "review", "talk"]
    assert 'aria-label="Grade composition: Review &amp; &lt;notes&gt;: 2 × 10 % = 20 %; Talk: 80 %"' in svg
