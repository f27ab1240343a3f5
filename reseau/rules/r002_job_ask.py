"""R002 job-ask — P2 A request within reach.

> « Lorsque vous menez une démarche réseau, vous ne demanderez jamais un poste
> [...] votre objectif est de créer du lien. »
> (When networking, never ask for a job: your aim is to create a bond.)

Ask for advice or information, which anyone can give; a person who cannot
hire can only answer "we are not recruiting", and both of you leave with
nothing. If they have an opening and trust you, they will tell you.

PASS:

    ask: advice

FAIL:

    ask: job        # R002 at the value: ask for advice or information instead
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "R002"
NAME = "job-ask"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    for inter in ledger.interactions.values():
        if inter.ask == "job":
            names = ", ".join(ledger.name(c) for c in inter.with_)
            yield at(
                ledger,
                inter,
                ("ask",),
                msg(
                    "you asked {names} for a job: ask for advice or information, "
                    "which is within their reach",
                    names=names,
                ),
                about=inter.with_,
            )
