"""What the first paint of every built page depends on: no empty banner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import SITES, BuiltSites

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


def pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, the 404 page included."""
    return sorted(site.rglob("*.html"))


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
