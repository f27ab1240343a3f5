"""`reseau path ORG`: the warm path into an organisation."""

from __future__ import annotations

from typing import TextIO

from reseau.commands.common import Env, open_ledger
from reseau.formats import escape
from reseau.views.path import find_org, organizations, render_path


def run(env: Env, org: str, out: TextIO, err: TextIO) -> int:
    ledger = open_ledger(env).ledger
    match = find_org(ledger, org)
    if match is None:
        known = organizations(ledger)
        hint = f" (organisations in the ledger: {', '.join(known)})" if known else ""
        err.write(escape(f"reseau: nobody and no opportunity at {org!r}{hint}") + "\n")
        return 1
    out.write(render_path(ledger, match, env.as_of))
    return 0
