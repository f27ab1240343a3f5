"""Records: immutable values built from schema-valid documents, each knowing its file.

msgspec frozen Structs: typed, hashable, cheap to build and to free, and encoded
to and decoded from the store (reseau.cache) by msgspec itself (`array_like`:
a record is stored as the list of its fields). Records hold no reference to
anything but plain values, so they are not tracked by the cyclic collector
(`gc=False`). Positions are not here: `Ledger.where(record.path, json_path)`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec


def to_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Waiver(msgspec.Struct, frozen=True, array_like=True, gc=False):
    rule: str
    until: dt.date
    reason: str


def _waivers(value: dict[str, Any]) -> tuple[Waiver, ...]:
    return tuple(
        Waiver(w["rule"], to_date(w["until"]), w.get("reason", "")) for w in value.get("waive", ())
    )


class PastRole(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """An earlier organisation and role (a contact's `history`)."""

    organization: str | None
    role: str | None
    until: dt.date


class Contact(msgspec.Struct, frozen=True, array_like=True, gc=False):
    id: str
    path: str  # relative to the ledger root, `/` separators
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
    history: tuple[PastRole, ...] = ()  # earlier organisations and roles, newest first

    @classmethod
    def build(cls, id: str, path: str, v: dict[str, Any]) -> Contact:
        return cls(
            id,
            path,
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
            tuple(
                PastRole(h.get("organization"), h.get("role"), to_date(h["until"]))
                for h in v["history"]
            )
            if "history" in v
            else (),
        )


class Received(msgspec.Struct, frozen=True, array_like=True, gc=False):
    index: int
    word: str | None = None  # advice, information, ...
    referral: str | None = None  # a contact id


class Promise(msgspec.Struct, frozen=True, array_like=True, gc=False):
    index: int
    what: str
    due: dt.date | None
    done: dt.date | None
    dropped: dt.date | None = None  # given up (`reseau drop`): closed, shown nowhere


class NextStep(msgspec.Struct, frozen=True, array_like=True, gc=False):
    action: str
    due: dt.date
    with_: tuple[str, ...] | None  # None: the interaction's own `with`
    dropped: dt.date | None = None  # given up (`reseau drop`): closed, shown nowhere


class Interaction(msgspec.Struct, frozen=True, array_like=True, gc=False):
    id: str
    path: str  # relative to the ledger root, `/` separators
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
    source: tuple[tuple[str, str], ...] = ()  # `source:` of an imported interaction, sorted items

    @property
    def next_people(self) -> tuple[str, ...]:
        if self.next is None:
            return ()
        return self.next.with_ if self.next.with_ is not None else self.with_

    def happened(self, as_of: dt.date) -> bool:
        """Dated on or before as-of and not planned: only these close loops."""
        return self.date <= as_of and not self.planned

    @classmethod
    def build(cls, id: str, path: str, v: dict[str, Any]) -> Interaction:
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
                    to_date(p["dropped"]) if "dropped" in p else None,
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
            dropped = to_date(nxt["dropped"]) if "dropped" in nxt else None
            next_step = NextStep(nxt["action"], to_date(nxt["due"]), with_, dropped)
        return cls(
            id,
            path,
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
            tuple(sorted((str(k), str(s)) for k, s in v["source"].items()))
            if "source" in v
            else (),
        )


class Stage(msgspec.Struct, frozen=True, array_like=True, gc=False):
    index: int
    date: dt.date
    stage: str
    note: str | None = None


class Opportunity(msgspec.Struct, frozen=True, array_like=True, gc=False):
    id: str
    path: str  # relative to the ledger root, `/` separators
    title: str
    organization: str
    via: str | None = None
    stages: tuple[Stage, ...] = ()
    waive: tuple[Waiver, ...] = ()

    @classmethod
    def build(cls, id: str, path: str, v: dict[str, Any]) -> Opportunity:
        stages = tuple(
            Stage(i, to_date(s["date"]), s["stage"], s.get("note"))
            for i, s in enumerate(v["stages"])
        )
        return cls(id, path, v["title"], v["organization"], v.get("via"), stages, _waivers(v))


class RuleSettings(msgspec.Struct, frozen=True, array_like=True, gc=False):
    level: str | None = None  # error | warning | info | off; None keeps the rule's own
    options: tuple[tuple[str, Any], ...] = ()


class Settings(msgspec.Struct, frozen=True, array_like=True, gc=False):
    owner: str | None = None
    week_starts: str = "monday"
    default_cadence: int = 60
    rules: dict[str, RuleSettings] = msgspec.field(default_factory=dict)
    goals: dict[str, int] = msgspec.field(default_factory=dict)
    path: str | None = None  # reseau.yaml, or None when the ledger has none
    hooks_block: str = "integrity"  # hooks: {block: ...}: what refuses a commit (reseau.policy)
    lang: str | None = None  # `lang:` en | fr, or None: the locale decides
    me_emails: tuple[str, ...] = ()  # `me: {emails: [...]}`, the owner's own addresses

    @classmethod
    def build(cls, path: str | None, v: dict[str, Any]) -> Settings:
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
            path,
            str((v.get("hooks") or {}).get("block", "integrity")),
            v.get("lang"),
            tuple(str(e) for e in (v.get("me") or {}).get("emails", ())),
        )


Record = Contact | Interaction | Opportunity
