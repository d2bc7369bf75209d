"""axe-core finds no WCAG 2.2 A/AA violation on any page, in the light and the dark scheme,
on a 390 px phone and a 1280 px laptop, and on the same load of the page each tap target passes
WCAG 2.2's target size (2.5.8) and no visible text is below 12 px (test_targets.py says how); and the colour toggle works from the keyboard as
its name says, with a visible focus in both schemes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from coursegen.i18n import labels

from .support import ALL_PAGES, SCHEMES, WIDTHS, Site, contrast
from .test_targets import SMALL_TEXT, TOO_SMALL

# The rules of WCAG 2.0, 2.1 and 2.2, levels A and AA, as the bundled axe tags them: axe
# 4.12 has no `wcag22a` tag (WCAG 2.2's new A criteria have no automated rule); its
# `wcag22aa` rule is target-size (2.5.8).
WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
              "resultTypes": ["violations"]}
# The colour toggle's buttons: Material's radio inputs, one per scheme, each followed by its icon.
TOGGLE = "[data-md-component=palette] .md-option"


@pytest.fixture(scope="module")
def axe() -> Axe:
    """axe-core, injected into each page it checks."""
    return Axe()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("site", "path"), ALL_PAGES)
def test_no_wcag_violations(site: str, path: str, width: str, axe: Axe,
                            sites: Callable[[str], Site], open_page: Callable[..., Page]) -> None:
    """Zero axe violations of WCAG 2.2 A and AA, at the width under test, in each colour scheme (one
    load of the page, switched by its colour toggle as a visitor does); no tap target too small and
    not spaced (WCAG 2.5.8, which axe checks only in part), no text below 12 px."""
    page = open_page(scheme="light")
    page.set_viewport_size(WIDTHS[width])
    page.goto(sites(site).page_url(path))
    found: dict[str, list[str]] = {}
    for number, scheme in enumerate(("light", "dark")):
        if number:
            page.locator(f"{TOGGLE} + label:not([hidden])").click()
        body = page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
        expect(body).not_to_have_attribute("data-md-color-switching", "")  # the switch's transitions are over
        found[f"{scheme}: targets too small (2.5.8)"] = page.evaluate(TOO_SMALL)
        found[f"{scheme}: text below 12 px"] = page.evaluate(SMALL_TEXT)
        found[f"{scheme}: axe"] = [_describe(v) for v in axe.run(page, options=WCAG_22_AA).response["violations"]]
    assert found == {name: [] for name in found}


# One line per violated rule: id, what it wants, and the first offending elements.
def _describe(violation: dict[str, Any]) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    return f"{violation['id']}: {violation['help']} at {targets}"


# ---- The colour toggle from the keyboard -----------------------------------------------


# The name of the toggle in a scheme: what pressing it does, in the course language.
def _toggle_name(site: Site, scheme: str) -> str:
    return labels(site.course.course.language)["switch_to_dark" if scheme == "light" else "switch_to_light"]


# Tab from the top of the page until the colour toggle has the focus.
def _tab_to_toggle(page: Page) -> None:
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{TOGGLE}')"):
            return
    pytest.fail("Tab never reached the colour toggle")


# The outline and shadow of the toggle's shown icon, and the header's background behind it.
ICON_STYLE = f"""() => {{
  const icon = [...document.querySelectorAll('{TOGGLE} + label')].find((label) => !label.hidden);
  const style = getComputedStyle(icon);
  return {{outline: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor,
           shadow: style.boxShadow, header: getComputedStyle(document.querySelector('.md-header')).backgroundColor}};
}}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("site", ["seminar", "example"])
def test_the_colour_toggle_shows_its_keyboard_focus(site: str, scheme: str, sites: Callable[[str], Site],
                                                   open_page: Callable[..., Page]) -> None:
    """Tab reaches the toggle; its shown icon gets an outline of 2 px or more, at 3:1 against
    the header, which it has not without the focus; the focused button is named for the
    scheme it switches to."""
    page = open_page(scheme=scheme)
    page.goto(sites(site).page_url(""))
    unfocused = page.evaluate(ICON_STYLE)
    _tab_to_toggle(page)
    expect(page.locator(":focus")).to_have_accessible_name(_toggle_name(sites(site), scheme))
    focused = page.evaluate(ICON_STYLE)
    assert (unfocused["outline"], unfocused["shadow"]) == ("none", "none")
    assert focused["outline"] not in ("none", "hidden") and focused["width"] >= 2
    assert contrast(focused["color"], focused["header"]) >= 3


@pytest.mark.parametrize("key", ["Space", "Enter"])
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("site", ["seminar", "example"])
def test_space_and_enter_switch_the_scheme(site: str, scheme: str, key: str, sites: Callable[[str], Site],
                                           open_page: Callable[..., Page]) -> None:
    """Each press of the key switches the scheme, the first one included; the focus stays on
    the toggle, which is then named for switching back."""
    other = next(s for s in SCHEMES if s != scheme)
    page = open_page(scheme=scheme)
    page.goto(sites(site).page_url(""))
    body = page.locator("body")
    _tab_to_toggle(page)
    for now, then in ((scheme, other), (other, scheme)):
        expect(page.locator(":focus")).to_have_accessible_name(_toggle_name(sites(site), now))
        page.keyboard.press(key)
        expect(body).to_have_attribute("data-md-color-scheme", SCHEMES[then])
        expect(page.locator(":focus")).to_have_accessible_name(_toggle_name(sites(site), then))


# ---- A student's own view ----------------------------------------------------------------

# A choice of tracks on each site with tracks, and the pages that then show "Showing for" and
# the box that hides the rest (checked): the example's talk given and one reviewed, the
# lecture's Friday group, the US course's second recitation section.
OWN_VIEWS = [("example", "", {"talk": ["talk-t3"], "review": ["review-t1"]}, "dark"),
             ("example", "dates/", {"talk": ["talk-t3"], "review": ["review-t1"]}, "dark"),
             ("example", "calendar/", {"talk": ["talk-t3"], "review": ["review-t1"]}, "light"),
             ("lecture", "sessions/", {"choice-ubungsgruppe": ["group-exercise-friday"]}, "dark"),
             ("us", "", {"choice-recitation-section": ["group-recitation-2"]}, "dark")]


# Each in one scheme (the screenshots show the others): the dark ones, where contrast is closest.
@pytest.mark.parametrize(("site", "path", "choice", "scheme"), OWN_VIEWS)
def test_a_students_own_view_has_no_wcag_violations(site: str, path: str, choice: dict[str, list[str]],
                                                    scheme: str, axe: Axe, sites: Callable[[str], Site],
                                                    open_page: Callable[..., Page]) -> None:
    page = open_page(scheme=scheme, viewport="phone")
    page.goto(sites(site).page_url(path))
    page.evaluate("""(choice) => { localStorage.setItem(cgMineKey, JSON.stringify(choice));
                                   localStorage.setItem(cgMineKey + ":only", "1"); }""", choice)
    page.reload()
    expect(page.locator("[data-cg-showing]:not([hidden]), form[data-cg-ready]").first).to_be_visible()
    found = {"targets too small (2.5.8)": page.evaluate(TOO_SMALL), "text below 12 px": page.evaluate(SMALL_TEXT)}
    found["axe"] = [_describe(v) for v in axe.run(page, options=WCAG_22_AA).response["violations"]]
    assert found == {name: [] for name in found}
