"""A student's own part of a course: the tracks they can pick on the site, each with its own feed.

A track is what belongs to some students and not to others, named by paper or by group, never by
student (so it works with presenters' names hidden):

* `talk-<slot>`: giving the talk of that slot, with the per-talk dates for its presenter
  (`per_talk.for: presenter`, e.g. the slides due a week before);
* `review-<slot>`: reviewing that talk's paper, with the per-talk dates for its reviewers
  (`for: reviewers`); offered where the course assigns reviewers (a paper's `reviewers`) or has
  such dates;
* `group-<series id>`: attending one of the series that share a `choose_one` text (the exercise
  groups of a lecture), with that series' sessions.

The talks themselves are the whole class's program, so every talk and every other date stays
course-wide: each event of the feed is course-wide or in exactly one track, and the course-wide
feed with every track's feed holds the full feed's events, once each.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from .agenda import Agenda, Occurrence
from .i18n import Labels
from .model import Course, Paper, Series

TrackKind = Literal["talk", "review", "group"]


@dataclass(frozen=True)
class Track:
    """One track: its id (`talk-t1`, `review-t1`, `group-ex-a`), its kind, the agenda keys it
    concerns (the talk itself first, for a talk's tracks), the names of the feed events it holds,
    the choice a student makes between it and its kind's other tracks (`talk`, `review`,
    `choice-<the choice's text>`), and what it is of (the talk's slot and paper, or the series and
    the choice's text)."""

    id: str
    kind: TrackKind
    keys: tuple[str, ...]
    events: tuple[str, ...]
    choice_id: str
    slot: str | None = None
    paper: Paper | None = None
    series: Series | None = None
    choice: str | None = None

    @property
    def owned(self) -> tuple[str, ...]:
        """The agenda keys that are this track's alone (a talk itself is everyone's)."""
        return self.keys[1:] if self.kind in ("talk", "review") else self.keys


# The per-talk items of one talk for one role, in the order of the dates page.
def _talk_items(agenda: Agenda, slot: str, role: str) -> list[Occurrence]:
    return [o for o in agenda.dates if o.kind == "talk-date" and o.slot == slot
            and o.rule is not None and o.rule.per_talk is not None and o.rule.per_talk.for_ == role]


# Whether the course has reviewers to pick: assigned on a paper, or dates for them.
def _reviews(agenda: Agenda) -> bool:
    rules = [d.per_talk for d in agenda.course.dates if d.per_talk is not None]
    return any(p.reviewers for p in agenda.course.papers) or any(rule.for_ == "reviewers" for rule in rules)


# A talk's track for one role: the talk (to highlight) and that role's per-talk items.
def _talk_track(agenda: Agenda, talk: Occurrence, kind: TrackKind) -> Track:
    assert talk.slot is not None
    items = _talk_items(agenda, talk.slot, "presenter" if kind == "talk" else "reviewers")
    return Track(f"{kind}-{talk.slot}", kind, (talk.key, *(o.key for o in items)),
                 tuple(o.event for o in items if o.event and o.dated), kind, slot=talk.slot, paper=talk.paper)


def choice_id(text: str, taken: Collection[str] = ()) -> str:
    """The id of a choice between series, from the text they share (`choice-ubungsgruppe-group` for
    "Exercise group"), so that a student's stored choice holds while series are added, removed or
    reordered; a text with no letter of the Latin alphabet has a digest of itself instead, and
    a text whose id another has (a different spelling) gets a number."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    base = "choice-" + (slug or hashlib.sha256(text.encode("utf-8")).hexdigest()[:10])
    found, number = base, 2
    while found in taken:
        found, number = f"{base}-{number}", number + 1
    return found


def tracks(agenda: Agenda) -> list[Track]:
    """Every track of the course: each talk (given, then reviewed, in the order of the block
    course; a slot without a paper yet too, so that its dates are no one else's), then each series
    students choose one of (in file order)."""
    talks = [talk for talk in agenda.talks if talk.slot is not None]
    found = [_talk_track(agenda, talk, "talk") for talk in talks]
    if _reviews(agenda):
        found += [_talk_track(agenda, talk, "review") for talk in talks]
    choices: dict[str, str] = {}  # each choice between series by its text: its id
    for series, plan in zip(agenda.course.series, agenda.series, strict=True):
        if series.choose_one:
            choice = choices.get(series.choose_one) or choices.setdefault(
                series.choose_one, choice_id(series.choose_one, set(choices.values())))
            found.append(Track(f"group-{series.id}", "group", tuple(o.key for o in plan),
                               tuple(dict.fromkeys(o.event for o in plan if o.event)), choice, series=series,
                               choice=series.choose_one))
    return found


def course_wide(found: list[Track], all_events: list[str]) -> list[str]:
    """Of the feed's event names (in feed order), those in none of the tracks `found`: everyone's."""
    mine = {event for track in found for event in track.events}
    return [name for name in all_events if name not in mine]


def storage_key(course: Course) -> str:
    """Where a visitor's browser keeps their choice of tracks (localStorage, nothing sent): one
    key per course, so that courses on one host keep their choices apart."""
    return f"coursegen:mine:{course.site_id}"


def track_label(track: Track, lab: Labels) -> str:
    """A track's name in the course language, e.g. "presenting The Lottery Ticket Hypothesis" or
    "Exercise group: Group A": its paper (or open slot) or its choice and series."""
    if track.kind == "group":
        assert track.series is not None
        return lab.track_group.format(choice=track.choice, series=track.series.title)
    paper = track.paper.title if track.paper else f"{lab.open_slot} ({track.slot})"
    return (lab.track_talk if track.kind == "talk" else lab.track_review).format(paper=paper)


def track_name_html(track: Track, lab: Labels, language: str) -> str:
    """A track's name (track_label) as HTML for a page in `language`: its paper's title marked with
    the paper's language where that is another."""
    lang = track.paper.lang_on(language) if track.paper else None
    if not lang:
        return html.escape(track_label(track, lab))
    marked = f'<span lang="{html.escape(lang)}">{html.escape(track.paper.title)}</span>'  # type: ignore[union-attr]
    template = lab.track_talk if track.kind == "talk" else lab.track_review
    return marked.join(html.escape(part) for part in template.split("{paper}"))


def sections(agenda: Agenda, lab: Labels) -> list[tuple[str, str, list[Track]]]:
    """The tracks that have a feed, as the calendar page lists them: for each choice a student
    makes (the talk given, the talk reviewed, then each choice between series), its id, its
    heading and its tracks."""
    found: dict[str, tuple[str, list[Track]]] = {}
    for track in tracks(agenda):
        if track.events:
            heading = {"talk": lab.tracks_talks, "review": lab.tracks_reviews}.get(track.kind, track.choice or "")
            found.setdefault(track.choice_id, (heading, []))[1].append(track)
    return [(choice, heading, entries) for choice, (heading, entries) in found.items()]


def owners(agenda: Agenda) -> dict[str, dict[str, str]]:
    """As the data-cg-* attributes by which the browser shows a student their own (now.js): for each
    agenda key that is one track's alone, the choice and the track; for a key that is everyone's but
    part of tracks (a talk, part of its presenter's and its reviewers'), those tracks (`for`), so the
    student's own talk is marked theirs and never hidden."""
    found: dict[str, dict[str, str]] = {}
    for t in tracks(agenda):
        for key in t.keys:
            if key in t.owned:
                found[key] = {"choice": t.choice_id, "track": t.id}
            else:
                shared = found.setdefault(key, {})
                shared["for"] = " ".join(filter(None, (shared.get("for"), t.id)))
    return found
