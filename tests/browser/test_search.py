"""The site search (Material's own, served locally) finds every paper by author and by title, and
every venue abbreviation, room and person a page shows."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from support import FIXTURES

from .support import Site, course


# The surname a student would type: one no other paper's author shares, if there is one.
def _surname(site: str, paper_id: str) -> str:
    papers = course(site).papers
    counts = Counter(name.split()[-1] for p in papers for name in set(p.authors))
    paper = next(p for p in papers if p.id == paper_id)
    surnames = [name.split()[-1] for name in paper.authors]
    return next((s for s in surnames if counts[s] == 1), surnames[0])


PAPERS = [pytest.param(site, paper.id, id=f"{site}:{paper.id}") for site in FIXTURES for paper in course(site).papers]


@pytest.fixture(scope="module")
def search(browser: Browser, sites: Callable[[str], Site]) -> Iterator[Callable[[str, str], Page]]:
    """Run a query in a site's search box; one open home page per site, reused."""
    pages: dict[str, Page] = {}

    def run(site: str, query: str) -> Page:
        if site not in pages:
            pages[site] = browser.new_context().new_page()  # search does not depend on the day
            pages[site].goto(sites(site).page_url(""))
        page = pages[site]
        box = page.locator(".md-search__input")
        box.click()
        box.fill("")
        box.press("End")
        expect(page.locator(".md-search-result__item")).to_have_count(0)
        box.fill(query)
        box.press("End")  # Material searches on key-up: one search, for the whole query
        return page
    yield run
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize(("site", "paper"), PAPERS)
def test_search_by_author_surname_lists_the_paper(site: str, paper: str,
                                                  search: Callable[[str, str], Page]) -> None:
    """Typing an author's surname lists a result that links to the paper's entry."""
    page = search(site, _surname(site, paper))
    expect(page.locator(f".md-search-result__link[href*='/papers/'][href$='#{paper}']")).to_be_attached()


@pytest.mark.parametrize(("site", "paper"), PAPERS)
def test_search_by_title_shows_the_paper_first_on_the_papers_page(site: str, paper: str,
                                                                  search: Callable[[str, str], Page]) -> None:
    """Typing a paper's title, as written, shows that paper as the best match of the papers page."""
    title = next(p.title for p in course(site).papers if p.id == paper)
    page = search(site, title)
    papers = page.locator(".md-search-result__item").filter(has=page.locator("a[href*='/papers/']"))
    best = papers.locator(".md-search-result__link[href*='#']").first
    expect(best).to_have_attribute("href", re.compile(f"/papers/[^#]*#{paper}$"))
    expect(best).to_be_visible()


# Words a student would type for a venue, room or name: split where the page's text breaks
# them (white space, brackets, commas, slashes, colons), single characters left out.
def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[\s()\[\],;:/]+", text) if len(word) >= 2]


# What each fixture course shows and the page that shows it: the venues' abbreviations (in
# parentheses) on the papers page, the rooms and places of dates, block-course days and weekly
# sessions, and the names and roles of the instructors on home, and of the presenters where shown.
def _shown(site: str) -> dict[str, str]:
    c = course(site)
    shown: dict[str, str] = {}

    def add(texts: list[str | None], path: str) -> None:
        for text in texts:
            for word in _words(text or ""):
                shown.setdefault(word, path)
    add([short for p in c.papers for short in re.findall(r"\(([A-Z][A-Za-z]+)\)", p.venue)], "papers/")
    add([d.location for d in c.dates], "dates/")
    add([c.schedule.room, *(day.room for day in c.schedule.days)], "schedule/")
    add([s.room for s in c.series] + [change.room for s in c.series for change in s.changes], "sessions/")
    add([text for person in c.course.instructors for text in (person.name, person.role)], "")
    if c.privacy.show_presenters:
        add([p.presenter for p in c.papers], "papers/")
    return shown


SHOWN = [pytest.param(site, word, path, id=f"{site}:{word}") for site in FIXTURES for word, path in _shown(site).items()]


@pytest.mark.parametrize(("site", "word", "path"), SHOWN)
def test_search_finds_every_venue_room_and_person_shown(site: str, word: str, path: str,
                                                        sites: Callable[[str], Site],
                                                        search: Callable[[str, str], Page]) -> None:
    """Typing a venue's abbreviation, a word of a room or place, or a name or role lists a
    result that links to the page showing it (Material's default separator kept "(ICLR),"
    and "Zoom)" as one word each, so these found nothing)."""
    page = search(site, word)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    links = page.locator(".md-search-result__link")
    expect(links.first).to_be_attached()
    # A result's address, without the highlight query (?h=) and section (#...).
    hrefs = [href.split("?")[0].split("#")[0] for href in links.evaluate_all("links => links.map(a => a.href)")]
    assert sites(site).page_url(path) in hrefs, f"{word!r}: no result on /{path}, only on {sorted(set(hrefs))}"
