"""Loops: everything owed with a date (DESIGN §3), open or closed, as of a day."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter
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
    closers = _Closers(ledger, as_of)
    loops = list(_interaction_loops(ledger, as_of, referral_days, closers))
    loops.extend(_inform_loops(ledger, as_of, inform_days, closers))
    loops.sort(key=_ORDER)
    return loops


_ORDER = attrgetter("due", "source.source.path", "at", "people")  # due, path, at, people


class _Closers:
    """Per contact, the interactions that can close a loop: happened by as-of, oldest first.

    Built once per contact on first use, so that finding the first one on or after a day
    is a bisection, not a walk through the whole timeline.
    """

    def __init__(self, ledger: Ledger, as_of: dt.date) -> None:
        self.ledger = ledger
        self.as_of = as_of
        self.timelines: dict[str, tuple[list[Interaction], list[dt.date]]] = {}

    def happened(self, cid: str) -> list[Interaction]:
        return self._timeline(cid)[0]

    def _timeline(self, cid: str) -> tuple[list[Interaction], list[dt.date]]:
        found = self.timelines.get(cid)
        if found is None:
            as_of = self.as_of
            happened = [i for i in self.ledger.by_contact.get(cid, ()) if i.date <= as_of and not i.planned]
            found = self.timelines[cid] = (happened, [i.date for i in happened])
        return found

    def first(self, cid: str, since: dt.date, exclude: str | None) -> Interaction | None:
        """The first interaction that happened with cid on or after since, other than exclude."""
        timeline, dates = self._timeline(cid)
        index = bisect_left(dates, since)
        if index < len(timeline) and timeline[index].id == exclude:
            index += 1  # ids are unique in a timeline: at most one to skip
        return timeline[index] if index < len(timeline) else None

    def closing(self, people: tuple[str, ...], since: dt.date, exclude: str | None) -> Interaction | None:
        """The earliest (by date, then id) interaction with any of people closing a loop."""
        if len(people) == 1:
            return self.first(people[0], since, exclude)
        found = [i for i in (self.first(p, since, exclude) for p in people) if i is not None]
        return min(found, key=lambda i: (i.date, i.id)) if found else None


def _loop(kind: LoopKind, source: Interaction | Opportunity, opened: dt.date, due: dt.date,
          people: tuple[str, ...], subject: str | None, action: str, at: Path,
          closer: Interaction | None) -> Loop:
    if closer is None:
        return Loop(kind, source, opened, due, people, subject, action, at, None, None)
    return Loop(kind, source, opened, due, people, subject, action, at, closer.date, closer.id)


def _interaction_loops(ledger: Ledger, as_of: dt.date, referral_days: int,
                       closers: _Closers) -> Iterator[Loop]:
    known = ledger.contact_ids
    closing = closers.closing
    referral_delay = dt.timedelta(days=referral_days)
    for inter in ledger.interactions.values():
        if inter.planned:
            if inter.date >= as_of:
                yield Loop("planned", inter, inter.date, inter.date, inter.with_, None,
                           f"{inter.channel or 'meeting'} planned: {inter.summary or inter.id}",
                           ("date",), None)
            continue
        date = inter.date
        if date > as_of:
            continue  # only what happened opens promises, referrals and next steps
        for promise in inter.promised:
            if promise.due is not None:
                done = promise.done if promise.done is not None and promise.done <= as_of else None
                yield Loop("promise", inter, date, promise.due, inter.with_, None,
                           promise.what, ("promised", promise.index, "due"), done)
        step = inter.next
        if step is not None:
            people = tuple(p for p in (inter.with_ if step.with_ is None else step.with_) if p in known)
            if people:
                yield _loop("next", inter, date, step.due, people, None, step.action, ("next", "due"),
                            closing(people, date, inter.id))
        for item in inter.received:
            referral = item.referral
            if referral is not None and referral in known:
                yield _loop("referral", inter, date, date + referral_delay, (referral,), referral,
                            f"get in touch with {ledger.name(referral)}",
                            ("received", item.index, "referral"), closers.first(referral, date, inter.id))


def _inform_loops(ledger: Ledger, as_of: dt.date, days: int, closers: _Closers) -> Iterator[Loop]:
    step = dt.timedelta(days=days)
    contacts = ledger.contacts
    name = ledger.name
    for cid in sorted(contacts):
        if not contacts[cid].introduced_by:
            continue  # no one to inform
        introducers = ledger.introducers(cid)
        if not introducers:
            continue
        happened = closers.happened(cid)
        if not happened:
            continue
        first = happened[0]
        at = ("with", first.with_.index(cid))
        for person in introducers:
            if person in first.with_:
                continue  # they were there: nothing to tell them
            yield _loop("inform", first, first.date, first.date + step, (person,), cid,
                        f"tell {name(person)} how it went with {name(cid)}", at,
                        closers.first(person, first.date, first.id))
    for opp in ledger.opportunities.values():
        if opp.via is None or opp.via not in ledger.contact_ids:
            continue
        chain = [opp.via, *ledger.introducers(opp.via)]
        for stage in opp.stages:
            if stage.stage == "lead" or stage.date > as_of:
                continue
            for person in chain:
                yield _loop("inform", opp, stage.date, stage.date + step, (person,), opp.via,
                            f"tell {name(person)} about {opp.title} at {opp.organization}: "
                            f"{stage.stage}", ("stages", stage.index, "stage"),
                            closers.first(person, stage.date, None))
