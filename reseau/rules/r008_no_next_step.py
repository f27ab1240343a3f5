"""R008 no-next-step — P5 Keep contacts warm.

> « La personne s'est créé une nouvelle occasion de contact [...]. Ainsi, elle
> s'assure de rester dans votre mémoire. »
> (The person created a new occasion to be in touch, and so stays in your memory.)

After each contact, plan the next occasion: a `next` step, a promise, or a
planned meeting. This warns on the latest interaction with an active contact,
once it is older than `grace_days` (2), when it plans no `next` for them, no
promise to them is open and no planned interaction with them is ahead.

PASS:

    date: 2016-04-20
    with: [helene-dupre]
    next: {action: Send her news of the interview, due: 2016-05-10}

FAIL (as-of 2016-04-25, nothing later with her):

    date: 2016-04-20
    with: [helene-dupre]     # R008 at the id: add a `next:` step
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.records import Interaction
from reseau.rules.base import Finding, RuleContext, at

ID = "R008"
NAME = "no-next-step"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {"grace_days": 2}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    grace = int(ctx.options["grace_days"])
    for cid in sorted(ledger.contacts):
        contact = ledger.contacts[cid]
        if contact.status != "active":
            continue
        last = ledger.last_seen(cid, ctx.as_of)
        if last is None or (ctx.as_of - last.date).days <= grace:
            continue
        if cid in last.next_people and (last.next is None or last.next.dropped is None):
            continue  # a dropped next step plans nothing
        if _something_ahead(ledger.by_contact.get(cid, []), ctx.as_of):
            continue
        yield at(
            ledger,
            last,
            ("with", last.with_.index(cid)),
            msg(
                "nothing planned with {name} since {date}: add a "
                "`next:` step (news to share, an article to send) to stay in touch",
                name=contact.name,
                date=last.date,
            ),
            about=(cid,),
        )


def _something_ahead(timeline: list[Interaction], as_of: dt.date) -> bool:
    """A promise made by as-of and still open, or an interaction planned on or after as-of."""
    for inter in timeline:
        if inter.planned:
            if inter.date >= as_of:
                return True
        elif inter.promised and inter.date <= as_of:
            if any(
                (p.done is None or p.done > as_of) and p.dropped is None for p in inter.promised
            ):
                return True
    return False
