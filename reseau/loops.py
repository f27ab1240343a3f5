"""Loops: everything owed with a date (docs/chains-and-loops.md), open or closed, as of a day."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterator
from operator import attrgetter
from typing import Literal

import msgspec

from reseau.ledger import Ledger
from reseau.parse import Path
from reseau.records import Interaction, Opportunity

LoopKind = Literal["next", "referral", "inform", "promise", "planned"]
INFORMING = frozenset({"update", "thanks"})  # what, given to a person, informs them (R005)


class Loop(msgspec.Struct, frozen=True, gc=False):
    kind: LoopKind
    source: Interaction | Opportunity  # the record that opened it
    opened: dt.date
    due: dt.date
    people: tuple[str, ...]  # an interaction with any of them closes it
    subject: str | None  # referral target, or the person the update is about
    action: str  # what to do, in words
    at: Path  # where in the source file it is reported
    closed: dt.date | None  # the closing interaction's date, or `done:`
    closed_by: str | None = None  # the closing interaction's id

    @property
    def path(self) -> str:
        return self.source.path

    def is_open(self) -> bool:
        return self.closed is None

    def overdue(self, as_of: dt.date) -> bool:
        return self.closed is None and as_of > self.due

    def days_late(self, as_of: dt.date) -> int:
        return (as_of - self.due).days


class LoopRow(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """An open loop as plain values, its opener named by path: what the store keeps."""

    kind: LoopKind
    path: str
    opened: dt.date
    due: dt.date
    people: tuple[str, ...]
    subject: str | None
    action: str
    at: tuple[str | int, ...]


def open_rows(loops: list[Loop]) -> list[LoopRow]:
    """The open loops, in order, as rows."""
    return [
        LoopRow(lp.kind, lp.path, lp.opened, lp.due, lp.people, lp.subject, lp.action, lp.at)
        for lp in loops
        if lp.closed is None
    ]


def from_rows(ledger: Ledger, rows: list[LoopRow]) -> list[Loop]:
    """The open loops open_rows() gave, opened by this ledger's records (KeyError when the
    rows do not fit it)."""
    loops = []
    for row in rows:
        opener = ledger.by_path[row.path]
        if not isinstance(opener, (Interaction, Opportunity)):
            raise KeyError(row.path)
        loops.append(
            Loop(
                row.kind,
                opener,
                row.opened,
                row.due,
                row.people,
                row.subject,
                row.action,
                row.at,
                None,
            )
        )
    return loops


def compute_loops(
    ledger: Ledger,
    as_of: dt.date,
    referral_days: int,
    inform_days: int,
) -> list[Loop]:
    """Every loop of the ledger, sorted by due date then file."""
    loops = list(_interaction_loops(ledger, as_of, referral_days))
    loops.extend(_inform_loops(ledger, as_of, inform_days))
    archived = {cid for cid, c in ledger.contacts.items() if c.status == "archived"}
    if archived:
        loops = [_unless_archived(loop, archived) for loop in loops]
    loops.sort(key=_ORDER)
    return loops


def _unless_archived(loop: Loop, archived: set[str]) -> Loop:
    """An archived contact owes and is owed nothing (DESIGN §3): a loop with no one else, or
    about them, is closed (on the day it opened)."""
    if loop.closed is not None:
        return loop
    if (loop.people and archived.issuperset(loop.people)) or loop.subject in archived:
        return msgspec.structs.replace(loop, closed=loop.opened)
    return loop


_ORDER = attrgetter("due", "source.path", "at", "people")  # due, Loop.path, at, people


def _closing(
    ledger: Ledger, people: tuple[str, ...], since: dt.date, as_of: dt.date, opener: str | None
) -> Interaction | None:
    """The earliest (by date, then id) interaction with any of people that closes a loop."""
    if len(people) == 1:
        return ledger.first_contact_after(people[0], since, as_of, exclude=opener)
    found = [ledger.first_contact_after(p, since, as_of, exclude=opener) for p in people]
    dated = [i for i in found if i is not None]
    return min(dated, key=lambda i: (i.date, i.id)) if dated else None


def informs(interaction: Interaction) -> bool:
    """Whether the interaction gave its people news: an `update` or `thanks` (docs/chains-and-loops.md)."""
    return not INFORMING.isdisjoint(interaction.gave)


def _first_update(
    ledger: Ledger, cid: str, since: dt.date, as_of: dt.date, exclude: str | None = None
) -> Interaction | None:
    """The first interaction that happened with cid on or after since, other than exclude,
    that gave them an update (or thanks): the only kind that closes an inform loop."""
    timeline = ledger.by_contact.get(cid, ())
    for index in range(bisect_left(timeline, since, key=attrgetter("date")), len(timeline)):
        interaction = timeline[index]
        if interaction.date > as_of:
            return None
        if interaction.id != exclude and not interaction.planned and informs(interaction):
            return interaction
    return None


def _loop(
    kind: LoopKind,
    source: Interaction | Opportunity,
    opened: dt.date,
    due: dt.date,
    people: tuple[str, ...],
    subject: str | None,
    action: str,
    at: Path,
    closer: Interaction | None,
) -> Loop:
    if closer is None:
        return Loop(kind, source, opened, due, people, subject, action, at, None, None)
    return Loop(kind, source, opened, due, people, subject, action, at, closer.date, closer.id)


def _interaction_loops(ledger: Ledger, as_of: dt.date, referral_days: int) -> Iterator[Loop]:
    known = ledger.contact_ids
    first_after = ledger.first_contact_after
    referral_delay = dt.timedelta(days=referral_days)
    for inter in ledger.interactions.values():
        if inter.planned:
            if inter.date >= as_of:
                yield Loop(
                    "planned",
                    inter,
                    inter.date,
                    inter.date,
                    inter.with_,
                    None,
                    f"{inter.channel or 'meeting'} planned: {inter.summary or inter.id}",
                    ("date",),
                    None,
                )
            continue
        date = inter.date
        if date > as_of:
            continue  # only what happened opens promises, referrals and next steps
        for promise in inter.promised:
            if promise.due is not None:
                done = promise.done if promise.done is not None and promise.done <= as_of else None
                if done is None and promise.dropped is not None and promise.dropped <= as_of:
                    done = promise.dropped  # given up: closed
                yield Loop(
                    "promise",
                    inter,
                    date,
                    promise.due,
                    inter.with_,
                    None,
                    promise.what,
                    ("promised", promise.index, "due"),
                    done,
                )
        step = inter.next
        if step is not None:
            people = inter.with_ if step.with_ is None else step.with_
            if not known.issuperset(people):
                people = tuple(p for p in people if p in known)
            if people and step.dropped is not None and step.dropped <= as_of:
                action, at = step.action, ("next", "due")
                # given up: closed on the day it was dropped
                yield Loop("next", inter, date, step.due, people, None, action, at, step.dropped)
            elif people:
                yield _loop(
                    "next",
                    inter,
                    date,
                    step.due,
                    people,
                    None,
                    step.action,
                    ("next", "due"),
                    _closing(ledger, people, date, as_of, inter.id),
                )
        for item in inter.received:
            referral = item.referral
            if referral is not None and referral in known:
                yield _loop(
                    "referral",
                    inter,
                    date,
                    date + referral_delay,
                    (referral,),
                    referral,
                    f"get in touch with {ledger.name(referral)}",
                    ("received", item.index, "referral"),
                    first_after(referral, date, as_of, inter.id),
                )


def _inform_loops(ledger: Ledger, as_of: dt.date, days: int) -> Iterator[Loop]:
    step = dt.timedelta(days=days)
    contacts = ledger.contacts
    name = ledger.name
    first_after = ledger.first_contact_after
    for cid in sorted(contacts):
        if not contacts[cid].introduced_by:
            continue  # no one to inform
        first = first_after(cid, dt.date.min, as_of)  # the first interaction that happened
        if first is None:
            continue  # before the chain: most contacts of a large ledger end here
        introducers = ledger.introducers(cid)
        if not introducers:
            continue
        at = ("with", first.with_.index(cid))
        for person in introducers:
            if person in first.with_:
                continue  # they were there: nothing to tell them
            yield _loop(
                "inform",
                first,
                first.date,
                first.date + step,
                (person,),
                cid,
                f"tell {name(person)} how it went with {name(cid)}",
                at,
                _first_update(ledger, person, first.date, as_of, first.id),
            )
    for opp in ledger.opportunities.values():
        if opp.via is None or opp.via not in ledger.contact_ids:
            continue
        chain = [opp.via, *ledger.introducers(opp.via)]
        for stage in opp.stages:
            if stage.stage == "lead" or stage.date > as_of:
                continue
            for person in chain:
                yield _loop(
                    "inform",
                    opp,
                    stage.date,
                    stage.date + step,
                    (person,),
                    opp.via,
                    f"tell {name(person)} about {opp.title} at {opp.organization}: {stage.stage}",
                    ("stages", stage.index, "stage"),
                    _first_update(ledger, person, stage.date, as_of),
                )
