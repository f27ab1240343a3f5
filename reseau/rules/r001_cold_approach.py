"""R001 cold-approach — P1 Recommendation.

> « Sans recommandation, vous êtes un inconnu. Avec une recommandation, vous ne
> l'êtes plus tout à fait. »
> (Without a recommendation you are a stranger; with one, not quite.)

Contact people through someone who recommends you. This warns when your first
interaction with someone was your own initiative and nothing says how you came
to them: no `introduced_by`, and `relation` is `cold` or missing. Find who could
introduce you (`reseau path ORG`), or record the relation you already have.

PASS:

    # contacts/helene-dupre.yaml          # the first interaction with her
    introduced_by: marc-leroy             with: [helene-dupre]
                                          initiated_by: me

FAIL:

    # contacts/paul-roux.yaml             # the first interaction with him
    name: Paul Roux                       with: [paul-roux]    # R001 at the id
    relation: cold                        initiated_by: me
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "R001"
NAME = "cold-approach"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    for cid, timeline in sorted(ledger.by_contact.items()):
        contact = ledger.contacts.get(cid)
        if contact is None or contact.introduced_by or contact.relation not in (None, "cold"):
            continue
        # What happened by as-of, and meetings already planned, are approaches made.
        made = [i for i in timeline if i.date <= ctx.as_of or i.planned]
        if not made:
            continue
        first = made[0]
        if first.initiated_by != "me":
            continue
        advice = (
            # Already marked cold: the relation is right, the approach is what to change.
            msg(
                "Next time, ask someone who knows them to recommend you first "
                "(`reseau path ORG`); if someone did introduce you, set `introduced_by`"
            )
            if contact.relation == "cold"
            else msg("Ask someone who knows them to recommend you, or set their `relation`")
        )
        yield at(
            ledger,
            first,
            ("with", first.with_.index(cid)),
            msg(
                "first contact with {name} was cold: no one introduced you. {advice}",
                name=contact.name,
                advice=advice,
            ),
            about=(cid,),
        )
