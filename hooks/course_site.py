"""MkDocs hook: load course.yml in on_config, add the generated pages in on_files.

All course logic lives in the `coursegen` engine; this file only adapts it to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import coursegen
from coursegen.load import CourseError
from coursegen.revisions import Revision, read_revision
from coursegen.site import SiteOutput

_output: SiteOutput | None = None
_serving = False


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


# Remember whether this is `mkdocs serve`; MkDocs keeps this module across its rebuilds.
def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


# Validate course.yml before MkDocs touches site/, and apply course-wide settings. Under
# `mkdocs serve` a broken save prints its errors and the preview keeps the last good
# course: a failed rebuild would leave every page request waiting until the file is fixed.
# Runs before the plugins' own on_config, so search sees the course language.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _output
    _refuse_site_url(config.site_url)
    root = Path(config.config_file_path).parent
    course_file = root / config.extra.get("course_file", "course.yml")
    archived = _archived_term()
    if archived:
        course_file = Path(archived["course_file"])
    try:
        _output = _site_output(course_file, config, archived)
    except CourseError as error:
        report = f"{course_file.name} has {len(error.problems)} problem(s):\n{error}"
        if not (_serving and _output):
            raise PluginError(report) from None
        log.error(f"{report}\nThe preview shows the last good version until {course_file.name} is fixed.")
    _refuse_clashes(Path(config.docs_dir), _output)
    course = _output.course
    # Material prints these unescaped in places (header, <title>, meta tags): as escaped
    # Markup they show as text there, and its `| e` leaves them as they are.
    config.site_name = Markup.escape(course.course.title)
    config.site_description = Markup.escape(config.site_description or _output.description)
    config.site_author = Markup.escape(config.site_author or _output.author)
    config.theme["language"] = course.course.language
    _label_palette_toggles(config, _output.labels)
    config.extra["course"] = _output.theme_data
    if archived:
        labels = _output.labels
        config.extra["course"]["archived"] = {
            "banner": labels["archived_banner"].format(term=course.course.term),
            "current": labels["archived_current"], "home": archived.get("home") or ""}
    if (root / "templates").is_dir():
        config.watch.append(str(root / "templates"))
    return config


# Feeds and the webcal:// link are built on site_url, so it must be a web address.
def _refuse_site_url(site_url: str | None) -> None:
    if site_url and urlsplit(site_url).scheme not in ("http", "https"):
        raise PluginError(
            f"site_url {site_url!r} is not a web address (mkdocs.yml reads it from the SITE_URL environment "
            "variable): use the published https:// address, e.g. https://ACCOUNT.github.io/REPOSITORY/, "
            "or leave SITE_URL unset for a local build"
        )


# A hand-written page at a generated address is an error, found before site/ is cleaned.
def _refuse_clashes(docs_dir: Path, output: SiteOutput) -> None:
    for uri in output.files:
        if (docs_dir / uri).exists():
            raise PluginError(
                f"docs/{uri} clashes with the page the course generates at the same address "
                f"(rename docs/{uri}, or delete it to use the generated page)"
            )


# The past term being built by `coursegen archive`, which sets COURSEGEN_ARCHIVE to a JSON object:
# course_file (that term's file, extracted), source (course.yml in the checkout), commit, and
# home (the current term's address, if known; else the banner links two folders up).
def _archived_term() -> dict | None:
    value = os.environ.get("COURSEGEN_ARCHIVE", "").strip()
    return json.loads(value) if value else None


# Load the course and render everything the site needs from it. A past term reads its
# history up to its own commit and lists no past terms of its own (the current site does).
def _site_output(course_file: Path, config: MkDocsConfig, archived: dict | None = None) -> SiteOutput:
    course = coursegen.load(course_file)
    if archived:
        course = course.model_copy(update={"archive": []})
        revision = read_revision(archived["source"], at=archived["commit"])
    else:
        revision = read_revision(course_file)
    _warn_about_feeds(config, revision)
    today = dt.datetime.now(ZoneInfo(course.course.timezone)).date()
    return SiteOutput.build(course, today=today, templates=course_file.parent / "templates",
                            site_url=config.site_url, revision=revision)


# Name the light/dark toggle in the course language.
def _label_palette_toggles(config: MkDocsConfig, labels: dict) -> None:
    for scheme in config.theme.get("palette") or []:
        if isinstance(scheme, dict) and "toggle" in scheme:
            to_dark = scheme.get("scheme", "default") != "slate"
            scheme["toggle"]["name"] = labels["switch_to_dark" if to_dark else "switch_to_light"]


# Say what makes the calendar and news feeds less useful than they could be.
def _warn_about_feeds(config: MkDocsConfig, revision: Revision) -> None:
    if not config.site_url:
        log.warning("site_url is not set in mkdocs.yml (it reads the SITE_URL environment variable): feed links "
                    "are relative and the webcal:// link needs JavaScript (set SITE_URL to the published address, "
                    "as the Pages workflow does)")
    if revision.unread:
        log.warning("no committed version of the course file could be read with git: every calendar "
                    "SEQUENCE is 0 (commit the file; run the build as the owner of the checkout)")
    if revision.shallow:
        log.warning("shallow git clone: calendar SEQUENCE numbers may come out lower than "
                    "published ones (fetch the full history, e.g. actions/checkout with fetch-depth: 0)")


# Add the generated pages and files (clashes with docs/ were refused in on_config).
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _output is not None
    for uri, content in _output.files.items():
        files.append(File.generated(config, uri, content=content))
    if config.nav is None:
        config.nav = _output.nav(files.documentation_pages())
    return files
