"""Every page and file the site generates, by address, and the outside addresses it links to.

Engine, templates (as `A`) and theme (as `config.extra.course.files`) take their file
names from here, so a page or file moves by changing one line. A new page is a template
(`templates/<name>.md.j2`), one entry in PAGES (address, template, title label, the views only
it shows, whether a course uses it, the files published with it; templates then reach it as
`A.<title label>`) and its title label, declared in `i18n.Labels` and written in each label
file; a view it alone shows is a function in `pages.VIEWS`. Each entry says
whether a course uses the page (a course without papers has no papers page and no
papers.bib); the hook and `coursegen generate` publish only the pages `used_pages` gives.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module for its addresses
    from .model import Course

# Generated pages, by source path (the site shows `papers.md` at papers/).
HOME = "index.md"
PAPERS = "papers.md"
DELIVERABLES = "deliverables.md"
DATES = "dates.md"
SCHEDULE = "schedule.md"
SESSIONS = "sessions.md"
NEWS = "news.md"
CALENDAR = "calendar.md"

# Generated files.
BIBLIOGRAPHY = "papers.bib"
CALENDAR_FEED = "calendar.ics"
NEWS_FEED = "news.xml"


# Every course has the pages that do not say otherwise.
def _always(course: Course) -> bool:
    return True


@dataclass(frozen=True)
class Page:
    """A generated page: its address, its template, the label key of its title, the names of
    the views only it shows (computed by `pages.VIEWS`), whether a course uses it, and the
    generated files published only with it."""

    uri: str
    template: str
    title: str
    views: tuple[str, ...] = ()
    used: Callable[[Course], bool] = _always
    companions: tuple[str, ...] = ()


# Every generated page, in navigation order.
PAGES: dict[str, Page] = {page.uri: page for page in (
    Page(HOME, "index.md.j2", "home", ("next_for_you", "timeline")),
    Page(PAPERS, "papers.md.j2", "papers", used=lambda course: bool(course.papers), companions=(BIBLIOGRAPHY,)),
    Page(DELIVERABLES, "deliverables.md.j2", "deliverables", ("grade_chart",)),
    Page(DATES, "dates.md.j2", "dates"),
    Page(SCHEDULE, "schedule.md.j2", "schedule",
         used=lambda course: bool(course.schedule.days or course.schedule.hint)),
    Page(SESSIONS, "sessions.md.j2", "sessions", used=lambda course: bool(course.series)),
    Page(NEWS, "news.md.j2", "news"),
    Page(CALENDAR, "calendar.md.j2", "calendar"),
)}


def used_pages(course: Course) -> dict[str, Page]:
    """The pages this course has, in navigation order."""
    return {uri: page for uri, page in PAGES.items() if page.used(course)}


def unused_files(course: Course) -> set[str]:
    """Generated pages and files this course does not have (their pages are not used)."""
    return {name for page in PAGES.values() if not page.used(course) for name in (page.uri, *page.companions)}


def event_file(kind: str, ident: str) -> str:
    """Where the one-event .ics of a date (`kind` 'date'), talk slot ('talk') or weekly series
    ('series') is published."""
    return f"calendar/{kind}-{ident}.ics"


def track_feed(track: str | None) -> str:
    """Where the feed of one track (`talk-t1`, `review-t1`, `group-ex-a`; see tracks.py) is
    published, or with None the feed of what is everyone's (the events in no track). A track's
    id begins with its kind, so no track is called everyone."""
    return f"calendar/tracks/{track or 'everyone'}.ics"


def page_url(page: str) -> str:
    """The built address of a generated page, relative to the site root: `news.md` -> `news/`."""
    return "" if page == HOME else page.removesuffix(".md") + "/"


def arxiv_url(arxiv: str) -> str:
    """The abstract page of an arXiv id."""
    return f"https://arxiv.org/abs/{arxiv}"


def doi_url(doi: str) -> str:
    """The https://doi.org/ address of a DOI, percent-encoded so any real DOI stays one link."""
    return "https://doi.org/" + urllib.parse.quote(doi, safe="/:;()!*'+,=@$&")


# ---- Addresses that leave the site ----------------------------------------------------
#
# Browsers read an address more loosely than it looks (WHATWG URL standard): they trim leading
# and trailing control characters and spaces, drop every tab and line break, and on a web page
# read a backslash as a slash. After that, an address with a scheme (`https:`, `data:`) or one
# that starts with two slashes (`//host/x`, so also `/\host/x`, `\\host\x`, `/<tab>/host`) is not a
# file of the site. HTML character references (`&#47;`) are decoded before any of this.

_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def as_read(url: str) -> str:
    """An address as a browser reads it on a web page: trimmed, without tabs and line breaks."""
    return _TAB_OR_NEWLINE.sub("", url.strip(_C0_OR_SPACE))


def has_scheme(url: str) -> bool:
    """True if a browser reads `url` with a scheme of its own (`https:`, `mailto:`, `ht<tab>tp:`)."""
    return bool(_SCHEME.match(as_read(url)))


def other_host(url: str) -> str | None:
    r"""The https:// address a browser goes to for an address written without a scheme that
    still names another host (`//host/x`, `/\host/x`, `\\host\x`, with tabs or line breaks
    anywhere); None for an address with a scheme or a path of the site."""
    read = as_read(url)
    if _SCHEME.match(read):
        return None
    slashed = read.replace("\\", "/")
    return "https://" + slashed.lstrip("/") if slashed.startswith("//") else None


def off_site(url: str) -> bool:
    """True unless `url` is a file of the site itself, as a browser resolves it on a page."""
    return has_scheme(url) or other_host(url) is not None


GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"


def google_subscribe_url(webcal: str) -> str:
    """Google Calendar's form that adds the feed at `webcal` (a webcal:// address) to the visitor's
    calendars, to be kept up to date. A plain link, like the new-event form's."""
    return GOOGLE_CALENDAR + "?" + urllib.parse.urlencode({"cid": webcal}, quote_via=urllib.parse.quote)


def google_calendar_url(title: str, dates: str, details: str | None, location: str | None) -> str:
    """Google Calendar's new-event form, filled in (`dates` as START/END in its format). A plain
    link: nothing reaches Google until the visitor follows it."""
    query = {"action": "TEMPLATE", "text": title, "dates": dates, "details": details, "location": location}
    return GOOGLE_CALENDAR + "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v},
                                                         quote_via=urllib.parse.quote)


def template_names() -> dict[str, str]:
    """The addresses as templates and the theme see them: each page by its title label's key
    (`A.papers`), each file by its name (`A.bibliography`, ...)."""
    return {**{page.title: uri for uri, page in PAGES.items()},
            "bibliography": BIBLIOGRAPHY, "calendar_feed": CALENDAR_FEED, "news_feed": NEWS_FEED}
