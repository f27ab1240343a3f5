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
from reseau.i18n import ENGLISH, N_, N_n, Translator, msg, msg_n
from reseau.interchange.matching import AddressBook, Captured, Key, SourceIndex
from reseau.ledger import Ledger

CALENDAR_AHEAD = 365  # days after as-of a calendar is read to, without --until

# The command's words, kept together for translation.
NO_ME = N_(
    "warning: reseau.yaml has no `me: {emails: [...]}`: declined invitations cannot be "
    "told, and who wrote first is guessed"
)
READ = {
    "ics": N_n("{n} event read", "{n} events read"),
    "mail": N_n("{n} message read", "{n} messages read"),
}
MATCHED = N_n("{n} matched", "{n} matched")
WRITTEN = N_n("{n} written", "{n} written")
HELD = N_n("{n} now held", "{n} now held")
KNOWN = N_n("{n} already imported", "{n} already imported")
BY_HAND = N_n("{n} logged by hand", "{n} logged by hand")
SKIPPED = N_n("{n} skipped: {reasons}", "{n} skipped: {reasons}")
# Why an event or a message is skipped (the keys calendar_import and mailbox_import count).
REASONS = {
    "cancelled": N_n("{n} cancelled", "{n} cancelled"),
    "declined": N_n("{n} declined", "{n} declined"),
    "no known attendee": N_n("{n} no known attendee", "{n} no known attendee"),
    "no start date": N_n("{n} no start date", "{n} no start date"),
    "no UID": N_n("{n} no UID", "{n} no UID"),
    "unreadable": N_n("{n} unreadable", "{n} unreadable"),
    "mailing list": N_n("{n} mailing list", "{n} mailing list"),
    "automatic reply": N_n("{n} automatic reply", "{n} automatic reply"),
    "no date": N_n("{n} no date", "{n} no date"),
    "no Message-ID": N_n("{n} no Message-ID", "{n} no Message-ID"),
    "no known address": N_n("{n} no known address", "{n} no known address"),
    "outside the dates": N_n("{n} outside the dates", "{n} outside the dates"),
}


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

    def line(self, name: str, kind: str, tr: Translator = ENGLISH) -> str:
        def counted(forms: tuple[str, str], n: int, **values: str) -> str:
            return tr.ngettext(*forms, n).format(n=tr.number(n), **values)

        parts = [
            counted(READ[kind], self.read),
            counted(MATCHED, self.matched),
            counted(WRITTEN, self.written),
        ]
        if self.held:
            parts.append(counted(HELD, self.held))
        if self.known:
            parts.append(counted(KNOWN, self.known))
        if self.by_hand:
            parts.append(counted(BY_HAND, self.by_hand))
        counts = ", ".join(parts)
        if not self.skipped:
            return tr("{name}: {counts}", name=name, counts=counts)
        reasons = ", ".join(
            counted(REASONS[why], n) if why in REASONS else f"{n} {why}"
            for why, n in sorted(self.skipped.items())
        )
        skipped = counted(SKIPPED, sum(self.skipped.values()), reasons=reasons)
        return tr("{name}: {counts}; {skipped}", name=name, counts=counts, skipped=skipped)


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
        raise FatalError(msg("--since {first} is after --until {last}", first=first, last=last))
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
            raise _unreadable(path, exc) from None
        except CalendarError as exc:
            raise FatalError(
                msg("{path}: {problem}", path=str(path), problem=exc.message)
            ) from None
        name = label(path, paths)
        read = read_calendar(calendar, book, span.since, until, as_of, name)
        tally = tallies.setdefault(name, Tally())
        tally.read += read.read
        tally.matched += len(read.items)
        tally.skipped.update(read.skipped)
        items += read.items
        cancelled += read.cancelled
        for key, who in read.strangers.items():
            strangers.setdefault(key, (who.address, who.name))
    return items, strangers, cancelled


def _unreadable(path: Path, exc: OSError) -> FatalError:
    return FatalError(
        msg("{path}: cannot read: {strerror}", path=str(path), strerror=exc.strerror or str(exc))
    )


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
            why = exc.strerror or str(exc) if isinstance(exc, OSError) else exc.message
            raise FatalError(msg("{path}: {problem}", path=str(path), problem=why)) from None
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
            raise _unreadable(path, exc) from None
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
    tr: Translator = ENGLISH,
) -> None:
    """--create-contacts: attendees not in the ledger become contacts (asked one by one on
    a terminal), named from their CN, else from their address."""
    from reseau.slug import slugify, unique_slug

    taken = set(ledger.contact_ids)
    for _key, (address, name) in sorted(strangers.items()):
        name = (name or "").strip() or address.split("@", 1)[0].replace(".", " ").title()
        if prompter.interactive and not prompter.confirm(
            tr("Add {name} <{address}> as a contact?", name=escape(name), address=escape(address))
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
        lines.append(
            tr(
                "create {path}: {name} <{address}>",
                path=rel,
                name=escape(name),
                address=escape(address),
            )
        )


def _free_stem(root: Path, folder: str, stem: str, claimed: set[str]) -> str:
    """stem, or stem-2, stem-3, … : the first name neither on disk nor planned in this run
    (many e-mails a day would otherwise try every taken name, one schema check each)."""
    for n in range(1, MAX_TRIES + 1):
        name = stem if n == 1 else f"{stem}-{n}"
        rel = f"{folder}/{name}.yaml"
        if rel not in claimed and not (root / rel).exists():
            return name
    return stem


def _described(item: Captured, tr: Translator) -> str:
    from reseau.present import CHANNEL_WORDS, word

    channel = tr.render(word(CHANNEL_WORDS, item.channel)) if tr.lang != "en" else item.channel
    text = tr("{channel} with {people}", channel=channel, people=", ".join(item.people))
    if item.planned:
        text += tr(" (planned)")
    if not item.summary:
        return text
    return tr("{what}: {summary}", what=text, summary=repr(escape(item.summary)))


def _write(
    env: Env,
    ledger: Ledger,
    items: list[Captured],
    dry_run: bool,
    tallies: dict[str, Tally],
    lines: list[str],
    written: list[str],
    tr: Translator = ENGLISH,
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
                lines.append(
                    tr(
                        "held {path}: {date} has passed",
                        path=existing.path,
                        date=tr.iso_or_long(existing.date),
                    )
                )
                tally.held += 1
            else:
                tally.known += 1
        elif (hand := index.hand_logged(item)) is not None:
            done.add(item.key)
            lines.append(
                tr("logged by hand: {path} ({what})", path=hand.path, what=_described(item, tr))
            )
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
            lines.append(tr("create {path}: {what}", path=rel, what=_described(item, tr)))
            tally.written += 1


def _still_planned(ledger: Ledger, cancelled: list[Key], tr: Translator) -> list[str]:
    """Planned meetings imported earlier whose event is now cancelled: told, not deleted."""
    index = SourceIndex.of(ledger.interactions.values())
    found = [index.imported.get(key) for key in dict.fromkeys(cancelled)]
    return [
        tr(
            "cancelled: {path} is planned, but its event was cancelled: delete it if it will "
            "not take place",
            path=i.path,
        )
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
    tr = env.translator(ledger.settings.lang)
    if not book.me:
        err.write(f"reseau: {tr(NO_ME)}\n")
    tallies: dict[str, Tally] = {label(path, paths): Tally() for path in paths}
    lines: list[str] = []
    written: list[str] = []
    if kind == "ics":
        items, strangers, cancelled = _read_ics(paths, book, span, env.as_of, tallies)
        if create_contacts and strangers:
            _create_contacts(ledger, strangers, book, dry_run, prompter, lines, written, tr)
            tallies = {label(path, paths): Tally() for path in paths}
            items, _, cancelled = _read_ics(paths, book, span, env.as_of, tallies)
    else:
        items, cancelled = _read_mail(paths, book, span, subjects, meter, tallies), []
    if not subjects:
        for item in items:
            item.summary = None
    _write(env, ledger, items, dry_run, tallies, lines, written, tr)
    lines += _still_planned(ledger, cancelled, tr)
    out.write("".join(f"{line}\n" for line in lines))
    out.write("".join(f"{t.line(escape(name), kind, tr)}\n" for name, t in tallies.items()))
    if dry_run:
        out.write(tr("dry run: nothing written") + "\n")
        return 0
    if do_commit and written:
        names = ", ".join(label(path, paths) for path in paths)
        commit(env, written, f"import {kind}: {len(written)} files from {names}", err)
    return 0


CONTACT_KINDS = ("linkedin", "vcard", "google", "outlook")
ONLY = N_("{option} is for `reseau import {kinds}` only")


def _refuse(kind: str, given: dict[str, object], kinds: tuple[str, ...]) -> None:
    for option, value in given.items():
        if value and kind not in kinds:
            raise FatalError(msg(ONLY, option=option, kinds="|".join(kinds)))


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
            raise FatalError(
                msg_n(
                    "reseau import {kind} takes one FILE ({n} given)",
                    "reseau import {kind} takes one FILE ({n} given)",
                    len(files),
                    kind=kind,
                )
            )
        if files[0].is_dir():
            raise FatalError(msg("{path}: is a folder, not a file", path=str(files[0])))
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
