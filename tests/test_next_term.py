"""`coursegen next-term`: the next term's course.yml from this one, on the frozen fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import EXAMPLE, SEMINAR, git, run_coursegen

from coursegen.i18n import labels
from coursegen.loader import load
from coursegen.model import Status

COURSES = [EXAMPLE / "course.yml", SEMINAR / "course.yml"]


# Each comment line and the first non-comment line after it.
def _comment_context(text: str) -> dict[str, str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return {line: next((n for n in lines[i:] if not n.startswith("#")), "")
            for i, line in enumerate(lines) if line.startswith("#")}


# A git repository holding one committed copy of the fixture.
@pytest.fixture(params=COURSES, ids=lambda p: p.parent.name)
def repo(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    (tmp_path / "course.yml").write_text(request.param.read_text(encoding="utf-8"), encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "course.yml")
    git(tmp_path, "commit", "-qm", "term")
    return tmp_path


def test_next_term_applies_every_rule(repo: Path) -> None:
    before = load(repo / "course.yml")
    text_before = (repo / "course.yml").read_text(encoding="utf-8")
    run = run_coursegen("next-term", "--id", "next-2099s", "--term", "Summer 2099", cwd=repo)
    assert run.returncode == 0, run.stderr
    after = load(repo / "course.yml")  # the result validates
    assert after.course.id == "next-2099s" and after.course.term == "Summer 2099"
    rules = [d for d in after.dates if d.per_talk is not None]  # a per-talk rule has no day: kept as it is
    assert rules and rules == [d for d in before.dates if d.per_talk is not None]
    assert all(d.status is Status.tbd and d.date is None and d.start is None and d.hint
               for d in after.dates if d.per_talk is None)
    assert [d.id for d in after.dates] == [d.id for d in before.dates]
    assert after.news == [] and after.schedule.days == [] and after.schedule.status is Status.tbd
    assert all(p.presenter is None and p.slot is None for p in after.papers)
    assert after.privacy.show_presenters is False
    assert [p.id for p in after.papers] == [p.id for p in before.papers]
    assert after.deliverables == before.deliverables
    head = git(repo, "rev-parse", "HEAD").strip()
    assert [(a.id, a.term, a.title, a.commit) for a in after.archive][-1] == (
        before.course.id, before.course.term, before.course.title, head)
    dated = [d for d in before.dates if d.status is not Status.tbd and d.per_talk is None]
    for old in dated:  # a useful hint: the old one, or the day of last term
        new = next(d for d in after.dates if d.id == old.id)
        prefix = labels(before.course.language)["last_term_hint"].split("{")[0]
        assert new.hint == old.hint or (old.date and new.hint.startswith(prefix) and str(old.date.year) in new.hint)
    out = run.stdout
    assert f"dates back to tbd: {len(dated)}" in out
    assert f"news items removed: {len(before.news)}" in out
    assert f"presenters cleared: {sum(1 for p in before.papers if p.presenter)}" in out
    assert f"talk slots cleared: {sum(1 for p in before.papers if p.slot)}" in out
    assert f"block-course days removed: {len(before.schedule.days)}" in out
    assert f"kept: {len(before.papers)} papers, {len(before.deliverables)} deliverables" in out
    assert "next steps:" in out and "git push" in out
    # comments of the instructor survive
    comments = [line.strip() for line in text_before.splitlines() if line.strip().startswith("#")]
    text_after = (repo / "course.yml").read_text(encoding="utf-8")
    kept = [c for c in comments if c in text_after]
    assert len(kept) == len(comments), set(comments) - set(kept)
    # ... and stay above the line they introduced, wherever that line survives
    after_lines = [line.strip() for line in text_after.splitlines() if line.strip()]
    for comment, following in _comment_context(text_before).items():
        if following in after_lines:
            assert _comment_context(text_after).get(comment) == following, comment
    assert run_coursegen("check", cwd=repo).returncode == 0


def test_a_second_next_term_appends_and_refuses_old_ids(repo: Path) -> None:
    first = load(repo / "course.yml").course.id
    assert run_coursegen("next-term", "--id", "t2", "--term", "T2", cwd=repo).returncode == 0
    git(repo, "commit", "-qam", "t2")
    for used in (first, "t2"):
        run = run_coursegen("next-term", "--id", used, "--term", "T3", cwd=repo)
        assert run.returncode == 1 and f"--id '{used}'" in run.stderr and "Traceback" not in run.stderr
    assert run_coursegen("next-term", "--id", "t3", "--term", "T3", cwd=repo).returncode == 0
    assert [a.id for a in load(repo / "course.yml").archive] == [first, "t2"]


def test_refusals(repo: Path) -> None:
    original = (repo / "course.yml").read_text(encoding="utf-8")
    (repo / "other.yml").write_text("keep me", encoding="utf-8")
    run = run_coursegen("next-term", "--id", "n1", "--term", "N", "--output", "other.yml", cwd=repo)
    assert run.returncode == 1 and "other.yml exists" in run.stderr and "--force" in run.stderr
    assert (repo / "other.yml").read_text(encoding="utf-8") == "keep me"
    run = run_coursegen("next-term", "--id", "n1", "--term", "N", "--output", "other.yml", "--force", cwd=repo)
    assert run.returncode == 0 and load(repo / "other.yml").course.id == "n1"
    run = run_coursegen("next-term", "--id", "Bad Id", "--term", "N", "--output", "new.yml", cwd=repo)
    assert run.returncode == 1 and "lowercase" in run.stderr and not (repo / "new.yml").exists()
    (repo / "course.yml").write_text(original + "\n# an uncommitted edit\n", encoding="utf-8")
    run = run_coursegen("next-term", "--id", "n2", "--term", "N", cwd=repo)
    assert run.returncode == 1 and "uncommitted changes" in run.stderr and "git commit" in run.stderr
    assert (repo / "course.yml").read_text(encoding="utf-8").endswith("# an uncommitted edit\n")


def test_archive_ids_are_validated(tmp_path: Path) -> None:
    text = COURSES[0].read_text(encoding="utf-8")
    own = load(COURSES[0]).course.id
    bad = text + f"\narchive:\n  - id: {own}\n    term: T\n    title: X\n    commit: abcdef1\n" \
                 "  - id: {own}\n    term: T\n    title: X\n    commit: abcdef2\n".replace("{own}", own)
    (tmp_path / "course.yml").write_text(bad, encoding="utf-8")
    run = run_coursegen("check", cwd=tmp_path)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert any(line.startswith("course.yml:") and "archive.0.id" in line and "this term's course id" in line
               for line in lines), lines
    assert any("archive.1.id" in line and "duplicate id" in line for line in lines), lines
    (tmp_path / "course.yml").write_text(bad.replace("abcdef2", "XYZ"), encoding="utf-8")
    lines = run_coursegen("check", cwd=tmp_path).stderr.splitlines()
    assert any(line.startswith("course.yml:") and "archive.1.commit" in line and "git commit id" in line
               for line in lines), lines


def test_outside_git_it_says_why(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_text(COURSES[0].read_text(encoding="utf-8"), encoding="utf-8")
    run = run_coursegen("next-term", "--id", "n1", "--term", "N", "--output", "new.yml", cwd=tmp_path)
    assert run.returncode == 1 and "git checkout" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "new.yml").exists()


def test_archive_without_mkdocs_yml_says_why(tmp_path: Path) -> None:
    run = run_coursegen("archive", "site", cwd=tmp_path)
    assert run.returncode == 1 and "mkdocs.yml" in run.stderr and "Traceback" not in run.stderr
