"""MkDocs hook: load course.yml in on_config, add the generated pages in on_files.

All course logic lives in the `coursegen` engine; this file only adapts it to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import coursegen
from coursegen.load import CourseError
from coursegen.revisions import Revision, read_revision
from coursegen.site import SiteOutput

_output: SiteOutput | None = None


# A console logger outside "mkdocs.": its warnings mean degraded feeds, not a broken
# site, so they are printed like MkDocs' own but do not make `--strict` builds fail.
def _console_logger() -> logging.Logger:
    logger = logging.getLogger("coursegen")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        logger.addHandler(handler)
    return logger


log = _console_logger()


# ---- Events -----------------------------------------------------------------


# Validate course.yml before MkDocs touches site/, and apply course-wide settings; runs
# before the plugins' own on_config, so search sees the course language.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _output
    root = Path(config.config_file_path).parent
    course_file = root / config.extra.get("course_file", "course.yml")
    try:
        course = coursegen.load(course_file)
    except CourseError as error:
        raise PluginError(f"{course_file.name} has {len(error.problems)} problem(s):\n{error}") from None
    revision = read_revision(course_file)
    _warn_about_feeds(config, revision)
    today = dt.datetime.now(ZoneInfo(course.course.timezone)).date()
    _output = SiteOutput.build(course, today=today, templates=root / "templates",
                               site_url=config.site_url, revision=revision)
    config.site_name = course.course.title
    config.site_description = config.site_description or _output.description
    config.site_author = config.site_author or _output.author
    config.theme["language"] = course.course.language
    _label_palette_toggles(config, _output.labels)
    config.extra["course"] = _output.theme_data
    if (root / "templates").is_dir():
        config.watch.append(str(root / "templates"))
    return config


# Name the light/dark toggle in the course language.
def _label_palette_toggles(config: MkDocsConfig, labels: dict) -> None:
    for scheme in config.theme.get("palette") or []:
        if isinstance(scheme, dict) and "toggle" in scheme:
            to_dark = scheme.get("scheme", "default") != "slate"
            scheme["toggle"]["name"] = labels["switch_to_dark" if to_dark else "switch_to_light"]


# Say what makes the calendar and news feeds less useful than they could be.
def _warn_about_feeds(config: MkDocsConfig, revision: Revision) -> None:
    if not config.site_url:
        log.warning("site_url is not set in mkdocs.yml: feed links are relative and the webcal:// link "
                    "needs JavaScript (set site_url to the published address)")
    if revision.unread:
        log.warning("no committed version of the course file could be read with git: every calendar "
                    "SEQUENCE is 0 (commit the file; run the build as the owner of the checkout)")
    if revision.shallow:
        log.warning("shallow git clone: calendar SEQUENCE numbers may come out lower than "
                    "published ones (fetch the full history, e.g. actions/checkout with fetch-depth: 0)")


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
