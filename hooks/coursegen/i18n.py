"""Labels of the generated pages and feeds, one YAML file per language.

The languages on offer are the files in labels/: `xx.yml` offers the language `xx`, and a
variant, `xx-YY.yml` (a BCP 47 tag: language and region), offers `xx-YY` with only what differs
from `xx.yml` (e.g. `en-US.yml` over `en.yml`: the CLDR locale en_US, "Organization"). Each
language's labels are validated against `Labels` when they are loaded, so a missing, extra or
misspelt key is one clear error instead of a failure somewhere in a template. Dates and times are
not labels: Babel formats them from CLDR data for the label file's `cldr_locale` (see markup.py).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator
from pydantic_core import ErrorDetails


class LabelError(Exception):
    """A label file is incomplete or malformed; `str()` names the file and every key."""


class _LabelSet(BaseModel):
    """Labels read as `L.key` in templates and `lab["key"]` in Python."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=False)

    def __getitem__(self, key: str) -> Any:
        for name, field in type(self).model_fields.items():
            if key in (name, field.alias):
                return getattr(self, name)
        raise KeyError(key)


class Kinds(_LabelSet):
    """What kind of course it is (course.kind)."""

    seminar: str
    lecture: str
    lab: str
    block_course: str = Field(alias="block course")


class SubscribeApp(_LabelSet):
    """How to subscribe in one calendar app."""

    title: str
    steps: list[str] = Field(min_length=1)


class Plural(_LabelSet):
    """A count with its noun, by CLDR plural form: `one` ("{n} day") and every `other` form."""

    one: str
    other: str


class NewCourse(_LabelSet):
    """What `coursegen new` writes into a fresh course.yml: comments and placeholders."""

    header: str
    identity: str
    institution_name: str
    instructor_name: str
    instructor_role: str
    description: str
    questions: str
    legal: str
    contact_text: str
    privacy: str
    news: str
    dates: str
    first_title: str
    first_hint: str
    final_title: str
    final_hint: str
    deliverables: str
    logistics: str
    talk: str
    talk_summary: str
    report: str
    report_summary: str
    exam: str
    exam_summary: str
    papers: str
    schedule: str
    schedule_hint: str
    lecture_schedule: str
    series: str
    series_lecture: str
    series_exercise: str
    series_room: str


class Labels(_LabelSet):
    """Every label of the generated pages, feeds and theme, in one language."""

    home: str
    papers: str
    deliverables: str
    dates: str
    schedule: str
    sessions: str
    week: str
    no_sessions: str
    session_holiday: str
    session_break: str
    session_skipped: str
    session_cancelled: str
    session_moved: str
    session_changes: str
    no_session_changes: str
    moved_to: str
    this_week: str
    first_week: str
    news: str
    calendar: str
    term: str
    instructors: str
    institution: str
    format: str
    topic: str
    latest_news: str
    no_news: str
    all_news: str
    next_dates: str
    next_for_you: str
    logistics: str
    course_contact: str
    office_hours: str
    registration: str
    register_by: str
    places: str
    ects: str
    credits: str
    credits_ects: str
    credits_credit_hours: str
    credits_cats: str
    grading: str
    grading_grade: str
    grading_from: str
    module: str
    prerequisites: str
    languages: str
    language_talks: str
    language_papers: str
    online_meeting: str
    meeting_link: str
    tool_lms: str
    tool_hand_in: str
    tool_forum: str
    tool_office_hours: str
    tool_recordings: str
    tool_private: str
    how_to_join: str
    hand_in: str
    hand_in_where: str
    file_format: str
    template: str
    all_dates: str
    no_upcoming: str
    as_of: str = Field(description="Above what depends on today on a page read without JavaScript: the "
                       "build day, {date} (e.g. 'As of Monday, 7 December 2026.').")
    kinds: Kinds
    papers_intro: str
    bibtex_all: str
    bibtex: str
    arxiv: str
    doi: str
    link: str
    presenter: str
    reviewers: str
    slot: str
    unassigned: str
    deliverable: str
    count: str
    weight_each: str
    weight_total: str
    total: str
    requirements: str
    due: str
    grade_composition: str
    date: str
    what: str
    status: str
    where: str
    status_fixed: str
    status_tentative: str
    status_tbd: str
    timezone_note: str
    timezone_note_named: str
    local_time: str = Field(description="The visitor's own time after a course time, {time} filled in "
                            "by the browser (e.g. '(your time: 01:00 GMT-7)').")
    tbd_items: str
    timeline: str
    state_past: str
    state_next: str
    state_later: str
    relative_today: str
    relative_tomorrow: str
    relative_days: str
    weight_share: str
    time: str
    item: str
    room: str
    talk: str
    break_: str = Field(alias="break")
    talk_length: str
    open_slot: str
    schedule_tbd: str
    talk_dates: str
    talk_date_title: str
    before_your_talk: str
    before_reviewed_talk: str
    days: Plural
    weeks: Plural
    day: str
    to: str
    contact: str
    impressum: str
    datenschutz: str
    accessibility: str
    published: str
    subscribe: str
    subscribe_title: str
    subscribe_intro: str
    subscribe_webcal: str
    subscribe_google: str
    feed_url: str
    copy_button: str
    copied: str
    copy_manual: str
    copy_bibtex: str
    copy_bibtex_for: str
    download_ics: str
    ics_link: str
    ics_for: str
    google_link: str
    google_for: str
    subscribe_how: str
    tracks_title: str
    tracks_intro: str
    track_everyone: str
    track_talk: str
    track_review: str
    track_group: str
    tracks_talks: str
    tracks_reviews: str
    track_subscribe: str
    track_google: str
    track_file: str
    choose_one_note: str
    mine_legend: str
    mine_any: str
    mine_clear: str
    showing_for: str
    showing_change: str
    only_mine: str
    subscribe_apps: list[SubscribeApp] = Field(min_length=1)
    feed_title: str
    news_feed: str
    switch_to_dark: str
    switch_to_light: str
    last_term_hint: str
    archived_banner: str
    archived_current: str
    past_terms: str
    legal: str
    permalink: str
    not_found: str
    not_found_text: str
    not_found_home: str
    new_course: NewCourse
    cldr_locale: str = Field(description="The CLDR locale Babel formats dates and times in "
                             "(e.g. en_GB: a 24-hour clock and day-month order).")
    _language: str = PrivateAttr("en")

    @field_validator("local_time")
    @classmethod
    def _one_time(cls, value: str) -> str:
        if value.count("{time}") != 1:
            raise ValueError("must hold {time} once, where the browser writes the visitor's time")
        return value

    @field_validator("cldr_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        try:
            Locale.parse(value)
        except (ValueError, UnknownLocaleError):
            raise ValueError(f"{value!r} is not a locale Babel knows (use one such as en_GB or de_DE)") from None
        return value

    @property
    def locale(self) -> str:
        """The locale Babel formats dates and times in."""
        return self.cldr_locale


def _folder() -> Any:
    return files("coursegen").joinpath("labels")


@cache
def languages() -> tuple[str, ...]:
    """The languages on offer: one per label file, sorted."""
    return tuple(sorted(p.name.removesuffix(".yml") for p in _folder().iterdir() if p.name.endswith(".yml")))


def _problem(error: ErrorDetails) -> str:
    key = ".".join(str(part) for part in error["loc"])
    if error["type"] == "missing":
        return f"  {key}: missing; add it (every label file has the keys of en.yml)"
    if error["type"] == "extra_forbidden":
        return f"  {key}: not a known label; remove it or add it to Labels in i18n.py"
    return f"  {key}: {error['msg']}"


def base_language(language: str) -> str | None:
    """The language a variant's labels are written over (`en` for `en-US`); None for a language
    that is no variant or whose base has no label file."""
    base = language.split("-", 1)[0]
    return base if base != language and base in languages() else None


# Labels as a variant gives them: its own over its base's, section by section (new_course).
def _over(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    return {**base, **{key: _over(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict)
                       else value for key, value in own.items()}}


def _read(language: str, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise LabelError(f"labels/{language}.yml is not valid YAML: {error}") from None


def parse(language: str, text: str, base: str | None = None) -> Labels:
    """Validate the text of `labels/<language>.yml` (written over the labels of `base`, the text
    of the base language's file, for a variant); raise LabelError naming every bad key."""
    name = f"labels/{language}.yml"
    data = _read(language, text)
    if base is not None:
        if not isinstance(data, dict):
            raise LabelError(f"{name} must map label names to texts (only those that differ from "
                             f"labels/{base_language(language)}.yml)")
        data = _over(_read(language.split("-", 1)[0], base), data)
    try:
        result = Labels.model_validate(data)
    except ValidationError as error:
        problems = "\n".join(_problem(e) for e in error.errors())
        raise LabelError(f"{name} has {error.error_count()} problem(s):\n{problems}") from None
    result._language = language
    return result


@cache
def labels(language: str) -> Labels:
    """The label set of a language, from the package's labels/ folder."""
    if language not in languages():
        raise LabelError(f"no labels for language {language!r}; the languages on offer are "
                         f"{', '.join(languages())}")
    base = base_language(language)
    return parse(language, _folder().joinpath(f"{language}.yml").read_text("utf-8"),
                 _folder().joinpath(f"{base}.yml").read_text("utf-8") if base else None)
