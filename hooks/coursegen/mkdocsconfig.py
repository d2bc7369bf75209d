"""What `check` reads from the site's mkdocs.yml: that the course hook is on, and docs_dir."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .agenda import Agenda
from .links import broken_links
from .loader import CourseError
from .site import SiteOutput
from .yamlsource import Problem

HOOK = "course_site.py"


def site_problems(course_file: Path, agenda: Agenda, config_file: Path) -> None:
    """Raise CourseError when the MkDocs config would not build the course site, or when a
    Markdown field links to a file that the site does not have."""
    config = _read(config_file)
    hooks = config.get("hooks") or []
    if not any(isinstance(hook, str) and Path(hook).name == HOOK for hook in hooks):
        raise CourseError(str(config_file), [Problem(
            1, 1, "hooks", f"the course hook is not enabled: this site would be built without any course page "
                           f"(add 'hooks:' with '- hooks/{HOOK}', as in the example mkdocs.yml)")])
    docs_dir = config_file.parent / str(config.get("docs_dir") or "docs")
    output = SiteOutput.build(agenda, today=dt.date.today(), templates=course_file.parent / "templates")
    if problems := broken_links(course_file, agenda.course, docs_dir, output.files):
        raise CourseError(course_file.name, problems)


# The config as plain data; MkDocs' own tags (!ENV, !!python/name) are read as plain values.
def _read(config_file: Path) -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader)
    except OSError as error:
        raise CourseError(str(config_file), [Problem(1, 1, "", f"cannot read {config_file}: {error.strerror} "
                                                               "(check the file name and path)")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CourseError(str(config_file), [Problem(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                                                     "", f"not valid YAML (fix the syntax): {error}")]) from None
    return data if isinstance(data, dict) else {}
