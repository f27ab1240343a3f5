"""Meetings from an iCalendar file, with icalendar and recurring-ical-events.

Each occurrence in the window (recurring events expanded, EXDATE and moved or cancelled
occurrences applied) whose organiser or attendees are contacts becomes a `Captured`
meeting. Its day is DTSTART's date in the event's own time zone: an event at 23:30 in
Paris is on that day in Paris, whatever the reader's zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reseau.i18n import ENGLISH, Msg, msg
from reseau.interchange.matching import AddressBook, Captured, Key

# Words of the report (kept together for translation).
CANCELLED = "cancelled"
DECLINED = "declined"
NO_CONTACT = "no known attendee"
NO_DATE = "no start date"
NO_UID = "no UID"
UNREADABLE = "unreadable"

# Links that make an event a video call.
_VIDEO = re.compile(
    r"(meet\.google\.com|zoom\.us|teams\.microsoft\.com|teams\.live\.com|webex\.com|"
    r"whereby\.com|meet\.jit\.si|gotomeeting\.com|bluejeans\.com|chime\.aws|facetime\.apple)",
    re.IGNORECASE,
)
_VIDEO_PROPERTIES = ("LOCATION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE", "DESCRIPTION")
FIRST_DAY = dt.date(1900, 1, 1)
# An error in one of these leaves the event out of the expansion: it is counted instead.
_TIMING = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})


class CalendarError(Exception):
    """The file is not an iCalendar file at all."""

    def __init__(self, message: Msg) -> None:
        super().__init__(ENGLISH.render(message))
        self.message = message


@dataclass
class Attendee:
    address: str
    name: str | None


@dataclass
class CalendarRead:
    """What one calendar gave: the items, how many occurrences were read, the skips, and the
    attendees not in the ledger (for --create-contacts)."""

    items: list[Captured] = field(default_factory=list)
    read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    strangers: dict[str, Attendee] = field(default_factory=dict)
    cancelled: list[Key] = field(default_factory=list)  # to tell of a planned one imported


def _address(value: Any) -> str:
    text = str(value).strip()
    return text[len("mailto:") :] if text.lower().startswith("mailto:") else text


def _param(value: Any, name: str) -> str | None:
    params = getattr(value, "params", None)
    found = params.get(name) if params is not None else None
    return str(found) if found else None


def _attendees(event: Any) -> list[Any]:
    found = event.get("ATTENDEE")
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


def _day(value: Any) -> dt.date | None:
    """DTSTART's date in its own zone (a date for an all-day event; floating kept as is)."""
    when = getattr(value, "dt", None)
    if isinstance(when, dt.datetime):
        return when.date()
    return when if isinstance(when, dt.date) else None


def _channel(event: Any) -> str:
    for name in _VIDEO_PROPERTIES:
        value = event.get(name)
        if value is not None and _VIDEO.search(str(value)):
            return "video"
    return "meeting"


def _text(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _occurrence(event: Any) -> str:
    rid = event.get("RECURRENCE-ID")
    when = getattr(rid, "dt", None) or getattr(event.get("DTSTART"), "dt", None)
    return when.isoformat() if isinstance(when, (dt.date, dt.datetime)) else ""


def _recurring_uids(calendar: Any) -> set[str]:
    return {
        str(event.get("UID"))
        for event in calendar.walk("VEVENT")
        if any(event.get(p) is not None for p in ("RRULE", "RDATE", "RECURRENCE-ID"))
    }


def parse_calendar(data: bytes) -> Any:
    """The VCALENDAR in data; CalendarError when it is not one."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise CalendarError(msg("not an iCalendar file ({problem})", problem=str(exc))) from None
    if getattr(calendar, "name", None) != "VCALENDAR":
        raise CalendarError(msg("not an iCalendar file (no VCALENDAR in it)"))
    return calendar


def occurrences(calendar: Any, since: dt.date | None, until: dt.date) -> Iterator[Any]:
    """Every VEVENT occurrence starting in [since, until] (bad series left out)."""
    import recurring_ical_events

    query = recurring_ical_events.of(calendar, skip_bad_series=True)
    yield from query.between(since or FIRST_DAY, until + dt.timedelta(days=1))


def read_calendar(
    calendar: Any,
    book: AddressBook,
    since: dt.date | None,
    until: dt.date,
    as_of: dt.date,
    origin: str,
) -> CalendarRead:
    result = CalendarRead()
    recurring = _recurring_uids(calendar)
    for event in calendar.walk("VEVENT"):
        if any(name in _TIMING for name, _why in getattr(event, "errors", ())):
            result.read += 1
            result.skipped[UNREADABLE] += 1
    for event in occurrences(calendar, since, until):
        result.read += 1
        reason = _judge(event, book, since, until, as_of, origin, recurring, result)
        if reason is not None:
            result.skipped[reason] += 1
    return result


def _judge(
    event: Any,
    book: AddressBook,
    since: dt.date | None,
    until: dt.date,
    as_of: dt.date,
    origin: str,
    recurring: set[str],
    result: CalendarRead,
) -> str | None:
    """Add the event's item to result, or say why it is skipped."""
    uid = _text(event.get("UID"))
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        if uid is not None:
            result.cancelled.append(("ics", uid, _occurrence(event) if uid in recurring else ""))
        return CANCELLED
    if uid is None:
        return NO_UID
    day = _day(event.get("DTSTART"))
    if day is None:
        return NO_DATE
    if day < (since or FIRST_DAY) or day > until:  # a zone's day may differ from UTC's
        return None
    attendees = _attendees(event)
    for attendee in attendees:
        declined = (_param(attendee, "PARTSTAT") or "").upper() == "DECLINED"
        if declined and book.is_me(_address(attendee)):
            return DECLINED
    people: list[str] = []
    for attendee in attendees:
        address = _address(attendee)
        if book.is_me(address):
            continue
        cid = book.contact(address)
        if cid is not None:
            people.append(cid)
        elif "@" in address and (_param(attendee, "CUTYPE") or "INDIVIDUAL") == "INDIVIDUAL":
            result.strangers.setdefault(
                address.casefold(), Attendee(address, _param(attendee, "CN"))
            )
    organizer = event.get("ORGANIZER")
    by = _address(organizer) if organizer is not None else ""
    by_contact = book.contact(by) if by else None
    if by_contact is not None:
        people.insert(0, by_contact)
    elif by and not book.is_me(by) and "@" in by:
        result.strangers.setdefault(by.casefold(), Attendee(by, _param(organizer, "CN")))
    people = list(dict.fromkeys(people))
    if not people:
        return NO_CONTACT
    # An organiser who is a contact, or anyone but me when I said who I am, reached out.
    them = by_contact is not None or (bool(by) and bool(book.me) and not book.is_me(by))
    occurrence = _occurrence(event) if uid in recurring else ""
    source = {"ics": uid, **({"occurrence": occurrence} if occurrence else {})}
    result.items.append(
        Captured(
            key=("ics", uid, occurrence),
            day=day,
            people=people,
            channel=_channel(event),
            initiated_by="them" if them else "me",
            summary=_text(event.get("SUMMARY")),
            source=source,
            origin=origin,
            planned=day > as_of,
        )
    )
    return None
