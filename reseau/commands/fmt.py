"""`reseau fmt [--check] [PATHS]`: canonical key order and layout, comments and quoting kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from reseau.commands.check import ledger_relative
from reseau.commands.common import Env
from reseau.discover import WorkTree
from reseau.i18n import ENGLISH, Translator
from reseau.layout import format_text
from reseau.parse import parse_document
from reseau.store import Refused, read_snapshot, replace_atomic

RECORD_KINDS = ("contact", "interaction", "opportunity", "settings")


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # "same" | "changed" | "refused"
    reason: str = ""
    text: bytes = b""


def format_file(rel: str, kind: str, data: bytes, tr: Translator = ENGLISH) -> Outcome:
    """What fmt would make of one file; it refuses files it cannot read or format safely."""
    before = parse_document(data)
    if before.problems or before.value is None:
        rule, line, column, message = (
            before.problems[0] if before.problems else ("Y001", 1, 1, "empty")
        )
        reason = tr(
            "{line}:{column}: {rule} {message}; fix it first",
            line=line,
            column=column,
            rule=rule,
            message=tr.render(message),
        )
        return Outcome(rel, "refused", reason)
    text = data.decode("utf-8")
    result = format_text(text, kind, rel).encode("utf-8")
    if result == data:
        return Outcome(rel, "same")
    after = parse_document(result)
    if after.problems or after.value != before.value:
        return Outcome(rel, "refused", tr("cannot reorder this layout safely; left as it is"))
    return Outcome(rel, "changed", text=result)


def run(env: Env, paths: tuple[str, ...], check: bool, out: TextIO, err: TextIO) -> int:
    root = env.root()
    tr = env.translator(root=root)
    prefixes = [ledger_relative(root, env.cwd, p) for p in paths]
    files = [
        f
        for f in WorkTree(root).list()
        if f.kind in RECORD_KINDS
        and (
            not prefixes
            or any(p == "" or f.path == p or f.path.startswith(p + "/") for p in prefixes)
        )
    ]
    code = 0
    for file in files:
        try:
            snapshot = read_snapshot(root, file.path)
        except Refused as exc:  # a link named like a record: what it points to is not ours
            err.write(f"{tr.render(exc.message)}\n")
            code = max(code, 1)
            continue
        except OSError as exc:
            err.write(
                tr("{path}: cannot read: {strerror}", path=file.path, strerror=exc.strerror) + "\n"
            )
            code = max(code, 1)
            continue
        outcome = format_file(file.path, file.kind, snapshot.data, tr)
        if outcome.status == "refused":
            err.write(
                f"{file.path}:{outcome.reason}\n"
                if outcome.reason[:1].isdigit()
                else f"{file.path}: {outcome.reason}\n"
            )
            code = max(code, 1)
        elif outcome.status == "changed":
            if check:
                out.write(tr("would reformat {path}", path=file.path) + "\n")
                code = max(code, 1)
                continue
            try:
                replace_atomic(root, file.path, outcome.text, expected=snapshot)
            except Refused as exc:  # changed meanwhile, a full disk, a read-only ledger
                err.write(f"{tr.render(exc.message)}\n")
                code = 2
                continue
            out.write(tr("reformatted {path}", path=file.path) + "\n")
    return code
