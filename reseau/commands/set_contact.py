"""`reseau set REF [field options]`: change a contact's fields in place; an organisation or
role change keeps what it replaces in `history` (DESIGN §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TextIO

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from reseau.commands.common import Env, open_ledger
from reseau.commands.log import _day
from reseau.commands.rewrite import (
    Writes,
    add_items,
    delete_key,
    remove_items,
    set_key,
)
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.records import Contact
from reseau.refs import resolve_contact
from reseau.store import KEY_ORDER

ORDER = KEY_ORDER["contact"]


@dataclass(frozen=True)
class SetOptions:
    ref: str
    name: str | None = None
    organization: str | None = None
    role: str | None = None
    relation: str | None = None
    status: str | None = None
    cadence: int | None = None
    introduced_by: str | None = None
    location: str | None = None
    tags: tuple[str, ...] = ()
    untags: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    no_emails: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    date: str | None = None
    commit: bool = False


def _history_entry(contact: Contact, until: dt.date) -> CommentedMap:
    entry = CommentedMap()
    for key, value in (("organization", contact.organization), ("role", contact.role)):
        if value:
            entry[key] = value
    entry["until"] = until
    entry.fa.set_flow_style()
    return entry


def changes(contact: Contact, options: SetOptions, until: dt.date) -> tuple[Any, list[str]]:
    """The change to apply to the contact's file, and what it does, in words."""
    said: list[str] = []
    org = options.organization
    role = options.role
    moved = (org is not None and org != (contact.organization or "")) or (
        role is not None and role != (contact.role or "")
    )
    keeps = moved and bool(contact.organization or contact.role)
    drop_role = org is not None and org != (contact.organization or "") and role is None
    if keeps:
        was = " at ".join(v for v in (contact.role, contact.organization) if v)
        said.append(f"history: was {was} until {until}")
    if drop_role and contact.role:
        said.append(f"role {contact.role!r} removed with the old organisation (give --role)")

    def change(data: CommentedMap) -> None:
        if keeps:
            history = data.get("history")
            if isinstance(history, CommentedSeq):
                history.insert(0, _history_entry(contact, until))
            else:
                set_key(data, "history", CommentedSeq([_history_entry(contact, until)]), ORDER)
        if drop_role and "role" in data:
            delete_key(data, "role")
        for key, value in (
            ("name", options.name),
            ("organization", org),
            ("role", role),
            ("relation", options.relation),
            ("status", options.status),
            ("cadence", options.cadence),
            ("introduced_by", options.introduced_by),
            ("location", options.location),
        ):
            if value is None:
                continue
            if value == "":
                if key in data:
                    delete_key(data, key)
            elif data.get(key) != value:
                set_key(data, key, value, ORDER)
        add_items(data, "tags", options.tags, ORDER)
        remove_items(data, "tags", options.untags)
        add_items(data, "emails", options.emails, ORDER)
        remove_items(data, "emails", options.no_emails)
        add_items(data, "links", options.links, ORDER)
        add_items(data, "aliases", options.aliases, ORDER)

    return change, said


def run(env: Env, options: SetOptions, out: TextIO) -> int:
    ledger = open_ledger(env).ledger
    cid = resolve_contact(ledger, options.ref)
    contact = ledger.contacts.get(cid)
    if contact is None:
        raise FatalError(
            msg(
                "contacts/{cid}.yaml has problems: run `reseau check`, or `reseau edit`",
                cid=cid,
            )
        )
    if options.name is not None and not options.name.strip():
        raise FatalError(msg("--name: a contact needs a name"))
    if options.introduced_by:
        introducer = resolve_contact(ledger, options.introduced_by, "--introduced-by")
        if introducer == cid:
            raise FatalError(msg("--introduced-by: a contact cannot introduce themselves"))
        from dataclasses import replace

        options = replace(options, introduced_by=introducer)
    until = _day(options.date, "--date", env.as_of) if options.date else env.as_of
    change, said = changes(contact, options, until)
    writes = Writes(ledger.root)
    data = writes.edited(contact.path, "contact", change)
    if data is None:
        out.write(env.tr()("{path}: unchanged", path=contact.path) + "\n")
        return 0
    writes.replace(contact.path, data)
    out.write(f"{contact.path}\n")
    for line in said:
        out.write(f"  {line}\n")
    if options.commit:
        writes.commit(env, f"set: {contact.name}")
    return 0
