"""Golden files: every generated file of the fixture courses (Markdown, BibTeX, .ics, Atom), byte for byte.

After an intended change, regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`
and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from support import FIXTURES

from coursegen import load
from coursegen.agenda import resolve
from coursegen.site import SiteOutput

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


GOLDEN = Path(__file__).parent / "golden"
PROJECTS = FIXTURES
TODAY = dt.date(2026, 11, 27)


# Every generated file of a course as bytes, by golden file name.
def generated(project: Path) -> dict[str, bytes]:
    output = SiteOutput.build(resolve(load(project / "course.yml")), today=TODAY)
    return {uri.replace("/", "__"): content if isinstance(content, bytes) else content.encode("utf-8")
            for uri, content in output.files.items()}


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_generated_files_match_golden(name: str) -> None:
    files = generated(PROJECTS[name])
    folder = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            stale.unlink()
        for golden_name, content in files.items():
            (folder / golden_name).write_bytes(content)
    expected = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert sorted(expected) == sorted(files)
    for golden_name, content in files.items():
        assert content == expected[golden_name], f"{name}/{golden_name} differs from its golden file"
