"""`reseau drop REF[#N] --reason TEXT`: give up a next step (REF) or a promise (REF#N):
`dropped: <as-of>` and `reason:` are added, the loop is closed and shown nowhere again."""

from __future__ import annotations

import re
from typing import TextIO

from ruamel.yaml.comments import CommentedMap

from reseau.commands.common import Env, open_ledger
from reseau.commands.rewrite import Writes
from reseau.errors import FatalError
from reseau.formats import escape
from reseau.i18n import msg, msg_n
from reseau.ledger import Ledger
from reseau.records import Interaction
from reseau.refs import resolve_contact
from reseau.store import KEY_ORDER
from reseau.yamledit import insert_key

_REF = re.compile(r"(?P<id>[^#]+?)(?:#(?P<n>[0-9]+))?")


def _with_open_step(ledger: Ledger, cid: str, env: Env) -> Interaction:
    """A contact's one interaction whose next step is still open."""
    from reseau.engine import ledger_loops

    opened = {
        loop.source.id: loop.source
        for loop in ledger_loops(ledger, env.as_of)
        if loop.kind == "next" and loop.is_open() and cid in loop.people
    }
    found = [i for i in opened.values() if isinstance(i, Interaction)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise FatalError(msg("no open next step with {name}", name=str(ledger.name(cid))))
    listed = "\n".join(f"  {i.id}  {i.next.action if i.next else ''}" for i in found)
    raise FatalError(
        msg(
            "{n_found} open next steps with {name}; give one id:\n{listed}",
            n_found=str(len(found)),
            name=str(ledger.name(cid)),
            listed=listed,
        )
    )


def run(env: Env, ref: str, reason: str, do_commit: bool, out: TextIO) -> int:
    match = _REF.fullmatch(ref.strip())
    if match is None or not reason.strip():
        raise FatalError(
            msg("use an interaction id (or a contact), #N for its N-th promise, and --reason")
        )
    ledger = open_ledger(env).ledger
    iid = match.group("id").removesuffix(".yaml").rsplit("/", 1)[-1]
    number = int(match.group("n")) if match.group("n") else None
    interaction = ledger.interactions.get(iid)
    if interaction is None:
        if number is not None:
            raise FatalError(
                msg("no interaction {iid}: #N goes with an interaction id", iid=repr(iid))
            )
        interaction = _with_open_step(ledger, resolve_contact(ledger, iid), env)
    day = env.as_of
    at: tuple[str, int | None]
    if number is None:
        step = interaction.next
        if step is None:
            raise FatalError(
                msg(
                    "{id} plans no next step (a promise: {id}#N)",
                    id=interaction.id,
                )
            )
        if step.dropped is not None:
            raise FatalError(
                msg(
                    "{id}: its next step was dropped on {dropped}",
                    id=interaction.id,
                    dropped=step.dropped,
                ),
                1,
            )
        what, at = step.action, ("next", None)
    else:
        if not 1 <= number <= len(interaction.promised):
            raise FatalError(
                msg_n(
                    "{id} has {n} promise",
                    "{id} has {n} promises",
                    len(interaction.promised),
                    id=interaction.id,
                )
            )
        promise = interaction.promised[number - 1]
        if promise.done is not None or promise.dropped is not None:
            state = f"kept on {promise.done}" if promise.done else f"dropped on {promise.dropped}"
            raise FatalError(
                msg(
                    "{id}#{number} is already {state}",
                    id=interaction.id,
                    number=number,
                    state=state,
                ),
                1,
            )
        what, at = promise.what, ("promised", number - 1)

    def change(data: CommentedMap) -> None:
        target = data[at[0]] if at[1] is None else data[at[0]][at[1]]
        order = KEY_ORDER[str(at[0])]
        insert_key(target, "dropped", day, order)
        insert_key(target, "reason", reason.strip(), order)

    writes = Writes(ledger.root)
    data = writes.edited(interaction.path, "interaction", change)
    assert data is not None
    writes.replace(interaction.path, data)
    tr = env.tr()
    if number is None:
        line = tr(
            "{path}: next step dropped on {date}: {what}",
            path=interaction.path,
            date=day,
            what=what,
        )
    else:
        line = tr(
            "{path}: promise #{number} dropped on {date}: {what}",
            path=interaction.path,
            number=number,
            date=day,
            what=what,
        )
    out.write(escape(line) + "\n")
    if do_commit:
        writes.commit(env, f"drop: {what} ({reason.strip()})")
    return 0
