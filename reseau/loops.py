"""Loops: everything owed with a date (DESIGN §3), open or closed, as of a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator, Literal

from reseau.ledger import Ledger
from reseau.parse import Path
from reseau.records import Interaction, Opportunity

LoopKind = Literal["next", "referral", "inform", "promise", "planned"]
DEFAULT_REFERRAL_DAYS = 14
DEFAULT_INFORM_DAYS = 7


@dataclass(frozen=True)
class Loop:
    kind: LoopKind
    source: Interaction | Opportunity   # the record that opened it
    opened: dt.date
    due: dt.date
    people: tuple[str, ...]             # an interaction with any of them closes it
    subject: str | None                 # referral target, or the person the update is about
    action: str                         # what to do, in words
    at: Path                            # where in the source file it is reported
    closed: dt.date | None              # the closing interaction's date, or `done:`
    closed_by: str | None = None        # the closing interaction's id

    @property
    def path(self) -> str:
        return self.source.source.path

    def is_open(self) -> bool:
        return self.closed is None

    def overdue(self, as_of: dt.date) -> bool:
        return self.closed is None and as_of > self.due

    def days_late(self, as_of: dt.date) -> int:
        return (as_of - self.due).days


def compute_loops(ledger: Ledger, as_of: dt.date, referral_days: int = DEFAULT_REFERRAL_DAYS,
                  inform_days: int = DEFAULT_INFORM_DAYS) -> list[Loop]:
    """Every loop of the ledger, sorted by due date then file."""
    loops = list(_interaction_loops(ledger, as_of, referral_days))
    loops.extend(_inform_loops(ledger, as_of, inform_days))
    loops.sort(key=lambda lp: (lp.due, lp.path, lp.at, lp.people))
    return loops


def _closing(ledger: Ledger, people: tuple[str, ...], since: dt.date, as_of: dt.date,
             opener: str | None) -> Interaction | None:
    found = [ledger.first_contact_after(p, since, as_of, exclude=opener) for p in people]
    dated = [i for i in found if i is not None]
    return min(dated, key=lambda i: (i.date, i.id)) if dated else None


def _loop(ledger: Ledger, as_of: dt.date, kind: LoopKind, source: Interaction | Opportunity,
          opened: dt.date, due: dt.date, people: tuple[str, ...], subject: str | None,
          action: str, at: Path, opener: str | None) -> Loop:
    closer = _closing(ledger, people, opened, as_of, opener)
    return Loop(kind, source, opened, due, people, subject, action, at,
                closer.date if closer else None, closer.id if closer else None)


def _interaction_loops(ledger: Ledger, as_of: dt.date, referral_days: int) -> Iterator[Loop]:
    known = ledger.contact_ids
    for inter in ledger.interactions.values():
        if inter.planned and inter.date >= as_of:
            yield Loop("planned", inter, inter.date, inter.date, inter.with_, None,
                       f"{inter.channel or 'meeting'} planned: {inter.summary or inter.id}",
                       ("date",), None)
        if not inter.happened(as_of):
            continue  # only what happened opens promises, referrals and next steps
        for promise in inter.promised:
            if promise.due is not None:
                done = promise.done if promise.done is not None and promise.done <= as_of else None
                yield Loop("promise", inter, inter.date, promise.due, inter.with_, None,
                           promise.what, ("promised", promise.index, "due"), done)
        if inter.next is not None:
            people = tuple(p for p in inter.next_people if p in known)
            if people:
                yield _loop(ledger, as_of, "next", inter, inter.date, inter.next.due, people,
                            None, inter.next.action, ("next", "due"), inter.id)
        for item in inter.received:
            if item.referral is not None and item.referral in known:
                due = inter.date + dt.timedelta(days=referral_days)
                yield _loop(ledger, as_of, "referral", inter, inter.date, due, (item.referral,),
                            item.referral, f"get in touch with {ledger.name(item.referral)}",
                            ("received", item.index, "referral"), inter.id)


def _inform_loops(ledger: Ledger, as_of: dt.date, days: int) -> Iterator[Loop]:
    step = dt.timedelta(days=days)
    for cid in sorted(ledger.contacts):
        introducers = ledger.introducers(cid)
        if not introducers:
            continue
        happened = ledger.happened_with(cid, as_of)
        if not happened:
            continue
        first = happened[0]
        at = ("with", first.with_.index(cid))
        for person in introducers:
            if person in first.with_:
                continue  # they were there: nothing to tell them
            yield _loop(ledger, as_of, "inform", first, first.date, first.date + step, (person,),
                        cid, f"tell {ledger.name(person)} how it went with {ledger.name(cid)}",
                        at, first.id)
    for opp in ledger.opportunities.values():
        if opp.via is None or opp.via not in ledger.contact_ids:
            continue
        chain = [opp.via, *ledger.introducers(opp.via)]
        for stage in opp.stages:
            if stage.stage == "lead" or stage.date > as_of:
                continue
            for person in chain:
                yield _loop(ledger, as_of, "inform", opp, stage.date, stage.date + step, (person,),
                            opp.via, f"tell {ledger.name(person)} about {opp.title} at "
                                     f"{opp.organization}: {stage.stage}",
                            ("stages", stage.index, "stage"), None)
