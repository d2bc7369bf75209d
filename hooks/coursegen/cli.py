"""The command line: `coursegen check | schema | reference` (or `python -m coursegen ...`).

`check` prints the same error lines as the MkDocs build, without MkDocs, so an editor,
a pre-commit hook or CI can run it; `schema` and `reference` regenerate the committed
`course.schema.json` and `REFERENCE.md` after the data model changes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .load import CourseError, load
from .mkdocsconfig import site_problems
from .reference import REFERENCE_FILE, reference_text
from .schema import SCHEMA_FILE, schema_text


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (1 when a course file has mistakes)."""
    args = _parser().parse_args(argv)
    return args.run(args)


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
    return parser


# Check each file; mistakes go to standard error, one line each, as the build prints them.
def _check(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            course = load(path)
            config = args.config_file or path.parent / "mkdocs.yml"
            if args.config_file or config.is_file():
                site_problems(path, course, config)
        except CourseError as error:
            named = error if error.filename != path.name else CourseError(str(path), error.problems)
            print(named, file=sys.stderr)
            status = 1
        else:
            print(f"{path}: no mistakes ({len(course.dates)} dates, {len(course.deliverables)} deliverables, "
                  f"{len(course.papers)} papers)")
    return status


# A command that writes one generated file.
def _writer(text: Callable[[], str]) -> Callable[[argparse.Namespace], int]:
    # Write the text where --output says.
    def write(args: argparse.Namespace) -> int:
        args.output.write_text(text(), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0

    return write
