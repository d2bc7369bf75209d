"""Every page is usable by touch and readable, on a 390 px phone and a 1280 px laptop:
each tap target passes WCAG 2.2's target size (2.5.8, level AA), and no visible text is
smaller than 12 px. The checks (TOO_SMALL, SMALL_TEXT) run on every page, in both schemes, with
axe in test_accessibility.py, on the same load of the page; this module tests the links that once
failed them.

What counts as a target: every visible link, button, form field, `<summary>`, the label of
a control (`label[for]`, such as Material's header buttons) and anything else in the tab
order. Visible means rendered, not `visibility: hidden`, not fully transparent, inside the
page horizontally (Material's closed drawer sits off-screen to the left) and not clipped to
a 1 px box (screen-reader-only text). A target passes when its box is at least 24 x 24 px,
or by 2.5.8's exceptions:

- Spacing: a circle of 24 px diameter centred on its box intersects no other target's box
  and no such circle of another undersized target (a target is not compared with one it
  contains or is contained in, such as a link and its own text).
- Inline: the target is laid out inline and the block around it has text of its own that is
  not part of a target, a letter or a digit (a link in a sentence, sized by the line height of
  the text around it). A cell or line made only of links, or links between punctuation such as
  " · ", gets no exemption.

Equivalent, essential and user-agent controls are not exempted: nothing here relies on them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .support import WIDTHS, Site

# Shared by the two checks: whether an element is visible, as the module docstring says.
VISIBLE = """
const visible = (el) => {
  if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
  const width = document.documentElement.scrollWidth;
  if (![...el.getClientRects()].some((r) => r.width > 1 && r.height > 1 && r.right > 0 && r.left < width)) return false;
  for (let e = el; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    if ((style.overflow !== 'visible' || style.clip !== 'auto') && (box.width <= 1 || box.height <= 1)) return false;
  }
  return true;
};
const describe = (el) => el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('') +
  ' "' + (el.textContent || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
"""

# Undersized targets that no exception covers, each with the target it comes too close to.
TOO_SMALL = "() => {" + VISIBLE + """
  const TARGETS = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, label[for], ' +
    '[role="button"], [tabindex]:not([tabindex="-1"])';
  const SIZE = 24, EPSILON = 0.01;
  const targets = [...document.querySelectorAll(TARGETS)].filter(visible).map((el) => {
    const box = el.getBoundingClientRect();
    return { el, box, x: box.left + box.width / 2, y: box.top + box.height / 2,
             small: box.width < SIZE - EPSILON || box.height < SIZE - EPSILON };
  });
  // In a sentence: laid out inline, in a block with letters or digits of its own outside targets.
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement.closest(TARGETS);
      if ((!owner || !block.contains(owner)) && /[\\p{L}\\p{N}]/u.test(node.data) && visible(node.parentElement)) return true;
    }
    return false;
  };
  const undersized = targets.filter((t) => t.small && !inSentence(t.el));
  // Whether the 24 px circle around (x, y) reaches into a box.
  const reaches = (x, y, r) => Math.hypot(x - Math.max(r.left, Math.min(x, r.right)),
                                          y - Math.max(r.top, Math.min(y, r.bottom))) < SIZE / 2 - EPSILON;
  const found = [];
  for (const t of undersized) {
    const clash = targets.find((o) => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) &&
      ((undersized.includes(o) && Math.hypot(o.x - t.x, o.y - t.y) < SIZE - EPSILON) ||
       [...o.el.getClientRects()].some((r) => reaches(t.x, t.y, r))));
    if (clash) found.push(`${describe(t.el)} is ${Math.round(t.box.width)}x${Math.round(t.box.height)} px ` +
                          `and too close to ${describe(clash.el)}`);
  }
  return found;
}"""

# Visible text below 12 px, with its element and size (SVG text at the size it is drawn).
SMALL_TEXT = "() => {" + VISIBLE + """
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || el.closest('script, style, noscript, template') || !visible(el)) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) size *= el.getScreenCTM().a;
    if (size < 12 - 0.01) found.push(`${describe(el)} at ${size.toFixed(1)} px`);
  }
  return [...new Set(found)];
}"""

# The links the issue found too small: the calendar links and the home page's "(…)" news links.
SMALL_BEFORE = "els => els.filter((el) => el.checkVisibility()).map((el) => [el.textContent.trim(), " \
               "el.getBoundingClientRect().width, el.getBoundingClientRect().height, " \
               "parseFloat(getComputedStyle(el).fontSize)])"


@pytest.fixture
def open_at(open_page: Callable[..., Page]) -> Callable[[str, str], Page]:
    """A page opened at one of WIDTHS, in the light scheme."""
    def open_(url: str, width: str) -> Page:
        page = open_page()
        page.set_viewport_size(WIDTHS[width])
        page.goto(url)
        return page
    return open_


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("site", "path"), [("example", ""), ("example", "dates/"), ("example", "schedule/"),
                                            ("lecture", "sessions/")])
def test_calendar_and_news_links_are_24_px_targets_in_12_px_text(site: str, path: str, width: str,
                                                                 sites: Callable[[str], Site],
                                                                 open_at: Callable[[str, str], Page]) -> None:
    """The .ics and Google links (once 16 x 12 px at 10.9 px) and the news "(…)" links (once
    16 x 17 px) are 24 x 24 px at least, though the news link counts as inline in a sentence."""
    page = open_at(sites(site).page_url(path), width)
    links = page.locator(".cg-ics, .cg-more").evaluate_all(SMALL_BEFORE)
    assert links, "no calendar or news link on the page: the test would check nothing"
    assert [(text, w, h, size) for text, w, h, size in links if w < 24 or h < 24 or size < 12] == []
