"""Every page loads cleanly, talks only to the local server, and every internal link resolves."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Callable
from functools import cache
from urllib.error import HTTPError
from urllib.parse import unquote, urlsplit

import pytest
from support import FIXTURES

from .support import ALL_PAGES, Site, Visit, page_paths

LOOPBACK = "127.0.0.1"


@pytest.mark.parametrize("site", FIXTURES)
def test_every_built_page_is_checked(site: str, sites: Callable[[str], Site]) -> None:
    """The pages the tests walk are exactly the HTML pages the build wrote."""
    root = sites(site).root
    built = {p.parent.relative_to(root).as_posix() for p in root.rglob("index.html")}
    assert {f"{p}/" if p != "." else "" for p in built} == set(page_paths(site))


@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_page_loads_cleanly(site: str, path: str, visit: Callable[[str, str], Visit]) -> None:
    """Status 200, no console error, no failed request."""
    seen = visit(site, path)
    assert seen.status == 200
    assert seen.console_errors == []
    assert seen.failed_requests == []


@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_no_request_leaves_the_machine(site: str, path: str, visit: Callable[[str, str], Visit]) -> None:
    """Every request goes to the local server: no fonts, scripts or images from elsewhere."""
    requests = visit(site, path).requests
    assert any("/search/search_index.json" in url for url in requests), "the search index was not loaded"
    assert [url for url in requests if urlsplit(url).hostname != LOOPBACK] == []


@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_internal_links_resolve(site: str, path: str, sites: Callable[[str], Site],
                                visit: Callable[[str, str], Visit]) -> None:
    """Each link to this site reaches a file, and each #anchor an element with that id."""
    served = sites(site)
    origin = urlsplit(served.url).netloc
    broken = []
    links = [urlsplit(href) for href in visit(site, path).links]
    internal = [link for link in links if link.netloc == origin]
    assert internal, "no internal links found"
    for link in internal:
        target = link.path.removeprefix("/")
        if not _served(served.url, target):
            broken.append(f"{link.geturl()}: not found")
        elif link.fragment and unquote(link.fragment) not in _ids(site, target, served, visit):
            broken.append(f"{link.geturl()}: no element with id {unquote(link.fragment)!r}")
    assert broken == []


# Whether the local server answers 200 for a path (cached: many pages link the same targets).
@cache
def _served(base_url: str, path: str) -> bool:
    try:
        with urllib.request.urlopen(urllib.request.Request(base_url + path, method="HEAD")) as response:
            return bool(response.status == 200)
    except HTTPError:
        return False


# Ids of a target: from the browser for the site's pages, from the file for anything else.
def _ids(site: str, target: str, served: Site, visit: Callable[[str, str], Visit]) -> set[str]:
    if target in page_paths(site):
        return visit(site, target).ids
    html = (served.root / target).read_text("utf-8", errors="replace")
    return set(re.findall(r'\sid="([^"]+)"', html))
