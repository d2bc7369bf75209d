"""Golden files: the generated Markdown and BibTeX of both courses, byte for byte.

After an intended change, regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`
and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import COURSES
from coursegen import load
from coursegen.site import SiteOutput

GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2026, 11, 27)


# Every generated text file of a course, by address.
def generated(project: Path) -> dict[str, str]:
    output = SiteOutput.build(load(project / "course.yml"), today=TODAY)
    return {uri: content for uri, content in output.files.items() if isinstance(content, str)}


@pytest.mark.parametrize("name", sorted(COURSES))
def test_generated_files_match_golden(name: str) -> None:
    files = generated(COURSES[name])
    folder = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            stale.unlink()
        for uri, content in files.items():
            (folder / uri.replace("/", "__")).write_text(content, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert sorted(expected) == sorted(uri.replace("/", "__") for uri in files)
    for uri, content in files.items():
        assert content == expected[uri.replace("/", "__")], f"{name}/{uri} differs from its golden file"
