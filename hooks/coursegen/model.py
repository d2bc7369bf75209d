"""The course data model: what `course.yml` may contain, as pydantic models.

Fields documented as *Markdown* are rendered as prose; every other text field is
shown exactly as written (never interpreted as HTML or Markdown). Each field's
description and example also feed the JSON Schema and REFERENCE.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from difflib import get_close_matches
from enum import StrEnum
from typing import Annotated, Literal, get_args

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
)
from pydantic import (
    Strict as StrictInput,
)
from pydantic.fields import FieldInfo

from . import addresses
from .i18n import languages
from .limits import (
    MAX_BEFORE_TALK_DAYS,
    MAX_COUNT,
    MAX_ID,
    MAX_ITEMS,
    MAX_LINK,
    MAX_MARKDOWN,
    MAX_MARKDOWN_DEPTH,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
)
from .zones import zone_problem

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
ARXIV_PATTERN = r"^\d{4}\.\d{4,5}(v\d+)?$"
DOI_PATTERN = r"^10\.\d{4,9}/[^\s\x00-\x1f\x7f]+$"
EMAIL_PATTERN = r"^[^\s@]+@[^\s@]+$"
LINK_PATTERN = re.compile(r"^(https?://[^\s\x00-\x1f\x7f/$.?#][^\s\x00-\x1f\x7f]*|mailto:[^\s\x00-\x1f\x7f@]+@[^\s\x00-\x1f\x7f@]+)$")
TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# A timestamp as YAML writes one: a day, then a time (2027-02-15 10:00, 2027-02-15T10:00:00Z).
DATE_TIME_PATTERN = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[Tt]|[ \t]+)\d{1,2}:\d{2}")
COMMIT_PATTERN = r"^[0-9a-f]{7,40}$"
COUNTRY_PATTERN = r"^[A-Z]{2,3}$"
# A language tag (BCP 47): language, then optional script, region and variants, e.g. en, de-AT, zh-Hant.
LANGUAGE_TAG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?(-([A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*$"
OFFSET_PATTERN = re.compile(r"^(\d+) (day|days|week|weeks)$")
OFFSET_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}

# What each pattern means, in an instructor's words: (what is wrong, how to fix it).
PATTERN_HINTS: dict[str, tuple[str, str]] = {
    ID_PATTERN: ("must be an id of lowercase letters, digits, - and _",
                 "start with a letter or digit, e.g. review-1"),
    ARXIV_PATTERN: ("must be an arXiv id such as 2205.02321", "leave out 'arXiv:' and the address"),
    DOI_PATTERN: ("must be a DOI such as 10.1073/pnas.1903070116", "leave out https://doi.org/"),
    EMAIL_PATTERN: ("must be an e-mail address", "write it as name@example.org"),
    LANGUAGE_TAG_PATTERN: ("must be a language tag such as en, de or en-GB",
                           "write the language's two- or three-letter code, optionally with a region"),
    COMMIT_PATTERN: ("must be a git commit id of 7 to 40 lowercase hex digits",
                     "copy it from `git rev-parse HEAD`; next-term writes it"),
    COUNTRY_PATTERN: ("must be a country code of two or three capital letters", "write e.g. DE, AT or CH"),
}

# The languages on offer: one per label file in labels/.
LANGUAGES = languages()


# A language tag as BCP 47 compares them, without regard to case: `en-us` is `en-US`.
def _language_tag(value: object) -> object:
    if isinstance(value, str):
        return next((tag for tag in LANGUAGES if tag.lower() == value.strip().lower().replace("_", "-")), value)
    return value


# Reject anything that is not an http(s) or mailto link; the line break that ends a block
# scalar (`url: |`) is dropped, any other whitespace or control character is refused.
def _check_link(value: str) -> str:
    value = value.strip()
    if not LINK_PATTERN.fullmatch(value):
        raise ValueError(
            "must be an http://, https:// or mailto: link without spaces or control characters "
            "(write the full address, e.g. https://example.org/page; encode a space as %20)"
        )
    return value


def kind_of(value: object) -> str:
    """What a value read from YAML is, in words: text, a number, a list, true..."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    kinds: dict[type, str] = {str: "text", list: "a list", dict: "a mapping"}
    return kinds.get(type(value), "a value")


# Turn "09:00" into a time; PyYAML's own sexagesimal integers never reach here.
def _parse_time(value: object) -> object:
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise ValueError(f"must be a time of day as HH:MM, not {kind_of(value)} (write e.g. \"09:30\")")
    match = TIME_PATTERN.match(value.strip())
    if not match:
        raise ValueError(f"'{value}' is not a time of day (write HH:MM from 00:00 to 23:59, e.g. \"14:30\")")
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_date(value: object) -> object:
    """Turn "2027-02-15" into a date; refuse numbers and impossible days with a clear reason (ValueError)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"must be a date as YYYY-MM-DD, not {kind_of(value)} (write e.g. 2027-02-15)")
    with_time = DATE_TIME_PATTERN.match(value.strip())
    if with_time:
        raise ValueError(f"'{value.strip()}' is a day and a time, but this field takes the day alone (write "
                         f"{with_time.group(1)}; a time of day goes in start and end where the entry has them)")
    match = DATE_PATTERN.match(value.strip())
    if not match:
        raise ValueError(f"'{value}' is not a date as YYYY-MM-DD (write e.g. 2027-02-15)")
    year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{value.strip()} is not a date of a course: the year must be from {MIN_YEAR} "
                         f"to {MAX_YEAR} (fix the year)")
    if not 1 <= month <= 12:
        raise ValueError(f"{value.strip()} is not a real date: there is no month {month} (use 01 to 12)")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"{value.strip()} is not a real date: {calendar.month_name[month]} {year} "
                         f"has {days} days (fix the day)")
    return dt.date(year, month, day)


# Check that a time-zone name is an IANA zone (zones.py), with the nearest names for a near miss.
def _check_zone(value: str) -> str:
    problem = zone_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# A well-formed language tag must also name a language CLDR knows (not, say, "xx").
def _check_language(value: str) -> str:
    code = value.split("-")[0].lower()
    if code not in Locale("en").languages:
        raise ValueError(f"'{value}' does not start with a known language code (write one such as en, de or fr)")
    return value


# Strip text and refuse empty values, so a blank title never reaches a page.
def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty (write some text or remove the field)")
    return value


# A Markdown line's nesting: each list marker or quote '>' at its start, and each four
# columns of indentation (a nested list or an indented block), is one level.
_NESTING = re.compile(r"^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*")


# Refuse Markdown nested deeper than MAX_MARKDOWN_DEPTH, which Python-Markdown would recurse into.
def _shallow(value: str) -> str:
    for number, line in enumerate(value.splitlines(), 1):
        prefix = _NESTING.match(line).group()  # type: ignore[union-attr]
        levels = len(re.findall(r"[-*+>]|\d{1,9}[.)]", prefix)) + len(prefix.expandtabs(4)) // 4
        if levels > MAX_MARKDOWN_DEPTH:
            raise ValueError(f"line {number} of the text nests lists or quotes more than {MAX_MARKDOWN_DEPTH} "
                             "levels deep (flatten the list, or indent less)")
    return value


_NON_EMPTY = {"type": "string", "pattern": r"\S"}

Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_non_empty),
                 WithJsonSchema({**_NON_EMPTY, "maxLength": MAX_TEXT})]
Markdown = Annotated[str, Field(max_length=MAX_MARKDOWN), AfterValidator(_non_empty), AfterValidator(_shallow),
                     WithJsonSchema({**_NON_EMPTY, "maxLength": MAX_MARKDOWN, "contentMediaType": "text/markdown"})]


def markdown_field(info: FieldInfo) -> bool:
    """True for a field of type Markdown (optional or not)."""
    return Markdown in get_args(info.annotation) or any(getattr(m, "func", None) is _shallow for m in info.metadata)


Link = Annotated[str, Field(max_length=MAX_LINK), AfterValidator(_check_link),
                 WithJsonSchema({"type": "string", "format": "uri", "pattern": LINK_PATTERN.pattern,
                                 "maxLength": MAX_LINK})]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_ID)]
LanguageTag = Annotated[str, Field(pattern=LANGUAGE_TAG_PATTERN, max_length=MAX_ID), AfterValidator(_check_language)]
Date = Annotated[dt.date, BeforeValidator(parse_date), WithJsonSchema({"type": "string", "format": "date"})]
TimeOfDay = Annotated[dt.time, BeforeValidator(_parse_time),
                      WithJsonSchema({"type": "string", "pattern": TIME_PATTERN.pattern})]
Whole = Annotated[int, StrictInput()]
Flag = Annotated[bool, StrictInput()]
Percent = Annotated[float, StrictInput(), Field(gt=0, le=100, allow_inf_nan=False)]


class Strict(BaseModel):
    """Base for every section: unknown keys are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(Strict):
    """An instructor, tutor or contact."""

    name: Text = Field(description="Full name, shown as written.", examples=["Ada Lovelace"])
    role: Text | None = Field(None, description="Role in the course.", examples=["Lecturer"])
    url: Link | None = Field(None, description="Personal page.", examples=["https://example.org/ada"])
    email: Annotated[str, Field(pattern=EMAIL_PATTERN)] | None = Field(
        None, description="E-mail address, shown as a mailto: link.", examples=["ada@example.org"])


# Where the law asks every public site for a legal notice (Impressum) and a privacy notice, by the
# ISO 3166 code of the country: Germany (DDG § 5, GDPR Art. 13) and Austria (ECG § 5, MedienG § 25).
LEGAL_NOTICE_COUNTRIES = {"DE": "Germany", "AT": "Austria"}


class Institution(Strict):
    """The institution that offers the course."""

    name: Text = Field(description="Name of the institution.",
                       examples=["Example University, Department of Computer Science"])
    url: Link | None = Field(None, description="Its home page.", examples=["https://example.org/"])
    country: Annotated[str, Field(pattern=COUNTRY_PATTERN)] | None = Field(
        None, description="Where it is, as an ISO 3166 code in capitals (DE, AT, US, …). In Germany and Austria "
        "the footer must link a legal notice and a privacy notice (course.legal). Without it, the country of "
        "the public holidays (holidays.country) counts.", examples=["DE"])


class Legal(Strict):
    """The footer's legal links: a legal notice (Impressum) and a privacy notice, which a public
    page in Germany or Austria must link, and an accessibility statement. Elsewhere each is optional."""

    impressum: Link | None = Field(None, description="The legal notice (Impressum) page.",
                                   examples=["https://example.org/impressum"])
    privacy: Link | None = Field(None, description="The privacy notice (Datenschutzerklärung).",
                                 examples=["https://example.org/privacy"])
    datenschutz: Link | None = Field(None, description="The privacy notice by its German name: the same as "
                                     "privacy (give one of the two).", examples=["https://example.org/datenschutz"])
    accessibility: Link | None = Field(None, description="The accessibility statement (Erklärung zur "
                                       "Barrierefreiheit).", examples=["https://example.org/accessibility"])

    @property
    def privacy_notice(self) -> str | None:
        """The privacy notice, by either name."""
        return self.privacy or self.datenschutz


class Contact(Strict):
    """Who to write to when the site has a technical problem."""

    text: Text = Field(description="Footer text for technical problems.",
                       examples=["Technical problems with this site: webmaster@example.org"])
    url: Link | None = Field(None, description="Where the footer text links to.",
                             examples=["mailto:webmaster@example.org"])


class CourseInfo(Strict):
    """The course itself: what it is, who teaches it, in which language."""

    id: Id | None = Field(None, description="Stable id of this course run, used in calendar UIDs "
                          "and feed ids; keep it for the whole term (default: from title and term).",
                          examples=["ml-2027s"])
    title: Text = Field(description="Course title: the site's name.",
                        examples=["Introduction to Machine Learning"])
    term: Text = Field(description="Term in which the course runs.", examples=["Summer 2027"])
    kind: Literal["seminar", "lecture", "lab", "block course"] = Field(
        "seminar", description="What kind of course it is.")
    language: Annotated[Literal[LANGUAGES], BeforeValidator(_language_tag)] = Field(  # type: ignore[valid-type]
        "en", description="Language of the generated pages' labels, dates and times, and of the theme.")
    timezone: Annotated[str, AfterValidator(_check_zone)] = Field(
        "Europe/Berlin", description="IANA time zone of every date and time, by its name in the IANA list "
        "(the tzdata package's), e.g. Europe/Berlin; names only a machine has (localtime, right/..., "
        "posix/...) are refused.", examples=["Europe/Berlin"])
    institution: Institution = Field(description="Who offers the course.")
    instructors: list[Person] = Field(min_length=1,
        max_length=MAX_ITEMS, description="Who teaches it (at least one).")
    format: Markdown | None = Field(None, description="Markdown: how the course runs.",
                                    examples=["Weekly lecture with exercise groups and a written exam."])
    description: Markdown = Field(description="Markdown: what the course is about.",
                                  examples=["How a model learns from data, and **when** to trust it."])
    questions: list[Text] = Field(default_factory=list,
        max_length=MAX_ITEMS, description="Guiding questions, one per entry.",
                                  examples=[["When does a model generalise beyond its training data?"]])
    invitation: Markdown | None = Field(
        None, description="Markdown: a closing line after the questions.",
        examples=["Everyone curious about these questions is welcome."])
    allow_html: Flag = Field(
        False, description="Let Markdown fields contain raw HTML (true or false). Even then it is "
        "sanitized: only the elements and attributes REFERENCE.md lists under Markdown safety stay.")
    legal: Legal = Field(Legal(), description="The footer's legal links: legal notice (Impressum), privacy "
                         "notice, accessibility statement; the first two required for an institution in Germany "
                         "or Austria.")
    contact: Contact = Field(description="Technical contact for the footer.")


class Privacy(Strict):
    """What personal data the site may show."""

    show_presenters: Flag = Field(False, description="Show students' names as presenters (true or false).")


class NewsItem(Strict):
    """One dated announcement."""

    id: Id = Field(description="Stable id: lowercase letters, digits, - and _.", examples=["rooms-fixed"])
    date: Date = Field(description="Day of the announcement, YYYY-MM-DD.", examples=["2027-03-01"])
    title: Text = Field(description="Headline.", examples=["Room for the exam is fixed"])
    body: Markdown = Field(description="Markdown: the announcement.",
                           examples=["The talks take place in **room 0.01**."])


class Status(StrEnum):
    """How certain a date is."""

    fixed = "fixed"
    tentative = "tentative"
    tbd = "tbd"


# Check "7 days" or "2 weeks": a whole number and a known unit, not negative, not too far.
def _check_offset(value: object) -> object:
    if not isinstance(value, str):
        shown = value if isinstance(value, int | float) and not isinstance(value, bool) else kind_of(value)
        raise ValueError(f"must be a number of days or weeks with its unit, not {shown} (write e.g. \"7 days\")")
    words = " ".join(value.split()).lower()
    if words.startswith("-"):
        raise ValueError(f"'{value}' is negative: a per-talk date comes before its talk (write how long before, "
                         "e.g. \"7 days\")")
    match = OFFSET_PATTERN.fullmatch(words)
    if not match:
        unit = words.split(" ", 1)[1] if " " in words and words.split(" ", 1)[0].isdigit() else None
        what = f"unknown unit '{unit}'" if unit else f"'{value}' is not a number of days or weeks"
        raise ValueError(f"{what} (write a whole number and days or weeks, e.g. \"7 days\" or \"2 weeks\")")
    if int(match.group(1)) * OFFSET_UNITS[match.group(2)] > MAX_BEFORE_TALK_DAYS:
        raise ValueError(f"'{value}' is more than {MAX_BEFORE_TALK_DAYS} days before the talk (use a shorter time)")
    return words


Offset = Annotated[str, BeforeValidator(_check_offset),
                   WithJsonSchema({"type": "string", "pattern": OFFSET_PATTERN.pattern})]


class PerTalk(Strict):
    """How a date follows each talk: one dated item per talk of the block course."""

    before: Offset = Field(description="How long before each talk's day, in days or weeks: \"7 days\", "
                           "\"1 week\", \"0 days\" (the day of the talk); never negative.", examples=["7 days"])
    for_: Literal["presenter", "reviewers"] = Field(
        "presenter", alias="for", description="Whose date it is: the presenter's (\"N days before your talk\") "
        "or the reviewers' of the talk's paper (\"N days before the talk on the paper you review\").")

    @property
    def count(self) -> int:
        """The number written in `before`."""
        return int(self.before.split(" ", 1)[0])

    @property
    def unit(self) -> str:
        """days or weeks, as written in `before`."""
        return "weeks" if self.before.split(" ", 1)[1].startswith("week") else "days"

    @property
    def days(self) -> int:
        """How many days before the talk's day."""
        return self.count * OFFSET_UNITS[self.unit]


class DateItem(Strict):
    """An important date: fixed (day, day+time, range), tentative, or tbd with a hint."""

    id: Id = Field(description="Stable id: lowercase letters, digits, - and _; the calendar's event id.",
                   examples=["kickoff"])
    title: Text = Field(description="What happens.", examples=["Kick-off meeting"])
    status: Status = Field(Status.fixed, description="fixed, tentative (shown as such) or tbd (no day yet).")
    date: Date | None = Field(None, description="Day, YYYY-MM-DD (fixed and tentative dates).",
                              examples=["2026-10-20"])
    end_date: Date | None = Field(None, description="Last day of a range of days, YYYY-MM-DD.",
                                  examples=["2026-10-21"])
    start: TimeOfDay | None = Field(None, description="Start time, HH:MM (leave out for all-day).",
                                    examples=["10:00"])
    end: TimeOfDay | None = Field(None, description="End time, HH:MM.", examples=["11:30"])
    hint: Text | None = Field(None, description="When it will be, in words (for tbd dates).",
                              examples=["first week of the semester"])
    location: Text | None = Field(None, description="Where it takes place.", examples=["Online, via Zoom"])
    deliverable: Id | None = Field(None, description="Id of the deliverable due on this date.",
                                   examples=["review"])
    details: Markdown | None = Field(None, description="Markdown: more about this date.",
                                     examples=["Topics are assigned at the kick-off."])
    per_talk: PerTalk | None = Field(
        None, description="Makes this a date of every talk instead of one day: each talk of the block course "
        "gets its own item, `before` its day at `start` (and `end`, if given; all-day without `start`), "
        "shown beside the talk, on the dates and deliverables pages and in the calendar, with the UID "
        "`date-<id>.<slot>@<course.id>`. It moves with its talk. Leave out date, end_date and hint; status "
        "is fixed or tentative. While no talk is scheduled, the pages say e.g. \"7 days before your talk\".",
        examples=[{"before": "7 days", "for": "presenter"}])

    @property
    def is_dated(self) -> bool:
        """True when the item has a day (fixed or tentative)."""
        return self.status is not Status.tbd and self.date is not None

    @property
    def last_day(self) -> dt.date:
        """The last day a dated item covers (its end date for a range)."""
        assert self.date is not None
        return self.end_date or self.date

    @property
    def spans_days(self) -> bool:
        """True for a range over more than one day (an end_date after date); pages write its last day."""
        return self.end_date is not None and self.end_date != self.date


class Deliverable(Strict):
    """Something students hand in or give, with its share of the grade."""

    id: Id = Field(description="Stable id: lowercase letters, digits, - and _.", examples=["review"])
    title: Text = Field(description="Name of the deliverable.", examples=["Short review"])
    count: Whole = Field(1, ge=1, le=MAX_COUNT, description="How many of these each student delivers.", examples=[2])
    weight: Percent = Field(description="Percent of the final grade, for each one; all add up to 100.",
                            examples=[10])
    summary: Text | None = Field(None, description="One line about it.",
                                 examples=["A review of at most 1 page of one paper."])
    requirements: Markdown | None = Field(None, description="Markdown: what is required.",
                                          examples=["At most **1 page**, answering the five questions."])

    @property
    def share(self) -> float:
        """Its part of the final grade in percent: the weight of one, times how many."""
        return self.weight * self.count


def total_share(deliverables: list[Deliverable]) -> float:
    """The shares of these deliverables added up."""
    return sum(d.share for d in deliverables)


class Paper(Strict):
    """A paper on the reading list."""

    id: Id = Field(description="Stable id, also the BibTeX key.", examples=["frankle2019lottery"])
    title: Text = Field(description="Title, as written.",
                        examples=["The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks"])
    authors: list[Text] = Field(min_length=1, max_length=MAX_ITEMS,
                                description="Authors in order, one per entry. BibTeX keeps "
                                "an author whole (not split into first and last names) when it has no comma "
                                "and names an organisation (a word such as Team, Group, Consortium, "
                                "Collaboration, Institute, University) or has more than four words.",
                                examples=[["Jonathan Frankle", "Michael Carbin"]])
    venue: Text = Field(description="Where it appeared.",
                        examples=["International Conference on Learning Representations (ICLR)"])
    year: Whole = Field(ge=1900, le=2100, description="Year of publication.", examples=[2019])
    topic: Text = Field(description="Topic that groups papers on the papers page.",
                        examples=["Lottery tickets & sparsity"])
    arxiv: Annotated[str, Field(pattern=ARXIV_PATTERN)] | None = Field(
        None, description="arXiv id, without 'arXiv:'.", examples=["1803.03635"])
    doi: Annotated[str, Field(pattern=DOI_PATTERN)] | None = Field(
        None, description="Publisher DOI, without https://doi.org/.", examples=["10.1073/pnas.1903070116"])
    url: Link | None = Field(None, description="Where to read it.", examples=["https://arxiv.org/abs/1803.03635"])
    summary: Text | None = Field(
        None, description="A sentence or two about the paper.",
        examples=["Pruning finds sparse subnetworks that train as well as the dense one."])
    language: LanguageTag = Field(
        "en", description="Language of its title, venue and BibTeX entry, as a language tag. On a site in "
        "another language they are marked as such, so that screen readers read them in their own language.",
        examples=["en", "de"])
    entry_type: Literal["article", "inproceedings", "misc"] | None = Field(
        None, description="BibTeX entry type; guessed from the venue when left out.", examples=["inproceedings"])
    presenter: Text | None = Field(None, description="Student's name; shown only if privacy allows.",
                                   examples=["Alex Student"])
    slot: Id | None = Field(None, description="Id of the block-course slot for this paper's talk.",
                            examples=["t1"])
    reviewers: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS,
                                  description="Students who review this paper's talk, where the course assigns "
                                  "reviewers; shown only if privacy allows. With reviewers (or a per-talk date "
                                  "`for: reviewers`), students can pick on the site the talk they review.",
                                  examples=[["Sam Student", "Kim Student"]])

    def lang_on(self, page_language: str) -> str | None:
        """Its language tag, to mark it on a page in another language; None on a page in its own,
        or in a variant of it (an `en` paper on an `en-US` page)."""
        own, page = self.language.lower(), page_language.lower()
        return None if own in (page, page.split("-", 1)[0]) else self.language

    @property
    def arxiv_url(self) -> str | None:
        """Its arXiv abstract page, if it has an arXiv id."""
        return addresses.arxiv_url(self.arxiv) if self.arxiv else None

    @property
    def doi_url(self) -> str | None:
        """Its https://doi.org/ link, if it has a DOI."""
        return addresses.doi_url(self.doi) if self.doi else None

    @property
    def links(self) -> list[tuple[str, str | None, str]]:
        """Its links as (label key, id shown after the label or None, address), in the order shown;
        a url that is its arXiv page is not listed twice."""
        found = [("arxiv", self.arxiv, self.arxiv_url), ("doi", self.doi, self.doi_url),
                 ("link", None, self.url if self.url != self.arxiv_url else None)]
        return [(label, shown, href) for label, shown, href in found if href]

    @property
    def link(self) -> str | None:
        """The one address to read it at: its url, else its arXiv page, else its DOI."""
        return self.url or self.arxiv_url or self.doi_url


class Talk(Strict):
    """A talk slot in the block course, filled by the paper whose `slot` names it."""

    slot: Id = Field(description="Slot id that a paper's `slot` refers to.", examples=["t1"])
    start: TimeOfDay | None = Field(None, description="Fixed start, HH:MM; otherwise right after the item before.",
                                    examples=["13:30"])
    talk_minutes: Whole | None = Field(None, ge=1, le=240, description="Length of this talk in minutes.",
                                       examples=[25])
    discussion_minutes: Whole | None = Field(None, ge=0, le=240,
                                             description="Discussion after this talk in minutes.", examples=[10])


class Break(Strict):
    """A pause between talks."""

    break_: Whole = Field(alias="break", ge=1, le=240, description="Length in minutes.", examples=[20])
    title: Text | None = Field(None, description="Name of the break.", examples=["Coffee break"])
    start: TimeOfDay | None = Field(None, description="Fixed start, HH:MM.", examples=["12:30"])


class Session(Strict):
    """Any other item of a day: opening, wrap-up, discussion."""

    session: Text = Field(description="What happens.", examples=["Welcome"])
    minutes: Whole = Field(ge=1, le=600, description="Length in minutes.", examples=[15])
    start: TimeOfDay | None = Field(None, description="Fixed start, HH:MM.", examples=["09:00"])


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
        custom_error_message="each program item needs one of the keys slot, break or session "
                             "(write e.g. '- slot: t1', '- break: 15' or '- session: Welcome')",
    ),
]


class Day(Strict):
    """One day of the block course."""

    date: Date = Field(description="The day, YYYY-MM-DD.", examples=["2027-03-29"])
    start: TimeOfDay = Field(description="When the first item starts, HH:MM.", examples=["09:00"])
    room: Text | None = Field(None, description="Room of this day, if not the schedule's.", examples=["Room 1.12"])
    program: list[ProgramItem] = Field(min_length=1,
        max_length=MAX_ITEMS, description="Talks, breaks and sessions in order.")


class Schedule(Strict):
    """The block course: days of talks, or a hint while dates are not fixed."""

    status: Status = Field(Status.tbd, description="How certain the block-course days are.")
    date: Id | None = Field(None, description="Id of the important date that stands for the block course; "
                            "`coursegen check` and the build warn when its days, room or start differ from "
                            "the days below (default: the dated event whose days overlap them most).",
                            examples=["block-course"])
    hint: Text | None = Field(None, description="What students should know while days are not fixed.",
                              examples=["Dates are fixed at the kick-off meeting."])
    room: Text | None = Field(None, description="Room of every day.", examples=["Room 0.01"])
    talk_minutes: Whole = Field(30, ge=1, le=240, description="Default length of a talk in minutes.")
    discussion_minutes: Whole = Field(10, ge=0, le=240, description="Default discussion after a talk in minutes.")
    days: list[Day] = Field(default_factory=list,
        max_length=MAX_ITEMS, description="Block-course days, in order.")


# Weekday names a series may use, in iCalendar's order: English, German, and the short forms.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAMES = {**{name: name for name in WEEKDAYS}, **{name[:2]: name for name in WEEKDAYS},
                  **{name[:3]: name for name in WEEKDAYS},
                  **dict(zip(("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
                             WEEKDAYS, strict=True))}


# Turn "Tuesday", "tue" or "Dienstag" into "tuesday"; anything else is refused with the names on offer.
def _parse_weekday(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError(f"must be a weekday name such as tuesday, not {kind_of(value)} (write it as a word)")
    name = _WEEKDAY_NAMES.get(value.strip().lower())
    if name is None:
        near = get_close_matches(value.strip().lower(), list(_WEEKDAY_NAMES), n=1)
        hint = f"did you mean '{_WEEKDAY_NAMES[near[0]]}'?" if near else "use one of " + ", ".join(WEEKDAYS)
        raise ValueError(f"'{value}' is not a weekday ({hint})")
    return name


Weekday = Annotated[str, BeforeValidator(_parse_weekday),
                    WithJsonSchema({"type": "string", "examples": list(WEEKDAYS)})]


class SeriesChange(Strict):
    """One session of a series moved (another day, time or room), given its own title, or
    cancelled, with a note."""

    date: Date = Field(description="The day the session was planned on, YYYY-MM-DD (one of the series' days).",
                       examples=["2027-05-20"])
    cancelled: Flag = Field(False, description="The session does not take place (true or false).")
    new_date: Date | None = Field(None, description="The day it moves to, YYYY-MM-DD.", examples=["2027-05-21"])
    start: TimeOfDay | None = Field(None, description="Its new start time, HH:MM.", examples=["14:15"])
    end: TimeOfDay | None = Field(None, description="Its new end time, HH:MM.", examples=["15:45"])
    room: Text | None = Field(None, description="Its new room.", examples=["Room 1.12"])
    title: Text | None = Field(None, description="Its own title, e.g. the midterm in a lecture slot; without a "
                               "move the session takes place as planned under this title.", examples=["Midterm exam"])
    note: Text | None = Field(None, description="Why, shown with the session.", examples=["Faculty meeting"])

    @property
    def moves(self) -> list[str]:
        """The fields that move the session: new_date, start, end, room, as given."""
        return [name for name in ("new_date", "start", "end", "room") if getattr(self, name) is not None]


class Series(Strict):
    """Weekly sessions: lectures, exercise groups, office hours, with holidays, breaks and skipped days
    left out."""

    id: Id = Field(description="Stable id: lowercase letters, digits, - and _; the calendar's event id.",
                   examples=["lecture"])
    title: Text = Field(description="What the sessions are.", examples=["Lecture"])
    days: list[Weekday] = Field(min_length=1, max_length=7, description="Weekdays of the sessions, e.g. "
                                "[tuesday, thursday] (English or German names, or mo, tu, ...).",
                                examples=[["tuesday", "thursday"]])
    start: TimeOfDay = Field(description="Start time of each session, HH:MM.", examples=["10:15"])
    end: TimeOfDay = Field(description="End time of each session, HH:MM.", examples=["11:45"])
    first: Date = Field(description="First day of the series, YYYY-MM-DD.", examples=["2027-04-13"])
    last: Date = Field(description="Last day of the series, YYYY-MM-DD.", examples=["2027-07-15"])
    room: Text | None = Field(None, description="Where the sessions take place.", examples=["Lecture hall 0.05"])
    holidays: Flag = Field(True, description="Leave out the public holidays of the course's `holidays` "
                           "section (true or false).")
    breaks: Flag = Field(True, description="Leave out the days of the course's `breaks` (true or false); false "
                         "for sessions that go on in a break, e.g. office hours.")
    skip: list[Date] = Field(default_factory=list, max_length=MAX_ITEMS,
                             description="Further days without a session, YYYY-MM-DD.", examples=[["2027-06-01"]])
    changes: list[SeriesChange] = Field(default_factory=list, max_length=MAX_ITEMS,
                                        description="Single sessions moved, given their own title, or "
                                        "cancelled.")
    choose_one: Text | None = Field(None, description="Students attend one of the series that share this "
                                    "text, such as the exercise groups of a lecture; it names the choice. On the "
                                    "site each student can pick theirs, with its own calendar feed.",
                                    examples=["Exercise group"])


# A public holiday named in `holidays.ignore`: a day as YYYY-MM-DD, else its name (text).
def _holiday_choice(value: object) -> object:
    if isinstance(value, dt.date) or (isinstance(value, str) and DATE_PATTERN.match(value.strip())):
        return parse_date(value)
    if not isinstance(value, str):
        raise ValueError("must be a holiday's name or its day as YYYY-MM-DD (write e.g. \"Columbus Day\" "
                         "or 2027-10-11)")
    if len(value) > MAX_TEXT:
        raise ValueError(f"must be at most {MAX_TEXT} characters (shorten it)")
    return _non_empty(value)


HolidayChoice = Annotated[dt.date | str, BeforeValidator(_holiday_choice),
                          WithJsonSchema({**_NON_EMPTY, "maxLength": MAX_TEXT})]


class Holidays(Strict):
    """Where the public holidays that series leave out come from (the holidays package), and
    which of them count. A name matches a holiday (ignoring case and spaces) in the course
    language, in English, or in the country's own language."""

    country: Annotated[str, Field(pattern=COUNTRY_PATTERN)] = Field(
        description="ISO 3166 country code, in capitals.", examples=["DE"])
    subdivision: Annotated[str, Field(max_length=MAX_ID)] | None = Field(
        None, description="State or region code, e.g. SL for Saarland (holidays differ between states).",
        examples=["SL"])
    ignore: list[HolidayChoice] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Public holidays on which sessions take place "
        "anyway: names, or days as YYYY-MM-DD (next-term removes the days, keeps the names).",
        examples=[["Columbus Day"]])
    only: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS, description="Keep just these public "
                             "holidays, by name; every other day is an ordinary day (at most one of only and "
                             "ignore).", examples=[["Christmas Day", "New Year's Day"]])


class TermBreak(Strict):
    """A break of the term, e.g. over Christmas: no session of any series on its days."""

    name: Text = Field(description="What the break is, shown in place of each session it leaves out.",
                       examples=["Christmas break"])
    first: Date = Field(description="Its first day, YYYY-MM-DD.", examples=["2027-12-23"])
    last: Date | None = Field(None, description="Its last day, YYYY-MM-DD (default: first, a break of one day).",
                              examples=["2028-01-07"])

    @property
    def last_day(self) -> dt.date:
        """The break's last day."""
        return self.last or self.first


class ArchivedTerm(Strict):
    """A past term, published under archive/<id>/ from the commit where it ended (written by next-term)."""

    id: Id = Field(description="The past term's course id: its calendar UIDs and its address archive/<id>/.",
                   examples=["ml-2026w"])
    term: Text = Field(description="The past term, as its pages named it.", examples=["Winter 2026/27"])
    title: Text = Field(description="The course title in that term.",
                        examples=["Introduction to Machine Learning"])
    commit: Annotated[str, Field(pattern=COMMIT_PATTERN)] = Field(
        description="The git commit where that term ended; its course.yml and docs/ are built.",
        examples=["1d6ccff0c3a1e2b4d5f60718293a4b5c6d7e8f90"])


Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=MAX_LINK)]


class CourseContact(Strict):
    """Who students write to about the course, and when they can come by."""

    email: Email | None = Field(None, description="E-mail address for questions about the course, shown as a "
                                "mailto: link.", examples=["seminar@example.org"])
    office_hours: Text | None = Field(None, description="When and where students can come by.",
                                      examples=["Tuesdays 14:00–15:00, room 1.12, and by appointment"])


class HandIn(Strict):
    """How written work is handed in."""

    how: Markdown | None = Field(None, description="Markdown: how to hand in.",
                                 examples=["Upload one PDF per deliverable; name it after your paper's id."])
    where: Link | None = Field(None, description="Where to hand in: the upload page or a mailto: link.",
                               examples=["https://example.org/upload"])
    format: Text | None = Field(None, description="File format and layout.", examples=["PDF, A4, 11 pt"])
    template: Link | None = Field(None, description="The template behind page limits, to download.",
                                  examples=["https://example.org/seminar-template.zip"])


class Credits(Strict):
    """What the course counts for, in the unit the institution counts in."""

    value: Annotated[float, StrictInput(), Field(gt=0, le=240, allow_inf_nan=False)] = Field(
        description="How many.", examples=[3])
    unit: Literal["ects", "credit_hours", "cats"] = Field(
        description="The unit: ects (European credits), credit_hours (US semester credit hours) or cats "
        "(UK CATS credits); the home page names it in the course language.", examples=["credit_hours"])


class Registration(Strict):
    """How students get a place in the course."""

    deadline: Id | None = Field(None, description="Id of the important date by which students register; that "
                                "date shows the registration beside it.", examples=["registration"])
    places: Whole | None = Field(None, ge=1, le=MAX_COUNT, description="How many students can take part.",
                                 examples=[12])
    ects: Annotated[float, StrictInput(), Field(gt=0, le=60, allow_inf_nan=False)] | None = Field(
        None, description="ECTS credits (short for credits with unit ects).", examples=[7])
    credits: Credits | None = Field(None, description="Credits with their unit (ECTS, US credit hours, CATS); "
                                    "instead of ects, not as well.")
    module: Text | None = Field(None, description="Module name or number in the study regulations.",
                                examples=["INF-SEM-42 (Seminar, Master)"])
    prerequisites: Markdown | None = Field(None, description="Markdown: what students should know before.",
                                           examples=["Linear algebra and a first course in machine learning."])
    how: Markdown | None = Field(None, description="Markdown: how to register.",
                                 examples=["Register in the university's course system."])


class Languages(Strict):
    """In which language talks are given and papers written (shown as written)."""

    talks: Text | None = Field(None, description="Language of the talks.", examples=["English"])
    papers: Text | None = Field(None, description="Language of the written papers.", examples=["English or German"])


class OnlineMeeting(Strict):
    """An online meeting: where students get its link. The link itself stays off the public
    pages unless `public` is true."""

    how_to_join: Markdown = Field(description="Markdown: where students get the link.",
                                  examples=["The link is sent by e-mail to registered students the day before."])
    url: Link | None = Field(None, description="The meeting's link; shown only with public: true.",
                             examples=["https://example.org/meeting/123"])
    public: Flag = Field(False, description="Show the link on the public site (true or false); anyone who "
                         "finds the site can join then.")
    dates: list[Id] = Field(default_factory=list, max_length=MAX_ITEMS,
                            description="Ids of the important dates that take place in this meeting; each shows "
                            "how to join.", examples=[["kickoff"]])


class Tool(Strict):
    """A place students go for the course besides this site: the course's page in the learning
    management system, the hand-in system, the forum, office-hours booking, recordings."""

    kind: Literal["lms", "hand_in", "forum", "office_hours", "recordings"] = Field(
        description="What it is: lms (the course's page in the learning management system: Moodle, ILIAS, "
        "Canvas, …; on the home page), hand_in (where work is handed in: Gradescope, …; home and "
        "deliverables pages), forum (Ed, Piazza, Zulip, …; home page), office_hours (where students book "
        "office hours; home and sessions pages), recordings (of the sessions; home and sessions pages).",
        examples=["lms"])
    name: Text | None = Field(None, description="The system's name, the link's text (its address otherwise).",
                              examples=["Moodle"])
    url: Link = Field(description="Its address for this course; shown only with public: true (the default).",
                      examples=["https://moodle.example.org/course/view.php?id=4711"])
    public: Flag = Field(True, description="Show the link on the public site (true or false). With false, "
                         "as for a meeting link, the pages name the place and say where students get the link "
                         "(`note`), never the link itself.")
    note: Text | None = Field(None, description="A word on it, shown after it: what it is for, or, for a link "
                              "kept off the site, where students get it.",
                              examples=["Enrol with the key from the kick-off meeting."])


class Logistics(Strict):
    """What students ask before and during the course: contact, hand-in, registration, languages,
    the online meeting, the places students go besides this site. Every part is optional; the pages
    show what is given."""

    contact: CourseContact | None = Field(None, description="Who to ask about the course; shown on the home page.")
    hand_in: HandIn | None = Field(None, description="How to hand in; shown on the deliverables page.")
    registration: Registration | None = Field(None, description="Registration; shown on the home page and "
                                              "beside its deadline's date.")
    languages: Languages | None = Field(None, description="Languages of talks and papers; shown on the home page.")
    online_meeting: OnlineMeeting | None = Field(None, description="The online meeting; shown on the home page "
                                                 "and beside its dates.")
    tools: list[Tool] = Field(default_factory=list, max_length=MAX_ITEMS,
                              description="The places students go besides this site (LMS course page, hand-in "
                              "system, forum, office-hours booking, recordings), each shown where students look "
                              "for it.")

    def tools_of(self, *kinds: str) -> list[Tool]:
        """The tools of these kinds, in file order."""
        return [tool for tool in self.tools if tool.kind in kinds]


class GradeBand(Strict):
    """One grade of the scale and the share of the points it starts at."""

    grade: Text = Field(description="The grade as students get it.", examples=["A", "1.0"])
    min: Annotated[float, StrictInput(), Field(ge=0, le=100, allow_inf_nan=False)] = Field(
        description="The percentage of the points from which on it is given.", examples=[93])


class Grading(Strict):
    """How points become a grade: shown on the deliverables page beside the weights."""

    scale: list[GradeBand] = Field(min_length=2, max_length=40, description="The grades from the best to the "
                                   "worst, each from a lower share of the points than the one before.")
    note: Markdown | None = Field(None, description="Markdown: what else decides the grade (rounding, a "
                                  "minimum per part).", examples=["Each part must be passed on its own."])


class Course(Strict):
    """Everything in `course.yml`."""

    course: CourseInfo = Field(description="The course itself.")
    privacy: Privacy = Field(Privacy(), description="What personal data the site may show.")
    news: list[NewsItem] = Field(default_factory=list,
        max_length=MAX_ITEMS, description="Dated announcements; empty shows no news.")
    dates: list[DateItem] = Field(default_factory=list,
        max_length=MAX_ITEMS, description="Important dates.")
    deliverables: list[Deliverable] = Field(default_factory=list,
        max_length=MAX_ITEMS, description="What counts for the grade.")
    grading: Grading | None = Field(None, description="The grading scale: which share of the points gives "
                                    "which grade (letter grades, or the German 1.0–5.0).")
    papers: list[Paper] = Field(default_factory=list,
        max_length=MAX_ITEMS, description="The reading list; without papers the site has no papers page "
        "and no papers.bib.")
    schedule: Schedule = Field(Schedule(), description="The block course; without days or a hint the site has "
                               "no schedule page.")
    logistics: Logistics = Field(Logistics(), description="Contact, hand-in, registration, languages, the "
                                 "online meeting and the places students go besides this site (all optional).")
    holidays: Holidays | None = Field(None, description="Public holidays that weekly series leave out.")
    breaks: list[TermBreak] = Field(default_factory=list, max_length=MAX_ITEMS,
                                    description="Breaks of the term (e.g. Christmas): every weekly series leaves "
                                    "out their days, unless it says breaks: false; a public holiday on such a day "
                                    "is named as the holiday. next-term removes them.")
    series: list[Series] = Field(default_factory=list, max_length=MAX_ITEMS,
                                 description="Weekly sessions: lectures, exercise groups, office hours.")
    archive: list[ArchivedTerm] = Field(default_factory=list, max_length=MAX_ITEMS,
                                        description="Past terms, oldest first, kept online under archive/<id>/.")

    @property
    def site_id(self) -> str:
        """The right-hand side of every calendar UID: `course.id`, else a slug of title and term (for a
        title and term without a Latin letter or digit, `course-` and a hash of them).

        It never depends on `site_url`, so moving the site does not duplicate subscribers' events.
        """
        if self.course.id:
            return self.course.id
        named = f"{self.course.title} {self.course.term}"
        slug = re.sub(r"[^a-z0-9]+", "-", named.lower()).strip("-")[:80]
        return slug or "course-" + hashlib.sha256(named.encode("utf-8")).hexdigest()[:12]

    @property
    def grade_total(self) -> float:
        """The deliverables' shares added up (100 in a valid course)."""
        return total_share(self.deliverables)

    @property
    def news_in_order(self) -> list[NewsItem]:
        """The news newest first; items of one day keep their file order."""
        return sorted(self.news, key=lambda n: n.date, reverse=True)
