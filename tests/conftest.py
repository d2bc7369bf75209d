"""Shared fixtures (the helpers they use are in support.py) and the CI rule that nothing may skip."""

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
    """The fixture sites by name ('seminar', 'example', 'example-url', 'lecture', 'minimal'), each built once per session."""
    return BuiltSites(tmp_path_factory)


# Under CI=true nothing may skip: a missing browser or Node package is a failure there.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, but CI=true requires every test to run: {report.longrepr}"
