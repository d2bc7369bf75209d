"""Public holidays: from the holidays package by country, subdivision and year, named in the
course language where the package has it, and chosen by `holidays.ignore` or `holidays.only`.

A name in course.yml matches a holiday, ignoring case and spaces, in the course language, in
English (the package's en_US) or in the country's own language. The package joins the
holidays of one day with "; "; each counts on its own here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays as holiday_data
from holidays.constants import HOLIDAY_NAME_DELIMITER

from ..model import Course, Holidays, Series

# The holidays package names languages by locale; a course language it lacks falls back to these.
_HOLIDAY_LANGUAGES = {"en": ("en_US", "en_GB")}
ENGLISH = "en_US"


@dataclass(frozen=True)
class PublicHoliday:
    """One public holiday: its day, its name as pages show it, and every name it matches."""

    day: dt.date
    name: str
    names: frozenset[str]

    def matches(self, choice: dt.date | str) -> bool:
        """True if a `holidays.ignore` or `holidays.only` entry (a day or a name) means this holiday."""
        return choice == self.day if isinstance(choice, dt.date) else normalised(choice) in self.names


def normalised(name: str) -> str:
    """A holiday's name as matched: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


# The locale the holidays package names a country's holidays in, for a language: the closest
# one the package offers, else the country's own: None would make the package follow the
# building machine's locale (LANG). None only for a country whose names have no translations.
def _holiday_language(country: str, language: str) -> str | None:
    offered: list[str] = holiday_data.list_localized_countries().get(country, [])
    found = next((c for c in (language, *_HOLIDAY_LANGUAGES.get(language, ())) if c in offered), None)
    default: str | None = holiday_data.country_holidays(country).default_language
    return found or default


# Each day's holidays, one name each, in one language.
def _by_day(country: str, subdivision: str | None, years: tuple[int, ...], language: str) -> dict[dt.date, list[str]]:
    found = holiday_data.country_holidays(country, subdiv=subdivision, years=years,
                                          language=_holiday_language(country, language))
    return {day: name.split(HOLIDAY_NAME_DELIMITER) for day, name in sorted(found.items())}


@cache
def _public_holidays(country: str, subdivision: str | None, years: tuple[int, ...],
                     language: str) -> tuple[PublicHoliday, ...]:
    shown = _by_day(country, subdivision, years, language)
    default = holiday_data.country_holidays(country).default_language or language
    others = [_by_day(country, subdivision, years, code) for code in (ENGLISH, default)]
    found = []
    for day, names in shown.items():
        # The package sorts a day's names in each language on its own: several holidays of one
        # day are matched across languages by position, one alone always.
        aligned = [other.get(day, []) for other in others]
        for n, name in enumerate(names):
            aliases = {name, *(a[n] for a in aligned if len(a) == len(names))}
            found.append(PublicHoliday(day, name, frozenset(normalised(a) for a in aliases)))
    return tuple(found)


def public_holidays(course: Course, years: tuple[int, ...]) -> tuple[PublicHoliday, ...]:
    """Every public holiday of the course's `holidays` section in these years, before `ignore`
    and `only`, in day order."""
    rules: Holidays | None = course.holidays
    if rules is None or not years:
        return ()
    return _public_holidays(rules.country, rules.subdivision, years, course.course.language)


def series_years(series: Series) -> tuple[int, ...]:
    """The calendar years from a series' first to its last day."""
    return tuple(range(series.first.year, series.last.year + 1))


def course_years(course: Course) -> tuple[int, ...]:
    """The calendar years of all the course's series."""
    return tuple(sorted({year for series in course.series for year in series_years(series)}))


def kept(rules: Holidays, holiday: PublicHoliday) -> bool:
    """True if sessions leave out this holiday: `only` names it (when given), `ignore` does not."""
    if rules.only and not any(holiday.matches(name) for name in rules.only):
        return False
    return not any(holiday.matches(choice) for choice in rules.ignore)


def holiday_names(course: Course, series: Series) -> dict[dt.date, str]:
    """The public holidays in the series' years that it leaves out, named in the course language
    where possible (the names of one day joined as the package joins them)."""
    rules = course.holidays
    if rules is None or not series.holidays or series.last < series.first:
        return {}
    names: dict[dt.date, list[str]] = {}
    for holiday in public_holidays(course, series_years(series)):
        if kept(rules, holiday):
            names.setdefault(holiday.day, []).append(holiday.name)
    return {day: HOLIDAY_NAME_DELIMITER.join(found) for day, found in names.items()}
