"""`/news.xml`: an Atom feed of course.yml's news that feedparser reads cleanly.

Built with real `mkdocs build --strict` runs (the `built` fixture): the seminar has no
news, the example course two items; `example-url` is published at a site_url.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import feedparser
import pytest
from support import EXAMPLE, SITE_URL, Build, BuiltSites

from coursegen.feeds import news_feed
from coursegen.loader import validate
from coursegen.markup import markdown_html
from coursegen.model import Course
from coursegen.yamlsource import parse

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


STAMP = dt.datetime(2026, 9, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module", params=["seminar", "example", "example-url"])
def build(request: pytest.FixtureRequest, built: BuiltSites) -> Build:
    """One built site (each built once per session)."""
    return built(request.param)


# The feed of a built site, as feedparser reads it.
def parsed(build: Build) -> feedparser.FeedParserDict:
    return feedparser.parse(build.read("news.xml"))


# The example course with its YAML data changed by `change`, then validated.
def changed_example(change: Callable[[dict], None]) -> Course:
    doc = parse((EXAMPLE / "course.yml").read_text(encoding="utf-8"))
    change(doc.data)
    return validate(doc)


def test_feed_is_valid_atom(build: Build) -> None:
    feed = parsed(build)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == len(build.course.news)
    assert feed.feed.title.endswith(build.course.course.title)
    assert [a.name for a in feed.feed.authors] == [p.name for p in build.course.course.instructors]


def test_entries_match_course_yml_newest_first(build: Build) -> None:
    zone = ZoneInfo(build.course.course.timezone)
    news = sorted(build.course.news, key=lambda n: n.date, reverse=True)
    entries = parsed(build).entries
    assert [e.title for e in entries] == [n.title for n in news]
    for entry, item in zip(entries, news, strict=True):
        midnight = dt.datetime.combine(item.date, dt.time(0), zone)
        assert dt.datetime.fromisoformat(entry.updated) == dt.datetime.fromisoformat(entry.published) == midnight
        assert entry.content[0].type == "text/html"
        assert entry.content[0].value == markdown_html(item.body)
        assert entry.link.endswith(f"news/#{item.id}")
    assert len({e.id for e in entries}) == len(entries)


def test_example_entry_content_is_html(built: BuiltSites) -> None:
    entry = parsed(built("example")).entries[0]
    assert "Die Vorträge finden in <strong>Raum 0.01</strong> statt." in entry.content[0].value


def test_empty_news_gives_a_valid_feed(built: BuiltSites) -> None:
    seminar = built("seminar")
    assert seminar.course.news == []
    feed = parsed(seminar)
    assert not feed.bozo and feed.version == "atom10" and feed.entries == []
    assert feed.feed.updated and feed.feed.id.startswith("urn:uuid:")


def test_links_are_absolute_with_a_site_url(built: BuiltSites) -> None:
    feed = parsed(built("example-url"))
    assert {(link.rel, link.href) for link in feed.feed.links} == {
        ("self", SITE_URL + "news.xml"), ("alternate", SITE_URL + "news/")}
    assert [e.link for e in feed.entries] == [SITE_URL + "news/#rooms-fixed", SITE_URL + "news/#welcome"]


def test_ids_follow_item_ids_not_order_title_or_date() -> None:
    original = changed_example(lambda data: None)

    # Reverse the news, retitle and redate one item, and add a new one.
    def edit(data: dict) -> None:
        data["news"].reverse()
        data["news"][0].update(title="Welcome, everyone!", date="2026-10-02")
        data["news"].append({"id": "later", "date": "2027-04-01", "title": "Later", "body": "Text."})

    ids = {e.link: e.id for e in feedparser.parse(news_feed(original, STAMP, SITE_URL)).entries}
    moved = {e.link: e.id for e in feedparser.parse(news_feed(changed_example(edit), STAMP, SITE_URL)).entries}
    assert {link: moved[link] for link in ids} == ids
    assert len(set(moved.values())) == 3


def test_hostile_titles_stay_text() -> None:
    title = 'Room <b>&</b> "time"; C:\\new, ü'

    # Give the first news item a title full of markup characters.
    def edit(data: dict) -> None:
        data["news"][0]["title"] = title

    feed = feedparser.parse(news_feed(changed_example(edit), STAMP))
    assert not feed.bozo and feed.entries[0].title == title


def test_pages_announce_and_link_the_feed(build: Build) -> None:
    for page in ["index.html", "news/index.html", "dates/index.html", "calendar/index.html"]:
        html = build.read(page).decode("utf-8")
        prefix = "" if page == "index.html" else "../"
        link = re.search(rf'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="{prefix}news.xml">',
                         html)
        assert bool(link) == (page in ("index.html", "news/index.html")), page
    assert 'href="../news.xml"' in build.read("news/index.html").decode("utf-8").split("<article")[1]
