"""What the first paint of every built page depends on: no empty banner, and feed links only where
the feeds are the subject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import SITES, BuiltSites

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


def pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, the 404 page included."""
    return sorted(site.rglob("*.html"))


def head(html: str) -> str:
    """The page's <head>."""
    found = re.search(r"<head>(.*?)</head>", html, re.S)
    assert found, "page has no head"
    return found.group(1)


@pytest.fixture(scope="module", params=sorted(SITES))
def site(request: pytest.FixtureRequest, built: BuiltSites) -> Path:
    """Each fixture site, built."""
    return built(request.param).site


def test_no_announce_banner_unless_archived(site: Path) -> None:
    """Material draws its banner for any content of the announce block, white space included."""
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "md-banner" not in html, page
        assert re.search(r'<div data-md-component="announce">\s*</div>', html), page


# Which feed links a page has, by its address below the site; every other page has none.
FEEDS = {"index.html": {"application/atom+xml", "text/calendar"}, "news/index.html": {"application/atom+xml"},
         "calendar/index.html": {"text/calendar"}}


def test_feed_links_only_on_home_news_and_calendar(site: Path) -> None:
    """Feed readers find the feeds on the pages about them; as rel="alternate feed", not Material's
    link[rel=alternate], which would fetch sitemap.xml once per link on every page."""
    for page in pages(site):
        html = head(page.read_text(encoding="utf-8"))
        assert not re.search(r'<link rel="alternate"', html), page
        kinds = set(re.findall(r'<link rel="alternate feed" type="([^"]+)"', html))
        assert kinds == FEEDS.get(page.relative_to(site).as_posix(), set()), page
