""""Next for you": the next one or two things a student has to be at or hand in, for the home page.

Everything that has a day competes: the course's own dates, each per-talk rule's next item, each
weekly series' next session, and the block course's next day (its day, start and room from the
schedule). Past items never come first; a date of today counts as coming. Without any dated item
ahead, the dates still to be decided are shown with their hint; without those, nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .agreement import block_course_date
from .model import Course, DateItem
from .timetable import Entry

# How many items the home page shows at the top.
NEXT_ITEMS = 2


@dataclass(frozen=True)
class NextItem:
    """One coming item: the date as shown (a block-course day has that day's times and room),
    and the anchor of the page that tells more, relative to the site's root."""

    item: DateItem
    link: str


def next_items(course: Course, today: dt.date, own: Iterable[DateItem], per_talk: Iterable[DateItem],
               sessions: Iterable[DateItem], days: list[list[Entry]], pages: dict[str, str]) -> list[NextItem]:
    """The next NEXT_ITEMS dated items from `today` on, in time order, else the first tbd items.

    `own` are the course's dates, `per_talk` the items of the per-talk rules (in time order),
    `sessions` each series' next session, `days` the block course's timetable; `pages` gives
    the addresses of the dates, sessions and schedule pages.
    """
    own = list(own)
    block = block_course_date(course)
    coming = []
    for item in own:
        if not item.is_dated or item.last_day < today:
            continue
        day = _block_day(course, item, today, days) if block and block[1].id == item.id else None
        coming.append(NextItem(day, pages["schedule"]) if day else NextItem(item, f"{pages['dates']}#{item.id}"))
    seen_rules: set[str] = set()
    for item in per_talk:
        rule = item.id.split(".", 1)[0]
        if item.date and item.date >= today and rule not in seen_rules:
            seen_rules.add(rule)
            coming.append(NextItem(item, f"{pages['dates']}#{item.id}"))
    coming += [NextItem(item, pages["sessions"]) for item in sessions]
    if coming:
        return sorted(coming, key=_when)[:NEXT_ITEMS]
    return [NextItem(item, f"{pages['dates']}#{item.id}") for item in own if not item.is_dated][:NEXT_ITEMS]


# When an item starts, for sorting: its day (from today on) and start time.
def _when(found: NextItem) -> tuple[dt.date, dt.time]:
    assert found.item.date is not None
    return found.item.date, found.item.start or dt.time(0)


# The block course's date as its next day of the schedule: that day, its start, its end and its room.
def _block_day(course: Course, item: DateItem, today: dt.date, days: list[list[Entry]]) -> DateItem | None:
    for number, day in enumerate(course.schedule.days):
        if day.date >= today and days[number]:
            room = day.room or course.schedule.room or item.location
            return item.model_copy(update={"date": day.date, "end_date": None, "start": day.start,
                                           "end": days[number][-1].end.time(), "location": room})
    return None
