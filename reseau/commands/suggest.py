"""`reseau suggest`: whom to approach next, and through whom."""

from __future__ import annotations

from typing import TextIO

from reseau.commands.common import Env, open_ledger
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.views.suggest import render, suggest


def run(env: Env, limit: int, out: TextIO) -> int:
    if limit < 1:
        raise FatalError(msg("--limit {limit}: give a number of people, 1 or more", limit=limit))
    ledger = open_ledger(env).ledger
    tr = env.translator(ledger.settings.lang)
    out.write(render(ledger, suggest(ledger, env.as_of), env.as_of, limit, tr))
    return 0
