"""Tables whose cells name their column, so that a phone can show each row as a block.

A Python-Markdown extension, listed as `coursegen.tables` under `markdown_extensions` in
mkdocs.yml. Every body cell of a table with a header row gets `data-label`, its column's
header as plain text (so in the course language for generated pages). On a narrow screen
course.css stacks the rows of a table with such cells and shows each label beside its value;
the table stays a table for screen readers.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

_TAG = re.compile(r"<[^>]*>")


class _CellLabels(Treeprocessor):
    """Label each body cell with its column header; runs after inline parsing and unescaping."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            header, body = table.find("thead/tr"), table.find("tbody")
            if header is None or body is None:
                continue
            names = [self._plain(th) for th in header.findall("th")]
            for row in body.findall("tr"):
                for name, cell in zip(names, row.findall("td"), strict=False):
                    if name:
                        cell.set("data-label", name)

    # A header's text as a reader sees it: stashed HTML and entities resolved, tags dropped.
    def _plain(self, element: etree.Element) -> str:
        text = HTML_PLACEHOLDER_RE.sub(self._stashed, "".join(element.itertext()))
        return " ".join(html.unescape(_TAG.sub("", text)).split())

    def _stashed(self, match: re.Match[str]) -> str:
        raw = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
        return raw if isinstance(raw, str) else "".join(raw.itertext())


class TableLabels(Extension):
    """The extension: labels table cells with their column headers."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the labelling step after the unescape step (priority 0)."""
        md.treeprocessors.register(_CellLabels(md), "coursegen_table_labels", -1)


def makeExtension(**kwargs: Any) -> TableLabels:
    """The extension, as Python-Markdown loads it by its module's name."""
    return TableLabels(**kwargs)
