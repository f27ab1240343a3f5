"""Tests for the iCalendar export."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from reseau.interchange.ics import CalendarItem, write_ics

ITEMS = [
    CalendarItem(
        uid="promise-2016-04-08-meeting-helene-dupre-1@reseau",
        date=dt.date(2016, 4, 22),
        summary="Send Hélène the article on data mesh, as promised; today",
        description="Promised on 2016-04-08 (meeting with Hélène Dupré).\nSecond line.",
        url_path="interactions/2016/2016-04-08-meeting-helene-dupre.yaml",
    ),
    CalendarItem(
        uid="next-2016-04-08-meeting-helene-dupre@reseau",
        date=dt.date(2016, 4, 15),
        summary="Tell Hélène how the call with Karim went",
        description="",
        url_path="",
    ),
    CalendarItem(
        uid="planned-2016-12-31-meeting-karim-bonnet@reseau",
        date=dt.date(2016, 12, 31),
        summary="Lunch with Karim",
        description="",
        url_path="https://example.org/karim",
    ),
]


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_one_all_day_event_per_item() -> None:
    calendar = parse(write_ics(ITEMS, "reseau — Camille Martin"))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 3
    first = events[0]  # sorted by date
    assert str(first["UID"]) == "next-2016-04-08-meeting-helene-dupre@reseau"
    assert first.decoded("DTSTART") == dt.date(2016, 4, 15)
    assert first.decoded("DTEND") == dt.date(2016, 4, 16)
    assert first.decoded("DTSTAMP") == dt.datetime(2016, 4, 15, tzinfo=dt.UTC)
    assert "DESCRIPTION" not in first
    second = events[1]
    assert str(second["SUMMARY"]) == ITEMS[0].summary
    assert str(second["DESCRIPTION"]) == ITEMS[0].description
    assert str(second["X-RESEAU-PATH"]) == ITEMS[0].url_path
    assert "URL" not in second  # a relative path is not a URI
    assert str(events[2]["URL"]) == "https://example.org/karim"


def test_calendar_headers() -> None:
    data = write_ics(ITEMS, "reseau — Camille Martin")
    calendar = parse(data)
    assert str(calendar["PRODID"]) == "-//reseau//reseau//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "reseau — Camille Martin"
    assert b"DTSTART;VALUE=DATE:20160415\r\n" in data
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def test_output_is_deterministic_and_order_independent() -> None:
    assert write_ics(ITEMS, "x") == write_ics(list(reversed(ITEMS)), "x")


def test_empty_calendar_is_valid() -> None:
    calendar = parse(write_ics([], "empty"))
    assert list(calendar.walk("VEVENT")) == []


def test_duplicate_uids_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        write_ics([ITEMS[0], ITEMS[0]], "x")
