"""The registry of generated pages: one entry, a template and its labels make a page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from support import EXAMPLE

from coursegen import addresses, load
from coursegen.agenda import resolve
from coursegen.i18n import labels
from coursegen.pages import VIEWS
from coursegen.site import SiteOutput

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


TODAY = dt.date(2026, 11, 27)
TEMPLATES = Path(addresses.__file__).parent / "templates"


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_entry_has_its_template_title_label_and_views(language: str) -> None:
    """No entry names a template, label or view that does not exist."""
    for page in addresses.PAGES.values():
        assert (TEMPLATES / page.template).is_file(), page
        assert labels(language)[page.title], page
        assert set(page.views) <= set(VIEWS), page


def test_a_new_entry_is_a_new_page_in_the_files_and_the_navigation(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry with a template in the course's templates/ folder is rendered, with the shared
    context and its views, and listed in the navigation under its label."""
    (tmp_path / "team.md.j2").write_text("# {{ L.news }} {{ A.calendar_feed }} {{ page }}\n{{ grade_chart[:7] }}\n",
                                         encoding="utf-8")
    extra = addresses.Page("team.md", "team.md.j2", "news", ("grade_chart",))
    monkeypatch.setattr(addresses, "PAGES", {**addresses.PAGES, extra.uri: extra})
    output = SiteOutput.build(resolve(load(EXAMPLE / "course.yml")), today=TODAY, templates=tmp_path)
    title = output.labels["news"]
    assert output.files["team.md"] == f"# {title} calendar.ics team.md\n<figure\n"
    nav = output.nav([SimpleNamespace(src_uri="team.md"), SimpleNamespace(src_uri="notes.md")])
    assert nav[-2:] == [{title: "team.md"}, "notes.md"]
    assert [next(iter(entry.values())) for entry in nav[:-1]] == list(addresses.used_pages(output.course))


def test_the_theme_reads_the_feed_addresses_from_the_registry() -> None:
    """The page head's feed links come from the same names the files are written under."""
    output = SiteOutput.build(resolve(load(EXAMPLE / "course.yml")), today=TODAY)
    files = output.theme_data["files"]
    assert {files["news_feed"], files["calendar_feed"], files["bibliography"]} <= set(output.files)
    head = (Path(__file__).parents[1] / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "course.files.news_feed" in head and "course.files.calendar_feed" in head and "'news.xml'" not in head
