"""Labels of the generated pages and feeds, one YAML file per language."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def labels(language: str) -> dict[str, Any]:
    """The label set of a language, from the package's labels/ folder."""
    return yaml.safe_load(files("coursegen").joinpath("labels", f"{language}.yml").read_text("utf-8"))
