"""Text helpers for generated Markdown: plain text stays plain, dates read naturally."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from .model import DateItem

# Python-Markdown's escapable characters plus the tables extension's '|'; the site enables
# no extension that adds syntax for others (no emoji, tilde, caret, mark or math).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def text(value: Any) -> str:
    """Escape a plain-text value so Markdown and HTML show it exactly as written."""
    escaped = html.escape(" ".join(str(value).split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def attr(value: Any) -> str:
    """Escape a value for an HTML attribute inside generated Markdown."""
    return html.escape(str(value), quote=True)


def long_date(day: dt.date, labels: dict[str, Any]) -> str:
    """A date written out in the course's language, e.g. 'Monday, 15 February 2027'."""
    return labels["date_format"].format(
        weekday=labels["weekdays"][day.weekday()], day=day.day,
        month=labels["months"][day.month - 1], year=day.year,
    )


def short_date(day: dt.date, labels: dict[str, Any]) -> str:
    """A date written short in the course's language, e.g. '15 Feb 2027'."""
    return labels["short_date_format"].format(
        day=day.day, month_short=labels["months_short"][day.month - 1], year=day.year)


def when(item: DateItem, labels: dict[str, Any]) -> str:
    """When a date happens, as plain text: day, time, range, or the hint of a tbd date."""
    if not item.is_dated:
        return f"{labels['status_tbd']}: {item.hint}"
    assert item.date is not None
    words = long_date(item.date, labels)
    if item.start:
        words += f", {hhmm(item.start)}"
        if item.end and not item.end_date:
            words += f"{labels['to']}{hhmm(item.end)}"
    if item.end_date:
        words += f" {labels['to']} {long_date(item.end_date, labels)}"
        if item.end:
            words += f", {hhmm(item.end)}"
    return words


def hhmm(value: dt.time | dt.datetime) -> str:
    """A time as HH:MM."""
    return value.strftime("%H:%M")


def percent(value: float) -> str:
    """A weight as a percentage without needless decimals."""
    return f"{value:g} %"
