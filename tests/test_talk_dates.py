"""Per-talk dates in the agenda: a rule written once in `dates:` ("slides 7 days before the talk,
12:00") becomes one item per talk, or, while no talk is scheduled, one item to be decided whose hint
says when it will be. Checked on the engine's agenda for changed fixture courses, field by field:
what the dates page, "next for you" and the feed are written from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from support import EXAMPLE
from test_ics_edges import course_data, course_from

from coursegen.agenda import Agenda, Occurrence, resolve
from coursegen.agenda.talks import BRIEF_TITLE, brief
from coursegen.loader import CourseError, check_text
from coursegen.model import Course, PerTalk, Status

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


# The example course (German; two per-talk rules: slides-due for presenters, review-questions for
# reviewers), with a room for the slides and an evening span for the questions.
def example(change: Any = None) -> Course:
    data = course_data(EXAMPLE)
    rules = {d["id"]: d for d in data["dates"] if d.get("per_talk")}
    rules["slides-due"]["location"] = "Raum 2.07"
    rules["review-questions"].update(start="20:00", end="23:59")
    if change:
        change(data)
    return course_from(data)


def _no_talks(data: dict[str, Any]) -> None:
    data["schedule"]["days"] = []
    for paper in data["papers"]:
        paper.pop("slot", None)


def _derived(agenda: Agenda) -> dict[str, list[Occurrence]]:
    found: dict[str, list[Occurrence]] = {}
    for o in agenda.dates:
        if o.kind == "talk-date":
            assert o.rule is not None
            found.setdefault(o.rule.id, []).append(o)
    return found


def test_a_rule_waits_as_one_item_to_be_decided_while_no_talk_is_scheduled() -> None:
    course = example(_no_talks)
    derived = _derived(resolve(course))
    assert sorted(derived) == ["review-questions", "slides-due"]
    hints = {"slides-due": "7 Tage vor Ihrem Vortrag, 12:00",
             "review-questions": "2 Tage vor dem Vortrag über das Paper, das Sie begutachten, 20:00–23:59"}
    for rule_id, (o,) in derived.items():
        index = next(i for i, d in enumerate(course.dates) if d.id == rule_id)
        rule = course.dates[index]
        assert (o.key, o.kind, o.title, o.status, o.source) == (f"date:{rule_id}", "talk-date", rule.title, "tbd",
                                                                ("dates", index))
        assert (o.start, o.end, o.event, o.group) == (None, None, None, f"rule:{rule_id}")
        assert o.place == rule.location and o.rule is rule
        assert o.item is not None
        assert (o.item.per_talk, o.item.status, o.item.hint) == (None, Status.tbd, hints[rule_id])
    assert derived["slides-due"][0].place == "Raum 2.07"


@pytest.mark.parametrize("tentative", [None, "schedule", "rule"])
def test_each_talk_gets_the_rules_item_with_the_talks_day_paper_and_certainty(tentative: str | None) -> None:
    def change(data: dict[str, Any]) -> None:
        if tentative == "schedule":
            data["schedule"]["status"] = "tentative"
        elif tentative == "rule":
            next(d for d in data["dates"] if d["id"] == "slides-due")["status"] = "tentative"

    course = example(change)
    agenda = resolve(course)
    talks = {o.slot: o for day in agenda.days for o in day.talks}
    items = _derived(agenda)["slides-due"]
    assert [o.slot for o in items] == list(talks) and len(items) == 6
    uncertain = tentative is not None
    for o in items:
        talk = talks[o.slot]
        assert o.item is not None and talk.start is not None and o.start is not None
        assert (o.key, o.event, o.group) == (f"date:slides-due.{o.slot}", f"date-slides-due.{o.slot}", "rule:slides-due")
        assert o.title == o.item.title and o.title.startswith("Folien zur Rückmeldung")
        assert o.item.per_talk is None
        assert o.item.date == talk.start.date() - dt.timedelta(days=7)
        assert o.start.time() == dt.time(12) and o.all_day is False
        assert o.status == ("tentative" if uncertain else "planned")
        assert o.item.status == (Status.tentative if uncertain else Status.fixed)
        assert o.place == "Raum 2.07" and o.paper is talk.paper is not None and o.talk is talk


def test_a_rule_without_a_time_gives_all_day_items() -> None:
    def change(data: dict[str, Any]) -> None:
        next(d for d in data["dates"] if d["id"] == "slides-due").pop("start")

    items = _derived(resolve(example(change)))["slides-due"]
    assert items and all(o.all_day is True and o.start is not None and o.start.time() == dt.time(0) for o in items)


@pytest.mark.parametrize(("title", "short"), [
    # Up to the subtitle: the first ": " only.
    ("Lottery Tickets: Finding Sparse: Trainable Networks", "Lottery Tickets"),
    ("Rigging   the\tLottery", "Rigging the Lottery"),
    # Exactly BRIEF_TITLE characters stay whole.
    ("A" * (BRIEF_TITLE - 5) + " Nets", "A" * (BRIEF_TITLE - 5) + " Nets"),
    # Longer: cut at the last whole word, without the punctuation before the cut, and marked.
    ("Sparse training of deep and very wide neural networks, pruning them all",
     "Sparse training of deep and very wide neural networks…"),
    ("Sparse training of deep and very wide neural nets with JAX pruning them",
     "Sparse training of deep and very wide neural nets with JAX…"),
    ("Deep nets: " + "x" * 80, "Deep nets"),
])
def test_a_papers_short_title(title: str, short: str) -> None:
    assert brief(title) == short
    assert len(short) <= BRIEF_TITLE + 1


@pytest.mark.parametrize(("before", "ok"), [("0 days", True), ("366 days", True), ("367 days", False),
                                            ("52 weeks", True), ("53 weeks", False)])
def test_a_rule_comes_at_most_a_year_before_its_talk(before: str, ok: bool) -> None:
    if ok:
        assert PerTalk.model_validate({"before": before}).before == before
    else:
        with pytest.raises(ValidationError, match=f"'{before}' is more than 366 days before the talk"):
            PerTalk.model_validate({"before": before})


def test_every_item_of_a_block_day_is_in_that_days_room() -> None:
    agenda = resolve(example())
    rooms = {day.day.date: day.room for day in agenda.days}
    assert sorted(set(rooms.values())) == ["Room 0.01", "Room 1.12"]  # the schedule's, and a day's own
    kinds = set()
    for day in agenda.days:
        for o in day.program:
            kinds.add(o.kind)
            assert o.place == rooms[day.day.date], o.key
    assert kinds == {"talk", "break", "item"}


# The example's two rules (dates 8 and 9, slides-due and review-questions) and copies of slides-due
# after them, for six talks: 333 rules make 1,998 items, the most there may be (MAX_TALK_DATES), and
# the 334th rule is refused where it is written.
def _rules(count: int) -> dict[str, Any]:
    data = course_data(EXAMPLE)
    rule = next(d for d in data["dates"] if d["id"] == "slides-due")
    data["dates"] += [{**rule, "id": f"rule-{n}"} for n in range(count - 2)]
    return data


def test_per_talk_items_beyond_the_limit_are_refused_before_any_is_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(course: object) -> None:
        raise AssertionError("the agenda of a course beyond the limits was resolved")
    monkeypatch.setattr("coursegen.checks.resolve", never)
    with pytest.raises(CourseError) as caught:
        course_from(_rules(342))
    assert [p.path for p in caught.value.problems] == ["dates.342.per_talk"]


def test_per_talk_rules_may_make_as_many_items_as_the_limit_and_no_rule_more() -> None:
    agenda = resolve(course_from(_rules(333)))
    assert sum(1 for o in agenda.dates if o.key.startswith("date:rule-")) == 331 * 6
    with pytest.raises(CourseError) as caught:
        course_from(_rules(342))
    assert [(p.path, p.message) for p in caught.value.problems] == [(
        "dates.342.per_talk", "the per-talk dates make more than 2,000 items in all (334 rules times 6 talks; "
        "write fewer rules, or fewer talks)")]


def test_exactly_as_many_per_talk_items_as_the_limit_are_allowed() -> None:
    """With four talks, 500 rules make 2,000 items, the limit itself; 501 are too many."""
    def four_talks(rules: int) -> dict[str, Any]:
        data = _rules(rules)
        del data["schedule"]["days"][1]  # the second day: talks 5 and 6
        for paper in data["papers"]:
            if paper.get("slot") in ("t5", "t6"):
                del paper["slot"]
        return data
    agenda = resolve(course_from(four_talks(500)))
    assert len(agenda.talks) == 4 and sum(1 for o in agenda.dates if o.kind == "talk-date") == 2_000
    with pytest.raises(CourseError) as caught:
        course_from(four_talks(501))
    assert [(p.path, p.message) for p in caught.value.problems] == [(
        "dates.509.per_talk", "the per-talk dates make more than 2,000 items in all (501 rules times 4 talks; "
        "write fewer rules, or fewer talks)")]


def test_too_many_per_talk_items_point_at_the_rule_that_passes_the_limit() -> None:
    """The error points at the `per_talk:` of the rule that passes the limit, in the file."""
    class Plain(yaml.SafeDumper):  # each rule written out in full, as an instructor writes it
        def ignore_aliases(self, data: Any) -> bool:
            return True
    text = yaml.dump(_rules(342), Dumper=Plain, sort_keys=False, allow_unicode=True)
    with pytest.raises(CourseError) as caught:
        check_text(text)
    [problem] = caught.value.problems
    assert problem.path == "dates.342.per_talk"
    assert text.splitlines()[problem.line - 1].strip() == "per_talk:"
