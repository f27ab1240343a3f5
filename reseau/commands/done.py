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
from reseau.parse import parse_document
from reseau.records import Interaction, Promise
from reseau.store import KEY_ORDER, replace_atomic
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
        raise FatalError(f"{interaction.id} holds no promise")
    if number is not None:
        if not 1 <= number <= len(promises):
            raise FatalError(
                f"{interaction.id} has {len(promises)} promise(s):\n{_listing(interaction)}"
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
                f"every promise of {interaction.id} is already kept:\n{_listing(interaction)}", 1
            )
        raise FatalError(
            f"{interaction.id} has {len(still)} open promises; say which with #N:\n"
            f"{_listing(interaction)}"
        )
    if chosen.done is not None:
        raise FatalError(f"{interaction.id}#{chosen.index + 1} is already kept on {chosen.done}", 1)
    return chosen


def run(env: Env, ref: str, do_commit: bool, out: TextIO, err: TextIO | None = None) -> int:
    match = _REF.fullmatch(ref.strip())
    if match is None:
        raise FatalError(
            f"{ref!r}: use an interaction id, with #N for its N-th promise "
            "(e.g. 2016-04-08-meeting-helene-dupre#1)"
        )
    ledger = open_ledger(env).ledger
    iid = match.group("id").removesuffix(".yaml").rsplit("/", 1)[-1]
    interaction = ledger.interactions.get(iid)
    if interaction is None:
        known = [f.stem for f in ledger.files if f.kind == "interaction"]
        broken = " (its file has problems: run reseau check)" if iid in known else ""
        raise FatalError(f"no interaction {iid!r}{broken or suggestion(iid, ledger.interactions)}")
    promise = choose(interaction, int(match.group("n")) if match.group("n") else None)
    rel = interaction.path

    def mark(data: CommentedMap) -> None:
        insert_key(data["promised"][promise.index], "done", env.as_of, KEY_ORDER["promised"])

    try:
        data = edit((ledger.root / rel).read_bytes(), mark)
    except (EditError, OSError, KeyError, IndexError, TypeError) as exc:
        raise FatalError(f"{rel}: cannot edit the file: {exc}") from None
    expected = copy.deepcopy(ledger.value(interaction.path))
    expected["promised"][promise.index]["done"] = env.as_of.isoformat()
    if parse_document(data).value != expected:
        raise FatalError(f"{rel}: could not add the line safely; add `done: {env.as_of}` by hand")
    replace_atomic(ledger.root, rel, data)
    out.write(
        escape(f"{rel}: promise #{promise.index + 1} kept on {env.as_of}: {promise.what}") + "\n"
    )
    if do_commit:
        message = f"done: {promise.what} ({ledger.name(interaction.with_[0])})"
        commit(env, [rel], message, sys.stderr if err is None else err)
    return 0
