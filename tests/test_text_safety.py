"""Text stays text, Markdown stays safe, links cannot break out, BibTeX cannot be injected.

Hostile values go into every field of a kind, found by walking the data model's JSON
Schema, and the real built site (HTML parsed with html.parser), the Atom feed, the
calendar and papers.bib (parsed with pybtex) are checked.
"""

from __future__ import annotations

import html
import html.parser
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, ClassVar

import icalendar
import pytest
import yaml
from pybtex.database import parse_string
from support import EXAMPLE, Build, BuiltSites, copy_project, mkdocs_build

import coursegen
from coursegen.addresses import doi_url
from coursegen.bib import bibliography
from coursegen.loader import CourseError
from coursegen.markup import markdown_html
from coursegen.model import Course
from coursegen.schema import course_schema

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

SCHEMA = course_schema()
HOSTILE_TEXT = ["<script>alert(1)</script>", "\"quotes\" & 'apostrophes'", "std::vector<int>",
                "{{ jinja }}", "*md*", "[x](javascript:alert(1))"]


# ---- Walking the model -------------------------------------------------------------------------

def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    options = [o for o in node.get("anyOf", [node]) if o.get("type") != "null"]
    node = options[0] if len(options) == 1 else node
    ref = node.get("$ref")
    return SCHEMA["$defs"][ref.rsplit("/", 1)[-1]] if ref else node


def _kind(node: dict[str, Any]) -> str | None:
    node = _resolve(node)
    if node.get("type") == "string" and node.get("pattern") == r"\S":
        return "markdown" if node.get("contentMediaType") == "text/markdown" else "text"
    return None


def fill(data: dict[str, Any], node: dict[str, Any], kind: str, value: str) -> int:
    """Set every field of `kind` (text or markdown) under `data` to `value`; how many were set."""
    node = _resolve(node)
    count = 0
    for name, prop in node["properties"].items():
        prop_kind, target = _kind(prop), _resolve(prop)
        if prop_kind == kind:
            data[name] = value
            count += 1
        elif target.get("type") == "array" and _kind(target["items"]) == kind:
            data[name] = [value] * max(1, len(data.get(name) or []))
            count += 1
        elif target.get("type") == "array" and isinstance(data.get(name), list):
            items = target["items"]
            for element in data[name]:
                options = [_resolve(o) for o in items.get("oneOf", [items])]
                matching = [o for o in options if o.get("type") == "object" and set(element) <= set(o["properties"])
                            | {p.get("alias", "") for p in o["properties"].values()}]
                if matching:
                    count += fill(element, matching[0], kind, value)
        elif target.get("type") == "object" and isinstance(data.get(name), dict):
            count += fill(data[name], target, kind, value)
    return count


def course_data(path: Path) -> dict[str, Any]:
    """A course file's data as course.yml would write it (times as HH:MM)."""
    def hhmm(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: hhmm(v) for k, v in value.items()}
        if isinstance(value, list):
            return [hhmm(v) for v in value]
        return value[:5] if isinstance(value, str) and re.fullmatch(r"\d\d:\d\d:00", value) else value
    return hhmm(coursegen.load(path).model_dump(mode="json", by_alias=True, exclude_none=True))


def hostile_project(tmp_path: Path, kind: str, value: str, **course: Any) -> tuple[Path, int]:
    """The example course with every field of `kind` set to `value`."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    data = course_data(project / "course.yml")
    for date in data["dates"]:
        if date.get("status") == "tbd":
            date.setdefault("hint", "soon")
    count = fill(data, SCHEMA, kind, value)
    for date in data["dates"]:
        if date.get("per_talk"):
            date.pop("hint", None)  # a per-talk date says itself how long before the talk it is
    data["course"].update(course)
    (project / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project, count


# ---- Reading built HTML ------------------------------------------------------------------------

class Page(html.parser.HTMLParser):
    """What a built page holds: its text, elements and attributes, and heading positions."""

    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.depth = 0
        self.title = ""
        self.scripts: list[str] = []
        self.theme_styles = 0
        self._in: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style" and "head" in self._in:  # the theme's own styles, written inline in the head
            self.theme_styles += 1
        else:
            self.elements.append((tag, dict(attrs)))
        if tag in ("h1", "h2") and dict(attrs).get("id"):
            self.headings.append((self.depth, dict(attrs)["id"] or ""))
        if tag not in self.VOID:
            self.depth += 1
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.depth -= 1
            if self._in:
                self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "title":
            self.title += data
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
        if not self._in or self._in[-1] not in ("script", "style"):
            self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def built_pages(build: Build) -> dict[str, Page]:
    return {str(p.relative_to(build.site)): Page(p.read_text(encoding="utf-8")) for p in build.site.rglob("*.html")}


def assert_no_live_markup(name: str, page: Page) -> None:
    """No element or attribute that a course.yml value could have brought to life."""
    assert not any("alert(" in script for script in page.scripts), f"{name}: a script from course.yml"
    for tag, attrs in page.elements:
        assert tag not in ("iframe", "object", "embed", "style"), f"{name}: <{tag}>"
        for attr, value in attrs.items():
            assert not attr.startswith("on"), f"{name}: <{tag} {attr}>"
            if attr in ("href", "src", "action", "formaction"):
                assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I), f"{name}: {attr}={value}"


# ---- a. Plain text is text everywhere ------------------------------------------------------------

@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_every_plain_text_field_shows_literally_everywhere(value: str, tmp_path: Path) -> None:
    project, count = hostile_project(tmp_path, "text", value)
    assert count > 30  # every plain-text field of the example course, and more
    text = (project / "course.yml").read_text(encoding="utf-8")
    (project / "course.yml").write_text(text.replace("show_presenters: false", "show_presenters: true"),
                                        encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    pages = built_pages(build)
    assert len(pages) >= 8
    for name, page in pages.items():
        assert_no_live_markup(name, page)
        assert value in page.plain, f"{name} does not show {value!r} as text"
        assert value in page.title, f"{name}: <title> {page.title!r}"
        metas = {a.get("name"): a.get("content") for t, a in page.elements if t == "meta"}
        assert value in (metas.get("author") or ""), f"{name}: author meta {metas.get('author')!r}"
        for tag, attrs in page.elements:
            if tag == "a" and attrs.get("title") and "md-logo" in (attrs.get("class") or ""):
                assert attrs["title"] == value
    search = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    shown = [html.escape(value, quote=False) in doc["title"] + doc["text"] for doc in search["docs"]]
    assert any(shown), "the search index does not hold the value"
    if "<" in value:  # the index holds HTML that the search shows: the value must be escaped there
        assert not any(value in doc["title"] + doc["text"] for doc in search["docs"])
    home = pages["index.html"].plain
    assert home.count(value) >= 10  # title, term, names, institution, questions, news titles, dates ...
    feed = ET.parse(build.site / "news.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert value in feed.find(f"{atom}title").text
    assert all(e.find(f"{atom}title").text == value for e in feed.iter(f"{atom}entry"))
    assert all(a.find(f"{atom}name").text == value for a in feed.iter(f"{atom}author"))
    calendar = icalendar.Calendar.from_ical((build.site / "calendar.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events and all(value in str(e["SUMMARY"]) for e in events)
    bib = parse_string((build.site / "papers.bib").read_text(encoding="utf-8"), "bibtex")
    course = coursegen.load(project / "course.yml")
    assert len(bib.entries) == len(course.papers)
    for entry in bib.entries.values():
        assert unlatex(entry.fields["title"].removeprefix("{").removesuffix("}")) == value


# ---- b. Links ------------------------------------------------------------------------------------

REAL_DOIS = ["10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
             "10.1016/S0140-6736(97)11096-0", "10.1093/ajae/aaq063", "10.1000/182",
             "10.1007/978-3-540-74958-5_36", "10.1137/S0097539795293172#section",
             "10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2", "10.5555/12345678\"quoted\"[1]{x}"]


def test_real_dois_build_as_one_link_each(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    data = course_data(project / "course.yml")
    template = {k: v for k, v in data["papers"][0].items() if k not in ("slot", "url", "arxiv")}
    data["papers"] += [dict(template, id=f"p{i}", doi=doi) for i, doi in enumerate(REAL_DOIS)]
    (project / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    page = Page(build.page("papers/"))
    assert_no_live_markup("papers", page)
    hrefs = [a["href"] for t, a in page.elements if t == "a" and (a.get("href") or "").startswith("https://doi.org/")]
    assert {doi_url(doi) for doi in REAL_DOIS} <= set(hrefs) and len(hrefs) == len(set(hrefs))
    for doi in REAL_DOIS:
        assert f"DOI: {doi}" in page.plain
    bib = parse_string((build.site / "papers.bib").read_text(encoding="utf-8"), "bibtex")
    assert [bib.entries[f"p{i}"].fields["doi"] for i in range(len(REAL_DOIS))] == [
        doi.replace("{", "%7B").replace("}", "%7D") for doi in REAL_DOIS]


@pytest.mark.parametrize("url", ["https://example.org/a)b>c\"d<e'f", "https://example.org/x](javascript:alert(1))",
                                 "mailto:a@example.org?subject=\"><script>alert(1)</script>"])
def test_a_url_cannot_break_out_of_its_link(url: str, tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    data = course_data(project / "course.yml")
    data["course"]["instructors"][0]["url"] = url
    data["course"]["institution"]["url"] = url
    data["papers"][0]["url"] = url
    (project / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    for uri in ("", "papers/"):
        page = Page(build.page(uri))
        assert_no_live_markup(uri, page)
        assert url in [a.get("href") for t, a in page.elements if t == "a"]


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "data:text/html,x", "https://example.org/a b",
                                 "https://example.org/\x01", "ftp://example.org/", "https://exa\nmple.org/"])
def test_bad_urls_are_refused_with_a_location(bad: str, tmp_path: Path) -> None:
    text = (EXAMPLE / "course.yml").read_text(encoding="utf-8")
    assert 'url: "https://example.org/ada"' in text
    escaped = bad.replace("\\", "\\\\").replace("\x01", "\\x01").replace("\n", "\\n")
    (tmp_path / "course.yml").write_text(text.replace('url: "https://example.org/ada"', f'url: "{escaped}"'),
                                         encoding="utf-8")
    with pytest.raises(CourseError) as error:
        coursegen.load(tmp_path / "course.yml")
    line = text.splitlines().index(next(x for x in text.splitlines() if 'url: "https://example.org/ada"' in x)) + 1
    message = str(error.value)
    assert f"course.yml:{line}:" in message and "course.instructors.0.url" in message
    # The fix: an example of a valid address, or what to do with the character.
    assert "https://" in message or "remove the escape or the character" in message


def test_a_block_scalar_url_loses_its_line_break(tmp_path: Path) -> None:
    text = (EXAMPLE / "course.yml").read_text(encoding="utf-8")
    indent = re.search(r"\n( *)url: \"https://example.org/ada\"", text).group(1)
    (tmp_path / "course.yml").write_text(
        text.replace('url: "https://example.org/ada"', f"url: |\n{indent}  https://example.org/ada"), encoding="utf-8")
    course = coursegen.load(tmp_path / "course.yml")
    assert course.course.instructors[0].url == "https://example.org/ada"


# ---- c. Markdown fields ------------------------------------------------------------------------

HOSTILE_MARKDOWN = [
    "<script>alert(1)</script> after",
    "<iframe src=\"https://evil.example/\"></iframe> after",
    "<style>body{display:none}</style> after",
    "<img src=x onerror=alert(1)> after",
    "paragraph\n{: onclick=\"alert(1)\" onmouseover=alert(2) }\n\nafter",
    "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) after",
    "<details><summary>open",
    "<div class=\"x\">never closed\n\n## heading inside",
    "</div></div></article> after",
    "<a href=\"javascript:alert(1)\" onclick=\"x\">a</a> after",
    "```\n</div><script>alert(1)</script>\n```",
    "<svg><script>alert(1)</script></svg> after",
]


@pytest.mark.parametrize("allow_html", [False, True])
@pytest.mark.parametrize("value", HOSTILE_MARKDOWN)
def test_hostile_markdown_is_sanitized_by_the_engine(value: str, allow_html: bool) -> None:
    rendered = markdown_html(value, allow_html=allow_html)
    page = Page(f"<main>{rendered}</main><p id='later'>x</p>")
    assert_no_live_markup("field", page)
    assert not any(tag in ("script", "iframe", "style", "svg") for tag, _ in page.elements)
    assert page.depth == 0  # balanced: every element it opens, it closes
    assert page.elements[-1] == ("p", {"id": "later"})


@pytest.mark.parametrize("allow_html", [False, True])
def test_hostile_markdown_in_every_field_leaves_the_page_intact(allow_html: bool, tmp_path: Path,
                                                               built: BuiltSites) -> None:
    baseline = built_pages(built("example"))
    for number, value in enumerate(HOSTILE_MARKDOWN):
        project, count = hostile_project(tmp_path / str(number), "markdown", value, allow_html=allow_html)
        assert count >= 6
        build = mkdocs_build(project, tmp_path / str(number) / "site")
        assert build.returncode == 0, build.output
        for name, page in built_pages(build).items():
            assert_no_live_markup(name, page)
            if name in baseline:
                svgs = [[tag for tag, _ in p.elements].count("svg") for p in (page, baseline[name])]
                assert svgs[0] == svgs[1], f"{name}: an <svg> from course.yml"
                assert page.headings == baseline[name].headings, f"{name} lost or moved a section for {value!r}"
                assert page.depth == 0


def test_markdown_keeps_working_in_fields(tmp_path: Path) -> None:
    value = ("Some *emphasis*, **strong**, `code` and [a link](https://example.org/) or [dates](dates.md#x).\n\n"
             "- one\n- two\n\n!!! note \"Heads up\"\n    Inside a note.\n\n```python\nx = 1\n```\n")
    project, _ = hostile_project(tmp_path, "markdown", value)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    home = build.page("")
    for fragment in ("<em>emphasis</em>", "<strong>strong</strong>", "<code>code</code>",
                     '<a href="https://example.org/">a link</a>', '<a href="dates/#x">dates</a>',
                     "<li>one</li>", 'class="admonition note"', "Heads up", 'class="highlight"'):
        assert fragment in home
    assert '<a href="../dates/#x">dates</a>' in build.page("news/")


def test_raw_html_is_text_unless_the_course_allows_it(tmp_path: Path) -> None:
    assert "&lt;kbd&gt;" in markdown_html("press <kbd>Ctrl</kbd>")
    assert "<kbd>Ctrl</kbd>" in markdown_html("press <kbd>Ctrl</kbd>", allow_html=True)


# ---- d. BibTeX ----------------------------------------------------------------------------------

_UNLATEX = {r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
            r"\textasciitilde{}": "~", r"\textasciicircum{}": "^", r"\&": "&", r"\%": "%", r"\$": "$",
            r"\#": "#", r"\_": "_"}


def unlatex(value: str) -> str:
    return re.sub("|".join(re.escape(k) for k in _UNLATEX), lambda m: _UNLATEX[m.group()], value)


HOSTILE_BIB = ["}, @misc{injected, title={x}", "a } b { c", "50% & $x$ #1 _ ~ ^ \\ {", "@comment{", "\"quoted\""]


@pytest.mark.parametrize("value", HOSTILE_BIB)
def test_bibtex_fields_round_trip_through_a_real_parser(value: str) -> None:
    course = coursegen.load(EXAMPLE / "course.yml")
    data = course.model_dump(by_alias=True, exclude_none=True)
    for paper in data["papers"]:
        paper.update(title=value, venue=value, authors=[f"Ada {value}", "Research and Development Team"],
                     url="https://example.org/a}b{c\\d")
    hostile = Course.model_validate(data)
    bib = parse_string(bibliography(hostile), "bibtex")
    assert list(bib.entries) == [p.id for p in hostile.papers]
    for entry in bib.entries.values():
        assert unlatex(entry.fields["title"].removeprefix("{").removesuffix("}")) == " ".join(value.split())
        venue = entry.fields.get("booktitle") or entry.fields.get("journal") or entry.fields.get("howpublished")
        assert unlatex(venue) == " ".join(value.split())
        assert entry.fields["url"] == "https://example.org/a%7Db%7Bc%5Cd"
        people = entry.persons["author"]
        assert len(people) == 2
        assert str(people[1]) == "{Research and Development Team}"


def test_corporate_authors_stay_whole_and_persons_are_split() -> None:
    course = coursegen.load(EXAMPLE / "course.yml")
    data = course.model_dump(by_alias=True, exclude_none=True)
    data["papers"] = data["papers"][:1]
    data["papers"][0].pop("slot", None)
    data["papers"][0]["authors"] = ["Jonathan Frankle", "Carbin, Michael", "The Open Science Group",
                                    "Large Hadron Collider Beauty Collaboration", "Ludwig van Beethoven"]
    bib = parse_string(bibliography(Course.model_validate(data)), "bibtex")
    people = next(iter(bib.entries.values())).persons["author"]
    assert [p.last_names for p in people] == [["Frankle"], ["Carbin"], ["{The Open Science Group}"],
                                              ["{Large Hadron Collider Beauty Collaboration}"], ["Beethoven"]]
