"""Browser tests: one Chromium per session; each course site built and served once.

They skip where no Chromium is installed, but fail instead when CI=true: CI installs
Debian's `chromium` and must really run them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from support import BuiltSites, unavailable

from .support import HOME_ZONE, NOW, PUBLISHED_URL, TODAY, VIEWPORTS, Site, Visit, record_visit, serve

# The browser to drive: Debian's `chromium` on PATH, or the program $CHROMIUM names.
CHROMIUM: str | None = shutil.which(os.environ.get("CHROMIUM", "chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a browser test without Chromium; in CI (CI=true) fail it instead."""
    if CHROMIUM:
        return
    unavailable("no Chromium found: install Debian's `chromium` or set CHROMIUM to the browser's path")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def sites(built: BuiltSites) -> Iterator[Callable[[str], Site]]:
    """Sites by name ('seminar', 'example', 'lecture'), each built on TODAY and served on first use."""
    served: dict[str, Site] = {}
    with ExitStack() as servers:
        def get(name: str) -> Site:
            if name not in served:
                build = built(name, COURSEGEN_TODAY=TODAY.isoformat())
                served[name] = Site(name, build.site, servers.enter_context(serve(build.site)), build.course)
            return served[name]
        yield get


@pytest.fixture(scope="session")
def published(built: BuiltSites) -> Iterator[Site]:
    """The example course built as published at PUBLISHED_URL (absolute feed addresses), served on loopback."""
    build = built("example", COURSEGEN_TODAY=TODAY.isoformat(), SITE_URL=PUBLISHED_URL)
    with serve(build.site) as url:
        yield Site("example", build.site, url, build.course)


@pytest.fixture(scope="session")
def visit(browser: Browser, sites: Callable[[str], Site]) -> Callable[[str, str], Visit]:
    """The recorded load of a page, by site and path; each page is loaded once per session."""
    visits: dict[tuple[str, str], Visit] = {}

    def get(site: str, path: str) -> Visit:
        if (site, path) not in visits:
            visits[site, path] = record_visit(browser, sites(site).page_url(path))
        return visits[site, path]
    return get


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open a blank page in a fresh context: scheme 'light'/'dark', viewport 'desktop'/'phone' or a phone's
    width in pixels, in HOME_ZONE unless `timezone_id` says otherwise."""
    contexts: list[BrowserContext] = []

    def open_(scheme: str = "light", viewport: str | int = "desktop", **options: Any) -> Page:
        options.setdefault("timezone_id", HOME_ZONE)
        size = VIEWPORTS[viewport] if isinstance(viewport, str) else {"width": viewport, "height": 844}
        context = browser.new_context(color_scheme=scheme, viewport=size, **options)
        context.clock.set_fixed_time(NOW)
        contexts.append(context)
        return context.new_page()
    yield open_
    for context in contexts:
        context.close()
