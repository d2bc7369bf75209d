"""`coursegen new`: a fresh, commented course.yml for a seminar or a lecture.

The file comes from `templates/new/course.yml.j2`, its comments and placeholders from the
`new_course` labels of the chosen language. It passes `check` and builds as written; every
example.org address and placeholder is there to be replaced.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Literal

import jinja2

from .i18n import labels
from .loader import CourseError, load_text

KINDS = ("seminar", "lecture")
Kind = Literal["seminar", "lecture"]


class NewCourseError(Exception):
    """The file cannot be written (it exists, or the values given would not pass check)."""


# The comment of a section: the text wrapped into "# " lines, indented like the section.
def _comment(text: str, indent: int) -> str:
    prefix = " " * indent + "# "
    return "\n".join(textwrap.wrap(text, width=96, initial_indent=prefix, subsequent_indent=prefix,
                                   break_long_words=False, break_on_hyphens=False))


def course_text(course_id: str, title: str, term: str, language: str, timezone: str, kind: Kind) -> str:
    """The text of a fresh course.yml; raises NewCourseError when it would not pass check."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("coursegen", "templates"), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(comment=_comment, q=lambda value: json.dumps(value, ensure_ascii=False))
    text = env.get_template("new/course.yml.j2").render(
        N=labels(language)["new_course"], id=course_id, title=title, term=term, language=language,
        timezone=timezone, kind=kind)
    try:
        load_text(text)
    except CourseError as error:
        fields = "; ".join(f"{problem.path}: {problem.message}" for problem in error.problems)
        raise NewCourseError(f"the values given would not make a valid course ({fields})") from None
    return text


def new_course(output: Path, force: bool, course_id: str, title: str, term: str, language: str, timezone: str,
               kind: Kind) -> str:
    """Write a fresh course.yml to `output` (refused if it exists, unless `force`); return its text."""
    if output.exists() and not force:
        raise NewCourseError(f"{output} exists already (choose another --output, or add --force to overwrite it)")
    text = course_text(course_id, title, term, language, timezone, kind)
    output.write_text(text, encoding="utf-8")
    return text
