"""The command line: `coursegen check | schema | reference | new | generate | next-term | archive`
(or `python -m coursegen ...`).

`check` prints the same error lines as the MkDocs build, without MkDocs, so an editor,
a pre-commit hook or CI can run it; `schema` and `reference` regenerate the committed
`course.schema.json` and `REFERENCE.md` after the data model changes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from .archive import check_past_terms
from .loader import CourseError, check
from .mkdocsconfig import site_problems
from .reference import REFERENCE_FILE, reference_text
from .schema import SCHEMA_FILE, schema_text

T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (1 when a course file has mistakes)."""
    args = _parser().parse_args(argv)
    status: int = args.run(args)
    return status


# The commands and their arguments.
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coursegen", description="Check course.yml and regenerate its schema.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="check course files; print every mistake with file, line and fix")
    check.add_argument("files", nargs="*", type=Path, default=[Path("course.yml")], metavar="FILE",
                       help="course files to check (default: course.yml)")
    check.add_argument("-f", "--config-file", type=Path, metavar="MKDOCS_YML",
                       help="the site's MkDocs config (default: mkdocs.yml next to each course file, if any)")
    check.set_defaults(run=_check)
    generated = (("schema", SCHEMA_FILE, schema_text), ("reference", REFERENCE_FILE, reference_text))
    for name, default, text in generated:
        command = commands.add_parser(name, help=f"write {default}, generated from the data model")
        command.add_argument("-o", "--output", type=Path, default=Path(default),
                             help=f"where to write (default: {default})")
        command.set_defaults(run=_writer(text))
    _add_new(commands)
    nxt = commands.add_parser("next-term", help="write the next term's course.yml and archive this term")
    nxt.add_argument("--id", required=True, help="the next term's course id (new, e.g. dlo-2027s)")
    nxt.add_argument("--term", required=True, help='the next term, e.g. "Summer 2027"')
    nxt.add_argument("--period", metavar="FIRST/LAST",
                     help="the next term's lecture period, e.g. 2027-10-18/2028-02-11: each weekly series "
                     "moves into it (needed with series; last term's skips, changes and breaks are removed)")
    nxt.add_argument("--course", type=Path, default=Path("course.yml"), help="this term's file (default: course.yml)")
    nxt.add_argument("--output", type=Path, default=None,
                     help="where to write (default: over the course file, whose term git keeps)")
    nxt.add_argument("--force", action="store_true", help="overwrite an existing --output file")
    nxt.set_defaults(run=_next_term)
    archive = commands.add_parser("archive", help="build every past term in archive: into SITE_DIR/archive/<id>/")
    archive.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="the built site (e.g. site)")
    archive.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    archive.set_defaults(run=_archive)
    gen = commands.add_parser("generate",
                              help="write the site as a plain MkDocs project into DIR, built without the hook")
    gen.add_argument("target", type=Path, metavar="DIR", help="the folder to write (new, empty, or generated before)")
    gen.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="MKDOCS_YML",
                     help="the site's MkDocs config with the course hook (default: mkdocs.yml)")
    gen.add_argument("--force", action="store_true", help="replace DIR even if it holds files of its own")
    gen.set_defaults(run=_generate)
    return parser


# `new`: the flags of a fresh course.yml, each checked as the course file will check it.
def _add_new(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .i18n import languages
    from .newcourse import KINDS

    new = commands.add_parser("new", help="write a fresh, commented course.yml for a seminar or a lecture")
    new.add_argument("--id", required=True, type=_course_id, help="the course run's stable id, e.g. ml-2027s")
    new.add_argument("--title", required=True, help='the course title, e.g. "Machine Learning"')
    new.add_argument("--term", required=True, help='the term, e.g. "Summer 2027"')
    new.add_argument("--language", choices=languages(), default="en", help="language of the pages (default: en)")
    new.add_argument("--timezone", type=_timezone, default="Europe/Berlin",
                     help="IANA time zone of every date (default: Europe/Berlin)")
    new.add_argument("--kind", choices=KINDS, default="seminar", help="seminar (default) or lecture")
    new.add_argument("--output", type=Path, default=Path("course.yml"), help="where to write (default: course.yml)")
    new.add_argument("--force", action="store_true", help="overwrite an existing --output file")
    new.set_defaults(run=_new)


# A course id as course.yml accepts it.
def _course_id(value: str) -> str:
    import re

    from .model import ID_PATTERN

    if not re.fullmatch(ID_PATTERN, value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an id: use lowercase letters, digits, - and _, "
                                         "starting with a letter or digit (e.g. ml-2027s)")
    return value


# An IANA time zone, as course.yml accepts it.
def _timezone(value: str) -> str:
    from .zones import zone_problem

    problem = zone_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


# Write the fresh course file and say what comes next.
def _new(args: argparse.Namespace) -> int:
    from .newcourse import NewCourseError, new_course

    written = _attempt("new", NewCourseError, lambda: new_course(
        args.output, args.force, args.id, args.title, args.term, args.language, args.timezone, args.kind))
    if written is None:
        return 1
    print(f"wrote {args.output}: a {args.kind} in {args.language}; next: python -m coursegen check {args.output}, "
          "then mkdocs serve")
    return 0


# Run a command's work; a course mistake is printed as `check` prints it, the command's own
# error with the command's name, and either gives None (exit status 1).
def _attempt(command: str, failure: type[Exception], work: Callable[[], T]) -> T | None:
    try:
        return work()
    except CourseError as error:
        print(error, file=sys.stderr)
    except failure as error:
        print(f"{command}: {error}", file=sys.stderr)
    return None


# Write the hook-less project; mistakes are printed as `check` prints them, and nothing is written.
def _generate(args: argparse.Namespace) -> int:
    from .generate import GenerateError, generate

    written = _attempt("generate", GenerateError, lambda: generate(args.config_file, args.target, args.force))
    if written is None:
        return 1
    pages = [name for name in written if name.endswith(".md")]
    theme = ", overrides/" if (args.target / "overrides").is_dir() else ""
    print(f"wrote {args.target}: mkdocs.yml, docs/ ({len(written)} files, {len(pages)} pages){theme}")
    return 0


# Write the next term's course file and print what changed.
def _next_term(args: argparse.Namespace) -> int:
    from .nextterm import NextTermError, next_term

    try:
        summary = next_term(args.course, args.id, args.term, args.output, args.force, args.period)
    except CourseError as error:
        print(f"{args.course} has mistakes; fix them first:\n{CourseError(str(args.course), error.problems)}",
              file=sys.stderr)
        return 1
    except NextTermError as error:
        print(f"next-term: {error}", file=sys.stderr)
        return 1
    print("\n".join(summary.lines(args.output or args.course, args.term)))
    return 0


# Build every archived term into the site folder.
def _archive(args: argparse.Namespace) -> int:
    from .archive import ArchiveError, build_archive

    built = _attempt("archive", ArchiveError, lambda: build_archive(args.config, args.site_dir))
    if built is None:
        return 1
    for line in built:
        print(line)
    return 0


# Check each file; mistakes and warnings go to standard error, one line each, as the build prints
# them. Warnings (parts of the file that disagree, past terms that cannot be checked here) leave
# the exit status 0.
def _check(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            checked = check(path)
            course = checked.course
            config = args.config_file or path.parent / "mkdocs.yml"
            if args.config_file or config.is_file():
                site_problems(path, checked.agenda, config)
            past_terms = check_past_terms(path, course)
        except CourseError as error:
            named = error if error.filename != path.name else CourseError(str(path), error.problems)
            print(named, file=sys.stderr)
            status = 1
        else:
            warnings = checked.warning_lines(str(path)) + [p.format(str(path), "warning") for p in past_terms]
            for line in warnings:
                print(line, file=sys.stderr)
            warned = f", {len(warnings)} warning(s) above" if warnings else ""
            print(f"{path}: no mistakes ({len(course.dates)} dates, {len(course.deliverables)} deliverables, "
                  f"{len(course.papers)} papers){warned}")
    return status


# A command that writes one generated file.
def _writer(text: Callable[[], str]) -> Callable[[argparse.Namespace], int]:
    # Write the text where --output says.
    def write(args: argparse.Namespace) -> int:
        args.output.write_text(text(), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0

    return write
