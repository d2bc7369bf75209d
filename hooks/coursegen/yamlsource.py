"""Read YAML into plain data while remembering where every value came from.

PyYAML's defaults follow YAML 1.1, which turns `10:00` into the integer 600, `no`
into False and `2025-13-01` into a ValueError. This loader resolves only what an
instructor means: `true`/`false`, null, plain integers and decimals; everything
else (times, dates, `no`, `on`) stays a string for the model to parse with a
precise message. Duplicate keys are errors rather than a silent overwrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

_IMPLICIT = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789"),
    ("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$"), "-+0123456789."),
]


class _Resolver(yaml.resolver.Resolver):
    """A resolver that knows only the YAML 1.2 core scalars listed above."""

    yaml_implicit_resolvers: dict = {}


for _tag, _regexp, _first in _IMPLICIT:
    _Resolver.add_implicit_resolver(_tag, _regexp, list(_first))


class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):
    """PyYAML's pure-Python parser, for an installation built without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)


# libyaml composes the same nodes with the same marks, over ten times faster on large files.
_Parser: type = yaml.cyaml.CParser if yaml.__with_libyaml__ else _PyParser


class _Loader(_Parser, yaml.constructor.SafeConstructor, _Resolver):
    """Safe loading with the restricted resolver."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


@dataclass(frozen=True)
class Problem:
    """One mistake, located in the source file."""

    line: int
    column: int
    path: str
    message: str

    def format(self, filename: str) -> str:
        """Render as `file:line:col: path: message`."""
        where = f"{self.path}: " if self.path else ""
        return f"{filename}:{self.line}:{self.column}: {where}{self.message}"


@dataclass
class Document:
    """Plain data from a YAML file plus the position of every key and value."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a path, or of its nearest existing parent."""
        table = self.keys if key else self.values
        for cut in range(len(path), -1, -1):
            if path[:cut] in table:
                return table[path[:cut]]
            if path[:cut] in self.values:
                return self.values[path[:cut]]
        return (1, 1)


class YamlError(Exception):
    """The file is not valid YAML (or repeats a key)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.message for p in problems))
        self.problems = problems


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


# Build plain Python data from a composed node, recording positions as we go.
def _build(loader: _Loader, node: yaml.Node, path: Path, doc: Document, problems: list[Problem]) -> Any:
    doc.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node))
            if key in result:
                line, col = _mark(key_node)
                first = doc.keys[path + (key,)][0]
                problems.append(Problem(line, col, ".".join(map(str, path + (key,))),
                                        f"duplicate key (first given on line {first}; keep only one)"))
                continue
            doc.keys[path + (key,)] = _mark(key_node)
            result[key] = _build(loader, value_node, path + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), doc, problems) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


# Explain a YAML syntax error in an instructor's terms.
def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or "invalid YAML"
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: max(col, 1)] or "'\\t'" in problem:
        fix = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        fix = "put text containing ': ' in quotes, or check the indentation"
    else:
        fix = "check indentation, quotes and the ':' after each key"
    return Problem(line, col, "", f"YAML syntax error: {problem} ({fix})")


def parse(text: str) -> Document:
    """Parse YAML text into a Document; raise YamlError with located problems."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise YamlError([_syntax_problem(error, text)]) from None
    except yaml.YAMLError as error:
        raise YamlError([Problem(1, 1, "", f"YAML error: {error} (check the file's syntax)")]) from None
    finally:
        loader.dispose()
    doc = Document(data=None)
    if node is None:
        return doc
    problems: list[Problem] = []
    try:
        doc.data = _build(loader, node, (), doc, problems)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(line, col, "", f"YAML error: {error.problem} (remove the tag or quote the value)"))
    if problems:
        raise YamlError(problems)
    return doc
