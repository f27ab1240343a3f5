"""R005 referrer-not-informed — P4 Keep people informed.

> « C'est ici un point très important de la démarche réseau : tenir au courant
> systématiquement vos interlocuteurs, suite à chacun de vos contacts. »
> (A key point of networking: always keep the people you talk to informed,
> after each of your contacts.)

Whoever introduced you vouched for you, and wants to know what came of it.
After your first interaction with X, each person up X's introduction chain
(who introduced X, who introduced them, ...) is owed an update within `days`
(7). After each opportunity stage past `lead`, so is each person on its
referral chain (its `via`, then their introducers). Only an interaction with
that person dated on or after the event that *gave* them news — `gave:
[update]` (or `thanks`) — closes the loop: a "Happy birthday!" does not.

PASS (Karim Bonnet was introduced by Hélène Dupré):

    # 2016-04-12-call-karim-bonnet.yaml   # 2016-04-14-email-helene-dupre.yaml
    with: [karim-bonnet]                  with: [helene-dupre]
                                          gave: [update]

FAIL (no update to helene-dupre since 2016-04-12; as-of 2016-04-25):

    # 2016-04-12-call-karim-bonnet.yaml   # 2016-04-14-message-helene-dupre.yaml
    with: [karim-bonnet]                  with: [helene-dupre]
    # R005 at the id: tell Hélène Dupré   summary: Happy birthday!
    # how it went
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.present import loop_action
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, late, loop_finding

ID = "R005"
NAME = "referrer-not-informed"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {"days": 7}
LOOPS = True  # reads the loops (engine: computed once, maybe in another process)


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    for loop in ctx.overdue("inform"):
        yield loop_finding(
            ledger,
            loop,
            msg("{action} ({late})", action=loop_action(ledger, loop), late=late(loop, ctx.as_of)),
        )
