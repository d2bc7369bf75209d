"""Links and images in the Markdown fields of course.yml, checked against the site's files.

The generated pages sit at the top of the site, so a relative link in any Markdown field
points into docs/ or at another generated file. A link to a file that exists in neither
is reported at its field in course.yml, before MkDocs would stop on it naming a page. An
image from another host (an address with a scheme, or `//host/x` in any spelling a browser
reads that way) is shown without its source; `offsite_images` lists them for a warning.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel

from .addresses import off_site
from .markup import unsanitized_html
from .model import Course
from .yamlsource import Problem, parse

FieldPath = tuple[str | int, ...]


def broken_links(course_file: Path, course: Course, docs_dir: Path, generated: Collection[str]) -> list[Problem]:
    """Every relative link in a Markdown field whose target file exists neither in docs/
    nor among the generated files, located at its field."""
    doc = parse(course_file.read_text(encoding="utf-8"))
    problems = []
    for path, value in _markdown_fields(course, ()):
        for _, url in _links(value, course.course.allow_html):
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


def offsite_images(course: Course) -> Iterator[tuple[FieldPath, str]]:
    """(field, address) of every image in a Markdown field that a browser would load from
    another host; the pages show such an image without its source (see markup.py)."""
    for path, value in _markdown_fields(course, ()):
        if "!" in value or "<" in value:  # an image is `![...]` or, with raw HTML, `<img>`
            yield from ((path, url) for tag, url in _links(value, course.course.allow_html)
                        if tag == "img" and off_site(url))


# (path, text) of every Markdown field in the course, as validated.
def _markdown_fields(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
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


# (element, address) of every href and src of the HTML a Markdown field becomes, before sanitizing.
def _links(text: str, allow_html: bool) -> list[tuple[str, str]]:
    collector = _LinkCollector()
    collector.feed(unsanitized_html(text, allow_html=allow_html))
    return collector.urls


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [(tag, value) for name, value in attrs if name in ("href", "src") and value]


# The file a link points to, as MkDocs resolves it from a top-level page; None when MkDocs
# does not check it (off the site, absolute, anchor-only, or without a file extension).
def _relative_target(url: str) -> str | None:
    parts = urlsplit(url)
    if off_site(url) or url.startswith(("/", "\\")) or not parts.path:
        return None
    path = unquote(parts.path)
    if not posixpath.splitext(path)[-1]:
        return None
    return posixpath.normpath(path).lstrip("/")
