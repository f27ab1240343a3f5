"""`reseau import mail` on generated mailboxes with known answers: Maildir and mbox, threads
by day, who wrote first, RFC 2047 headers, mailing lists, automatic replies, malformed
messages, and a 200 MB mbox read in bounded memory."""

from __future__ import annotations

import datetime as dt
import mailbox
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reseau.interchange.mailbox_import import (
    MailRead,
    MailReader,
    header_block,
    messages,
    open_mailbox,
)
from reseau.interchange.matching import AddressBook, canonical_address
from reseau.records import Contact

PEOPLE = {
    "reseau.yaml": "owner: Camille Martin\nme: {emails: [camille@example.org]}\n",
    "contacts/ann-lee.yaml": "name: Ann Lee\nemails: [ann.lee@gmail.com]\n",
    "contacts/bob-ray.yaml": "name: Bob Ray\nemails: [bob@acme.example]\n",
}
AS_OF = ("--as-of", "2016-05-03")
ME = "Camille <camille@example.org>"
BOB = "Bob Ray <bob@acme.example>"


def message(
    sender: str,
    to: str,
    subject: str,
    date: str,
    mid: str,
    refs: tuple[str, ...] = (),
    extra: str = "",
    body: str = "Body text, never stored.\n",
) -> bytes:
    head = f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {date}\nMessage-ID: <{mid}>\n"
    if refs:
        head += f"In-Reply-To: <{refs[-1]}>\nReferences: {' '.join(f'<{r}>' for r in refs)}\n"
    return (head + extra + "\n" + body).encode("utf-8")


def maildir(root: Path, *messages: bytes) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    box = mailbox.Maildir(root / "INBOX", create=True)
    for n, data in enumerate(messages):
        key = box.add(data)
        # keys sort in file-name order: make it the order given
        (root / "INBOX" / "new" / key).rename(root / "INBOX" / "cur" / f"{n:04d}.msg:2,S")
    return root / "INBOX"


def test_threads_make_one_email_a_day_and_who_wrote_first_is_kept(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    folder = maildir(
        root.parent,
        message(BOB, ME, "Coffee?", "Mon, 04 Apr 2016 09:00:00 +0200", "b1@acme"),
        message(ME, BOB, "Re: Coffee?", "Mon, 04 Apr 2016 10:00:00 +0200", "c1@me", ("b1@acme",)),
        message(
            ME, BOB, "Re: Coffee?", "Tue, 05 Apr 2016 08:00:00 +0200", "c2@me", ("b1@acme", "c1@me")
        ),
        message(
            ME,
            "=?utf-8?q?Ann_L=C3=A9e?= <Ann.Lee@gmail.com>",
            "=?utf-8?b?UsOpc2VhdSBkZSBkb25uw6llcw==?=",
            "Tue, 05 Apr 2016 23:30:00 -0700",
            "a1@me",
            extra=f"Cc: {BOB}\n",
        ),
    )
    result = cli("--ledger", str(root), "import", "mail", str(folder), *AS_OF)
    assert result.out == (
        "create interactions/2016/2016-04-04-email-bob-ray.yaml: email with bob-ray: 'Coffee?'\n"
        "create interactions/2016/2016-04-05-email-ann-lee-and-bob-ray.yaml: "
        "email with ann-lee, bob-ray: 'Réseau de données'\n"
        "create interactions/2016/2016-04-05-email-bob-ray.yaml: email with bob-ray: 'Coffee?'\n"
        "INBOX: 4 messages read, 4 matched, 3 written\n"
    )
    first = (root / "interactions/2016/2016-04-04-email-bob-ray.yaml").read_text()
    assert "initiated_by: them\n" in first and "source:\n  mail: b1@acme\n" in first
    second = (root / "interactions/2016/2016-04-05-email-bob-ray.yaml").read_text()
    assert "initiated_by: me\n" in second and "source:\n  mail: b1@acme\n" in second
    again = cli("--ledger", str(root), "import", "mail", str(folder), *AS_OF)
    assert again.out == "INBOX: 4 messages read, 4 matched, 0 written, 3 already imported\n"


def test_lists_auto_replies_and_malformed_messages_are_skipped(
    make_ledger: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    root = make_ledger(PEOPLE)
    box = mailbox.mbox(tmp_path / "all.mbox")
    date = "Mon, 04 Apr 2016 09:00:00 +0200"
    for data in (
        message(BOB, ME, "News", date, "l1@x", extra="List-Id: <news.acme.example>\n"),
        message(BOB, ME, "Offers", date, "l2@x", extra="Precedence: bulk\n"),
        message(BOB, ME, "Away", date, "r1@x", extra="Auto-Submitted: auto-replied\n"),
        message(BOB, ME, "Automatic reply: Coffee?", date, "r2@x"),
        b"From: \x00\x01garbage\nDate: not a date\n\nbody\n",
        message(BOB, ME, "Hello", "someday", "d1@x"),
        message(BOB, ME, "Hello", date, "ok@x"),
        message("Eve <eve@else.example>", ME, "Hi", date, "e1@x"),
        message(BOB, ME, "Older", "Mon, 04 Jan 2016 09:00:00 +0200", "o1@x"),
    ):
        box.add(data)
    box.close()
    result = cli(
        "--ledger",
        str(root),
        "import",
        "mail",
        str(tmp_path / "all.mbox"),
        "--since",
        "2016-02-01",
        *AS_OF,
    )
    assert result.out == (
        "create interactions/2016/2016-04-04-email-bob-ray.yaml: email with bob-ray: 'Hello'\n"
        "all.mbox: 9 messages read, 1 matched, 1 written; 8 skipped: 2 automatic reply, "
        "2 mailing list, 1 no date, 1 no known address, 1 outside the dates, 1 unreadable\n"
    )


def test_a_hand_logged_email_is_matched_and_a_call_is_not(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(
        {
            **PEOPLE,
            "interactions/2016/2016-04-04-email-bob-ray.yaml": "date: 2016-04-04\nwith: [bob-ray]\nchannel: email\n",
            "interactions/2016/2016-04-05-call-bob-ray.yaml": "date: 2016-04-05\nwith: [bob-ray]\nchannel: call\n",
        }
    )
    folder = maildir(
        root.parent,
        message(ME, BOB, "Monday", "Mon, 04 Apr 2016 09:00:00 +0200", "m1@me"),
        message(ME, BOB, "Tuesday", "Tue, 05 Apr 2016 09:00:00 +0200", "m2@me"),
    )
    result = cli("--ledger", str(root), "import", "mail", str(folder), *AS_OF)
    assert result.out == (
        "logged by hand: interactions/2016/2016-04-04-email-bob-ray.yaml "
        "(email with bob-ray: 'Monday')\n"
        "create interactions/2016/2016-04-05-email-bob-ray.yaml: email with bob-ray: 'Tuesday'\n"
        "INBOX: 2 messages read, 2 matched, 1 written, 1 logged by hand\n"
    )


def test_a_thread_split_between_inbox_and_sent_is_one_email(
    make_ledger: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    root = make_ledger(PEOPLE)
    inbox = maildir(
        tmp_path / "a",
        message(BOB, ME, "Lunch", "Mon, 04 Apr 2016 12:00:00 +0200", "b@x", ("c@me",)),
    )
    sent = maildir(
        tmp_path / "b", message(ME, BOB, "Lunch", "Mon, 04 Apr 2016 09:00:00 +0200", "c@me")
    )
    result = cli("--ledger", str(root), "import", "mail", str(inbox), str(sent), *AS_OF)
    assert result.out == (
        "create interactions/2016/2016-04-04-email-bob-ray.yaml: email with bob-ray: 'Lunch'\n"
        f"{inbox}: 1 message read, 1 matched, 0 written\n"
        f"{sent}: 1 message read, 1 matched, 1 written\n"
    )
    assert (
        "initiated_by: me\n"
        in (root / "interactions/2016/2016-04-04-email-bob-ray.yaml").read_text()
    )


@pytest.mark.parametrize(
    ("address", "canonical"),
    [
        ("Jane.Doe+cv@GoogleMail.com", "janedoe@gmail.com"),
        ("mailto:j.doe@gmail.com", "jdoe@gmail.com"),
        ("Jane+news@Outlook.fr", "jane@outlook.fr"),
        ("Jane.Doe+x@Acme.example", "jane.doe+x@acme.example"),
        ("<Bob@Acme.Example>", "bob@acme.example"),
    ],
)
def test_canonical_addresses(address: str, canonical: str) -> None:
    assert canonical_address(address) == canonical


def test_only_the_header_block_is_read(tmp_path: Path) -> None:
    path = tmp_path / "one.mbox"
    path.write_bytes(b"From x Mon Apr  4 09:00:00 2016\nFrom: a@b\nSubject: s\n\nbody\n")
    with path.open("rb") as handle:
        assert header_block(handle) == b"From: a@b\nSubject: s\n"


@pytest.mark.slow
def test_a_200_mb_mbox_is_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    # ~96 KB of body in lines of 996 characters (RFC 5322's longest: few lines to scan)
    attachment = (b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" * 28 + b"ABCDEFGHIJKLMNOP\n") * 96
    with path.open("wb") as handle:
        for n in range(2100):
            day = 1 + n % 28
            handle.write(
                b"From bob@acme.example Mon Apr  4 09:00:00 2016\n"
                + message(
                    BOB if n % 2 else ME,
                    ME if n % 2 else BOB,
                    f"Thread {n % 50}",
                    f"{day:02d} Apr 2016 09:{n % 60:02d}:00 +0200",
                    f"m{n}@x",
                    (f"m{n % 50}@x",) if n >= 50 else (),
                    body="",
                )
                + attachment
                + b"\n"
            )
    assert path.stat().st_size > 200_000_000
    book = AddressBook(
        [Contact("bob-ray", "contacts/bob-ray.yaml", "Bob Ray", emails=("bob@acme.example",))],
        ["camille@example.org"],
    )
    reader = MailReader(book, None, None)
    tally = MailRead()
    tracemalloc.start()
    box = open_mailbox(path)
    for headers in messages(box, lambda: None):
        reader.read(headers, "big.mbox", tally)
    box.close()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (tally.read, tally.matched) == (2100, 2100)
    assert peak < 20_000_000, peak  # a tenth of the file; one message is 100 KB
    assert all(
        item.day.year == 2016 and item.day <= dt.date(2016, 4, 28) for item in reader.captured(True)
    )


def test_apple_mails_export_folder_is_read(
    make_ledger: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    root = make_ledger(PEOPLE)
    bundle = tmp_path / "Sent.mbox"
    bundle.mkdir()
    box = mailbox.mbox(bundle / "mbox")
    box.add(message(ME, BOB, "Hi", "Mon, 04 Apr 2016 09:00:00 +0200", "x@me"))
    box.close()
    result = cli("--ledger", str(root), "import", "mail", str(bundle), "--dry-run", *AS_OF)
    assert result.out.endswith(
        "Sent.mbox: 1 message read, 1 matched, 1 written\ndry run: nothing written\n"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("--ledger", str(root), "import", "mail", str(empty), *AS_OF)
    assert (result.code, result.err) == (
        2,
        f"reseau: {empty}: not a Maildir folder (no cur/ or new/ in it)\n",
    )


def test_threads_of_one_day_get_numbered_files_and_the_meter_counts_messages(
    make_ledger: Callable[..., Path], tmp_path: Path
) -> None:
    import io
    from collections.abc import Iterator
    from contextlib import contextmanager

    from reseau.commands.capture import run
    from reseau.commands.common import Env
    from reseau.commands.writing import NoTerminal

    root = make_ledger(PEOPLE)
    folder = maildir(
        tmp_path,
        *(
            message(ME, BOB, f"Topic {n}", "Mon, 04 Apr 2016 09:00:00 +0200", f"t{n}@me")
            for n in range(3)
        ),
    )
    ticks: list[tuple[str, int]] = []

    class Bar:
        def update(self, n_steps: int) -> None:
            ticks.append(("tick", n_steps))

    @contextmanager
    def meter(length: int, label: str) -> Iterator[Bar]:
        ticks.append((label, length))
        yield Bar()

    out, err = io.StringIO(), io.StringIO()
    env = Env(root, dt.date(2016, 5, 3), tmp_path)
    code = run(
        env, "mail", [folder], None, None, False, False, True, False, meter, NoTerminal(), out, err
    )
    assert code == 0 and err.getvalue() == ""
    assert ticks == [("INBOX", 3), ("tick", 1), ("tick", 1), ("tick", 1)]
    assert sorted(p.name for p in (root / "interactions/2016").iterdir()) == [
        "2016-04-04-email-bob-ray-2.yaml",
        "2016-04-04-email-bob-ray-3.yaml",
        "2016-04-04-email-bob-ray.yaml",
    ]
