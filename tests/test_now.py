"""What depends on now, as one table of cases (tests/cases/now.yml) run against the engine
(agenda/now.py) and against now.js in Node, which must agree on every case; and the edges of
the rules themselves. The browser test (tests/browser/test_now.py) sets Chromium's clock to the
same instants on the built sites."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import ROOT, unavailable

from coursegen.agenda import Agenda, Occurrence, now
from coursegen.loader import check
from coursegen.pages import date_rows
from coursegen.tracks import owners

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


CASES: list[dict[str, Any]] = yaml.safe_load((ROOT / "tests" / "cases" / "now.yml").read_text(encoding="utf-8"))
NODE_RULES = ROOT / "tests" / "node" / "now.cjs"


@cache
def agenda_of(course: str) -> Agenda:
    """A fixture course's agenda."""
    return check(ROOT / "tests" / course / "course.yml").agenda


def instant(case: dict[str, Any]) -> dt.datetime:
    """A case's instant (YAML reads it as a datetime with its offset, or as text)."""
    at = case["at"]
    return at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))


def page_rows(agenda: Agenda) -> dict[str, list[Occurrence]]:
    """The marked rows of the dates, schedule and sessions pages, in page order."""
    return {"dates": [r.occurrence for r in date_rows(agenda) if r.occurrence.dated],
            "schedule": agenda.program, "sessions": agenda.sessions}


@dataclass(frozen=True)
class State:
    """What a visitor sees at one instant: keys of "next for you" and the timeline, every page's
    marks, and the sessions page's week."""

    next: list[str]
    timeline: list[str]
    marks: dict[str, list[str]]
    week: int | None


def engine_state(agenda: Agenda, at: dt.datetime) -> State:
    """The state the engine gives at `at`."""
    week = now.this_week(agenda, at.astimezone(agenda.zone).date())
    return State([o.key for o in now.next_for_you(agenda, at)], [o.key for o in now.timeline(agenda, at)],
                 {page: now.marks(rows, at) for page, rows in page_rows(agenda).items()},
                 week.number if week else None)


# The key marked next on a page, or None.
def _marked_next(rows: list[Occurrence], marks: list[str]) -> str | None:
    return next((o.key for o, mark in zip(rows, marks, strict=True) if mark == now.NEXT), None)


def expect(case: dict[str, Any], state: State) -> None:
    """The state is what the case says: next for you, timeline, the row marked next, the week;
    every row over by then is past, every row after the next one later."""
    agenda, at = agenda_of(case["course"]), instant(case)
    assert state.next == case["next"], case["why"]
    assert state.timeline == case["timeline"], case["why"]
    rows = page_rows(agenda)
    for page, key in case["marks"].items():
        assert _marked_next(rows[page], state.marks[page]) == key, (page, case["why"])
    for page, marks in state.marks.items():
        assert [mark == now.PAST for mark in marks] == [not o.to_come(at) for o in rows[page]], page
    if "week" in case:
        assert state.week == case["week"], case["why"]


@pytest.mark.parametrize("case", [c for c in CASES if "mine" not in c], ids=lambda c: f"{c['course']}-{c['at']}")
def test_the_engine_gives_each_case(case: dict[str, Any]) -> None:
    expect(case, engine_state(agenda_of(case["course"]), instant(case)))


def test_the_table_covers_each_fixture_across_its_term() -> None:
    """Every fixture with dates has cases before its first date, between and after its last one."""
    for course in ("example", "lecture", "seminar", "minimal"):
        assert any(c["course"] == course for c in CASES), course
    whys = " ".join(c["why"] for c in CASES)
    for words in ("before the first date", "inside the block course", "before its minute", "after",
                  "original day of the moved", "new day", "cancelled", "holiday", "skipped", "after the last date"):
        assert words in whys, words


# The candidates and rows of one case as the pages carry them (data-cg-* values).
def _node_case(case: dict[str, Any]) -> dict[str, Any]:
    agenda, at = agenda_of(case["course"]), instant(case)
    owned = owners(agenda)

    def data(o: Occurrence) -> dict[str, str]:
        return {**now.data(o), **owned.get(o.key, {})}
    return {
        "now": int(at.timestamp() * 1000), "today": at.astimezone(agenda.zone).date().isoformat(),
        "mine": case.get("mine", {}),
        "next": [data(o) for o in now.next_candidates(agenda)], "nextLimit": now.NEXT_ITEMS,
        "fallback": [o.key for o in now.next_fallback(agenda)],
        "timeline": [data(o) for o in now.timeline_candidates(agenda)], "timelineLimit": now.TIMELINE_ITEMS,
        "pages": {page: [now.data(o) for o in rows] for page, rows in page_rows(agenda).items()},
        "weeks": [{"number": w.number, "monday": w.monday.isoformat(), "sunday": w.sunday.isoformat()}
                  for w in agenda.weeks],
    }


@pytest.mark.tier("readers")  # Node
def test_now_js_gives_each_case_as_the_engine_does(tmp_path: Path) -> None:
    """now.js's rules, run by Node on the same candidates, agree with the engine on every case
    (every mark of every page included) and with the table; a case with a student's choice of
    tracks (`mine`, which only the browser knows) agrees with the table."""
    node = shutil.which("node")
    if node is None:
        unavailable("no Node.js found: install it to run now.js's rules")
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps([_node_case(c) for c in CASES]), encoding="utf-8")
    run = subprocess.run([node, str(NODE_RULES), str(cases)], capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    for case, found in zip(CASES, json.loads(run.stdout), strict=True):
        state = State(found["next"], found["timeline"], found["marks"], found["week"])
        if "mine" not in case:
            assert state == engine_state(agenda_of(case["course"]), instant(case)), case["why"]
        expect(case, state)
