"""Records as plain tuples, so the parse cache can hand back built records.

A warm run reads tens of thousands of records from the cache; building each
one again from its parsed mapping (dict lookups, date parsing, dataclass
``__init__``) costs more than everything else the cache saves. The cache stores
`encode(kind, value)` beside each valid document instead, and `decode` turns it
back into the same record in a few attribute stores.

The tuples hold only what `marshal` stores (dates as ordinals, nested records
as tuples). `SHAPE` names every record field: the cache is stamped with it, so
a record class that gains or loses a field invalidates old cache files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from reseau.records import (
    Contact,
    Interaction,
    NextStep,
    Opportunity,
    Promise,
    Received,
    Record,
    Source,
    Stage,
    Waiver,
)

State = tuple[Any, ...]
_CLASSES = (Contact, Interaction, Opportunity, Waiver, Received, Promise, NextStep, Stage, Source)


def shape(classes: tuple[type[Any], ...]) -> str:
    """A digest of the classes' names and field names."""
    names = [(c.__name__, [f.name for f in dataclasses.fields(c)]) for c in classes]
    return hashlib.sha1(repr(names).encode()).hexdigest()[:16]


SHAPE = shape(_CLASSES)
_NO_SOURCE = Source("", None)  # type: ignore[arg-type]  # encode never looks at it

_new = object.__new__
_day = dt.date.fromordinal


def _make(cls: type[Any], names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """A frozen dataclass instance from its field values, without running __init__."""
    obj = _new(cls)
    obj.__dict__.update(zip(names, values, strict=False))
    return obj


def _names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


_CONTACT, _INTERACTION, _OPPORTUNITY = _names(Contact), _names(Interaction), _names(Opportunity)
_SOURCE = _names(Source)


def _ord(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def _opt_day(n: int | None) -> dt.date | None:
    return None if n is None else _day(n)


def _waivers_out(waive: tuple[Waiver, ...]) -> State:
    return tuple((w.rule, w.until.toordinal(), w.reason) for w in waive)


def _waivers_in(state: State) -> tuple[Waiver, ...]:
    return tuple(Waiver(rule, _day(until), reason) for rule, until, reason in state)


# -- contacts: every field is already a plain value but `waive` -------------------------------


def _contact_out(c: Contact) -> State:
    return (
        c.name,
        c.organization,
        c.role,
        c.introduced_by,
        c.relation,
        c.emails,
        c.phones,
        c.links,
        c.location,
        c.tags,
        c.aliases,
        c.cadence,
        c.status,
        c.notes,
        _waivers_out(c.waive),
    )


def _contact_in(id: str, source: Source, s: State) -> Contact:
    waive = _waivers_in(s[14]) if s[14] else ()
    contact: Contact = _make(Contact, _CONTACT, (id, source, *s[:14], waive))
    return contact


# -- interactions ---------------------------------------------------------------------------


def _interaction_out(i: Interaction) -> State:
    nxt = None if i.next is None else (i.next.action, i.next.due.toordinal(), i.next.with_)
    return (
        i.date.toordinal(),
        i.with_,
        i.channel,
        i.initiated_by,
        i.summary,
        i.ask,
        i.gave,
        tuple((r.index, r.word, r.referral) for r in i.received),
        tuple((p.index, p.what, _ord(p.due), _ord(p.done)) for p in i.promised),
        nxt,
        i.opportunity,
        i.planned,
        _waivers_out(i.waive),
    )


def _interaction_in(id: str, source: Source, s: State) -> Interaction:
    (
        date,
        with_,
        channel,
        initiated_by,
        summary,
        ask,
        gave,
        received,
        promised,
        nxt,
        opportunity,
        planned,
        waive,
    ) = s
    values = (
        id,
        source,
        _day(date),
        with_,
        channel,
        initiated_by,
        summary,
        ask,
        gave,
        tuple(Received(*r) for r in received) if received else (),
        tuple(
            Promise(index, what, _opt_day(due), _opt_day(done))
            for index, what, due, done in promised
        )
        if promised
        else (),
        None if nxt is None else NextStep(nxt[0], _day(nxt[1]), nxt[2]),
        opportunity,
        planned,
        _waivers_in(waive) if waive else (),
    )
    interaction: Interaction = _make(Interaction, _INTERACTION, values)
    return interaction


# -- opportunities --------------------------------------------------------------------------


def _opportunity_out(o: Opportunity) -> State:
    return (
        o.title,
        o.organization,
        o.via,
        tuple((s.index, s.date.toordinal(), s.stage, s.note) for s in o.stages),
        _waivers_out(o.waive),
    )


def _opportunity_in(id: str, source: Source, s: State) -> Opportunity:
    title, organization, via, stages, waive = s
    values = (
        id,
        source,
        title,
        organization,
        via,
        tuple(Stage(index, _day(date), stage, note) for index, date, stage, note in stages),
        _waivers_in(waive) if waive else (),
    )
    opportunity: Opportunity = _make(Opportunity, _OPPORTUNITY, values)
    return opportunity


BUILD: dict[str, Callable[[str, Source, dict[str, Any]], Record]] = {
    "contact": Contact.build,
    "interaction": Interaction.build,
    "opportunity": Opportunity.build,
}
_OUT: dict[str, Callable[[Any], State]] = {
    "contact": _contact_out,
    "interaction": _interaction_out,
    "opportunity": _opportunity_out,
}
_IN: dict[str, Callable[[str, Source, State], Record]] = {
    "contact": _contact_in,
    "interaction": _interaction_in,
    "opportunity": _opportunity_in,
}


def encode(kind: str, value: Any) -> State | None:
    """The state of the record a schema-valid document of this kind builds (None: no record kind,
    or a value the record classes cannot build)."""
    build = BUILD.get(kind)
    if build is None:
        return None
    try:
        return _OUT[kind](build("", _NO_SOURCE, value))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def decode(kind: str, id: str, source: Source, state: State) -> Record:
    """The record encode() described, with its id and source."""
    return _IN[kind](id, source, state)


def source(path: str, doc: Any) -> Source:
    """A Source, built the fast way (one per record of the ledger)."""
    made: Source = _make(Source, _SOURCE, (path, doc))
    return made
