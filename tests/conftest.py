"""Shared fixtures (the helpers they use are in support.py), the kinds of test, and the CI rule that
nothing may skip.

Every test has one kind, a pytest marker, so that a part of the suite can run alone:
`engine` (in process, no build), `property` (hypothesis runs of the engine), `build` (real
`mkdocs build`s and the command line), `readers` (calendar readers beyond Python's: ical.js,
ts-ics, node-ical, libical, calcurse, khal), `browser` (Chromium), `lint` (ruff, mypy, actionlint). A module names
its kind in `TIER`; a test may name another with `@pytest.mark.tier("...")`; the browser tests are
`browser`. `fast` marks the one build that the fast command adds to the engine tests
(README: `pytest -m "engine or fast"`).
"""

from __future__ import annotations

import os

import pytest
from support import BuiltSites, in_ci

# What a developer may have exported must not change what the tests build: the published
# address (mkdocs.yml reads SITE_URL), the build time, the archive a build is part of and the
# build's today. Tests that need one pass it explicitly.
for _variable in ("SITE_URL", "SOURCE_DATE_EPOCH", "COURSEGEN_ARCHIVE", "COURSEGEN_TODAY"):
    os.environ.pop(_variable, None)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSites:
    """The fixture sites by name ('seminar', 'example', 'example-url', 'lecture', 'us', 'minimal'), each built once per session."""
    return BuiltSites(tmp_path_factory)


TIERS = ("engine", "property", "build", "readers", "browser", "lint")


# Each test's kind as a marker: its own tier mark, else its module's TIER (browser for tests/browser/).
def _tier(item: pytest.Item) -> str:
    own = item.get_closest_marker("tier")
    if own is not None:
        return str(own.args[0])
    module = getattr(item, "module", None)
    if "browser" in item.path.parts:
        return "browser"
    tier = getattr(module, "TIER", None)
    if tier is None:
        raise pytest.UsageError(f"{item.path.name} names no TIER (one of {', '.join(TIERS)}): see tests/conftest.py")
    return str(tier)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "tier(name): this test's kind, where it differs from its module's TIER")
    config.addinivalue_line("markers", "fast: a build the fast command runs with the engine tests")
    for tier in TIERS:
        config.addinivalue_line("markers", f"{tier}: a test of this kind (tests/conftest.py)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = _tier(item)
        if tier not in TIERS:
            raise pytest.UsageError(f"{item.nodeid}: unknown tier {tier!r} (one of {', '.join(TIERS)})")
        item.add_marker(tier)


# Under CI=true nothing may skip: a missing browser or Node package is a failure there.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, but CI=true requires every test to run: {report.longrepr}"
