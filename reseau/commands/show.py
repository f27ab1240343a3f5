"""`reseau show REF`: one contact, in full (the owner's own view)."""

from __future__ import annotations

from typing import TextIO

from reseau.commands.common import Env, open_ledger
from reseau.engine import ledger_loops
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.refs import resolve_contact
from reseau.views.show import show


def run(env: Env, cid: str, out: TextIO) -> int:
    ledger = open_ledger(env).ledger
    cid = resolve_contact(ledger, cid)
    if cid not in ledger.contacts:
        raise FatalError(
            msg("contacts/{cid}.yaml cannot be read: run `reseau check` and fix it", cid=cid)
        )
    tr = env.translator(ledger.settings.lang)
    out.write(show(ledger, ledger_loops(ledger, env.as_of), cid, env.as_of, tr))
    return 0
