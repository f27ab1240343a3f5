"""`reseau show ID`: one contact, in full (the owner's own view)."""

from __future__ import annotations

from typing import TextIO

from reseau.commands.common import Env, open_ledger
from reseau.engine import ledger_loops
from reseau.errors import FatalError
from reseau.views.show import show, suggestions


def run(env: Env, cid: str, out: TextIO) -> int:
    ledger = open_ledger(env).ledger
    if cid not in ledger.contacts:
        if cid in ledger.contact_ids:
            raise FatalError(f"contacts/{cid}.yaml cannot be read: run `reseau check` and fix it")
        close = suggestions(ledger, cid)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise FatalError(f"no contact with id {cid!r}{hint}")
    out.write(show(ledger, ledger_loops(ledger, env.as_of), cid, env.as_of))
    return 0
