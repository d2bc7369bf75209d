"""Languages: every label file is complete and every label is used; Babel writes dates in each."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from babel import Locale
from pydantic import BaseModel
from support import EXAMPLE, FIXTURES, ROOT, Build, BuiltSites, copy_project, mkdocs_build

from coursegen import markup
from coursegen.i18n import LabelError, Labels, base_language, labels, languages, parse
from coursegen.model import CourseInfo, Paper, _language_tag
from coursegen.pages import zone_abbrevs, zone_note

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine); the site builds are marked build


LABELS = ROOT / "hooks" / "coursegen" / "labels"
EN = (LABELS / "en.yml").read_text(encoding="utf-8")


def test_languages_on_offer_are_the_label_files() -> None:
    files = sorted(p.stem for p in LABELS.glob("*.yml"))
    assert list(languages()) == files and {"en", "de", "fr"} <= set(files)
    assert sorted(CourseInfo.model_json_schema()["properties"]["language"]["enum"]) == files


@pytest.mark.parametrize("language", languages())
def test_every_language_has_every_key(language: str) -> None:
    """Loading validates the labels against Labels: a missing or extra key raises. A language's
    file has every key; a variant's (`en-US.yml`) has only what differs from its base's, its own
    locale among them (en_US: the region of the tag)."""
    lab = labels(language)
    locale = Locale.parse(lab.locale)
    base, _, region = language.partition("-")
    assert (locale.language, locale.territory if region else None) == (base, region or None)
    raw = yaml.safe_load((LABELS / f"{language}.yml").read_text(encoding="utf-8"))
    if base_language(language):
        base_raw = yaml.safe_load((LABELS / f"{base}.yml").read_text(encoding="utf-8"))
        assert "cldr_locale" in raw and set(raw) < set(base_raw)
        assert [key for key, value in raw.items() if value == base_raw[key]] == []  # only what differs
    else:
        assert set(raw) == {f.alias or n for n, f in Labels.model_fields.items()}
    assert all(app.steps for app in lab.subscribe_apps)


def test_a_variant_takes_its_base_language_labels_it_does_not_give() -> None:
    """A variant's file is written over its base's, section by section; a key the base does not
    know is an error that names the variant's file."""
    base = yaml.safe_load((LABELS / "en.yml").read_text(encoding="utf-8"))
    variant = parse("en-XX", "cldr_locale: en_US\nlogistics: Organization\nnew_course:\n  legal: L\n",
                    (LABELS / "en.yml").read_text(encoding="utf-8"))
    assert (variant.logistics, variant.new_course.legal, variant.locale) == ("Organization", "L", "en_US")
    assert variant.new_course.identity == base["new_course"]["identity"] and variant.dates == base["dates"]
    with pytest.raises(LabelError, match=r"labels/en-XX\.yml has 1 problem\(s\):\n  logistic: not a known label"):
        parse("en-XX", "logistic: Organization\n", (LABELS / "en.yml").read_text(encoding="utf-8"))
    with pytest.raises(LabelError, match=r"labels/en-XX\.yml must map label names to texts"):
        parse("en-XX", "- Organization\n", (LABELS / "en.yml").read_text(encoding="utf-8"))


def _without(text: str, line: str) -> str:
    assert line in text
    return text.replace(line, "", 1)


@pytest.mark.parametrize(("text", "expected"), [
    (_without(EN, 'copy_button: "Copy"\n'), "copy_button: missing"),
    (_without(EN, '  lab: "Lab course"\n'), "kinds.lab: missing"),
    (EN + 'weekdays: [Monday]\n', "weekdays: not a known label"),
    (EN.replace('  seminar: "Seminar"', '  seminar: "Seminar"\n  workshop: "Workshop"'), "kinds.workshop: not a known label"),
    (EN.replace('home: "Home"', "home: [Home]"), "home: Input should be a valid string"),
    (EN.replace('"(your time: {time})"', '"(your time)"'), "local_time: Value error, must hold {time} once"),
])
def test_broken_label_file_is_one_clear_error(text: str, expected: str) -> None:
    with pytest.raises(LabelError) as error:
        parse("xx", text)
    message = str(error.value)
    assert message.startswith("labels/xx.yml has 1 problem(s):") and expected in message


def test_a_language_without_a_file_is_refused_clearly() -> None:
    with pytest.raises(LabelError, match=f"no labels for language 'xx'; the languages on offer are {', '.join(languages())}"):
        labels("xx")


# ---- every key is used ----------------------------------------------------------------------

SOURCES = [*ROOT.glob("hooks/**/*.py"), *ROOT.glob("hooks/coursegen/templates/**/*.j2"),
           *ROOT.glob("overrides/**/*.html"), *ROOT.glob("overrides/**/*.js")]


def _keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key path of a label model, e.g. 'kinds.lab' and 'subscribe_apps.steps'."""
    keys = []
    for name, field in model.model_fields.items():
        key = field.alias or name
        keys.append(prefix + key)
        inner = field.annotation
        inner = getattr(inner, "__args__", (inner,))[0] if getattr(inner, "__origin__", None) is list else inner
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            keys += _keys(inner, f"{prefix}{key}.")
    return keys


def unused(keys: list[str], sources: list[str]) -> list[str]:
    """Keys no source reads: as `L.key` (`N.`, `lab.`, `labels.`, `app.`), `["key"]` or a quoted "key" (a dynamic `"state_" + x` counts for state_*)."""
    text = "\n".join(sources)
    prefixes = re.findall(r"""["']([a-z_]+_)["']\s*[+~]""", text)
    kinds = re.search(r"\bkinds\[", text) is not None  # course.kind picks one of kinds.*

    def used(path: str) -> bool:
        parent, _, key = path.rpartition(".")
        if parent == "kinds":
            return kinds
        return (re.search(rf"""(\b(L|N|lab|labels|app)\.{re.escape(key)}\b|["']{re.escape(key)}["'])""", text) is not None
                or any(key.startswith(p) for p in prefixes))
    return [k for k in keys if not used(k)]


def test_no_label_is_unused() -> None:
    sources = [p.read_text(encoding="utf-8") for p in SOURCES if "labels" not in p.parts]
    assert len(sources) > 20
    assert unused(_keys(Labels), sources) == []


def test_unused_label_check_finds_an_unused_key() -> None:
    """The check above can fail: a key no source reads, or read only as another key's prefix."""
    sources = ["{{ L.home }} {{ L['status_' ~ s] }}", 'lab["copy_button"]', "{{ L.kinds[k] }}"]
    assert unused(["home", "status_fixed", "copy_button", "kinds.lab", "weekdays", "news"], sources) == ["weekdays", "news"]


# ---- dates and times by Babel ---------------------------------------------------------------

DAY = dt.date(2026, 10, 27)


@pytest.mark.parametrize(("language", "long", "short", "time"), [
    ("en", "Tuesday, 27 October 2026", "27 Oct 2026", "14:15"),
    ("de", "Dienstag, 27. Oktober 2026", "27. Okt. 2026", "14:15"),
    ("fr", "mardi 27 octobre 2026", "27 oct. 2026", "14:15"),
    ("en-US", "Tuesday, October 27, 2026", "Oct 27, 2026", "2:15\u202fPM"),
])
def test_dates_and_times_in_the_course_language(language: str, long: str, short: str, time: str) -> None:
    lab = labels(language)
    assert markup.long_date(DAY, lab) == long
    assert markup.short_date(DAY, lab) == short
    assert markup.clock(dt.time(14, 15), lab) == time


@pytest.mark.parametrize("language", languages())
def test_zone_abbreviations_are_names_not_offsets(language: str) -> None:
    winter, summer = dt.date(2027, 1, 15), dt.date(2026, 7, 15)
    names = zone_abbrevs(ZoneInfo("Europe/Berlin"), [winter, summer], labels(language))
    assert re.fullmatch(r"[A-Z]{3,4}/[A-Z]{3,4}", names), names
    assert names == ("MESZ/MEZ" if language == "de" else "CEST/CET")


def _example_built_in(language: str, tmp_path: Path) -> Build:
    """The example course (German) built strictly with `course.language` set to `language`."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    course = project / "course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("  language: de\n", f"  language: {language}\n", 1),
                      encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize(("zone", "language", "note"), [
    ("America/New_York", "en-US", "All times are Eastern Time (ET), the local time in New York."),
    ("America/New_York", "en", "All times are Eastern Time (EDT/EST), the local time in New York."),
    ("Europe/Berlin", "de", "Alle Zeiten sind Mitteleuropäische Zeit (MESZ/MEZ), die Ortszeit in Berlin."),
    ("Europe/Berlin", "en", "All times are Central European Time (CEST/CET), the local time in Berlin."),
    ("Australia/Sydney", "fr", "Toutes les heures sont en heure de l’Est de l’Australie (AEDT/AEST), "
                               "l’heure locale de Sydney."),
    ("Asia/Kolkata", "de", "Alle Zeiten in Ortszeit Asia/Kolkata (IST)."),  # CLDR names it only by its place
    ("UTC", "en", "All times are local time in UTC (UTC)."),
    ("Europe/Vienna", "de", "Alle Zeiten sind Mitteleuropäische Zeit (MESZ/MEZ), die Ortszeit in Wien."),
])
def test_the_zone_is_named_as_people_say_it(zone: str, language: str, note: str) -> None:
    """CLDR's metazone in the course language, with the abbreviation for the whole year where the
    language has one, else its seasons'; the IANA name where CLDR has no name but a place."""
    days = [dt.date(2027, 1, 15), dt.date(2027, 7, 15)]
    assert zone_note(ZoneInfo(zone), days, labels(language)) == note


@pytest.mark.parametrize(("written", "tag"), [("en-US", "en-US"), ("en-us", "en-US"), ("EN_us", "en-US"),
                                             (" de ", "de"), ("FR", "fr"), ("es", "es"), ("en-CA", "en-CA"), (7, 7)])
def test_a_language_tag_is_read_without_regard_to_case(written: object, tag: object) -> None:
    """BCP 47 tags compare without regard to case, `_` for `-` as CLDR writes them: an offered
    tag written otherwise is that tag; anything else is left for the model to refuse."""
    assert _language_tag(written) == tag


@pytest.mark.parametrize(("paper", "page", "mark"), [("en", "en-US", None), ("EN", "en", None), ("en", "de", "en"),
                                                     ("en-GB", "en-GB", None), ("de", "en-US", "de"),
                                                     ("en-US", "en", "en-US"), ("sr", "sr-Latn-RS", None)])
def test_a_paper_is_marked_only_in_another_language_than_the_pages(paper: str, page: str, mark: str | None) -> None:
    """A paper in `en` on an `en-US` page is in the page's language; one in `en-US` on an `en` page
    is marked, as its tag says more than the page's."""
    assert Paper.model_construct(language=paper).lang_on(page) == mark


# ---- a French site --------------------------------------------------------------------------

@pytest.mark.tier("build")
def test_french_example_course_builds_in_french(tmp_path: Path) -> None:
    build = _example_built_in("fr", tmp_path)
    fr = labels("fr")
    home, dates, schedule = build.page(""), build.page("dates/"), build.page("schedule/")
    assert '<html lang="fr"' in home
    assert "Rechercher" in home  # Material's own strings in French: theme.language is fr
    assert re.search(rf"<h1[^>]*>{fr.dates}", dates)
    assert 'mardi 27 octobre 2026, <time datetime="2026-10-27T12:00:00+01:00">12:00</time>' in dates
    assert 'data-cg-clock data-label="(votre heure : {time})" data-to="–"' in dates
    assert 'data-past="passée" data-next="prochaine"' in dates
    assert "Toutes les heures sont en heure d’Europe centrale (CEST/CET), l’heure locale de Berlin." in dates
    assert "fixée" in dates and "à déterminer" in dates
    assert f"· {fr.kinds.seminar}</li>" in home and f">{fr.subscribe}</a>" in dates
    assert re.search(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \w+ 202[67]\b", schedule)
    for german in ("Wichtige Termine", "Dienstag", "Oktober", "Kalender abonnieren", "MEZ"):
        assert german not in home + dates + schedule, german


# ---- a US English site: a variant of English -------------------------------------------------

@pytest.mark.tier("build")
def test_a_us_english_course_builds_with_us_dates_words_and_clock(tmp_path: Path) -> None:
    """`language: en-us` (any case) is the variant en-US: its own words and US dates and 12-hour
    times on the pages, the pages' lang en-US, and Material's own words in English."""
    build = _example_built_in("en-us", tmp_path)
    home, dates = build.page(""), build.page("dates/")
    assert '<html lang="en-US"' in home and "Search" in home
    assert f">{labels('en-US').logistics}<" in home and "Organisation" not in home
    assert 'Tuesday, October 27, 2026, <time datetime="2026-10-27T12:00:00+01:00">12:00\u202fPM</time>' in dates


# ---- no other language's words ------------------------------------------------------------------

# A label's text as words a page shows: placeholders and Markdown marks left out.
def _label_texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield from (part.strip(" :.,()–·") for part in re.split(r"\{[^}]*\}", value))
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _label_texts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _label_texts(inner)


# The texts of one language's labels that no label of `other` has and that are words of their
# own (four letters or more, of the language's alphabet), minus what the instructor wrote.
def _own_words(language: str, other: str, course_text: str) -> set[str]:
    def texts(code: str) -> set[str]:
        data = labels(code).model_dump(by_alias=True, exclude={"cldr_locale", "new_course"})
        return {text for text in _label_texts(data) if text}
    return {text for text in texts(language) - texts(other)
            if len(text) >= 4 and re.search(r"[^\W\d_]{4}", text) and text not in course_text}


# Scripts and styles: code, not words.
SCRIPTS = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL)


@pytest.mark.tier("build")
@pytest.mark.parametrize("site", [*FIXTURES, "minimal"])
def test_no_page_shows_another_languages_interface_words(site: str, built: BuiltSites) -> None:
    """The pages of an English site show no German label, and a German site's no English one
    (texts the instructor wrote are theirs: the words of the course file and the hand-written pages
    are not counted)."""
    build = built(site)
    language = build.course.course.language
    other = "de" if language.startswith("en") else "en"
    written = [build.project / "course.yml", *(build.project / "docs").rglob("*.md")]  # the instructor's own words
    course_text = "\n".join(path.read_text(encoding="utf-8") for path in written)
    foreign = _own_words(other, language, course_text)
    assert len(foreign) > 50  # the check has words to look for
    pages = {path.relative_to(build.site).as_posix(): unescape(re.sub(r"<[^>]+>", " ", SCRIPTS.sub(" ", path.read_text(
        "utf-8")))) for path in build.site.rglob("*.html")}
    found = {page: sorted(word for word in foreign if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text))
             for page, text in pages.items()}
    assert {page: words for page, words in found.items() if words} == {}
