"""Screenshots of every page (laptop and phone, light and dark) under test-artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .support import ALL_PAGES, SCHEMES, VIEWPORTS, Site, artifact


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_screenshot(site: str, path: str, scheme: str, viewport: str, sites: Callable[[str], Site],
                    open_page: Callable[..., Page]) -> None:
    """A full-page screenshot, exactly as wide as the screen (nothing sticks out)."""
    page = open_page(scheme=scheme, viewport=viewport)
    page.goto(sites(site).page_url(path))
    name = path.strip("/").replace("/", "-") or "home"
    png = page.screenshot(path=artifact("screenshots", site, f"{name}-{viewport}-{scheme}.png"), full_page=True)
    assert png.startswith(b"\x89PNG")
    assert int.from_bytes(png[16:20], "big") == VIEWPORTS[viewport]["width"]  # the IHDR width
