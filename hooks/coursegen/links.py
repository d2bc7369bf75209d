"""Relative links in the Markdown fields of course.yml, checked against the site's files.

The generated pages sit at the top of the site, so a relative link in any Markdown field
points into docs/ or at another generated file. A link to a file that exists in neither
is reported at its field in course.yml, before MkDocs would stop on it naming a page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
from pydantic import BaseModel

from .model import Course
from .yamlsource import Problem, parse

# Extensions that change which links a Markdown field contains (raw HTML needs none).
_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition"]


def broken_links(course_file: Path, course: Course, docs_dir: Path, generated: Collection[str]) -> list[Problem]:
    """Every relative link in a Markdown field whose target file exists neither in docs/
    nor among the generated files, located at its field."""
    doc = parse(course_file.read_text(encoding="utf-8"))
    problems = []
    for path, value in _markdown_fields(course, ()):
        for url in _links(value):
            target = _relative_target(url)
            inside_docs = target is not None and not target.startswith("../")
            if target is None or target in generated or (inside_docs and (docs_dir / target).is_file()):
                continue
            pages = sorted(uri for uri in generated if uri.endswith(".md"))
            problems.append(Problem(
                *doc.where(path), ".".join(map(str, path)),
                f"link '{url}' points to {target}, which is neither in {docs_dir.name}/ nor a generated file "
                f"(add {docs_dir.name}/{target}, fix the link, or link to one of {', '.join(pages)})"))
    return problems


# (path, text) of every Markdown field in the course, as validated.
def _markdown_fields(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            field = getattr(value, name)
            if isinstance(field, str) and (info.description or "").startswith("Markdown:"):
                yield (*path, name), field
            else:
                yield from _markdown_fields(field, (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _markdown_fields(item, (*path, index))


# Every href and src of the HTML a Markdown text becomes.
def _links(text: str) -> list[str]:
    collector = _LinkCollector()
    collector.feed(markdown.markdown(text, extensions=_EXTENSIONS))
    return collector.urls


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


# The file a link points to, as MkDocs resolves it from a top-level page; None when MkDocs
# does not check it (external, absolute, anchor-only, or without a file extension).
def _relative_target(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "\\")) or not parts.path:
        return None
    path = unquote(parts.path)
    if not posixpath.splitext(path)[-1]:
        return None
    return posixpath.normpath(path).lstrip("/")
