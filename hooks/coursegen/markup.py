"""Text helpers for generated Markdown: plain text stays plain, dates read naturally."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import markdown
import nh3
from babel.dates import (
    format_date,
    format_datetime,
    format_interval,
    format_skeleton,
    format_time,
    get_day_names,
    get_timezone,
    get_timezone_location,
    get_timezone_name,
)

from .addresses import as_read, off_site, other_host
from .i18n import Labels
from .instants import instant as moment_of
from .model import WEEKDAYS, DateItem

# Python-Markdown's escapable characters plus the tables extension's '|'; the site enables
# no extension that adds syntax for others (no emoji, tilde, caret, mark or math).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def text(value: Any) -> str:
    """Escape a plain-text value so Markdown and HTML show it exactly as written."""
    escaped = html.escape(" ".join(str(value).split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def attr(value: Any) -> str:
    """Escape a value for an HTML attribute inside generated Markdown."""
    return html.escape(str(value), quote=True)


def long_date(day: dt.date, labels: Labels) -> str:
    """A date written out in the course's language (CLDR's full form), e.g. 'Monday, February 15, 2027'."""
    return format_date(day, "full", locale=labels.locale)


def short_date(day: dt.date, labels: Labels) -> str:
    """A date written short in the course's language (CLDR's yMMMd), e.g. 'Feb 15, 2027'."""
    return format_skeleton("yMMMd", day, locale=labels.locale)


def day_range(first: dt.date, last: dt.date, labels: Labels) -> str:
    """Two days as one short range in the course's language, e.g. '17–23 May 2027'."""
    return str(format_interval(first, last, "yMMMd", locale=labels.locale))


def weekday_date(day: dt.date, labels: Labels) -> str:
    """A day with its weekday and without the year (CLDR's MMMEd), e.g. 'Mon 17 May'."""
    return str(format_skeleton("MMMEd", day, locale=labels.locale))


def weekday_names(days: list[str], labels: Labels) -> str:
    """Weekdays (as course.yml names them: monday, ...) in the course's language, e.g. "Dienstag, Donnerstag"."""
    names = get_day_names("wide", locale=labels.locale)
    return ", ".join(names[WEEKDAYS.index(day)] for day in days)


def when(item: DateItem, labels: Labels) -> str:
    """When a date happens, as plain text: day, time, range, or the hint of a tbd date."""
    if not item.is_dated:
        return f"{labels['status_tbd']}: {item.hint}"
    return _when(item, labels, str, lambda _day, time: clock(time, labels))


# The words of a dated item's day, times and range; `escape` takes the words, `time` writes a time.
def _when(item: DateItem, labels: Labels, escape: Callable[[str], str],
          time: Callable[[dt.date, dt.time], str]) -> str:
    assert item.date is not None
    words = escape(long_date(item.date, labels))
    if item.start:
        words += ", " + time(item.date, item.start)
        if item.end and not item.spans_days:
            words += escape(labels["to"]) + time(item.date, item.end)
    if item.spans_days:
        words += f" {escape(labels['to'])} {escape(long_date(item.last_day, labels))}"
        if item.end:
            words += ", " + time(item.last_day, item.end)
    return words


# ---- Times as instants ----------------------------------------------------------------------
#
# A time of day on a page is a <time> whose datetime is the exact instant, with the course
# zone's UTC offset at that moment (zoneinfo), e.g. 2026-10-20T10:00:00+02:00. The times of
# one date or talk are grouped in a .cg-when span; now.js adds the visitor's own time after
# each group when their offset differs. Dates without a time get no group.


def instant(moment: dt.datetime, labels: Labels) -> str:
    """A time of day as HTML: the course's clock text in a <time> carrying the exact instant."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment} has no time zone: an instant needs one")
    return f'<time datetime="{moment.isoformat()}">{html.escape(clock(moment, labels))}</time>'


def when_html(item: DateItem, zone: ZoneInfo, labels: Labels, escape: Callable[[str], str]) -> str:
    """`when` as HTML: each time an `instant`, grouped for the visitor's time; the words through `escape`."""
    if not (item.is_dated and (item.start or item.end)):
        return escape(when(item, labels))
    return group(_when(item, labels, escape,
                       lambda day, time: instant(moment_of(day, time, zone), labels)))


def next_when_html(item: DateItem, zone: ZoneInfo, labels: Labels) -> str:
    """A coming date, short, as HTML: its weekday and day ('Tue 20 Oct'), the last day of a range,
    and its times as grouped instants; a tbd date gives its hint."""
    if not item.is_dated:
        return html.escape(when(item, labels))
    assert item.date is not None
    words = html.escape(weekday_date(item.date, labels))
    if item.spans_days:
        words += html.escape(labels["to"]) + html.escape(weekday_date(item.last_day, labels))
    if item.start and not item.spans_days:
        times = instant(moment_of(item.date, item.start, zone), labels)
        if item.end:
            times += html.escape(labels["to"]) + instant(moment_of(item.date, item.end, zone), labels)
        words += ", " + group(times)
    return words


def span_html(start: dt.datetime, end: dt.datetime, labels: Labels) -> str:
    """A time span of one day ('09:00–09:15') as two grouped instants."""
    times = instant(start, labels) + html.escape(labels["to"]) + instant(end, labels)
    return group(f'<span class="cg-span">{times}</span>')


def group(times: str) -> str:
    """HTML holding instants, marked as one place for the visitor's time."""
    return f'<span class="cg-when">{times}</span>'


# The words now.js writes, by data attribute of the page's hidden labels element.
_SCRIPT_LABELS = {"label": "local_time", "to": "to", "past": "state_past", "next": "state_next",
                  "later": "state_later", "today": "relative_today", "tomorrow": "relative_tomorrow",
                  "days": "relative_days"}


def script_labels(labels: Labels) -> str:
    """The hidden element now.js reads its words from: the visitor-time label and separator, the
    marks past/next/later, today/tomorrow/in N days (the visitor's times are in their own locale)."""
    words = "".join(f' data-{name}="{attr(labels[key])}"' for name, key in _SCRIPT_LABELS.items())
    return f'<div hidden data-cg-clock{words}></div>'


def clock(value: dt.time | dt.datetime, labels: Labels) -> str:
    """A time of day in the course's language (CLDR's short form: '14:15', '2:15 PM')."""
    return format_time(value if isinstance(value, dt.time) else value.time(), "short", locale=labels.locale)


def zone_abbrev(moment: dt.datetime, labels: Labels) -> str:
    """The zone's abbreviation at `moment` in the course's language, e.g. 'MEZ' in German.

    CLDR has such names only where a language commonly uses them; elsewhere it gives an
    offset ('+0100') or a name ('Eastern Daylight Time' in British English), and the zone's own
    abbreviation from tzdata ('CET', 'EDT') is clearer.
    """
    name = format_datetime(moment, "z", locale=labels.locale)
    abbreviation = name[:1].isalpha() and " " not in name and not name.startswith(("GMT", "UTC"))
    return name if abbreviation else (moment.tzname() or name)


def zone_name(zone: ZoneInfo, labels: Labels) -> tuple[str | None, str]:
    """The zone's name for the whole year in the course's language, from CLDR's metazones ('Eastern
    Time', 'Mitteleuropäische Zeit'; None where CLDR names the zone only by its place), and its
    city ('New York', 'Kalkutta')."""
    place = get_timezone(zone.key)
    name = get_timezone_name(place, "long", locale=labels.locale, zone_variant="generic")
    city = get_timezone_location(place, locale=labels.locale, return_city=True)
    return (None if name == get_timezone_location(place, locale=labels.locale) else name), city


def zone_generic_abbrev(zone: ZoneInfo, labels: Labels) -> str | None:
    """The zone's abbreviation for the whole year, where the course's language has one ('ET' in
    US English); None where CLDR gives a name or a place instead."""
    name = get_timezone_name(get_timezone(zone.key), "short", locale=labels.locale, zone_variant="generic")
    return name if name.isalpha() and name.isupper() and len(name) <= 5 else None


def percent(value: float) -> str:
    """A weight as a percentage without needless decimals."""
    return f"{value:g} %"


# ---- Markdown fields ------------------------------------------------------------------------
#
# Every Markdown field of course.yml is rendered here, on its own, to sanitized HTML that the
# page templates embed as one closed block: nothing in a field can reach the page around it.

# The Markdown syntax of the site's pages (mkdocs.yml) that a field may use.
_EXTENSIONS = ["admonition", "attr_list", "tables", "pymdownx.details", "pymdownx.superfences",
               "pymdownx.highlight"]
_EXTENSION_CONFIGS = {"pymdownx.highlight": {"use_pygments": True}}

# The allow-list: elements and attributes a field's HTML may keep (REFERENCE.md lists it).
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": {"class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_TEXT_ALIGN = re.compile(r"(?:^|;)\s*text-align\s*:\s*([a-z-]+)\s*(?:;|$)", re.I)
_RELATIVE_MD = re.compile(r"^(?![a-z][a-z0-9+.-]*:|/)(?P<path>[^?#]*?)(?:index)?\.md(?P<frag>#.*)?$", re.I)


class _NoRawHtml(markdown.Extension):
    """Raw HTML is shown as text: the block and inline HTML parsers are switched off."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# A relative address of a field, written as from docs/ (the top of the site), as the built page
# `page` needs it: a page written as `dates.md` at its built address, any other file of the site
# one folder up per level of the page. Addresses with a scheme, of the site's root (`/x`) and
# within the page (`#x`, `?x`) stay as they are.
def _site_url(target: str, page: str) -> str:
    depth = 0 if page in ("index.md", "") else page.removesuffix(".md").removesuffix("/index").count("/") + 1
    match = _RELATIVE_MD.match(target)
    if match:
        path = match.group("path")
        path = path if not path or path.endswith("/") else path + "/"
        return ("../" * depth + path or "./") + (match.group("frag") or "")
    read = as_read(target)
    if off_site(read) or not read or read.startswith(("/", "\\", "#", "?")):
        return target
    return "../" * depth + read


# What an attribute of a field's HTML keeps: images only from the site itself (an image from
# anywhere else loses its src, so no page makes a request to another host); a link that leaves
# the site without a scheme (`//host/x`, `\\host\x`) is an external link, written as browsers
# read it (https://host/x); relative addresses point to the same file from every page; a style
# only a text-align keyword (nh3 keeps the property's value as written, url() and all).
def _attribute_filter(page: str) -> Any:
    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src":
            return None if off_site(value) else _site_url(value, page)
        if element == "a" and attribute == "href":
            return other_host(value) or _site_url(value, page)
        if attribute == "style":
            align = _TEXT_ALIGN.search(value)
            return f"text-align:{align.group(1)}" if align else None
        return value
    return keep


def markdown_html(source: str, *, allow_html: bool = False, page: str = "index.md") -> str:
    """A Markdown field as sanitized, balanced HTML for the page `page`.

    Raw HTML is escaped unless `allow_html`; either way the result passes nh3 with the
    allow-list above (no scripts, frames, styles, event handlers, javascript: or data:
    links) and is balanced, so an unclosed tag cannot swallow the rest of the page.
    """
    clean = nh3.clean(unsanitized_html(source, allow_html=allow_html), tags=set(ALLOWED_TAGS),
                      attributes=ALLOWED_ATTRIBUTES, url_schemes=set(ALLOWED_SCHEMES), link_rel=None,
                      filter_style_properties={"text-align"}, attribute_filter=_attribute_filter(page))
    return clean.strip()


def unsanitized_html(source: str, *, allow_html: bool = False) -> str:
    """A Markdown field's HTML as Python-Markdown writes it, before the allow-list: what
    `markdown_html` cleans, and what the checks of its links read."""
    extensions: list[Any] = list(_EXTENSIONS) + (["md_in_html"] if allow_html else [_NoRawHtml()])
    return markdown.markdown(source, extensions=extensions, extension_configs=_EXTENSION_CONFIGS)


def markdown_block(source: str, *, allow_html: bool = False, page: str = "index.md") -> str:
    """A Markdown field as a closed `<div>` that the page's own Markdown leaves as it is."""
    return f'<div class="cg-md" markdown="0">\n{markdown_html(source, allow_html=allow_html, page=page)}\n</div>'


def plain_text(source: str, *, allow_html: bool = False) -> str:
    """The text of a Markdown field without any markup, whitespace collapsed."""
    rendered = markdown.markdown(source, extensions=[] if allow_html else [_NoRawHtml()])
    return " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())
