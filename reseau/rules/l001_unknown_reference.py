"""L001 unknown-reference: an id names no record.

Every link in the ledger is an id: `with`, `next.with`, `introduced_by`,
`received: [{referral: ...}]`, `via` and `opportunity`. An id that names no
file under `contacts/` (or `opportunities/`) is a typo or a missing record, and
every chain through it is broken. Other rules skip such references, so this is
the only problem you see for them.

PASS (contacts/marc-leroy.yaml exists):

    with: [marc-leroy]

FAIL (no contacts/marc-leroi.yaml):

    with: [marc-leroi]      # L001 at the id: create the contact or fix the id
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "L001"
NAME = "unknown-reference"
LEVEL: Level = "error"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    people = ledger.contact_ids

    def missing(cid: str, what: str = "contact") -> str:
        return (
            f"no {what} {cid!r}: create {'contacts' if what == 'contact' else 'opportunities'}"
            f"/{cid}.yaml or fix the id"
        )

    for contact in ledger.contacts.values():
        if contact.introduced_by and contact.introduced_by not in people:
            yield at(ledger, contact, ("introduced_by",), missing(contact.introduced_by))
    for inter in ledger.interactions.values():
        if not people.issuperset(inter.with_):
            for i, cid in enumerate(inter.with_):
                if cid not in people:
                    yield at(ledger, inter, ("with", i), missing(cid))
        if inter.next is not None and inter.next.with_ is not None:
            for i, cid in enumerate(inter.next.with_):
                if cid not in people:
                    yield at(ledger, inter, ("next", "with", i), missing(cid))
        for item in inter.received:
            if item.referral is not None and item.referral not in people:
                yield at(
                    ledger, inter, ("received", item.index, "referral"), missing(item.referral)
                )
        if inter.opportunity and inter.opportunity not in ledger.opportunity_ids:
            yield at(ledger, inter, ("opportunity",), missing(inter.opportunity, "opportunity"))
    for opp in ledger.opportunities.values():
        if opp.via and opp.via not in people:
            yield at(ledger, opp, ("via",), missing(opp.via))
