"""The site search (Material's own, served locally) finds every paper by author and by title."""

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
            pages[site] = browser.new_context().new_page()
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
