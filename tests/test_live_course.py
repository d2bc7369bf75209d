"""The repository's own course.yml, checked only by properties true of every valid course.

Whatever an instructor validly writes there (news, dates, a block course, a new term),
these pass; what they check is worked out from the file itself (tests/properties.py).
The workflow's site path runs this file with SITE_PATH=1: Python calendar readers only,
no Node, no browser.
"""

from __future__ import annotations

from pathlib import Path

import properties
import pytest
from clients import Read
from support import ROOT

COURSE = ROOT / "course.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live course built once, strictly, into a temporary folder."""
    folder = tmp_path_factory.mktemp("live") / "site"
    properties.strict_build(ROOT, folder)
    return folder


@pytest.fixture(scope="module")
def feed(site: Path) -> dict[str, Read]:
    """The feed as every reader reads it (after checking every .ics and news.xml parse)."""
    return properties.feeds_parse(site)


def test_check_passes() -> None:
    properties.check_passes(COURSE)


def test_every_page_and_file_exists(site: Path) -> None:
    properties.every_file_exists(ROOT, COURSE, site)


def test_feeds_parse_in_every_reader(feed: dict[str, Read]) -> None:
    assert sorted(feed) == sorted(properties.parsers())


def test_every_fixed_date_is_in_the_feed_at_its_instant(feed: dict[str, Read]) -> None:
    properties.dates_at_their_instants(COURSE, feed)


def test_rebuild_is_byte_identical(site: Path, tmp_path: Path) -> None:
    properties.rebuild_is_identical(ROOT, site, tmp_path / "again")
