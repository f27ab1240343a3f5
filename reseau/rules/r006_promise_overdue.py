"""R006 promise-overdue — P5 Keep contacts warm.

> « Cette personne vous a parlé d'une actualité [...] dont elle vous a promis de
> vous envoyer le lien. Ce qu'elle fait. »
> (This person mentioned some news and promised to send you the link. Which she does.)

A promise kept is a new occasion to be in touch; a promise forgotten undoes
the trust an introduction lent you. A promise past its `due` without a
`done:` date is an error. Only `done:` closes a promise (`reseau done ID`).

PASS:

    promised:
      - what: Send the article on data mesh
        due: 2016-04-22
        done: 2016-04-20

FAIL (as-of 2016-04-25):

    promised:
      - what: Send the article on data mesh
        due: 2016-04-22      # R006 at the date: keep it, then `reseau done`
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.present import joined
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, late, loop_finding

ID = "R006"
NAME = "promise-overdue"
LEVEL: Level = "error"
OPTIONS: dict[str, Any] = {}
LOOPS = True  # reads the loops (engine: computed once, maybe in another process)


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    for loop in ctx.overdue("promise"):
        names = joined([ledger.name(c) for c in loop.people], "and")
        yield loop_finding(
            ledger,
            loop,
            msg(
                "you promised {names}: {action} ({late}); keep it, then run `reseau done {id}`",
                names=names,
                action=loop.action,
                late=late(loop, ctx.as_of),
                id=loop.source.id,
            ),
        )
