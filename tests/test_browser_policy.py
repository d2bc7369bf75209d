"""Browser tests skip on a machine without Chromium, but fail there when CI=true."""

from __future__ import annotations

import os
import subprocess
import sys

from support import ROOT

TIER = "browser"  # the kind of test (conftest.py: pytest -m browser)


# One parametrized browser test is enough to see the policy.
SAMPLE = "tests/browser/test_pages.py::test_page_loads_cleanly"


# Run the sample browser test with a Chromium that does not exist.
def _run_without_chromium(ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"CHROMIUM": "no-such-chromium"}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", SAMPLE],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_browser_tests_skip_without_chromium() -> None:
    """Without Chromium and without CI=true, browser tests are skipped, not failed."""
    run = _run_without_chromium(ci=False)
    assert run.returncode == 0, run.stdout
    assert "skipped" in run.stdout and "passed" not in run.stdout and "failed" not in run.stdout


def test_browser_tests_fail_without_chromium_in_ci() -> None:
    """With CI=true, a missing Chromium fails the browser tests instead of skipping them."""
    run = _run_without_chromium(ci=True)
    assert run.returncode == 1, run.stdout
    assert "CI=true" in run.stdout and "skipped" not in run.stdout
