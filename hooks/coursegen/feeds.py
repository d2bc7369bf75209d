"""Course news -> an Atom 1.0 feed (RFC 4287), written with the standard library.

Ids are `urn:uuid:` names derived from the site and the news item's id, so they
stay the same when items are reordered or edited. An entry's `published` and
`updated` are the start of its date in the course's time zone; the feed's
`updated` is that of its newest entry, or the revision time when there is none.
Links are absolute with a site_url and relative to `/news.xml` without one; relative
addresses in a news body are written as from the top of the site, where `/news.xml` is and
where a feed reader resolves them.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from .addresses import HOME, NEWS, NEWS_FEED, page_url
from .i18n import labels
from .instants import day_start
from .markup import markdown_html
from .model import Course, NewsItem

ATOM = "http://www.w3.org/2005/Atom"


# An element with text, appended to parent.
def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


# A stable urn:uuid: id for a name within the site.
def _id(site: str, name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site}#{name}").urn


# The start of a news item's day in the course's time zone, as RFC 3339.
def _when(item: NewsItem, zone: ZoneInfo) -> str:
    return day_start(item.date, zone).isoformat()


# One <entry> for a news item.
def _entry(feed: ET.Element, item: NewsItem, site: str, base: str, zone: ZoneInfo, allow_html: bool) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", _id(site, f"news-{item.id}"))
    _add(entry, "title", item.title, type="text")
    _add(entry, "published", _when(item, zone))
    _add(entry, "updated", _when(item, zone))
    _add(entry, "link", rel="alternate", type="text/html", href=f"{base}{page_url(NEWS)}#{item.id}")
    _add(entry, "content", markdown_html(item.body, allow_html=allow_html, page=HOME), type="html")


def news_feed(course: Course, stamp: dt.datetime, site_url: str | None = None) -> bytes:
    """The news items as an Atom feed, newest first; `stamp` dates an empty feed."""
    info, lab = course.course, labels(course.course.language)
    zone = ZoneInfo(info.timezone)
    base = site_url.rstrip("/") + "/" if site_url else ""
    site = course.site_id
    items = course.news_in_order
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": info.language})
    _add(feed, "id", _id(site, NEWS_FEED))
    _add(feed, "title", lab["feed_title"].format(title=info.title), type="text")
    _add(feed, "updated", _when(items[0], zone) if items else stamp.astimezone(dt.UTC).isoformat())
    _add(feed, "link", rel="self", type="application/atom+xml", href=base + NEWS_FEED)
    _add(feed, "link", rel="alternate", type="text/html", href=base + page_url(NEWS))
    for person in info.instructors:
        _add(_add(feed, "author"), "name", person.name)
    for item in items:
        _entry(feed, item, site, base, zone, info.allow_html)
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
