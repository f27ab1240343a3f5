"""E-mails from an mbox file or a Maildir folder, headers only (the standard library's
`mailbox` and `email`).

Only each message's header block is read (a few kilobytes, whatever the attachments):
no body is parsed, stored or printed. Messages of one thread (its first Message-ID in
References, else In-Reply-To, else its own) on one day make one `Captured` e-mail, with
the contacts found in From, To and Cc. A message's day is its Date in the sender's zone.
"""

from __future__ import annotations

import datetime as dt
import mailbox
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import default
from pathlib import Path
from typing import IO, Any

from reseau.i18n import ENGLISH, Msg, msg
from reseau.interchange.matching import AddressBook, Captured

# Words of the report (kept together for translation).
UNREADABLE = "unreadable"
MAILING_LIST = "mailing list"
AUTO_REPLY = "automatic reply"
NO_DATE = "no date"
NO_ID = "no Message-ID"
NO_CONTACT = "no known address"
OUTSIDE = "outside the dates"

MAX_HEADER = 256 * 1024  # a header block longer than this is not a message's
_BULK = frozenset({"bulk", "list", "junk", "auto_reply"})
_AUTO_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto(matische)? ?(reply|antwort)|out of (the )?office|"
    r"r[ée]ponse automatique|absence)\b",
    re.IGNORECASE,
)
_REPLY_PREFIX = re.compile(
    r"^\s*((re|fwd?|tr|aw|wg|sv|vs|ref)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
_MSGID = re.compile(r"<([^<>\s]+)>")


class MailboxError(Exception):
    """The path is neither an mbox file nor a Maildir folder."""

    def __init__(self, message: Msg) -> None:
        super().__init__(ENGLISH.render(message))
        self.message = message


@dataclass
class Thread:
    """The messages of one thread on one day, as far as the import needs them."""

    first: dt.datetime
    from_me: bool
    summary: str | None
    people: list[str]
    origin: str
    root: str


@dataclass
class MailRead:
    """Per file: messages read, matched (with a contact), and skipped by reason."""

    read: int = 0
    matched: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def open_mailbox(path: Path) -> mailbox.Mailbox:
    """An mbox file or a Maildir folder (cur/ and new/), read-only in effect: nothing is
    ever flushed to it."""
    if path.is_dir() and (path / "mbox").is_file() and not (path / "cur").is_dir():
        path = path / "mbox"  # Apple Mail's export: a folder `Inbox.mbox` holding `mbox`
    if path.is_dir():
        if not ((path / "cur").is_dir() or (path / "new").is_dir()):
            raise MailboxError(msg("not a Maildir folder (no cur/ or new/ in it)"))
        return mailbox.Maildir(path, factory=None, create=False)
    if not path.is_file():
        raise MailboxError(msg("no such file or folder"))
    with path.open("rb") as handle:
        start = handle.read(5)
    if start and start != b"From ":
        raise MailboxError(msg("not an mbox file (it does not start with a 'From ' line)"))
    return mailbox.mbox(path, factory=None, create=False)


def header_block(handle: IO[bytes]) -> bytes:
    """The header lines of the message in handle, up to the blank line that ends them."""
    lines: list[bytes] = []
    size = 0
    first = True
    for line in iter(handle.readline, b""):
        if first and line.startswith(b"From "):  # mbox's separator line
            first = False
            continue
        first = False
        if line in (b"\n", b"\r\n"):
            break
        size += len(line)
        if size > MAX_HEADER:
            break
        lines.append(line)
    return b"".join(lines)


def messages(box: mailbox.Mailbox, tick: Callable[[], None]) -> Iterator[bytes]:
    """Each message's header block, one at a time (Maildir: in file-name order)."""
    keys = sorted(box.keys()) if isinstance(box, mailbox.Maildir) else box.keys()
    for key in keys:
        try:
            with box.get_file(key) as handle:
                yield header_block(handle)  # type: ignore[arg-type]
        except (OSError, KeyError):
            yield b""  # vanished or unreadable: counted as unreadable
        tick()


def _addresses(message: EmailMessage, name: str) -> list[Address]:
    found: list[Address] = []
    for header in message.get_all(name, ()):
        found += [a for a in getattr(header, "addresses", ()) if "@" in (a.addr_spec or "")]
    return found


def _ids(value: Any) -> list[str]:
    text = str(value or "")
    found = _MSGID.findall(text)
    return found or text.split()


def _summary(subject: Any) -> str | None:
    text = " ".join(str(subject or "").split())
    text = _REPLY_PREFIX.sub("", text).strip()
    return text or None


def _is_automatic(message: EmailMessage) -> bool:
    if str(message.get("Auto-Submitted", "no")).strip().lower() not in ("", "no"):
        return True
    if message.get("X-Autoreply") is not None or message.get("X-Autorespond") is not None:
        return True
    return bool(_AUTO_SUBJECT.match(str(message.get("Subject", ""))))


def _when(message: EmailMessage) -> dt.datetime | None:
    header = message.get("Date")
    when = getattr(header, "datetime", None)
    return when if isinstance(when, dt.datetime) else None


def _instant(when: dt.datetime) -> dt.datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


@dataclass
class MailReader:
    """Reads messages into threads by (root Message-ID, day); keeps only those with contacts,
    so memory grows with the threads kept, not with the mailbox."""

    book: AddressBook
    since: dt.date | None
    until: dt.date | None
    threads: dict[tuple[str, dt.date], Thread] = field(default_factory=dict)

    def read(self, headers: bytes, origin: str, tally: MailRead) -> None:
        tally.read += 1
        reason = self._judge(headers, origin)
        if reason is None:
            tally.matched += 1
        else:
            tally.skipped[reason] += 1

    def _judge(self, headers: bytes, origin: str) -> str | None:
        if not headers.strip():
            return UNREADABLE
        try:
            message = BytesHeaderParser(policy=default).parsebytes(headers)
            assert isinstance(message, EmailMessage)
            return self._message(message, origin)
        except Exception:  # noqa: BLE001 - a malformed header must not stop the import
            return UNREADABLE

    def _message(self, message: EmailMessage, origin: str) -> str | None:
        senders = _addresses(message, "From")
        if not senders:
            return UNREADABLE
        if message.get("List-Id") is not None:
            return MAILING_LIST
        if str(message.get("Precedence", "")).strip().lower() in _BULK:
            return MAILING_LIST
        if _is_automatic(message):
            return AUTO_REPLY
        when = _when(message)
        if when is None:
            return NO_DATE
        day = when.date()
        if (self.since is not None and day < self.since) or (
            self.until is not None and day > self.until
        ):
            return OUTSIDE
        own = _ids(message.get("Message-ID"))
        root = (_ids(message.get("References")) or _ids(message.get("In-Reply-To")) or own or [""])[
            0
        ]
        if not root:
            return NO_ID
        sender = senders[0].addr_spec
        from_me = self.book.is_me(sender)
        if not self.book.me:  # who I am is not said: anyone but a contact is me
            from_me = self.book.contact(sender) is None
        others = _addresses(message, "To") + _addresses(message, "Cc")
        candidates = others if from_me else [senders[0], *others]
        people = [
            cid
            for a in candidates
            if not self.book.is_me(a.addr_spec)
            and (cid := self.book.contact(a.addr_spec)) is not None
        ]
        if not people:
            return NO_CONTACT
        self._add(
            root, day, _instant(when), from_me, _summary(message.get("Subject")), people, origin
        )
        return None

    def _add(
        self,
        root: str,
        day: dt.date,
        when: dt.datetime,
        from_me: bool,
        summary: str | None,
        people: list[str],
        origin: str,
    ) -> None:
        thread = self.threads.get((root, day))
        if thread is None:
            self.threads[(root, day)] = Thread(when, from_me, summary, people, origin, root)
            return
        thread.people += [p for p in people if p not in thread.people]
        if when < thread.first:
            thread.first, thread.from_me, thread.origin = when, from_me, origin
            thread.summary = summary or thread.summary

    def captured(self, subjects: bool) -> list[Captured]:
        """The threads as e-mails, by day then thread."""
        return [
            Captured(
                key=("mail", root, day.isoformat()),
                day=day,
                people=list(dict.fromkeys(thread.people)),
                channel="email",
                initiated_by="me" if thread.from_me else "them",
                summary=thread.summary if subjects else None,
                source={"mail": root},
                origin=thread.origin,
            )
            for (root, day), thread in sorted(
                self.threads.items(), key=lambda kv: (kv[0][1], kv[1].first, kv[0][0])
            )
        ]
