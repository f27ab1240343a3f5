"""`reseau held REF`: a planned interaction took place: `planned` goes, the date (and the
file's name) follow when it moved, and what happened is added as `log` would write it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TextIO

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from reseau.commands.common import Env, open_ledger
from reseau.commands.log import _day
from reseau.commands.rewrite import Writes, add_items, delete_key, set_key
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.records import Interaction
from reseau.refs import find_contact, resolve_contact
from reseau.store import KEY_ORDER
from reseau.yamledit import new_mapping

ORDER = KEY_ORDER["interaction"]


@dataclass(frozen=True)
class HeldOptions:
    ref: str
    date: str | None = None
    summary: str | None = None
    ask: str | None = None
    gave: tuple[str, ...] = ()
    received: tuple[str, ...] = ()
    referrals: tuple[str, ...] = ()
    next_action: str | None = None
    next_due: str | None = None
    commit: bool = False


def interaction_of(ledger: Ledger, ref: str) -> Interaction:
    """REF as an interaction: its id (or path), else a contact's one planned interaction."""
    iid = ref.strip().removesuffix(".yaml").rsplit("/", 1)[-1]
    found = ledger.interactions.get(iid)
    if found is not None:
        return found
    if iid in {f.stem for f in ledger.files if f.kind == "interaction"}:
        raise FatalError(msg("{iid}: its file has problems: run `reseau check`", iid=iid))
    cid = resolve_contact(ledger, ref)
    planned = [i for i in ledger.by_contact.get(cid, ()) if i.planned]
    if len(planned) == 1:
        return planned[0]
    if not planned:
        raise FatalError(
            msg(
                "nothing is planned with {name}: record it with reseau log",
                name=str(ledger.name(cid)),
            )
        )
    listed = "\n".join(f"  {i.id}  {i.summary or ''}".rstrip() for i in planned)
    raise FatalError(
        msg(
            "{n_planned} interactions are planned with {name}:\n{listed}",
            n_planned=str(len(planned)),
            name=str(ledger.name(cid)),
            listed=listed,
        )
    )


def moved_path(interaction: Interaction, day: dt.date) -> str:
    """The file's path for a new date: `interactions/<YYYY>/<date>-…`."""
    old = interaction.date.isoformat()
    stem = interaction.id
    stem = day.isoformat() + stem[len(old) :] if stem.startswith(old) else stem
    return f"interactions/{day.year:04d}/{stem}.yaml"


def _free(ledger: Ledger, rel: str) -> str:
    base = rel.removesuffix(".yaml")
    for n in range(1, 1000):
        candidate = rel if n == 1 else f"{base}-{n}.yaml"
        if not (ledger.root / candidate).exists():
            return candidate
    raise FatalError(msg("{rel}: every name is taken", rel=rel))


def run(env: Env, options: HeldOptions, out: TextIO) -> int:
    ledger = open_ledger(env).ledger
    interaction = interaction_of(ledger, options.ref)
    if not interaction.planned:
        raise FatalError(
            msg("{path} is not planned: it is recorded as held already", path=interaction.path),
            1,
        )
    day = _day(options.date, "--date", env.as_of) if options.date else interaction.date
    if day > env.as_of:
        raise FatalError(
            msg(
                "{path} is dated {day}, after {as_of}: give --date when it took place",
                path=interaction.path,
                day=day,
                as_of=env.as_of,
            )
        )
    if bool(options.next_action) != bool(options.next_due):
        raise FatalError(msg("--next and --next-due go together"))
    referrals = [find_contact(ledger, r, "--referral") or r for r in options.referrals]
    unknown = [r for r in referrals if r not in ledger.contact_ids]
    if unknown:
        raise FatalError(
            msg(
                "--referral: no contact {unknown} in the ledger; add them first",
                unknown=repr(unknown[0]),
            )
        )
    nxt = (
        new_mapping(
            {"action": options.next_action, "due": _day(options.next_due, "--next-due", day)},
            KEY_ORDER["next"],
        )
        if options.next_action and options.next_due
        else None
    )

    def change(data: CommentedMap) -> None:
        if "planned" in data:
            delete_key(data, "planned")
        if day != interaction.date:
            set_key(data, "date", day, ORDER)
        for key, value in (("summary", options.summary), ("ask", options.ask)):
            if value:
                set_key(data, key, value, ORDER)
        add_items(data, "gave", options.gave, ORDER)
        if not referrals:
            add_items(data, "received", options.received, ORDER)
        else:  # mappings in the list: a block list (`- referral: id`)
            seq = data.get("received")
            if not isinstance(seq, CommentedSeq):
                seq = CommentedSeq()
                set_key(data, "received", seq, ORDER)
            seq.fa.set_block_style()
            for word in options.received:
                if word not in seq:
                    seq.append(word)
            for person in referrals:
                if {"referral": person} not in seq:
                    seq.append(new_mapping({"referral": person}))
        if nxt is not None:
            set_key(data, "next", nxt, ORDER)

    writes = Writes(ledger.root)
    rel = interaction.path
    target = moved_path(interaction, day)
    if target != rel:
        target = _free(ledger, target)
        writes.move(rel, target)
        rel = target
    data = writes.edited(rel, "interaction", change)
    if data is not None:
        writes.replace(rel, data)
    out.write(env.tr()("{path}: held on {date}", path=rel, date=day) + "\n")
    if options.commit:
        who = ", ".join(ledger.name(c) for c in interaction.with_)
        writes.commit(env, f"held: {interaction.channel or 'interaction'} with {who} on {day}")
    return 0
