"""`python -m bench.profile [N]`: where the time goes, as pyinstrument call trees.

Profiles one engine pass and one in-process `mkdocs build` of the synthetic course
with N papers and dated items (0: the seminar's own course.yml). Needs the pins in
bench/requirements.txt.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from pyinstrument import Profiler

from .probe import engine_pass
from .project import copy_project
from .synth import course_yaml


# The call tree of one call, as text.
def _profile(call: Callable[[], object]) -> str:
    profiler = Profiler(interval=0.001)
    profiler.start()
    call()
    profiler.stop()
    return profiler.output_text(unicode=True, color=False)


def main(n: int) -> None:
    """Print the engine's and the whole build's profile for a course of size n."""
    with tempfile.TemporaryDirectory(prefix="coursegen-profile-") as tmp:
        project = copy_project(Path(tmp) / "project", course_yaml(n) if n else None)
        print(_profile(lambda: engine_pass(project, None)))
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(Path(tmp) / "site"))
        print(_profile(lambda: build(config)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
