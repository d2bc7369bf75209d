"""Dates that follow each talk: a date with `per_talk` becomes one item per talk of the block course.

A rule such as "slides for feedback, 7 days before the talk, 12:00" is written once in
`dates:`; here it becomes one item per talk, with the id `<rule id>.<slot>` (a dot never
occurs in an id, so no written date can take it). That id names its calendar event
(`date-<rule>.<slot>@<course.id>`), so the item keeps its UID when its talk moves, and the
calendar's change count sees it move. While no talk is scheduled, the rule is one tbd item
whose hint says how long before the talk it will be.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel import Locale

from ..i18n import Labels
from ..instants import span
from ..markup import clock
from ..model import Course, DateItem, Status
from .occurrence import Occurrence

BRIEF_TITLE = 60  # characters of a paper title in an item's title


def brief(title: str) -> str:
    """A paper's title shortened for a summary: up to its subtitle, at most BRIEF_TITLE characters."""
    head = " ".join(title.split(": ", 1)[0].split())
    if len(head) <= BRIEF_TITLE:
        return head
    return head[:BRIEF_TITLE].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def talk_name(talk: Occurrence, lab: Labels) -> str:
    """A talk in a few words: its paper's short title, or the slot while no paper has it."""
    return brief(talk.paper.title) if talk.paper else f"{lab['talk']} {talk.slot}"


def relative_hint(rule: DateItem, lab: Labels) -> str:
    """When a rule's items are, in words: "7 days before your talk, 12:00"."""
    assert rule.per_talk is not None
    count = rule.per_talk.count
    one = Locale.parse(lab.locale).plural_form(count) == "one"  # every other CLDR form reads as "other"
    amount = lab[rule.per_talk.unit]["one" if one else "other"].format(n=count)
    words = lab["before_your_talk" if rule.per_talk.for_ == "presenter" else "before_reviewed_talk"]
    hint = str(words).format(before=amount)
    if rule.start:
        hint += f", {clock(rule.start, lab)}"
        if rule.end:
            hint += f"{lab['to']}{clock(rule.end, lab)}"
    return hint


# The rule's item for one talk: its day, the talk's status if that is less certain, its own id.
def _for_talk(course: Course, index: int, rule: DateItem, talk: Occurrence, lab: Labels) -> Occurrence:
    assert rule.per_talk is not None and talk.start is not None
    tentative = Status.tentative in (rule.status, course.schedule.status)
    item = rule.model_copy(update={
        "id": f"{rule.id}.{talk.slot}", "per_talk": None,
        "title": lab["talk_date_title"].format(title=rule.title, talk=talk_name(talk, lab)),
        "date": talk.start.date() - dt.timedelta(days=rule.per_talk.days),
        "status": Status.tentative if tentative else Status.fixed,
    })
    start, end, all_day = span(item, ZoneInfo(course.course.timezone))
    return Occurrence(f"date:{item.id}", "talk-date", item.title, "tentative" if tentative else "planned",
                      ("dates", index), start, end, all_day, place=item.location, group=f"rule:{rule.id}",
                      event=f"date-{item.id}", item=item, talk=talk, rule=rule, paper=talk.paper, slot=talk.slot)


def talk_dates(course: Course, index: int, rule: DateItem, talks: list[Occurrence], lab: Labels) -> list[Occurrence]:
    """The items of the per-talk rule `dates[index]`, in time order of the talks; one tbd item
    with the rule's hint while no talk is scheduled."""
    if talks:
        return [_for_talk(course, index, rule, talk, lab) for talk in talks]
    waiting = rule.model_copy(update={"per_talk": None, "status": Status.tbd, "hint": relative_hint(rule, lab)})
    return [Occurrence(f"date:{rule.id}", "talk-date", rule.title, "tbd", ("dates", index),
                       place=rule.location, group=f"rule:{rule.id}", item=waiting, rule=rule)]
