"""L006 referral-mismatch: someone referred you to X, but X's file names another introducer.

When a contact gives you a referral (`received: [{referral: karim-bonnet}]`),
Karim was introduced by them: that is who must hear how it went (R005). If
`introduced_by` in Karim's file names none of the people who referred you, the
introduction chain — and so whom you keep informed — is wrong.

PASS:

    # interaction with helene-dupre      # contacts/karim-bonnet.yaml
    received: [{referral: karim-bonnet}] introduced_by: helene-dupre

FAIL:

    # interaction with helene-dupre      # contacts/karim-bonnet.yaml
    received: [{referral: karim-bonnet}] introduced_by: marc-leroy   # L006 here
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.present import joined
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "L006"
NAME = "referral-mismatch"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    referrers: dict[str, dict[str, None]] = {}
    with_referrals = [i for i in ledger.interactions.values() if i.received]
    for inter in sorted(with_referrals, key=lambda i: (i.date, i.id)):
        for item in inter.received:
            if item.referral is not None:
                people = referrers.setdefault(item.referral, {})
                people.update(
                    dict.fromkeys(
                        c for c in inter.with_ if c != item.referral and c in ledger.contact_ids
                    )
                )
    for cid, people in sorted(referrers.items()):
        contact = ledger.contacts.get(cid)
        if contact is None or not people or contact.introduced_by in people:
            continue
        names = joined([ledger.name(p) for p in people])
        ids = joined(list(people))
        if contact.introduced_by:
            yield at(
                ledger,
                contact,
                ("introduced_by",),
                msg(
                    "{names} referred you to {name}, but "
                    "introduced_by names {introducer}: set it to {ids}",
                    names=names,
                    name=contact.name,
                    introducer=ledger.name(contact.introduced_by),
                    ids=ids,
                ),
                about=(cid, *people),
            )
        else:
            yield at(
                ledger,
                contact,
                ("name",),
                msg(
                    "{names} referred you to {name}: add `introduced_by: {id}`",
                    names=names,
                    name=contact.name,
                    id=next(iter(people)),
                ),
                about=(cid, *people),
            )
