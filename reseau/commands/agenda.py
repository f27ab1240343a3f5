"""`reseau agenda`: the terminal view of what is owed, overdue first."""

from __future__ import annotations

import os
from typing import TextIO

from reseau.commands.common import Env, open_ledger
from reseau.engine import ledger_loops
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.report.model import reconnect
from reseau.views.agenda import agenda


def use_colour(out: TextIO) -> bool:
    """Colour only on a terminal, never when NO_COLOR is set (https://no-color.org) nor on a
    terminal that says it has none (TERM=dumb, as in Emacs' shell)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(out, "isatty") and out.isatty()


def run(env: Env, days: int, out: TextIO) -> int:
    if days < 0:
        raise FatalError(msg("--days {days}: give a number of days, 0 or more", days=days))
    ledger = open_ledger(env).ledger
    loops = ledger_loops(ledger, env.as_of)
    tr = env.translator(ledger.settings.lang)
    out.write(
        agenda(ledger, loops, reconnect(ledger, env.as_of), env.as_of, days, use_colour(out), tr)
    )
    return 0
