"""End to end: real `mkdocs build --strict` runs, asserting on the built HTML."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from support import EXAMPLE, SEMINAR, BuiltSites, copy_project, mkdocs_build

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


PAGES = ["", "papers/", "deliverables/", "dates/", "schedule/", "news/"]


def article(html: str) -> str:
    """The text of a page's article, without what depends on the day (marks, the candidates of the
    coming items) and a talk's day and room, shown only when a link leads to it."""
    body = re.search(r"<article.*?</article>", html, re.S)
    assert body, "page has no article"
    shown = re.sub(r'<template\b.*?</template>|<span class="cg-(?:mark|talk-at)"[^>]*>[^<]*</span>', "", body.group(0),
                   flags=re.S)
    inline = re.sub(r"</?time\b[^>]*>", "", shown)  # times read on with the words around them
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def source(project: Path) -> dict:
    """The course.yml of a project as plain data."""
    return yaml.safe_load((project / "course.yml").read_text(encoding="utf-8"))


@pytest.mark.fast
def test_every_generated_page_exists_for_both_courses(built: BuiltSites) -> None:
    for build in map(built, ("seminar", "example")):
        for uri in PAGES:
            assert "<article" in build.page(uri), uri
        assert (build.site / "papers.bib").is_file()


def test_home_shows_topic_questions_instructor_and_empty_news(built: BuiltSites) -> None:
    text = article(built("seminar").page(""))
    assert "Do we really need overparameterization in deep learning?" in text
    assert "This recent trend to overparameterize neural networks defies classic concepts" in text
    assert "Are the simplest models always the best choice?" in text
    assert "And is counting parameters really the best way to measure model complexity?" in text
    assert "Rebekka Burkholz" in text and "CISPA Helmholtz Center for Information Security" in text
    assert "Winter 2026/27" in text
    assert "No news at the moment." in text
    assert "Kick-off meeting : first week of the semester" in text


def test_seminar_papers_page_lists_all_sixteen_by_topic(built: BuiltSites) -> None:
    html = built("seminar").page("papers/")
    papers = source(SEMINAR)["papers"]
    assert len(papers) == 16
    text = article(html)
    for paper in papers:
        assert f'id="{paper["id"]}"' in html
        assert paper["title"] in text
        assert ", ".join(paper["authors"]) in text
        assert f'{paper["venue"]}, {paper["year"]}' in text
        if "arxiv" in paper:
            assert f'href="https://arxiv.org/abs/{paper["arxiv"]}"' in html
        if "doi" in paper:
            assert f'href="https://doi.org/{paper["doi"]}"' in html
    topics = re.findall(r"<h2 id=\"[^\"]+\">(.*?)<a", html)
    assert [unescape(t) for t in topics] == list(dict.fromkeys(p["topic"] for p in papers))
    assert "16 papers in 5 topics." in text


def test_papers_bib_has_one_entry_per_paper(built: BuiltSites) -> None:
    bib = (built("seminar").site / "papers.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@(\w+)\{([^,]+),$", bib, re.M)
    assert [k for _, k in keys] == [p["id"] for p in source(SEMINAR)["papers"]]
    assert "@article{belkin2019reconciling," in bib and "journal = {Proceedings of the National" in bib
    assert "@misc{power2022grokking," in bib and "eprint = {2201.02177}" in bib
    assert "author = {Lénaïc Chizat and Edouard Oyallon and Francis Bach}" in bib
    assert bib.count("@") == 16 and "BibTeX" in built("seminar").page("papers/")


def test_deliverables_table_weights_and_requirements(built: BuiltSites) -> None:
    text = article(built("seminar").page("deliverables/"))
    assert "Short review 2 10 % 20 %" in text
    assert "Presentation 1 40 % 40 %" in text
    assert "Seminar paper 1 40 % 40 %" in text
    assert "Total 100 %" in text
    for question in ("What is the problem addressed by the paper?",
                     "What was done before, and how does the paper improve on previous work?",
                     "What are the strengths and the limitations of the techniques in the paper?",
                     "What part of the paper was difficult to understand?",
                     "What are possible improvements or extensions of the techniques in the paper?"):
        assert question in text
    for phrase in ("max 1 page", "3 questions", "20–30 min presentation", "10 min",
                   "feedback on your slides", "6 pages", "not counting references and appendices",
                   "auxiliary material"):
        assert phrase in text, phrase


def test_dates_page_orders_and_marks_fixed_tentative_tbd(built: BuiltSites) -> None:
    html = built("example").page("dates/")
    rows = re.findall(r'<span id="([\w-]+)">', html)
    assert rows == ["registration", "kickoff", "topic-choice", "review-1", "review-2", "slides-feedback", "block-course", "report", "grades"]
    table = re.search(r"<table>.*?</table>", html, re.S)
    assert table and table.group(0).count("cg-status--tentative") == 1
    # 7 fixed dates and 12 per-talk items (2 rules, 6 talks; see test_talkdates.py)
    assert table.group(0).count("cg-status--tbd") == 1 and table.group(0).count("cg-status--fixed") == 7 + 12
    text = article(html)
    assert "Alle Zeiten sind Mitteleuropäische Zeit (MESZ/MEZ), die Ortszeit in Berlin." in text
    assert ('Dienstag, 20. Oktober 2026, <time datetime="2026-10-20T10:00:00+02:00">10:00</time>–'
            '<time datetime="2026-10-20T11:30:00+02:00">11:30</time>') in html
    assert "Montag, 29. März 2027 – Dienstag, 30. März 2027" in text
    assert "after all papers are graded Grades published noch offen" in text
    seminar_html = built("seminar").page("dates/")
    seminar_table = re.search(r"<table>.*?</table>", seminar_html, re.S)
    assert seminar_table and seminar_table.group(0).count("cg-status--tbd") == 6  # 5 dates, 1 per-talk rule
    seminar = article(seminar_html)
    assert "ideally one week after the block course" in seminar


def test_dates_page_shows_each_date_once_with_one_tbd_marker(built: BuiltSites) -> None:
    """One view of the dates (the table, no timeline above it), and a tbd date says so once: its
    status; the date column holds its hint."""
    for name in ("example", "seminar"):
        html = built(name).page("dates/")
        assert "data-cg-timeline" not in html
        for item in source({"example": EXAMPLE, "seminar": SEMINAR}[name])["dates"]:
            if "per_talk" not in item:
                assert html.count(f'<span id="{item["id"]}">') == 1, item["id"]
    table = re.search(r"<table>.*?</table>", built("seminar").page("dates/"), re.S)
    assert table
    tbd_rows = [row for row in table.group(0).split("<tr>") if "cg-status--tbd" in row]
    assert len(tbd_rows) == 6
    for row in tbd_rows:
        assert unescape(re.sub(r"<[^>]+>", " ", row)).count("to be decided") == 1, row
    assert '<span class="cg-hint">first week of the semester</span>' in table.group(0)


def test_schedule_computes_talk_times(built: BuiltSites) -> None:
    text = article(built("example").page("schedule/"))
    for expected in ("09:00–09:15 Welcome", "09:15–09:55 The Lottery Ticket Hypothesis",
                     "09:55–10:35 What's Hidden in a Randomly Weighted Neural Network?",
                     "10:35–10:55 Coffee break", "10:55–11:35 Proving the Lottery Ticket Hypothesis",
                     "12:30–13:30 Lunch", "13:30–14:10 Most Activation Functions",
                     "09:30–10:10 Plant 'n' Seek", "10:10–10:45 Why Random Pruning",
                     "Raum: Room 0.01", "Raum: Room 1.12"):
        assert expected in text, expected
    links = r" \.ics \([^)]*\) Google \([^)]*\) "  # the .ics file and the Google Calendar link
    assert re.search(rf"What's Hidden in a Randomly Weighted Neural Network\?{links}"
                     rf"Folien zur Rückmeldung: [^()]*{links}"
                     rf"Fragen an die Vortragenden: [^()]*{links}Sam Studentin", text)
    seminar = article(built("seminar").page("schedule/"))
    assert "The dates will be fixed at the kick-off meeting" in seminar
    assert "30 min talk + 10 min discussion" in seminar


def test_news_page_newest_first_with_markdown_body(built: BuiltSites) -> None:
    html = built("example").page("news/")
    assert html.index('id="rooms-fixed"') < html.index('id="welcome"')
    assert "<strong>Raum 0.01</strong>" in html
    assert "Raum für die Blockveranstaltung steht fest" in article(built("example").page(""))
    assert "No news at the moment." in article(built("seminar").page("news/"))


def test_page_metadata_comes_from_course(built: BuiltSites) -> None:
    html = built("seminar").page("papers/")
    assert '<meta name="description" content="Deep learning continues to impress us with breakthroughs' in html
    assert '<meta name="author" content="Rebekka Burkholz">' in html
    assert "<title>Papers - Do we really need overparameterization in deep learning?</title>" in html


def test_language_sets_labels_and_theme(built: BuiltSites) -> None:
    assert '<html lang="en"' in built("seminar").page("")
    assert '<html lang="de"' in built("example").page("")
    assert "Wichtige Termine" in built("example").page("dates/")
    assert "Important dates" in built("seminar").page("dates/")


def test_footer_legal_links_and_no_third_party_fonts(built: BuiltSites) -> None:
    for build in map(built, ("seminar", "example")):
        html = build.page("papers/")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    seminar = built("seminar").page("")
    assert 'href="https://cispa.de/en/impressum"' in seminar
    assert 'href="https://cispa.de/en/privacy-policy"' in seminar
    assert "Bei technischen Problemen wenden Sie sich bitte an die Administratoren." in seminar
    assert 'href="mailto:webmaster@example.org"' in built("example").page("")


def test_presenters_appear_only_when_allowed(built: BuiltSites, tmp_path: Path) -> None:
    assert "Alex Student" in built("example").page("papers/")
    assert "Alex Student" in built("example").page("schedule/")
    project = copy_project(EXAMPLE, tmp_path / "hidden")
    course = project / "course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("show_presenters: true",
                                                                 "show_presenters: false"), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    for uri in ("papers/", "schedule/", "", "dates/", "deliverables/"):
        assert "Alex Student" not in build.page(uri)
    assert not [p.name for p in (build.site / "calendar").glob("*.ics") if b"Alex Student" in p.read_bytes()]
    assert "Alex Student" not in (build.site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_hand_written_page_coexists(built: BuiltSites) -> None:
    html = built("example").page("reading-tips/")
    assert "A hand-written page next to the generated ones" in html
    assert 'href="reading-tips/"' in built("example").page("")


# Lines a build prints at a level (MkDocs writes "LEVEL    -  message").
def lines_at(output: str, level: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(level)]


def test_quiet_and_verbose_apply_to_the_course_messages(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://example.org/course/")
    quiet = mkdocs_build(EXAMPLE, tmp_path / "quiet", "-q")
    assert quiet.returncode == 0, quiet.output
    assert quiet.output.strip() == "", quiet.output
    verbose = mkdocs_build(EXAMPLE, tmp_path / "verbose", "-v")
    assert verbose.returncode == 0, verbose.output
    assert any("pages and files generated from course.yml" in line for line in lines_at(verbose.output, "DEBUG"))
    plain = mkdocs_build(EXAMPLE, tmp_path / "plain")
    assert "pages and files generated" not in plain.output
    assert lines_at(plain.output, "INFO"), plain.output


def test_a_feed_warning_shows_unless_quiet_and_does_not_fail_strict(tmp_path: Path) -> None:
    # Without SITE_URL the feeds' links are relative: a warning, not a broken site.
    plain = mkdocs_build(EXAMPLE, tmp_path / "plain")
    assert plain.returncode == 0, plain.output
    assert any("site_url is not set" in line for line in lines_at(plain.output, "WARNING")), plain.output
    quiet = mkdocs_build(EXAMPLE, tmp_path / "quiet", "-q")
    assert quiet.returncode == 0, quiet.output
    assert "site_url is not set" not in quiet.output
