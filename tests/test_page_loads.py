"""No page loads anything from another host.

A parser finds everything a browser fetches from a built page without a click: `src`, `srcset`,
`poster`, `data`, `background`, every `<link href>` (stylesheets, icons, preloads, manifests,
and the next/prev pages some browsers prefetch), `<base>`, SVG `href`/`xlink:href`, a meta
refresh, and `url()`, `@import` and `image-set()` in style attributes, `<style>` and the site's
CSS files. Each must be a file of the site itself (relative, or at the site's own address when
it has one) or inline (`data:`). It runs over every page of every fixture site and of a course
whose Markdown fields hold every address that looks relative but leaves the site; a page made
to break the promise shows the parser finds each kind.
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from support import FIXTURES, SITES, Build, BuiltSites, mkdocs_build, unavailable
from test_text_safety import hostile_project

from coursegen.addresses import off_site, other_host
from coursegen.loader import check_text
from coursegen.markup import markdown_html, plain_text

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

# Where a site without site_url is taken to be served (below the host's root, as a project site
# on GitHub Pages is, so an address that climbs above the site shows); the real address otherwise.
LOCAL = "http://site.invalid/course/"
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)", re.S)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
CSS_IMAGE_SET = re.compile(r"image-set\(([^)]*)\)", re.I)
CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")
# Attributes that make a browser fetch on their own, on any element.
FETCHED = {"src", "poster", "background", "lowsrc", "dynsrc", "manifest", "codebase", "xlink:href"}
# Elements whose href is fetched without a click (links of every rel, SVG images and uses).
FETCHED_HREF = {"link", "base", "image", "use", "feimage", "script"}


def css_addresses(css: str) -> list[str]:
    """Every address a style sheet or style attribute fetches: url(), @import, image-set() strings."""
    plain = CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), css)
    found = ["".join(m.groups(default="")) for m in CSS_URL.finditer(plain)]
    for images in CSS_IMAGE_SET.finditer(plain):
        found += ["".join(s.groups(default="")) for s in CSS_STRING.finditer(images.group(1))]
    return found


def srcset_addresses(value: str) -> list[str]:
    """The addresses of a srcset: each candidate's address, up to its width or density."""
    return [candidate.split()[0].rstrip(",") for candidate in re.split(r",\s+|,(?=\S)(?![^(]*\))", value.strip())
            if candidate.split()]


class Loads(html.parser.HTMLParser):
    """Every address an HTML page fetches without a click, as (where, address)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._style = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"
        named = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            where = f"<{tag} {name}>"
            if name in FETCHED or (name == "href" and tag in FETCHED_HREF) or (name == "data" and tag == "object"):
                self.found.append((where, value))
            elif name in ("srcset", "imagesrcset"):
                self.found += [(where, url) for url in srcset_addresses(value)]
            elif name == "style":
                self.found += [(where, url) for url in css_addresses(value)]
        if tag == "meta" and (named.get("http-equiv") or "").lower() == "refresh":
            target = re.search(r"url\s*=\s*['\"]?([^'\"]*)", named.get("content") or "", re.I)
            if target:
                self.found.append(("<meta refresh>", target.group(1)))

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.found += [("<style>", url) for url in css_addresses(data)]


def browser_join(base: str, url: str) -> str:
    """`url` resolved against the page address `base` as a browser does: controls and spaces
    trimmed, tabs and line breaks dropped, backslashes read as slashes, slashes after the
    first two skipped (WHATWG URL)."""
    read = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", read):
        read = re.sub("^/{3,}", "//", read.replace("\\", "/"))  # after two slashes, more are skipped
    return urljoin(base, read)


def foreign(site: Path, root: str, page: str, url: str) -> str | None:
    """Why `url`, fetched by the file `page` of the site in folder `site` served at `root`, is not a
    file of the site; None when it is one (or inline data)."""
    resolved = browser_join(root + page, url)
    parts, home = urlsplit(resolved), urlsplit(root)
    if parts.scheme == "data":
        return None
    if (parts.scheme, parts.netloc) != (home.scheme, home.netloc):
        return f"another host: {resolved}"
    path = unquote(parts.path)
    if not path.startswith(home.path):
        return f"outside the site: {resolved}"
    name = path[len(home.path):]
    target = site / name / "index.html" if name == "" or name.endswith("/") else site / name
    return None if target.is_file() else f"no such file of the site: {name}"


def site_loads(site: Path, root: str) -> tuple[int, list[str]]:
    """How many fetches the pages and style sheets of a built site make, and each that leaves it."""
    count, wrong = 0, []
    for path in sorted(site.rglob("*.html")) + sorted(site.rglob("*.css")):
        page = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        found = Loads(text).found if path.suffix == ".html" else [("url()", u) for u in css_addresses(text)]
        # Without a site_url, MkDocs writes the 404 page (served at any depth) for a site at the
        # host's root: its addresses start with /.
        served = urljoin(root, "/") if page == "404.html" and root == LOCAL else root
        count += len(found)
        wrong += [f"{page}: {where} {url!r}: {why}" for where, url in found
                  if (why := foreign(site, served, page, url)) is not None]
    return count, wrong


def root_of(build: Build) -> str:
    """The address a built fixture site is served at."""
    return SITES.get(build.name, (build.project, {}))[1].get("SITE_URL") or LOCAL


# ---- The parser finds what loads --------------------------------------------------------------

# A page that loads from another host in every way the parser knows; each line is one fetch.
LEAKY_PAGE = """<!doctype html><html manifest="//evil.example/m"><head>
<link rel="stylesheet" href="//evil.example/a.css"><link rel="icon" href="/\\evil.example/i.png">
<link rel="preload" as="image" imagesrcset="\\\\evil.example\\p.png 2x, ok.png 1x"><link rel="manifest" href="https://evil.example/w">
<base href="https://evil.example/"><meta http-equiv="refresh" content="5; url=//evil.example/r">
<style>@import "https://evil.example/b.css"; .x { background: url( "/\\9/evil.example/c.png" ) }
.y { background: url(\\2f\\2f evil.example/e.png) } .z { background-image: image-set("//evil.example/f.png" 1x) }</style>
</head><body background="//evil.example/g.png"><img src=" //evil.example/h.png"><img srcset="ok.png 1x, //evil.example/j.png 2x">
<video poster="//evil.example/k.png" src="//evil.example/l.mp4"><source src="//evil.example/n.webm"><track src="//evil.example/o.vtt"></video>
<object data="//evil.example/q"></object><embed src="//evil.example/s"><iframe src="//evil.example/t"></iframe>
<input type="image" src="//evil.example/u.png"><script src="//evil.example/v.js"></script>
<p style="background: url('//evil.example/w.png')">x</p><svg><image href="//evil.example/y.png"/>
<use xlink:href="//evil.example/z.svg#a"/></svg><a href="//evil.example/click">a click loads nothing</a>
</body></html>"""


@pytest.mark.tier("engine")
def test_the_parser_finds_every_way_a_page_loads_from_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "ok.png").write_bytes(b"")
    found = Loads(LEAKY_PAGE).found
    wrong = [url for _, url in found if foreign(tmp_path, LOCAL, "index.html", url)]
    assert len(found) == 28 and len(wrong) == 26, found
    assert {where for where, _ in found} >= {
        "<html manifest>", "<link href>", "<link imagesrcset>", "<base href>", "<meta refresh>", "<style>",
        "<body background>", "<img src>", "<img srcset>", "<video poster>", "<video src>", "<source src>",
        "<track src>", "<object data>", "<embed src>", "<iframe src>", "<input src>", "<script src>",
        "<p style>", "<image href>", "<use xlink:href>"}
    assert not any("click" in url for _, url in found)
    assert foreign(tmp_path, LOCAL, "index.html", "missing.png") == "no such file of the site: missing.png"


# ---- Addresses that look relative ----------------------------------------------------------------

# Addresses a browser resolves to another host (from a page of https://site.example/course/).
LEAVING = ["//evil.example/a.png", "/\\evil.example/b.png", "\\\\evil.example\\c.png", "\\/\\evil.example/d.png",
           "///evil.example/e.png", "/\t/evil.example/f.png", "\n/\r/evil.example/g.png", " //evil.example/h.png",
           "\x01//evil.example/i.png", "\x0c//evil.example/j.png", "ht\ttp://evil.example/k.png",
           "HTTPS://evil.example/l.png", "http:evil.example/m.png", "data:image/png;base64,iVBORw0KGgo="]
# Addresses that stay on the site, however odd.
STAYING = ["images/a.png", "/images/b.png", "\\images\\c.png", "%2F%2Fevil.example/d.png", "/%5Cevil.example/e.png",
           "./\\\\evil.example/f.png", "a//evil.example/g.png", "?//evil.example/h", "#//evil.example/i",
           "\u00a0//evil.example/j.png", "\uff0f\uff0fevil.example/k.png", "/%2F/evil.example/l.png"]
BASE = "https://site.example/course/news/"


@pytest.mark.tier("readers")  # Node
def test_the_engine_and_the_parser_leave_the_site_where_a_browsers_url_parser_does() -> None:
    """Node's URL class implements the WHATWG URL standard, as browsers do."""
    node = shutil.which("node")
    if node is None:
        unavailable("no Node.js found: it resolves addresses as browsers do")
    script = "const [base, ...urls] = JSON.parse(process.argv[1]); " \
             "console.log(JSON.stringify(urls.map(u => new URL(u, base).origin)))"
    run = subprocess.run([node, "-e", script, json.dumps([BASE, *LEAVING, *STAYING])], capture_output=True,
                         text=True, check=True, timeout=60)
    origins = dict(zip(LEAVING + STAYING, json.loads(run.stdout), strict=True))
    assert [url for url in LEAVING + STAYING if (origins[url] != "https://site.example") != (url in LEAVING)] == []
    assert [url for url in LEAVING + STAYING if off_site(url) != (url in LEAVING)] == []
    joined = {url: urlsplit(browser_join(BASE, url)).netloc for url in LEAVING + STAYING}
    assert [url for url in LEAVING + STAYING if (joined[url] != "site.example") != (url in LEAVING)] == []


@pytest.mark.tier("engine")
@pytest.mark.parametrize("url", LEAVING)
def test_an_image_from_another_host_loses_its_source_however_it_is_written(url: str) -> None:
    written = "".join(f"&#{ord(c)};" if ord(c) < 0x20 else c for c in url)  # Markdown turns tabs into spaces
    raw = markdown_html(f'<img alt="x" src="{written}">', allow_html=True, page="news.md")
    assert raw == '<p><img alt="x"></p>'
    if not any(c.isspace() for c in url.strip()):  # Markdown reads a backslash as escaping the next character
        written = url.strip().replace("\\", "\\\\")
        assert markdown_html(f"![x](<{written}>)", page="news.md") == '<p><img alt="x"></p>'


@pytest.mark.tier("engine")
def test_a_link_that_leaves_without_a_scheme_is_an_external_link() -> None:
    links = {r"[a](//evil.example/a)": "https://evil.example/a", r"[b](/\evil.example/b.md)": "https://evil.example/b.md",
             r"[c](\\\\evil.example\\c)": "https://evil.example/c", r"[d](<///evil.example/d>)": "https://evil.example/d"}
    for source, href in links.items():
        assert markdown_html(source, page="news.md") == f'<p><a href="{href}">{source[1]}</a></p>', source
    assert [other_host(url) for url in STAYING if other_host(url)] == []


@pytest.mark.tier("engine")
def test_relative_addresses_reach_the_same_file_from_every_page() -> None:
    source = "![p](images/p.png) [f](files/a.pdf) [d](dates.md#x) [t](#top) [r](/abs) [m](mailto:a@example.org)"
    assert markdown_html(source, page="news.md") == (
        '<p><img alt="p" src="../images/p.png"> <a href="../files/a.pdf">f</a> <a href="../dates/#x">d</a> '
        '<a href="#top">t</a> <a href="/abs">r</a> <a href="mailto:a@example.org">m</a></p>')
    assert markdown_html(source, page="index.md").startswith('<p><img alt="p" src="images/p.png"> <a href="files/a.pdf">')


# A link to another page of the site climbs one folder per level of the page it is on: a page's
# index.md is its folder, the home page (index.md, or no page) is the top.
@pytest.mark.tier("engine")
@pytest.mark.parametrize(("page", "up"), [("", ""), ("index.md", ""), ("news.md", "../"), ("topics/index.md", "../"),
                                          ("topics/deep.md", "../../")])
def test_a_link_to_another_page_climbs_as_many_folders_as_the_page_is_deep(page: str, up: str) -> None:
    source = r"[h](index.md) [p](papers.md) [t](topics/index.md#a) [q](?page=2) [b](\\x)"
    assert markdown_html(source, page=page) == (
        f'<p><a href="{up or "./"}">h</a> <a href="{up}papers/">p</a> <a href="{up}topics/#a">t</a> '
        '<a href="?page=2">q</a> <a href="\\x">b</a></p>')
    assert markdown_html("[p](papers.md)") == '<p><a href="papers/">p</a></p>'  # the home page by default


@pytest.mark.tier("engine")
def test_a_cell_keeps_its_alignment_and_no_other_style() -> None:
    assert markdown_html("| a |\n|:-:|\n| b |") == ('<table>\n<thead>\n<tr>\n<th style="text-align:center">a</th>\n'
                                                   '</tr>\n</thead>\n<tbody>\n<tr>\n<td style="text-align:center">b</td>\n'
                                                   '</tr>\n</tbody>\n</table>')
    cell = '<table><tr><td style="color: red; text-align: right">b</td><td style="color: red">c</td></tr></table>'
    assert markdown_html(cell, allow_html=True) == (
        '<table><tbody><tr><td style="text-align:right">b</td><td>c</td></tr></tbody></table>')


@pytest.mark.tier("engine")
def test_the_plain_text_of_a_field_has_no_markup_and_shows_raw_html_as_text_unless_allowed() -> None:
    source = "**Bold**, [a link](https://example.org) &amp; <b>raw</b>\n\n*two*   paragraphs"
    assert plain_text(source) == "Bold, a link & <b>raw</b> two paragraphs"
    assert plain_text(source, allow_html=True) == "Bold, a link & raw two paragraphs"


# ---- Every page of every site ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SITES))
def test_no_page_of_a_fixture_site_loads_from_another_host(built: BuiltSites, name: str) -> None:
    build = built(name)
    count, wrong = site_loads(build.site, root_of(build))
    assert wrong == []
    assert count >= 6 * len(list(build.site.rglob("*.html")))  # style sheets, scripts and the icon on each page


# Every address that leaves the site, in each way a Markdown field can hold it (with raw HTML on),
# an image of the site, and links that leave.
HOSTILE = r"""![a](//evil.example/a.png) ![b](/\evil.example/b.png) ![c](\\\\evil.example\\c.png)
![d](&#47;&#47;evil.example/d.png) ![own](images/own.png)
[l1](//evil.example/l1) [l2](\\\\evil.example\\l2.md) [l3](/\evil.example/l3)

<img src="/&#9;/evil.example/t.png"> <img src=" //evil.example/s.png"> <img src="&#1;//evil.example/u.png">
<img src="ht&#9;tp://evil.example/h.png"> <img src="images/own.png" srcset="//evil.example/ss.png 2x">
<video poster="//evil.example/p.png" src="//evil.example/v.mp4"></video> <object data="//evil.example/o"></object>
<link rel="stylesheet" href="//evil.example/s.css"><style>@import url(//evil.example/i.css);</style>
<p style="background: url(//evil.example/bg.png)">styled</p>
<table><tr><td style="text-align: u\72l(//evil.example/align.png)">escaped url()</td></tr></table>

| a |
|:-:|
| b |
{: style="background-image: url(//evil.example/table.png)" }
"""


def test_no_page_loads_from_another_host_whatever_the_markdown_fields_hold(tmp_path: Path) -> None:
    project, fields = hostile_project(tmp_path, "markdown", HOSTILE, allow_html=True)
    (project / "docs" / "images").mkdir()
    (project / "docs" / "images" / "own.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    count, wrong = site_loads(build.site, LOCAL)
    assert count >= 6 * len(list(build.site.rglob("*.html")))
    assert wrong == []
    pages = {p.relative_to(build.site).as_posix(): p.read_text(encoding="utf-8") for p in build.site.rglob("*.html")}
    own = [name for name, text in pages.items() if "images/own.png" in text]
    assert {"index.html", "news/index.html", "deliverables/index.html"} <= set(own)
    assert 'src="../images/own.png"' in pages["news/index.html"]
    assert not any("evil.example" in url for text in pages.values() for _, url in Loads(text).found)
    assert '<a href="https://evil.example/l2.md">l2</a>' in pages["news/index.html"]
    feed = ET.fromstring(build.read("news.xml")).iter("{http://www.w3.org/2005/Atom}content")
    in_feed = [url for entry in feed for _, url in Loads(entry.text or "").found]  # a feed reader loads these
    assert in_feed and [foreign(build.site, LOCAL, "news.xml", url) for url in in_feed] == [None] * len(in_feed)
    warnings = [line for line in build.output.splitlines() if "image '" in line]
    assert len(warnings) == 8 * fields, "\n".join(warnings)
    assert any(line.endswith(": warning: course.description: image '/\t/evil.example/t.png' would load from "
                             "another host, so the pages show it without its source (put the image in docs/, e.g. "
                             "docs/images/, and write its path relative to docs/, e.g. images/photo.png)")
               for line in build.output.replace("\\t", "\t").splitlines())


@pytest.mark.tier("engine")
def test_an_image_from_another_host_is_a_located_warning() -> None:
    text = (FIXTURES["lecture"] / "course.yml").read_text(encoding="utf-8")
    field = "  description: |\n"
    assert text.count(field) == 1
    lines = check_text(text.replace(field, field + "    ![map](//maps.example/x.png) ![here](images/x.png)\n"
                                    "    ![photo](https://photos.example/y.jpg)\n")).warning_lines("course.yml")
    assert lines == [f"course.yml:17:16: warning: course.description: image '{url}' would load from another "
                     "host, so the pages show it without its source (put the image in docs/, e.g. docs/images/, and "
                     "write its path relative to docs/, e.g. images/photo.png)"
                     for url in ("//maps.example/x.png", "https://photos.example/y.jpg")]
