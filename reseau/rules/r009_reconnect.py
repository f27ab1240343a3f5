"""R009 reconnect — P5 Keep contacts warm.

> « Une personne qui a décidé un jour de vous aider, est généralement prête à
> renouveler ses services. »
> (Someone who once decided to help you is generally ready to do it again.)

An active contact last seen longer ago than their `cadence` (their own, or
`defaults.cadence` in reseau.yaml, 60 days): time to reconnect — share news,
ask how they are. Contacts never seen are not reported. Info level: shown with
`--verbose`, in `reseau agenda` and in the report's *Reconnect* section.

PASS (cadence 45, last interaction 30 days ago).

FAIL (cadence 45, last interaction 50 days ago):

    cadence: 45     # R009 here: reconnect with them
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reseau.i18n import msg_n
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.records import Contact, Interaction
from reseau.rules.base import Finding, RuleContext, at

ID = "R009"
NAME = "reconnect"
LEVEL: Level = "info"
OPTIONS: dict[str, Any] = {}


@dataclass(frozen=True)
class Reconnect:
    """An active contact last seen `days` ago, beyond their `cadence`."""

    contact: Contact
    last: Interaction  # the latest interaction with them that happened
    days: int
    cadence: int

    @property
    def ratio(self) -> float:
        return self.days / self.cadence


def reconnects(ledger: Ledger, as_of: dt.date) -> Iterator[Reconnect]:
    """The contacts to reconnect with, by id (before waivers and levels: see the engine)."""
    for cid in sorted(ledger.contacts):
        contact = ledger.contacts[cid]
        if contact.status != "active":
            continue
        last = ledger.last_seen(cid, as_of)
        if last is None:
            continue
        cadence = contact.cadence or ledger.settings.default_cadence
        days = (as_of - last.date).days
        if days > cadence:
            yield Reconnect(contact, last, days, cadence)


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    for item in reconnects(ledger, ctx.as_of):
        contact = item.contact
        yield at(
            ledger,
            contact,
            ("cadence",) if contact.cadence else ("name",),
            msg_n(
                "last in touch with {name} {n} day ago ({date}), "
                "beyond your {cadence}-day cadence: reconnect",
                "last in touch with {name} {n} days ago ({date}), "
                "beyond your {cadence}-day cadence: reconnect",
                item.days,
                name=contact.name,
                date=item.last.date,
                cadence=item.cadence,
            ),
            about=(contact.id,),
        )
