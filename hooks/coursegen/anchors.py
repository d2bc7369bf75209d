"""The anchors of the generated pages that the course's ids name, and the rule that no two
elements of one page share an anchor (a link to the second would land on the first).

The templates give an id its own anchor and derive more from it (`<id>-due`, `bibtex-<id>`),
beside anchors of their own (`grading`, `hand-in`, `day-<date>`, `week-<n>`); the ids of one list are
unique by the rules of checks.py, which this rule leaves to them. Headings without an anchor
of their own are left out: Markdown's toc names them after their text, and renames one whose
name an element already has. tests/test_ids.py reads every anchor off the rendered pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import Course, Talk
from .yamlsource import Finding


@dataclass(frozen=True)
class Anchor:
    """An anchor of a page: its name, the id that gives it (None: the template's own) and what it marks."""

    name: str
    path: tuple[str | int, ...] | None
    what: str


# The deliverables page: the grading scale, the hand-in section, and each deliverable's section,
# requirements and due dates.
def _deliverables(course: Course) -> Iterator[Anchor]:
    if course.grading:
        yield Anchor("grading", None, "the grading scale")
    yield Anchor("hand-in", None, "the hand-in section")
    for i, item in enumerate(course.deliverables):
        at = ("deliverables", i, "id")
        yield Anchor(item.id, at, f"deliverable '{item.id}'")
        yield Anchor(f"{item.id}-requirements", at, f"the requirements of deliverable '{item.id}'")
        yield Anchor(f"{item.id}-due", at, f"the due dates of deliverable '{item.id}'")


# The papers page: each paper, and its BibTeX entry.
def _papers(course: Course) -> Iterator[Anchor]:
    for i, paper in enumerate(course.papers):
        at = ("papers", i, "id")
        yield Anchor(paper.id, at, f"paper '{paper.id}'")
        yield Anchor(f"bibtex-{paper.id}", at, f"the BibTeX entry of paper '{paper.id}'")


# The schedule page: each day, and each talk slot (a per-talk date's `<rule>.<slot>-at-talk` has a dot,
# which no id has).
def _schedule(course: Course) -> Iterator[Anchor]:
    for day in course.schedule.days:
        yield Anchor(f"day-{day.date.isoformat()}", None, f"the day {day.date.isoformat()}")
    for d, day in enumerate(course.schedule.days):
        for i, item in enumerate(day.program):
            if isinstance(item, Talk):
                yield Anchor(item.slot, ("schedule", "days", d, "program", i, "slot"), f"talk slot '{item.slot}'")


_WEEK = re.compile(r"week-(\d+)")


# The sessions page: the list of changes, the weeks of the term, and each series.
def _sessions(course: Course) -> Iterator[Anchor]:
    yield Anchor("changes", None, "the list of changes")
    for series in course.series:  # the weeks that an id could take: any week-<n>
        week = _WEEK.fullmatch(series.id)
        if week:
            yield Anchor(series.id, None, f"week {week.group(1)}")
    for i, series in enumerate(course.series):
        yield Anchor(series.id, ("series", i, "id"), f"series '{series.id}'")


# Each page whose anchors ids can clash, with its anchors in page order.
PAGES: dict[str, Callable[[Course], Iterator[Anchor]]] = {
    "deliverables": _deliverables, "papers": _papers, "schedule": _schedule, "sessions": _sessions,
}


def anchor_clashes(page: str, course: Course) -> Iterator[Finding]:
    """Each id that would give one of the page's anchors to a second element, at that id."""
    seen: dict[str, Anchor] = {}
    for anchor in PAGES[page](course):
        first = seen.setdefault(anchor.name, anchor)
        if first.what == anchor.what or anchor.path is None:  # one id given twice: the rules of its list
            continue
        yield (anchor.path, False, f"the {page} page would have two elements with the anchor #{anchor.name}: "
               f"{first.what} and {anchor.what} (rename the id)")
