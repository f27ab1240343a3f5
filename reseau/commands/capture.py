"""`reseau import ics|mail PATH…`: meetings from a calendar, e-mails from a mailbox.

Reading comes first, whole (nothing is written if a file cannot be read); then each item is
written as `reseau log` writes an interaction, with its `source`, unless the ledger holds it
already: imported before (same source), or logged by hand (same day, one of the same
people, a channel of the same kind). A planned meeting imported earlier whose day has come
becomes held. Last, one line per file says what came of it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from reseau.commands.common import Env, open_ledger
from reseau.commands.importing import Progress
from reseau.commands.writing import MAX_TRIES, Prompter, commit, create_record
from reseau.errors import FatalError
from reseau.formats import escape
from reseau.interchange.matching import AddressBook, Captured, Key, SourceIndex
from reseau.ledger import Ledger

CALENDAR_AHEAD = 365  # days after as-of a calendar is read to, without --until

# The command's words, kept together for translation.
NO_ME = (
    "warning: reseau.yaml has no `me: {emails: [...]}`: declined invitations cannot be "
    "told, and who wrote first is guessed"
)
UNITS = {"ics": "events", "mail": "messages"}


class Tick(Protocol):
    def update(self, n_steps: int) -> None: ...


Meter = Callable[[int, str], AbstractContextManager[Tick]]


@dataclass
class Tally:
    """One file's report."""

    read: int = 0
    matched: int = 0
    written: int = 0
    held: int = 0
    known: int = 0
    by_hand: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def line(self, name: str, unit: str) -> str:
        parts = [f"{self.read} {unit} read", f"{self.matched} matched", f"{self.written} written"]
        if self.held:
            parts.append(f"{self.held} now held")
        if self.known:
            parts.append(f"{self.known} already imported")
        if self.by_hand:
            parts.append(f"{self.by_hand} logged by hand")
        text = f"{name}: {', '.join(parts)}"
        if self.skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
            text += f"; {sum(self.skipped.values())} skipped: {reasons}"
        return text


@dataclass(frozen=True)
class Window:
    since: dt.date | None
    until: dt.date | None


def label(path: Path, paths: Sequence[Path]) -> str:
    """How the report names a file: its name, or its path when two share the name."""
    return path.name if [p.name for p in paths].count(path.name) == 1 else str(path)


def window(since: str | None, until: str | None, as_of: dt.date) -> Window:
    from reseau.commands.log import _day

    first = _day(since, "--since", as_of) if since else None
    last = _day(until, "--until", as_of) if until else None
    if first is not None and last is not None and first > last:
        raise FatalError(f"--since {first} is after --until {last}")
    return Window(first, last)


def _read_ics(
    paths: Sequence[Path],
    book: AddressBook,
    span: Window,
    as_of: dt.date,
    tallies: dict[str, Tally],
) -> tuple[list[Captured], dict[str, tuple[str, str | None]], list[Key]]:
    from reseau.interchange.calendar_import import CalendarError, parse_calendar, read_calendar

    until = span.until or as_of + dt.timedelta(days=CALENDAR_AHEAD)
    items: list[Captured] = []
    strangers: dict[str, tuple[str, str | None]] = {}
    cancelled: list[Key] = []
    for path in paths:
        try:
            calendar = parse_calendar(path.read_bytes())
        except OSError as exc:
            raise FatalError(f"{path}: cannot read: {exc.strerror}") from None
        except CalendarError as exc:
            raise FatalError(f"{path}: {exc}") from None
        read = read_calendar(calendar, book, span.since, until, as_of, label(path, paths))
        tally = tallies.setdefault(label(path, paths), Tally())
        tally.read += read.read
        tally.matched += len(read.items)
        tally.skipped.update(read.skipped)
        items += read.items
        cancelled += read.cancelled
        for key, who in read.strangers.items():
            strangers.setdefault(key, (who.address, who.name))
    return items, strangers, cancelled


def _read_mail(
    paths: Sequence[Path],
    book: AddressBook,
    span: Window,
    subjects: bool,
    meter: Meter | None,
    tallies: dict[str, Tally],
) -> list[Captured]:
    from reseau.interchange.mailbox_import import (
        MailboxError,
        MailRead,
        MailReader,
        messages,
        open_mailbox,
    )

    boxes = []
    for path in paths:
        try:
            boxes.append((path, open_mailbox(path)))
        except (MailboxError, OSError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise FatalError(f"{path}: {why}") from None
    reader = MailReader(book, span.since, span.until)
    for path, box in boxes:
        name = label(path, paths)
        tally = tallies.setdefault(name, Tally())
        read = MailRead()
        try:
            bar: AbstractContextManager[Tick | None] = (
                meter(len(box), name) if meter is not None else nullcontext(None)
            )
            with bar as progress:
                for headers in messages(box, lambda: progress.update(1) if progress else None):
                    reader.read(headers, name, read)
        except OSError as exc:
            raise FatalError(f"{path}: cannot read: {exc.strerror}") from None
        finally:
            box.close()
        tally.read += read.read
        tally.matched += read.matched
        tally.skipped.update(read.skipped)
    return reader.captured(subjects)


def _create_contacts(
    ledger: Ledger,
    strangers: dict[str, tuple[str, str | None]],
    book: AddressBook,
    dry_run: bool,
    prompter: Prompter,
    lines: list[str],
    written: list[str],
) -> None:
    """--create-contacts: attendees not in the ledger become contacts (asked one by one on
    a terminal), named from their CN, else from their address."""
    from reseau.slug import slugify, unique_slug

    taken = set(ledger.contact_ids)
    for _key, (address, name) in sorted(strangers.items()):
        name = (name or "").strip() or address.split("@", 1)[0].replace(".", " ").title()
        if prompter.interactive and not prompter.confirm(
            f"Add {escape(name)} <{escape(address)}> as a contact?"
        ):
            continue
        stem = unique_slug(slugify(name), taken)
        taken.add(stem)
        rel = f"contacts/{stem}.yaml"
        if not dry_run:
            rel = create_record(
                ledger.root, "contacts", stem, "contact", {"name": name, "emails": [address]}
            )
            written.append(rel)
        book.add(address, stem)
        lines.append(f"create {rel}: {escape(name)} <{escape(address)}>")


def _free_stem(root: Path, folder: str, stem: str, claimed: set[str]) -> str:
    """stem, or stem-2, stem-3, … : the first name neither on disk nor planned in this run
    (many e-mails a day would otherwise try every taken name, one schema check each)."""
    for n in range(1, MAX_TRIES + 1):
        name = stem if n == 1 else f"{stem}-{n}"
        rel = f"{folder}/{name}.yaml"
        if rel not in claimed and not (root / rel).exists():
            return name
    return stem


def _described(item: Captured) -> str:
    text = f"{item.channel} with {', '.join(item.people)}"
    if item.planned:
        text += " (planned)"
    return text + (f": {escape(item.summary)!r}" if item.summary else "")


def _write(
    env: Env,
    ledger: Ledger,
    items: list[Captured],
    dry_run: bool,
    tallies: dict[str, Tally],
    lines: list[str],
    written: list[str],
) -> None:
    from reseau.commands.log import file_stem
    from reseau.commands.rewrite import delete_key, edited
    from reseau.store import replace_atomic

    index = SourceIndex.of(ledger.interactions.values())
    done: set[Key] = set()
    claimed: set[str] = set()
    for item in sorted(items, key=lambda i: (i.day, i.key)):
        tally = tallies[item.origin]
        existing = index.imported.get(item.key)
        if item.key in done:
            tally.known += 1
        elif existing is not None:
            done.add(item.key)
            if existing.planned and item.day <= env.as_of:
                if not dry_run:
                    data = edited(
                        ledger.root,
                        existing.path,
                        "interaction",
                        lambda d: delete_key(d, "planned"),
                    )
                    if data is not None:
                        replace_atomic(ledger.root, existing.path, data)
                        written.append(existing.path)
                lines.append(f"held {existing.path}: {existing.date} has passed")
                tally.held += 1
            else:
                tally.known += 1
        elif (hand := index.hand_logged(item)) is not None:
            done.add(item.key)
            lines.append(f"logged by hand: {hand.path} ({_described(item)})")
            tally.by_hand += 1
        else:
            done.add(item.key)
            values = item.values()
            folder = f"interactions/{item.day.year:04d}"
            stem = _free_stem(ledger.root, folder, file_stem(values), claimed)
            rel = f"{folder}/{stem}.yaml"
            if not dry_run:  # create_record still claims the name exclusively
                rel = create_record(ledger.root, folder, stem, "interaction", values)
                written.append(rel)
            claimed.add(rel)
            lines.append(f"create {rel}: {_described(item)}")
            tally.written += 1


def _still_planned(ledger: Ledger, cancelled: list[Key]) -> list[str]:
    """Planned meetings imported earlier whose event is now cancelled: told, not deleted."""
    index = SourceIndex.of(ledger.interactions.values())
    found = [index.imported.get(key) for key in dict.fromkeys(cancelled)]
    return [
        f"cancelled: {i.path} is planned, but its event was cancelled: delete it if it will "
        "not take place"
        for i in found
        if i is not None and i.planned
    ]


def run(
    env: Env,
    kind: str,
    paths: Sequence[Path],
    since: str | None,
    until: str | None,
    dry_run: bool,
    do_commit: bool,
    subjects: bool,
    create_contacts: bool,
    meter: Meter | None,
    prompter: Prompter,
    out: TextIO,
    err: TextIO,
) -> int:
    ledger = open_ledger(env).ledger
    span = window(since, until, env.as_of)
    book = AddressBook(ledger.contacts.values(), ledger.settings.me_emails)
    if not book.me:
        err.write(f"reseau: {NO_ME}\n")
    tallies: dict[str, Tally] = {label(path, paths): Tally() for path in paths}
    lines: list[str] = []
    written: list[str] = []
    if kind == "ics":
        items, strangers, cancelled = _read_ics(paths, book, span, env.as_of, tallies)
        if create_contacts and strangers:
            _create_contacts(ledger, strangers, book, dry_run, prompter, lines, written)
            tallies = {label(path, paths): Tally() for path in paths}
            items, _, cancelled = _read_ics(paths, book, span, env.as_of, tallies)
    else:
        items, cancelled = _read_mail(paths, book, span, subjects, meter, tallies), []
    if not subjects:
        for item in items:
            item.summary = None
    _write(env, ledger, items, dry_run, tallies, lines, written)
    lines += _still_planned(ledger, cancelled)
    out.write("".join(f"{line}\n" for line in lines))
    out.write("".join(f"{t.line(escape(name), UNITS[kind])}\n" for name, t in tallies.items()))
    if dry_run:
        out.write("dry run: nothing written\n")
        return 0
    if do_commit and written:
        names = ", ".join(label(path, paths) for path in paths)
        commit(env, written, f"import {kind}: {len(written)} files from {names}", err)
    return 0


CONTACT_KINDS = ("linkedin", "vcard", "google", "outlook")
ONLY = "{option} is for `reseau import {kinds}` only"


def _refuse(kind: str, given: dict[str, object], kinds: tuple[str, ...]) -> None:
    for option, value in given.items():
        if value and kind not in kinds:
            raise FatalError(ONLY.format(option=option, kinds="|".join(kinds)))


def dispatch(
    env: Env,
    kind: str,
    files: tuple[Path, ...],
    dry_run: bool,
    do_commit: bool,
    update: bool,
    encoding: str | None,
    since: str | None,
    until: str | None,
    no_subjects: bool,
    create_contacts: bool,
    progress: Progress | None,
    meter: Meter | None,
    prompter: Prompter,
    out: TextIO,
    err: TextIO,
) -> int:
    """`reseau import KIND FILE…`: contacts (one FILE) or interactions (ics, mail)."""
    _refuse(kind, {"--update": update, "--encoding": encoding}, CONTACT_KINDS)
    _refuse(
        kind, {"--since": since, "--until": until, "--no-subjects": no_subjects}, ("ics", "mail")
    )
    _refuse(kind, {"--create-contacts": create_contacts}, ("ics",))
    if kind in CONTACT_KINDS:
        from reseau.commands.importing import run as import_contacts

        if len(files) != 1:
            raise FatalError(f"reseau import {kind} takes one FILE ({len(files)} given)")
        if files[0].is_dir():
            raise FatalError(f"{files[0]}: is a folder, not a file")
        return import_contacts(
            env,
            kind,
            files[0],
            dry_run,
            do_commit,
            progress,
            out,
            err,
            update,
            encoding,
        )
    return run(
        env,
        kind,
        files,
        since,
        until,
        dry_run,
        do_commit,
        not no_subjects,
        create_contacts,
        meter,
        prompter,
        out,
        err,
    )
