"""The search index of each built fixture site: it splits words where the pages do, and it
holds what is visible, not screen-reader-only text or BibTeX.

The browser test (tests/browser/test_search.py) types words into the real search box; these
tests read `search/search_index.json` itself, which Material's search loads as it is.
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml
from support import ROOT, Build, BuiltSites

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


SITES = ["seminar", "example", "lecture"]


# The built site's search index: its config and one entry per page section.
def index(build: Build) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(build.read("search/search_index.json"))
    return data


# Text of the elements with the given class, one string each, from every page of the site.
class _ClassText(HTMLParser):
    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class, self.depth, self.found, self.current = css_class, 0, [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self.depth, self.current = 1, ""

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.found.append(" ".join(self.current.split()))

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.current += data


def texts_of_class(build: Build, css_class: str) -> list[str]:
    """The text of every element with `css_class` on every built page of the site."""
    found: list[str] = []
    for page in build.site.rglob("*.html"):
        parser = _ClassText(css_class)
        parser.feed(page.read_text(encoding="utf-8"))
        found += parser.found
    return found


# Every page section's indexed text, tags removed and entities read, whitespace collapsed.
def indexed_text(build: Build) -> str:
    return "\n".join(" ".join(unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])).split())
                     for doc in index(build)["docs"])


@pytest.fixture(scope="module")
def builds(built: BuiltSites) -> dict[str, Build]:
    """The three fixture sites, built once per session."""
    return {name: built(name) for name in SITES}


@pytest.mark.parametrize("site", SITES)
def test_the_index_uses_the_separator_of_the_site_config(site: str, builds: dict[str, Build]) -> None:
    """Each fixture inherits the root mkdocs.yml's search separator, and it splits at
    parentheses, commas, slashes and colons as well as white space and hyphens."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    separator = next(p["search"]["separator"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert index(builds[site])["config"]["separator"] == separator
    words = [w for w in re.split(separator, "Conference (ICLR), 2019; Zoom/Tutor: room 0.01. self-paced") if w]
    assert words == ["Conference", "ICLR", "2019", "Zoom", "Tutor", "room", "0.01", "self", "paced"]


@pytest.mark.parametrize("site", SITES)
def test_no_bibtex_in_the_index(site: str, builds: dict[str, Build]) -> None:
    """The BibTeX boxes of the papers page are left out; the paper itself is indexed."""
    build = builds[site]
    text = indexed_text(build)
    for paper in build.course.papers:
        assert f"{{{paper.id}," not in text
        assert paper.title in text
    assert not re.search(r"@(article|inproceedings|misc)\{", text)


# The seminar as it began has no fixed date, so neither calendar links nor a timeline.
@pytest.mark.parametrize("site", ["example", "lecture"])
def test_no_screen_reader_only_text_in_the_index(site: str, builds: dict[str, Build]) -> None:
    """The text only screen readers get (which calendar an .ics or Google link adds to) and
    the timeline's past/next marks (hidden, and redone in the visitor's browser) are not indexed."""
    build = builds[site]
    hidden = texts_of_class(build, "cg-sr-only")
    assert hidden, "the site has no screen-reader-only text: the test would check nothing"
    text = indexed_text(build)
    assert [t for t in hidden if t in text] == []
    states = {t for t in texts_of_class(build, "cg-tl__state") if t}
    assert states
    # In the index a timeline item would end with its mark: "... Review 2 next</li>".
    assert [doc["location"] for doc in index(build)["docs"] for state in states if f" {state}</li>" in doc["text"]] == []
