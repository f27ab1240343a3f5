"""L002 introduction-cycle: `introduced_by` links loop back on themselves.

An introduction chain must end with someone you know directly (no
`introduced_by`). A loop — A introduced by B, B introduced by A, or a contact
introduced by themself — has no such end, and every rule that walks the chain
(whom to inform, the report's referral chains) would go round it.

PASS:

    # contacts/helene-dupre.yaml        # contacts/marc-leroy.yaml
    introduced_by: marc-leroy           relation: former-colleague

FAIL:

    # contacts/helene-dupre.yaml        # contacts/marc-leroy.yaml
    introduced_by: marc-leroy           introduced_by: helene-dupre   # L002 on both
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "L002"
NAME = "introduction-cycle"
LEVEL: Level = "error"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    in_cycle: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in sorted(ledger.contacts):
        walk: list[str] = []
        cid: str | None = start
        while cid is not None and cid not in done and cid in ledger.contacts and cid not in walk:
            walk.append(cid)
            cid = ledger.contacts[cid].introduced_by
        if cid is not None and cid in walk:
            cycle = walk[walk.index(cid) :]
            for member in cycle:
                in_cycle[member] = cycle
        done.update(walk)
    for cid, cycle in sorted(in_cycle.items()):
        contact = ledger.contacts[cid]
        names = " → ".join(ledger.name(c) for c in [*cycle, cycle[0]])
        yield at(
            ledger,
            contact,
            ("introduced_by",),
            msg(
                "introductions go round in a circle ({names}): "
                "the chain must end with someone you know directly",
                names=names,
            ),
            about=(cid,),
        )
