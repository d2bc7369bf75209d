"""Helpers shared by the test modules.

One skip policy: a test that needs something this machine lacks (Chromium, Node and
ical.js, a calendar reader, actionlint) calls `unavailable`. It skips on a developer's
machine and fails under CI=true, where `.ci/run` installs everything and nothing may skip.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """True where every test must run (CI=true)."""
    return os.environ.get("CI") == "true"


def unavailable(reason: str) -> NoReturn:
    """Skip the running test for `reason`, or fail it under CI=true."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: every test must run, not skip)", pytrace=False)
    pytest.skip(reason)
