"""`reseau import ics` on generated calendars with known answers: time zones, all-day and
floating events, recurring events with EXDATE and moved or cancelled occurrences, declined
invitations, video links, Gmail aliases, windows, overlapping exports, --create-contacts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

PEOPLE = {
    "reseau.yaml": "owner: Camille Martin\nme: {emails: [camille@example.org]}\n",
    "contacts/ann-lee.yaml": "name: Ann Lee\nemails: [ann.lee@gmail.com]\n",
    "contacts/bob-ray.yaml": "name: Bob Ray\nemails: [bob@acme.example]\n",
}
AS_OF = ("--as-of", "2016-05-03")


def calendar(*events: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
        + "".join(
            f"BEGIN:VEVENT\r\n{e.strip().replace(chr(10), chr(13) + chr(10))}\r\nEND:VEVENT\r\n"
            for e in events
        )
        + "END:VCALENDAR\r\n"
    )


def _import(
    cli: Callable[..., Any], root: Path, text: str, *args: str, name: str = "cal.ics"
) -> Any:
    path = root.parent / name
    path.write_text(text, encoding="utf-8", newline="")
    return cli("--ledger", str(root), "import", "ics", str(path), *AS_OF, *args)


def _created(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("create ")]


def test_the_day_is_the_start_in_the_events_own_zone(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = _import(
        cli,
        root,
        calendar(
            "UID:late\nDTSTART;TZID=America/New_York:20160405T220000\nSUMMARY:Late call\n"
            "ATTENDEE:mailto:ann.lee@gmail.com",
            "UID:utc\nDTSTART:20160406T233000Z\nSUMMARY:UTC\nATTENDEE:mailto:ann.lee@gmail.com",
            "UID:allday\nDTSTART;VALUE=DATE:20160407\nSUMMARY:Fair\nATTENDEE:mailto:bob@acme.example",
            "UID:floating\nDTSTART:20160408T090000\nSUMMARY:Floating\nATTENDEE:mailto:bob@acme.example",
        ),
    )
    assert _created(result.out) == [
        "create interactions/2016/2016-04-05-meeting-ann-lee.yaml: meeting with ann-lee: 'Late call'",
        "create interactions/2016/2016-04-06-meeting-ann-lee.yaml: meeting with ann-lee: 'UTC'",
        "create interactions/2016/2016-04-07-meeting-bob-ray.yaml: meeting with bob-ray: 'Fair'",
        "create interactions/2016/2016-04-08-meeting-bob-ray.yaml: meeting with bob-ray: 'Floating'",
    ]


RECURRING = (
    "UID:weekly@x\nDTSTART;TZID=Europe/Paris:20160404T233000\nRRULE:FREQ=WEEKLY;COUNT=5\n"
    "EXDATE;TZID=Europe/Paris:20160411T233000\nSUMMARY:Weekly\n"
    "ORGANIZER:mailto:camille@example.org\nATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@acme.example",
    "UID:weekly@x\nRECURRENCE-ID;TZID=Europe/Paris:20160418T233000\n"
    "DTSTART;TZID=Europe/Paris:20160419T100000\nSUMMARY:Weekly (moved)\n"
    "ORGANIZER:mailto:camille@example.org\nATTENDEE:mailto:bob@acme.example",
    "UID:weekly@x\nRECURRENCE-ID;TZID=Europe/Paris:20160425T233000\n"
    "DTSTART;TZID=Europe/Paris:20160425T233000\nSTATUS:CANCELLED\nSUMMARY:Weekly\n"
    "ATTENDEE:mailto:bob@acme.example",
)


def test_recurring_events_expand_with_exceptions(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = _import(cli, root, calendar(*RECURRING))
    assert result.out == (
        "create interactions/2016/2016-04-04-meeting-bob-ray.yaml: meeting with bob-ray: 'Weekly'\n"
        "create interactions/2016/2016-04-19-meeting-bob-ray.yaml: "
        "meeting with bob-ray: 'Weekly (moved)'\n"
        "create interactions/2016/2016-05-02-meeting-bob-ray.yaml: meeting with bob-ray: 'Weekly'\n"
        "cal.ics: 4 events read, 3 matched, 3 written; 1 skipped: 1 cancelled\n"
    )
    moved = (root / "interactions/2016/2016-04-19-meeting-bob-ray.yaml").read_text()
    assert moved.endswith("source:\n  ics: weekly@x\n  occurrence: '2016-04-18T23:30:00+02:00'\n")
    # --since and --until cut the series; a second import of part of it writes nothing
    again = _import(
        cli, root, calendar(*RECURRING), "--since", "2016-04-10", "--until", "2016-04-30"
    )
    assert (
        again.out
        == "cal.ics: 2 events read, 1 matched, 0 written, 1 already imported; 1 skipped: 1 cancelled\n"
    )


def test_declined_cancelled_and_strangers_are_skipped(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = _import(
        cli,
        root,
        calendar(
            "UID:d\nDTSTART:20160405T100000Z\nORGANIZER:mailto:bob@acme.example\n"
            "ATTENDEE;PARTSTAT=DECLINED:mailto:Camille@Example.org",
            "UID:c\nDTSTART:20160405T100000Z\nSTATUS:CANCELLED\nATTENDEE:mailto:bob@acme.example",
            "UID:s\nDTSTART:20160405T100000Z\nATTENDEE;CN=Zoé Roux:mailto:zoe@elsewhere.example",
            "DTSTART:20160405T100000Z\nATTENDEE:mailto:bob@acme.example",
        ),
    )
    assert result.out == (
        "cal.ics: 4 events read, 0 matched, 0 written; "
        "4 skipped: 1 cancelled, 1 declined, 1 no UID, 1 no known attendee\n"
    )


def test_channel_initiator_and_gmail_aliases(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    _import(
        cli,
        root,
        calendar(
            "UID:v\nDTSTART:20160405T100000Z\nSUMMARY:Catch-up\n"
            "ORGANIZER;CN=Ann:mailto:Ann.Lee+work@googlemail.com\n"
            "ATTENDEE:mailto:camille@example.org\n"
            "DESCRIPTION:Join: https://meet.google.com/abc-defg-hij",
            "UID:m\nDTSTART:20160406T100000Z\nSUMMARY:Lunch\nLOCATION:Le Bistrot\n"
            "ATTENDEE:mailto:BOB@ACME.EXAMPLE",
        ),
    )
    video = (root / "interactions/2016/2016-04-05-video-ann-lee.yaml").read_text()
    assert "channel: video\ninitiated_by: them\nsummary: Catch-up\n" in video
    assert "meet.google.com" not in video  # the description is never stored
    lunch = (root / "interactions/2016/2016-04-06-meeting-bob-ray.yaml").read_text()
    assert "channel: meeting\ninitiated_by: me\n" in lunch


def test_an_overlapping_newer_export_writes_only_what_is_new(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    first = "UID:1\nDTSTART:20160405T100000Z\nSUMMARY:One\nATTENDEE:mailto:bob@acme.example"
    second = "UID:2\nDTSTART:20160412T100000Z\nSUMMARY:Two\nATTENDEE:mailto:bob@acme.example"
    _import(cli, root, calendar(first), name="march.ics")
    result = _import(cli, root, calendar(first, second), name="april.ics")
    assert result.out == (
        "create interactions/2016/2016-04-12-meeting-bob-ray.yaml: meeting with bob-ray: 'Two'\n"
        "april.ics: 2 events read, 2 matched, 1 written, 1 already imported\n"
    )
    both = cli(
        "--ledger",
        str(root),
        "import",
        "ics",
        str(root.parent / "march.ics"),
        str(root.parent / "april.ics"),
        *AS_OF,
    )
    assert both.out == (
        "march.ics: 1 event read, 1 matched, 0 written, 1 already imported\n"
        "april.ics: 2 events read, 2 matched, 0 written, 2 already imported\n"
    )


def test_create_contacts_adds_attendees_named_from_cn(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    text = calendar(
        "UID:n\nDTSTART:20160405T100000Z\nSUMMARY:Team\nATTENDEE:mailto:bob@acme.example\n"
        'ATTENDEE;CN="Zoé Roux":mailto:zoe.roux@acme.example\n'
        "ATTENDEE;CUTYPE=ROOM;CN=Room 1:mailto:room1@acme.example"
    )
    result = _import(cli, root, text, "--create-contacts")
    assert result.out == (
        "create contacts/zoe-roux.yaml: Zoé Roux <zoe.roux@acme.example>\n"
        "create interactions/2016/2016-04-05-meeting-bob-ray-and-zoe-roux.yaml: "
        "meeting with bob-ray, zoe-roux: 'Team'\n"
        "cal.ics: 1 event read, 1 matched, 1 written\n"
    )
    assert (
        (root / "contacts/zoe-roux.yaml")
        .read_text(encoding="utf-8")
        .endswith("name: Zoé Roux\nemails: [zoe.roux@acme.example]\n")
    )
    assert cli("--ledger", str(root), "check", *AS_OF).code == 0


def test_not_a_calendar_is_exit_2(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = _import(cli, root, "BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n")
    assert result.code == 2 and result.err.startswith("reseau: ") and result.err.count("\n") == 1


@pytest.mark.parametrize("planned", [True, False])
def test_planned_only_after_as_of(
    make_ledger: Callable[..., Path], cli: Callable[..., Any], planned: bool
) -> None:
    root = make_ledger(PEOPLE)
    day = "20160510" if planned else "20160503"
    _import(
        cli, root, calendar(f"UID:p\nDTSTART;VALUE=DATE:{day}\nATTENDEE:mailto:bob@acme.example")
    )
    (path,) = (root / "interactions/2016").iterdir()
    assert ("planned: true\n" in path.read_text()) is planned


def test_a_real_google_export_with_a_moved_occurrence(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    """Its attendee is nobody we know: the occurrences are read and counted, none written."""
    root = make_ledger(PEOPLE)
    data = Path(__file__).parent / "data" / "capture" / "google-moved-event.ics"
    result = cli("--ledger", str(root), "import", "ics", str(data), "--until", "2022-01-31", *AS_OF)
    assert result.out == (
        "google-moved-event.ics: 3 events read, 0 matched, 0 written; "
        "3 skipped: 3 no known attendee\n"
    )


def test_events_with_unreadable_dates_or_rules_are_counted(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = _import(
        cli,
        root,
        calendar(
            "UID:a\nDTSTART:20160405T100000Z\nRRULE:FREQ=NONSENSE\nATTENDEE:mailto:bob@acme.example",
            "UID:b\nDTSTART:notadate\nATTENDEE:mailto:bob@acme.example",
            "UID:c\nDTSTART:20160405T100000Z\nATTENDEE:mailto:bob@acme.example",
        ),
    )
    assert result.out == (
        "create interactions/2016/2016-04-05-meeting-bob-ray.yaml: meeting with bob-ray\n"
        "cal.ics: 3 events read, 1 matched, 1 written; 2 skipped: 2 unreadable\n"
    )


def test_a_planned_meeting_whose_event_is_cancelled_is_told(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    event = "UID:later\nDTSTART:20160520T100000Z\nSUMMARY:Lunch\nATTENDEE:mailto:bob@acme.example"
    _import(cli, root, calendar(event))
    result = _import(cli, root, calendar(event + "\nSTATUS:CANCELLED"))
    assert result.out == (
        "cancelled: interactions/2016/2016-05-20-meeting-bob-ray.yaml is planned, but its "
        "event was cancelled: delete it if it will not take place\n"
        "cal.ics: 1 event read, 0 matched, 0 written; 1 skipped: 1 cancelled\n"
    )
    assert (root / "interactions/2016/2016-05-20-meeting-bob-ray.yaml").exists()
