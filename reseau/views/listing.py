"""`reseau ls`: contacts matching a fragment and filters, one line each, or as JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from reseau.formats import escape
from reseau.ledger import Ledger
from reseau.loops import Loop
from reseau.records import Contact, Interaction
from reseau.views.show import fold

SORTS = ("name", "last", "org")


@dataclass(frozen=True)
class Filters:
    """What `ls` keeps; None (or False) keeps everyone."""

    query: str | None = None  # a fragment of the name, an alias, the organisation or the id
    org: str | None = None  # a fragment of the organisation
    tag: str | None = None
    relation: str | None = None
    status: str | None = None
    seen_before: dt.date | None = None  # last in touch before this day
    seen_after: dt.date | None = None  # last in touch on or after this day
    never: bool = False  # no interaction that happened


@dataclass(frozen=True)
class Row:
    contact: Contact
    last: Interaction | None  # the last interaction that happened, by as-of
    open_loops: int  # open loops owed to, or about, the contact


def matches(contact: Contact, fragment: str) -> bool:
    """A folded fragment in the name, an alias, the organisation or the id (`-` as a space)."""
    if not fragment:
        return True
    texts = [contact.name, *contact.aliases, contact.organization or ""]
    spaced = fragment.replace("-", " ")
    return fragment in contact.id or any(
        fragment in folded or spaced in folded.replace("-", " ")
        for folded in (fold(t) for t in texts)
    )


def _keeps(contact: Contact, last: Interaction | None, f: Filters) -> bool:
    if f.org is not None and fold(f.org) not in fold(contact.organization or "\0"):
        return False
    if f.tag is not None and fold(f.tag) not in {fold(t) for t in contact.tags}:
        return False
    if f.relation is not None and contact.relation != f.relation:
        return False
    if f.status is not None and contact.status != f.status:
        return False
    if f.never and last is not None:
        return False
    if f.seen_before is not None and (last is None or last.date >= f.seen_before):
        return False
    return f.seen_after is None or (last is not None and last.date >= f.seen_after)


def _sort_key(row: Row, sort: str) -> tuple[object, ...]:
    by_name = (fold(row.contact.name), row.contact.id)
    if sort == "last":  # most recently in touch first, never in touch last
        last = row.last.date.toordinal() if row.last is not None else 0
        return (-last, *by_name)
    if sort == "org":  # by organisation, people with none last
        org = row.contact.organization
        return (org is None, fold(org or ""), *by_name)
    return by_name


def select(
    ledger: Ledger, loops: list[Loop], filters: Filters, as_of: dt.date, sort: str = "name"
) -> list[Row]:
    """The contacts kept by the filters, sorted."""
    fragment = fold(filters.query or "")
    owed: dict[str, int] = {}
    for loop in loops:
        if loop.is_open():
            for cid in {*loop.people, *((loop.subject,) if loop.subject else ())}:
                owed[cid] = owed.get(cid, 0) + 1
    rows = []
    for contact in ledger.contacts.values():
        if not matches(contact, fragment):
            continue
        last = ledger.last_seen(contact.id, as_of)
        if _keeps(contact, last, filters):
            rows.append(Row(contact, last, owed.get(contact.id, 0)))
    return sorted(rows, key=lambda row: _sort_key(row, sort))


def _clip(text: str, width: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _last(row: Row, as_of: dt.date) -> str:
    if row.last is None:
        return "never"
    return f"{row.last.date.isoformat()} ({(as_of - row.last.date).days}d ago)"


def table(rows: list[Row], as_of: dt.date) -> str:
    """Aligned columns: name, id, organisation, role, last in touch, open loops."""
    if not rows:
        return "No contact matches.\n"
    head = ("NAME", "ID", "ORGANIZATION", "ROLE", "LAST IN TOUCH", "OPEN")
    cells = [
        (
            _clip(r.contact.name),
            r.contact.id,
            _clip(r.contact.organization or "-"),
            _clip(r.contact.role or "-"),
            _last(r, as_of),
            str(r.open_loops),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *cells]) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [head, *cells]
    ]
    count = f"{len(rows)} contact{'s' if len(rows) != 1 else ''}"
    return "\n".join([*(escape(line) for line in lines), count]) + "\n"  # one line stays one


def as_json(rows: list[Row], as_of: dt.date) -> str:
    """`{"contacts": [...]}`, for scripts."""
    contacts = [
        {
            "id": r.contact.id,
            "name": r.contact.name,
            "organization": r.contact.organization,
            "role": r.contact.role,
            "relation": r.contact.relation,
            "status": r.contact.status,
            "tags": list(r.contact.tags),
            "last_interaction": r.last.date.isoformat() if r.last is not None else None,
            "days_since": (as_of - r.last.date).days if r.last is not None else None,
            "open_loops": r.open_loops,
            "path": r.contact.path,
        }
        for r in rows
    ]
    return json.dumps({"contacts": contacts}, ensure_ascii=False, indent=2) + "\n"
