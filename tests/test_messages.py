"""No message shows pydantic's own words, and none is a traceback: each field of the model, given
many kinds of wrong value (text, numbers, lists, mappings, timestamps, tagged values, bytes that
are not UTF-8, overlong text), gets error lines in the file's terms: where, which field, what is
wrong and how to fix it.

The walk starts from tests/cases/every_field.yml, a valid course that gives every field of the
model (checked below against the JSON Schema), and puts each wrong value into each field in turn.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import PYDANTIC_WORDS

from coursegen.loader import CourseError, load_text
from coursegen.schema import course_schema
from coursegen.yamlsource import parse

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)

EVERY_FIELD = (Path(__file__).parent / "cases" / "every_field.yml").read_text(encoding="utf-8")
# `holidays` takes ignore or only, not both: the second start gives only.
# The second start gives the fields that exclude others: holidays' only (not ignore), credits (not ects),
# the privacy notice by its English name (not datenschutz).
STARTS = [EVERY_FIELD, EVERY_FIELD.replace('ignore: ["Christmas Day"]', 'only: ["Christmas Day"]')
          .replace("    ects: 7\n", "    credits:\n      value: 3\n      unit: credit_hours\n")
          .replace("    datenschutz: ", "    privacy: ")]
SCHEMA = course_schema()
ERROR_LINE = re.compile(r"^course\.yml:\d+:\d+: \S.* \(.+\)$")

# Wrong values as course.yml would write them. A tag the loader refuses is refused whatever the
# field, so one such value stands for them (test_errors.py has each).
WRONG = ['"text"', "0", "2.5", "true", "null", "[]", '["x"]', "{a: 1}", "2027-02-15 10:00",
         "!!timestamp 2027-02-15T10:00:00Z", "!!binary /w==", '"' + "word " * 4001 + '"', "9" * 30, '"2027-02-30"']
SENTINEL = "@@wrong@@"


@dataclass(frozen=True)
class Field:
    """A field of the model, where a course file gives it: the definition and key, the path to a value."""

    definition: str
    key: str
    path: tuple[str | int, ...]
    start: int  # which of STARTS


# The definition a schema node stands for ($ref, or the one non-null alternative), or None.
def _definition(node: dict[str, Any], value: Any) -> str | None:
    options = node.get("anyOf") or node.get("oneOf") or [node]
    for option in options:
        name = option.get("$ref", "").rsplit("/", 1)[-1]
        if name and isinstance(value, dict) and set(value) <= set(SCHEMA["$defs"][name]["properties"]):
            return name
    return None


# Each field of the data with its definition, once per definition and key; lists of values once.
def _fields(data: dict[str, Any], definition: str, path: tuple[str | int, ...], start: int) -> Iterator[Field]:
    properties = SCHEMA["properties"] if definition == "Course" else SCHEMA["$defs"][definition]["properties"]
    for key, value in data.items():
        node = properties[key]
        yield Field(definition, key, path + (key,), start)
        items = node.get("items") or next((o["items"] for o in node.get("anyOf", []) if "items" in o), None)
        values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, element in values:
            inner = _definition(items if index is not None and items else node, element)
            at = path + (key,) + (() if index is None else (index,))
            if inner:
                yield from _fields(element, inner, at, start)
            elif index == 0:
                yield Field(definition, f"{key}[]", at, start)


def _walk() -> list[Field]:
    seen: set[tuple[str, str]] = set()
    found = []
    for start, text in enumerate(STARTS):
        for field in _fields(parse(text).data, "Course", (), start):
            if (field.definition, field.key) not in seen:
                seen.add((field.definition, field.key))
                found.append(field)
    return found


FIELDS = _walk()
DATA = [parse(text).data for text in STARTS]


def test_the_starting_courses_are_valid_and_give_every_field_of_the_model() -> None:
    for text in STARTS:
        assert load_text(text)
    walked = {(field.definition, field.key) for field in FIELDS}
    defined = {("Course", key) for key in SCHEMA["properties"]} | {
        (name, key) for name, definition in SCHEMA["$defs"].items() for key in definition.get("properties", {})}
    assert defined - walked == set()


# The course file with a placeholder written in place of the field.
def _template(field: Field) -> str:
    data = copy.deepcopy(DATA[field.start])
    parent = data
    for key in field.path[:-1]:
        parent = parent[key]
    parent[field.path[-1]] = SENTINEL
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


@pytest.mark.parametrize("field", FIELDS, ids=[f"{f.definition}.{f.key}" for f in FIELDS])
def test_every_wrong_value_gets_error_lines_in_the_file_s_terms(field: Field) -> None:
    template = _template(field)
    for value in WRONG:
        try:
            load_text(template.replace(f"'{SENTINEL}'", value))
        except CourseError as error:
            lines = str(error).splitlines()
            assert lines, value
            for line in lines:
                assert ERROR_LINE.match(line), (value[:40], line[:300])
                assert not PYDANTIC_WORDS.search(line), (value[:40], line[:300])
                assert "is not a value this field takes" not in line, (value[:40], line[:300])  # the last resort
