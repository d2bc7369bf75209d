"""Property: a mutated course file is a valid course (which then renders, and which the
schema accepts) or a set of clean error lines; never an uncaught exception.

Courses are also generated from `course.schema.json` (hypothesis-jsonschema), so every
shape the schema allows is tried, down to lone surrogates, control characters and years
1 to 9999. Accepted courses render through the engine (every page, feed and calendar); a few
accepted mutants also go through a full `mkdocs build --strict`. The runs are derandomized,
so CI sees the same examples on every run.

Mutations start from both real course files: edits of the text (lines deleted, doubled,
swapped or re-indented, characters inserted or deleted, a YAML tag put before a value, the
file cut short) and edits of the data (keys deleted, renamed or added, values replaced by
tricky ones, bytes among them, which YAML writes as `!!binary`, entries doubled or swapped),
so both YAML-level and model-level mistakes are explored. No error line shows pydantic's own
words; no accepted course puts a control character into a page or feed or gives two elements of
a page one anchor, and news.xml stays well-formed.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any
from xml.etree import ElementTree

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator
from support import EXAMPLE, PYDANTIC_WORDS, ROOT, SEMINAR, copy_project, mkdocs_build, page_anchors

from coursegen.addresses import used_pages
from coursegen.agenda import resolve
from coursegen.bib import bibliography
from coursegen.limits import FORBIDDEN_CHARACTERS
from coursegen.loader import CourseError, load_text
from coursegen.pages import render
from coursegen.site import SiteOutput
from coursegen.yamlsource import YamlError, parse

TIER = "property"  # the kind of test (conftest.py: pytest -m property)

SOURCES = [(project / "course.yml").read_text(encoding="utf-8") for project in (SEMINAR, EXAMPLE)]
SOURCE_DATA = [parse(source).data for source in SOURCES]
SCHEMA_DATA = json.loads((ROOT / "course.schema.json").read_text(encoding="utf-8"))
SCHEMA = Draft202012Validator(SCHEMA_DATA)
ERROR_LINE = re.compile(r"^course\.yml:(\d+):(\d+): \S.* \(.+\)$")
FORBIDDEN = re.compile(FORBIDDEN_CHARACTERS)
LINES = re.compile(r"\r\n|\r|\n")  # where an editor starts a new line
EXAMPLES = settings(max_examples=150, deadline=None, derandomize=True)

TRICKY_TEXT = ["", " ", "10:00", "9:05", "24:00", "2027-02-28", "2027-02-30", "2026-13-01", "no", "yes",
               "on", "tbd", "fixed", "tentative", "Europe/Berlin", "Mars/Olympus", "https://example.org/",
               "mailto:a@example.org", "ftp://example.org", "javascript:alert(1)", "<script>x</script>",
               "a | b", "**bold**", "{{ c }}", "{% raw %}", "t1", "t5", "review", "paper", "kickoff", "50%",
               "line\nbreak", "\r", "\u2028", "\t", "Ünïcödé", "\u202e", "1e3", "-1", "0", "100", "@home",
               "*star", "&amp;"]
VALUES = st.one_of(
    st.sampled_from(TRICKY_TEXT), st.text(max_size=20), st.none(), st.booleans(), st.binary(max_size=12),
    st.integers(min_value=-3000, max_value=3000), st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.sampled_from(TRICKY_TEXT), max_size=3),
    st.dictionaries(st.sampled_from(TRICKY_TEXT), st.integers(), max_size=2),
)
INSERTS = list(":-#\"'[]{}*&!%@`|>\t \n") + ["\x00", "\x07", "\ufeff", "  ", "- ", ": ", "\n  "]
# Tags put before a value: the ones a course file may use, and ones it may not.
TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!timestamp", "!!set", "!!omap", "!!merge",
        "!!python/object/apply:os.system", "!!python/bytes", "!local"]


# Every path into the data, parents before children.
def paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        found += paths(value, at + (key,))
    return found


# One edit of the data at a drawn path.
def mutate_data(draw: st.DrawFn, data: Any) -> Any:
    path = draw(st.sampled_from(paths(data)))
    if not path:
        return data
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    action = draw(st.sampled_from(["delete", "replace", "add", "double", "swap", "rename"]))
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = draw(VALUES)
    elif action == "add" and isinstance(parent[key], dict):
        parent[key][draw(st.sampled_from(["colour", "titel", "date", "slot", "id", "break"]))] = draw(VALUES)
    elif action == "double" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif action == "swap" and isinstance(parent, list) and len(parent) > 1:
        other = draw(st.integers(0, len(parent) - 1))
        parent[key], parent[other] = parent[other], parent[key]
    elif action == "rename" and isinstance(parent, dict):
        parent[key + draw(st.sampled_from(["s", "_", "x"]))] = parent.pop(key)
    return data


@st.composite
def data_mutants(draw: st.DrawFn) -> str:
    """A course file whose data had one to three edits, written back as YAML."""
    data = copy.deepcopy(draw(st.sampled_from(SOURCE_DATA)))
    for _ in range(draw(st.integers(1, 3))):
        data = mutate_data(draw, data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# One edit of the text: a line or a character changes.
def mutate_text(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    action = draw(st.sampled_from(["delete", "double", "swap", "indent", "insert", "erase", "cut", "tag"]))
    if action == "delete" and lines:
        del lines[at]
    elif action == "double" and lines:
        lines.insert(at, lines[at])
    elif action == "swap" and at + 1 < len(lines):
        lines[at], lines[at + 1] = lines[at + 1], lines[at]
    elif action == "indent" and lines:
        lines[at] = " " * draw(st.integers(1, 3)) + lines[at] if draw(st.booleans()) else lines[at][1:]
    elif action == "tag" and lines:  # a tag before the line's value, or its entry
        found = re.search(r": |- ", lines[at])
        cut = found.end() if found else len(lines[at]) - len(lines[at].lstrip())
        lines[at] = f"{lines[at][:cut]}{draw(st.sampled_from(TAGS))} {lines[at][cut:]}"
    text = "".join(lines)
    position = draw(st.integers(0, len(text)))
    if action == "insert":
        return text[:position] + draw(st.sampled_from(INSERTS)) + text[position:]
    if action == "erase":
        return text[:position] + text[position + 1:]
    return text[:position] if action == "cut" else text


@st.composite
def text_mutants(draw: st.DrawFn) -> str:
    """A course file with one to three edits of its text."""
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 3))):
        text = mutate_text(draw, text)
    return text


# The property: a course that renders and fits the schema, or clean located error lines.
def check_outcome(text: str, today: dt.date) -> None:
    if "!!" in text or "!local" in text:
        event("with a YAML tag")
    try:
        course = load_text(text)
    except CourseError as error:
        event("clean error lines")
        lines = str(error).splitlines()
        assert lines, "an error without a message"
        for line in lines:
            found = ERROR_LINE.match(line)
            assert found, f"not a clean error line: {line!r}"
            assert not PYDANTIC_WORDS.search(line), line
            assert 1 <= int(found.group(1)) <= len(LINES.split(text)) and int(found.group(2)) >= 1, line
        return
    event("valid course")
    pages = render(resolve(course), today)
    assert set(pages) == set(used_pages(course))
    assert [uri for uri, page in pages.items() if len(set(page_anchors(page))) < len(page_anchors(page))] == []
    files = SiteOutput.build(resolve(course), today).files
    texts = {uri: f.decode("utf-8") if isinstance(f, bytes) else f for uri, f in files.items()}
    assert [uri for uri, f in texts.items() if FORBIDDEN.search(f)] == []
    ElementTree.fromstring(files["news.xml"])  # well-formed
    entries = [line for line in bibliography(course).splitlines() if line.startswith("@")]
    assert len(entries) == len(course.papers)
    assert [e.message for e in SCHEMA.iter_errors(parse(text).data)] == []


TODAY = st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))


@EXAMPLES
@given(text=data_mutants(), today=TODAY)
def test_data_mutations_give_a_course_or_clean_errors(text: str, today: dt.date) -> None:
    check_outcome(text, today)


@EXAMPLES
@given(text=text_mutants(), today=TODAY)
def test_text_mutations_give_a_course_or_clean_errors(text: str, today: dt.date) -> None:
    check_outcome(text, today)


@EXAMPLES
@given(text=text_mutants())
def test_parsed_files_hold_only_plain_values_whatever_their_tags(text: str) -> None:
    try:
        data = parse(text).data
    except YamlError:
        event("refused")
        return
    kinds = {type(value) for path in paths(data) for value in [_at(data, path)]}
    assert kinds <= {str, int, float, bool, type(None), list, dict}, kinds


# The value at a path into the data.
def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=from_schema(SCHEMA_DATA), today=TODAY)
def test_schema_generated_courses_give_a_course_or_clean_errors(data: dict[str, Any], today: dt.date) -> None:
    check_outcome(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), today)


@settings(max_examples=4, deadline=None, derandomize=True)
@given(text=data_mutants())
def test_accepted_mutants_pass_a_strict_mkdocs_build(text: str, tmp_path_factory: Any) -> None:
    try:
        load_text(text)
    except CourseError:
        event("refused")
        return
    site = copy_project(ROOT, tmp_path_factory.mktemp("mutant"), text)
    build = mkdocs_build(site, site / "site", "-q")
    assert build.returncode == 0, build.output[-2000:]
