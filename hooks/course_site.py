"""MkDocs hook: load course.yml in on_config, add the generated pages in on_files.

All course logic lives in the `coursegen` engine; this file only adapts it to MkDocs.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import rcssmin
import rjsmin
import tinycss2
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler

from coursegen.agenda import resolve
from coursegen.archive import check_past_terms
from coursegen.generate import clashes, label_palette_toggles, label_permalinks, theme_language
from coursegen.i18n import LabelError
from coursegen.links import broken_links
from coursegen.loader import CourseError, check
from coursegen.revisions import Revision, read_revision
from coursegen.site import SiteOutput, build_date

_output: SiteOutput | None = None
_serving = False
_command = ""
_publish: _Publication | None = None


# MkDocs' own console handlers, without the counter that makes `--strict` fail.
class _MkDocsConsole(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        handlers = [h for h in logging.getLogger("mkdocs").handlers if not isinstance(h, CountHandler)]
        for handler in handlers or ([logging.lastResort] if logging.lastResort else []):
            if record.levelno >= handler.level:
                handler.handle(record)


# A child of MkDocs' logger, so `mkdocs -q` and `-v` set its level, printed by MkDocs' own
# handler. It does not propagate: its warnings mean degraded feeds, not a broken site, so
# they do not make `--strict` builds fail.
def _console_logger() -> logging.Logger:
    logger = logging.getLogger("mkdocs.plugins.coursegen")
    logger.propagate = False
    if not logger.handlers:
        logger.addHandler(_MkDocsConsole())
    return logger


log = _console_logger()


# ---- Events -----------------------------------------------------------------


# Remember whether this is `mkdocs serve`; MkDocs keeps this module across its rebuilds.
def on_startup(command: str, dirty: bool) -> None:
    global _serving, _command
    _serving = command == "serve"
    _command = "" if dirty else command


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
        _output = _site_output(course_file, config, Path(config.docs_dir), archived)
    except LabelError as error:  # a broken label file: the same for every course, never served
        raise PluginError(str(error)) from None
    except CourseError as error:
        report = f"{course_file.name} has {len(error.problems)} problem(s):\n{error}"
        if not (_serving and _output):
            raise PluginError(report) from None
        log.error(f"{report}\nThe preview shows the last good version until {course_file.name} is fixed.")
    except Exception as error:  # an engine failure must not stall the preview either
        if not (_serving and _output):
            raise
        log.error(f"the course pages could not be generated: {type(error).__name__}: {error}\n"
                  f"The preview shows the last good version until this is fixed.")
    try:
        _refuse_clashes(Path(config.docs_dir), _output)
    except PluginError as error:
        if not _serving:
            raise
        log.error(f"{error}\nThe preview shows the generated page until this is fixed.")
    course = _output.course
    # Material prints these unescaped in places (header, <title>, meta tags): as escaped
    # Markup they show as text there, and its `| e` leaves them as they are.
    config.site_name = Markup.escape(course.course.title)
    config.site_description = Markup.escape(config.site_description or _output.description)
    config.site_author = Markup.escape(config.site_author or _output.author)
    config.theme["language"] = theme_language(course.course.language)
    label_palette_toggles(config.theme, _output.labels)
    config.mdx_configs.update({name: label_permalinks(name, options, _output.labels)
                               for name, options in config.mdx_configs.items()})
    config.extra["course"] = _output.theme_data
    if archived:
        labels = _output.labels
        config.extra["course"]["archived"] = {
            "banner": labels["archived_banner"].format(term=course.course.term),
            "current": labels["archived_current"], "home": archived.get("home") or ""}
    if (root / "templates").is_dir():
        config.watch.append(str(root / "templates"))
    global _publish
    if _command in ("build", "gh-deploy"):
        _publish = _Publication(config)
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
    for name in clashes(docs_dir, list(output.files)):
        raise PluginError(
            f"docs/{name} clashes with the page the course generates at the same address "
            f"(rename docs/{name}, or delete it to use the generated page)"
        )


# The built site goes to a fresh folder next to site_dir and replaces site_dir in one
# rename only after MkDocs has finished without error, strict-mode warnings included
# (MkDocs counts them after on_post_build and reports the abort to on_build_error).
# A failed or killed build leaves the published folder exactly as it was.
class _Publication:
    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.target = Path(config.site_dir).resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()
        self.staging = self.target.with_name(f".{self.target.name}.building-{os.getpid()}")
        shutil.rmtree(self.staging, ignore_errors=True)
        config.site_dir = str(self.staging)
        self.finished = False

    # Folders of earlier builds that were killed before they could be published.
    def _remove_leftovers(self) -> None:
        for stale in self.target.parent.glob(f".{self.target.name}.building-*"):
            pid = stale.name.rsplit("-", 1)[-1]
            if not (pid.isdigit() and _running(int(pid))):
                shutil.rmtree(stale, ignore_errors=True)

    # Put the staged site in place (the old one goes in the same step), or drop it.
    def close(self) -> None:
        self.config.site_dir = str(self.target)
        if self.finished and self.staging.is_dir():
            if self.target.exists():
                _exchange(self.staging, self.target)
            else:
                os.rename(self.staging, self.target)
        shutil.rmtree(self.staging, ignore_errors=True)


# Whether a process with this id is alive.
def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != os.getpid()


# Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); elsewhere two renames.
def _exchange(new: Path, old: Path) -> None:
    rename_exchange, at_cwd = 2, -100
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None and renameat2(at_cwd, os.fsencode(new), at_cwd, os.fsencode(old),
                                           rename_exchange) == 0:
        return
    aside = old.with_name(old.name + ".old")
    shutil.rmtree(aside, ignore_errors=True)
    os.rename(old, aside)
    os.rename(new, old)
    os.rename(aside, new)


# The past term being built by `coursegen archive`, which sets COURSEGEN_ARCHIVE to a JSON object:
# course_file (that term's file, extracted), source (course.yml in the checkout), commit, and
# home (the current term's address, if known; else the banner links two folders up).
def _archived_term() -> dict[str, Any] | None:
    value = os.environ.get("COURSEGEN_ARCHIVE", "").strip()
    return json.loads(value) if value else None


# Load the course and render everything the site needs from it. A past term reads its
# history up to its own commit and lists no past terms of its own (the current site does).
def _site_output(course_file: Path, config: MkDocsConfig, docs_dir: Path,
                 archived: dict[str, Any] | None = None) -> SiteOutput:
    checked = check(course_file)
    past_terms = [] if archived else check_past_terms(course_file, checked.course)
    for line in checked.warning_lines(course_file.name) + [p.format(course_file.name, "warning") for p in past_terms]:
        log.warning(line)
    course = checked.course
    if archived:
        course = course.model_copy(update={"archive": []})
        revision = read_revision(archived["source"], at=archived["commit"])
    else:
        revision = read_revision(course_file)
    _warn_about_feeds(config, revision)
    try:
        today = build_date(course.course.timezone)
    except ValueError as error:
        raise PluginError(str(error)) from None
    agenda = checked.agenda if not archived else resolve(course)
    output = SiteOutput.build(agenda, today=today, templates=course_file.parent / "templates",
                              site_url=config.site_url, revision=revision)
    log.debug(f"{len(output.files)} pages and files generated from {course_file.name}")
    if problems := broken_links(course_file, course, docs_dir, output.files):
        raise CourseError(course_file.name, problems)
    return output


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


# ---- Theme styles and the script of what depends on now -------------------------

# The course's stylesheets in the theme (overrides/), by the name main.html writes them under, and
# the script it writes into pages with times (now.js: it runs before the first paint).
_STYLESHEETS = {"screen": "assets/stylesheets/course.css", "print": "assets/stylesheets/course-print.css"}
_INLINE_SCRIPTS = {"now": "assets/javascripts/now.js"}


def minify_css(text: str) -> str:
    """CSS without comments and without white space where it means nothing (rcssmin)."""
    return str(rcssmin.cssmin(text))


def minify_js(text: str) -> str:
    """A script without comments and without white space where it means nothing (rjsmin), safe to
    write between <script> tags."""
    script = str(rjsmin.jsmin(text))
    if "</script" in script.lower() or "<!--" in script:
        raise PluginError("a script the hook writes into pages holds '</script' or '<!--', which would end "
                          "or hide it there (write '<\\/script' in a string)")
    return script


# Material's palette stylesheet has rules for every colour scheme, primary and accent colour it
# offers; a page needs those of the palette in mkdocs.yml. Each selector that names a scheme or
# colour the site does not use goes, and so does a rule left without a selector: a sixth of the CSS
# to parse and match against every element before the first paint.
_COLOUR_ATTRIBUTE = re.compile(r"\[data-md-color-(scheme|primary|accent)=([\w-]+)\]")


def palette_in_use(css: str, palettes: Any) -> str:
    """Material's palette CSS with only the rules that the site's palette (theme.palette: one
    entry or a list of them) can apply, minified."""
    used: dict[str, set[str]] = {"scheme": set(), "primary": set(), "accent": set()}
    for entry in palettes if isinstance(palettes, list) else [palettes]:
        for kind, default in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo")):
            used[kind].add(str(entry.get(kind) or default).replace(" ", "-").lower())
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return minify_css("".join(_rules_in_use(rules, used)))


def _rules_in_use(rules: list[Any], used: dict[str, set[str]]) -> Any:
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors: list[str] = []
            selector: list[Any] = []
            for token in [*rule.prelude, None]:
                if token is None or (token.type == "literal" and token.value == ","):
                    selectors.append(tinycss2.serialize(selector).strip())
                    selector = []
                else:
                    selector.append(token)
            kept = [s for s in selectors if all(value in used[kind] for kind, value in _COLOUR_ATTRIBUTE.findall(s))]
            if kept:
                yield ",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}"
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = "".join(_rules_in_use(tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                         skip_whitespace=True), used))
            if inner:
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
        else:
            yield tinycss2.serialize([rule])


# Material's stylesheets, by their hashed names (main.57a0d79d.min.css, palette.fb2fffe2.min.css).
_MATERIAL_STYLESHEET = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css")


# Every page's head gets the course's styles, minified, and the rules of Material's palette
# stylesheet that the site's palette uses (the dark scheme; 0.8 KB gzipped), inline: each would
# otherwise be one more request before the first paint (main.html). So does the script of what
# depends on now, at the end of each page with times. The course's files themselves are not
# published.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    styles: dict[str, str] = {}
    scripts: dict[str, str] = {}
    for inline, minify, theme_files in ((styles, minify_css, _STYLESHEETS), (scripts, minify_js, _INLINE_SCRIPTS)):
        for name, uri in theme_files.items():
            file = files.get_file_from_path(uri)
            if file is None:
                raise PluginError(f"the theme has no {uri} (overrides/ must be the theme's custom_dir)")
            inline[name] = Markup(minify(file.content_string))
            files.remove(file)
    material = {found.group(1): file for file in files
                if (found := _MATERIAL_STYLESHEET.fullmatch(file.src_uri))}
    if "main" not in material:
        raise PluginError("Material's main stylesheet (assets/stylesheets/main.*.min.css) was not found")
    styles["material"] = material["main"].src_uri
    palette = config.theme.get("palette")
    styles["palette"] = Markup(palette_in_use(material["palette"].content_string, palette)) if palette else ""
    env.globals["course_styles"] = styles
    env.globals["course_scripts"] = scripts
    return env


# MkDocs wrote every file and found no strict-mode warning so far; it counts the last ones
# after this event and reports an abort to on_build_error.
@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    if _publish is not None:
        _publish.finished = True
    if _serving:
        _forgive_strict_warnings()


# Under `mkdocs serve`, strict mode would turn a warning into a failed rebuild, after which
# MkDocs holds every request until a rebuild succeeds. The preview shows the new pages and
# says that a build would stop; `mkdocs build` still does.
def _forgive_strict_warnings() -> None:
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler) and handler.counts:
            total = sum(handler.counts.values())
            handler.counts.clear()
            log.error(f"{total} warning(s) above: `mkdocs build --strict` stops on them (fix them; "
                      "the preview shows the pages anyway)")


def on_build_error(error: Exception) -> None:
    if _publish is not None:
        _publish.finished = False


# Runs after `mkdocs build` returns or fails: publish a finished build, drop a failed one.
def on_shutdown() -> None:
    global _publish
    if _publish is not None:
        _publish.close()
        _publish = None
