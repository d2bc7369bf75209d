"""The repository's own course.yml, checked only by properties true of every valid course.

Whatever an instructor validly writes there (news, dates, a block course, weekly series, a new
term with the past ones archived), these pass; what they check is worked out from the file
itself (tests/properties.py, SITE_PATH_CHECKS). The workflow's site path runs this file with
SITE_PATH=1: Python calendar readers only, no Node, no browser. tests/test_site_path.py runs the
same checks with each fixture course as the live one.
"""

from __future__ import annotations

import properties
import pytest
from support import ROOT

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> properties.Live:
    """The live course built once as the site path builds it, into a temporary folder."""
    folder = tmp_path_factory.mktemp("live")
    properties.build_site(ROOT, folder / "site")
    return properties.Live(ROOT, folder / "site", folder, properties.parsers())


@pytest.mark.parametrize("check", properties.SITE_PATH_CHECKS)
def test_the_live_course_has_every_property(live: properties.Live, check: str) -> None:
    properties.SITE_PATH_CHECKS[check](live)
