"""Engine pieces on their own: YAML traps, text escaping, BibTeX, block-course times."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import markdown
import pytest
from pybtex.database import parse_string
from support import EXAMPLE
from test_errors import MINIMAL

from coursegen import load
from coursegen.agenda import resolve
from coursegen.agenda.talks import relative_hint
from coursegen.bib import entry, latex
from coursegen.i18n import labels
from coursegen.instants import span
from coursegen.loader import load_text
from coursegen.markup import instant, text, when, when_html, zone_abbrev
from coursegen.model import Break, Day, Paper, Session, Talk
from coursegen.yamlsource import YamlError, parse

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


def test_unquoted_times_dates_and_yes_no_stay_what_was_written() -> None:
    doc = parse("a: 10:00\nb: 09:00\nc: no\nd: 2027-02-30\ne: 1:30\nf: 12\ng: true\nh: 1.5\n")
    assert doc.data == {"a": "10:00", "b": "09:00", "c": "no", "d": "2027-02-30", "e": "1:30",
                        "f": 12, "g": True, "h": 1.5}
    assert doc.values[("d",)] == (4, 4) and doc.keys[("d",)] == (4, 1)


def test_a_long_file_without_aliases_has_no_value_limit() -> None:
    doc = parse("papers: [" + ", ".join(["1"] * 120_000) + "]\n")
    assert len(doc.data["papers"]) == 120_000


def test_aliases_that_expand_into_too_many_values_are_refused() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 6)]
    with pytest.raises(YamlError, match="aliases expand into too many values"):
        parse("\n".join(levels) + "\n")


def test_unquoted_start_time_becomes_the_time_meant() -> None:
    course = load(EXAMPLE / "course.yml")
    assert course.schedule.days[0].start == dt.time(9, 0)
    assert course.dates[0].start == dt.time(10, 0) and course.dates[0].end == dt.time(11, 30)


def test_text_filter_renders_literally_through_markdown() -> None:
    hostile = "<b>x</b> *a* _b_ `c` [d](e) #f 1. g | h & i \\ j!"
    html = markdown.markdown(text(hostile), extensions=["tables", "attr_list"])
    assert html == "<p>&lt;b&gt;x&lt;/b&gt; *a* _b_ `c` [d](e) #f 1. g | h &amp; i \\ j!</p>"


def test_latex_escapes_bibtex_specials() -> None:
    assert latex("50% of {x} & y_1 ~ $z$ #1 \\") == r"50\% of \textbraceleft{}x\textbraceright{} \& y\_1 \textasciitilde{} \$z\$ \#1 \textbackslash{}"


JOURNALS = ["Proceedings of the IEEE", "Journal of Machine Learning Research", "Transactions on Machine Learning Research",
            "IEEE Transactions on Pattern Analysis and Machine Intelligence", "Nature", "Neural Computation",
            "Proceedings of the National Academy of Sciences (PNAS), 117(48), 30063–30070"]
MEETINGS = ["Proceedings of the 37th International Conference on Machine Learning",
            "Advances in Neural Information Processing Systems 35 (NeurIPS)",
            "International Conference on Learning Representations (ICLR)", "ICML 2020",
            "Proceedings of the 2019 Workshop on Deep Learning Theory", "IEEE/CVF Conference on Computer Vision"]


@pytest.mark.parametrize("venue", JOURNALS + MEETINGS)
def test_journal_venues_are_articles_and_meetings_inproceedings(venue: str) -> None:
    paper = Paper.model_validate({"id": "p1", "title": "T", "authors": ["Ada Lovelace"], "venue": venue,
                                  "year": 2020, "topic": "x"})
    parsed = parse_string(entry(paper), "bibtex").entries["p1"]
    expected = ("article", "journal") if venue in JOURNALS else ("inproceedings", "booktitle")
    assert (parsed.type, next(f for f in ("journal", "booktitle") if f in parsed.fields)) == expected


def test_timetable_chains_items_and_honours_explicit_starts() -> None:
    days = resolve(load(EXAMPLE / "course.yml")).days
    first = [(e.kind, f"{e.start:%H:%M}", f"{e.end:%H:%M}") for e in days[0].program]
    assert first == [("item", "09:00", "09:15"), ("talk", "09:15", "09:55"), ("talk", "09:55", "10:35"),
                     ("break", "10:35", "10:55"), ("talk", "10:55", "11:35"), ("break", "12:30", "13:30"),
                     ("talk", "13:30", "14:10")]
    talk = days[0].program[1]
    assert talk.start == dt.datetime(2027, 3, 29, 9, 15, tzinfo=ZoneInfo("Europe/Berlin"))
    assert talk.paper is not None and talk.paper.id == "frankle2019lottery" and talk.place == "Room 0.01"
    assert [(f"{e.start:%H:%M}", (e.end - e.start) // dt.timedelta(minutes=1)) for e in days[1].program] == [
        ("09:30", 40), ("10:10", 35)]


def test_times_are_instants_with_the_zone_offset_of_their_moment() -> None:
    """A time is a <time> with zoneinfo's offset at that instant; dates without a time get no group."""
    zone, de = ZoneInfo("Europe/Berlin"), labels("de")
    course = load(EXAMPLE / "course.yml")
    by_id = {d.id: d for d in course.dates}
    kickoff = when_html(by_id["kickoff"], zone, de, text)  # summer time, before 25 October 2026
    assert kickoff == ('<span class="cg-when">Dienstag, 20\\. Oktober 2026, '
                       '<time datetime="2026-10-20T10:00:00+02:00">10:00</time>–'
                       '<time datetime="2026-10-20T11:30:00+02:00">11:30</time></span>')
    assert 'datetime="2026-10-27T12:00:00+01:00"' in when_html(by_id["topic-choice"], zone, de, text)
    for all_day in ("block-course", "report", "grades"):
        assert "<time" not in when_html(by_id[all_day], zone, de, text)
    with pytest.raises(ValueError, match="no time zone"):
        instant(dt.datetime(2026, 10, 20, 10, 0), de)


def test_a_date_over_several_days_with_times_gives_each_day_its_time() -> None:
    """Its first day with the start, its last day with the end: as instants on pages, as text in plain words."""
    zone, de = ZoneInfo("Europe/Berlin"), labels("de")
    by_id = {d.id: d for d in load(EXAMPLE / "course.yml").dates}
    block = by_id["block-course"].model_copy(update={"start": dt.time(9), "end": dt.time(17)})
    assert when_html(block, zone, de, text) == (
        '<span class="cg-when">Montag, 29\\. März 2027, <time datetime="2027-03-29T09:00:00+02:00">09:00</time> – '
        'Dienstag, 30\\. März 2027, <time datetime="2027-03-30T17:00:00+02:00">17:00</time></span>')
    assert when(block, de) == "Montag, 29. März 2027, 09:00 – Dienstag, 30. März 2027, 17:00"
    assert when(by_id["kickoff"], de) == "Dienstag, 20. Oktober 2026, 10:00–11:30"


def test_a_zone_without_a_name_in_the_language_is_shown_by_its_tzdata_abbreviation() -> None:
    """CLDR's own names where the language has them, else tzdata's abbreviation, never 'GMT+4'."""
    winter = dt.datetime(2027, 1, 10, 12, 0)
    assert [zone_abbrev(winter.replace(tzinfo=ZoneInfo(zone)), labels(language)) for zone, language in [
        ("Europe/Berlin", "de"), ("Europe/Berlin", "en"), ("Asia/Dubai", "en"), ("Asia/Dubai", "de"),
        ("America/Sao_Paulo", "en")]] == ["MEZ", "CET", "GST", "+04", "-03"]


@pytest.mark.parametrize(("before", "english", "german"), [
    ("1 day", "1 day before your talk, 12:00", "1 Tag vor Ihrem Vortrag, 12:00"),
    ("7 days", "7 days before your talk, 12:00", "7 Tage vor Ihrem Vortrag, 12:00"),
    ("1 week", "1 week before your talk, 12:00", "1 Woche vor Ihrem Vortrag, 12:00"),
    ("2 weeks", "2 weeks before your talk, 12:00", "2 Wochen vor Ihrem Vortrag, 12:00")])
def test_a_per_talk_date_says_how_long_before_the_talk_in_the_languages_plural(before: str, english: str,
                                                                             german: str) -> None:
    rule = next(d for d in load(EXAMPLE / "course.yml").dates if d.per_talk is not None)
    assert rule.per_talk is not None
    rule = rule.model_copy(update={"per_talk": rule.per_talk.model_copy(update={"before": before})})
    assert [relative_hint(rule, labels(language)) for language in ("en", "de")] == [english, german]


def test_a_date_over_several_days_with_a_start_and_no_end_time_ends_with_its_last_day() -> None:
    zone = ZoneInfo("Europe/Berlin")
    block = {d.id: d for d in load(EXAMPLE / "course.yml").dates}["block-course"]
    assert span(block.model_copy(update={"start": dt.time(9)}), zone) == (
        dt.datetime(2027, 3, 29, 9, 0, tzinfo=zone), dt.datetime(2027, 3, 31, 0, 0, tzinfo=zone), False)
    assert span(block, zone) == (dt.datetime(2027, 3, 29, 0, 0, tzinfo=zone), dt.datetime(2027, 3, 31, 0, 0, tzinfo=zone),
                                 True)


def test_a_day_built_from_program_items_keeps_each_items_kind() -> None:
    """Program items given as models (as code building a course does), not mappings, keep their kind."""
    items = [Talk(slot="t1"), Break(**{"break": 15}), Session(session="Welcome", minutes=15)]
    day = Day(date=dt.date(2027, 3, 29), start="09:00", program=items)
    assert day.program == items and [type(item) for item in day.program] == [Talk, Break, Session]


def test_a_date_to_be_decided_is_an_occurrence_without_instants() -> None:
    """Shown on the pages (its title, place and hint) and in "next", once, but not in the feed."""
    text = MINIMAL.replace('    hint: "after the block course"\n', '    hint: "after the block course"\n'
                           '    location: "Room 1.12"\n', 1)
    report = next(o for o in resolve(load_text(text)).dates if o.key == "date:report")
    assert (report.kind, report.title, report.status, report.source, report.place, report.group) == (
        "date", "Report hand-in", "tbd", ("dates", 1), "Room 1.12", "date:report")
    assert (report.start, report.end, report.event, report.dated, report.item.hint) == (
        None, None, None, False, "after the block course")
