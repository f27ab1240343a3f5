"""R003 give-first — P3 Give before receiving.

> « Dans le réseau, il n'y a pas de rapport unilatéral entre les personnes, on
> reçoit lorsqu'on donne soi-même. [...] donner de l'intérêt aux autres est déjà
> un excellent début. »
> (In a network nothing is one-way: you receive when you give. Showing interest
> in others is already an excellent start.)

Something received (advice, a referral, ...) from someone you had given
nothing — in that interaction or before — is a one-way exchange. Record what
you gave (`gave: [interest]` counts: make them talk about themselves), or give
something back soon. A promise you kept (`done:`) counts as given to the
people of its interaction.

PASS:

    gave: [interest]
    received: [advice]

FAIL:

    received: [advice]      # R003 at `received`: nothing given to them yet
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "R003"
NAME = "give-first"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    as_of = ctx.as_of
    for cid, timeline in sorted(ledger.by_contact.items()):
        if cid not in ledger.contacts:
            continue
        for inter in timeline:  # oldest first
            if inter.date > as_of:
                break
            if inter.planned:
                continue
            if inter.gave or any(p.done is not None and p.done <= as_of for p in inter.promised):
                break  # given (a kept promise too): what they give from now on is an exchange
            if inter.received:
                yield at(
                    ledger,
                    inter,
                    ("received",),
                    msg(
                        "you received from {name} before giving them anything: "
                        "record what you gave (interest counts) or give back",
                        name=ledger.name(cid),
                    ),
                    about=(cid,),
                )
