"""Lint and types: ruff (the rule set in pyproject.toml) passes on all Python code, and mypy
passes in strict mode on the engine and the hook. Both are pinned test dependencies.

Each check is also run on a seeded mistake, so a linter that silently checks nothing fails here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from support import ROOT, unavailable

from coursegen.yamlsource import parse

TIER = "lint"  # the kind of test (conftest.py: pytest -m lint)


def run(tool: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool, path=str(Path(sys.executable).parent)) is None:
        unavailable(f"{tool} is not installed (pip install -r requirements.lock)")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)


def test_ruff_passes_on_all_python_code() -> None:
    result = run("ruff", "check", "--no-cache", "hooks", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed!" in result.stdout


# mypy's own incremental cache (.mypy_cache/, as pre-commit's run uses): a second run checks only what changed.
def test_mypy_strict_passes_on_the_engine_and_the_hook() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found in ")
    checked = int(result.stdout.split(" in ")[1].split()[0])
    engine = len(list((ROOT / "hooks" / "coursegen").rglob("*.py")))
    assert checked == engine + 1  # every engine module and the hook


def test_the_configuration_is_strict_and_covers_the_engine() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert config["mypy"]["strict"] is True
    assert set(config["mypy"]["files"]) == {"hooks/coursegen", "hooks/course_site.py"}
    assert {"E", "F", "I", "B", "UP"} <= set(config["ruff"]["lint"]["select"])


# The same project layout with one mistake each linter must report.
@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "hooks" / "coursegen").mkdir(parents=True)
    (tmp_path / "hooks" / "course_site.py").write_text('"""The hook."""\n', encoding="utf-8")
    (tmp_path / "hooks" / "coursegen" / "__init__.py").write_text(
        '"""The engine."""\n\nimport os\n\n\ndef share(weight, count):\n    return weight * count\n',
        encoding="utf-8")
    return tmp_path


def test_ruff_reports_a_seeded_mistake(seeded: Path) -> None:
    result = run("ruff", "check", "--no-cache", "--output-format", "concise", "hooks", cwd=seeded)
    assert result.returncode == 1
    assert "hooks/coursegen/__init__.py:3:8: F401 `os` imported but unused" in result.stdout


def test_mypy_reports_a_seeded_mistake(seeded: Path) -> None:
    result = run("mypy", "--cache-dir", str(seeded / "cache"), cwd=seeded)
    assert result.returncode == 1
    assert 'hooks/coursegen/__init__.py:6: error: Function is missing a type annotation  [no-untyped-def]' \
        in result.stdout


def test_pre_commit_runs_both() -> None:
    hooks = {hook["id"]: hook for repo in parse((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")).data["repos"]
             for hook in repo["hooks"]}
    assert hooks["ruff"]["entry"].endswith("ruff check --force-exclude")
    assert hooks["mypy"]["entry"].endswith("mypy")
    assert hooks["mypy"]["pass_filenames"] is False
