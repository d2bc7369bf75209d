"""Read YAML into plain data while remembering where every value came from.

PyYAML's defaults follow YAML 1.1, which turns `10:00` into the integer 600, `no`
into False and `2025-13-01` into a ValueError. This loader resolves only what an
instructor means: `true`/`false`, null, plain integers and decimals; everything
else (times, dates, `no`, `on`) stays a string for the model to parse with a
precise message. Duplicate keys are errors rather than a silent overwrite.

The data holds nothing but text, whole and decimal numbers, true/false, null, lists and
mappings, whatever tags the file uses: a tag names one of these (`!!str`, `!!int`, `!!float`,
`!!bool`, `!!null`, and then the value must be written as this loader reads it untagged), or
gives text (`!!binary` the UTF-8 text it encodes, `!!timestamp` the date as written, for the
model to read like any other); every other tag is refused. Text is checked for characters no
page can hold and put in Unicode's composed form (NFC), so two spellings of one name, key or
topic are one.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import yaml

from .limits import FORBIDDEN_CHARACTERS, MAX_DEPTH, MAX_EXPANDED

# Where a value stands in the file: keys and list positions from the top.
Path = tuple[str | int, ...]
# A rule's finding before it has a line: its path, whether the key rather than the value is meant, the message.
Finding = tuple[Path, bool, str]

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


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver):
    """Composing nodes with the restricted resolver, by PyYAML's pure-Python parser."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
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
    class _FastLoader(yaml.cyaml.CParser, _Resolver):  # type: ignore[misc,name-defined]
        """Composing nodes with the restricted resolver, by libyaml."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)  # type: ignore[attr-defined]
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
    """The file is not valid YAML, or holds what no course file may (a repeated key, a refused tag)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.message for p in problems))
        self.problems = problems


class _Unparsed(YamlError):
    """The parser stopped: the file is not valid YAML."""


# Where a line ends, as editors count lines (YAML also ends one at U+0085, U+2028 and U+2029).
_LINE_END = re.compile(r"\r\n|\r|\n")


class _Lines:
    """The lines of a file, to place a character of it as an editor shows it: line and column, 1-based."""

    def __init__(self, text: str) -> None:
        self.text = _LINE_END.split(text)
        self.starts = [0, *(found.end() for found in _LINE_END.finditer(text))]

    def at(self, index: int) -> tuple[int, int]:
        """Line and column of the character at `index`."""
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def of(self, mark: yaml.Mark | None) -> tuple[int, int]:
        """Line and column of a place PyYAML marks (the file's start without one)."""
        return self.at(mark.index) if mark else (1, 1)


# Lists and mappings without a tag; a tag on them would otherwise be ignored silently.
_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

_YAML_TAG = "tag:yaml.org,2002:"


# A tag as the file writes it: `!!int`, `!foo`.
def _written(tag: str) -> str:
    return tag.replace(_YAML_TAG, "!!")


# A value that a tag names as true/false, null, whole or decimal number: written as this loader
# reads it untagged (so `!!int 10:00` is not 600, nor `!!bool no` false), then converted.
def _typed(tag: str, pattern: re.Pattern[str], kind: str, convert: Callable[[str], Any]) -> Callable[[str], Any]:
    def value(written: str) -> Any:
        if not pattern.match(written):
            raise ValueError(f"the tag '{_written(tag)}' needs {kind}, not '{_brief(written)}' "
                             "(remove the tag, or fix the value)")
        try:
            return convert(written)
        except ValueError:  # more digits than Python reads as a number
            raise ValueError(f"a number of {len(written):,} digits is too long for any field (shorten it)") from None
    return value


# The text that a `!!binary` value encodes: base64 of UTF-8 text, else refused.
def _binary_text(written: str) -> str:
    try:
        data = base64.b64decode("".join(written.split()), validate=True)
    except binascii.Error:
        raise ValueError("the tag '!!binary' needs base64 data here (remove the tag and write the text "
                         "itself)") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"the '!!binary' value is not UTF-8 text: its byte {error.start + 1} is "
                         f"0x{data[error.start]:02x} (remove the tag and write the text itself)") from None


_PATTERNS = {tag: regexp for tag, regexp, _ in _IMPLICIT}
_INT, _FLOAT = _PATTERNS[f"{_YAML_TAG}int"], _PATTERNS[f"{_YAML_TAG}float"]

# What each tag a scalar may carry makes of the written text; a scalar without a tag has one of
# the first five, from the resolver above.
_SCALARS: dict[str, Callable[[str], Any]] = {
    f"{_YAML_TAG}str": str,
    f"{_YAML_TAG}bool": _typed(f"{_YAML_TAG}bool", _PATTERNS[f"{_YAML_TAG}bool"], "true or false",
                               lambda written: written.lower() == "true"),
    f"{_YAML_TAG}null": _typed(f"{_YAML_TAG}null", _PATTERNS[f"{_YAML_TAG}null"], "an empty value or null",
                               lambda written: None),
    f"{_YAML_TAG}int": _typed(f"{_YAML_TAG}int", _INT, "a whole number in digits", int),
    f"{_YAML_TAG}float": _typed(f"{_YAML_TAG}float", re.compile(f"{_INT.pattern}|{_FLOAT.pattern}"),
                                "a number in digits", float),
    f"{_YAML_TAG}binary": _binary_text,
    f"{_YAML_TAG}timestamp": str,  # the model reads a date from its text, as it reads any other date
}

# Aliases may repeat values, but no more than this many in all; values written out in the
# file do not count, so a long course file is never mistaken for an alias bomb.
_MAX_REPEATED = 100_000


class _Builder:
    """Builds plain Python data from composed nodes, recording positions as it goes."""

    def __init__(self, doc: Document, lines: _Lines) -> None:
        self.doc, self.lines = doc, lines
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
                self.problems.append(Problem(*self._mark(node), _dotted(path), f"{why} (write the values out instead)"))
                self.characters = min(self.characters, -(1 << 62))
            return None
        if len(path) > MAX_DEPTH:
            return self._problem(node, (), _DEEP)  # as the pure-Python parser reports it, without a path
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_COLLECTIONS:
            return self._problem(node, path, _refused(node.tag))
        self.doc.values[path] = self._mark(node)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
            assert isinstance(node, yaml.ScalarNode)
            if node.style in ("'", '"'):
                self.doc.quoted.add(path)
            return self._scalar(node, path)
        finally:
            self.active.discard(id(node))

    # Line and column where a node starts.
    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return self.lines.of(node.start_mark)

    # Record a problem at a node; the value it stands for is None.
    def _problem(self, node: yaml.Node, path: Path, message: str) -> None:
        self.problems.append(Problem(*self._mark(node), _dotted(path), message))

    # A scalar's value as its tag says; text without a character no text may hold, in NFC.
    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        convert = _SCALARS.get(node.tag)
        if convert is None:
            return self._problem(node, path, _refused(node.tag))
        try:
            value = convert(node.value)
        except ValueError as error:
            return self._problem(node, path, str(error))
        if not isinstance(value, str):
            return value
        found = _FORBIDDEN.search(value)
        if found:
            return self._problem(node, path, _forbidden(found.group()))
        return unicodedata.normalize("NFC", value)

    # A mapping's keys become text; a repeated key is a problem, not an overwrite.
    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key is a list or mapping (write each key as a word, "
                                              "then ':' and its value)")
                continue
            key = str(self._scalar(key_node, path))
            if key in result:
                first = self.doc.keys[path + (key,)][0]
                self.problems.append(Problem(*self._mark(key_node), _dotted(path + (key,)),
                                            f"duplicate key (first given on line {first}; keep only one)"))
                continue
            self.doc.keys[path + (key,)] = self._mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


# The message for a tag no course file may use (`!!python/object`, `!foo`, `!!set`).
def _refused(tag: str) -> str:
    return f"the tag '{_written(tag)}' is not allowed in a course file (remove it, or put the value in quotes)"


# A written value as a message quotes it: at most 40 characters.
def _brief(written: str) -> str:
    return written if len(written) <= 40 else written[:39] + "…"


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
def _open_quote(lines: _Lines, error: yaml.MarkedYAMLError) -> tuple[int, int] | None:
    if not (error.context_mark and error.problem_mark):
        return None
    for number in range(lines.of(error.context_mark)[0], lines.of(error.problem_mark)[0]):
        line = lines.text[number - 1]
        quotes = [m.start() for m in re.finditer(r'(?<!\\)"', line)]
        if len(quotes) % 2:
            return (number, quotes[-1] + 1)
        single = _SINGLE_START.match(line)
        if single and "'" not in line[single.end():].replace("''", ""):
            return (number, single.end())
    return None


# A value that starts with a single quote: after `key: `, `- ` or both.
_SINGLE_START = re.compile(r"^\s*(?:-\s+)*(?:[^\s'\"#-][^'\"#]*?:\s+)?'")


# Explain a YAML syntax error in an instructor's terms, at the place to fix.
def _syntax_problem(error: yaml.MarkedYAMLError, lines: _Lines) -> Problem:
    problem = error.problem or "invalid YAML"
    # An unclosed quote and a line without 'key:' are noticed later than where they are.
    at_start = ("end of stream" in problem and "quoted" in (error.context or "")) or "expected ':'" in problem
    mark = (error.context_mark if at_start else None) or error.problem_mark or error.context_mark
    line, col = lines.of(mark)
    opened = _open_quote(lines, error) if "expected <block end>" in problem else None
    if opened:
        return Problem(*opened, "", "YAML syntax error: a quote that is never closed (add the closing quote)")
    source_line = lines.text[line - 1]
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        problem = "character '\\t'"
    for pattern, what, fix in _SYNTAX:
        found = pattern.search(problem)
        if found:
            return Problem(line, col, "", f"YAML syntax error: {what.format(*found.groups())} "
                                          f"({fix.format(*found.groups())})")
    fix = "check indentation, quotes and the ':' after each key"
    return Problem(line, col, "", f"YAML syntax error: {problem} ({fix})")


# Locate a character the YAML reader refuses (a control character, say).
def _reader_problem(error: yaml.reader.ReaderError, lines: _Lines) -> Problem:
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(*lines.at(error.position), "", f"YAML syntax error: an invisible control character (#x{code:04x}) "
                                  "(delete it; retype the line if your editor does not show it)")


def parse(text: str) -> Document:
    """Parse YAML text into a Document; raise YamlError with located problems.

    libyaml parses the file; a file it cannot parse is parsed again by PyYAML's pure-Python
    parser, whose wording and positions the messages above are written for. A byte order mark
    (some editors on Windows write one) is no character of the file: libyaml skips it without
    counting it, and editors do not show it.
    """
    text = text.removeprefix("\ufeff")
    if _FAST_LOADER is not None:
        with suppress(_Unparsed):
            return _parse(text, _FAST_LOADER)
    return _parse(text, _Loader)


# Parse with one loader class; raise YamlError with located problems.
def _parse(text: str, loader_class: type) -> Document:
    lines = _Lines(text)
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as error:
        raise _Unparsed([_reader_problem(error, lines)]) from None
    try:
        node = loader.get_single_node()
        doc = Document(data=None)
        builder = _Builder(doc, lines)
        if node is not None:
            doc.data = builder.build(node, ())
    except yaml.reader.ReaderError as error:
        raise _Unparsed([_reader_problem(error, lines)]) from None
    except _TooDeep as error:
        raise _Unparsed([Problem(*lines.of(error.problem_mark), "", _DEEP)]) from None
    except yaml.MarkedYAMLError as error:
        raise _Unparsed([_syntax_problem(error, lines)]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise YamlError(builder.problems)
    return doc
