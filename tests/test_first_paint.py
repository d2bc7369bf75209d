"""What the first paint of every built page depends on: no empty banner, the course's styles inline
(print rules behind media="print"), its one script async, nothing of ours that blocks rendering
in the head, the scripted controls shown by a class set before the first paint, and feed links only
where the feeds are the subject."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from support import ROOT, SITES, BuiltSites

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

# Material's own files (hashed names) and what its templates write inline.
MATERIAL = re.compile(r"assets/(?:stylesheets/(?:main|palette)|javascripts/bundle)\.[0-9a-f]{8}\.min\.(?:css|js)")


def pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, the 404 page included."""
    return sorted(site.rglob("*.html"))


def head(html: str) -> str:
    """The page's <head>."""
    found = re.search(r"<head>(.*?)</head>", html, re.S)
    assert found, "page has no head"
    return found.group(1)


@pytest.fixture(scope="module", params=sorted(SITES))
def site(request: pytest.FixtureRequest, built: BuiltSites) -> Path:
    """Each fixture site, built."""
    return built(request.param).site


def test_no_announce_banner_unless_archived(site: Path) -> None:
    """Material draws its banner for any content of the announce block, white space included."""
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "md-banner" not in html, page
        assert re.search(r'<div data-md-component="announce">\s*</div>', html), page


def test_course_styles_are_inline_and_print_rules_wait_for_print(site: Path) -> None:
    """No stylesheet of ours to fetch, and only Material's main one: its palette (the dark scheme) and
    the course's styles inline, the print rules behind media="print", ours minified; the course's
    source files are not published."""
    for page in pages(site):
        html = head(page.read_text(encoding="utf-8"))
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        assert len(sheets) == 1 and re.search(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css$", sheets[0]), (page, sheets)
        assert "<style>@media screen{[data-md-color-scheme=slate]{color-scheme:dark;" in html, page  # the palette
        styles = re.findall(r"<style([^>]*)>(.*?)</style>", html, re.S)
        ours = [(attributes, css) for attributes, css in styles if ".cg-" in css]
        assert [attributes for attributes, _ in ours] == ["", ' media="print"'], page
        screen, paper = ours[0][1], ours[1][1]
        assert "@media print" not in screen and "break-inside:avoid" in paper, page
        assert "/*" not in screen + paper and "\n" not in screen + paper, page
    assert not list(site.glob("assets/stylesheets/course*.css"))


# Material's styles block as main.html copies it (with the palette inline): an upgrade of Material
# that changes it fails here first.
MATERIAL_STYLES_BLOCK = """{% block styles %}
      <link rel="stylesheet" href="{{ 'assets/stylesheets/main.57a0d79d.min.css' | url }}">
      {% if config.theme.palette %}
        {% set palette = config.theme.palette %}
        <link rel="stylesheet" href="{{ 'assets/stylesheets/palette.fb2fffe2.min.css' | url }}">
      {% endif %}
      {% include "partials/icons.html" %}
    {% endblock %}"""


def test_materials_styles_block_is_the_one_main_html_copies() -> None:
    """main.html writes Material's styles block itself, to put the palette inline."""
    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    found = re.search(r"\{% block styles %\}.*?\{% endblock %\}", base, re.S)
    assert found and found.group(0) == MATERIAL_STYLES_BLOCK


def test_the_inline_palette_holds_the_rules_of_the_colours_in_use(site: Path) -> None:
    """Of Material's palette CSS, each page's head holds the rules for the schemes and colours the
    site's palette names (the fixtures: default and slate, indigo), every one of those, and no other."""
    import material

    css = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    offered = set(re.findall(r"\[data-md-color-(?:scheme|primary|accent)=[\w-]+\]", css.read_text(encoding="utf-8")))
    used = {"[data-md-color-scheme=slate]", "[data-md-color-primary=indigo]", "[data-md-color-accent=indigo]"}
    assert used < offered and len(offered) > 30
    for page in pages(site):
        palette = re.search(r"<style>(@media screen\{\[data-md-color-scheme=slate\].*?)</style>", page.read_text(encoding="utf-8"), re.S)
        assert palette, page
        assert set(re.findall(r"\[data-md-color-(?:scheme|primary|accent)=[\w-]+\]", palette.group(1))) == used, page
        assert "--md-primary-fg-color:#4051b5" in palette.group(1) and "--md-accent-fg-color:#526cfe" in palette.group(1)


def test_palette_in_use_keeps_a_rule_for_each_selector_it_can_apply() -> None:
    """A rule whose selectors name colours in use and others keeps the former; a scheme or colour the
    site does not name (even one of two palettes) drops its selectors; a palette named with a space
    ("deep purple") is Material's attribute value (deep-purple); media blocks keep what is left."""
    css = ("[data-md-color-primary=red],[data-md-color-primary=deep-purple] .x{color:red}"
           "@media screen{[data-md-color-scheme=slate][data-md-color-primary=teal]{a:b}"
           "[data-md-color-scheme=slate]{c:d}}[data-md-color-accent=lime]{e:f}.plain{g:h}")
    palettes = [{"scheme": "slate", "primary": "deep purple"}, {"primary": "teal", "accent": "indigo"}]
    assert hook().palette_in_use(css, palettes) == (
        "[data-md-color-primary=deep-purple] .x{color:red}@media screen{[data-md-color-scheme=slate]"
        "[data-md-color-primary=teal]{a:b}[data-md-color-scheme=slate]{c:d}}.plain{g:h}")
    assert hook().palette_in_use(css, {"primary": "red"}) == "[data-md-color-primary=red]{color:red}.plain{g:h}"


def hook() -> ModuleType:
    """The MkDocs hook as a module."""
    spec = importlib.util.spec_from_file_location("course_site_under_test", ROOT / "hooks" / "course_site.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_minified_css_keeps_what_white_space_means() -> None:
    """Comments go and white space shrinks, but not the descendant space before a pseudo-class or
    inside a string."""
    css = """/* a comment */
.md-typeset table :is(th, td) > a:not(:empty)::before {
  content: " · ";  /* another */
  padding: 0 .5em;
}
@media screen and (max-width: 44em) { .a .b { color: red; } }"""
    assert hook().minify_css(css) == ('.md-typeset table :is(th,td)>a:not(:empty)::before{content:" · ";padding:0 .5em}'
                                      "@media screen and (max-width:44em){.a .b{color:red}}")


def test_one_async_script_of_ours_and_nothing_blocking_in_the_head(site: Path) -> None:
    """The course's script is one file, async (deferred would hold back Material's setup of the page
    until it arrives), at the end of the body; the head holds only the line that marks the page as
    scripted, names where the visitor's choice of tracks is kept and reads it (no file to wait for)."""
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b([^>]*)>", html)
        ours = [s for s in scripts if "src=" in s and not MATERIAL.search(s)]
        assert len(ours) == 1 and re.search(r'src="[^"]*assets/javascripts/course\.js" async', ours[0]), (page, ours)
        in_head = re.findall(r"<script\b([^>]*)>(.*?)</script>", head(html), re.S)
        assert [attributes for attributes, _ in in_head if "src=" in attributes] == [], page
        assert re.search(r'<script>document\.documentElement\.classList\.add\("cg-js"\);'
                         r'window\.cgMineKey="coursegen:mine:[a-z0-9][a-z0-9_-]*";window\.cgChoice=function\(\)\{[^<]*\}'
                         r'</script>', head(html)), page
    assert not (site / "assets" / "javascripts" / "copy.js").exists()


def test_what_depends_on_now_runs_inline_before_the_first_paint(site: Path) -> None:
    """Each page with times (the labels element the script reads, [data-cg-clock]) carries now.js
    minified and inline after its content, right before Material's script, and the head holds the
    first paint until the parser is past it; pages without times carry neither, and now.js is not
    published as a file. The inline script is the file's code (its rules work in Node below)."""
    source = (ROOT / "overrides" / "assets" / "javascripts" / "now.js").read_text(encoding="utf-8")
    with_times = 0
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        timed = "data-cg-clock" in html
        with_times += timed
        expect = '<link rel="expect" href="#cg-now" blocking="render">'
        assert (expect in head(html)) == timed, page
        inline = re.search(r'<script>(\(function\(\)\{"use strict";.*?)</script>\s*<span id="cg-now" hidden></span>\s*'
                           r'<script src="[^"]*assets/javascripts/bundle\.', html, re.S)
        assert bool(inline) == timed, page
        if inline:
            assert inline.group(1) == hook().minify_js(source) and "/*" not in inline.group(1), page
            assert len(inline.group(1)) < 0.7 * len(source), page
    assert with_times >= 3
    assert not (site / "assets" / "javascripts" / "now.js").exists()


# Which feed links a page has, by its address below the site; every other page has none.
FEEDS = {"index.html": {"application/atom+xml", "text/calendar"}, "news/index.html": {"application/atom+xml"},
         "calendar/index.html": {"text/calendar"}}


def test_feed_links_only_on_home_news_and_calendar(site: Path) -> None:
    """Feed readers find the feeds on the pages about them; as rel="alternate feed", not Material's
    link[rel=alternate], which would fetch sitemap.xml once per link on every page."""
    for page in pages(site):
        html = head(page.read_text(encoding="utf-8"))
        assert not re.search(r'<link rel="alternate"', html), page
        kinds = set(re.findall(r'<link rel="alternate feed" type="([^"]+)"', html))
        assert kinds == FEEDS.get(page.relative_to(site).as_posix(), set()), page


def test_scripted_controls_are_marked_not_hidden(built: BuiltSites) -> None:
    """The copy boxes and the webcal button show where scripts run from the first paint (class
    cg-scripted), instead of being un-hidden by the script later."""
    example = built("example")
    calendar = example.read("calendar/index.html").decode("utf-8")
    assert '<div class="cg-feed cg-scripted">' in calendar
    assert re.search(r'<a class="md-button md-button--primary cg-scripted" data-cg-webcal="" href="\.\./calendar\.ics">',
                     calendar)
    papers = example.read("papers/index.html").decode("utf-8")
    assert papers.count('<p class="cg-scripted"><button type="button" class="md-button cg-copy"') == len(
        example.course.papers)
    assert " hidden>" not in calendar.split('class="cg-feed')[1].split("</div>")[0]
