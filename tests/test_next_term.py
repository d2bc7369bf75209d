"""`coursegen next-term`: the next term's course.yml from this one, on the frozen fixtures."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from clients import expand_spans
from support import EXAMPLE, SEMINAR, git, run_coursegen
from test_series import expected_occurrences, lecture_text

from coursegen.agenda import resolve
from coursegen.cli import main
from coursegen.i18n import labels
from coursegen.ics import calendar_files
from coursegen.loader import load
from coursegen.model import WEEKDAYS, Status
from coursegen.revisions import Revision

TIER = "readers"  # the kind of test (conftest.py: pytest -m readers)

COURSES = [EXAMPLE / "course.yml", SEMINAR / "course.yml"]


# Each comment line and the first non-comment line after it.
def _comment_context(text: str) -> dict[str, str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return {line: next((n for n in lines[i:] if not n.startswith("#")), "")
            for i, line in enumerate(lines) if line.startswith("#")}


# Every comment of `before` is in `after`, above the line it introduced wherever that line survives.
def assert_comments_kept(before: str, after: str) -> None:
    comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    kept = [c for c in comments if c in after]
    assert len(kept) == len(comments), set(comments) - set(kept)
    after_lines = [line.strip() for line in after.splitlines() if line.strip()]
    for comment, following in _comment_context(before).items():
        if following in after_lines:
            assert _comment_context(after).get(comment) == following, comment


# A git repository in `folder` holding `text` committed as course.yml.
def committed(folder: Path, text: str) -> Path:
    (folder / "course.yml").write_text(text, encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", "course.yml")
    git(folder, "commit", "-qm", "term")
    return folder


# A git repository holding one committed copy of the fixture.
@pytest.fixture(params=COURSES, ids=lambda p: p.parent.name)
def repo(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    return committed(tmp_path, request.param.read_text(encoding="utf-8"))


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
    assert_comments_kept(text_before, (repo / "course.yml").read_text(encoding="utf-8"))
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


# ---- Weekly series move into the new lecture period ----------------------------------------

OLD_PERIOD = (date(2027, 3, 3), date(2027, 7, 19))  # the lecture fixture's first and last session
NEW_PERIOD = (date(2027, 10, 18), date(2028, 2, 11))
PERIOD = f"{NEW_PERIOD[0]}/{NEW_PERIOD[1]}"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def lecture_repo(tmp_path: Path) -> Path:
    """The lecture with a term break and a taught holiday, by name and by day, committed."""
    return committed(tmp_path, lecture_text(
        ("holidays:\n", 'breaks:\n  - name: "Pfingstferien"\n    first: 2027-05-24\n    last: 2027-05-28\n'
                        "holidays:\n"),
        ("  subdivision: SL\n", '  subdivision: SL\n  ignore: ["Christi Himmelfahrt", 2027-05-27]\n')))


def test_next_term_moves_each_series_into_the_new_period(lecture_repo: Path) -> None:
    before = load(lecture_repo / "course.yml")
    text_before = (lecture_repo / "course.yml").read_text(encoding="utf-8")
    run = run_coursegen("next-term", "--id", "ml-2027w", "--term", "Winter 2027/28", "--period", PERIOD,
                        cwd=lecture_repo)
    assert run.returncode == 0, run.stderr
    assert run_coursegen("check", cwd=lecture_repo).returncode == 0
    text_after = (lecture_repo / "course.yml").read_text(encoding="utf-8")
    assert_comments_kept(text_before, text_after)
    after = load(lecture_repo / "course.yml")
    for old, new in zip(before.series, after.series, strict=True):
        assert (new.first, new.last, new.skip, new.changes) == (*NEW_PERIOD, [], [])
        assert (new.id, new.days, new.start, new.end, new.room) == (old.id, old.days, old.start, old.end, old.room)
    assert after.breaks == [] and after.holidays and after.holidays.ignore == ["Christi Himmelfahrt"]
    assert "term breaks removed: 1 (Pfingstferien)" in run.stdout
    assert "days removed from holidays.ignore: 2027-05-27 (names kept)" in run.stdout
    assert "lecture 1 skip and 2 changes" in run.stdout

    feed = lecture_repo / "calendar.ics"
    feed.write_bytes(calendar_files(resolve(after), Revision(datetime(2027, 9, 1, tzinfo=UTC)))["calendar.ics"])
    spans = expand_spans("icalendar", feed, lecture_repo, "Europe/Berlin")  # the exam is tbd now: no event
    assert Counter((s.uid, s.start, s.end) for s in spans) == expected_occurrences(text_after)
    series = {f"series-{s.id}@ml-2027w": s for s in after.series}
    for span in spans:
        assert isinstance(span.start, datetime) and isinstance(span.end, datetime)
        start, end, planned = span.start.astimezone(BERLIN), span.end.astimezone(BERLIN), series[str(span.uid)]
        assert NEW_PERIOD[0] <= start.date() <= NEW_PERIOD[1] and not OLD_PERIOD[0] <= start.date() <= OLD_PERIOD[1]
        assert WEEKDAYS[start.weekday()] in planned.days
        assert (start.time(), end.time(), end.date()) == (planned.start, planned.end, start.date())
    assert date(2027, 11, 1) not in {s.start.astimezone(BERLIN).date() for s in spans}  # Allerheiligen, a Monday
    for uid, count in Counter(s.uid for s in spans).items():
        assert f"    {series[str(uid)].id}: " in run.stdout and f": {count} sessions;" in run.stdout
    assert "    exercise: monday 12:15-13:45, 2027-10-18 to 2028-02-11: " in run.stdout
    assert "holidays left out: 2027-11-01 Allerheiligen" in run.stdout


def test_a_course_with_series_needs_the_new_period(lecture_repo: Path) -> None:
    text = (lecture_repo / "course.yml").read_text(encoding="utf-8")
    run = run_coursegen("next-term", "--id", "ml-2027w", "--term", "Winter 2027/28", cwd=lecture_repo)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == ("next-term: this course has weekly series (lecture, exercise, office-hours, "
                          "exercise-friday): give the new term's lecture period, its first and last day, e.g. "
                          "--period 2027-10-18/2028-02-11 (each series keeps its weekdays, times and rooms; nothing "
                          "was written)\n")
    assert (lecture_repo / "course.yml").read_text(encoding="utf-8") == text


# (--period, what next-term says after "next-term: --period '<period>'")
BAD_PERIODS = [
    ("2027-10-18", " is not a lecture period (write its first and last day as FIRST/LAST, e.g. --period "
                   "2027-10-18/2028-02-11)"),
    ("2027-10-18/2028-02-11/2028-03-01", " is not a lecture period (write its first and last day as FIRST/LAST, "
                                         "e.g. --period 2027-10-18/2028-02-11)"),
    ("18.10.2027/11.02.2028", ": '18.10.2027' is not a date as YYYY-MM-DD (write e.g. 2027-02-15)"),
    ("2027-10-18/2028-02-30", ": 2028-02-30 is not a real date: February 2028 has 29 days (fix the day)"),
    ("2028-02-11/2027-10-18", ": the last day 2027-10-18 is before the first 2028-02-11 (swap them)"),
    ("2027-10-18/2028-10-18", " is a year or longer: a lecture period is one term (check the years)"),
    ("2027-10-18/2029-02-11", " is a year or longer: a lecture period is one term (check the years)"),
    ("2027-10-18/2027-10-19", " holds no weekday of the series office-hours, exercise-friday (give the whole lecture period)"),
]


@pytest.mark.parametrize(("period", "message"), BAD_PERIODS, ids=[p for p, _ in BAD_PERIODS])
def test_a_malformed_period_is_refused_with_its_fix(lecture_repo: Path, period: str, message: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    text = (lecture_repo / "course.yml").read_text(encoding="utf-8")
    assert next_term_in(lecture_repo, capsys, "--period", period) == (1, f"next-term: --period '{period}'{message}\n")
    assert (lecture_repo / "course.yml").read_text(encoding="utf-8") == text


def test_a_course_without_series_refuses_a_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = committed(tmp_path, (EXAMPLE / "course.yml").read_text(encoding="utf-8"))
    assert next_term_in(repo, capsys, "--period", PERIOD) == (
        1, "next-term: --period moves weekly series into the new term, and this course has none "
           "(leave --period out)\n")


# The exit status and standard error of the command line's next-term, run in this process on
# the course file in `repo` (to a new id and term), with further flags.
def next_term_in(repo: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str]:
    status = main(["next-term", "--id", "n1", "--term", "N", "--course", str(repo / "course.yml"), *flags])
    return status, capsys.readouterr().err
