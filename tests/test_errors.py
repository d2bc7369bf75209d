"""The error catalogue: every kind of mistake in course.yml and its exact message.

Each case mutates a small valid course and asserts the error lines verbatim (file, line,
column, field, what is wrong and how to fix it), so the cases double as the unit tests of
each validation rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import HttpUrl, TypeAdapter, ValidationError
from support import EXAMPLE, OFFERED_LANGUAGES, UNOFFERED_LANGUAGE
from test_ics_edges import course_data, course_from

from coursegen.loader import CourseError, _message, check_text, load, load_text, validate, validated
from coursegen.model import MAX_TEXT, Holidays, kind_of, parse_date
from coursegen.yamlsource import parse

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


MINIMAL = """\
course:
  title: "Minimal seminar"
  term: "Winter 2026/27"
  timezone: Europe/Berlin
  institution:
    name: "Example University"
    url: "https://example.org/"
  instructors:
    - name: "Ada Example"
  description: "What the seminar is about."
  legal:
    impressum: "https://example.org/impressum"
    datenschutz: "https://example.org/datenschutz"
  contact:
    text: "Write to the webmaster."
news:
  - id: welcome
    date: 2026-10-01
    title: "Welcome"
    body: "The kick-off is online."
dates:
  - id: kickoff
    title: "Kick-off"
    date: 2026-10-20
    start: "10:00"
    end: "11:30"
  - id: report
    title: "Report hand-in"
    status: tbd
    hint: "after the block course"
    deliverable: report
deliverables:
  - id: talk
    title: "Talk"
    weight: 60
  - id: report
    title: "Report"
    weight: 40
papers:
  - id: paper-a
    title: "A paper"
    authors: ["Ada Example"]
    venue: "ICLR"
    year: 2024
    topic: "Pruning"
    slot: t1
  - id: paper-b
    title: "B paper"
    authors: ["Bo Example"]
    venue: "NeurIPS"
    year: 2023
    topic: "Pruning"
    slot: t2
schedule:
  days:
    - date: 2027-03-29
      start: "09:00"
      program:
        - slot: t1
        - break: 15
        - slot: t2
"""


# The second paper of MINIMAL (in slot t2), after the first one's slot (t1).
PAPER_B = ('    slot: t1\n  - id: paper-b\n    title: "B paper"\n    authors: ["Bo Example"]\n    venue: "NeurIPS"\n'
           '    year: 2023\n    topic: "Pruning"\n    slot: t2\n')


@dataclass(frozen=True)
class Mistake:
    """One kind of mistake: replace `old` by `new` in MINIMAL (or the whole file if None)."""

    kind: str
    old: str | None
    new: str
    lines: list[str]

    def text(self) -> str:
        """The mistaken course file."""
        if self.old is None:
            return self.new
        assert MINIMAL.count(self.old) == 1, f"{self.old!r} must occur once in MINIMAL"
        return MINIMAL.replace(self.old, self.new)


# A per-talk rule "Slides" after the dates of MINIMAL, as Mistake's (old, new).
def _rule(fields: str) -> tuple[str, str]:
    end = '    deliverable: report\ndeliverables:'
    return end, end.replace('deliverables:', '  - id: slides\n    title: "Slides"\n' + fields + 'deliverables:')


CATALOGUE = [
    Mistake('YAML syntax: unclosed bracket', 'authors: ["Ada Example"]', 'authors: ["Ada Example"',
      ["43:5: YAML syntax error: a list or mapping in brackets is not closed (add the closing ']')"]),
    Mistake('YAML syntax: colon inside unquoted text', 'title: "Welcome"', 'title: Welcome: all',
      ["19:19: YAML syntax error: a ':' where no new key can start (put text containing ': ' in quotes, or line the key up with the keys above it)"]),
    Mistake('YAML syntax: unclosed quote', 'hint: "after the block course"', 'hint: "after the block course',
      ['30:11: YAML syntax error: a quote that is never closed (add the closing quote)']),
    Mistake('YAML syntax: key out of line', '    title: "Talk"', '     title: "Talk"',
      ["34:11: YAML syntax error: a ':' where no new key can start (put text containing ': ' in quotes, or line the key up with the keys above it)"]),
    Mistake('YAML syntax: line without key', '    body: "The kick-off is online."', '    body: "The kick-off is online."\n    more text',
      ["21:5: YAML syntax error: a line without 'key:' inside a mapping (write 'key: value', or put text that goes on in quotes)"]),
    Mistake('YAML syntax: second document', 'schedule:\n', '---\nschedule:\n',
      ["54:1: YAML syntax error: a second document starts here (a course file holds one document: remove the '---')"]),
    Mistake('YAML syntax: text starting with @', 'venue: "ICLR"', 'venue: @ICLR',
      ["43:12: YAML syntax error: text cannot start with '@' (put it in quotes)"]),
    Mistake('YAML syntax: text starting with *', 'venue: "ICLR"', 'venue: *ICLR',
      ["43:12: YAML syntax error: '*' starts a reference to an anchor that does not exist (put text that starts with * in quotes)"]),
    Mistake('YAML syntax: bad escape in double quotes', 'topic: "Pruning"\n    slot: t1', 'topic: "C:\\data"\n    slot: t1',
      ['45:16: YAML syntax error: an unknown escape after a backslash in double quotes (write \\\\ for a backslash, or use single quotes)']),
    Mistake('tab indentation', '    title: "Talk"', '\ttitle: "Talk"',
      ['34:1: YAML syntax error: a tab character (indent with spaces, not tabs)']),
    Mistake('control character', 'title: "Minimal seminar"', 'title: "Minimal\x07seminar"',
      ['2:18: YAML syntax error: an invisible control character (#x0007) (delete it; retype the line if your editor does not show it)']),
    Mistake('tag that runs code', 'venue: "NeurIPS"', 'venue: !!python/object/apply:os.system ["ls"]',
      ["50:12: papers.1.venue: the tag '!!python/object/apply:os.system' is not allowed in a course file (remove it, or put the value in quotes)"]),
    Mistake('tagged bytes holding a control character', 'title: "Welcome"', 'title: !!binary V2VsAWNvbWU=',
      ['19:12: news.0.title: text holds a control character (#x0001), which no page or feed can show (remove the escape or the character; write tab and line breaks as they are)']),
    Mistake('tagged bytes that are not UTF-8', 'title: "Welcome"', 'title: !!binary V2Vs/2NvbWU=',
      ["19:12: news.0.title: the '!!binary' value is not UTF-8 text: its byte 4 is 0xff (remove the tag and write the text itself)"]),
    Mistake('tagged bytes that are not base64', 'title: "Welcome"', 'title: !!binary "Welcome!"',
      ["19:12: news.0.title: the tag '!!binary' needs base64 data here (remove the tag and write the text itself)"]),
    Mistake('tag naming a number on text', 'year: 2024', 'year: !!int twenty',
      ["44:11: papers.0.year: the tag '!!int' needs a whole number in digits, not 'twenty' (remove the tag, or fix the value)"]),
    Mistake('tag reading a time as minutes', 'start: "10:00"', 'start: !!int 10:00',
      ["25:12: dates.0.start: the tag '!!int' needs a whole number in digits, not '10:00' (remove the tag, or fix the value)"]),
    Mistake('tag reading yes as true', 'news:\n', 'privacy:\n  show_presenters: !!bool yes\nnews:\n',
      ["17:20: privacy.show_presenters: the tag '!!bool' needs true or false, not 'yes' (remove the tag, or fix the value)"]),
    Mistake('tag on a mapping', '  contact:\n', '  contact: !!set\n',
      ["14:12: course.contact: the tag '!!set' is not allowed in a course file (remove it, or put the value in quotes)"]),
    Mistake('key that is a list', '  term: "Winter 2026/27"\n', '  term: "Winter 2026/27"\n  [a, b]: c\n',
      ["4:3: course: a key is a list or mapping (write each key as a word, then ':' and its value)"]),
    Mistake('number with more digits than can be read', 'year: 2024', 'year: ' + '1' * 5000,
      ['44:11: papers.0.year: a number of 5,000 digits is too long for any field (shorten it)']),
    Mistake('timestamp for a date', 'date: 2026-10-20', 'date: 2026-10-20 10:00',
      ["24:11: dates.0.date: '2026-10-20 10:00' is a day and a time, but this field takes the day alone (write 2026-10-20; a time of day goes in start and end where the entry has them)"]),
    Mistake('tagged timestamp for a date', 'date: 2026-10-01', 'date: !!timestamp 2026-10-01T10:00:00Z',
      ["18:11: news.0.date: '2026-10-01T10:00:00Z' is a day and a time, but this field takes the day alone (write 2026-10-01; a time of day goes in start and end where the entry has them)"]),
    Mistake('tagged timestamp outside the years of a course', 'date: 2026-10-20', 'date: !!timestamp 0001-01-01',
      ['24:11: dates.0.date: 0001-01-01 is not a date of a course: the year must be from 1900 to 2200 (fix the year)']),
    Mistake('alias that refers to itself', 'authors: ["Bo Example"]', 'authors: &a [*a]',
      ['49:14: papers.1.authors.0: an alias refers to itself (write the values out instead)']),
    Mistake('duplicate key', '  term: "Winter 2026/27"\n', '  term: "Winter 2026/27"\n  term: "Summer 2027"\n',
      ['4:3: course.term: duplicate key (first given on line 3; keep only one)']),
    Mistake('unknown key with did-you-mean', '  timezone: Europe/Berlin', '  timezon: Europe/Berlin',
      ["4:3: course.timezon: unknown key (did you mean 'timezone'?)"]),
    Mistake('unknown section with did-you-mean', 'deliverables:\n', 'deliverable:\n',
      ["32:1: deliverable: unknown key (did you mean 'deliverables'?)"]),
    Mistake('unknown key, no near match', '  timezone: Europe/Berlin', '  timezone: Europe/Berlin\n  colour: blue',
      ['5:3: course.colour: unknown key (remove it; allowed here: id, title, term, kind, language, timezone, institution, instructors, format, description, questions, invitation, allow_html, legal, contact)']),
    Mistake('unknown key in a list entry, with did-you-mean', '    title: "A paper"\n', '    title: "A paper"\n    titles: "A"\n',
      ["42:5: papers.0.titles: unknown key (did you mean 'title'?)"]),
    Mistake('unknown key in an entry of a nested list', '      start: "09:00"\n', '      start: "09:00"\n      colour: blue\n',
      ['58:7: schedule.days.0.colour: unknown key (remove it; allowed here: date, start, room, program)']),
    Mistake('unknown key in a talk of the program', '        - slot: t1\n', '        - slot: t1\n          colour: blue\n',
      ['60:11: schedule.days.0.program.0.colour: unknown key (remove it; allowed here: slot, start, talk_minutes, discussion_minutes)']),
    Mistake('unknown key in a break of the program', '        - break: 15\n', '        - break: 15\n          minuts: 5\n',
      ['61:11: schedule.days.0.program.1.minuts: unknown key (remove it; allowed here: break, title, start)']),
    Mistake('date years away', '    date: 2026-10-20\n    start: "10:00"', '    date: 2046-10-20\n    start: "10:00"',
      ["24:11: dates.0.date: 2046-10-20 is more than 10 years from the course's other dates (around 2027; fix the year)"]),
    Mistake('news years away', '    date: 2026-10-01\n', '    date: 2006-10-01\n',
      ["18:11: news.0.date: 2006-10-01 is more than 10 years from the course's other dates (around 2026; fix the year)"]),
    Mistake('last day of a date years away', '    date: 2026-10-20\n    start: "10:00"\n    end: "11:30"\n',
      '    date: 2026-10-20\n    end_date: 2046-10-21\n',
      ["25:15: dates.0.end_date: 2046-10-21 is more than 10 years from the course's other dates (around 2027; fix the year)"]),
    Mistake('missing required field', '    venue: "ICLR"\n', '',
      ["40:5: papers.0.venue: required field is missing (add 'venue:' to this entry)"]),
    Mistake('missing top-level section', MINIMAL[:MINIMAL.index('news:')], '',
      ["1:1: course: required field is missing (add 'course:' at the top of the file)"]),
    Mistake('missing required section', '  contact:\n    text: "Write to the webmaster."\n', '',
      ["1:1: course.contact: required field is missing (add 'contact:' under 'course:')"]),
    Mistake('program item of unknown kind', '        - break: 15', '        - pause: 15',
      ["60:11: schedule.days.0.program.1: each program item needs one of the keys slot, break or session (write e.g. '- slot: t1', '- break: 15' or '- session: Welcome')"]),
    Mistake('negative number with leading zeros', 'year: 2024', 'year: -02024',
      ['44:11: papers.0.year: must be a whole number, not text (write -2024 without the leading zeros)']),
    Mistake('list item without a value', 'authors: ["Ada Example"]', 'authors:\n      -\n',
      ["43:8: papers.0.authors.0: has no value (write one after the '-')"]),
    Mistake('number too large to be finite', '    weight: 60', '    weight: 1' + '0' * 400 + '.0',
      ['35:13: deliverables.0.weight: must be a finite number (write a number such as 40)']),
    Mistake('language with a region but no known code', '    slot: t1\n  - id: paper-b', '    slot: t1\n    language: xq-BR\n  - id: paper-b',
      ["47:15: papers.0.language: 'xq-BR' does not start with a known language code (write one such as en, de or fr)"]),
    Mistake('zeros only', 'year: 2024', 'year: 00',
      ['44:11: papers.0.year: must be a whole number, not text (write 0 without the leading zeros)']),
    Mistake('number with a letter after it', 'year: 2024', 'year: 2024X',
      ['44:11: papers.0.year: must be a whole number, not text (write digits only, e.g. 30)']),
    Mistake('mapping where a number is expected', 'year: 2024', 'year: {a: 1}',
      ['44:11: papers.0.year: must be a whole number, not a mapping (write digits only, e.g. 30)']),
    Mistake('number where text is expected', 'venue: "ICLR"', 'venue: 2024',
      ['43:12: papers.0.venue: must be text, not a number (write it in quotes, e.g. "2024")']),
    Mistake('true/false where text is expected', 'topic: "Pruning"\n    slot: t1', 'topic: true\n    slot: t1',
      ['45:12: papers.0.topic: must be text, not true (write it in quotes, e.g. "true")']),
    Mistake('quoted number where a whole number is expected', 'year: 2024', 'year: "2024"',
      ['44:11: papers.0.year: must be a whole number, not text (write 2024 without quotes)']),
    Mistake('word where a whole number is expected', 'year: 2024', 'year: twenty',
      ['44:11: papers.0.year: must be a whole number, not text (write digits only, e.g. 30)']),
    Mistake('decimal where a whole number is expected', '    weight: 60', '    weight: 30\n    count: 2.5',
      ['36:12: deliverables.0.count: must be a whole number, not a decimal number (write digits only, e.g. 30)']),
    Mistake('percent sign in a weight', 'weight: 60', 'weight: 60%',
      ['35:13: deliverables.0.weight: must be a number, not text (write 60 without %)']),
    Mistake('yes/no where true/false is expected', 'news:\n', 'privacy:\n  show_presenters: yes\nnews:\n',
      ['17:20: privacy.show_presenters: must be true or false, not text (write true or false; yes, no, on and off are text)']),
    Mistake('text where a list is expected', 'authors: ["Ada Example"]', 'authors: "Ada Example"',
      ["42:14: papers.0.authors: must be a list, not text (write one '- item' per line)"]),
    Mistake('text where a mapping is expected', '  contact:\n    text: "Write to the webmaster."', '  contact: "Write to the webmaster."',
      ["14:12: course.contact: must be a mapping, not text (write 'key: value' lines, indented under this one)"]),
    Mistake('list where text is expected', 'title: "Kick-off"', 'title: ["Kick-off"]',
      ['23:12: dates.0.title: must be text, not a list (write a single text value)']),
    Mistake('value not allowed (language)', '  timezone: Europe/Berlin', f'  timezone: Europe/Berlin\n  language: {UNOFFERED_LANGUAGE}',
      [f"5:13: course.language: must be {OFFERED_LANGUAGES} (use one of these values)"]),
    Mistake('value not allowed (status)', 'status: tbd', 'status: maybe',
      ["29:13: dates.1.status: must be 'fixed', 'tentative' or 'tbd' (use one of these values)"]),
    Mistake('empty required text', 'title: "Kick-off"', 'title: ""',
      ['23:12: dates.0.title: must not be empty (write some text or remove the field)']),
    Mistake('blank required text', 'title: "Kick-off"', 'title: "   "',
      ['23:12: dates.0.title: must not be empty (write some text or remove the field)']),
    Mistake('no value after the colon', 'title: "Kick-off"', 'title:',
      ["23:11: dates.0.title: has no value (write one after the ':')"]),
    Mistake('empty list that needs an entry', '  instructors:\n    - name: "Ada Example"', '  instructors: []',
      ['8:16: course.instructors: must not be an empty list (add at least one entry)']),
    Mistake('bad id', 'id: paper-a', 'id: Paper A',
      ['40:9: papers.0.id: must be an id of lowercase letters, digits, - and _ (start with a letter or digit, e.g. review-1)']),
    Mistake('arXiv id with prefix', 'year: 2024', 'year: 2024\n    arxiv: "arXiv:2205.02321"',
      ["45:12: papers.0.arxiv: must be an arXiv id such as 2205.02321 (leave out 'arXiv:' and the address)"]),
    Mistake('DOI as an address', 'year: 2024', 'year: 2024\n    doi: "https://doi.org/10.1073/pnas.1903070116"',
      ['45:10: papers.0.doi: must be a DOI such as 10.1073/pnas.1903070116 (leave out https://doi.org/)']),
    Mistake('language as a word', 'year: 2024', 'year: 2024\n    language: "English"',
      ["45:15: papers.0.language: must be a language tag such as en, de or en-GB (write the language's two- or three-letter code, optionally with a region)"]),
    Mistake('unknown language code', 'year: 2024', 'year: 2024\n    language: "xx"',
      ["45:15: papers.0.language: 'xx' does not start with a known language code (write one such as en, de or fr)"]),
    Mistake('e-mail without @', '    - name: "Ada Example"', '    - name: "Ada Example"\n      email: "ada at example.org"',
      ['10:14: course.instructors.0.email: must be an e-mail address (write it as name@example.org)']),
    Mistake('URL with a bad scheme', 'url: "https://example.org/"', 'url: "ftp://example.org/"',
      ['7:10: course.institution.url: must be an http://, https:// or mailto: link without spaces or control characters (write the full address, e.g. https://example.org/page; encode a space as %20)']),
    Mistake('URL with a script scheme', 'impressum: "https://example.org/impressum"', 'impressum: "javascript:alert(1)"',
      ['12:16: course.legal.impressum: must be an http://, https:// or mailto: link without spaces or control characters (write the full address, e.g. https://example.org/page; encode a space as %20)']),
    Mistake('URL without scheme', 'url: "https://example.org/"', 'url: "example.org"',
      ['7:10: course.institution.url: must be an http://, https:// or mailto: link without spaces or control characters (write the full address, e.g. https://example.org/page; encode a space as %20)']),
    Mistake('date that does not exist', 'date: 2026-10-20', 'date: 2027-02-30',
      ['24:11: dates.0.date: 2027-02-30 is not a real date: February 2027 has 28 days (fix the day)']),
    Mistake('month that does not exist', 'date: 2026-10-20', 'date: 2026-13-01',
      ['24:11: dates.0.date: 2026-13-01 is not a real date: there is no month 13 (use 01 to 12)']),
    Mistake('date in another format', 'date: 2026-10-20', 'date: 20.10.2026',
      ["24:11: dates.0.date: '20.10.2026' is not a date as YYYY-MM-DD (write e.g. 2027-02-15)"]),
    Mistake('unquoted time written as a number', 'start: "10:00"', 'start: 10.30',
      ['25:12: dates.0.start: must be a time of day as HH:MM, not a decimal number (write e.g. "09:30")']),
    Mistake('time past 23:59', 'start: "10:00"', 'start: "24:00"',
      ['25:12: dates.0.start: \'24:00\' is not a time of day (write HH:MM from 00:00 to 23:59, e.g. "14:30")']),
    Mistake('end before start', 'end: "11:30"', 'end: "09:30"',
      ['26:10: dates.0.end: end 09:30 is not after start 10:00 (fix the times, or add end_date for a range)']),
    Mistake('end time without a start', '    start: "10:00"\n', '',
      ['25:10: dates.0.end: an end time needs a start time (add start: HH:MM)']),
    Mistake('end_date before date', '    end: "11:30"\n', '    end: "11:30"\n    end_date: 2026-10-19\n',
      ['27:15: dates.0.end_date: end_date 2026-10-19 is before date 2026-10-20 (swap them or fix the day)']),
    Mistake('unknown time zone', 'timezone: Europe/Berlin', 'timezone: Europe/Berln',
      ["4:13: course.timezone: 'Europe/Berln' is not an IANA time zone name (did you mean 'Europe/Berlin'?)"]),
    Mistake('time-zone abbreviation', 'timezone: Europe/Berlin', 'timezone: CEST',
      ["4:13: course.timezone: 'CEST' is not an IANA time zone name (use an IANA name such as Europe/Berlin)"]),
    Mistake('line break inside a value', 'timezone: Europe/Berlin', 'timezone: "Europe/Berlin\\n"',
      ["4:13: course.timezone: 'Europe/Berlin\\n' is not an IANA time zone name (did you mean 'Europe/Berlin'?)"]),
    Mistake('tbd without hint', '    hint: "after the block course"\n', '',
      ['27:5: dates.1: a tbd date needs a hint saying when, in words (add e.g. hint: "first week of the semester")']),
    Mistake('tbd with a day', '    status: tbd\n', '    status: tbd\n    date: 2027-04-30\n',
      ['29:13: dates.1.status: a tbd date has no day or time yet (remove date/start/end, or set status: fixed or tentative)']),
    Mistake('fixed date without a day', '    date: 2026-10-20\n    start: "10:00"\n    end: "11:30"\n', '',
      ['22:5: dates.0: a fixed date needs a day (add date: YYYY-MM-DD, or set status: tbd with a hint)']),
    Mistake('weights not 100 %', 'weight: 60', 'weight: 50',
      ['32:1: deliverables: weights add up to 90 %, not 100 % (50 + 40; change the weights so they total 100)']),
    Mistake('weight of zero', 'weight: 60', 'weight: 0',
      ['35:13: deliverables.0.weight: must be greater than 0 (use a larger number)']),
    Mistake('weight above 100', 'weight: 60', 'weight: 160',
      ['35:13: deliverables.0.weight: must be less than or equal to 100 (use a smaller number)']),
    Mistake('count below one', '    weight: 60', '    weight: 60\n    count: 0',
      ['36:12: deliverables.0.count: must be greater than or equal to 1 (use a larger number)']),
    Mistake('duplicate id', 'id: paper-b', 'id: paper-a',
      ["47:9: papers.1.id: duplicate id 'paper-a' (also papers[0]; ids must be unique, rename one)"]),
    Mistake('dangling deliverable reference', 'deliverable: report', 'deliverable: reprot',
      ["31:18: dates.1.deliverable: no deliverable has the id 'reprot' (did you mean 'report'?)"]),
    Mistake('dangling slot reference', 'slot: t2\nschedule', 'slot: t9\nschedule',
      ["53:11: papers.1.slot: no schedule slot has the id 't9' (add a schedule slot with this id or fix the reference)"]),
    Mistake('dangling slot reference after a paper without a slot', PAPER_B,
            PAPER_B.replace('    slot: t2', '    slot: t9').split('\n', 1)[1],
            ["52:11: papers.1.slot: no schedule slot has the id 't9' (add a schedule slot with this id or fix the "
             "reference)"]),
    Mistake('paper slot taken twice', '    slot: t2\n', '    slot: t1\n',
      ["53:11: papers.1.slot: slot 't1' is already taken by paper 'paper-a' (give each paper its own slot)"]),
    Mistake('year out of range', 'year: 2024', 'year: 24',
      ['44:11: papers.0.year: must be greater than or equal to 1900 (use a larger number)']),
    Mistake('duplicate slot in the schedule', '        - slot: t2\n', '        - slot: t2\n        - slot: t2\n',
      ["62:17: schedule.days.0.program.3.slot: duplicate slot id 't2' (each talk slot needs its own id)"]),
    Mistake('overlapping schedule items', '        - break: 15\n', '        - break: 15\n          start: "09:10"\n',
      ['61:18: schedule.days.0.program.1.start: starts at 09:10, before the previous item ends at 09:40 (move the start or shorten the item before)']),
    Mistake('day running past midnight', 'start: "09:00"', 'start: "23:30"',
      ['59:11: schedule.days.0.program.0: ends after midnight, at 2027-03-30 00:10 (start the day earlier or move items to another day)']),
    Mistake('days out of order', '        - slot: t2\n', '        - slot: t2\n    - date: 2027-03-28\n      start: "09:00"\n      program:\n        - break: 10\n',
      ['62:13: schedule.days.1.date: 2027-03-28 is not after the previous day 2027-03-29 (list days in order, once each)']),
    Mistake('break of zero minutes', 'break: 15', 'break: 0',
      ['60:18: schedule.days.0.program.1.break: must be greater than or equal to 1 (use a larger number)']),
    Mistake('talk longer than four hours', '        - slot: t1', '        - slot: t1\n          talk_minutes: 300',
      ['60:25: schedule.days.0.program.0.talk_minutes: must be less than or equal to 240 (use a smaller number)']),
    Mistake('per-talk date with an unknown unit of two words', *_rule('    per_talk:\n      before: "7 work days"\n'),
      ['35:15: dates.2.per_talk.before: unknown unit \'work days\' (write a whole number and days or weeks, e.g. "7 days" or "2 weeks")']),
    Mistake('per-talk date with an unknown unit', *_rule('    per_talk:\n      before: "7 fortnights"\n'),
      ['35:15: dates.2.per_talk.before: unknown unit \'fortnights\' (write a whole number and days or weeks, e.g. "7 days" or "2 weeks")']),
    Mistake('per-talk offset in words', *_rule('    per_talk:\n      before: "seven days"\n'),
      ['35:15: dates.2.per_talk.before: \'seven days\' is not a number of days or weeks (write a whole number and days or weeks, e.g. "7 days" or "2 weeks")']),
    Mistake('per-talk offset that is no time', *_rule('    per_talk:\n      before: "soon"\n'),
      ['35:15: dates.2.per_talk.before: \'soon\' is not a number of days or weeks (write a whole number and days or weeks, e.g. "7 days" or "2 weeks")']),
    Mistake('per-talk offset as a list', *_rule('    per_talk:\n      before: [7, days]\n'),
      ['35:15: dates.2.per_talk.before: must be a number of days or weeks with its unit, not a list (write e.g. "7 days")']),
    Mistake('per-talk date ending before it starts', *_rule('    per_talk:\n      before: "7 days"\n    start: "12:00"\n    end: "11:00"\n'),
      ['37:10: dates.2.end: end 11:00 is not after start 12:00 (fix the times, or add end_date for a range)']),
    Mistake('per-talk date with a negative offset', *_rule('    per_talk:\n      before: "-3 days"\n'),
      ['35:15: dates.2.per_talk.before: \'-3 days\' is negative: a per-talk date comes before its talk (write how long before, e.g. "7 days")']),
    Mistake('per-talk offset without a unit', *_rule('    per_talk:\n      before: 7\n'),
      ['35:15: dates.2.per_talk.before: must be a number of days or weeks with its unit, not 7 (write e.g. "7 days")']),
    Mistake('per-talk offset of more than a year', *_rule('    per_talk:\n      before: "60 weeks"\n'),
      ["35:15: dates.2.per_talk.before: '60 weeks' is more than 366 days before the talk (use a shorter time)"]),
    Mistake('per-talk date for someone unknown', *_rule('    per_talk:\n      before: "1 day"\n      for: audience\n'),
      ["36:12: dates.2.per_talk.for: must be 'presenter' or 'reviewers' (use one of these values)"]),
    Mistake('per-talk date with a day of its own', *_rule('    per_talk:\n      before: "7 days"\n    date: 2027-03-01\n'),
      ['36:5: dates.2.date: a per-talk date takes its day from each talk (remove date, or remove per_talk for a date of its own)']),
    Mistake('per-talk date marked tbd', *_rule('    status: tbd\n    per_talk:\n      before: "7 days"\n'),
      ['34:13: dates.2.status: a per-talk date is tbd by itself while no talk is scheduled (remove status: tbd, or write fixed or tentative)']),
    Mistake('per-talk date after its talk', *_rule('    per_talk:\n      before: "0 days"\n    start: "12:00"\n'),
      ['35:15: dates.2.per_talk.before: for talk t1 at 2027-03-29 09:00 this date falls at 2027-03-29 12:00, not before the talk (write more days, or an earlier start)']),
    Mistake('per-talk date in the skipped spring hour', *_rule('    per_talk:\n      before: "1 day"\n    start: "02:30"\n'),
      ['36:12: dates.2.start: for talk t1: 2027-03-28 02:30 does not exist in Europe/Berlin: the clocks skip that hour (choose a time before or after the switch)']),
    Mistake('empty file', None, '',
      ["1:1: the file must be a mapping with a 'course:' section (start from the example course.yml)"]),
    Mistake('file that is a list', None, '- course\n',
      ["1:1: the file must be a mapping with a 'course:' section (start from the example course.yml)"]),
]


# The error lines a course text gives, without the file name every line starts with.
def error_lines(text: str) -> list[str]:
    with pytest.raises(CourseError) as caught:
        load_text(text)
    lines = str(caught.value).splitlines()
    assert all(line.startswith("course.yml:") for line in lines)
    return [line.removeprefix("course.yml:") for line in lines]


def test_a_language_with_a_region_is_valid() -> None:
    course = load_text(MINIMAL.replace("    slot: t1\n  - id: paper-b", "    slot: t1\n    language: pt-BR\n  - id: paper-b"))
    assert course.papers[0].language == "pt-BR"


def test_a_holiday_is_named_in_at_most_max_text_characters() -> None:
    assert Holidays.model_validate({"country": "DE", "ignore": ["x" * MAX_TEXT]}).ignore == ["x" * MAX_TEXT]
    with pytest.raises(ValidationError, match=f"must be at most {MAX_TEXT} characters"):
        Holidays.model_validate({"country": "DE", "ignore": ["x" * (MAX_TEXT + 1)]})


def test_minimal_course_is_valid() -> None:
    course = load_text(MINIMAL)
    assert [p.id for p in course.papers] == ["paper-a", "paper-b"]


@pytest.mark.parametrize("mistake", CATALOGUE, ids=[m.kind for m in CATALOGUE])
def test_mistake_gives_exact_message(mistake: Mistake) -> None:
    assert error_lines(mistake.text()) == mistake.lines


def test_validating_a_parsed_file_names_course_yml_in_its_errors() -> None:
    with pytest.raises(CourseError) as raised:
        validate(parse(MINIMAL.replace('    venue: "ICLR"\n', '')))
    assert str(raised.value).splitlines() == ["course.yml:40:5: papers.0.venue: required field is missing (add 'venue:' to this entry)"]


def test_catalogue_kinds_are_distinct() -> None:
    assert len({m.kind for m in CATALOGUE}) == len(CATALOGUE)


def test_unquoted_times_dates_and_no_mean_what_they_say() -> None:
    text = MINIMAL.replace('start: "10:00"', "start: 10:00").replace('"after the block course"', "no")
    course = load_text(text)
    assert course.dates[0].start == dt.time(10, 0)
    assert course.dates[0].date == dt.date(2026, 10, 20)
    assert course.dates[1].hint == "no"


def test_tags_that_say_what_a_value_is_give_what_the_untagged_value_gives() -> None:
    tagged = (MINIMAL.replace('title: "Welcome"', "title: !!binary V2VsY29tZQ==")
              .replace("date: 2026-10-20", "date: !!timestamp 2026-10-20").replace("year: 2024", "year: !!int 2024")
              .replace("weight: 60", "weight: !!float 60").replace('start: "10:00"', "start: !!str 10:00")
              .replace('"Pruning"\n    slot: t2', '!!str "Pruning"\n    slot: t2'))
    assert tagged.count("!!") == 6
    assert load_text(tagged) == load_text(MINIMAL)


def test_every_mistake_is_reported_at_once_in_file_order() -> None:
    text = MINIMAL.replace("year: 2023", "year: 23").replace("timezone: Europe/Berlin", "timezone: Berlin")
    assert error_lines(text) == [
        "4:13: course.timezone: 'Berlin' is not an IANA time zone name (did you mean 'Europe/Berlin'?)",
        "51:11: papers.1.year: must be greater than or equal to 1900 (use a larger number)",
    ]
    text = MINIMAL.replace("weight: 60", "weight: 50").replace("id: paper-b", "id: paper-a")
    assert error_lines(text) == [
        "32:1: deliverables: weights add up to 90 %, not 100 % (50 + 40; change the weights so they total 100)",
        "47:9: papers.1.id: duplicate id 'paper-a' (also papers[0]; ids must be unique, rename one)",
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CourseError) as caught:
        load(tmp_path / "course.yml")
    assert str(caught.value) == (f"course.yml:1:1: cannot read {tmp_path / 'course.yml'}: "
                                 "No such file or directory (check the file name and path)")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_bytes(MINIMAL.replace("Ada", "Bj\xf6rn").encode("latin-1"))
    with pytest.raises(CourseError) as caught:
        load(tmp_path / "course.yml")
    assert str(caught.value) == ("course.yml:9:16: not UTF-8 text: byte 0xf6 is not UTF-8, perhaps Latin-1 "
                                 "or Windows-1252 (save the file as UTF-8)")


def test_each_kind_of_value_has_its_words() -> None:
    values = ["09:00", 7, 7.5, True, False, ["a"], {"a": 1}, None]
    assert [kind_of(value) for value in values] == [
        "text", "a number", "a decimal number", "true", "false", "a list", "a mapping", "a value"]


def test_checking_a_course_gives_its_agenda() -> None:
    checked = check_text(MINIMAL)
    assert checked.agenda.course is checked.course and [o.key for o in checked.agenda.dates] == ["date:kickoff", "date:report"]


def test_errors_name_the_file_they_are_in(tmp_path: Path) -> None:
    """A course file of another name (a past term's, a group's course) is named in its error lines,
    at the line and column an editor shows, with or without a byte order mark; non-ASCII text reads
    as UTF-8 whatever the machine's locale."""
    wrong = MINIMAL.replace("year: 2024", "year: 00")
    (tmp_path / "ml-2027s.yml").write_text("\ufeff" + wrong.replace("Ada", "Björn"), encoding="utf-8")
    for call in (lambda: load(tmp_path / "ml-2027s.yml"), lambda: load_text(wrong, "ml-2027s.yml"),
                 lambda: load_text("\ufeff" + wrong, "ml-2027s.yml")):
        with pytest.raises(CourseError) as caught:
            call()
        assert caught.value.filename == "ml-2027s.yml"
        assert str(caught.value).startswith("ml-2027s.yml:44:11: papers.0.year: ")
    (tmp_path / "ok.yml").write_text(MINIMAL.replace("Ada", "Björn"), encoding="utf-8")
    assert load(tmp_path / "ok.yml").papers[0].authors == ["Björn Example"]


def test_a_rule_the_loader_has_no_words_for_still_says_where_to_look() -> None:
    """A pydantic rule that no field uses today (a model change may bring one) is not shown in
    pydantic's words: the field's entry in REFERENCE.md says what it takes."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(HttpUrl).validate_python("not a link")
    error = caught.value.errors()[0]
    assert error["type"] not in ("value_error", "string_type")
    assert _message(error, ("course", "url"), quoted=True) == (
        "is not a value this field takes (see the field in REFERENCE.md)")


# The minimal course's text, and without its `course:` section.
MINIMAL_TEXT = (Path(__file__).parent / "minimal" / "course.yml").read_text(encoding="utf-8")


def test_a_missing_course_section_hides_no_other_sections_mistake() -> None:
    """Each top-level section is validated on its own: without `course:`, a wrong date below it is
    still reported."""
    start, end = MINIMAL_TEXT.index("course:\n"), MINIMAL_TEXT.index("\ndates:\n")
    text = (MINIMAL_TEXT[:start] + MINIMAL_TEXT[end + 1:]).replace("    date: 2027-07-20\n", "    date: 2027-02-30\n")
    assert error_lines(text) == [
        "3:1: course: required field is missing (add 'course:' at the top of the file)",
        "6:11: dates.0.date: 2027-02-30 is not a real date: February 2027 has 28 days (fix the day)"]


def test_a_misspelt_section_leaves_the_rules_of_the_sections_given() -> None:
    """An unknown top-level key may be a misspelling of a section left out (its rules wait), but
    the sections the file gives are still checked against each other: a date id given twice."""
    text = MINIMAL_TEXT.replace("dates:\n  - id: exam\n",
                                'dates:\n  - id: exam\n    title: "Exam"\n    date: 2027-07-21\n  - id: exam\n', 1)
    assert error_lines(text + "\ndatse:\n  - id: x\n") == [
        "26:9: dates.1.id: duplicate id 'exam' (also dates[0]; ids must be unique, rename one)",
        "37:1: datse: unknown key (did you mean 'dates'?)"]


# The example course's date topic-choice (dates[1], at line 56) written otherwise.
EXAMPLE_TEXT = (Path(__file__).parent / "example" / "course.yml").read_text(encoding="utf-8")
TOPIC_CHOICE = '  - id: topic-choice\n    title: "Topic preferences due"\n    date: 2026-10-27\n    start: "12:00"\n'


@pytest.mark.parametrize(("written", "line"), [
    ('  - id: topic-choice\n    title: "Topic preferences due"\n    status: fixed\n',
     "56:5: dates.1: a fixed date needs a day (add date: YYYY-MM-DD, or set status: tbd with a hint)"),
    (TOPIC_CHOICE + '    end: "12:00"\n',
     "60:10: dates.1.end: end 12:00 is not after start 12:00 (fix the times, or add end_date for a range)"),
])
def test_a_dates_day_and_times_are_checked_where_they_are_written(written: str, line: str) -> None:
    assert TOPIC_CHOICE in EXAMPLE_TEXT
    assert error_lines(EXAMPLE_TEXT.replace(TOPIC_CHOICE, written, 1)) == [line]


def test_without_a_file_name_the_lines_name_course_yml() -> None:
    """check_text and validated, called without a file name, name the file course.yml."""
    text = EXAMPLE_TEXT.replace(TOPIC_CHOICE, TOPIC_CHOICE + '    end: "12:00"\n', 1)
    for call in (lambda: check_text(text), lambda: validated(parse(text))):
        with pytest.raises(CourseError) as caught:
            call()
        assert str(caught.value).startswith("course.yml:"), str(caught.value)
    with pytest.raises(CourseError) as caught:
        validated(parse("- a list\n"))
    assert str(caught.value) == ("course.yml:1:1: the file must be a mapping with a 'course:' section (start from the "
                                 "example course.yml)")


def test_a_date_of_the_wrong_kind_says_what_it_is() -> None:
    assert error_lines(EXAMPLE_TEXT.replace("    date: 2026-10-27\n", "    date: 27\n", 1)) == [
        "58:11: dates.1.date: must be a date as YYYY-MM-DD, not a number (write e.g. 2027-02-15)"]


@pytest.mark.parametrize(("written", "line"), [
    ('  - id: topic-choice\n    title: "Topic preferences due"\n    status: tbd\n    hint: "soon"\n    start: "12:00"\n',
     "58:13: dates.1.status: a tbd date has no day or time yet (remove date/start/end, or set status: fixed or "
     "tentative)"),
    (TOPIC_CHOICE + '    end_date: 2026-10-27\n    end: "11:00"\n',
     "61:10: dates.1.end: end 11:00 is not after start 12:00 (fix the times, or add end_date for a range)"),
])
def test_a_dates_times_are_checked_whatever_else_it_gives(written: str, line: str) -> None:
    """A tbd date with a start alone has a time already; an end_date on the same day is one day."""
    assert error_lines(EXAMPLE_TEXT.replace(TOPIC_CHOICE, written, 1)) == [line]


# The minimal course's `course:` section alone.
COURSE_ONLY = MINIMAL_TEXT[:MINIMAL_TEXT.index("\ndates:\n") + 1]
PAST_TERM = ('archive:\n  - id: linalg-2027s\n    term: "Summer 2026"\n    title: "Linear Algebra"\n'
             '    commit: "' + "a" * 40 + '"\n')


@pytest.mark.parametrize(("sections", "line"), [
    (PAST_TERM, "23:9: archive.0.id: 'linalg-2027s' is also this term's course id (a new term needs a new id, or its "
                "calendar UIDs collide with the archived ones; change course.id)"),
    ('dates:\n  - id: x\n    title: "X"\n    date: 2027-03-28\n    start: "02:30"\n',
     "26:12: dates.0.start: 2027-03-28 02:30 does not exist in Europe/Berlin: the clocks skip that hour (choose a "
     "time before or after the switch)"),
])
def test_a_rule_runs_on_exactly_the_sections_it_needs(sections: str, line: str) -> None:
    """A misspelt top-level key leaves only the sections the file gives to the rules: a file of
    just the sections a rule needs still gets that rule (the course's id against its past terms,
    a date's time against the clock change)."""
    assert error_lines(COURSE_ONLY + sections + "newz: []\n") == [line, "27:1: newz: unknown key (did you mean 'news'?)"]


@pytest.mark.parametrize(("written", "read"), [("1900-01-01", dt.date(1900, 1, 1)), ("2200-12-31", dt.date(2200, 12, 31))])
def test_the_first_and_last_years_a_date_may_have_are_taken(written: str, read: dt.date) -> None:
    assert parse_date(written) == read


@pytest.mark.parametrize("written", ["1899-12-31", "2201-01-01"])
def test_a_year_outside_them_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match=f"{written} is not a date of a course: the year must be from 1900 to 2200"):
        parse_date(written)


@pytest.mark.parametrize(("weights", "message"), [
    ((30, 20, 29.99), "weights add up to 99.99 %, not 100 % (30 + 2 x 20 + 29.99; change the weights so they "
                      "total 100)"),
    ((30, 20, 29.991), None),  # within 0.01 of 100: rounding, not a mistake
])
def test_weights_that_do_not_total_100_say_each_part(weights: tuple[float, ...], message: str | None) -> None:
    """Each deliverable's weight, times its count where it is more than one; a total within 0.01 of
    100 passes."""
    data = course_data(EXAMPLE)
    data["deliverables"] = [{"id": f"d{n}", "title": f"D{n}", "weight": weight, **({"count": 2} if n == 1 else {})}
                            for n, weight in enumerate(weights)]
    for date in data["dates"]:
        date.pop("deliverable", None)
    try:
        course_from(data)
        found = []
    except CourseError as error:
        found = [p.message for p in error.problems]
    assert found == ([message] if message else [])
