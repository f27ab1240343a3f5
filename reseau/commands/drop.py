"""`reseau drop REF[#N] --reason TEXT`: give up a next step (REF) or a promise (REF#N):
`dropped: <as-of>` and `reason:` are added, the loop is closed and shown nowhere again."""

from __future__ import annotations

import re
from typing import TextIO

from ruamel.yaml.comments import CommentedMap

from reseau.commands.common import Env, open_ledger
from reseau.commands.rewrite import Writes, edited
from reseau.errors import FatalError
from reseau.formats import escape
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
        raise FatalError(f"no open next step with {ledger.name(cid)}")
    listed = "\n".join(f"  {i.id}  {i.next.action if i.next else ''}" for i in found)
    raise FatalError(
        f"{len(found)} open next steps with {ledger.name(cid)}; give one id:\n{listed}"
    )


def run(env: Env, ref: str, reason: str, do_commit: bool, out: TextIO) -> int:
    match = _REF.fullmatch(ref.strip())
    if match is None or not reason.strip():
        raise FatalError(
            "use an interaction id (or a contact), #N for its N-th promise, and --reason"
        )
    ledger = open_ledger(env).ledger
    iid = match.group("id").removesuffix(".yaml").rsplit("/", 1)[-1]
    number = int(match.group("n")) if match.group("n") else None
    interaction = ledger.interactions.get(iid)
    if interaction is None:
        if number is not None:
            raise FatalError(f"no interaction {iid!r}: #N goes with an interaction id")
        interaction = _with_open_step(ledger, resolve_contact(ledger, iid), env)
    day = env.as_of
    at: tuple[str, int | None]
    if number is None:
        step = interaction.next
        if step is None:
            raise FatalError(f"{interaction.id} plans no next step (a promise: {interaction.id}#N)")
        if step.dropped is not None:
            raise FatalError(f"{interaction.id}: its next step was dropped on {step.dropped}", 1)
        what, at = step.action, ("next", None)
    else:
        if not 1 <= number <= len(interaction.promised):
            raise FatalError(f"{interaction.id} has {len(interaction.promised)} promise(s)")
        promise = interaction.promised[number - 1]
        if promise.done is not None or promise.dropped is not None:
            state = f"kept on {promise.done}" if promise.done else f"dropped on {promise.dropped}"
            raise FatalError(f"{interaction.id}#{number} is already {state}", 1)
        what, at = promise.what, ("promised", number - 1)

    def change(data: CommentedMap) -> None:
        target = data[at[0]] if at[1] is None else data[at[0]][at[1]]
        order = KEY_ORDER[str(at[0])]
        insert_key(target, "dropped", day, order)
        insert_key(target, "reason", reason.strip(), order)

    data = edited(ledger.root, interaction.path, "interaction", change)
    assert data is not None
    writes = Writes(ledger.root)
    writes.replace(interaction.path, data)
    kind = "next step" if number is None else f"promise #{number}"
    out.write(escape(f"{interaction.path}: {kind} dropped on {day}: {what}") + "\n")
    if do_commit:
        writes.commit(env, f"drop: {what} ({reason.strip()})")
    return 0
