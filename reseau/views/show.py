"""`reseau show ID`: a contact's card (the owner's view), introduction chain, timeline, open loops."""

from __future__ import annotations

import datetime as dt
import unicodedata

from reseau.formats import escape
from reseau.i18n import ENGLISH, N_, Translator
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


def earlier(contact: Contact, tr: Translator = ENGLISH) -> list[str]:
    """`Analyst at Batiplus until 2015-09-30`: the contact's history, newest first."""
    lines = []
    for past in contact.history:
        if past.role and past.organization:
            what = tr("{role} at {org}", role=past.role, org=past.organization)
        else:
            what = past.role or past.organization or tr.gettext("elsewhere")
        lines.append(tr("{what} until {date}", what=what, date=tr.iso_or_long(past.until)))
    return lines


def chain_text(ledger: Ledger, cid: str) -> str:
    """`Karim Bonnet ← Hélène Dupré ← Marc Leroy`, back to someone known directly."""
    return " ← ".join(ledger.name(c) for c in [cid, *ledger.introducers(cid)])


# The card's labels, in English as in the files.
LABELS = {
    "id": N_("id"),
    "organization": N_("organization"),
    "role": N_("role"),
    "was": N_("was"),
    "relation": N_("relation"),
    "location": N_("location"),
    "introduced by": N_("introduced by"),
    "emails": N_("emails"),
    "phones": N_("phones"),
    "links": N_("links"),
    "tags": N_("tags"),
    "aliases": N_("aliases"),
    "cadence": N_("cadence"),
    "status": N_("status"),
    "file": N_("file"),
    "notes": N_("notes"),
}


def _card(contact: Contact, ledger: Ledger, tr: Translator = ENGLISH) -> list[str]:
    fields: list[tuple[str, str]] = [("id", contact.id)]
    for label, value in (
        ("organization", contact.organization),
        ("role", contact.role),
        ("was", tr.gettext("; ").join(earlier(contact, tr))),
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
    fields.append(("cadence", tr.days(cadence) if cadence else tr.gettext("default")))
    fields.append(("status", contact.status))
    fields.append(("file", contact.path))
    colon = tr.gettext(": ")
    shown = [(tr.gettext(LABELS[label]) + colon.rstrip(), value) for label, value in fields]
    width = max(len(label) for label, _ in shown)
    lines = [contact.name, "=" * len(contact.name)]
    lines += [f"{label.ljust(width)} {value}" for label, value in shown]
    if contact.notes:
        lines.append(tr.gettext(LABELS["notes"]) + colon.rstrip())
        lines += [f"  {line}".rstrip() for line in split_lines(contact.notes.rstrip())]
    return lines


def _event(inter: Interaction, cid: str, ledger: Ledger, tr: Translator = ENGLISH) -> list[str]:
    w = Words(tr.lang)
    others = [ledger.name(c) for c in inter.with_ if c != cid]
    channel = w.channel(inter.channel) if inter.channel else tr.gettext("interaction")
    head = f"{inter.date.isoformat()}  {channel}"
    tags = []
    if inter.planned:
        tags.append(tr.gettext("planned"))
    if inter.initiated_by == "them":
        tags.append(tr.gettext("they reached out"))
    if others:
        tags.append(tr("with {names}", names=", ".join(others)))
    if tags:
        head += f" ({tr.gettext('; ').join(tags)})"
    colon = tr.gettext(": ")
    lines = [head + (f"{colon}{' '.join(inter.summary.split())}" if inter.summary else "")]
    details = []
    if inter.ask and inter.ask != "none":
        details.append(tr("asked: {what}", what=w.item(inter.ask)))
    if inter.gave:
        details.append(tr("gave: {what}", what=", ".join(w.item(g) for g in inter.gave)))
    if inter.received:
        received = ", ".join(
            w.item(r.word)
            if r.word is not None
            else tr("referral to {name}", name=ledger.name(r.referral or ""))
            for r in inter.received
        )
        details.append(tr("received: {what}", what=received))
    for promise in inter.promised:
        state = (
            tr("kept {date}", date=tr.iso_or_long(promise.done))
            if promise.done
            else (
                tr("due {date}", date=tr.iso_or_long(promise.due))
                if promise.due
                else tr.gettext("open")
            )
        )
        details.append(tr("promised: {what} ({state})", what=promise.what, state=state))
    if inter.next is not None:
        details.append(
            tr(
                "next: {action} (by {date})",
                action=inter.next.action,
                date=tr.iso_or_long(inter.next.due),
            )
        )
    lines += [f"    {d}" for d in details]
    lines.append(f"    {inter.path}")
    return lines


def show(
    ledger: Ledger, loops: list[Loop], cid: str, as_of: dt.date, tr: Translator = ENGLISH
) -> str:
    """The whole view of one (valid) contact."""
    contact = ledger.contacts[cid]
    w = Words(tr.lang)
    lines = _card(contact, ledger, tr)
    lines += ["", tr.gettext("Introduction chain:")]
    if contact.introduced_by:
        lines.append(f"  {chain_text(ledger, cid)}")
    else:
        lines.append("  " + tr("{name}, known directly", name=contact.name))
    introduced = sorted(c.id for c in ledger.contacts.values() if c.introduced_by == cid)
    if introduced:
        names = ", ".join(ledger.name(c) for c in introduced)
        lines.append("  " + tr("introduced you to: {names}", names=names))
    last = ledger.last_seen(cid, as_of)
    timeline = sorted(ledger.by_contact.get(cid, []), key=lambda i: (i.date, i.id), reverse=True)
    count = len(timeline)
    lines += ["", tr("Timeline ({n}, newest first):", n=tr.number(count))]
    if last is not None:
        lines[-1] += " " + tr(
            "last in touch {date}, {days} ago",
            date=tr.iso_or_long(last.date),
            days=w.days((as_of - last.date).days),
        )
    if not timeline:
        lines.append("  " + tr.gettext("nothing recorded yet"))
    for inter in timeline:
        lines += ["  " + line for line in _event(inter, cid, ledger, tr)]
    mine = [lp for lp in loops if lp.is_open() and (cid in lp.people or lp.subject == cid)]
    mine.sort(key=lambda lp: (lp.due, lp.path, repr(lp.at)))
    lines += ["", tr.gettext("Open loops:")]
    if not mine:
        lines.append("  " + tr.gettext("none"))
    for loop in mine:
        lines.append(
            f"  {loop.due.isoformat()}  {status(loop, as_of, tr)}{tr.gettext(': ')}"
            f"{' '.join(w.action(ledger, loop).split())}  ({loop.path})"
        )
    return "\n".join(escape(line) for line in lines) + "\n"  # one line stays one line
