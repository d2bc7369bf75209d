"""What the browser tests drive: the fixture course sites (built once by the `built` fixture) served on loopback."""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser
from support import FIXTURES, ROOT

import coursegen
from coursegen.addresses import used_pages
from coursegen.model import Course

# Screenshots and print previews go here (git-ignored).
ARTIFACTS = ROOT / "test-artifacts"
# Viewports: a laptop and a small phone.
VIEWPORTS: dict[str, dict[str, int]] = {"desktop": {"width": 1280, "height": 800},
                                        "phone": {"width": 375, "height": 812}}
# The widths every page is checked for accessibility at: a 390 px phone and a 1280 px laptop.
WIDTHS: dict[str, dict[str, int]] = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
# The phone widths tables, the calendar address and BibTeX must fit: small and common phones.
PHONE_WIDTHS = (360, 390)
# A published address long enough to wrap on a phone (for the pages that show it).
PUBLISHED_URL = "https://teaching.example.org/groups/relational-learning/seminars/sparse-networks-2026/"
# Colour schemes: Playwright's name -> the Material palette it selects.
SCHEMES: dict[str, str] = {"light": "default", "dark": "slate"}


# The browser's time zone unless a test picks another: the fixture courses' own zone, so
# pages show only course times, whatever zone the machine running the tests is in.
HOME_ZONE = "Europe/Berlin"


# The day the browser sites are built and viewed on, so that what is past or next (and the
# screenshots) do not drift with the calendar: every browser context's clock stands at NOW,
# noon of that day in the courses' zone, unless a test sets another.
TODAY = dt.date(2026, 12, 2)
NOW = dt.datetime.combine(TODAY, dt.time(12), ZoneInfo(HOME_ZONE))


def course(site: str) -> Course:
    """The site's course.yml, loaded by the engine."""
    return coursegen.load(FIXTURES[site] / "course.yml")


def page_paths(site: str) -> list[str]:
    """Every page's path below the site root ('' for home), from the course's sources."""
    docs = FIXTURES[site] / "docs"
    sources = set(used_pages(course(site))) | {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    return sorted(_url_path(src) for src in sources)


# MkDocs' directory URLs: papers.md -> papers/, a/index.md -> a/, index.md -> ''.
def _url_path(src: str) -> str:
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


# Every (site, page) pair, for tests that check each page.
ALL_PAGES = [pytest.param(site, path, id=f"{site}:/{path}") for site in FIXTURES for path in page_paths(site)]


# The standard file handler without a log line per request.
class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# A server that lets a browser leave a page before a file has arrived (the connection closed while
# it is written: a broken pipe) without a traceback in the test output; any other error is printed.
class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Site:
    """A built course site being served."""

    name: str
    root: Path
    url: str
    course: Course

    def page_url(self, path: str) -> str:
        """Absolute URL of a page path such as 'papers/'."""
        return self.url + path


def artifact(*parts: str) -> Path:
    """A file path under test-artifacts/, its folder created."""
    path = ARTIFACTS.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Visit:
    """What loading one page in a fresh browser context showed."""

    status: int | None
    console_errors: list[str]
    failed_requests: list[str]
    requests: list[str]
    links: list[str]
    ids: set[str]


# Text in the elements a selector finds that does not fully show: a piece of it lies beyond the
# screen's width or outside a box that clips it (any overflow but visible). Hidden text and
# visually hidden helper text (clipped to nothing, such as .cg-sr-only) are skipped. Also counts
# the fully shown text nodes that hold each needle, and the page's width and scroll width.
SHOWN_TEXT = """({selector, needles}) => {
  const width = document.documentElement.clientWidth;
  const boxes = (el) => {
    const found = [{left: 0, right: width, top: -Infinity, bottom: Infinity}];
    for (let p = el; p && p !== document.documentElement; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.clip !== "auto" || style.clipPath !== "none") return null;
      if (style.overflowX !== "visible" || style.overflowY !== "visible") found.push(p.getBoundingClientRect());
    }
    return found;
  };
  const within = (r, b) => r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  const clipped = [];
  const found = Object.fromEntries(needles.map((n) => [n, 0]));
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const shown = node.parentElement.checkVisibility({visibilityProperty: true, opacityProperty: true});
      const clips = text && shown ? boxes(node.parentElement) : null;
      if (!clips) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.some((r) => !clips.every((b) => within(r, b)))) clipped.push(text);
      else for (const n of needles) found[n] += text.includes(n) ? 1 : 0;
    }
  }
  return {clipped, found, width, scrollWidth: document.documentElement.scrollWidth};
}"""


def record_visit(browser: Browser, url: str) -> Visit:
    """Load a page, wait until the network is idle, and record what happened."""
    context = browser.new_context()
    context.clock.set_fixed_time(NOW)
    console: list[str] = []
    failed: list[str] = []
    requests: list[str] = []
    context.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    context.on("weberror", lambda e: console.append(str(e.error)))
    context.on("request", lambda r: requests.append(r.url))
    context.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    context.on("response", lambda r: failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)
    try:
        page = context.new_page()
        response = page.goto(url, wait_until="networkidle")
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        ids = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        return Visit(response.status if response else None, console, failed, requests, links, ids)
    finally:
        context.close()


# Relative luminance of a CSS colour given as rgb()/rgba() (alpha ignored: opaque colours here).
def _luminance(css: str) -> float:
    channels = [float(c) / 255 for c in re.findall(r"[\d.]+", css)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
