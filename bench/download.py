"""Section 4a: what a first-time visitor's browser downloads for each page."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Request, sync_playwright

from .gzserve import COMPRESSLEVEL

# The Chromium flags the project uses everywhere for Debian's Chromium.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass(frozen=True)
class Download:
    """Requests and bytes of one page load with an empty cache."""

    page: str
    requests: int
    transferred: int
    uncompressed: int
    failed: int


def pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path: each folder holding an index.html."""
    found = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return sorted("" if path == "." else f"{path}/" for path in found)


# Bytes on the wire for one request (headers + encoded body) and its decoded body size.
# Chromium reports no body size for a web worker's script; for those the encoded size is
# recomputed exactly as gzserve compresses (same level, no timestamp).
def _sizes(request: Request) -> tuple[int, int]:
    sizes = request.sizes()
    response = request.response()
    body = response.body() if response and response.status < 300 else b""
    encoded = sizes["responseBodySize"]
    if not encoded and body:
        gzipped = response is not None and response.headers.get("content-encoding") == "gzip"
        encoded = len(gzip.compress(body, compresslevel=COMPRESSLEVEL, mtime=0)) if gzipped else len(body)
    return sizes["responseHeadersSize"] + encoded, len(body)


# Load one page in a fresh context (empty cache) and count what it fetched.
def _visit(browser: Browser, base: str, page_path: str) -> Download:
    context = browser.new_context()
    finished: list[Request] = []
    failed: list[Request] = []
    page = context.new_page()
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request))
    page.goto(base + page_path, wait_until="networkidle", timeout=60_000)
    sizes = [_sizes(r) for r in finished]
    context.close()
    return Download("/" + page_path, len(finished) + len(failed), sum(s[0] for s in sizes),
                    sum(s[1] for s in sizes), len(failed))


def measure(base: str, page_paths: list[str], chromium: str) -> list[Download]:
    """Load each page once in headless Chromium and sum its requests and bytes."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return [_visit(browser, base, path) for path in page_paths]
        finally:
            browser.close()
