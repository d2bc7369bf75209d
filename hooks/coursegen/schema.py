"""JSON Schema of `course.yml`, generated from the data model.

Editors that speak the YAML language server read it through the first line of
`course.yml` (`# yaml-language-server: $schema=./course.schema.json`) to complete
keys, show each field's description and flag mistakes while typing. The loader stays
the judge: the schema cannot express cross-field rules (weights, references, dates).
"""

from __future__ import annotations

import json
from typing import Any

from .model import Course

SCHEMA_FILE = "course.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def course_schema() -> dict[str, Any]:
    """The JSON Schema of a course file, as a dict."""
    schema = Course.model_json_schema(mode="validation")
    return {
        "$schema": DIALECT,
        **schema,
        "title": "course.yml",
    }


def schema_text() -> str:
    """The schema as the text of the committed `course.schema.json`."""
    return json.dumps(course_schema(), indent=2, ensure_ascii=False) + "\n"
