"""Screenshots of every page (laptop and phone, light and dark), compared with reviewed baselines.

Each screenshot is also saved under test-artifacts/screenshots/. The baselines under
tests/browser/baselines/ are the same screenshots reduced to a quarter of their width in
grey; a page fails when its height or its look drifts from the baseline beyond a tolerance
(a changed layout, a missing section, a wrong colour scheme), not on anti-aliasing noise.

To accept an intended change, rebuild the baselines and review them in the diff:
    UPDATE_BASELINES=1 python -m pytest tests/browser/test_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Page

from .support import ALL_PAGES, SCHEMES, TODAY, VIEWPORTS, Site, artifact

BASELINES = Path(__file__).parent / "baselines"
SCALE = 4  # baselines keep every fourth pixel: layout and colour, not glyph detail
HEIGHT_TOLERANCE = 0.03  # the page may be 3 % taller or shorter
MEAN_TOLERANCE = 3.0  # mean grey difference per pixel, of 255
CHANGED_PIXEL = 48  # a grey difference at least this large is a changed pixel ...
CHANGED_SHARE = 0.02  # ... and at most 2 % of pixels may change


# The screenshot as a baseline stores it: grey, a quarter of the width.
def reduced(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("L")
    return image.resize((image.width // SCALE, max(1, image.height // SCALE)), Image.Resampling.BOX)


def differences(current: Image.Image, baseline: Image.Image) -> list[str]:
    """What a person would notice between a reduced screenshot and its baseline."""
    problems = []
    if abs(current.height - baseline.height) > HEIGHT_TOLERANCE * baseline.height:
        problems.append(f"page height {current.height * SCALE}px, baseline {baseline.height * SCALE}px")
    diff = ImageChops.difference(current.resize(baseline.size, Image.Resampling.BOX), baseline)
    mean = ImageStat.Stat(diff).mean[0]
    if mean > MEAN_TOLERANCE:
        problems.append(f"mean difference {mean:.1f}/255 (at most {MEAN_TOLERANCE})")
    changed = sum(diff.histogram()[CHANGED_PIXEL:]) / (diff.width * diff.height)
    if changed > CHANGED_SHARE:
        problems.append(f"{changed:.1%} of the page changed (at most {CHANGED_SHARE:.0%})")
    return problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_screenshot(site: str, path: str, scheme: str, viewport: str, sites: Callable[[str], Site],
                    open_page: Callable[..., Page]) -> None:
    """A full-page screenshot, exactly as wide as the screen, that looks like its baseline."""
    page = open_page(scheme=scheme, viewport=viewport)
    page.clock.set_fixed_time(dt.datetime.combine(TODAY, dt.time(12), dt.UTC))  # the day the site was built for
    page.goto(sites(site).page_url(path))
    name = f"{path.strip('/').replace('/', '-') or 'home'}-{viewport}-{scheme}.png"
    png = page.screenshot(path=artifact("screenshots", site, name), full_page=True)
    assert Image.open(io.BytesIO(png)).width == VIEWPORTS[viewport]["width"]  # nothing sticks out
    current = reduced(png)
    baseline = BASELINES / site / name
    if os.environ.get("UPDATE_BASELINES") == "1":
        baseline.parent.mkdir(parents=True, exist_ok=True)
        current.save(baseline, optimize=True)
        return
    assert baseline.is_file(), f"no baseline {baseline.relative_to(BASELINES.parent)} (see this module's docstring)"
    with Image.open(baseline) as stored:
        problems = differences(current, stored.convert("L"))
    assert not problems, f"{site}/{path} ({viewport}, {scheme}) differs from its baseline: " + "; ".join(problems)
