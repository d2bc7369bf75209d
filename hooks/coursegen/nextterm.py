"""`coursegen next-term`: turn this term's course.yml into the next term's, and archive this one.

The file is edited in place with ruamel.yaml's round-trip mode, so the instructor's comments,
key order, quoting and block scalars stay as written. Only the values that belong to one
term change: the course id and term, every fixed or tentative date (back to tbd, with a
hint), the news, the presenters and slots, the block-course days and `privacy`. Weekly
series move into the new lecture period (`--period FIRST/LAST`, required with series): their
first and last day become the period's, last term's skips and changes go, and so do the term's
breaks and the days under `holidays.ignore` (public holidays come from the package by year).
Papers and deliverables are kept. An `archive:` entry records the term that ends and the commit
where it ended, from which `coursegen archive` rebuilds it under archive/<old-id>/.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted

from . import markup
from .agenda import Occurrence
from .agenda.weekly import planned_days
from .i18n import labels
from .loader import CourseError, check_text, load
from .model import DATE_PATTERN, ID_PATTERN, Course, Privacy, Series, parse_date

# A lecture period as --period takes it, for the messages.
PERIOD_EXAMPLE = "2027-10-18/2028-02-11"


class NextTermError(Exception):
    """The next term cannot be written; the message says why and what to do."""


@dataclass
class Summary:
    """What next-term changed, for the printed report."""

    old_id: str
    new_id: str
    commit: str
    dates: list[str] = field(default_factory=list)
    news: int = 0
    presenters: int = 0
    slots: int = 0
    days: int = 0
    privacy: list[str] = field(default_factory=list)
    papers: int = 0
    deliverables: int = 0
    period: tuple[dt.date, dt.date] | None = None
    series: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    breaks: list[str] = field(default_factory=list)
    ignored_days: list[str] = field(default_factory=list)

    def lines(self, output: Path, term: str) -> list[str]:
        """The printed summary and next steps."""
        dated = ", ".join(self.dates) if self.dates else "none"
        return [
            f"wrote {output} for {term} (course id {self.old_id} -> {self.new_id})",
            f"  dates back to tbd: {len(self.dates)} ({dated})",
            f"  news items removed: {self.news}",
            f"  presenters cleared: {self.presenters}",
            f"  talk slots cleared: {self.slots}",
            f"  block-course days removed: {self.days} (schedule status: tbd)",
            *self._weekly_lines(),
            f"  privacy reset to defaults: {', '.join(self.privacy) if self.privacy else 'already default'}",
            f"  kept: {self.papers} papers, {self.deliverables} deliverables",
            f"  archive: added {self.old_id} at commit {self.commit[:12]}",
            "next steps:",
            f"  1. review {output} and adjust the hints of the dates"
            + (", and add the new term's breaks" if self.period or self.breaks else ""),
            f"  2. python -m coursegen check {output}",
            "  3. preview: mkdocs serve",
            f"  4. commit and push: git commit -am \"Start {term}\" && git push",
            f"     the past term then stays online under archive/{self.old_id}/",
        ]


    # The lines about weekly series, breaks and ignored holidays; none for a course without them.
    def _weekly_lines(self) -> list[str]:
        lines = []
        if self.period:
            lines.append(f"  weekly series moved into {self.period[0]} to {self.period[1]}:")
            lines += [f"    {line}" for line in self.series]
            lines.append(f"  last term's skips and changes removed: {', '.join(self.removed) or 'none'}")
        if self.breaks:
            lines.append(f"  term breaks removed: {len(self.breaks)} ({', '.join(self.breaks)}); "
                         "add the new term's under breaks:")
        if self.ignored_days:
            lines.append(f"  days removed from holidays.ignore: {', '.join(self.ignored_days)} (names kept)")
        return lines


def lecture_period(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a lecture period written FIRST/LAST (YYYY-MM-DD/YYYY-MM-DD);
    a NextTermError says what is wrong with a malformed one, one backwards or one over a year."""
    parts = text.strip().split("/")
    if len(parts) != 2:
        raise NextTermError(f"--period '{text}' is not a lecture period (write its first and last day as "
                            f"FIRST/LAST, e.g. --period {PERIOD_EXAMPLE})")
    days = []
    for part in parts:
        try:
            day = parse_date(part.strip())
        except ValueError as error:
            raise NextTermError(f"--period '{text}': {error}") from None
        assert isinstance(day, dt.date)
        days.append(day)
    first, last = days
    if last < first:
        raise NextTermError(f"--period '{text}': the last day {last} is before the first {first} (swap them)")
    if (last.year, last.month, last.day) >= (first.year + 1, first.month, first.day):
        raise NextTermError(f"--period '{text}' is a year or longer: a lecture period is one term "
                            "(check the years)")
    return first, last


# The new lecture period: needed to move weekly series, and refused without them.
def _period_for(course: Course, period: str | None) -> tuple[dt.date, dt.date] | None:
    if period is None:
        if course.series:
            ids = ", ".join(s.id for s in course.series)
            raise NextTermError(f"this course has weekly series ({ids}): give the new term's lecture period, its "
                                f"first and last day, e.g. --period {PERIOD_EXAMPLE} (each series keeps its "
                                "weekdays, times and rooms; nothing was written)")
        return None
    if not course.series:
        raise NextTermError("--period moves weekly series into the new term, and this course has none "
                            "(leave --period out)")
    first, last = lecture_period(period)
    empty = [s.id for s in course.series if not planned_days(s.model_copy(update={"first": first, "last": last}))]
    if empty:
        raise NextTermError(f"--period '{period}' holds no weekday of the series {', '.join(empty)} "
                            "(give the whole lecture period)")
    return first, last


# Each series into the new period, without last term's skips and changes.
def _move_series(data: CommentedMap, period: tuple[dt.date, dt.date], summary: Summary) -> None:
    for raw in data.get("series") or []:
        raw["first"], raw["last"] = (dt.date.fromordinal(day.toordinal()) for day in period)  # no YAML alias
        gone = [f"{len(raw[key])} {key}" for key in ("skip", "changes") if raw.get(key)]
        if gone:
            summary.removed.append(f"{raw['id']} {' and '.join(gone)}")
        for key in ("skip", "changes"):
            if key in raw:
                _drop(raw, key)


# The days that belong to last term: its breaks, and the days under holidays.ignore (public
# holidays come from the package by year, so the names stay).
def _forget_days(data: CommentedMap, summary: Summary) -> None:
    if data.get("breaks"):
        summary.breaks = [str(b["name"]) for b in data["breaks"]]
        _empty(data, "breaks")
    rules = data.get("holidays")
    if not isinstance(rules, CommentedMap) or not rules.get("ignore"):
        return
    ignore: CommentedSeq = rules["ignore"]
    for index in reversed(range(len(ignore))):
        if isinstance(ignore[index], dt.date) or DATE_PATTERN.match(str(ignore[index]).strip()):
            summary.ignored_days.insert(0, str(ignore[index]).strip())
            del ignore[index]
    if not ignore:
        _drop(rules, "ignore")


# One line per series of the new term, from its agenda: weekdays and times, first to last, how
# many sessions take place, and the public holidays left out.
def _series_line(series: Series, plan: tuple[Occurrence, ...]) -> str:
    held = sum(o.happens for o in plan)
    free = [f"{o.planned:%Y-%m-%d} {o.note}" for o in plan if o.status == "holiday" and o.planned]
    left = f"holidays left out: {', '.join(free)}" if free else "no public holiday left out"
    return (f"{series.id}: {', '.join(series.days)} {series.start:%H:%M}-{series.end:%H:%M}, {series.first} to "
            f"{series.last}: {held} sessions; {left}")


# Run git in folder; its stdout, or a NextTermError saying why not.
def _git(folder: Path, *args: str) -> str:
    try:
        run = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    except OSError:
        raise NextTermError("git is not installed: next-term records the commit where this term ends") from None
    if run.returncode != 0:
        raise NextTermError(f"git {' '.join(args)} failed: {run.stderr.strip()} "
                            "(run next-term inside the course's git checkout, with course.yml committed)")
    return run.stdout


# The commit where this term ends; the course file must be committed as it is.
def _ending_commit(path: Path) -> str:
    folder = path.parent
    commit = _git(folder, "rev-parse", "HEAD").strip()
    if _git(folder, "status", "--porcelain", "--", path.name).strip():
        raise NextTermError(f"{path.name} has uncommitted changes: the archived term would not match a commit "
                            f"(commit them first: git commit -am \"End of term\", then run next-term again)")
    return commit


def _round_trip() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


# The comment token that follows a node's last value (comments before the next key live there).
def _trailing(node: Any) -> tuple[Any, Any] | None:
    if isinstance(node, CommentedMap) and node:
        last = list(node)[-1]
        inner = _trailing(node[last])
        if inner:
            return inner
        slot = node.ca.items.get(last)
        return (node.ca.items, last) if slot and len(slot) > 2 and slot[2] else None
    if isinstance(node, CommentedSeq) and node:
        inner = _trailing(node[-1])
        if inner:
            return inner
        slot = node.ca.items.get(len(node) - 1)
        return (node.ca.items, len(node) - 1) if slot and slot[0] else None
    return None


# The comment that follows a node's last value (see _trailing), or None.
def _trailing_token(node: Any) -> Any:
    found = _trailing(node)
    if not found:
        return None
    items, at = found
    return items[at][2] if isinstance(at, str) else items[at][0]


# Replace mapping[key] with an empty flow list, keeping the comment that followed the old value.
def _empty(mapping: CommentedMap, key: str) -> None:
    token = _trailing_token(mapping[key])
    empty = CommentedSeq()
    empty.fa.set_flow_style()
    mapping[key] = empty
    if token is not None:
        mapping.ca.items[key] = [None, None, token, None]


# Delete a key; a comment after its value (or after the value's last line) moves to the key before it.
def _drop(mapping: CommentedMap, key: str) -> None:
    keys = list(mapping)
    slot = mapping.ca.items.pop(key, None)
    token = slot[2] if slot and len(slot) > 2 and slot[2] else _trailing_token(mapping[key])
    index = keys.index(key)
    del mapping[key]
    if token is not None and index > 0:
        before = keys[index - 1]
        mapping.ca.items.setdefault(before, [None, None, None, None])[2] = token


# A date back to tbd: its day and times go, the hint takes the place of the day (so comments
# between entries stay where they were), and status follows the title if it was left out.
def _to_tbd(raw: CommentedMap, hint: str | None) -> None:
    timing = ("date", "end_date", "start", "end")
    keys = list(raw)
    first = min((keys.index(k) for k in timing if k in raw), default=len(keys))
    at = sum(1 for k in keys[:first] if k not in timing)
    for key in timing:
        if key in raw:
            _drop(raw, key)
    if hint is not None:
        raw.insert(at, "hint", Quoted(hint))
    if "status" in raw:
        raw["status"] = "tbd"
    else:
        raw.insert(list(raw).index("title") + 1 if "title" in raw else 0, "status", "tbd")


def next_term(path: Path, new_id: str, term: str, output: Path | None = None, force: bool = False,
              period: str | None = None) -> Summary:
    """Write the next term's course file; return what changed. `period` is the new lecture period
    as FIRST/LAST, needed with weekly series. Raises NextTermError or CourseError."""
    path = Path(path)
    output = Path(output) if output is not None else path
    course = load(path)
    old_id = course.site_id
    if not re.match(ID_PATTERN, new_id):
        raise NextTermError(f"--id '{new_id}' must be an id of lowercase letters, digits, - and _ (e.g. dlo-2027s)")
    if new_id == old_id:
        raise NextTermError(f"--id '{new_id}' is this term's id: the next term needs a new one, or its calendar "
                            "UIDs collide with this term's (e.g. add the year and term)")
    if new_id in {a.id for a in course.archive}:
        raise NextTermError(f"--id '{new_id}' is already used by a past term in archive: (choose another id)")
    if not term.strip():
        raise NextTermError("--term must not be empty (e.g. --term \"Summer 2027\")")
    if output.resolve() != path.resolve() and output.exists() and not force:
        raise NextTermError(f"{output} exists: refusing to overwrite it (pass --force, or choose another --output)")
    weeks = _period_for(course, period)
    commit = _ending_commit(path.resolve())

    yaml = _round_trip()
    data = yaml.load(path.read_text(encoding="utf-8"))
    summary = Summary(old_id, new_id, commit, papers=len(course.papers), deliverables=len(course.deliverables),
                      period=weeks)
    info = data["course"]
    if "id" in info:
        info["id"] = new_id
    else:
        info.insert(0, "id", new_id)
    info["term"] = Quoted(term)

    lab = labels(course.course.language)
    for raw, item in zip(data.get("dates") or [], course.dates, strict=True):
        if item.status.value == "tbd" or item.per_talk is not None:  # a per-talk rule has no day to forget
            continue
        summary.dates.append(item.id)
        _to_tbd(raw, None if item.hint or item.date is None else
                lab["last_term_hint"].format(date=markup.long_date(item.date, lab)))

    if data.get("news"):
        summary.news = len(data["news"])
        _empty(data, "news")
    for raw in data.get("papers") or []:
        for key in ("presenter", "slot"):
            if key in raw:
                setattr(summary, key + "s", getattr(summary, key + "s") + 1)
                _drop(raw, key)
    schedule = data.get("schedule")
    if isinstance(schedule, CommentedMap):
        if schedule.get("days"):
            summary.days = len(schedule["days"])
            _empty(schedule, "days")
        if "status" in schedule:
            schedule["status"] = "tbd"
    if weeks:
        _move_series(data, weeks, summary)
    _forget_days(data, summary)
    privacy = data.get("privacy")
    if isinstance(privacy, CommentedMap):
        for key in list(privacy):
            default = Privacy.model_fields[key].default
            if privacy[key] != default:
                summary.privacy.append(f"{key}: {default!s}".lower())
                privacy[key] = default

    entry = CommentedMap([("id", old_id), ("term", Quoted(course.course.term)),
                          ("title", Quoted(course.course.title)), ("commit", commit)])
    if "archive" not in data or not data["archive"]:
        data["archive"] = CommentedSeq()
        data.yaml_set_comment_before_after_key(
            "archive", before="\nPast terms, oldest first: each is published under archive/<id>/, built from "
                              "its commit\n(written by `python -m coursegen next-term`; keep the entries).")
    data["archive"].append(entry)

    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    try:
        checked = check_text(text, output.name)
    except CourseError as error:  # a bug here, or a lecture period without a day of a series: keep the file
        raise NextTermError(f"the next term's file would not validate, nothing written:\n{error}") from None
    summary.series = [_series_line(s, plan) for s, plan in zip(checked.course.series, checked.agenda.series,
                                                                strict=True)]
    _write(output, text)
    return summary


# Write through a temporary file in the same folder, so a failure never leaves half a file.
def _write(output: Path, text: str) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(name, output)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
