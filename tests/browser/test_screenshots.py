"""Screenshots of every page (laptop and phone in light, the phone in dark), compared with reviewed
baselines. The dark scheme is the same layout in other colours: the phone shows it, and every page
is checked dark at both widths by axe (test_accessibility.py), contrast included.

Each screenshot is also saved under test-artifacts/screenshots/. The baselines under
tests/browser/baselines/ are the same screenshots reduced to a quarter of their width in
grey; a page fails when its height or its look drifts from the baseline beyond a tolerance
(a changed layout, a missing section, a wrong colour scheme), not on anti-aliasing noise.
What a tolerance could hide, a wrong date, time or word, the text baseline catches: the text
the page shows (its rendered `innerText`, the same in light and dark) is kept beside the
picture (`….txt`) and must match exactly. On the phone, the same load of the page then shows that
nothing is wider than the screen and, in the light scheme, that the menu opens
(`test_layout.phone_layout_holds`).

To accept an intended change, rebuild the baselines and review them in the diff:
    UPDATE_BASELINES=1 python -m pytest tests/browser/test_screenshots.py
(`UPDATE_BASELINES=text` rewrites the text baselines only, for a change of words alone.)
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Page

from .support import ALL_PAGES, SCHEMES, TODAY, VIEWPORTS, Site, artifact
from .test_layout import phone_layout_holds

BASELINES = Path(__file__).parent / "baselines"
SCALE = 4  # baselines keep every fourth pixel: layout and colour, not glyph detail
HEIGHT_TOLERANCE = 0.03  # the page may be 3 % taller or shorter
MEAN_TOLERANCE = 3.0  # mean grey difference per pixel, of 255
CHANGED_PIXEL = 48  # a grey difference at least this large is a changed pixel ...
CHANGED_SHARE = 0.02  # ... and at most 2 % of pixels may change


# The screenshot as a baseline stores it: grey, a quarter of the width.
def reduced(shot: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(shot)).convert("L")
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


# The looks each page is pictured in: scheme and viewport.
LOOKS = [("light", "desktop"), ("light", "phone"), ("dark", "phone")]
assert {scheme for scheme, _ in LOOKS} == set(SCHEMES) and {viewport for _, viewport in LOOKS} == set(VIEWPORTS)


@pytest.mark.parametrize(("scheme", "viewport"), LOOKS, ids=[f"{scheme}-{viewport}" for scheme, viewport in LOOKS])
@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_screenshot(site: str, path: str, scheme: str, viewport: str, sites: Callable[[str], Site],
                    open_page: Callable[..., Page]) -> None:
    """A full-page screenshot, exactly as wide as the screen, that looks like its baseline; on the phone,
    then, nothing is wider than the screen and the menu opens (test_layout.phone_layout_holds)."""
    page = open_page(scheme=scheme, viewport=viewport)
    page.clock.set_fixed_time(dt.datetime.combine(TODAY, dt.time(12), dt.UTC))  # the day the site was built for
    page.goto(sites(site).page_url(path))
    name = f"{path.strip('/').replace('/', '-') or 'home'}-{viewport}-{scheme}.png"
    looks_like_baseline(page, site, name, VIEWPORTS[viewport]["width"])
    if viewport == "phone":
        phone_layout_holds(page, sites(site), path, menu=scheme == "light")  # the menu works alike in both


# Visitors from the course's zone and from another: only course times, or each with the visitor's own.
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("visitor", "slug"), [("Europe/Berlin", "berlin"), ("America/Los_Angeles", "los-angeles")])
def test_schedule_for_a_visitor(visitor: str, slug: str, viewport: str, sites: Callable[[str], Site],
                                open_page: Callable[..., Page]) -> None:
    """The example course's schedule as a visitor in Berlin and one in Los Angeles see it, each with
    a US English browser: the visitor's times in their own clock ("12:00 AM PDT")."""
    page = open_page(viewport=viewport, timezone_id=visitor, locale="en-US")
    page.clock.set_fixed_time(dt.datetime.combine(TODAY, dt.time(12), dt.UTC))
    page.goto(sites("example").page_url("schedule/"))
    page.locator(".cg-when").first.wait_for()
    looks_like_baseline(page, "example", f"schedule-visitor-{slug}-{viewport}-light.png", VIEWPORTS[viewport]["width"])


# A student's own view on a phone: on the example, the talk given and a talk reviewed; on the lecture,
# the Friday exercise group; on the US course, the second recitation section; each with the other
# tracks' items hidden where the page offers it.
MINE = {"example": {"talk": ["talk-t3"], "review": ["review-t1"]},
        "lecture": {"choice-ubungsgruppe": ["group-exercise-friday"]},
        "us": {"choice-recitation-section": ["group-recitation-2"]}}


# The phone home page in both schemes; the other pages light (test_accessibility checks them dark).
@pytest.mark.parametrize(("site", "path", "scheme"), [
    ("example", "", "light"), ("example", "", "dark"), ("example", "dates/", "light"), ("example", "schedule/", "light"),
    ("lecture", "", "light"), ("lecture", "", "dark"), ("lecture", "sessions/", "light"),
    ("us", "", "light"), ("us", "sessions/", "light")])
def test_a_students_own_view(site: str, path: str, scheme: str, sites: Callable[[str], Site],
                             open_page: Callable[..., Page]) -> None:
    page = open_page(scheme=scheme, viewport="phone")
    page.clock.set_fixed_time(dt.datetime.combine(TODAY, dt.time(12), dt.UTC))
    page.goto(sites(site).page_url(path))
    page.evaluate("""(choice) => { localStorage.setItem(cgMineKey, JSON.stringify(choice));
                                   localStorage.setItem(cgMineKey + ":only", "1"); }""", MINE[site])
    page.reload()
    page.locator("[data-cg-showing]:not([hidden])").first.wait_for()
    name = f"{path.strip('/') or 'home'}-mine-phone-{scheme}.png"
    looks_like_baseline(page, site, name, VIEWPORTS["phone"]["width"])
    phone_layout_holds(page, sites(site), path)


# A full-page screenshot saved as an artifact, exactly as wide as the screen, compared with its baseline;
# the text the page shows compared exactly with its text baseline.
def looks_like_baseline(page: Page, site: str, name: str, width: int) -> None:
    # JPEG: a third of PNG's encoding time for a tall page, and no difference a quarter-size grey baseline keeps.
    shot = page.screenshot(path=artifact("screenshots", site, name.removesuffix(".png") + ".jpg"), full_page=True,
                           type="jpeg", quality=90)
    assert Image.open(io.BytesIO(shot)).width == width  # nothing sticks out
    current = reduced(shot)
    baseline = BASELINES / site / name
    text = shown_text(page)
    text_baseline = BASELINES / site / re.sub(r"-(light|dark)\.png$", ".txt", name)
    update = os.environ.get("UPDATE_BASELINES")
    if update in ("1", "text"):
        baseline.parent.mkdir(parents=True, exist_ok=True)
        if update == "1":
            current.save(baseline, optimize=True)
        text_baseline.write_text(text, encoding="utf-8")
        return
    assert baseline.is_file(), f"no baseline {baseline.relative_to(BASELINES.parent)} (see this module's docstring)"
    assert text_baseline.is_file(), f"no baseline {text_baseline.relative_to(BASELINES.parent)} (see this module's docstring)"
    stored_text = text_baseline.read_text(encoding="utf-8")
    assert text == stored_text, f"{site}/{name} shows other text than {text_baseline.name}:\n" + "".join(
        difflib.unified_diff(stored_text.splitlines(keepends=True), text.splitlines(keepends=True),
                             "baseline", "shown"))
    with Image.open(baseline) as stored:
        problems = differences(current, stored.convert("L"))
    assert not problems, f"{site}/{name} differs from its baseline: " + "; ".join(problems)


# The parts of a page whose text is the page's own: not the search box, whose words change while
# its index loads.
TEXT_PARTS = ".md-header__title, .md-tabs, .md-main, .md-footer"


def shown_text(page: Page) -> str:
    """The text the page shows, as a reader sees it: rendered text only, blank lines and trailing spaces dropped."""
    texts = page.locator(TEXT_PARTS).evaluate_all("parts => parts.map(part => part.innerText)")
    lines = (line.rstrip() for text in texts for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"
