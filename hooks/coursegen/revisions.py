"""What git knows about `course.yml`: its published versions and when it last changed.

The calendar needs two facts that the current file alone cannot give: a fixed time
for DTSTAMP (so that two builds of the same input are byte-identical) and the
earlier versions of every event (so that SEQUENCE can count how often each one
changed). Both come from git history, read with two `git` commands; nothing is
stored anywhere else.

The versions are those on the first-parent chain of HEAD (`git log --first-parent`),
oldest first: the line of commits a published branch grows by. Each is validated
with the current rules; a version that does not validate is skipped (it could not
have been built). Without git, or for an untracked file, there is no history and
every SEQUENCE is 0; `unread` flags a checkout whose history could not be read
(an uncommitted file, or git refusing a folder owned by another user). A shallow
clone has only part of the history, so SEQUENCE could come out lower than what
subscribers already have: `shallow` says so, and CI must fetch the full history
(e.g. `fetch-depth: 0` with actions/checkout). Recounting with rules that reject
an old version, or with a coarser notion of "changed", could also lower a count:
keep both in mind when changing `load` or `calendar.FeedEvent`.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .agenda import Agenda
from .loader import CourseError, validated
from .model import Course
from .yamlsource import YamlError, parse


@dataclass(frozen=True)
class Version:
    """One committed version of the course file, resolved into its agenda."""

    agenda: Agenda
    time: dt.datetime

    @property
    def course(self) -> Course:
        """The course of that version."""
        return self.agenda.course


@dataclass(frozen=True)
class Revision:
    """The fixed build time and the committed versions of the course file."""

    stamp: dt.datetime
    past: tuple[Version, ...] = ()
    shallow: bool = False
    unread: bool = False  # inside a git checkout, yet no committed version could be read


# Run git in folder; None when git is missing or the folder is no repository.
def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        run = subprocess.run(["git", *args], cwd=folder, input=stdin, capture_output=True, check=False)
    except OSError:
        return None
    return run.stdout if run.returncode == 0 else None


# (commit, commit time) of every first-parent commit that changed the file, oldest first.
def _commits(path: Path, at: str = "HEAD") -> list[tuple[str, dt.datetime]]:
    log = _git(path.parent, "log", "--first-parent", "--reverse", "--format=%H %ct", at, "--", path.name)
    rows = [line.split() for line in (log or b"").decode("ascii").splitlines() if line.strip()]
    return [(sha, dt.datetime.fromtimestamp(int(seconds), dt.UTC)) for sha, seconds in rows]


# The file's bytes at each commit (None where missing), read by one `git cat-file --batch`.
def _blobs(path: Path, commits: list[str]) -> list[bytes | None]:
    prefix = (_git(path.parent, "rev-parse", "--show-prefix") or b"").decode("utf-8").strip()
    names = "".join(f"{sha}:{prefix}{path.name}\n" for sha in commits).encode("utf-8")
    out = _git(path.parent, "cat-file", "--batch", stdin=names) or b""
    blobs: list[bytes | None] = []
    while out:
        header, _, out = out.partition(b"\n")
        parts = header.split()
        if len(parts) != 3:
            blobs.append(None)
            continue
        size = int(parts[2])
        blobs.append(out[:size])
        out = out[size + 1:]
    return blobs


# A version's agenda, or None if that version does not validate today.
def _agenda(blob: bytes | None, name: str) -> Agenda | None:
    if blob is None:
        return None
    try:
        return validated(parse(blob.decode("utf-8")), name)[1]
    except (CourseError, YamlError, UnicodeDecodeError):
        return None


# The build time: SOURCE_DATE_EPOCH, else the last commit if the file is unchanged since, else its mtime.
def _stamp(path: Path, env: Mapping[str, str], last: tuple[dt.datetime, bytes | None] | None) -> dt.datetime:
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    if last is not None and last[1] == path.read_bytes():
        return last[0]
    return dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.UTC)


def read_revision(path: str | Path, env: Mapping[str, str] | None = None, at: str | None = None) -> Revision:
    """The build time and the valid committed versions of the course file at `path`.

    With `at` (a commit), the history ends at that commit and the file is taken as it was
    there: an archived term gets the SEQUENCE and DTSTAMP it had when it was published.
    """
    path = Path(path).resolve()
    commits = _commits(path, at or "HEAD")
    blobs = _blobs(path, [sha for sha, _ in commits]) if commits else []
    agendas: dict[bytes | None, Agenda | None] = {}
    past = []
    for (_, time), blob in zip(commits, blobs, strict=True):
        if blob not in agendas:
            agendas[blob] = _agenda(blob, path.name)
        agenda = agendas[blob]
        if agenda is not None:
            past.append(Version(agenda, time))
    last = (commits[-1][1], blobs[-1]) if commits and len(blobs) == len(commits) else None
    if at is not None:
        stamp = last[0] if last is not None else dt.datetime.fromtimestamp(0, dt.UTC)
    else:
        stamp = _stamp(path, os.environ if env is None else env, last)
    shallow = (_git(path.parent, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    in_checkout = any((folder / ".git").exists() for folder in path.parents)
    return Revision(stamp, tuple(past), shallow, unread=in_checkout and not past)
