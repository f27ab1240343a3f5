"""`reseau graph`: the introduction and referral network as Mermaid or Graphviz dot."""

from __future__ import annotations

from typing import TextIO

from reseau.commands.common import Env, open_ledger
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.views.graph import dot, mermaid, network


def run(env: Env, fmt: str, out: TextIO) -> int:
    if fmt not in ("mermaid", "dot"):
        raise FatalError(msg("--format {fmt}: use mermaid or dot", fmt=fmt))
    ledger = open_ledger(env).ledger
    net = network(ledger, env.as_of)
    out.write(mermaid(net) if fmt == "mermaid" else dot(net))
    return 0
