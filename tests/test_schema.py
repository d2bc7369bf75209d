"""The JSON Schema and REFERENCE.md: committed, current, and true to the loader."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from support import FIXTURES, MINIMAL, ROOT, SEMINAR

from coursegen.model import LINK_PATTERN
from coursegen.reference import REFERENCE_FILE, example, reference_text, sections
from coursegen.schema import SCHEMA_FILE, course_schema, schema_text
from coursegen.yamlsource import parse

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


SEMINAR_FILE = SEMINAR / "course.yml"
COURSES = {"live": ROOT / "course.yml", **{name: project / "course.yml" for name, project in {**FIXTURES, "minimal": MINIMAL}.items()}}


# A validator for the committed schema.
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8")))


def test_committed_schema_is_current() -> None:
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "course.schema.json is out of date: run python -m coursegen schema"


def test_committed_reference_is_current() -> None:
    committed = (ROOT / REFERENCE_FILE).read_text(encoding="utf-8")
    assert committed == reference_text(), "REFERENCE.md is out of date: run python -m coursegen reference"


def test_course_file_points_editors_at_the_schema() -> None:
    first = SEMINAR_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../{SCHEMA_FILE}"
    assert (SEMINAR_FILE.parent / "../.." / SCHEMA_FILE).resolve() == (ROOT / SCHEMA_FILE).resolve()


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(course_schema())


@pytest.mark.parametrize("name", COURSES)
def test_real_courses_satisfy_the_schema(name: str) -> None:
    path = COURSES[name]
    data = parse(path.read_text(encoding="utf-8")).data
    assert [error.message for error in validator().iter_errors(data)] == []


@pytest.mark.parametrize(("old", "new", "messages"), [
    ("  term:", "  terms:", ["Additional properties are not allowed ('terms' was unexpected)",
                             "'term' is a required property"]),
    ("    count: 2", '    count: "2"', ["'2' is not of type 'integer'"]),
    ("  show_presenters: false", "  show_presenters: no", ["'no' is not of type 'boolean'"]),
    ('    impressum: "https://cispa.de/en/impressum"', '    impressum: "ftp://cispa.de"',
     ["'ftp://cispa.de' is not valid under any of the given schemas"]),  # a link, or none
    ('  term: "Winter 2026/27"', '  term: "   "', ["'   ' does not match '\\\\S'"]),
])
def test_schema_flags_what_an_editor_should(old: str, new: str, messages: list[str]) -> None:
    text = SEMINAR_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    data = parse(text.replace(old, new)).data
    assert [error.message for error in validator().iter_errors(data)] == messages


def test_an_optional_link_is_a_link_or_nothing_to_the_editor() -> None:
    """The editor's message for a wrong optional link says only that it is none of the choices:
    each choice is checked here, the link's pattern and null."""
    legal = course_schema()["$defs"]["Legal"]["properties"]
    for name in ("impressum", "privacy", "datenschutz", "accessibility"):
        link, nothing = legal[name]["anyOf"]
        assert (link["type"], link["pattern"], nothing) == ("string", LINK_PATTERN.pattern, {"type": "null"}), name


def test_every_field_has_a_description_and_every_value_an_example() -> None:
    schema = course_schema()
    for path, node in sections(schema):
        for name, field in node["properties"].items():
            leaf = "$ref" not in json.dumps(field)
            assert field.get("description") or not leaf, f"{path}.{name} has no description"
            assert example(schema, field) or not leaf, f"{path}.{name} has no example"


def test_reference_lists_type_default_and_example() -> None:
    text = reference_text()
    assert ("| `weight` | number, more than 0, at most 100 | **required** | "
            "Percent of the final grade, for each one; all add up to 100. | `weight: 10` |") in text
    assert ("| `talk_minutes` | whole number, 1 to 240 | `30` | Default length of a talk in minutes. "
            "| `talk_minutes: 30` |") in text
    assert "## `schedule.days[].program[]` with `break`" in text
