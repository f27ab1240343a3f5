"""`reseau path ORG`: the warm path into an organisation."""

from __future__ import annotations

from typing import TextIO

from reseau.commands.common import Env, open_ledger
from reseau.formats import escape
from reseau.views.path import find_org, organizations, render_path


def run(env: Env, org: str, out: TextIO, err: TextIO) -> int:
    ledger = open_ledger(env).ledger
    tr = env.translator(ledger.settings.lang)
    match = find_org(ledger, org)
    if match is None:
        known = organizations(ledger)
        if known:
            text = tr(
                "reseau: nobody and no opportunity at {org} (organisations in the ledger: {known})",
                org=repr(org),
                known=", ".join(known),
            )
        else:
            text = tr("reseau: nobody and no opportunity at {org}", org=repr(org))
        err.write(escape(text) + "\n")
        return 1
    out.write(render_path(ledger, match, env.as_of, tr))
    return 0
