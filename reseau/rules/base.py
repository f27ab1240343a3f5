"""What a rule receives and yields; the engine stamps id, name and level."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from reseau.i18n import Msg, msg_n
from reseau.ledger import Ledger
from reseau.loops import Loop, LoopKind
from reseau.problems import Level
from reseau.records import Contact, Interaction, Opportunity


@dataclass(frozen=True)
class Finding:
    """A problem as a rule sees it: where, what, and whom it is about (for waivers)."""

    path: str
    line: int
    column: int
    message: Msg | str  # a Msg, translated when shown (a str stays as it is)
    about: tuple[str, ...] = ()
    level: Level | None = None  # None: the rule's level


@dataclass
class RuleContext:
    as_of: dt.date
    options: dict[str, Any]
    loops_of: Callable[[], list[Loop]] = field(repr=False, default=list)
    # overdue_by_kind of the loops, shared by the rules of a run (None: computed on each call).
    overdue_of: Callable[[], dict[LoopKind, list[Loop]]] | None = field(repr=False, default=None)

    @property
    def loops(self) -> list[Loop]:
        return self.loops_of()

    def overdue(self, kind: LoopKind) -> list[Loop]:
        """The loops of a kind overdue as of, in the loops' order."""
        if self.overdue_of is not None:
            return self.overdue_of().get(kind, [])
        return overdue_by_kind(self.loops, self.as_of).get(kind, [])


def overdue_by_kind(loops: list[Loop], as_of: dt.date) -> dict[LoopKind, list[Loop]]:
    """The overdue loops by kind, each list in the loops' order."""
    grouped: dict[LoopKind, list[Loop]] = {}
    for loop in loops:
        if loop.closed is None and as_of > loop.due:  # loop.overdue(as_of)
            grouped.setdefault(loop.kind, []).append(loop)
    return grouped


class Rule(Protocol):
    ID: str
    NAME: str
    LEVEL: Level
    OPTIONS: dict[str, Any]
    __doc__: str | None

    def check(self, ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]: ...


def at(
    ledger: Ledger,
    record: Contact | Interaction | Opportunity,
    path: tuple[str | int, ...],
    message: Msg | str,
    about: tuple[str, ...] = (),
    level: Level | None = None,
) -> Finding:
    """A finding at a value of a record's file."""
    line, column = ledger.where(record.path, path)
    return Finding(record.path, line, column, message, about, level)


def loop_finding(
    ledger: Ledger, loop: Loop, message: Msg | str, level: Level | None = None
) -> Finding:
    about = tuple(dict.fromkeys((*loop.people, *((loop.subject,) if loop.subject else ()))))
    return at(ledger, loop.source, loop.at, message, about, level)


def late(loop: Loop, as_of: dt.date) -> Msg:
    """`due 2016-04-14, 3 days late`."""
    return msg_n(
        "due {due}, {n} day late", "due {due}, {n} days late", loop.days_late(as_of), due=loop.due
    )
