"""The course data model: what `course.yml` may contain, as pydantic models.

Fields documented as *Markdown* are rendered as prose; every other text field is
shown exactly as written (never interpreted as HTML or Markdown).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
LINK_PATTERN = re.compile(r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$", re.IGNORECASE)
TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# Reject anything that is not an http(s) or mailto link.
def _check_link(value: str) -> str:
    if not LINK_PATTERN.match(value):
        raise ValueError(
            "must be an http://, https:// or mailto: link "
            "(write the full address, e.g. https://example.org/page)"
        )
    return value


# Turn "09:00" into a time; PyYAML's own sexagesimal integers never reach here.
def _parse_time(value: object) -> object:
    if isinstance(value, str):
        match = TIME_PATTERN.match(value.strip())
        if not match:
            raise ValueError("must be a time of day as HH:MM, e.g. \"09:00\" or \"14:30\"")
        return dt.time(int(match.group(1)), int(match.group(2)))
    if isinstance(value, dt.time):
        return value
    raise ValueError("must be a time of day as HH:MM, e.g. \"09:00\" or \"14:30\"")


# Turn "2027-02-15" into a date, refusing numbers and impossible days with a clear reason.
def _parse_date(value: object) -> object:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not DATE_PATTERN.match(value.strip()):
        raise ValueError("must be a date as YYYY-MM-DD, e.g. 2027-02-15")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise ValueError(f"is not a real date: {error} (check day and month)") from None


# Check that a time-zone name is a real IANA zone, with a hint for near misses.
def _check_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        from difflib import get_close_matches

        near = get_close_matches(value, sorted(available_timezones()), n=1)
        hint = f"did you mean '{near[0]}'?" if near else "use an IANA name such as Europe/Berlin"
        raise ValueError(f"unknown time zone '{value}' ({hint})") from None
    return value


# Strip text and refuse empty values, so a blank title never reaches a page.
def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty (write some text or remove the field)")
    return value


Text = Annotated[str, AfterValidator(_non_empty)]
Markdown = Annotated[str, AfterValidator(_non_empty), Field(json_schema_extra={"format": "markdown"})]
Link = Annotated[str, AfterValidator(_check_link), Field(json_schema_extra={"format": "uri"})]
Id = Annotated[str, Field(pattern=ID_PATTERN, description="Stable id: lowercase letters, digits, - and _.")]
Date = Annotated[dt.date, BeforeValidator(_parse_date), Field(json_schema_extra={"format": "date"})]
TimeOfDay = Annotated[dt.time, BeforeValidator(_parse_time), Field(json_schema_extra={"format": "time"})]
Percent = Annotated[float, Field(gt=0, le=100)]


class Strict(BaseModel):
    """Base for every section: unknown keys are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(Strict):
    """An instructor, tutor or contact."""

    name: Text
    role: Text | None = None
    url: Link | None = None
    email: Annotated[str, Field(pattern=r"^[^\s@]+@[^\s@]+$")] | None = None


class Institution(Strict):
    """The institution that offers the course."""

    name: Text
    url: Link | None = None


class Legal(Strict):
    """Links every German public page needs in its footer."""

    impressum: Link
    datenschutz: Link


class Contact(Strict):
    """Who to write to when the site has a technical problem."""

    text: Text
    url: Link | None = None


class CourseInfo(Strict):
    """The course itself: what it is, who teaches it, in which language."""

    id: Id | None = Field(None, description="Stable id of this course run, used in calendar UIDs "
                          "and feed ids; keep it for the whole term (default: from title and term).")
    title: Text
    term: Text
    kind: Literal["seminar", "lecture", "lab", "block course"] = "seminar"
    language: Literal["en", "de"] = "en"
    timezone: Annotated[str, AfterValidator(_check_zone)] = "Europe/Berlin"
    institution: Institution
    instructors: list[Person] = Field(min_length=1)
    format: Markdown | None = Field(None, description="Markdown: how the course runs.")
    description: Markdown = Field(description="Markdown: what the course is about.")
    questions: list[Text] = Field(default_factory=list, description="Guiding questions.")
    invitation: Markdown | None = Field(None, description="Markdown: a closing line after the questions.")
    legal: Legal
    contact: Contact


class Privacy(Strict):
    """What personal data the site may show."""

    show_presenters: bool = Field(False, description="Show students' names as presenters.")


class NewsItem(Strict):
    """One dated announcement."""

    id: Id
    date: Date
    title: Text
    body: Markdown = Field(description="Markdown: the announcement.")


class Status(str, Enum):
    """How certain a date is."""

    fixed = "fixed"
    tentative = "tentative"
    tbd = "tbd"


class DateItem(Strict):
    """An important date: fixed (day, day+time, range), tentative, or tbd with a hint."""

    id: Id
    title: Text
    status: Status = Status.fixed
    date: Date | None = None
    end_date: Date | None = None
    start: TimeOfDay | None = None
    end: TimeOfDay | None = None
    hint: Text | None = Field(None, description="When it will be, in words (for tbd dates).")
    location: Text | None = None
    deliverable: Id | None = Field(None, description="Id of the deliverable due on this date.")
    details: Markdown | None = Field(None, description="Markdown: more about this date.")

    @property
    def is_dated(self) -> bool:
        """True when the item has a day (fixed or tentative)."""
        return self.status is not Status.tbd and self.date is not None


class Deliverable(Strict):
    """Something students hand in or give, with its share of the grade."""

    id: Id
    title: Text
    count: int = Field(1, ge=1, description="How many of these each student delivers.")
    weight: Percent = Field(description="Percent of the final grade, for each one.")
    summary: Text | None = None
    requirements: Markdown | None = Field(None, description="Markdown: what is required.")


class Paper(Strict):
    """A paper on the reading list."""

    id: Id
    title: Text
    authors: list[Text] = Field(min_length=1)
    venue: Text
    year: int = Field(ge=1900, le=2100)
    topic: Text
    arxiv: Annotated[str, Field(pattern=r"^\d{4}\.\d{4,5}(v\d+)?$")] | None = None
    doi: Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Link | None = None
    summary: Text | None = None
    entry_type: Literal["article", "inproceedings", "misc"] | None = Field(
        None, description="BibTeX entry type; guessed from the venue when left out.")
    presenter: Text | None = Field(None, description="Student's name; shown only if privacy allows.")
    slot: Id | None = Field(None, description="Id of the block-course slot for this paper's talk.")


class Talk(Strict):
    """A talk slot in the block course, filled by the paper whose `slot` names it."""

    slot: Id
    start: TimeOfDay | None = None
    talk_minutes: int | None = Field(None, ge=1, le=240)
    discussion_minutes: int | None = Field(None, ge=0, le=240)


class Break(Strict):
    """A pause between talks."""

    break_: int = Field(alias="break", ge=1, le=240, description="Length in minutes.")
    title: Text | None = None
    start: TimeOfDay | None = None


class Session(Strict):
    """Any other item of a day: opening, wrap-up, discussion."""

    session: Text
    minutes: int = Field(ge=1, le=600)
    start: TimeOfDay | None = None


# Tell which kind of program item a mapping is, from the key that marks it.
def _program_kind(value: object) -> str | None:
    if isinstance(value, BaseModel):
        return type(value).__name__.lower()
    if isinstance(value, dict):
        for key, kind in (("slot", "talk"), ("break", "break"), ("session", "session")):
            if key in value:
                return kind
    return None


ProgramItem = Annotated[
    Annotated[Talk, Tag("talk")] | Annotated[Break, Tag("break")] | Annotated[Session, Tag("session")],
    Discriminator(
        _program_kind,
        custom_error_type="program_item",
        custom_error_message="each program item needs one of the keys slot, break or session",
    ),
]


class Day(Strict):
    """One day of the block course."""

    date: Date
    start: TimeOfDay
    room: Text | None = None
    program: list[ProgramItem] = Field(min_length=1)


class Schedule(Strict):
    """The block course: days of talks, or a hint while dates are not fixed."""

    status: Status = Status.tbd
    hint: Text | None = None
    room: Text | None = None
    talk_minutes: int = Field(30, ge=1, le=240)
    discussion_minutes: int = Field(10, ge=0, le=240)
    days: list[Day] = Field(default_factory=list)


class Course(Strict):
    """Everything in `course.yml`."""

    course: CourseInfo
    privacy: Privacy = Privacy()
    news: list[NewsItem] = Field(default_factory=list)
    dates: list[DateItem] = Field(default_factory=list)
    deliverables: list[Deliverable] = Field(default_factory=list)
    papers: list[Paper] = Field(default_factory=list)
    schedule: Schedule = Schedule()
