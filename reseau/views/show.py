"""`reseau show ID`: a contact's card (the owner's view), introduction chain, timeline, open loops."""

from __future__ import annotations

import datetime as dt
import unicodedata

from reseau.formats import escape
from reseau.ledger import Ledger
from reseau.loops import Loop
from reseau.parse import split_lines
from reseau.present import Words
from reseau.records import Contact, Interaction
from reseau.views.agenda import status


def fold(value: str) -> str:
    """Case- and accent-insensitive form: `Hélène` → `helene`."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def earlier(contact: Contact) -> list[str]:
    """`Analyst at Batiplus until 2015-09-30`: the contact's history, newest first."""
    lines = []
    for past in contact.history:
        what = " at ".join(v for v in (past.role, past.organization) if v)
        lines.append(f"{what or 'elsewhere'} until {past.until.isoformat()}")
    return lines


def chain_text(ledger: Ledger, cid: str) -> str:
    """`Karim Bonnet ← Hélène Dupré ← Marc Leroy`, back to someone known directly."""
    return " ← ".join(ledger.name(c) for c in [cid, *ledger.introducers(cid)])


def _card(contact: Contact, ledger: Ledger) -> list[str]:
    fields: list[tuple[str, str]] = [("id", contact.id)]
    for label, value in (
        ("organization", contact.organization),
        ("role", contact.role),
        ("was", "; ".join(earlier(contact))),
        ("relation", contact.relation),
        ("location", contact.location),
    ):
        if value:
            fields.append((label, value))
    if contact.introduced_by:
        fields.append(
            ("introduced by", f"{ledger.name(contact.introduced_by)} ({contact.introduced_by})")
        )
    for label, values in (
        ("emails", contact.emails),
        ("phones", contact.phones),
        ("links", contact.links),
        ("tags", contact.tags),
        ("aliases", contact.aliases),
    ):
        if values:
            fields.append((label, ", ".join(values)))
    cadence = contact.cadence
    fields.append(("cadence", f"{cadence} days" if cadence else "default"))
    fields.append(("status", contact.status))
    fields.append(("file", contact.path))
    width = max(len(label) for label, _ in fields) + 1
    lines = [contact.name, "=" * len(contact.name)]
    lines += [f"{(label + ':').ljust(width)} {value}" for label, value in fields]
    if contact.notes:
        lines.append("notes:")
        lines += [f"  {line}".rstrip() for line in split_lines(contact.notes.rstrip())]
    return lines


def _event(inter: Interaction, cid: str, ledger: Ledger) -> list[str]:
    others = [ledger.name(c) for c in inter.with_ if c != cid]
    head = f"{inter.date.isoformat()}  {inter.channel or 'interaction'}"
    tags = []
    if inter.planned:
        tags.append("planned")
    if inter.initiated_by == "them":
        tags.append("they reached out")
    if others:
        tags.append("with " + ", ".join(others))
    if tags:
        head += f" ({'; '.join(tags)})"
    lines = [head + (f": {' '.join(inter.summary.split())}" if inter.summary else "")]
    details = []
    if inter.ask and inter.ask != "none":
        details.append(f"asked: {inter.ask}")
    if inter.gave:
        details.append("gave: " + ", ".join(inter.gave))
    if inter.received:
        details.append(
            "received: "
            + ", ".join(
                r.word if r.word is not None else f"referral to {ledger.name(r.referral or '')}"
                for r in inter.received
            )
        )
    for promise in inter.promised:
        state = (
            f"kept {promise.done.isoformat()}"
            if promise.done
            else (f"due {promise.due.isoformat()}" if promise.due else "open")
        )
        details.append(f"promised: {promise.what} ({state})")
    if inter.next is not None:
        details.append(f"next: {inter.next.action} (by {inter.next.due.isoformat()})")
    lines += [f"    {d}" for d in details]
    lines.append(f"    {inter.path}")
    return lines


def show(ledger: Ledger, loops: list[Loop], cid: str, as_of: dt.date) -> str:
    """The whole view of one (valid) contact."""
    contact = ledger.contacts[cid]
    w = Words("en")
    lines = _card(contact, ledger)
    lines += ["", "Introduction chain:"]
    if contact.introduced_by:
        lines.append(f"  {chain_text(ledger, cid)}")
    else:
        lines.append(f"  {contact.name}, known directly")
    introduced = sorted(c.id for c in ledger.contacts.values() if c.introduced_by == cid)
    if introduced:
        lines.append("  introduced you to: " + ", ".join(ledger.name(c) for c in introduced))
    last = ledger.last_seen(cid, as_of)
    timeline = sorted(ledger.by_contact.get(cid, []), key=lambda i: (i.date, i.id), reverse=True)
    lines += ["", f"Timeline ({len(timeline)}, newest first):"]
    if last is not None:
        lines[-1] += (
            f" last in touch {last.date.isoformat()}, {w.days((as_of - last.date).days)} ago"
        )
    if not timeline:
        lines.append("  nothing recorded yet")
    for inter in timeline:
        lines += ["  " + line for line in _event(inter, cid, ledger)]
    mine = [lp for lp in loops if lp.is_open() and (cid in lp.people or lp.subject == cid)]
    mine.sort(key=lambda lp: (lp.due, lp.path, repr(lp.at)))
    lines += ["", "Open loops:"]
    if not mine:
        lines.append("  none")
    for loop in mine:
        lines.append(
            f"  {loop.due.isoformat()}  {status(loop, as_of)}: "
            f"{' '.join(w.action(ledger, loop).split())}  ({loop.path})"
        )
    return "\n".join(escape(line) for line in lines) + "\n"  # one line stays one line
