"""What the writing commands share: id suggestions, new record files, --commit."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from reseau.errors import FatalError
from reseau.i18n import ENGLISH, Msg, msg
from reseau.ledger import Ledger
from reseau.store import KEY_ORDER, OutsideLedger, create_exclusive, with_modeline
from reseau.yamledit import render

if TYPE_CHECKING:
    from reseau.commands.common import Env

MAX_TRIES = 1000


class Prompter(Protocol):
    """The terminal, when there is one: questions and the editor (Click in the CLI)."""

    @property
    def interactive(self) -> bool: ...

    def confirm(self, text: str) -> bool: ...

    def prompt(self, text: str, default: str) -> str: ...

    def edit(self, text: str) -> str | None: ...


class NoTerminal:
    """No questions can be asked: every question is a usage error."""

    interactive = False

    def confirm(self, text: str) -> bool:
        return False

    def prompt(self, text: str, default: str) -> str:
        return default

    def edit(self, text: str) -> str | None:
        raise FatalError(msg("--edit needs a terminal"))


def suggestion(word: str, candidates: Iterable[str]) -> Msg | str:
    """` (did you mean a or b?)`, or nothing."""
    from reseau.present import joined

    close = difflib.get_close_matches(word, sorted(set(candidates)), n=3, cutoff=0.6)
    return msg(" (did you mean {ids}?)", ids=joined(close)) if close else ""


def require_contacts(ledger: Ledger, ids: Iterable[str], option: str = "") -> None:
    """FatalError (exit 2) naming every unknown contact id, with the closest known ones."""
    unknown = [cid for cid in dict.fromkeys(ids) if cid not in ledger.contact_ids]
    if unknown:
        where = f"{option}: " if option else ""
        lines = [
            msg(
                "{where}no contact {ref} in the ledger{hint}",
                where=where,
                ref=repr(cid),
                hint=suggestion(cid, ledger.contact_ids),
            )
            for cid in unknown
        ]
        message = lines[-1]
        for line in reversed(lines[:-1]):
            message = msg("{first}\n{rest}", first=line, rest=message)
        raise FatalError(message)


def record_text(kind: str, rel: str, values: Mapping[str, Any]) -> str:
    """A new record's text: the schema modeline, then the fields in the documented order (docs/ledger-format.md)."""
    return with_modeline(render(values, KEY_ORDER[kind]), rel, kind)


def check_record(kind: str, text: str) -> None:
    """Refuse (exit 2) a record that would break its schema, e.g. from a bad option value."""
    from reseau.load import read_record

    doc = read_record(kind, text.encode("utf-8"))
    if doc.problems:
        raise FatalError(
            "\n".join(
                f"the new {kind} would be invalid: {ENGLISH.render(p[3])}" for p in doc.problems
            )
        )


def create_record(
    root: Path, folder: str, stem: str, kind: str, values: Mapping[str, Any], exact: bool = False
) -> str:
    """Write a new record at folder/stem.yaml, or stem-2, stem-3, … when taken.

    Names are claimed with O_EXCL, so concurrent writers never share a file.
    With exact, a taken name is an error instead.
    """
    for n in range(1, MAX_TRIES + 1):
        name = stem if n == 1 else f"{stem}-{n}"
        rel = f"{folder}/{name}.yaml"
        text = record_text(kind, rel, values)
        check_record(kind, text)
        try:
            create_exclusive(root, rel, text)
        except FileExistsError:
            if exact:
                raise FatalError(msg("{rel} already exists", rel=rel)) from None
            continue
        except OutsideLedger as exc:
            raise FatalError(str(exc)) from None
        except OSError as exc:
            raise FatalError(
                msg("cannot write {rel}: {strerror}", rel=rel, strerror=str(exc.strerror))
            ) from None
        return rel
    raise FatalError(
        msg(
            "{folder}/{stem}.yaml: every name up to -{max_tries} is taken",
            folder=folder,
            stem=stem,
            max_tries=MAX_TRIES,
        )
    )


def commit(env: Env, paths: Sequence[str], message: str, err: TextIO) -> None:
    """`--commit`: commit exactly these ledger files, under the hook policy (docs/cli.md).

    Integrity errors refuse the commit (the files stay written); method problems never
    do, whatever reseau.yaml's hooks.block says for the commits one makes by hand: the
    command tells reseau's hooks so ($RESEAU_BLOCK) and prints what is left to do.
    """
    from reseau import formats, policy
    from reseau.commands.check import BLOCK_VARIABLE
    from reseau.commands.common import findings, open_ledger

    try:
        from reseau.gitops import commit_files
    except ImportError:
        raise FatalError(
            msg("--commit needs Git support (reseau.gitops), which is not installed")
        ) from None
    loaded = open_ledger(env)
    problems = findings(loaded, env.as_of)[0]
    refused = policy.blocking(problems, "integrity")
    if refused:
        raise FatalError(
            msg(
                "wrote {paths} but did not commit: the ledger's integrity is broken "
                "(fix these, then commit):\n{problems}",
                paths=", ".join(paths),
                problems=formats.text(refused).rstrip(),
            ),
            1,
        )
    try:
        commit_files(loaded.ledger.root, list(paths), message, {BLOCK_VARIABLE: "integrity"})
    except FatalError as exc:
        raise FatalError(
            msg(
                "wrote {paths} but did not commit: {message}",
                paths=str(", ".join(paths)),
                message=exc.message,
            ),
            exc.code,
        ) from None
    err.write(policy.summary(problems, "integrity"))
