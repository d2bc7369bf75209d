"""Dates that follow each talk: a date with `per_talk` becomes one dated item per talk slot.

A rule such as "slides for feedback, 7 days before the talk, 12:00" is written once in
`dates:`; here it becomes one `DateItem` per talk of the block course, with the id
`<rule id>.<slot>` (a dot never occurs in an id, so no written date can take it). That id
names its calendar event (`date-<rule>.<slot>@<course.id>`), so the item keeps its UID when
its talk moves, and the calendar's change count sees it move. While no talk is scheduled,
the rule is one tbd item whose hint says how long before the talk it will be.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale

from .i18n import Labels
from .markup import clock
from .model import Course, DateItem, Status
from .timetable import Entry

BRIEF_TITLE = 60  # characters of a paper title in an item's title


@dataclass(frozen=True)
class TalkDate:
    """One item of a per-talk rule: the rule, its talk (None while none is scheduled), and the
    item as every date is shown and fed."""

    rule: DateItem
    talk: Entry | None
    item: DateItem

    @property
    def slot(self) -> str | None:
        """The talk slot this item belongs to."""
        return self.talk.slot if self.talk else None


def brief(title: str) -> str:
    """A paper's title shortened for a summary: up to its subtitle, at most BRIEF_TITLE characters."""
    head = " ".join(title.split(": ", 1)[0].split())
    if len(head) <= BRIEF_TITLE:
        return head
    return head[:BRIEF_TITLE].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def talk_name(talk: Entry, lab: Labels) -> str:
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
def _for_talk(course: Course, rule: DateItem, talk: Entry, lab: Labels) -> DateItem:
    assert rule.per_talk is not None and talk.slot is not None
    tentative = Status.tentative in (rule.status, course.schedule.status)
    return rule.model_copy(update={
        "id": f"{rule.id}.{talk.slot}", "per_talk": None,
        "title": lab["talk_date_title"].format(title=rule.title, talk=talk_name(talk, lab)),
        "date": talk.start.date() - dt.timedelta(days=rule.per_talk.days),
        "status": Status.tentative if tentative else Status.fixed,
    })


def talk_dates(course: Course, days: list[list[Entry]], lab: Labels) -> list[TalkDate]:
    """Every rule's items, in file order of the rules and time order of the talks."""
    talks = [entry for day in days for entry in day if entry.kind == "talk"]
    found = []
    for rule in (d for d in course.dates if d.per_talk is not None):
        if not talks:
            waiting = rule.model_copy(update={"per_talk": None, "status": Status.tbd,
                                              "hint": relative_hint(rule, lab)})
            found.append(TalkDate(rule, None, waiting))
        found += [TalkDate(rule, talk, _for_talk(course, rule, talk, lab)) for talk in talks]
    return found


def expanded_dates(course: Course, days: list[list[Entry]], lab: Labels) -> list[tuple[DateItem, TalkDate | None]]:
    """The course's dates with each rule replaced by its items, in file order."""
    derived: dict[str, list[TalkDate]] = {}
    for found in talk_dates(course, days, lab):
        derived.setdefault(found.rule.id, []).append(found)
    dates: list[tuple[DateItem, TalkDate | None]] = []
    for item in course.dates:
        if item.per_talk is None:
            dates.append((item, None))
        else:
            dates += [(found.item, found) for found in derived.get(item.id, [])]
    return dates
