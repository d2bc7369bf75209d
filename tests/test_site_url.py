"""The published address: mkdocs.yml reads `site_url` from SITE_URL (the Pages workflow sets
it from the Pages configuration). With it, the feeds and the webcal:// link are absolute;
without it, a local build still passes; an address that is not http(s) is refused.
Built from the example course (its mkdocs.yml inherits the repository's)."""

from __future__ import annotations

from pathlib import Path

import feedparser
import icalendar
import pytest
from support import EXAMPLE, mkdocs_build

TIER = "build"  # the kind of test (conftest.py: pytest -m build)

PUBLISHED = "https://account.example.org/course-site/"


# The address with and without its trailing slash publishes the same absolute links.
@pytest.mark.parametrize("site_url", [PUBLISHED, PUBLISHED.rstrip("/")])
def test_site_url_from_the_environment_makes_feeds_and_webcal_absolute(tmp_path: Path, site_url: str) -> None:
    build = mkdocs_build(EXAMPLE, tmp_path / "site", SITE_URL=site_url)
    assert build.returncode == 0, build.output
    assert "site_url is not set" not in build.output
    page = build.read("calendar/index.html").decode("utf-8")
    assert f'href="webcal://{PUBLISHED.removeprefix("https://")}calendar.ics"' in page
    assert f'>{PUBLISHED}calendar.ics</textarea>' in page
    calendar = icalendar.Calendar.from_ical(build.read("calendar.ics"))
    assert str(calendar["SOURCE"]) == PUBLISHED + "calendar.ics"
    feed = feedparser.parse(build.read("news.xml"))
    assert not feed.bozo
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": PUBLISHED + "news.xml", "alternate": PUBLISHED + "news/"}
    assert feed.entries and all(entry.link.startswith(PUBLISHED + "news/#") for entry in feed.entries)
    assert f'<link rel="canonical" href="{PUBLISHED}calendar/">' in page


@pytest.mark.parametrize("value", [None, ""])
def test_a_local_build_without_site_url_passes_with_relative_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", value)
    build = mkdocs_build(EXAMPLE, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "site_url is not set in mkdocs.yml (it reads the SITE_URL environment variable)" in build.output
    page = build.read("calendar/index.html").decode("utf-8")
    assert "webcal:" not in page and 'href="../calendar.ics" id="cg-feed-link"' in page
    assert "SOURCE" not in icalendar.Calendar.from_ical(build.read("calendar.ics"))
    feed = feedparser.parse(build.read("news.xml"))
    assert all("://" not in link.href for link in feed.feed.links)


# MkDocs itself refuses an address without a scheme; the hook refuses any scheme but http(s).
@pytest.mark.parametrize(("site_url", "message"), [
    ("ftp://account.example.org/course-site/", "is not a web address"),
    ("webcal://account.example.org/course-site/", "is not a web address"),
    ("account.example.org/course-site/", "it should include the http:// (scheme)"),
])
def test_a_site_url_that_is_not_a_web_address_is_refused(tmp_path: Path, site_url: str, message: str) -> None:
    run = mkdocs_build(EXAMPLE, tmp_path / "site", SITE_URL=site_url)
    assert run.returncode == 1
    assert message in run.output and "Traceback" not in run.output
    if "://" in site_url:
        assert f"site_url {site_url!r} is not a web address" in run.output
        assert "use the published https:// address" in run.output
    assert not (tmp_path / "site").exists()
