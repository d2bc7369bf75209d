"""Every limit and every refused character or time gives its exact located message.

Each case edits the small valid course of the error catalogue; the limits are the ones
REFERENCE.md lists (coursegen.limits), so the cases move with the constants.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from test_errors import MINIMAL, error_lines

from coursegen.limits import (
    MAX_COUNT,
    MAX_DEPTH,
    MAX_EXPANDED,
    MAX_ID,
    MAX_ITEMS,
    MAX_LINK,
    MAX_MARKDOWN,
    MAX_MARKDOWN_DEPTH,
    MAX_MARKUP,
    MAX_SPAN_YEARS,
    MAX_TEXT,
)
from coursegen.loader import CourseError, load, load_text
from coursegen.reference import reference_text

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)

FIX_CHARACTER = "which no page or feed can show (remove the escape or the character; write tab and line breaks as they are)"


# MINIMAL with `old` (which must occur once) replaced by `new`.
def edited(old: str, new: str) -> str:
    assert MINIMAL.count(old) == 1, old
    return MINIMAL.replace(old, new)


@pytest.mark.parametrize(("escape", "code", "what"), [
    ("\\ud800", "d800", "a lone surrogate"), ("\\udfff", "dfff", "a lone surrogate"),
    ("\\x01", "0001", "a control character"), ("\\0", "0000", "a control character"),
    ("\\e", "001b", "a control character"), ("\\x7f", "007f", "a control character"),
    ("\\x85", "0085", "a control character"), ("\\uffff", "ffff", "a control character"),
])
def test_escaped_characters_no_text_may_hold_are_refused_where_written(escape: str, code: str, what: str) -> None:
    assert error_lines(edited('title: "Welcome"', f'title: "Wel{escape}come"')) == [
        f"19:12: news.0.title: text holds {what} (#x{code}), {FIX_CHARACTER}"]


def test_forbidden_characters_are_refused_in_keys_and_in_every_kind_of_field() -> None:
    assert error_lines(edited('hint: "after the block course"', 'hint: "after\\0"')) == [
        f"30:11: dates.1.hint: text holds a control character (#x0000), {FIX_CHARACTER}"]
    assert error_lines(edited("    year: 2024", '    year: 2024\n    "ye\\x02ar": 1')) == [
        f"45:5: papers.0: text holds a control character (#x0002), {FIX_CHARACTER}"]


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029"])
def test_lines_are_counted_as_editors_count_them(character: str) -> None:
    # YAML ends a line at U+0085, U+2028 and U+2029 too; no editor shows them as line breaks
    text = edited('title: "Welcome"', f'title: "Wel{character}come"').replace("year: 2024", "year: twenty")
    assert error_lines(text) == ["44:11: papers.0.year: must be a whole number, not text (write digits only, e.g. 30)"]
    assert error_lines(edited('title: "Welcome"', f'title: "Wel{character}come"\n\tx')) == [
        "20:1: YAML syntax error: a tab character (indent with spaces, not tabs)"]


def test_tabs_and_line_breaks_stay_allowed() -> None:
    course = load_text(edited('body: "The kick-off is online."', 'body: "The\\tkick-off\\nis\\r\\nonline."'))
    assert course.news[0].body == "The\tkick-off\nis\r\nonline."


@pytest.mark.parametrize(("date", "year"), [("0001-01-01", "0001"), ("9999-12-31", "9999"), ("1899-12-31", "1899")])
def test_years_outside_the_range_are_refused(date: str, year: str) -> None:
    assert error_lines(edited("date: 2026-10-20", f"date: {date}")) == [
        f"24:11: dates.0.date: {date} is not a date of a course: the year must be from 1900 to 2200 (fix the year)"]


def test_a_date_far_from_the_others_is_refused() -> None:
    far = 2026 + MAX_SPAN_YEARS + 1  # the middle of the dates is in 2026
    assert error_lines(edited("date: 2027-03-29", f"date: {far}-03-29")) == [
        f"56:13: schedule.days.0.date: {far}-03-29 is more than {MAX_SPAN_YEARS} years from the course's "
        "other dates (around 2026; fix the year)"]
    assert load_text(edited("date: 2027-03-29", f"date: {far - 1}-03-29")).schedule.days[0].date.year == far - 1


def test_count_above_the_limit_is_refused() -> None:
    assert error_lines(edited("    weight: 60", f"    weight: 60\n    count: {MAX_COUNT + 1}")) == [
        f"36:12: deliverables.0.count: must be less than or equal to {MAX_COUNT} (use a smaller number)"]


def test_nesting_deeper_than_the_limit_is_refused_in_both_parsers() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    fix = (f"mappings and lists nest more than {MAX_DEPTH} levels deep "
           "(a course file needs far fewer; check the indentation and brackets)")
    assert error_lines(edited('authors: ["Ada Example"]', f"authors: {deep}")) == [f"42:{12 + MAX_DEPTH}: {fix}"]
    # 500 levels and a syntax error after them: PyYAML's own parser reads it, without running out of stack
    assert error_lines(MINIMAL + "x: " + "[" * 500 + "]" * 500 + "\n: :\n") == [f"62:{4 + MAX_DEPTH}: {fix}"]


def test_aliases_that_repeat_too_many_characters_are_refused() -> None:
    size = MAX_EXPANDED // 4 + 1
    text = edited('title: "Welcome"', f'title: &t "{"x" * size}"') + "x: [" + ", ".join(["*t"] * 4) + "]\n"
    lines = error_lines(text)
    # located at the repeated value, with the path of the alias that passes the limit
    assert f"19:12: x.3: aliases repeat more than {MAX_EXPANDED:,} characters (write the values out instead)" in lines


@pytest.mark.parametrize(("old", "field", "limit", "at"), [
    ('title: "Welcome"', "news.0.title", MAX_TEXT, "19:12"),
    ('body: "The kick-off is online."', "news.0.body", MAX_MARKDOWN, "20:11"),
])
def test_fields_longer_than_their_kind_allows_are_refused(old: str, field: str, limit: int, at: str) -> None:
    key = old.split(":")[0]
    assert error_lines(edited(old, f'{key}: "{"x " * (limit // 2) + "x"}"')) == [
        f"{at}: {field}: is {limit + 1:,} characters long, more than the {limit:,} allowed "
        "(shorten it, or move long text to a page under docs/)"]
    assert load_text(edited(old, f'{key}: "{"x" * limit}"'))


def test_a_long_tagged_value_is_measured_as_the_text_it_holds() -> None:
    encoded = base64.b64encode(("x " * (MAX_TEXT // 2 + 1)).encode("utf-8")).decode("ascii")
    assert error_lines(edited('title: "Welcome"', f"title: !!binary {encoded}")) == [
        f"19:12: news.0.title: is {MAX_TEXT + 2:,} characters long, more than the {MAX_TEXT:,} allowed "
        "(shorten it, or move long text to a page under docs/)"]


def test_ids_and_links_longer_than_the_limit_are_refused() -> None:
    assert error_lines(edited("  - id: welcome", f"  - id: {'w' * (MAX_ID + 1)}")) == [
        f"17:9: news.0.id: is {MAX_ID + 1:,} characters long, more than the {MAX_ID:,} allowed (shorten it)"]
    long = "https://example.org/" + "p" * (MAX_LINK - 19)
    assert error_lines(edited('url: "https://example.org/"', f'url: "{long}"')) == [
        f"7:10: course.institution.url: is {MAX_LINK + 1:,} characters long, more than the {MAX_LINK:,} allowed "
        "(shorten it)"]


def test_lists_longer_than_the_limit_are_refused() -> None:
    authors = ", ".join(['"A"'] * (MAX_ITEMS + 1))
    assert error_lines(edited('authors: ["Ada Example"]', f"authors: [{authors}]")) == [
        f"42:14: papers.0.authors: has {MAX_ITEMS + 1:,} entries, more than the {MAX_ITEMS:,} allowed "
        "(shorten the list)"]


def test_markdown_nested_deeper_than_the_limit_is_refused() -> None:
    nested = "".join(f"      {'    ' * i}- x\n" for i in range(MAX_MARKDOWN_DEPTH + 1))
    assert error_lines(edited('body: "The kick-off is online."', f"body: |\n{nested}")) == [
        f"20:11: news.0.body: line {MAX_MARKDOWN_DEPTH + 1} of the text nests lists or quotes more than "
        f"{MAX_MARKDOWN_DEPTH} levels deep (flatten the list, or indent less)"]
    assert error_lines(edited('body: "The kick-off is online."', f'body: "{"> " * (MAX_MARKDOWN_DEPTH + 1)}x"')) == [
        f"20:11: news.0.body: line 1 of the text nests lists or quotes more than "
        f"{MAX_MARKDOWN_DEPTH} levels deep (flatten the list, or indent less)"]


@pytest.mark.parametrize("mark", ["[", "<"])
def test_markdown_brackets_past_the_file_budget_are_refused_at_the_field_that_passes_it(mark: str) -> None:
    half = mark * (MAX_MARKUP // 2 + 1)
    text = edited('description: "What the seminar is about."', f'description: "{half}"')
    text = text.replace('body: "The kick-off is online."', f'body: "{half}"')
    assert error_lines(text) == [
        f"20:11: news.0.body: the Markdown of the file holds more than {MAX_MARKUP:,} '{mark}' in all "
        f"(shorten this text, or escape literal ones as \\{mark})"]


def test_the_reference_lists_every_limit_from_the_constants() -> None:
    table = reference_text().split("## Limits", 1)[1]
    for value in (MAX_ID, f"{MAX_LINK:,}", MAX_DEPTH, f"{MAX_EXPANDED:,}", f"{MAX_TEXT:,}", f"{MAX_MARKDOWN:,}", MAX_MARKDOWN_DEPTH,
                  f"{MAX_ITEMS:,}", f"{MAX_MARKUP:,}", MAX_COUNT, MAX_SPAN_YEARS, "1900 to 2200"):
        assert f"| {value}" in table, value
    assert "## Limits" in (Path(__file__).resolve().parents[1] / "REFERENCE.md").read_text(encoding="utf-8")


# --- local times that calendar readers disagree on ---------------------------------------


def test_a_written_time_in_the_spring_gap_or_the_autumn_repeat_is_refused() -> None:
    gap = edited('date: 2026-10-20\n    start: "10:00"', 'date: 2027-03-28\n    start: "02:30"')
    assert error_lines(gap) == [
        "25:12: dates.0.start: 2027-03-28 02:30 does not exist in Europe/Berlin: the clocks skip that hour "
        "(choose a time before or after the switch)"]
    twice = edited('date: 2026-10-20\n    start: "10:00"\n    end: "11:30"', 'date: 2026-10-25\n    start: "02:30"')
    assert error_lines(twice) == [
        "25:12: dates.0.start: 2026-10-25 02:30 happens twice in Europe/Berlin: the clocks go back over that "
        "hour (choose a time outside the repeated hour)"]
    end = edited('date: 2026-10-20\n    start: "10:00"\n    end: "11:30"',
                 'date: 2026-10-24\n    end_date: 2026-10-25\n    start: "10:00"\n    end: "02:15"')
    assert error_lines(end) == [
        "27:10: dates.0.end: 2026-10-25 02:15 happens twice in Europe/Berlin: the clocks go back over that "
        "hour (choose a time outside the repeated hour)"]


def test_a_deadline_whose_minute_runs_into_the_repeat_is_refused() -> None:
    text = edited('date: 2026-10-20\n    start: "10:00"\n    end: "11:30"', 'date: 2026-10-25\n    start: "01:59"')
    assert error_lines(text) == [
        "25:12: dates.0.start: 2026-10-25 02:00 happens twice in Europe/Berlin: the clocks go back over that "
        "hour (choose a time outside the repeated hour)"]


def test_computed_talk_times_across_a_switch_are_refused_with_the_item_named() -> None:
    day = 'date: 2027-03-29\n      start: "09:00"\n      program:\n'
    night = edited(day, 'date: 2027-03-28\n      start: "01:30"\n      program:\n        - session: "Night"\n'
                        '          minutes: 90\n')
    assert error_lines(night)[0] == (
        "59:11: schedule.days.0.program.0: item 1 of the day 2027-03-28 runs across the clock change of that "
        "night (start the day after 03:00, or move the item)")
    autumn = night.replace("2027-03-28", "2026-10-25").replace("minutes: 90", "minutes: 120")
    assert error_lines(autumn)[0] == (
        "59:11: schedule.days.0.program.0: item 1 of the day 2026-10-25 runs across the clock change of that "
        "night (start the day after 03:00, or move the item)")
    # the talk ends 01:50, the break at 02:05: a computed time in the gap
    gap = "Europe/Berlin: the clocks skip that hour (choose a time before or after the switch)"
    assert error_lines(edited(day, 'date: 2027-03-28\n      start: "01:10"\n      program:\n')) == [
        f"60:11: schedule.days.0.program.1: item 2 of the day 2027-03-28: 2027-03-28 02:05 does not exist in {gap}",
        f"61:11: schedule.days.0.program.2: item 3 of the day 2027-03-28: 2027-03-28 02:05 does not exist in {gap}"]
    assert error_lines(edited(day, 'date: 2026-10-25\n      start: "02:10"\n      program:\n'))[:1] == [
        "59:11: schedule.days.0.program.0: item 1 of the day 2026-10-25: 2026-10-25 02:10 happens twice in "
        "Europe/Berlin: the clocks go back over that hour (choose a time outside the repeated hour)"]
    assert load_text(edited(day, 'date: 2027-03-28\n      start: "03:00"\n      program:\n'))


# --- messages that said the wrong thing ------------------------------------------------------


def test_a_number_with_leading_zeros_is_told_about_the_zeros_and_a_quoted_one_about_quotes() -> None:
    assert error_lines(edited("year: 2024", "year: 02017")) == [
        "44:11: papers.0.year: must be a whole number, not text (write 2017 without the leading zeros)"]
    assert error_lines(edited("year: 2024", 'year: "2017"')) == [
        "44:11: papers.0.year: must be a whole number, not text (write 2017 without quotes)"]
    assert error_lines(edited("year: 2024", "year: '02017'")) == [
        "44:11: papers.0.year: must be a whole number, not text (write 02017 without quotes)"]


@pytest.mark.parametrize(("weights", "total"), [((33.3, 33.3, 33.3), "99.9"), ((33.33, 33.33, 33.33), "99.99"),
                                                ((50.000001, 50.2), "100.200001")])
def test_weights_that_miss_100_show_enough_digits(weights: tuple[float, ...], total: str) -> None:
    listed = "".join(f"  - id: w{i}\n    title: \"W{i}\"\n    weight: {w}\n" for i, w in enumerate(weights))
    text = edited('  - id: talk\n    title: "Talk"\n    weight: 60\n  - id: report\n    title: "Report"\n'
                  '    weight: 40\n', listed).replace("    deliverable: report\n", "")
    assert error_lines(text) == [f"31:1: deliverables: weights add up to {total} %, not 100 % "
                                 f"({' + '.join(map(str, weights))}; change the weights so they total 100)"]


def test_weights_within_rounding_of_100_are_accepted() -> None:
    listed = "".join(f"  - id: w{i}\n    title: \"W{i}\"\n    weight: 33.33333\n" for i in range(3))
    text = edited('  - id: talk\n    title: "Talk"\n    weight: 60\n  - id: report\n    title: "Report"\n'
                  '    weight: 40\n', listed).replace("    deliverable: report\n", "")
    assert [d.weight for d in load_text(text).deliverables] == [33.33333] * 3


def test_a_latin1_byte_is_reported_where_it_is(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_bytes(edited('"Report hand-in"', '"Bericht: Übergabe"').encode("latin-1"))
    with pytest.raises(CourseError) as caught:
        load(tmp_path / "course.yml")
    assert str(caught.value) == ("course.yml:28:22: not UTF-8 text: byte 0xdc is not UTF-8, perhaps Latin-1 "
                                 "or Windows-1252 (save the file as UTF-8)")


@pytest.mark.parametrize("old", ['hint: "after the block course"', 'title: "Kick-off"', 'venue: "ICLR"'])
def test_an_unclosed_single_quote_is_reported_where_it_opens(old: str) -> None:
    key, value = old.split(": ")
    line = MINIMAL[: MINIMAL.index(old)].count("\n") + 1
    column = MINIMAL.splitlines()[line - 1].index(key) + len(key) + 3
    text = edited(old, f"{key}: '{value.strip(chr(34))}").replace('"B paper"', "\"B's paper\"")
    assert error_lines(text) == [f"{line}:{column}: YAML syntax error: a quote that is never closed (add the closing quote)"]


def test_the_markup_budget_counts_every_markdown_field_and_only_those() -> None:
    """Exactly the budget passes; an optional Markdown field (course.format, counted before the
    description) counts toward it; a
    text field (a news title, shown as written) does not."""
    half = "[" * (MAX_MARKUP // 2)
    description = 'description: "What the seminar is about."'
    exactly = edited(description, f'description: "{half}"\n  format: "{half}"')
    assert load_text(exactly)
    over = edited(description, f'description: "{half}"\n  format: "{half}["')
    assert [line.split(": ", 2)[:2] for line in error_lines(over)] == [["10:16", "course.description"]]
    title = edited('title: "Welcome"', f'title: "{"[" * (MAX_MARKUP + 1)}"')
    assert load_text(title).news[0].title == "[" * (MAX_MARKUP + 1)
