"""Throw-away copies of the course project: as it is, with another course.yml, or with the hook off."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.utils import yaml_load

ROOT = Path(__file__).resolve().parents[1]

# What a project copy leaves out: tools, tests, outputs and caches.
_SKIP = shutil.ignore_patterns(".git", ".venv", "site", "node_modules", "__pycache__", "tests", "bench",
                               "*.egg-info", "build", "test-artifacts", ".pytest_cache", ".hypothesis")
# Settings the hook's own machinery uses; a hook-free twin drops them.
_HOOK_KEYS = {"hooks", "plugins", "watch", "theme", "config_file_path", "docs_dir", "site_dir",
              "markdown_extensions", "mdx_configs"}


def copy_project(dest: Path, course_text: str | None = None) -> Path:
    """Copy the repository's course project to `dest`, optionally with another course.yml."""
    shutil.copytree(ROOT, dest, ignore=_SKIP)
    if course_text is not None:
        (dest / "course.yml").write_text(course_text, encoding="utf-8")
    return dest


# Marks a value that has no plain YAML form (an object, a function ...).
_OPAQUE = object()


# The value as plain YAML data (mappings become dicts), or _OPAQUE.
def _data(value: Any) -> Any:
    if isinstance(value, Mapping):
        items = {k: _data(v) for k, v in value.items()}
        plain = all(isinstance(k, str) and v is not _OPAQUE for k, v in items.items())
    elif isinstance(value, list):
        items = [_data(v) for v in value]
        plain = _OPAQUE not in items
    elif isinstance(value, Markup):  # the hook's escaped titles: the text as written
        items, plain = value.unescape(), True
    else:
        items, plain = value, value is None or isinstance(value, (str, int, float, bool))
    return items if plain else _OPAQUE


# Settings whose value differs between two loaded configs (or themes), as plain data.
def _changes(before: Any, after: Any, skip: set[str]) -> dict[str, Any]:
    changed = {}
    for key in sorted(set(after) - skip):
        value = _data(after[key])
        if value is not _OPAQUE and (key not in before or _data(before[key]) != value):
            changed[key] = value
    return changed


# Run the hook's config and files events as `mkdocs build` would; return config and files.
def _hooked(config_file: Path) -> tuple[Any, Any]:
    for name in ("mkdocs", "coursegen"):  # quiet, as `mkdocs build -q` is
        logging.getLogger(name).setLevel(logging.ERROR)
    config = load_config(str(config_file))
    config = config.plugins.on_config(config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return config, config.plugins.on_files(files, config=config)


# The Markdown extensions of a loaded config with the options the hook gave them (MkDocs keeps
# those in mdx_configs, which a config file may not set).
def _extensions(config: Any) -> list[Any]:
    options = config.mdx_configs
    return [{name: _data(options[name])} if options.get(name) else name for name in config.markdown_extensions]


def static_twin(project: Path, dest: Path) -> Path:
    """A project with the hook off whose docs/ holds the generated files as plain files.

    Every setting the hook changed (site name, nav, extra, theme language ...) is written
    into the twin's mkdocs.yml, so both builds render the same pages with the same theme.
    """
    raw = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    fresh = load_config(str(project / "mkdocs.yml"))
    config, files = _hooked(project / "mkdocs.yml")
    raw.update(_changes(fresh, config, _HOOK_KEYS))
    theme = raw["theme"] if isinstance(raw["theme"], dict) else {"name": raw["theme"]}
    raw["theme"] = {**theme, **_changes(fresh.theme, config.theme, set())}
    raw["markdown_extensions"] = _extensions(config)
    for key in ("hooks", "watch"):
        raw.pop(key, None)
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("hooks", "course.yml", "templates"))
    for file in files:
        if file.generated_by:
            target = dest / raw.get("docs_dir", "docs") / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest
