"""ISO weeks: parsing `YYYY-Www`, the week holding a day, the weeks before it."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @functools.cached_property  # asked once per interaction of the ledger, per week shown
    def start(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @functools.cached_property
    def end(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 7)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def short(self) -> str:
        return f"W{self.number:02d}"

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def shifted(self, weeks: int) -> Week:
        return week_of(self.start + dt.timedelta(weeks=weeks))


def week_of(day: dt.date) -> Week:
    iso = day.isocalendar()
    return Week(iso.year, iso.week)


def parse_week(text: str) -> Week:
    """`2016-W18` → Week(2016, 18); ValueError with a readable message otherwise."""
    match = _WEEK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not an ISO week: use YYYY-Www, e.g. 2016-W18")
    year, number = int(match.group(1)), int(match.group(2))
    if not 1900 <= year <= 2999:  # the years reseau's dates allow (schema, --as-of)
        raise ValueError(f"{text!r}: use a year from 1900 to 2999")
    try:
        dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise ValueError(f"{text!r}: {year} has no week {number}") from None
    return Week(year, number)
