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

from reseau.ledger import Ledger
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
        names = " or ".join(ledger.name(p) for p in people)
        ids = " or ".join(people)
        if contact.introduced_by:
            yield at(
                ledger,
                contact,
                ("introduced_by",),
                f"{names} referred you to {contact.name}, but "
                f"introduced_by names {ledger.name(contact.introduced_by)}: set it to {ids}",
                about=(cid, *people),
            )
        else:
            yield at(
                ledger,
                contact,
                ("name",),
                f"{names} referred you to {contact.name}: add "
                f"`introduced_by: {next(iter(people))}`",
                about=(cid, *people),
            )
