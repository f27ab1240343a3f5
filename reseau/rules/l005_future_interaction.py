"""L005 future-interaction: an interaction dated in the future, or a plan left unrecorded.

The ledger records what happened. An interaction dated after today is a
typo unless it is a meeting you planned (`planned: true`), which is then a
next step. A planned interaction whose date has passed still says nothing of
what happened: record it (drop `planned`, write the summary).

PASS:

    date: 2016-05-10
    planned: true

FAIL:

    date: 2016-05-10        # error: dated after as-of without planned: true

FAIL:

    date: 2016-04-01
    planned: true           # warning: it is past, record what happened
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "L005"
NAME = "future-interaction"
LEVEL: Level = "error"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    for inter in ledger.interactions.values():
        if inter.date > ctx.as_of and not inter.planned:
            yield at(
                ledger,
                inter,
                ("date",),
                msg(
                    "dated {date}, after {as_of}: "
                    "fix the date, or add `planned: true` for a meeting to come",
                    date=inter.date,
                    as_of=ctx.as_of,
                ),
                about=inter.with_,
            )
        elif inter.planned and inter.date < ctx.as_of:
            yield at(
                ledger,
                inter,
                ("planned",),
                msg(
                    "planned for {date}, which has passed: "
                    "record what happened and remove `planned`",
                    date=inter.date,
                ),
                about=inter.with_,
                level="warning",
            )
