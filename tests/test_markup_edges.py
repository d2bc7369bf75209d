"""Edges of markup.py on their own: a Markdown field's safe defaults, its allow-lists of tags,
schemes and styles, its links rewritten for the page and nothing else, a coming range of days,
and the zone's name where CLDR's own is no name.

Each test calls the function with inputs built here and checks the HTML or text it returns.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from coursegen.i18n import labels
from coursegen.markup import markdown_block, markdown_html, next_when_html, unsanitized_html, when, zone_abbrev
from coursegen.model import DateItem

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)

WINTER = dt.datetime(2027, 1, 10, 12, 0)


def test_raw_html_in_a_field_is_shown_as_text_unless_the_course_allows_it() -> None:
    """Without `allow_html`, every way in writes a tag as text; with it, a block keeps the tag."""
    shown = "<p>&lt;b&gt;bold&lt;/b&gt;</p>"
    assert markdown_html("<b>bold</b>") == shown
    assert unsanitized_html("<b>bold</b>") == shown
    assert markdown_block("<b>bold</b>") == f'<div class="cg-md" markdown="0">\n{shown}\n</div>'
    assert markdown_block("<b>bold</b>", allow_html=True) == (
        '<div class="cg-md" markdown="0">\n<p><b>bold</b></p>\n</div>')


def test_a_blocks_relative_link_points_to_the_same_file_from_every_page() -> None:
    """A block is written for the top page unless told its page; then the link climbs its folders."""
    source = "See [the notes](notes.md)."
    assert markdown_block(source) == '<div class="cg-md" markdown="0">\n<p>See <a href="notes/">the notes</a>.</p>\n</div>'
    assert markdown_block(source, page="dates.md") == (
        '<div class="cg-md" markdown="0">\n<p>See <a href="../notes/">the notes</a>.</p>\n</div>')
    assert markdown_block(source, page="weeks/one.md") == (
        '<div class="cg-md" markdown="0">\n<p>See <a href="../../notes/">the notes</a>.</p>\n</div>')


def test_only_a_links_address_is_rewritten_its_title_and_class_stay_as_written() -> None:
    """A title or class that looks like a page (`intro.md`) is text, not an address to rewrite."""
    assert markdown_html('[notes](intro.md "intro.md"){: .handout }', page="dates.md") == (
        '<p><a class="handout" href="../intro/" title="intro.md">notes</a></p>')


def test_a_table_cells_style_keeps_only_its_alignment_and_is_dropped_quietly_without_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Raw HTML a course allows: a style with no text-align goes, one with it keeps just that.

    Quietly: nh3 drops an attribute whose filter raises too, but reports the exception as
    'Exception ignored' in the build's output (through sys.unraisablehook).
    """
    ignored: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    source = ('<table><tr><td style="color: red">a</td>'
              '<td style="color: red; text-align: center">b</td></tr></table>')
    assert markdown_html(source, allow_html=True) == (
        '<table><tbody><tr><td>a</td><td style="text-align:center">b</td></tr></tbody></table>')
    assert [str(e.exc_value) for e in ignored] == []


def test_tags_off_the_allow_list_keep_their_text_and_a_heading_never_becomes_the_pages_h1() -> None:
    """`#` in a field gives no <h1> (the page has one); <figure> and <time> are not on the list."""
    assert markdown_html("# Week one\n\nRead the notes.") == "Week one\n<p>Read the notes.</p>"
    assert markdown_html("<figure>Plan</figure>\n\n<time>noon</time>", allow_html=True) == "Plan\n\n<p>noon</p>"


def test_a_link_with_a_scheme_off_the_allow_list_keeps_its_text_but_not_its_address() -> None:
    """http, https and mailto only: a tel: or ftp: link is left as its words."""
    assert markdown_html("[call us](tel:+4930123456), [files](ftp://example.org/f) or "
                         "[mail](mailto:a@example.org)") == (
        '<p><a>call us</a>, <a>files</a> or <a href="mailto:a@example.org">mail</a></p>')


def test_a_coming_range_of_days_names_its_first_and_its_last_day() -> None:
    """next_when_html of a date over several days: both weekdays and days, in the course's language."""
    block = DateItem.model_validate({"id": "block", "title": "Block course",
                                     "date": "2027-03-29", "end_date": "2027-03-30"})
    zone = ZoneInfo("Europe/Berlin")
    assert next_when_html(block, zone, labels("en")) == "Mon 29 Mar–Tue 30 Mar"
    assert next_when_html(block, zone, labels("de")) == "Mo., 29. März–Di., 30. März"


def test_a_range_that_ends_on_its_first_day_is_one_day() -> None:
    """An end_date equal to date names the day once, in short and long form, with and without times."""
    zone = ZoneInfo("America/New_York")
    day = DateItem.model_validate({"id": "drop", "title": "Last day to drop", "date": "2027-02-01",
                                   "end_date": "2027-02-01"})
    assert next_when_html(day, zone, labels("en-US")) == "Mon, Feb 1"
    assert when(day, labels("en-US")) == "Monday, February 1, 2027"
    timed = day.model_copy(update={"start": dt.time(10, 0), "end": dt.time(11, 30)})
    assert when(timed, labels("en")) == "Monday, 1 February 2027, 10:00–11:30"
    assert re.sub(r"<[^>]+>", "", next_when_html(timed, zone, labels("en"))) == "Mon 1 Feb, 10:00–11:30"


def test_a_zone_cldr_calls_gmt_is_shown_by_its_tzdata_abbreviation() -> None:
    """Antarctica/Troll in winter is 'GMT' to CLDR but '+00' to tzdata; London is GMT to both."""
    troll, london = ZoneInfo("Antarctica/Troll"), ZoneInfo("Europe/London")
    assert [zone_abbrev(WINTER.replace(tzinfo=troll), labels(language)) for language in ("en", "fr", "de")] == [
        "+00", "+00", "+00"]
    assert zone_abbrev(WINTER.replace(tzinfo=london), labels("en")) == "GMT"


def test_a_zone_name_in_a_script_with_combining_marks_is_cldrs_own() -> None:
    """A name that starts with a letter is a name, though its next character is a vowel sign.

    CLDR names UTC 'यूटीसी' in Nepali and 'യു.ടി.സി.' in Malayalam, as a label file for those
    languages would show it.
    """
    utc = WINTER.replace(tzinfo=ZoneInfo("UTC"))
    english = labels("en")
    assert [zone_abbrev(utc, english.model_copy(update={"cldr_locale": locale})) for locale in ("ne_NP", "ml_IN")] == [
        "यूटीसी", "യു.ടി.സി."]
