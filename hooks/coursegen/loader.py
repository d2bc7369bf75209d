"""Load `course.yml`: YAML -> validated Course, or every problem with its location."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .agenda import Agenda
from .agreement import course_warnings
from .checks import cross_checks
from .model import PATTERN_HINTS, Break, Course, Session, Talk, kind_of
from .yamlsource import Document, Problem, YamlError, parse


@dataclass(frozen=True)
class Checked:
    """A valid course, its agenda (resolved once, see agenda/) and the warnings about it: parts of
    the file that disagree (see agreement.py)."""

    course: Course
    agenda: Agenda
    warnings: list[Problem]

    def warning_lines(self, filename: str) -> list[str]:
        """One `file:line:col: warning: path: message` line per warning."""
        return [w.format(filename, "warning") for w in self.warnings]


class CourseError(Exception):
    """`course.yml` has mistakes; `str()` gives one readable line per problem."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(problems, key=lambda p: (p.line, p.column, p.path))
        super().__init__("\n".join(p.format(filename) for p in self.problems))


# Every field of Course is annotated, so no annotation is None.
_ADAPTERS = {name: TypeAdapter[Any](info.annotation) for name, info in Course.model_fields.items()}  # type: ignore[arg-type]
_TAGS: dict[str, type[BaseModel]] = {"talk": Talk, "break": Break, "session": Session}

# Type errors: what the value must be, and how to write it.
_TYPES: dict[str, tuple[str, str]] = {
    "string_type": ("must be text", 'write it in quotes, e.g. "{value}"'),
    "int_type": ("must be a whole number", "write digits only, e.g. 30"),
    "float_type": ("must be a number", "write digits only, without % or quotes, e.g. 40"),
    "bool_type": ("must be true or false", "write true or false; yes, no, on and off are text"),
    "list_type": ("must be a list", "write one '- item' per line"),
    "dict_type": ("must be a mapping", "write 'key: value' lines, indented under this one"),
    "model_type": ("must be a mapping", "write 'key: value' lines, indented under this one"),
}

_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")

# Other rules pydantic checks: what the value must be (filled in from the rule's context) and how to
# fix a value that breaks it. Every message is written here, never taken from pydantic's own words.
_RULES = {
    "literal_error": ("must be {expected}", "use one of these values"),
    "enum": ("must be {expected}", "use one of these values"),
    "greater_than": ("must be greater than {gt}", "use a larger number"),
    "greater_than_equal": ("must be greater than or equal to {ge}", "use a larger number"),
    "less_than_equal": ("must be less than or equal to {le}", "use a smaller number"),
    "finite_number": ("must be a finite number", "write a number such as 40"),
    "too_short": ("must not be an empty list", "add at least one entry"),
}
_LONG_TEXT = "shorten it, or move long text to a page under docs/"


# Find the pydantic model class that a location inside Course points into.
def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    model: Any = Course
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        fields = getattr(model, "model_fields", {})
        if part in _TAGS:
            model = _TAGS[part]
            continue
        info = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


# Unwrap list[X], X | None and tagged unions down to one model class, if any: a model is always
# among the arguments of the annotation that holds it.
def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


# Explain an unknown key with a did-you-mean from the fields of its model.
def _unknown_key(loc: tuple[str | int, ...]) -> str:
    model = _model_at(loc[:-1])
    names = [f.alias or name for name, f in model.model_fields.items()] if model else []
    near = get_close_matches(str(loc[-1]), names, n=1)
    if near:
        return f"unknown key (did you mean '{near[0]}'?)"
    allowed = ", ".join(names)
    return f"unknown key (remove it; allowed here: {allowed})" if allowed else "unknown key (remove it)"


# A value of the wrong type: what it must be, what it is, and how to write it.
def _type_message(kind: str, value: Any, quoted: bool) -> str:
    what, fix = _TYPES[kind]
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    number = shown.strip().rstrip("%").strip()
    if kind == "string_type" and isinstance(value, (list, dict)):
        fix = "write a single text value"
    elif kind in ("int_type", "float_type") and isinstance(value, str) and _NUMBER.match(number):
        digits = number.lstrip("+-").lstrip("0") or "0"
        if "%" in shown:
            fix = f"write {number} without %"
        elif quoted or digits.startswith(".") or digits == number.lstrip("+-"):  # "7", "0.5": text, not a number
            fix = f"write {number} without quotes"
        else:  # leading zeros, which make YAML read a number as text: 007, -02024
            sign = "-" if number.startswith("-") else ""
            fix = f"write {sign}{digits} without the leading zeros"
    return f"{what}, not {kind_of(value)} ({fix.format(value=shown)})"


# Say which field is missing and where to add it.
def _missing(loc: tuple[str | int, ...]) -> str:
    if len(loc) == 1:
        where = "at the top of the file"
    elif isinstance(loc[-2], int):
        where = "to this entry"
    else:
        where = f"under '{loc[-2]}:'"
    return f"required field is missing (add '{loc[-1]}:' {where})"


# The message of one pydantic error, in the file's terms: what is wrong (how to fix it).
def _message(error: dict[str, Any], loc: tuple[str | int, ...], quoted: bool) -> str:
    kind, value = error["type"], error.get("input")
    if value is None:
        mark = "-" if loc and isinstance(loc[-1], int) else ":"
        return f"has no value (write one after the '{mark}')"
    if kind in _TYPES:
        return _type_message(kind, value, quoted)
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"] in PATTERN_HINTS:
        what, fix = PATTERN_HINTS[error["ctx"]["pattern"]]
        return f"{what} ({fix})"
    if kind == "string_too_long":
        fix = _LONG_TEXT if any(c.isspace() for c in value) else "shorten it"  # prose may move to a page
        return f"is {len(value):,} characters long, more than the {error['ctx']['max_length']:,} allowed ({fix})"
    if kind == "too_long":
        return f"has {len(value):,} entries, more than the {error['ctx']['max_length']:,} allowed (shorten the list)"
    if kind in _RULES:
        what, fix = _RULES[kind]
        context = {name: f"{bound:g}" if isinstance(bound, float) else bound
                   for name, bound in error.get("ctx", {}).items()}
        return f"{what.format(**context)} ({fix})"
    if kind in ("value_error", "program_item"):  # the model's own message: what is wrong (how to fix it)
        message: str = error["msg"]
        return message.removeprefix("Value error, ")
    return "is not a value this field takes (see the field in REFERENCE.md)"


# Turn one pydantic error into a located problem with a fix.
def _problem(doc: Document, error: dict[str, Any]) -> Problem:
    raw = tuple(error["loc"])
    loc = tuple(p for i, p in enumerate(raw) if not (p in _TAGS and i and isinstance(raw[i - 1], int)))
    path = ".".join(str(p) for p in loc)
    if error["type"] == "extra_forbidden":
        return Problem(*doc.where(loc, key=True), path, _unknown_key(raw))
    if error["type"] == "missing":
        return Problem(*doc.where(loc[:-1], key=True), path, _missing(loc))
    return Problem(*doc.where(loc), path, _message(error, loc, loc in doc.quoted))


# Validate each top-level section on its own, so one bad section hides no other problem.
# Returns the valid sections, the errors, and which sections rules may read: a section left
# out (default) is not trusted while an unknown top-level key may be its misspelling.
def _sections(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]], set[str]]:
    valid: dict[str, Any] = {}
    unknown = data.keys() - Course.model_fields.keys()
    # pydantic's shape of an error; _problem words these two kinds itself.
    errors: list[dict[str, Any]] = [{"type": "extra_forbidden", "loc": (name,)} for name in unknown]
    for name, info in Course.model_fields.items():
        if name not in data and info.is_required():
            errors.append({"type": "missing", "loc": (name,)})
            continue
        try:
            valid[name] = _ADAPTERS[name].validate_python(data[name]) if name in data else info.get_default(
                call_default_factory=True)
        except ValidationError as error:
            errors += [{**e, "loc": (name, *e["loc"])} for e in error.errors()]
    trusted = {name for name in valid if name in data or not unknown}
    return valid, errors, trusted


def validate(doc: Document, filename: str = "course.yml") -> Course:
    """Validate parsed YAML into a Course; raise CourseError listing every problem."""
    return validated(doc, filename)[0]


def validated(doc: Document, filename: str = "course.yml") -> tuple[Course, Agenda]:
    """Validate parsed YAML into a Course and its agenda; raise CourseError listing every problem."""
    if not isinstance(doc.data, dict):
        raise CourseError(filename, [Problem(1, 1, "", "the file must be a mapping with a 'course:' section "
                                                     "(start from the example course.yml)")])
    valid, errors, trusted = _sections(doc.data)
    problems = [_problem(doc, e) for e in errors]
    course = Course.model_construct(**valid)
    findings, agenda = cross_checks(course, trusted)
    problems += [Problem(*doc.where(path, key=key), ".".join(map(str, path)), msg) for path, key, msg in findings]
    if problems:
        raise CourseError(filename, problems)
    assert agenda is not None  # every section is valid and within its limits
    return course, agenda


# The warnings about a valid course, each at its place in the file and naming the other place, in file order.
def _warnings(doc: Document, agenda: Agenda) -> list[Problem]:
    found = []
    for warning in course_warnings(agenda):
        message = warning.message
        if warning.other is not None:
            other = f"{'.'.join(map(str, warning.other))}, line {doc.where(warning.other)[0]}"
            message = message.replace("{other}", other)
        found.append(Problem(*doc.where(warning.path), ".".join(map(str, warning.path)), message))
    return sorted(found, key=lambda p: (p.line, p.column, p.path))


def load(path: str | FsPath) -> Course:
    """Read and validate a course file; raise CourseError on any mistake."""
    return check(path).course


def check(path: str | FsPath) -> Checked:
    """Read and validate a course file, with its warnings; raise CourseError on any mistake."""
    path = FsPath(path)
    try:
        text = path.read_bytes().decode("utf-8")  # whatever the machine's locale
    except UnicodeDecodeError as error:
        before = error.object[: error.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        problem = Problem(before.count(b"\n") + 1, column, "",
                          f"not UTF-8 text: byte 0x{error.object[error.start]:02x} is not UTF-8, perhaps "
                          "Latin-1 or Windows-1252 (save the file as UTF-8)")
        raise CourseError(path.name, [problem]) from None
    except OSError as error:
        problem = Problem(1, 1, "", f"cannot read {path}: {error.strerror} (check the file name and path)")
        raise CourseError(path.name, [problem]) from None
    return check_text(text, path.name)


def load_text(text: str, filename: str = "course.yml") -> Course:
    """Validate course YAML given as text; `filename` is what error lines name."""
    return check_text(text, filename).course


def check_text(text: str, filename: str = "course.yml") -> Checked:
    """Validate course YAML given as text, with its warnings; `filename` is what error lines name."""
    with _collector_paused():
        try:
            doc = parse(text)
        except YamlError as error:
            raise CourseError(filename, error.problems) from None
        course, agenda = validated(doc, filename)
        return Checked(course, agenda, _warnings(doc, agenda))


# Loading makes about ten small, acyclic, long-lived objects per YAML value; CPython's cyclic
# collector would rescan all of them again and again, superlinear on large course files.
@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
