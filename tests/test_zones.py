"""Time zones: only IANA names, from the tzdata package's own list, whatever the machine's zone
folder holds (coursegen.zones), in `check`, in `coursegen new --timezone` and in the build.

The machine here is faked: a zone folder that holds the names zoneinfo loads but IANA does not
name (`right/...`, `posix/...`, `localtime`, `posixrules`, `Factory`) and one no list has.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from support import EXAMPLE, copy_project
from test_errors import MINIMAL, error_lines

from coursegen.cli import main
from coursegen.loader import load_text
from coursegen.zones import ZONES

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)

# Names that zoneinfo loads from a machine's zone folder, with the hint each gets.
NOT_IANA = {
    "right/Europe/Berlin": "did you mean 'Europe/Berlin'?",
    "posix/Europe/Berlin": "did you mean 'Europe/Berlin'?",
    "localtime": "use an IANA name such as Europe/Berlin",
    "posixrules": "use an IANA name such as Europe/Berlin",
    "Factory": "use an IANA name such as Europe/Berlin",
}
ONLY_HERE = "Mars/Olympus"  # a zone only this machine has


@pytest.fixture
def machine(tmp_path: Path) -> Iterator[Path]:
    """zoneinfo reads a fake machine folder holding the names above (each a copy of Europe/Berlin)."""
    berlin = resources.files("tzdata").joinpath("zoneinfo", "Europe", "Berlin").read_bytes()
    folder = tmp_path / "zoneinfo"
    for name in (*NOT_IANA, ONLY_HERE):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(berlin)
    zoneinfo.reset_tzpath([str(folder)])
    ZoneInfo.clear_cache()
    try:
        yield folder
    finally:
        zoneinfo.reset_tzpath()
        ZoneInfo.clear_cache()


def _message(name: str, hint: str) -> str:
    return f"'{name}' is not an IANA time zone name ({hint})"


@pytest.mark.usefixtures("machine")
@pytest.mark.parametrize(("name", "hint"), [*NOT_IANA.items(), (ONLY_HERE, "use an IANA name such as Europe/Berlin")])
def test_a_zone_this_machine_loads_but_iana_does_not_name_is_refused_by_check(name: str, hint: str) -> None:
    assert ZoneInfo(name).key == name  # it loads here
    text = MINIMAL.replace("timezone: Europe/Berlin", f"timezone: {name}")
    assert error_lines(text) == [f"4:13: course.timezone: {_message(name, hint)}"]


@pytest.mark.usefixtures("machine")
@pytest.mark.parametrize(("name", "hint"), NOT_IANA.items())
def test_coursegen_new_refuses_them_naming_the_flag(name: str, hint: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "course.yml"
    with pytest.raises(SystemExit) as exited:
        main(["new", "--id", "a", "--title", "A", "--term", "T", "--timezone", name, "--output", str(output)])
    assert exited.value.code == 2
    assert f"argument --timezone: {_message(name, hint)}\n" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.usefixtures("machine")
@pytest.mark.parametrize(("name", "hint"), NOT_IANA.items())
def test_the_build_refuses_them_before_writing_anything(name: str, hint: str, tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    course = project / "course.yml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("timezone: Europe/Berlin", f"timezone: {name}"), encoding="utf-8")
    line = text.splitlines().index("  timezone: Europe/Berlin") + 1
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(PluginError) as refused:
        config.plugins.on_config(config)
    assert str(refused.value) == f"course.yml has 1 problem(s):\ncourse.yml:{line}:13: course.timezone: " \
                                 f"{_message(name, hint)}"
    assert not (tmp_path / "site").exists()


def test_the_list_is_the_tzdata_package_s_own_and_every_name_loads_from_it_alone(machine: Path) -> None:
    listed = set(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())
    assert listed - {"Factory"} == ZONES
    assert "Europe/Berlin" in ZONES and "UTC" in ZONES and "America/Argentina/Buenos_Aires" in ZONES
    assert not {name for name in ZONES if name.startswith(("right/", "posix/"))} | ({*NOT_IANA} & ZONES)
    # this machine lists names the course file refuses; its folder has none of the IANA zones
    assert {"localtime", ONLY_HERE} <= zoneinfo.available_timezones()
    assert not (machine / "Europe" / "Berlin").exists()
    assert all(ZoneInfo(name).key == name for name in ZONES)  # each loads from tzdata
    assert load_text(MINIMAL.replace("timezone: Europe/Berlin", "timezone: America/Argentina/Buenos_Aires"))


@pytest.mark.parametrize(("name", "hint"), [
    ("Europe/Berln", "did you mean 'Europe/Berlin'?"),
    ("europe/berlin", "did you mean 'Europe/Berlin'?"),
    ("Berlin", "did you mean 'Europe/Berlin'?"),
    ("Europe/Kiew", "did you mean 'Europe/Kiev' or 'Europe/Kyiv'?"),
    ("Buenos_Aires", "did you mean 'America/Argentina/Buenos_Aires' or 'America/Buenos_Aires'?"),
    ("America/Indiana", "did you mean 'America/Indianapolis', 'America/Indiana/Knox' or 'America/Indiana/Vevay'?"),
    ("CEST", "use an IANA name such as Europe/Berlin"),
])
def test_near_misses_get_the_nearest_names(name: str, hint: str) -> None:
    text = MINIMAL.replace("timezone: Europe/Berlin", f'timezone: "{name}"')
    assert error_lines(text) == [f"4:13: course.timezone: {_message(name, hint)}"]


def test_a_zone_name_too_long_for_a_file_name_is_refused_not_looked_up() -> None:
    name = "Europe/" + "x" * 5000
    assert error_lines(MINIMAL.replace("timezone: Europe/Berlin", f"timezone: {name}")) == [
        f"4:13: course.timezone: {_message(name, 'use an IANA name such as Europe/Berlin')}"]
