"""Records: immutable values built from schema-valid documents, each knowing its file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from reseau.parse import ParsedDoc, Position


def to_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass(frozen=True)
class Waiver:
    rule: str
    until: dt.date
    reason: str


@dataclass(frozen=True)
class Source:
    """Where a record lives: its ledger-relative path and parsed document."""

    path: str
    doc: ParsedDoc = field(repr=False, compare=False)

    def __getattr__(self, name: str) -> Any:
        """`doc` of a Source the parse cache made without it: built on first use from
        `_doc_from`, a (function, argument) pair (most records never need their document)."""
        if name == "doc":
            make = self.__dict__.pop("_doc_from", None)
            if make is not None:
                doc = make[0](make[1])
                self.__dict__["doc"] = doc
                return doc
        raise AttributeError(name)

    def pos(self, *path: str | int) -> Position:
        return self.doc.pos(tuple(path))


def _waivers(value: dict[str, Any]) -> tuple[Waiver, ...]:
    return tuple(
        Waiver(w["rule"], to_date(w["until"]), w.get("reason", "")) for w in value.get("waive", ())
    )


@dataclass(frozen=True)
class Contact:
    id: str
    source: Source
    name: str
    organization: str | None = None
    role: str | None = None
    introduced_by: str | None = None
    relation: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    location: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    cadence: int | None = None
    status: str = "active"
    notes: str | None = None
    waive: tuple[Waiver, ...] = ()

    @classmethod
    def build(cls, id: str, source: Source, v: dict[str, Any]) -> Contact:
        return cls(
            id,
            source,
            v["name"],
            v.get("organization"),
            v.get("role"),
            v.get("introduced_by"),
            v.get("relation"),
            tuple(v.get("emails", ())),
            tuple(v.get("phones", ())),
            tuple(v.get("links", ())),
            v.get("location"),
            tuple(v.get("tags", ())),
            tuple(v.get("aliases", ())),
            v.get("cadence"),
            v.get("status", "active"),
            v.get("notes"),
            _waivers(v),
        )


@dataclass(frozen=True)
class Received:
    index: int
    word: str | None = None  # advice, information, ...
    referral: str | None = None  # a contact id


@dataclass(frozen=True)
class Promise:
    index: int
    what: str
    due: dt.date | None
    done: dt.date | None


@dataclass(frozen=True)
class NextStep:
    action: str
    due: dt.date
    with_: tuple[str, ...] | None  # None: the interaction's own `with`


@dataclass(frozen=True)
class Interaction:
    id: str
    source: Source
    date: dt.date
    with_: tuple[str, ...]
    channel: str | None = None
    initiated_by: str = "me"
    summary: str | None = None
    ask: str | None = None
    gave: tuple[str, ...] = ()
    received: tuple[Received, ...] = ()
    promised: tuple[Promise, ...] = ()
    next: NextStep | None = None
    opportunity: str | None = None
    planned: bool = False
    waive: tuple[Waiver, ...] = ()

    @property
    def next_people(self) -> tuple[str, ...]:
        if self.next is None:
            return ()
        return self.next.with_ if self.next.with_ is not None else self.with_

    def happened(self, as_of: dt.date) -> bool:
        """Dated on or before as-of and not planned: only these close loops."""
        return self.date <= as_of and not self.planned

    @classmethod
    def build(cls, id: str, source: Source, v: dict[str, Any]) -> Interaction:
        # Most interactions hold no received/promised items: skip building empty generators.
        received = (
            tuple(
                Received(i, referral=item["referral"])
                if isinstance(item, dict)
                else Received(i, word=item)
                for i, item in enumerate(v["received"])
            )
            if "received" in v
            else ()
        )
        promised = (
            tuple(
                Promise(
                    i,
                    p["what"],
                    to_date(p["due"]) if "due" in p else None,
                    to_date(p["done"]) if "done" in p else None,
                )
                for i, p in enumerate(v["promised"])
            )
            if "promised" in v
            else ()
        )
        nxt = v.get("next")
        next_step = None
        if nxt is not None:
            with_ = tuple(nxt["with"]) if "with" in nxt else None
            next_step = NextStep(nxt["action"], to_date(nxt["due"]), with_)
        return cls(
            id,
            source,
            to_date(v["date"]),
            tuple(v["with"]),
            v.get("channel"),
            v.get("initiated_by", "me"),
            v.get("summary"),
            v.get("ask"),
            tuple(v.get("gave", ())),
            received,
            promised,
            next_step,
            v.get("opportunity"),
            bool(v.get("planned", False)),
            _waivers(v),
        )


@dataclass(frozen=True)
class Stage:
    index: int
    date: dt.date
    stage: str
    note: str | None = None


@dataclass(frozen=True)
class Opportunity:
    id: str
    source: Source
    title: str
    organization: str
    via: str | None = None
    stages: tuple[Stage, ...] = ()
    waive: tuple[Waiver, ...] = ()

    @classmethod
    def build(cls, id: str, source: Source, v: dict[str, Any]) -> Opportunity:
        stages = tuple(
            Stage(i, to_date(s["date"]), s["stage"], s.get("note"))
            for i, s in enumerate(v["stages"])
        )
        return cls(id, source, v["title"], v["organization"], v.get("via"), stages, _waivers(v))


@dataclass(frozen=True)
class RuleSettings:
    level: str | None = None  # error | warning | info | off; None keeps the rule's own
    options: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Settings:
    owner: str | None = None
    week_starts: str = "monday"
    default_cadence: int = 60
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    goals: dict[str, int] = field(default_factory=dict)
    source: Source | None = None

    @classmethod
    def build(cls, source: Source | None, v: dict[str, Any]) -> Settings:
        rules = {}
        for rule_id, conf in (v.get("rules") or {}).items():
            conf = dict(conf or {})
            level = conf.pop("level", None)
            rules[rule_id] = RuleSettings(level, tuple(sorted(conf.items())))
        return cls(
            v.get("owner"),
            v.get("week_starts", "monday"),
            int((v.get("defaults") or {}).get("cadence", 60)),
            rules,
            dict(v.get("goals") or {}),
            source,
        )


Record = Contact | Interaction | Opportunity
