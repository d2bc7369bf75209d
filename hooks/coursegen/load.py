"""Load `course.yml`: YAML -> validated Course, or every problem with its location."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from difflib import get_close_matches
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .checks import cross_checks
from .model import Break, Course, Session, Talk
from .yamlsource import Document, Problem, YamlError, parse


class CourseError(Exception):
    """`course.yml` has mistakes; `str()` gives one readable line per problem."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(problems, key=lambda p: (p.line, p.column, p.path))
        super().__init__("\n".join(p.format(filename) for p in self.problems))


_ADAPTERS = {name: TypeAdapter(info.annotation) for name, info in Course.model_fields.items()}
_TAGS: dict[str, type[BaseModel]] = {"talk": Talk, "break": Break, "session": Session}

_FIXES = {
    "string_type": "write text, in quotes if it looks like a number, date or yes/no",
    "int_type": "write a whole number",
    "int_parsing": "write a whole number",
    "int_from_float": "write a whole number",
    "float_type": "write a number",
    "float_parsing": "write a number",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "list_type": "write a list: one '- item' per line",
    "dict_type": "write a mapping: 'key: value' lines, indented under this one",
    "model_type": "write a mapping: 'key: value' lines, indented under this one",
    "missing": "add it",
    "literal_error": "use one of the allowed values",
    "enum": "use one of the allowed values",
    "string_pattern_mismatch": "see the required format",
    "too_short": "add at least one entry",
    "greater_than": "use a larger number",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
}


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


# Unwrap list[X], X | None and tagged unions down to one model class, if any.
def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _inner_model(origin) if origin is not None and origin is not annotation else None


# Explain an unknown key with a did-you-mean from the fields of its model.
def _unknown_key(loc: tuple[str | int, ...]) -> str:
    model = _model_at(loc[:-1])
    names = [f.alias or name for name, f in model.model_fields.items()] if model else []
    near = get_close_matches(str(loc[-1]), names, n=1)
    if near:
        return f"unknown key (did you mean '{near[0]}'?)"
    allowed = ", ".join(names)
    return f"unknown key (remove it; allowed here: {allowed})" if allowed else "unknown key (remove it)"


# Turn one pydantic error into a located problem with a fix.
def _problem(doc: Document, error: dict[str, Any]) -> Problem:
    raw = tuple(error["loc"])
    loc = tuple(p for i, p in enumerate(raw) if not (p in _TAGS and i and isinstance(raw[i - 1], int)))
    kind = error["type"]
    path = ".".join(str(p) for p in loc)
    if kind == "extra_forbidden":
        line, col = doc.where(loc, key=True)
        return Problem(line, col, path, _unknown_key(raw))
    line, col = doc.where(loc)
    message = error["msg"].removeprefix("Value error, ")
    if kind == "missing":
        return Problem(line, col, path, f"required field is missing ({_FIXES['missing']})")
    fix = _FIXES.get(kind)
    return Problem(line, col, path, f"{message[0].lower()}{message[1:]}" + (f" ({fix})" if fix else ""))


# Validate each top-level section on its own, so one bad section hides no other problem.
def _sections(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    valid: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    for name in data.keys() - Course.model_fields.keys():
        errors.append({"type": "extra_forbidden", "loc": (name,), "msg": "extra"})
    for name, info in Course.model_fields.items():
        if name not in data and info.is_required():
            errors.append({"type": "missing", "loc": (name,), "msg": "missing"})
            continue
        try:
            valid[name] = _ADAPTERS[name].validate_python(data[name]) if name in data else info.get_default(
                call_default_factory=True)
        except ValidationError as error:
            errors += [{**e, "loc": (name, *e["loc"])} for e in error.errors()]
    return valid, errors


def validate(doc: Document, filename: str = "course.yml") -> Course:
    """Validate parsed YAML into a Course; raise CourseError listing every problem."""
    if not isinstance(doc.data, dict):
        raise CourseError(filename, [Problem(1, 1, "", "the file must be a mapping with a 'course:' section "
                                                     "(start from the example course.yml)")])
    valid, errors = _sections(doc.data)
    problems = [_problem(doc, e) for e in errors]
    course = Course.model_construct(**valid)
    problems += [Problem(*doc.where(path, key=key), ".".join(map(str, path)), msg)
                 for path, key, msg in cross_checks(course, valid.keys())]
    if problems:
        raise CourseError(filename, problems)
    return course


def load(path: str | FsPath) -> Course:
    """Read and validate a course file; raise CourseError on any mistake."""
    path = FsPath(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseError(path.name, [Problem(1, 1, "", f"file not found: {path} (create it or fix the path)")]) from None
    except UnicodeDecodeError as error:
        raise CourseError(path.name, [Problem(1, 1, "", f"not UTF-8 text: {error.reason} (save the file as UTF-8)")]) from None
    with _collector_paused():
        try:
            doc = parse(text)
        except YamlError as error:
            raise CourseError(path.name, error.problems) from None
        return validate(doc, path.name)


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
