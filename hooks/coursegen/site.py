"""Everything the site needs from one course: files by address, footer data, navigation."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import addresses, tracks
from .agenda import Agenda
from .bib import bibliography
from .feeds import news_feed
from .i18n import Labels, labels
from .ics import calendar_files
from .instants import day_start
from .markup import plain_text
from .model import Course
from .pages import render
from .revisions import Revision

TODAY_VARIABLE = "COURSEGEN_TODAY"


def build_date(timezone: str) -> dt.date:
    """The day a build counts as today in the course's zone (the timeline's next date, the
    upcoming dates). COURSEGEN_TODAY=YYYY-MM-DD fixes it, e.g. for reproducible screenshots."""
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise ValueError(f"{TODAY_VARIABLE}={fixed!r} is not a date (write YYYY-MM-DD, or unset it)") from None
    return dt.datetime.now(ZoneInfo(timezone)).date()


@dataclass(frozen=True)
class SiteOutput:
    """Generated files of a course site, ready for any static-site tool."""

    course: Course
    files: dict[str, str | bytes] = field(default_factory=dict)

    @classmethod
    def build(cls, agenda: Agenda, today: dt.date, templates: Path | None = None,
              site_url: str | None = None, revision: Revision | None = None) -> SiteOutput:
        """Render every generated file of the course from its agenda (see `agenda.resolve`).

        `site_url` makes feed links absolute; `revision` (see `revisions.read_revision`)
        dates the feeds and numbers event changes; without it they are dated `today`.
        """
        course = agenda.course
        revision = revision or Revision(day_start(today, ZoneInfo("UTC")))
        files: dict[str, str | bytes] = dict(render(agenda, today, templates, site_url))
        files[addresses.BIBLIOGRAPHY] = bibliography(course)
        files.update(calendar_files(agenda, revision, site_url))  # the feed and one file per event
        files[addresses.NEWS_FEED] = news_feed(course, revision.stamp, site_url)
        unused = addresses.unused_files(course)
        return cls(course, {name: content for name, content in files.items() if name not in unused})

    @property
    def labels(self) -> Labels:
        """The label set of the course language."""
        return labels(self.course.course.language)

    @property
    def theme_data(self) -> dict[str, Any]:
        """What the theme overrides show: footer links, labels and the addresses of the feeds."""
        info, lab = self.course.course, labels(self.course.course.language)
        return {
            "impressum": info.legal.impressum, "datenschutz": info.legal.privacy_notice,
            "accessibility": info.legal.accessibility,
            "contact_text": info.contact.text, "contact_url": info.contact.url,
            "labels": {k: lab[k] for k in ("impressum", "datenschutz", "accessibility", "contact", "legal", "not_found",
                                            "not_found_text", "not_found_home")},
            "news_feed_title": lab["feed_title"].format(title=info.title), "calendar_title": lab["calendar"],
            "files": addresses.template_names(), "mine_key": tracks.storage_key(self.course),
            "language": info.language,  # the pages' own (en-US), where Material's words are en's
            # Papers in another language than the site's, by id: their entries in the page's table of contents.
            "paper_languages": {p.id: p.lang_on(info.language) for p in self.course.papers if p.lang_on(info.language)},
        }

    @property
    def description(self) -> str:
        """A one-sentence plain-text summary for search engines (the description's first sentence)."""
        text = plain_text(self.course.course.description, allow_html=self.course.course.allow_html)
        sentence = text.split(". ")[0].rstrip(".") + "."
        return sentence if len(sentence) <= 160 else sentence[:157].rsplit(" ", 1)[0] + "…"

    @property
    def author(self) -> str:
        """The instructors' names, for the page metadata."""
        return ", ".join(p.name for p in self.course.course.instructors)

    def nav(self, documentation_pages: Sequence[Any]) -> list[Any]:
        """The course's generated pages in a fixed order, then hand-written ones by path."""
        lab = labels(self.course.course.language)
        generated = [{lab[page.title]: uri} for uri, page in addresses.used_pages(self.course).items()]
        others = sorted(f.src_uri for f in documentation_pages if f.src_uri not in addresses.PAGES)
        return generated + others
