"""axe-core finds no WCAG 2.1 A/AA violation on any page, in the light and the dark scheme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .support import ALL_PAGES, SCHEMES, Site

# Only the rules of WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def axe() -> Axe:
    """axe-core, injected into each page it checks."""
    return Axe()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_no_wcag_violations(site: str, path: str, scheme: str, axe: Axe,
                            sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """Zero axe violations of WCAG 2.1 A and AA, in the colour scheme under test."""
    page = open_page(scheme=scheme)
    page.goto(sites(site).page_url(path))
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    violations = axe.run(page, options=WCAG_21_AA).response["violations"]
    assert [_describe(v) for v in violations] == []


# One line per violated rule: id, what it wants, and the first offending elements.
def _describe(violation: dict[str, Any]) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    return f"{violation['id']}: {violation['help']} at {targets}"
