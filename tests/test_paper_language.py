"""Papers in another language than the site's are marked with their language (`lang`), so
that screen readers read an English title on a German page with an English voice.

Built with a real `mkdocs build --strict`: the German example course, whose papers are
English (the default), and a copy in which one paper says `language: de`.
"""

from __future__ import annotations

import re
from html import escape

import pytest
from support import EXAMPLE, Build, BuiltSites, copy_project, mkdocs_build

import coursegen
from coursegen.agenda.talks import brief

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


# The first paper of the example course, which the copy marks as German.
GERMAN = coursegen.load(EXAMPLE / "course.yml").papers[0]


# How the papers page shows a paper's title, venue and BibTeX, and the schedule its talk.
def marks(html: str, paper_id: str, title: str) -> dict[str, str | None]:
    shown = escape(title, quote=False)
    heading = re.search(rf'<h3 id="{paper_id}">(<span lang="([^"]+)">)?{re.escape(shown)}', html)
    assert heading, f"no heading for {paper_id}"
    block = html[heading.start():html.index("</details>", heading.start())]
    venue = re.search(r'<p class="cg-venue"(?: lang="([^"]+)")?>', block)
    bibtex = re.search(r'<pre(?: lang="([^"]+)")?><code[^>]*>@', block)
    toc = re.findall(rf'<a href="#{paper_id}" class="md-nav__link">\s*<span class="md-ellipsis"(?: lang="([^"]+)")?>',
                     html)
    assert venue and bibtex and len(toc) == 2, paper_id
    return {"title": heading.group(2), "venue": venue.group(1), "bibtex": bibtex.group(1),
            "toc": toc[0] or None, "drawer": toc[1] or None}


def talk_link_lang(html: str, paper_id: str) -> str | None:
    """The lang of the schedule's link to a paper's entry (None without one)."""
    link = re.search(rf'<a href="\.\./papers/#{paper_id}"(?: lang="([^"]+)")?>', html)
    assert link, paper_id
    return link.group(1)


@pytest.fixture(scope="module")
def german_paper(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example course with its first paper in German, built."""
    project = copy_project(EXAMPLE, tmp_path_factory.mktemp("german-paper") / "project")
    course = project / "course.yml"
    text = course.read_text(encoding="utf-8")
    line = f"  - id: {GERMAN.id}\n"
    assert text.count(line) == 1
    course.write_text(text.replace(line, f"{line}    language: de\n"), encoding="utf-8")
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


def test_every_paper_on_the_german_site_is_marked_english(built: BuiltSites) -> None:
    """Title, venue, BibTeX and both table-of-contents entries of every paper, and the
    schedule's link to it, carry lang="en"; the headings' permalinks stay German."""
    site = built("example")
    assert site.course.course.language == "de"
    papers = site.read("papers/index.html").decode()
    schedule = site.read("schedule/index.html").decode()
    for paper in site.course.papers:
        assert marks(papers, paper.id, paper.title) == dict.fromkeys(["title", "venue", "bibtex", "toc", "drawer"],
                                                                     "en")
        if paper.slot:
            assert talk_link_lang(schedule, paper.id) == "en"
    assert not re.search(r'lang="en"[^>]*>[^<]*<a class="headerlink"', papers)


def test_a_paper_in_the_site_language_is_not_marked(german_paper: Build) -> None:
    papers = german_paper.read("papers/index.html").decode()
    assert marks(papers, GERMAN.id, GERMAN.title) == dict.fromkeys(["title", "venue", "bibtex", "toc", "drawer"])
    assert talk_link_lang(german_paper.read("schedule/index.html").decode(), GERMAN.id) is None
    others = [p for p in german_paper.course.papers if p.id != GERMAN.id]
    assert others and all(marks(papers, p.id, p.title)["title"] == "en" for p in others)


def test_papers_on_a_site_in_their_language_are_not_marked(built: BuiltSites) -> None:
    site = built("seminar")
    assert site.course.course.language == "en"
    assert ' lang="' not in re.sub(r"<html[^>]*>", "", site.read("papers/index.html").decode())


def test_per_talk_dates_mark_their_papers_title(built: BuiltSites) -> None:
    """A per-talk item's title names its talk's paper ("Folien zur Rückmeldung – The Lottery Ticket
    Hypothesis"): on /dates/ and /deliverables/ the paper's part carries the paper's language."""
    site = built("example")
    slotted = [p for p in site.course.papers if p.slot]
    assert slotted
    for page in ("dates/index.html", "deliverables/index.html"):
        html = site.read(page).decode()
        for paper in slotted:
            shown = escape(brief(paper.title), quote=False)
            marked = html.count(f'– <span lang="en">{shown}</span>')  # the title's words stay apart
            assert marked == len([d for d in site.course.dates if d.per_talk]), (page, paper.id, marked)


def test_per_talk_dates_of_a_paper_in_the_site_language_are_not_marked(german_paper: Build) -> None:
    html = german_paper.read("dates/index.html").decode()
    shown = escape(brief(GERMAN.title), quote=False)
    assert shown in html and f'lang="en">{shown}' not in html
