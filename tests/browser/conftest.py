"""Browser tests: one Chromium per session; each course site built and served once.

They skip where no Chromium is installed, but fail instead when CI=true: CI installs
Debian's `chromium` and must really run them. The browser sees only the DejaVu fonts, through a
fontconfig of its own, so that what it draws does not depend on the other fonts a machine has;
its language is en-US and its zone UTC wherever a test names none, whatever the machine's are.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from support import BuiltSites, unavailable

from .support import HOME_ZONE, NOW, PUBLISHED_URL, TODAY, VIEWPORTS, Site, Visit, record_visit, serve

# The browser to drive: Debian's `chromium` on PATH, or the program $CHROMIUM names.
CHROMIUM: str | None = shutil.which(os.environ.get("CHROMIUM", "chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--lang=en-US"]
# Where distributions put the DejaVu fonts (Debian's fonts-dejavu-core, which .ci/run installs, first).
DEJAVU = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu-sans-fonts"),
          Path("/usr/share/fonts/dejavu"), Path("/usr/share/fonts/TTF")]
FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <alias><family>sans-serif</family><prefer><family>DejaVu Sans</family></prefer></alias>
  <alias><family>serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
  <alias><family>monospace</family><prefer><family>DejaVu Sans Mono</family></prefer></alias>
  <match target="font">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>
    <edit name="autohint" mode="assign"><bool>false</bool></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
    <edit name="lcdfilter" mode="assign"><const>lcddefault</const></edit>
  </match>
</fontconfig>
"""


def fonts_only(folder: Path) -> dict[str, str]:
    """The environment in which the browser sees the DejaVu fonts only: a fontconfig file in `folder`."""
    fonts = next((d for d in DEJAVU if (d / "DejaVuSans.ttf").is_file()), None)
    if fonts is None:
        unavailable("the DejaVu fonts are missing: install Debian's fonts-dejavu-core (the browser tests draw "
                    "with them only)")
    conf = folder / "fonts.conf"
    conf.write_text(FONTCONFIG.format(fonts=fonts, cache=folder / "cache"), encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME")}
    # Nor on the machine's language and zone: a context that names no zone or locale gets these.
    return {**environment, "FONTCONFIG_FILE": str(conf), "LANG": "C.UTF-8", "TZ": "UTC"}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a browser test without Chromium; in CI (CI=true) fail it instead."""
    if CHROMIUM:
        return
    unavailable("no Chromium found: install Debian's `chromium` or set CHROMIUM to the browser's path")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the whole session, with the DejaVu fonts only."""
    env = fonts_only(tmp_path_factory.mktemp("fonts"))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=env)
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
