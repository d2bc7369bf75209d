"""Synthetic but valid course.yml files of any size, for the scaling benchmark.

A course of size n has n papers spread over about sqrt(n) topics, each with its own
block-course talk slot (eight talks a day), n important dates (fixed days, timed and
multi-day, tentative and tbd ones, some tied to deliverables) and n/10 news items.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import yaml

START = dt.date(2027, 3, 1)
TALKS_PER_DAY = 8


# The course section: who, what, where (the same for every size).
def _info(n: int) -> dict[str, Any]:
    return {
        "title": f"Synthetic seminar with {n} papers",
        "term": "Winter 2026/27",
        "institution": {"name": "Example University", "url": "https://example.org/"},
        "instructors": [{"name": "Ada Example", "role": "Lecturer", "url": "https://example.org/ada"}],
        "description": "A generated course for the **benchmark**: every section filled, at scale.",
        "questions": ["Does the build time grow linearly?", "Does memory?"],
        "legal": {"impressum": "https://example.org/impressum", "datenschutz": "https://example.org/datenschutz"},
        "contact": {"text": "webmaster@example.org", "url": "mailto:webmaster@example.org"},
    }


# Paper i: a few authors, a venue, identifiers, a topic and a talk slot.
def _paper(i: int, topics: int) -> dict[str, Any]:
    paper: dict[str, Any] = {
        "id": f"paper{i:05d}",
        "title": f"On the generalization of wide networks, part {i}",
        "authors": [f"Author {i}-{k} Example" for k in range(1 + i % 4)],
        "venue": ["International Conference on Learning Representations (ICLR)",
                  "Journal of Machine Learning Research", "arXiv preprint"][i % 3],
        "year": 2015 + i % 11,
        "topic": f"Topic {i % topics + 1}",
        "arxiv": f"{2001 + i % 9:04d}.{i % 100000:05d}",
        "slot": f"t{i:05d}",
    }
    if i % 2:
        paper["summary"] = f"What paper {i} shows, in one plain sentence with a & and a < for escaping."
    if i % 3 == 1:
        paper["doi"] = f"10.1000/bench.{i}"
    return paper


# Important date i: cycles through the kinds of dates a course has.
def _date(i: int) -> dict[str, Any]:
    day = START + dt.timedelta(days=i)
    item: dict[str, Any] = {"id": f"date{i:05d}", "title": f"Milestone {i}"}
    kind = i % 10
    if kind == 9:
        return {**item, "status": "tbd", "hint": "early in the semester"}
    item["date"] = day.isoformat()
    if kind in (1, 2, 3):
        item.update(start="10:00", end="11:30", location="Room 0.01")
    elif kind == 4:
        item["end_date"] = (day + dt.timedelta(days=2)).isoformat()
    elif kind == 5:
        item.update(status="tentative", start="14:00")
    if kind in (0, 6):
        item["deliverable"] = ["review", "presentation", "paper"][i % 3]
    return item


# Block-course days with TALKS_PER_DAY talk slots each and a lunch break.
def _schedule(n: int) -> dict[str, Any]:
    days = []
    for d in range(math.ceil(n / TALKS_PER_DAY)):
        slots = [{"slot": f"t{i:05d}"} for i in range(d * TALKS_PER_DAY, min(n, (d + 1) * TALKS_PER_DAY))]
        program = slots[:4] + [{"break": 60, "title": "Lunch"}] + slots[4:] if len(slots) > 4 else slots
        days.append({"date": (START + dt.timedelta(days=d)).isoformat(), "start": "09:00", "program": program})
    return {"status": "fixed", "room": "Room 0.01", "talk_minutes": 30, "discussion_minutes": 10, "days": days}


def course(n: int) -> dict[str, Any]:
    """A valid course with n papers, n dated items and n/10 news items."""
    topics = max(1, round(math.sqrt(n)))
    return {
        "course": _info(n),
        "news": [{"id": f"news{i:05d}", "date": (START - dt.timedelta(days=i)).isoformat(),
                  "title": f"Announcement {i}", "body": f"Update number **{i}**."} for i in range(max(1, n // 10))],
        "dates": [_date(i) for i in range(n)],
        "deliverables": [
            {"id": "review", "title": "Short review", "count": 2, "weight": 10},
            {"id": "presentation", "title": "Presentation", "weight": 40},
            {"id": "paper", "title": "Seminar paper", "weight": 40},
        ],
        "papers": [_paper(i, topics) for i in range(n)],
        "schedule": _schedule(n),
    }


def course_yaml(n: int) -> str:
    """The synthetic course of size n as course.yml text."""
    return yaml.safe_dump(course(n), sort_keys=False, allow_unicode=True, width=100)
