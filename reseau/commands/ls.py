"""`reseau ls`: find contacts by a fragment of their name and by filters."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from reseau.commands.common import Env, open_ledger
from reseau.dates import parse_date
from reseau.engine import ledger_loops
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.views.listing import SORTS, Filters, as_json, select, table


def _day(option: str, text: str | None, as_of: dt.date) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_date(text, as_of)
    except ValueError as exc:
        raise FatalError(msg("{option}: {exc}", option=option, exc=str(exc))) from None


def run(
    env: Env,
    query: str | None,
    org: str | None,
    tag: str | None,
    relation: str | None,
    status: str | None,
    seen_before: str | None,
    seen_after: str | None,
    never: bool,
    sort: str,
    fmt: str,
    out: TextIO,
) -> int:
    if sort not in SORTS:
        raise FatalError(msg("--sort {sort}: use {sorts}", sort=sort, sorts=str(", ".join(SORTS))))
    if fmt not in ("table", "json"):
        raise FatalError(msg("--format {fmt}: use table or json", fmt=fmt))
    filters = Filters(
        query,
        org,
        tag,
        relation,
        status,
        _day("--seen-before", seen_before, env.as_of),
        _day("--seen-after", seen_after, env.as_of),
        never,
    )
    ledger = open_ledger(env).ledger
    rows = select(ledger, ledger_loops(ledger, env.as_of), filters, env.as_of, sort)
    out.write(as_json(rows, env.as_of) if fmt == "json" else table(rows, env.as_of))
    return 0
