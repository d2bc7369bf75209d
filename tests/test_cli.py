"""The command line (`python -m coursegen check | schema | reference`) and the pre-commit hooks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import ROOT, copy_project, environment, git, mkdocs_build, run_coursegen
from test_errors import MINIMAL

from coursegen.reference import reference_text
from coursegen.schema import schema_text

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

BROKEN = MINIMAL.replace("weight: 60", "weight: 0").replace("year: 2023", "year: 23")
BROKEN_LINES = [
    "course.yml:35:13: deliverables.0.weight: must be greater than 0 (use a larger number)",
    "course.yml:51:11: papers.1.year: must be greater than or equal to 1900 (use a larger number)",
]


# Run pre-commit of the test environment's Python in `cwd`.
def pre_commit(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=environment(**env),
                          capture_output=True, text=True, timeout=300, check=False)


def test_check_passes_a_valid_course(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_text(MINIMAL, encoding="utf-8")
    result = run_coursegen("check", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "course.yml: no mistakes (2 dates, 2 deliverables, 2 papers)\n", "")


def test_check_prints_every_mistake_and_fails(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_text(BROKEN, encoding="utf-8")
    result = run_coursegen("check", "course.yml", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "\n".join(BROKEN_LINES) + "\n")


def test_check_names_each_file_as_given(tmp_path: Path) -> None:
    for name, text in (("good", MINIMAL), ("bad", BROKEN)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "course.yml").write_text(text, encoding="utf-8")
    result = run_coursegen("check", "good/course.yml", "bad/course.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "good/course.yml: no mistakes (2 dates, 2 deliverables, 2 papers)\n"
    assert result.stderr.splitlines() == [f"bad/{line}" for line in BROKEN_LINES]


def test_check_reports_a_missing_file(tmp_path: Path) -> None:
    result = run_coursegen("check", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        1, "course.yml:1:1: cannot read course.yml: No such file or directory (check the file name and path)\n")


def test_build_prints_the_same_lines_and_leaves_the_site_alone(tmp_path: Path) -> None:
    site = copy_project(ROOT, tmp_path, MINIMAL)
    assert mkdocs_build(site, site / "site").returncode == 0
    before = (site / "site" / "index.html").read_bytes()
    (site / "course.yml").write_text(BROKEN, encoding="utf-8")
    build = mkdocs_build(site, site / "site")
    check = run_coursegen("check", cwd=site)
    assert (build.returncode, check.returncode) == (1, 1)
    assert f"course.yml has 2 problem(s):\n{check.stderr}" in build.output
    assert "Traceback" not in build.output
    assert (site / "site" / "index.html").read_bytes() == before


def test_schema_and_reference_commands_write_the_generated_files(tmp_path: Path) -> None:
    for command, name, text in (("schema", "s.json", schema_text()), ("reference", "r.md", reference_text())):
        result = run_coursegen(command, "--output", name, cwd=tmp_path)
        assert (result.returncode, result.stdout) == (0, f"wrote {name}\n")
        assert (tmp_path / name).read_text(encoding="utf-8") == text


def test_pre_commit_files_are_valid() -> None:
    assert pre_commit(ROOT, "validate-manifest", ".pre-commit-hooks.yaml").returncode == 0
    assert pre_commit(ROOT, "validate-config", ".pre-commit-config.yaml").returncode == 0


def test_pre_commit_hook_stops_a_broken_course(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text((ROOT / ".pre-commit-config.yaml").read_text())
    (repo / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    for text, status in ((BROKEN, 1), (MINIMAL, 0)):
        (repo / "course.yml").write_text(text, encoding="utf-8")
        result = pre_commit(repo, "run", "--files", "course.yml", "--config", ".pre-commit-config.yaml",
                            PRE_COMMIT_HOME=str(tmp_path / "cache"))
        assert result.returncode == status, result.stdout + result.stderr
        assert (BROKEN_LINES[0] in result.stdout) == (status == 1)
