"""Every kind of id is unique, and so is every anchor the ids give a page; text is compared in NFC.

Each id space has its own rule (checks.py) and its own case here, so that removing a rule fails
its case: news, dates (per-talk rules among them, whose items are `<rule>.<slot>`), deliverables,
papers, weekly series, talk slots, past terms (also against this term's id), the days of the block
course, the changed sessions of a series and the papers of a slot. The anchors a page derives from
ids (anchors.py) are read off the rendered pages. Each case edits tests/cases/every_field.yml,
which has every kind of id.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import pytest
from support import FIXTURES, page_anchors
from test_errors import error_lines
from test_messages import EVERY_FIELD

from coursegen.agenda import resolve
from coursegen.anchors import PAGES
from coursegen.loader import load, load_text
from coursegen.pages import render

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)

TODAY = dt.date(2026, 11, 1)
DUPLICATE = "ids must be unique, rename one"


# The course with `old` (which must occur once) replaced by `new`.
def edited(old: str, new: str, text: str = EVERY_FIELD) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# Where the n-th `needle` from `start` on ends in a text, as "line:column": where the value after it starts.
def at(text: str, start: int, needle: str, n: int = 1) -> str:
    index = start - 1
    for _ in range(n):
        index = text.index(needle, index + 1)
    end = index + len(needle)
    return f"{text.count(chr(10), 0, end) + 1}:{end - text.rfind(chr(10), 0, end)}"


@dataclass(frozen=True)
class Clash:
    """An edit that gives two things one id or anchor: `old` replaced by `new`; the field named is after
    the n-th `needle` in `new`, with its path and the message."""

    kind: str
    old: str
    new: str
    needle: str
    n: int
    path: str
    message: str

    def text(self) -> str:
        """The course with the edit made."""
        return edited(self.old, self.new)

    def line(self) -> str:
        """The error line the edit gives, without the file name."""
        return f"{at(self.text(), EVERY_FIELD.index(self.old), self.needle, self.n)}: {self.path}: {self.message}"


NEWS = '    body: "The kick-off is online."\n'
SLIDES = '    deliverable: talk\ndeliverables:'
REPORT = '  - id: report\n    title: "Report"\n    weight: 40\n'
PAPER = '    slot: t1\nschedule:'
PROGRAM = '          title: "Coffee"\n          start: "09:50"\n'
SERIES = '      - date: 2026-11-17\n        cancelled: true\n'
ARCHIVE = '    commit: "1d6ccff0c3a1e2b4d5f60718293a4b5c6d7e8f90"\n'

IDS = [
    Clash("news", NEWS, NEWS + '  - id: welcome\n    date: 2026-10-02\n    title: "Again"\n    body: "Again."\n',
          "  - id: ", 1, "news.1.id", f"duplicate id 'welcome' (also news[0]; {DUPLICATE})"),
    Clash("dates", SLIDES, SLIDES.replace("deliverables:", '  - id: kickoff\n    title: "Again"\n    status: tbd\n'
                                                          '    hint: "soon"\ndeliverables:'),
          "  - id: ", 1, "dates.3.id", f"duplicate id 'kickoff' (also dates[0]; {DUPLICATE})"),
    Clash("per-talk rules", SLIDES, SLIDES.replace("deliverables:", '  - id: slides\n    title: "Again"\n    per_talk:\n'
                                                                   '      before: "1 day"\ndeliverables:'),
          "  - id: ", 1, "dates.3.id", f"duplicate id 'slides' (also dates[2]; {DUPLICATE})"),
    Clash("deliverables", REPORT, REPORT.replace("weight: 40", "weight: 20") + '  - id: report\n    title: "Again"\n'
                                                                               '    weight: 20\n',
          "  - id: ", 2, "deliverables.2.id", f"duplicate id 'report' (also deliverables[1]; {DUPLICATE})"),
    Clash("papers", PAPER, PAPER.replace("schedule:", '  - id: paper-a\n    title: "Again"\n    authors: ["B"]\n'
                                                      '    venue: "V"\n    year: 2020\n    topic: "T"\nschedule:'),
          "  - id: ", 1, "papers.1.id", f"duplicate id 'paper-a' (also papers[0]; {DUPLICATE})"),
    Clash("series", SERIES, SERIES + '  - id: lecture\n    title: "Again"\n    days: [monday]\n    start: "08:00"\n'
                                     '    end: "09:00"\n    first: 2026-10-19\n    last: 2026-10-26\n',
          "  - id: ", 1, "series.1.id", f"duplicate id 'lecture' (also series[0]; {DUPLICATE})"),
    Clash("slots", PROGRAM, PROGRAM + "        - slot: t1\n", "        - slot: ", 1, "schedule.days.0.program.3.slot",
          "duplicate slot id 't1' (each talk slot needs its own id)"),
    Clash("past terms", ARCHIVE, ARCHIVE + '  - id: ml-2026s\n    term: "Again"\n    title: "Again"\n' + ARCHIVE,
          "  - id: ", 1, "archive.1.id", f"duplicate id 'ml-2026s' (also archive[0]; {DUPLICATE})"),
    Clash("a past term and this one", "  - id: ml-2026s\n", "  - id: ml-2027s\n", "  - id: ", 1, "archive.0.id",
          "'ml-2027s' is also this term's course id (a new term needs a new id, or its calendar UIDs collide with "
          "the archived ones; change course.id)"),
    Clash("block-course days", PROGRAM, PROGRAM + '    - date: 2027-03-29\n      start: "14:00"\n      program:\n'
                                                  '        - break: 10\n',
          "    - date: ", 1, "schedule.days.1.date", "2027-03-29 is not after the previous day 2027-03-29 (list days in "
          "order, once each)"),
    Clash("changed sessions", SERIES, SERIES + '      - date: 2026-11-17\n        room: "Again"\n',
          "      - date: ", 2, "series.0.changes.2.date", "2026-11-17 is changed twice (merge the two changes)"),
    Clash("papers of a slot", PAPER, PAPER.replace("schedule:", '  - id: paper-b\n    title: "Again"\n    authors: ["B"]\n'
                                                               '    venue: "V"\n    year: 2020\n    topic: "T"\n'
                                                               '    slot: t1\nschedule:'),
          "    slot: ", 2, "papers.1.slot", "slot 't1' is already taken by paper 'paper-a' (give each paper its own slot)"),
]


# REPORT with another deliverable after it, with the weights still adding up to 100.
def _deliverable(ident: str) -> str:
    return REPORT.replace("weight: 40", "weight: 20") + f'  - id: {ident}\n    title: "Again"\n    weight: 20\n'


ANCHORS = [
    Clash("a deliverable named like the hand-in section", REPORT, _deliverable("hand-in"), "  - id: ", 2,
          "deliverables.2.id", "the deliverables page would have two elements with the anchor #hand-in: the hand-in "
          "section and deliverable 'hand-in' (rename the id)"),
    Clash("a deliverable named like another's due dates", REPORT, _deliverable("talk-due"), "  - id: ", 2,
          "deliverables.2.id", "the deliverables page would have two elements with the anchor #talk-due: the due dates "
          "of deliverable 'talk' and deliverable 'talk-due' (rename the id)"),
    Clash("a deliverable named like another's requirements", REPORT, _deliverable("talk-requirements"), "  - id: ", 2,
          "deliverables.2.id", "the deliverables page would have two elements with the anchor #talk-requirements: the "
          "requirements of deliverable 'talk' and deliverable 'talk-requirements' (rename the id)"),
    Clash("a deliverable whose due dates another names", REPORT, '  - id: report-due\n    title: "Again"\n    weight: 20\n'
          + REPORT.replace("weight: 40", "weight: 20"), "  - id: ", 2, "deliverables.2.id", "the deliverables page would have two elements with the anchor #report-due: "
          "deliverable 'report-due' and the due dates of deliverable 'report' (rename the id)"),
    Clash("a paper named like another's BibTeX entry", PAPER, PAPER.replace(
        "schedule:", '  - id: bibtex-paper-a\n    title: "Again"\n    authors: ["B"]\n    venue: "V"\n'
                     '    year: 2020\n    topic: "T"\nschedule:'), "  - id: ", 1, "papers.1.id",
          "the papers page would have two elements with the anchor #bibtex-paper-a: the BibTeX entry of paper "
          "'paper-a' and paper 'bibtex-paper-a' (rename the id)"),
    Clash("a slot named like a day", PROGRAM, PROGRAM + "        - slot: day-2027-03-29\n", "        - slot: ", 1,
          "schedule.days.0.program.3.slot", "the schedule page would have two elements with the anchor "
          "#day-2027-03-29: the day 2027-03-29 and talk slot 'day-2027-03-29' (rename the id)"),
    Clash("a series named like a week", "  - id: lecture\n", "  - id: week-3\n", "  - id: ", 1, "series.0.id",
          "the sessions page would have two elements with the anchor #week-3: week 3 and series 'week-3' "
          "(rename the id)"),
    Clash("a series named like the changes", "  - id: lecture\n", "  - id: changes\n", "  - id: ", 1, "series.0.id",
          "the sessions page would have two elements with the anchor #changes: the list of changes and series "
          "'changes' (rename the id)"),
]


@pytest.mark.parametrize("clash", IDS + ANCHORS, ids=[c.kind for c in IDS + ANCHORS])
def test_a_repeated_id_or_anchor_is_refused_where_it_repeats(clash: Clash) -> None:
    assert error_lines(clash.text()) == [clash.line()]


def test_the_starting_course_is_valid_and_has_every_kind_of_id() -> None:
    course = load_text(EVERY_FIELD)
    assert (course.news and course.deliverables and course.papers and course.series and course.archive
            and any(d.per_talk for d in course.dates) and course.schedule.days and course.logistics.hand_in)


# The anchors a rendered page gives elements of its own: `{ #name }` and `id="name"`.
def _rendered(name: str, pages: dict[str, str]) -> set[str]:
    return set(page_anchors(pages[f"{name}.md"]))


@pytest.mark.parametrize("source", ["every_field", *FIXTURES])
def test_the_anchor_rule_knows_every_anchor_the_templates_give_an_id(source: str) -> None:
    course = load_text(EVERY_FIELD) if source == "every_field" else load(FIXTURES[source] / "course.yml")
    pages = render(resolve(course), TODAY)
    for name, anchors in PAGES.items():
        if f"{name}.md" not in pages:
            continue
        known = {anchor.name for anchor in anchors(course)}
        rendered = _rendered(name, pages)
        # per-talk dates on the schedule are <rule>.<slot>-at-talk (no id has a dot); weeks are week-<n>
        unknown = {a for a in rendered - known if "." not in a and not re.fullmatch(r"week-\d+", a)}
        assert unknown == set(), (name, unknown)
        own = {a.name for a in anchors(course) if a.path and not a.name.endswith(("-requirements", "-due"))}
        assert own <= rendered, (name, own - rendered)


@pytest.mark.parametrize("source", ["every_field", *FIXTURES])
def test_no_page_gives_two_elements_one_anchor(source: str) -> None:
    course = load_text(EVERY_FIELD) if source == "every_field" else load(FIXTURES[source] / "course.yml")
    for uri, markdown in render(resolve(course), TODAY).items():
        anchors = page_anchors(markdown)
        assert len(anchors) == len(set(anchors)), (uri, sorted(a for a in anchors if anchors.count(a) > 1))


# --- Unicode: composed and decomposed spellings are one ------------------------------------

COMPOSED = "Réseaux épars"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def test_text_is_read_in_nfc() -> None:
    assert DECOMPOSED != COMPOSED
    course = load_text(edited('title: "Welcome"', f'title: "{DECOMPOSED}"'))
    assert course.news[0].title == COMPOSED


def test_two_spellings_of_one_topic_are_one_group_on_the_papers_page() -> None:
    second = PAPER.replace("schedule:", f'  - id: paper-b\n    title: "B"\n    authors: ["B"]\n    venue: "V"\n'
                                        f'    year: 2020\n    topic: "{DECOMPOSED}"\nschedule:')
    text = edited('topic: "Pruning"', f'topic: "{COMPOSED}"', edited(PAPER, second))
    papers = render(resolve(load_text(text)), TODAY)["papers.md"]
    assert papers.count(f"## {COMPOSED}\n") == 1 and DECOMPOSED not in papers
    assert papers.index(f"## {COMPOSED}") < papers.index("{ #paper-a }") < papers.index("{ #paper-b }")


def test_two_spellings_of_one_key_are_one_key() -> None:
    text = edited('  contact:\n    text: "Write to the webmaster."',
                  f'  contact:\n    text: "Write to the webmaster."\n    "t{chr(0x65)}{chr(0x301)}xt": "x"\n    '
                  f'"t{chr(0xe9)}xt": "y"')
    line = text.splitlines().index(f'    "t{chr(0xe9)}xt": "y"') + 1
    assert f"{line}:5: course.contact.t{chr(0xe9)}xt: duplicate key (first given on line {line - 1}; keep only one)" \
        in error_lines(text)


def test_a_holiday_named_in_another_spelling_is_the_holiday() -> None:
    text = edited('ignore: ["Christmas Day"]', f'only: ["{unicodedata.normalize("NFD", "Mariä Himmelfahrt")}"]')
    text = edited("  language: en\n  timezone", "  language: de\n  timezone", text)
    course = load_text(edited("last: 2027-02-09", "last: 2028-08-31", text))  # 2028-08-15 is a Tuesday
    assert course.holidays and course.holidays.only == ["Mariä Himmelfahrt"]
    assert [o.note for o in resolve(course).sessions if o.status == "holiday"] == ["Mariä Himmelfahrt"]
