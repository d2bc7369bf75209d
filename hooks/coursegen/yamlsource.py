"""Read YAML into plain data while remembering where every value came from.

PyYAML's defaults follow YAML 1.1, which turns `10:00` into the integer 600, `no`
into False and `2025-13-01` into a ValueError. This loader resolves only what an
instructor means: `true`/`false`, null, plain integers and decimals; everything
else (times, dates, `no`, `on`) stays a string for the model to parse with a
precise message. Duplicate keys are errors rather than a silent overwrite.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import yaml

from .limits import FORBIDDEN_CHARACTERS, MAX_DEPTH, MAX_EXPANDED

Path = tuple[str | int, ...]

_IMPLICIT = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789"),
    ("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$"), "-+0123456789."),
]


# Characters that would break or hide an error line when a value is quoted in it.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


class _Resolver(yaml.resolver.Resolver):
    """A resolver that knows only the YAML 1.2 core scalars listed above."""

    # Replaces, per class, the table PyYAML's BaseResolver declares.
    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


for _tag, _regexp, _first in _IMPLICIT:
    _Resolver.add_implicit_resolver(_tag, _regexp, list(_first))


_FORBIDDEN = re.compile(FORBIDDEN_CHARACTERS)


class _TooDeep(yaml.MarkedYAMLError):
    """Mappings and lists nest deeper than MAX_DEPTH."""


class _Loader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
    yaml.constructor.SafeConstructor, _Resolver,
):
    """Safe loading with the restricted resolver, by PyYAML's pure-Python parser."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose one node, refusing nesting deeper than MAX_DEPTH before Python's stack runs out."""
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                raise _TooDeep(problem="too deep", problem_mark=self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# libyaml composes the same nodes with the same marks, over ten times faster on large files;
# PyYAML built without it has only the pure-Python loader.
_FAST_LOADER: type | None = None
if yaml.__with_libyaml__:
    # libyaml's parser ships without type information.
    class _FastLoader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, _Resolver):  # type: ignore[misc,name-defined]
        """Safe loading with the restricted resolver, by libyaml."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)  # type: ignore[attr-defined]
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    _FAST_LOADER = _FastLoader


@dataclass(frozen=True)
class Problem:
    """One mistake, located in the source file."""

    line: int
    column: int
    path: str
    message: str

    def format(self, filename: str, kind: str = "") -> str:
        """Render as one `file:line:col: path: message` line (line breaks in values escaped);
        a `kind` such as "warning" is named after the position."""
        where = f"{self.path}: " if self.path else ""
        label = f"{kind}: " if kind else ""
        line = f"{filename}:{self.line}:{self.column}: {label}{where}{self.message}"
        return _LINE_BREAKING.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), line)


@dataclass
class Document:
    """Plain data from a YAML file plus the position of every key and value."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    quoted: set[Path] = field(default_factory=set)

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


# 1-based line and column where a node starts.
def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


# Lists and mappings without a tag; a tag on them would otherwise be ignored silently.
_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

# Aliases may repeat values, but no more than this many in all; values written out in the
# file do not count, so a long course file is never mistaken for an alias bomb.
_MAX_REPEATED = 100_000


class _Builder:
    """Builds plain Python data from composed nodes, recording positions as it goes."""

    def __init__(self, loader: _Loader, doc: Document) -> None:
        self.loader, self.doc = loader, doc
        self.problems: list[Problem] = []
        self.active: set[int] = set()
        self.built: set[int] = set()
        self.budget = _MAX_REPEATED
        self.characters = MAX_EXPANDED
        self.sizes: dict[int, int] = {}

    def build(self, node: yaml.Node, path: Path) -> Any:
        """Plain data for one node; problems are collected, not raised."""
        if id(node) in self.built:
            self.budget -= 1  # built before: an alias repeats it
            self.characters -= _size(node, self.sizes)
        self.built.add(id(node))
        if self.budget < 0 or self.characters < 0 or id(node) in self.active:
            why = ("an alias refers to itself" if self.budget >= 0 and self.characters >= 0
                   else "aliases expand into too many values" if self.budget < 0
                   else f"aliases repeat more than {MAX_EXPANDED:,} characters")
            if self.budget >= -1 and self.characters > -(1 << 62):
                self.problems.append(Problem(*_mark(node), _dotted(path), f"{why} (write the values out instead)"))
                self.characters = min(self.characters, -(1 << 62))
            return None
        if len(path) > MAX_DEPTH:
            self.problems.append(Problem(*_mark(node), _dotted(path), _DEEP))
            return None
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_COLLECTIONS:
            raise yaml.constructor.ConstructorError(
                None, None, f"could not determine a constructor for the tag '{node.tag}'", node.start_mark)
        self.doc.values[path] = _mark(node)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
            return self._scalar(self.loader.construct_object(node, deep=True), node, path)
        finally:
            self.active.discard(id(node))

    # A scalar's value, recording a problem if it is text with a character no text may hold.
    def _scalar(self, value: Any, node: yaml.Node, path: Path) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"'):
            self.doc.quoted.add(path)
        found = _FORBIDDEN.search(value) if isinstance(value, str) else None
        if found:
            self.problems.append(Problem(*_mark(node), _dotted(path), _forbidden(found.group())))
        return value

    # A mapping's keys become text; a repeated key is a problem, not an overwrite.
    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(self._scalar(self.loader.construct_object(key_node, deep=True), key_node, path))
            if key in result:
                first = self.doc.keys[path + (key,)][0]
                self.problems.append(Problem(*_mark(key_node), _dotted(path + (key,)),
                                            f"duplicate key (first given on line {first}; keep only one)"))
                continue
            self.doc.keys[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


_DEEP = (f"mappings and lists nest more than {MAX_DEPTH} levels deep "
         "(a course file needs far fewer; check the indentation and brackets)")


# The message for a character that no text may hold.
def _forbidden(character: str) -> str:
    code = ord(character)
    what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character"
    return (f"text holds {what} (#x{code:04x}), which no page or feed can show "
            "(remove the escape or the character; write tab and line breaks as they are)")


# How many characters a node holds in all (aliases inside it counted each time), remembered
# per node in `sizes` so that aliases of aliases cost no more than the nodes themselves.
def _size(node: yaml.Node, sizes: dict[int, int], depth: int = 0) -> int:
    if id(node) in sizes:
        return sizes[id(node)]
    size = len(node.value) if isinstance(node, yaml.ScalarNode) else 1
    if isinstance(node, yaml.CollectionNode) and depth <= MAX_DEPTH:
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
        size += sum(_size(child, sizes, depth + 1) for child in children)
    sizes[id(node)] = size
    return size


# A path as the dotted text that error lines show.
def _dotted(path: Path) -> str:
    return ".".join(map(str, path))


# PyYAML's wording of a syntax error -> (what is wrong, how to fix it), for an instructor.
_SYNTAX: list[tuple[re.Pattern[str], str, str]] = [(re.compile(pattern), what, fix) for pattern, what, fix in [
    (r"character '\\t'", "a tab character", "indent with spaces, not tabs"),
    (r"mapping values are not allowed", "a ':' where no new key can start",
     "put text containing ': ' in quotes, or line the key up with the keys above it"),
    (r"end of stream", "a quote that is never closed", "add the closing quote"),
    (r"undefined alias", "'*' starts a reference to an anchor that does not exist",
     "put text that starts with * in quotes"),
    (r"expected alphabetic or numeric", "'*' or '&' must be followed by a name",
     "put text that starts with * or & in quotes"),
    (r"character '(.)' that cannot start any token", "text cannot start with '{0}'", "put it in quotes"),
    (r"escape", "an unknown escape after a backslash in double quotes",
     "write \\\\ for a backslash, or use single quotes"),
    (r"another document", "a second document starts here", "a course file holds one document: remove the '---'"),
    (r"expected ',' or '(.)'", "a list or mapping in brackets is not closed", "add the closing '{0}'"),
    (r"could not find expected ':'", "a line without 'key:' inside a mapping",
     "write 'key: value', or put text that goes on in quotes"),
    (r"expected <block end>|expected the node content|document start",
     "this line does not line up with the lines above", "check its indentation, and that every quote is closed"),
]]


# The first line of the failing block that opens a quote it does not close: an unclosed quote
# runs on into later lines, so PyYAML only notices it where the lines stop making sense. A
# double quote is open after an odd number of them; a single-quoted value is open when no
# lone ' follows the one it starts with ('' is a quote inside it, as in 'it''s').
def _open_quote(lines: list[str], error: yaml.MarkedYAMLError) -> tuple[int, int] | None:
    if not (error.context_mark and error.problem_mark):
        return None
    for index in range(error.context_mark.line, min(error.problem_mark.line, len(lines))):
        quotes = [m.start() for m in re.finditer(r'(?<!\\)"', lines[index])]
        if len(quotes) % 2:
            return (index + 1, quotes[-1] + 1)
        single = _SINGLE_START.match(lines[index])
        if single and "'" not in lines[index][single.end():].replace("''", ""):
            return (index + 1, single.end())
    return None


# A value that starts with a single quote: after `key: `, `- ` or both.
_SINGLE_START = re.compile(r"^\s*(?:-\s+)*(?:[^\s'\"#-][^'\"#]*?:\s+)?'")


# Explain a YAML syntax error in an instructor's terms, at the place to fix.
def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    problem = error.problem or "invalid YAML"
    # An unclosed quote and a line without 'key:' are noticed later than where they are.
    at_start = ("end of stream" in problem and "quoted" in (error.context or "")) or "expected ':'" in problem
    mark = (error.context_mark if at_start else None) or error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    opened = _open_quote(lines, error) if "expected <block end>" in problem else None
    if opened:
        return Problem(*opened, "", "YAML syntax error: a quote that is never closed (add the closing quote)")
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        problem = "character '\\t'"
    for pattern, what, fix in _SYNTAX:
        found = pattern.search(problem)
        if found:
            return Problem(line, col, "", f"YAML syntax error: {what.format(*found.groups())} "
                                          f"({fix.format(*found.groups())})")
    fix = "check indentation, quotes and the ':' after each key"
    return Problem(line, col, "", f"YAML syntax error: {problem} ({fix})")


# Explain a tag (`!!python/object`, `!foo`) that the safe loader refuses to build.
def _tag_problem(error: yaml.constructor.ConstructorError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    found = re.search(r"tag '([^']*)'", error.problem or "")
    tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "here"
    return Problem(line, col, "", f"YAML error: the tag '{tag}' is not allowed in a course file "
                                  "(remove it, or put the value in quotes)")


# Locate a character the YAML reader refuses (a control character, say).
def _reader_problem(error: yaml.reader.ReaderError, text: str) -> Problem:
    before = text[: error.position]
    line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(line, col, "", f"YAML syntax error: an invisible control character (#x{code:04x}) "
                                  "(delete it; retype the line if your editor does not show it)")


def parse(text: str) -> Document:
    """Parse YAML text into a Document; raise YamlError with located problems.

    libyaml parses a valid file; a file it refuses is parsed again by PyYAML's pure-Python
    parser, whose wording and positions the messages above are written for.
    """
    if _FAST_LOADER is not None:
        with suppress(YamlError):
            return _parse(text, _FAST_LOADER)
    return _parse(text, _Loader)


# Parse with one loader class; raise YamlError with located problems.
def _parse(text: str, loader_class: type) -> Document:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as error:
        raise YamlError([_reader_problem(error, text)]) from None
    try:
        node = loader.get_single_node()
        doc = Document(data=None)
        builder = _Builder(loader, doc)
        if node is not None:
            doc.data = builder.build(node, ())
    except yaml.reader.ReaderError as error:
        raise YamlError([_reader_problem(error, text)]) from None
    except _TooDeep as error:
        assert error.problem_mark is not None
        raise YamlError([Problem(error.problem_mark.line + 1, error.problem_mark.column + 1, "", _DEEP)]) from None
    except yaml.MarkedYAMLError as error:
        if isinstance(error, yaml.constructor.ConstructorError):
            raise YamlError([_tag_problem(error)]) from None
        raise YamlError([_syntax_problem(error, text)]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise YamlError(builder.problems)
    return doc
