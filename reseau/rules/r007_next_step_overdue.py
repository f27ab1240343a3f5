"""R007 next-step-overdue — P5 Keep contacts warm.

> « Il faut réfléchir systématiquement à l'étape suivante, [...] l'occasion de
> reprendre contact, dans le but de rester dans les mémoires. »
> (Always think about the next step, the occasion to get back in touch, so as
> to stay in people's memory.)

A `next` step whose `due` has passed, with no interaction since with anyone
in `next.with` (by default the interaction's own `with`). Any interaction
with them on or after the day it was planned closes it.

PASS (an interaction with helene-dupre on 2016-04-14):

    date: 2016-04-08
    next: {action: Tell her how the call with Karim went, due: 2016-04-15}

FAIL (none since; as-of 2016-04-20):

    date: 2016-04-08
    next: {action: Tell her how the call with Karim went, due: 2016-04-15}  # R007 at due
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.present import joined
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, late, loop_finding

ID = "R007"
NAME = "next-step-overdue"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {}
LOOPS = True  # reads the loops (engine: computed once, maybe in another process)


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    for loop in ctx.overdue("next"):
        yield loop_finding(
            ledger,
            loop,
            msg(
                "next step with {names}: {action} ({late})",
                names=joined([ledger.name(c) for c in loop.people]),
                action=loop.action,
                late=late(loop, ctx.as_of),
            ),
        )
