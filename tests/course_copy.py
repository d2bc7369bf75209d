"""A throwaway copy of the course site (config, hook, engine, theme, pages) for build and serve tests."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy_site(dest: Path, course: str) -> Path:
    """Copy mkdocs.yml, hooks/, overrides/ and docs/ into `dest`, with `course` as course.yml."""
    for name in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "course.yml").write_text(course, encoding="utf-8")
    return dest
