"""L001 unknown-reference: an id names no record.

Every link in the ledger is an id: `with`, `next.with`, `introduced_by`,
`received: [{referral: ...}]`, `via` and `opportunity`. An id that names no
file under `contacts/` (or `opportunities/`) is a typo or a missing record, and
every chain through it is broken. Other rules skip such references, so this is
the only problem you see for them.

PASS (contacts/marc-leroy.yaml exists):

    with: [marc-leroy]

FAIL (no contacts/marc-leroi.yaml):

    with: [marc-leroi]      # L001 at the id: "no contact 'marc-leroi': did you mean marc-leroy?"

When no id is close, the message says which file to create instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from reseau.i18n import Msg, msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "L001"
NAME = "unknown-reference"
LEVEL: Level = "error"
OPTIONS: dict[str, Any] = {}


def closest(wanted: str, ids: frozenset[str]) -> str | None:
    """The existing id a typo most likely meant: the only one it starts, else the nearest."""
    started = [i for i in ids if i.startswith(wanted)]
    if len(started) == 1:
        return started[0]
    near = difflib.get_close_matches(wanted, sorted(ids), n=1, cutoff=0.8)
    return near[0] if near else None


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    people = ledger.contact_ids
    said: dict[tuple[str, str], Msg] = {}  # one search per missing id, however often it is used

    def missing(cid: str, what: str = "contact") -> Msg:
        if (cid, what) not in said:
            guess = closest(cid, people if what == "contact" else ledger.opportunity_ids)
            id_ = repr(cid)
            if what == "contact":
                said[cid, what] = (
                    msg("no contact {id}: did you mean {guess}?", id=id_, guess=guess)
                    if guess is not None
                    else msg(
                        "no contact {id}: create contacts/{cid}.yaml or fix the id", id=id_, cid=cid
                    )
                )
            else:
                said[cid, what] = (
                    msg("no opportunity {id}: did you mean {guess}?", id=id_, guess=guess)
                    if guess is not None
                    else msg(
                        "no opportunity {id}: create opportunities/{cid}.yaml or fix the id",
                        id=id_,
                        cid=cid,
                    )
                )
        return said[cid, what]

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
