"""`reseau edit REF`: a record (contact, interaction, opportunity or reseau.yaml) in
$VISUAL/$EDITOR, re-opened with its problems on top until it is sound (as `log --edit`).
The ledger is read again on every save, so a record created meanwhile in another shell
counts; a buffer saved unchanged writes nothing."""

from __future__ import annotations

from typing import Any, TextIO

from reseau.commands.common import Env, open_ledger
from reseau.commands.edit_log import MARK, is_empty
from reseau.commands.rewrite import Writes
from reseau.commands.writing import Prompter
from reseau.discover import SETTINGS_FILE, classify
from reseau.errors import FatalError
from reseau.i18n import ENGLISH, msg
from reseau.ledger import Ledger
from reseau.refs import resolve_contact
from reseau.store import read_snapshot

HEADER = f"{MARK} the record has problems; fix them, or quit without saving to keep the file:"


def record_of(ledger: Ledger, ref: str) -> tuple[str, str]:
    """(path, kind) of the file REF names: reseau.yaml, a ledger path, an interaction or
    opportunity id, or a contact REF."""
    text = ref.strip()
    if text in (SETTINGS_FILE, "settings"):
        return SETTINGS_FILE, "settings"
    known = {f.path: f.kind for f in ledger.files}
    if text in known and known[text] != "unknown":
        return text, known[text]
    stem = text.removesuffix(".yaml").rsplit("/", 1)[-1]
    by_stem: dict[str, list[tuple[str, str]]] = {}
    for file in ledger.files:
        if file.kind in ("contact", "interaction", "opportunity"):
            by_stem.setdefault(file.stem, []).append((file.path, file.kind))
    if len(by_stem.get(stem, ())) == 1:
        return by_stem[stem][0]
    if len(by_stem.get(stem, ())) > 1:
        listed = "\n".join(f"  {path}" for path, _ in by_stem[stem])
        raise FatalError(
            msg(
                "{stem} names several files; give the path:\n{listed}",
                stem=repr(stem),
                listed=listed,
            )
        )
    cid = resolve_contact(ledger, text)
    return f"contacts/{cid}.yaml", "contact"


def _unknown(ledger: Ledger, kind: str, value: dict[str, Any]) -> list[str]:
    """References the record makes to nothing (L001), as messages."""
    if kind == "interaction":
        from reseau.commands.log import _known_problems

        return _known_problems(ledger, value)
    field = {"contact": "introduced_by", "opportunity": "via"}.get(kind)
    cid = value.get(field) if field else None
    if isinstance(cid, str) and cid not in ledger.contact_ids:
        return [f"{field}: no contact {cid!r} in the ledger"]
    return []


def problems_of(env: Env, kind: str, text: str, offset: int = 0) -> list[str]:
    """The record's problems, their lines as the user will see them (after offset lines)."""
    from reseau.load import read_record

    doc = read_record(kind, text.encode("utf-8"))
    if doc.problems:
        return [
            f"line {line + offset}, column {column}: {ENGLISH.render(message)}"
            for _rule, line, column, message in doc.problems
        ]
    if not isinstance(doc.value, dict):
        return ["the record must be a mapping (key: value lines)"]
    return _unknown(open_ledger(env).ledger, kind, doc.value)  # read again: it may have changed


def _without_header(text: str) -> str:
    """The buffer without the problem lines reseau put on top."""
    lines = text.split("\n")
    while lines and lines[0].startswith(MARK):
        lines.pop(0)
    return "\n".join(lines)


def run(env: Env, ref: str, do_commit: bool, prompter: Prompter, out: TextIO) -> int:
    ledger = open_ledger(env).ledger
    rel, kind = record_of(ledger, ref)
    if classify(rel) is None and rel != SETTINGS_FILE:
        raise FatalError(msg("{rel}: not a ledger record", rel=rel))
    try:
        snapshot = read_snapshot(ledger.root, rel)
        original = snapshot.data.decode("utf-8")
    except OSError as exc:
        raise FatalError(
            msg("{rel}: cannot read the file: {exc}", rel=rel, exc=str(exc.strerror or exc))
        ) from None
    except UnicodeDecodeError as exc:
        raise FatalError(msg("{rel}: cannot read the file: {exc}", rel=rel, exc=str(exc))) from None
    buffer = original
    while True:
        result = prompter.edit(buffer)
        if result is None:
            out.write(env.tr()("{path}: unchanged", path=rel) + "\n")
            return 0
        record = _without_header(result)
        if record == original:
            out.write(env.tr()("{path}: unchanged", path=rel) + "\n")
            return 0
        if is_empty(record):
            out.write(
                env.tr()(
                    "{path}: emptied in the editor: nothing written (delete the file with git rm)",
                    path=rel,
                )
                + "\n"
            )
            return 1
        problems = problems_of(env, kind, record)
        if not problems:
            break
        problems = problems_of(env, kind, record, 1 + len(problems))
        newline = "\r\n" if "\r\n" in record else "\n"
        top = [HEADER] + [f"{MARK}   {p}" for p in problems]
        buffer = newline.join(top) + newline + record
    writes = Writes(ledger.root)
    writes.replace(rel, record.encode("utf-8"), snapshot)  # unless changed meanwhile
    out.write(f"{rel}\n")
    if do_commit:
        writes.commit(env, f"edit: {rel}")
    return 0
