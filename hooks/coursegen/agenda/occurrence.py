"""One thing that happens (or was planned to): a date, a talk, a session, with its instants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..instants import is_deadline, to_come
from ..model import DateItem, Paper, Series
from ..yamlsource import Path

Kind = Literal["date", "talk-date", "day", "talk", "break", "item", "session"]
Status = Literal["planned", "tentative", "tbd", "moved", "cancelled", "holiday", "skipped", "break"]

# The states of an occurrence that takes place (where planned, or moved).
HAPPENS: tuple[Status, ...] = ("planned", "tentative", "moved")


@dataclass(frozen=True)
class Occurrence:
    """One item of the agenda.

    `key` is unique and stable (`date:kickoff`, `date:slides-due.t1`, `talk:t1`, `day:2027-03-29`,
    `session:lecture:2027-06-17` by the planned day); `event` names its calendar event (UID
    `<event>@<course id>`), None for what the feed does not hold. `start` and `end` are instants
    in the course's zone (`end` exclusive; all-day items run from the start of their first day
    to the start of the day after their last), None while to be decided. `group` is what
    "next" shows once: each date alone, a per-talk rule's items, a series' sessions, the
    block-course days. `source` is the item's path in course.yml.
    """

    key: str
    kind: Kind
    title: str
    status: Status
    source: Path
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    all_day: bool = False
    place: str | None = None
    note: str | None = None
    group: str = ""
    event: str | None = None
    planned: dt.datetime | None = None
    item: DateItem | None = None
    talk: Occurrence | None = None
    rule: DateItem | None = None
    paper: Paper | None = None
    series: Series | None = None
    slot: str | None = None

    @property
    def dated(self) -> bool:
        """True once it has instants (not to be decided)."""
        return self.start is not None

    @property
    def happens(self) -> bool:
        """True when it takes place (where planned, or moved), False when cancelled or left out."""
        return self.status in HAPPENS

    @property
    def deadline(self) -> bool:
        """True for an instant, such as a hand-in (see instants.is_deadline)."""
        return self.item is not None and self.kind in ("date", "talk-date") and is_deadline(self.item)

    @property
    def moved_from(self) -> dt.date | None:
        """The day a moved session was planned on."""
        return self.planned.date() if self.status == "moved" and self.planned else None

    def to_come(self, now: dt.datetime) -> bool:
        """Still to come at `now` (never for an item to be decided)."""
        return self.end is not None and to_come(self.end, now)
