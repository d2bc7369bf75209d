"""Two terms and the archive, built in a temporary git repository like a published site."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from ruamel.yaml import YAML
from support import EXAMPLE, MINIMAL, ROOT, copy_project, git, mkdocs_build, run_coursegen

from coursegen.cli import main
from coursegen.i18n import labels

TIER = "build"  # the kind of test (conftest.py: pytest -m build)


def _edit(path: Path, change) -> None:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def _events(ics: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


T1, T2, T3 = 1_780_000_000, 1_781_000_000, 1_782_000_000  # commit times, seconds since 1970


@pytest.fixture(scope="module")
def two_terms(tmp_path_factory: pytest.TempPathFactory) -> dict:
    repo = copy_project(ROOT, tmp_path_factory.mktemp("terms"), (EXAMPLE / "course.yml").read_text(encoding="utf-8"))
    (repo / "docs" / "extra.md").write_text("# A hand-written page of term 1\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "term 1", when=T1)
    # term 1 moves its kick-off: its events' SEQUENCE rises in that term's history
    _edit(repo / "course.yml", lambda d: d["dates"][0].__setitem__("start", "09:00"))
    git(repo, "commit", "-qam", "term 1: kick-off earlier", when=T2)
    old_id = YAML().load((repo / "course.yml").read_text(encoding="utf-8"))["course"]["id"]
    run = run_coursegen("next-term", "--id", "term-two", "--term", "Summer 2099", cwd=repo)
    assert run.returncode == 0, run.stderr

    def fix_kickoff(data) -> None:
        kickoff = data["dates"][0]
        kickoff["status"] = "fixed"
        kickoff["date"] = "2099-04-20"
    _edit(repo / "course.yml", fix_kickoff)
    (repo / "docs" / "extra.md").write_text("# A hand-written page of term 2\n", encoding="utf-8")
    git(repo, "commit", "-qam", "term 2", when=T3)
    build = mkdocs_build(repo, repo / "site", "-q")
    assert build.returncode == 0, build.output
    archive = run_coursegen("archive", "site", cwd=repo)
    assert archive.returncode == 0, archive.stderr
    return {"repo": repo, "site": repo / "site", "old": old_id, "out": archive.stdout}


def test_archive_builds_the_past_term_from_its_commit(two_terms: dict) -> None:
    old = two_terms["site"] / "archive" / two_terms["old"]
    assert f"built archive/{two_terms['old']}/" in two_terms["out"]
    assert "term 1" in (old / "extra" / "index.html").read_text(encoding="utf-8")
    assert "term 2" in (two_terms["site"] / "extra" / "index.html").read_text(encoding="utf-8")


def test_every_archived_page_has_the_banner_and_links_to_the_current_term(two_terms: dict) -> None:
    site, old = two_terms["site"], two_terms["site"] / "archive" / two_terms["old"]
    lab = labels("de")  # the example course is in German
    pages = sorted(old.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text(encoding="utf-8")
        banner = re.search(r'<p class="cg-archived"[^>]*>(.*?)</p>', html, re.S)
        assert banner, page
        assert lab["archived_banner"].split("(")[0].strip() in banner.group(1)
        href = re.search(r'<a href="([^"]+)">' + re.escape(lab["archived_current"]), banner.group(1)).group(1)
        if page.name != "404.html":  # served at any depth: its links are absolute, given a site_url
            assert (page.parent / href).resolve() == site.resolve(), (page, href)
    for page in site.glob("*.html"):
        assert 'class="cg-archived"' not in page.read_text(encoding="utf-8")


def test_current_home_lists_the_past_term(two_terms: dict) -> None:
    home = (two_terms["site"] / "index.html").read_text(encoding="utf-8")
    assert labels("de")["past_terms"] in home
    link = re.search(r'<a href="(archive/[^"]+/)">', home)
    assert link and link.group(1) == f"archive/{two_terms['old']}/"
    assert (two_terms["site"] / link.group(1) / "index.html").is_file()


def test_archived_calendar_keeps_old_uids_and_its_own_history(two_terms: dict) -> None:
    old_events = _events(two_terms["site"] / "archive" / two_terms["old"] / "calendar.ics")
    new_events = _events(two_terms["site"] / "calendar.ics")
    assert old_events and new_events
    assert all(uid.endswith("@" + two_terms["old"]) for uid in old_events)
    assert all(uid.endswith("@term-two") for uid in new_events)
    assert int(old_events[f"date-kickoff@{two_terms['old']}"]["SEQUENCE"]) == 1  # changed once in term 1
    assert int(new_events["date-kickoff@term-two"]["SEQUENCE"]) == 0  # a new term's events start afresh
    stamps = {e["DTSTAMP"].dt.timestamp() for e in old_events.values()}
    assert stamps == {T2}  # the last commit of term 1, not of term 2
    assert {e["DTSTAMP"].dt.timestamp() for e in new_events.values()} == {T3}


def test_archive_urls_follow_site_url(two_terms: dict, tmp_path: Path) -> None:
    run = run_coursegen("archive", str(tmp_path), cwd=two_terms["repo"], SITE_URL="https://example.org/c/")
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "archive" / two_terms["old"] / "calendar" / "index.html").read_text(encoding="utf-8")
    assert f"webcal://example.org/c/archive/{two_terms['old']}/calendar.ics" in page
    missing = (tmp_path / "archive" / two_terms["old"] / "404.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/c/">' in missing


def test_a_shallow_clone_names_the_entry_and_the_fix(two_terms: dict, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{two_terms['repo']}", str(clone))
    run = run_coursegen("archive", "site", cwd=clone)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert re.search(r"course\.yml:\d+:\d+: archive\.0\.commit: ", run.stderr), run.stderr
    assert two_terms["old"] in run.stderr and "fetch-depth: 0" in run.stderr
    assert not (clone / "site" / "archive").exists()
    check = run_coursegen("check", cwd=clone)  # the same message, as a warning: the current term builds
    assert check.returncode == 0
    assert check.stderr == run.stderr.removeprefix("archive: ").replace(": archive.0", ": warning: archive.0", 1)


# ---- Archive entries are checked before anything is built ---------------------------------------

MINIMAL_COURSE = (MINIMAL / "course.yml").read_text(encoding="utf-8")
LOG = "git log --oneline -- course.yml lists the commits of course.yml"


def archived(*commits: str) -> str:
    """The minimal course with one past term per commit under archive:."""
    entries = "".join(f'  - id: old-{n}\n    term: "Winter {2020 + n}"\n    title: "Linear Algebra"\n'
                      f'    commit: "{commit}"\n' for n, commit in enumerate(commits))
    return MINIMAL_COURSE + "\narchive:\n" + entries


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    """A repository with two commits on main and one on a side branch; (folder, commit by name)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above tmp_path counts
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    commits = {}
    for name in ("first", "second"):
        (folder / "course.yml").write_text(MINIMAL_COURSE + f"# {name}\n", encoding="utf-8")
        git(folder, "add", "-A")
        git(folder, "commit", "-qm", name)
        commits[name] = git(folder, "rev-parse", "HEAD").strip()
    git(folder, "switch", "-q", "-c", "side", commits["first"])
    git(folder, "commit", "-q", "--allow-empty", "-m", "side")
    commits["side"] = git(folder, "rev-parse", "HEAD").strip()
    git(folder, "switch", "-q", "main")
    return folder, commits


# The line of the commit of past term `n` in a course text.
def commit_line(text: str, n: int) -> int:
    return [i for i, line in enumerate(text.splitlines(), 1) if line.startswith("    commit: ")][n]


# `coursegen check` of the course file in folder: (exit status, standard error lines, standard output).
def check_in(folder: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    (folder / "course.yml").write_text(text, encoding="utf-8")
    status = main(["check", str(folder / "course.yml")])
    out, err = capsys.readouterr()
    return status, err.replace(str(folder / "course.yml"), "course.yml").splitlines(), out


def test_past_terms_on_the_current_branch_pass(repo, capsys) -> None:
    folder, commits = repo
    status, err, out = check_in(folder, archived(commits["first"], commits["second"][:12]), capsys)
    assert (status, err) == (0, [])
    assert out.endswith("no mistakes (1 dates, 1 deliverables, 0 papers)\n")


def test_a_commit_that_is_not_an_ancestor_of_head_is_a_located_error(repo, capsys) -> None:
    folder, commits = repo
    missing = "0123456789abcdef0123456789abcdef01234567"
    text = archived(commits["first"], commits["side"], missing)
    status, err, _ = check_in(folder, text, capsys)
    assert (status, err) == (1, [
        f"course.yml:{commit_line(text, 1)}:13: archive.1.commit: commit {commits['side']} of the past term 'old-1' is not in the "
        "history of the current branch (HEAD): it is on another branch, or that history was rewritten (write the "
        f"commit of this branch where that term ended; {LOG})",
        f"course.yml:{commit_line(text, 2)}:13: archive.2.commit: commit {missing} of the past term 'old-2' is not "
        f"a commit of this repository (write the commit where that term ended; {LOG})"])


def test_a_shallow_clone_warns_with_the_fetch_depth_fix(repo, tmp_path, capsys) -> None:
    folder, commits = repo
    (folder / "course.yml").write_text(archived(commits["first"]), encoding="utf-8")
    git(folder, "commit", "-qam", "archive the first term")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{folder}", str(clone))
    status, err, out = check_in(clone, archived(commits["first"]), capsys)
    message = (f"archive.0.commit: commit {commits['first']} of the past term 'old-0' is not in this clone (a shallow "
               "clone has only recent commits: fetch the full history, e.g. actions/checkout with fetch-depth: 0, or "
               "run git fetch --unshallow)")
    assert (status, err) == (0, [f"course.yml:{commit_line(archived(''), 0)}:13: warning: {message}"])
    assert out.endswith(", 1 warning(s) above\n")


def test_outside_a_checkout_past_terms_cannot_be_checked(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    status, err, _ = check_in(tmp_path, archived("1d6ccff0c3a1e2b4d5f60718293a4b5c6d7e8f90"), capsys)
    assert (status, err) == (0, [
        f"course.yml:{commit_line(archived(''), 0)}:13: warning: archive.0.commit: commit "
        "1d6ccff0c3a1e2b4d5f60718293a4b5c6d7e8f90 of the past term 'old-0' cannot be checked: course.yml is not in a "
        "git checkout that git can read, e.g. a copy outside the clone or a checkout of another user (run the check "
        "inside the repository's clone, as its owner)"])


def test_a_build_with_a_wrong_past_term_stops_before_writing(repo, tmp_path) -> None:
    folder, commits = repo
    project = copy_project(MINIMAL, folder, archived(commits["side"]))
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1 and "Traceback" not in build.output
    assert f"archive.0.commit: commit {commits['side']} of the past term 'old-0' is not in the history of the " \
           "current branch (HEAD)" in build.output
    assert not (tmp_path / "site").exists()


def test_without_git_past_terms_cannot_be_checked(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on it
    status, err, _ = check_in(tmp_path, archived("1d6ccff0c3a1e2b4d5f60718293a4b5c6d7e8f90"), capsys)
    assert (status, err) == (0, [
        f"course.yml:{commit_line(archived(''), 0)}:13: warning: archive.0.commit: commit "
        "1d6ccff0c3a1e2b4d5f60718293a4b5c6d7e8f90 of the past term 'old-0' cannot be checked: git is not installed "
        "(install git, then check again)"])
