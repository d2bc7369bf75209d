"""Publishing on a web server: `.ci/upload-site` (rsync over ssh, tried here on local folders)
and the workflow variant `.github/site-rsync.yml`, which actionlint accepts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import unavailable
from test_workflow import CURRENT, ROOT, WORKFLOWS, actionlint

from coursegen.yamlsource import parse

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


UPLOAD = ROOT / ".ci" / "upload-site"
VARIANT = ROOT / ".github" / "site-rsync.yml"


def upload(site: Path, target: Path, mode: str | None = None) -> subprocess.CompletedProcess[str]:
    if shutil.which("rsync") is None:
        unavailable("rsync is not installed (apt-get install rsync)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEPLOY_")}
    env.update({"DEPLOY_TARGET": str(target), **({"DEPLOY_MODE": mode} if mode else {})})
    return subprocess.run(["bash", str(UPLOAD), str(site)], env=env, capture_output=True, text=True, timeout=60,
                          check=False)


def site(folder: Path, pages: dict[str, str]) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_sync_uploads_the_site_and_deletes_what_it_no_longer_has(tmp_path: Path) -> None:
    www = tmp_path / "www"
    first = upload(site(tmp_path / "site", {"index.html": "1", "papers/index.html": "p"}), www)
    assert first.returncode == 0 and first.stdout == f"uploaded {tmp_path / 'site'}/ to {www} (sync)\n", first.stderr
    assert upload(site(tmp_path / "site", {"index.html": "2", "news/index.html": "n"}), www).returncode == 0
    assert sorted(p.relative_to(www).as_posix() for p in www.rglob("*.html")) == ["index.html", "news/index.html"]
    assert (www / "index.html").read_text(encoding="utf-8") == "2"
    script = UPLOAD.read_text(encoding="utf-8")
    assert "rsync -rlpz --checksum --delete-after --delay-updates" in script


def test_release_switches_a_symlink_and_keeps_three_releases(tmp_path: Path) -> None:
    root = tmp_path / "course"
    for n in range(4):
        result = upload(site(tmp_path / "site", {"index.html": "same", "n.html": str(n)}), root, "release")
        assert result.returncode == 0, result.stderr
    current = root / "current"
    assert current.is_symlink() and (current / "n.html").read_text(encoding="utf-8") == "3"
    releases = sorted((root / "releases").iterdir())
    assert len(releases) == 3 and current.resolve() == releases[-1].resolve()
    assert (current / "index.html").stat().st_nlink > 1  # an unchanged file is a hard link, not a copy


@pytest.mark.parametrize(("pages", "mode", "message"), [
    ({}, None, "upload-site: {site}/index.html is missing: build the site first\n"),
    ({"index.html": "x"}, "ftp", "upload-site: DEPLOY_MODE must be sync or release, not 'ftp'\n"),
])
def test_upload_refuses_clearly(tmp_path: Path, pages: dict[str, str], mode: str | None, message: str) -> None:
    folder = site(tmp_path / "site", pages)
    folder.mkdir(exist_ok=True)
    result = upload(folder, tmp_path / "www", mode)
    assert (result.returncode, result.stderr) == (1, message.format(site=folder))
    assert not (tmp_path / "www").exists()


def test_actionlint_accepts_the_web_server_variant_and_catches_a_broken_one(tmp_path: Path) -> None:
    assert VARIANT.parent != WORKFLOWS  # not active until moved into .github/workflows/
    result = actionlint(VARIANT)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
    broken = tmp_path / "site-rsync.yml"
    broken.write_text(VARIANT.read_text(encoding="utf-8").replace("steps.venv.outputs", "steps.env.outputs"))
    assert 'property "env" is not defined' in actionlint(broken).stdout


def test_the_variant_takes_the_site_path_then_uploads_with_the_published_address() -> None:
    flow = parse(VARIANT.read_text(encoding="utf-8")).data
    assert flow["on"]["push"] == {"branches": ["main"]}
    found = flow["jobs"]["publish"]["steps"]
    for step in found:
        if "uses" in step:
            action, version = step["uses"].split("@")
            assert CURRENT[action] == version, step["uses"]
    assert found[0]["with"]["fetch-depth"] == 0
    build, send = found[-2], found[-1]
    assert build["run"] == "bash .ci/site-path" and build["env"]["SITE_URL"] == "${{ vars.SITE_URL }}"
    assert send["run"] == "bash .ci/upload-site site" and send["if"] == "github.ref == 'refs/heads/main'"
    assert send["env"]["DEPLOY_SSH_KEY"] == "${{ secrets.DEPLOY_SSH_KEY }}"
    assert send["env"]["DEPLOY_KNOWN_HOSTS"] == "${{ secrets.DEPLOY_KNOWN_HOSTS }}"
