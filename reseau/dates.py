"""Dates typed on the command line: ISO days and forms relative to as-of."""

from __future__ import annotations

import calendar
import datetime as dt
import re

WEEKDAYS = {
    name: index
    for index, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
WEEKDAYS.update(
    {
        name: index
        for index, name in enumerate(
            ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
        )
    }
)
NAMED = {"today": 0, "tomorrow": 1, "yesterday": -1, "aujourd'hui": 0, "demain": 1, "hier": -1}
_OFFSET = re.compile(r"([+-])([0-9]{1,4})([dw])")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

MONTH_NAMES = (  # also the report's English month names (reseau.present)
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def impossible(text: str) -> str | None:
    """Why a YYYY-MM-DD text names no calendar day (`February 2026 has 28 days`), else None."""
    if not _ISO.fullmatch(text):
        return None
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"there is no month {month:02d} (months run from 01 to 12)"
    if year == 0:
        return "there is no year 0000"
    length = calendar.monthrange(year, month)[1]
    if not 1 <= day <= length:
        return f"{MONTH_NAMES[month - 1]} {year} has {length} days"
    return None


def not_a_day(text: str) -> str:
    """`2026-02-30: February 2026 has 28 days` for an impossible day, else how to write one."""
    reason = impossible(text)
    return f"{text}: {reason}" if reason else f"{text!r} is not a date: use YYYY-MM-DD"


HELP = "YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w or a weekday name"


def parse_date(text: str, as_of: dt.date) -> dt.date:
    """A day from an ISO date or a form relative to as_of; ValueError says what is accepted.

    A weekday name is its next occurrence strictly after as_of.
    """
    word = text.strip().lower()
    if _ISO.fullmatch(word):
        try:
            return dt.date.fromisoformat(word)
        except ValueError:
            raise ValueError(not_a_day(word)) from None
    if word in NAMED:
        return as_of + dt.timedelta(days=NAMED[word])
    match = _OFFSET.fullmatch(word)
    if match:
        sign, number, unit = match.groups()
        days = int(number) * (7 if unit == "w" else 1)
        return as_of + dt.timedelta(days=days if sign == "+" else -days)
    if word in WEEKDAYS:
        ahead = (WEEKDAYS[word] - as_of.weekday() - 1) % 7 + 1
        return as_of + dt.timedelta(days=ahead)
    raise ValueError(f"{text!r} is not a date: use {HELP}")
