"""MkDocs hook: load course.yml in on_config, add the generated pages in on_files.

All course logic lives in the `coursegen` engine; this file only adapts it to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import coursegen
from coursegen.load import CourseError
from coursegen.site import SiteOutput

_output: SiteOutput | None = None
_serving = False


# ---- Events -----------------------------------------------------------------


# Remember whether this is `mkdocs serve`; MkDocs keeps this module across its rebuilds.
def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


# Validate course.yml before MkDocs touches site/, and apply course-wide settings. Under
# `mkdocs serve` a broken save prints its errors and the preview keeps the last good
# course: a failed rebuild would leave every page request waiting until the file is fixed.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _output
    root = Path(config.config_file_path).parent
    course_file = root / config.extra.get("course_file", "course.yml")
    try:
        _output = SiteOutput.build(coursegen.load(course_file), today=dt.date.today(),
                                   templates=root / "templates", site_url=config.site_url)
    except CourseError as error:
        report = f"{course_file.name} has {len(error.problems)} problem(s):\n{error}"
        if not (_serving and _output):
            raise PluginError(report) from None
        print(f"{report}\nThe preview shows the last good version until {course_file.name} is fixed.",
              file=sys.stderr)
    course = _output.course
    config.site_name = course.course.title
    config.theme["language"] = course.course.language
    config.extra["course"] = _output.theme_data
    if (root / "templates").is_dir():
        config.watch.append(str(root / "templates"))
    return config


# Add generated pages and files; refuse to overwrite a hand-written page silently.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _output is not None
    for uri, content in _output.files.items():
        existing = files.get_file_from_path(uri)
        if existing is not None and not existing.generated_by:
            raise PluginError(
                f"docs/{uri} clashes with the page the course generates at the same address "
                f"(rename docs/{uri}, or delete it to use the generated page)"
            )
        files.append(File.generated(config, uri, content=content))
    if config.nav is None:
        config.nav = _output.nav(files.documentation_pages())
    return files
