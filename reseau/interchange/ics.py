"""Write dated follow-ups as an iCalendar feed with icalendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

PRODID = "-//reseau//reseau//EN"


@dataclass(frozen=True)
class CalendarItem:
    """One all-day entry: a promise, a next step, a planned meeting, …

    `uid` must be stable across exports (derive it from the ledger record) so
    a subscribed calendar updates entries instead of duplicating them.
    `url_path` is the ledger file the item comes from, relative to the ledger
    root (or an absolute URL); empty when there is none.
    """

    uid: str
    date: dt.date
    summary: str
    description: str
    url_path: str
    yearly: bool = False  # a birthday: repeats every year from `date`


def _has_scheme(text: str) -> bool:
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha()


def _event(item: CalendarItem) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", dt.datetime.combine(item.date, dt.time(0, 0), tzinfo=dt.UTC))
    event.add("dtstart", item.date)
    event.add("dtend", item.date + dt.timedelta(days=1))
    if item.yearly:
        event.add("rrule", {"freq": "yearly"})
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    if item.url_path:
        if _has_scheme(item.url_path):
            event.add("url", item.url_path)
        event.add("x-reseau-path", item.url_path)
    event.add("transp", "TRANSPARENT")  # reminders, not busy time
    return event


def write_ics(items: Iterable[CalendarItem], calname: str) -> bytes:
    """A VCALENDAR with one all-day VEVENT per item, sorted by (date, uid).

    Deterministic: DTSTAMP is the item's date at 00:00 UTC, never the clock.
    Raises `ValueError` when two items share a uid.
    """
    ordered = sorted(items, key=lambda item: (item.date, item.uid))
    seen: set[str] = set()
    for item in ordered:
        if item.uid in seen:
            raise ValueError(f"duplicate calendar uid: {item.uid!r}")
        seen.add(item.uid)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calname)
    for item in ordered:
        calendar.add_component(_event(item))
    return bytes(calendar.to_ical())
