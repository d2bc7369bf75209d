"""`coursegen archive SITE_DIR`: keep every past term online under SITE_DIR/archive/<id>/.

Each entry of `archive:` in course.yml names the commit where that term ended. Its
course.yml and docs/ are read from that commit (`git archive`) and built with the current
engine, mkdocs.yml and theme overrides, so fixes to the engine reach old terms too. The
hook learns it builds a past term from the COURSEGEN_ARCHIVE environment variable: it then
reads the course file's history only up to that commit (the calendar keeps its UIDs,
SEQUENCE and DTSTAMP as subscribers have them) and shows a past-term banner on every page.

`check_past_terms` checks the entries for `coursegen check` and the build, before anything is
written: each commit must be an ancestor of HEAD. Where git cannot tell (a shallow clone, no
git, no checkout), that is a warning there; `coursegen archive` stops on it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .loader import CourseError, load
from .model import ArchivedTerm, Course
from .yamlsource import Problem, parse


class ArchiveError(Exception):
    """A past term cannot be built; the message names the entry and the fix."""


# Run git in folder; (exit status, stdout bytes, stderr text).
def _git(folder: Path, *args: str) -> tuple[int, bytes, str]:
    try:
        run = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError:
        raise ArchiveError("git is not installed: past terms are read from the git history") from None
    return run.returncode, run.stdout, run.stderr.decode("utf-8", "replace").strip()


# Extract `names` (paths relative to root) as they were at commit into target; False if absent there.
def _extract(root: Path, commit: str, name: str, target: Path) -> bool:
    prefix = _git(root, "rev-parse", "--show-prefix")[1].decode("utf-8").strip()
    status, tar, _ = _git(root, "archive", "--format=tar", f"{commit}:{prefix}", "--", name)
    if status != 0:
        return False
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(target, filter="data")
    return True


def check_past_terms(course_file: Path, course: Course) -> list[Problem]:
    """Check the commit of each past term in `archive:` against the git history of the checkout
    that holds `course_file`: it must be a commit of this repository that HEAD descends from.
    Raise CourseError naming every entry whose commit is wrong; return a warning for each entry
    that cannot be checked here (a shallow clone, no git, no checkout)."""
    errors, unknown = _past_term_problems(course_file, course)
    if errors:
        raise CourseError(course_file.name, errors)
    return unknown


# (wrong, unknown): the archive entries whose commit is not an ancestor of HEAD, and those
# that cannot be checked here, each at its commit with the fix.
def _past_term_problems(course_file: Path, course: Course) -> tuple[list[Problem], list[Problem]]:
    if not course.archive:
        return [], []
    root = course_file.resolve().parent
    doc = parse(course_file.read_text(encoding="utf-8"))
    history = _history(root, course_file.name)
    wrong: list[Problem] = []
    unknown: list[Problem] = []
    for index, past in enumerate(course.archive):
        found = _commit_problem(root, course_file.name, past, history)
        if found is not None:
            problem = Problem(*doc.where(("archive", index, "commit")), f"archive.{index}.commit", found[1])
            (wrong if found[0] else unknown).append(problem)
    return wrong, unknown


# What stands in the way of reading the file's git history here: None for a full clone,
# "shallow", or why there is none and the fix.
def _history(root: Path, name: str) -> str | None:
    try:
        status, out, _ = _git(root, "rev-parse", "--is-shallow-repository")
    except ArchiveError:
        return "git is not installed (install git, then check again)"
    if status != 0:
        return f"{name} is not in a git checkout that git can read, e.g. a copy outside the clone or a checkout " \
               "of another user (run the check inside the repository's clone, as its owner)"
    return "shallow" if out.strip() == b"true" else None


# (whether the commit is certainly wrong, the message) for one past term, or None if its commit is right.
def _commit_problem(root: Path, name: str, past: ArchivedTerm, history: str | None) -> tuple[bool, str] | None:
    term = f"commit {past.commit} of the past term '{past.id}'"
    log = f"git log --oneline -- {name} lists the commits of {name}"
    if history not in (None, "shallow"):
        return False, f"{term} cannot be checked: {history}"
    if _git(root, "merge-base", "--is-ancestor", past.commit, "HEAD")[0] == 0:
        return None
    if history == "shallow":
        return False, (f"{term} is not in this clone (a shallow clone has only recent commits: fetch the full "
                       "history, e.g. actions/checkout with fetch-depth: 0, or run git fetch --unshallow)")
    if _git(root, "cat-file", "-e", f"{past.commit}^{{commit}}")[0] != 0:
        return True, f"{term} is not a commit of this repository (write the commit where that term ended; {log})"
    return True, (f"{term} is not in the history of the current branch (HEAD): it is on another branch, or that "
                  f"history was rewritten (write the commit of this branch where that term ended; {log})")


def build_archive(config_file: str | Path, site_dir: str | Path) -> list[str]:
    """Build every past term listed in course.yml; return one line per term built."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = Path(config_file).resolve()
    root = config_file.parent
    try:
        current = load_config(str(config_file))
    except MkDocsException as error:
        raise ArchiveError(f"cannot read {config_file.name}: {error} (run the command next to mkdocs.yml, "
                           "or pass --config)") from None
    course_file = root / current.extra.get("course_file", "course.yml")
    course = load(course_file)
    doc = parse(course_file.read_text(encoding="utf-8"))
    docs_name = Path(current.docs_dir).resolve().relative_to(root).as_posix()
    base_url = os.environ.get("SITE_URL", "").strip() or current.site_url or ""
    built = []
    wrong, unknown = _past_term_problems(course_file, course)
    if wrong or unknown:  # a past term that cannot be checked here cannot be built here either
        raise ArchiveError(str(CourseError(course_file.name, wrong + unknown)))
    for index, past in enumerate(course.archive):
        target = Path(site_dir).resolve() / "archive" / past.id
        with tempfile.TemporaryDirectory(prefix="coursegen-archive-") as tmp:
            work = Path(tmp)
            if not _extract(root, past.commit, course_file.name, work):
                line, column = doc.where(("archive", index, "commit"))
                raise ArchiveError(f"{course_file.name}:{line}:{column}: archive.{index}.commit: commit "
                                   f"{past.commit} has no {course_file.name} (use the commit where "
                                   f"term '{past.id}' ended)")
            if not _extract(root, past.commit, docs_name, work):
                (work / docs_name).mkdir(parents=True, exist_ok=True)
            settings = {"course_file": str(work / course_file.name), "source": str(course_file),
                        "commit": past.commit, "home": base_url}
            site_url = base_url.rstrip("/") + f"/archive/{past.id}/" if base_url else ""
            saved = os.environ.get("COURSEGEN_ARCHIVE")
            os.environ["COURSEGEN_ARCHIVE"] = json.dumps(settings)
            try:
                build(load_config(str(config_file), docs_dir=str(work / docs_name), site_dir=str(target),
                                  site_url=site_url))
            except MkDocsException as error:
                raise ArchiveError(f"the past term '{past.id}' (commit {past.commit[:12]}) does not build "
                                   f"with the current engine: {error}") from None
            finally:
                if saved is None:
                    os.environ.pop("COURSEGEN_ARCHIVE", None)
                else:
                    os.environ["COURSEGEN_ARCHIVE"] = saved
        built.append(f"built archive/{past.id}/ ({past.term}) from commit {past.commit[:12]}")
    if not built:
        built.append("no past terms in archive: (nothing to build)")
    return built
