"""`reseau agenda`: open loops, overdue first, then coming, then people to reconnect with."""

from __future__ import annotations

import datetime as dt

from reseau.formats import escape
from reseau.i18n import ENGLISH, Translator
from reseau.ledger import Ledger
from reseau.loops import Loop
from reseau.present import Words
from reseau.rules.r009_reconnect import Reconnect

RED, YELLOW, CYAN, BOLD, RESET = "\033[31m", "\033[33m", "\033[36m", "\033[1m", "\033[0m"


def status(loop: Loop, as_of: dt.date, tr: Translator = ENGLISH) -> str:
    """`3 days late`, `today`, `in 3 days` (`3 jours de retard`, `aujourd'hui`, `demain`)."""
    ahead = (loop.due - as_of).days
    if ahead == 0:
        return tr.gettext("today")
    if ahead == 1:
        return tr.gettext("in 1 day")  # French: demain
    if ahead == -1:
        return tr.gettext("1 day late")  # French: depuis hier
    if ahead < 0:
        return tr.ngettext("{n} day late", "{n} days late", -ahead).format(n=tr.number(-ahead))
    return tr.ngettext("in {n} day", "in {n} days", ahead).format(n=tr.number(ahead))


def agenda(
    ledger: Ledger,
    loops: list[Loop],
    reconnect: tuple[Reconnect, ...],
    as_of: dt.date,
    days: int = 14,
    colour: bool = False,
    tr: Translator = ENGLISH,
) -> str:
    """One line per loop: overdue (most late first), due within `days`, then reconnect."""
    w = Words(tr.lang)
    end = as_of + dt.timedelta(days=days)
    key = lambda lp: (lp.due, lp.path, repr(lp.at), lp.people)  # noqa: E731
    overdue = sorted((lp for lp in loops if lp.kind != "planned" and lp.overdue(as_of)), key=key)
    coming = sorted((lp for lp in loops if lp.is_open() and as_of <= lp.due <= end), key=key)
    rows: list[tuple[str, str, str, str, str]] = []  # date, status, colour, what, file
    for loop in overdue:
        rows.append(
            (loop.due.isoformat(), status(loop, as_of, tr), RED, w.action(ledger, loop), loop.path)
        )
    for loop in coming:
        tint = BOLD + YELLOW if loop.due == as_of else YELLOW
        rows.append(
            (loop.due.isoformat(), status(loop, as_of, tr), tint, w.action(ledger, loop), loop.path)
        )
    for item in reconnect:
        due = item.last.date + dt.timedelta(days=item.cadence)  # the day the cadence ran out
        rows.append(
            (
                due.isoformat(),
                tr.gettext("reconnect"),
                CYAN,
                tr(
                    "Reconnect with {name}: last in touch {days} ago, cadence {cadence}",
                    name=item.contact.name,
                    days=w.days(item.days),
                    cadence=w.days(item.cadence),
                ),
                item.contact.path,
            )
        )
    if not rows:
        return (
            tr.ngettext(
                "Nothing overdue, nothing due in the next {n} day, nobody to reconnect with.",
                "Nothing overdue, nothing due in the next {n} days, nobody to reconnect with.",
                days,
            ).format(n=tr.number(days))
            + "\n"
        )
    width = max(len(row[1]) for row in rows)
    lines = []
    for date, state, tint, what, path in rows:
        shown = state.ljust(width)
        if colour:
            shown = f"{tint}{shown}{RESET}"
        lines.append(f"{date}  {shown}  {escape(' '.join(what.split()))}  ({escape(path)})")
    return "\n".join(lines) + "\n"
