"""R004 referral-not-followed — P1 Recommendation, P4 Keep people informed.

> « Vous lui avez demandé d'appeler tel contact de votre part. Que se passe-t-il
> si vous n'avez pas de retour ? Vous aurez l'impression d'avoir été trompé(e). »
> (You asked them to call a contact on your behalf. With no news, you feel let down.)

A referral is someone's credibility lent to you. Get in touch with the person
you were referred to within `days` (14) of the referral: a warning after
`days`, an error after twice that. Any interaction with them on or after the
referral's day closes it, even a late one.

PASS (an interaction with karim-bonnet dated 2016-04-12 exists):

    date: 2016-04-08
    received:
      - referral: karim-bonnet

FAIL (no interaction with karim-bonnet since; as-of 2016-04-25):

    date: 2016-04-08
    received:
      - referral: karim-bonnet   # R004 at the id
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.present import joined
from reseau.problems import Level
from reseau.records import Interaction
from reseau.rules.base import Finding, RuleContext, late, loop_finding

ID = "R004"
NAME = "referral-not-followed"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {"days": 14}
LOOPS = True  # reads the loops (engine: computed once, maybe in another process)


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    days = int(ctx.options["days"])
    for loop in ctx.overdue("referral"):
        assert isinstance(loop.source, Interaction) and loop.subject is not None  # referral loops
        referrers = joined(
            [
                ledger.name(c)
                for c in loop.source.with_
                if c != loop.subject and c in ledger.contact_ids
            ],
            "and",
        )
        level: Level = "error" if (ctx.as_of - loop.opened).days > 2 * days else "warning"
        yield loop_finding(
            ledger,
            loop,
            msg(
                "{referrers} referred you to {name} on {date}: get in touch with them ({late})",
                referrers=referrers,
                name=ledger.name(loop.subject),
                date=loop.opened,
                late=late(loop, ctx.as_of),
            ),
            level=level,
        )
