"""coursegen.tables: every body cell of a Markdown table carries its column's header as
data-label (plain text), which lets a phone show each row as labelled values."""

from __future__ import annotations

import pytest
from markdown import Markdown
from support import BuiltSites

from coursegen.i18n import labels
from coursegen.markup import text

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


EXTENSIONS = ["tables", "attr_list", "md_in_html", "coursegen.tables"]


def render(source: str) -> str:
    return Markdown(extensions=EXTENSIONS).convert(source)


def test_cells_carry_their_column_header_as_plain_text() -> None:
    header = f"| {text('Intervenant(e)')} | Q &amp; A <em>now</em> | |"
    page = render(f"{header}\n| --- | ---: | --- |\n| a | [b](#b){{ .x }} | c |\n| d | | |\n")
    assert "<table>" in page
    assert '<td data-label="Intervenant(e)">a</td>' in page
    assert '<td data-label="Q &amp; A now" style="text-align: right;"><a class="x" href="#b">b</a></td>' in page
    assert "<td>c</td>" in page and '<td data-label="Q &amp; A now" style="text-align: right;"></td>' in page


def test_a_table_without_header_row_and_other_html_stay_as_they_are() -> None:
    raw = '<table>\n<tr><td>x</td></tr>\n</table>'
    assert render(raw) == raw
    assert render("Some *text*.") == "<p>Some <em>text</em>.</p>"


@pytest.mark.parametrize(("name", "page", "keys"), [
    ("seminar", "dates/index.html", ["what", "status", "where"]),
    ("example", "deliverables/index.html", ["count", "weight_each", "weight_total"]),
    ("lecture", "sessions/index.html", ["time", "what", "room"]),
])
def test_built_pages_label_cells_in_the_course_language(name: str, page: str, keys: list[str],
                                                        built: BuiltSites) -> None:
    site = built(name)
    lab = labels(site.course.course.language)
    html = site.read(page).decode("utf-8")
    for key in keys:
        assert f'<td data-label="{lab[key]}"' in html
