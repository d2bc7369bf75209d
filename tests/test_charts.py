"""Build-time pictures: text stays text, the ring adds up, the timeline marks the build day."""

from __future__ import annotations

import datetime as dt
import re

from coursegen.charts import grade_chart, timeline
from coursegen.model import DateItem, Deliverable, Status
from coursegen.pages import labels

EN = labels("en")


# A dated item on a day of January 2027.
def _on(ident: str, day: int, end_day: int | None = None) -> DateItem:
    end = dt.date(2027, 1, end_day) if end_day else None
    return DateItem(id=ident, title=ident, date=dt.date(2027, 1, day), end_date=end)


def test_timeline_escapes_text_and_keeps_tbd_items_apart() -> None:
    """Titles and hints are shown as written, tbd items go to their own list with their hint."""
    dated = DateItem(id="x", title='<b>"Kick-off" & more</b>', date=dt.date(2027, 1, 5))
    undated = DateItem(id="y", title="Grades", status=Status.tbd, hint="after <grading>")
    html = timeline([(dated, "next")], [undated], "Europe/Berlin", EN)
    assert "<b>" not in html and "&lt;b&gt;&quot;Kick-off&quot; &amp; more&lt;/b&gt;" in html
    dated, apart = html.split('class="cg-tl__tbd"')
    assert 'data-date-id="x"' in dated and 'data-state="next"' in dated and 'data-date-id="y"' not in dated
    assert 'data-date-id="y"' in apart and "after &lt;grading&gt;" in apart
    assert 'data-label-days="in {n} days"' in html


def test_timeline_uses_short_dates() -> None:
    """The timeline on the home page shows "5 Jan 2027" (the dates page's table the long date)."""
    assert ">5 Jan 2027</time>" in timeline([(_on("a", 5), "next")], [], "Europe/Berlin", EN)


def test_grade_ring_has_one_slice_per_piece_of_work_closing_the_circle() -> None:
    """Two reviews of 10 % make two slices; dash plus gap of every slice is the whole circle."""
    work = [Deliverable(id="review", title="Review & <notes>", count=2, weight=10),
            Deliverable(id="talk", title="Talk", weight=80)]
    svg = grade_chart(work, EN)
    dashes = [(float(a), float(b)) for a, b in re.findall(r'stroke-dasharray="([\d.]+) ([\d.]+)"', svg)]
    assert [round(a + b, 6) for a, b in dashes] == [100.0] * 3
    assert re.findall(r'data-deliverable="(\w+)" data-weight', svg) == ["review", "review", "talk"]
    assert 'aria-label="Grade composition: Review &amp; &lt;notes&gt;: 2 × 10 % = 20 %; Talk: 80 %"' in svg
