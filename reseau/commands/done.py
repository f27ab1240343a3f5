"""`reseau done REF`: mark a promise kept, changing only the line that says so."""

from __future__ import annotations

import copy
import re
import sys
from typing import TextIO

from ruamel.yaml.comments import CommentedMap

from reseau.commands.common import Env, open_ledger
from reseau.commands.writing import commit, suggestion
from reseau.errors import FatalError
from reseau.formats import escape
from reseau.i18n import Msg, msg, msg_n
from reseau.parse import parse_document
from reseau.records import Interaction, Promise
from reseau.store import KEY_ORDER, read_snapshot, replace_atomic
from reseau.yamledit import EditError, edit, insert_key

_REF = re.compile(r"(?P<id>[^#\s]+)(?:#(?P<n>[0-9]+))?")


def _listing(interaction: Interaction) -> str:
    lines = []
    for promise in interaction.promised:
        state = (
            f"kept on {promise.done}"
            if promise.done
            else (f"due {promise.due}" if promise.due else "open")
        )
        lines.append(f"  {interaction.id}#{promise.index + 1}  {promise.what} ({state})")
    return "\n".join(lines)


def choose(interaction: Interaction, number: int | None) -> Promise:
    """The promise REF names; FatalError (exit 2, or 1 when already kept) otherwise."""
    promises = interaction.promised
    if not promises:
        raise FatalError(msg("{id} holds no promise", id=interaction.id))
    if number is not None:
        if not 1 <= number <= len(promises):
            raise FatalError(
                msg_n(
                    "{id} has {n} promise:\n{listing}",
                    "{id} has {n} promises:\n{listing}",
                    len(promises),
                    id=interaction.id,
                    listing=str(_listing(interaction)),
                )
            )
        chosen = promises[number - 1]
    elif len(promises) == 1:
        chosen = promises[0]
    else:
        still = [p for p in promises if p.done is None]
        if len(still) == 1:
            return still[0]
        if not still:
            raise FatalError(
                msg(
                    "every promise of {id} is already kept:\n{listing}",
                    id=interaction.id,
                    listing=str(_listing(interaction)),
                ),
                1,
            )
        raise FatalError(
            msg(
                "{id} has {n_still} open promises; say which with #N:\n{listing}",
                id=interaction.id,
                n_still=str(len(still)),
                listing=str(_listing(interaction)),
            )
        )
    if chosen.done is not None:
        raise FatalError(
            msg(
                "{id}#{number} is already kept on {done}",
                id=interaction.id,
                number=chosen.index + 1,
                done=chosen.done,
            ),
            1,
        )
    return chosen


def run(env: Env, ref: str, do_commit: bool, out: TextIO, err: TextIO | None = None) -> int:
    match = _REF.fullmatch(ref.strip())
    if match is None:
        raise FatalError(
            msg(
                "{ref}: use an interaction id, with #N for its N-th promise (e.g. 2016-04-08-meeting-helene-dupre#1)",
                ref=repr(ref),
            )
        )
    ledger = open_ledger(env).ledger
    iid = match.group("id").removesuffix(".yaml").rsplit("/", 1)[-1]
    interaction = ledger.interactions.get(iid)
    if interaction is None:
        known = [f.stem for f in ledger.files if f.kind == "interaction"]
        if iid in known:
            hint: Msg | str = msg(" (its file has problems: run reseau check)")
        else:
            hint = suggestion(iid, ledger.interactions)
        raise FatalError(msg("no interaction {id}{hint}", id=repr(iid), hint=hint))
    promise = choose(interaction, int(match.group("n")) if match.group("n") else None)
    rel = interaction.path

    def mark(data: CommentedMap) -> None:
        insert_key(data["promised"][promise.index], "done", env.as_of, KEY_ORDER["promised"])

    try:
        snapshot = read_snapshot(ledger.root, rel)
    except OSError as exc:
        raise FatalError(
            msg("{rel}: cannot read the file: {exc}", rel=rel, exc=str(exc.strerror or exc))
        ) from None
    try:
        data = edit(snapshot.data, mark)
    except (EditError, KeyError, IndexError, TypeError) as exc:
        raise FatalError(msg("{rel}: cannot edit the file: {exc}", rel=rel, exc=str(exc))) from None
    expected = copy.deepcopy(ledger.value(interaction.path))
    expected["promised"][promise.index]["done"] = env.as_of.isoformat()
    if parse_document(data).value != expected:
        raise FatalError(
            msg(
                "{rel}: could not add the line safely; add `done: {as_of}` by hand",
                rel=rel,
                as_of=env.as_of,
            )
        )
    replace_atomic(ledger.root, rel, data, expected=snapshot)
    out.write(
        escape(
            env.tr()(
                "{path}: promise #{number} kept on {date}: {what}",
                path=rel,
                number=promise.index + 1,
                date=env.as_of,
                what=promise.what,
            )
        )
        + "\n"
    )
    if do_commit:
        message = f"done: {promise.what} ({ledger.name(interaction.with_[0])})"
        commit(env, [rel], message, sys.stderr if err is None else err)
    return 0
