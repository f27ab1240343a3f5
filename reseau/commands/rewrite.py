"""What the commands that change existing records share: a round-trip edit checked against
the value it must give, the schema check, moves and removals with Git's semantics, and the
list of paths `--commit` commits."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from reseau.commands.common import Env
from reseau.errors import FatalError
from reseau.i18n import ENGLISH, msg
from reseau.parse import parse_document
from reseau.store import (
    OutsideLedger,
    Snapshot,
    ledger_path,
    make_folder,
    move_new,
    read_snapshot,
    remove_file,
    replace_atomic,
)
from reseau.yamledit import EditError, edit, insert_key, load

Change = Callable[[CommentedMap], None]


def plain(value: Any) -> Any:
    """A round-trip value as parse_document gives it: dicts, lists, text dates."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    return value


def edited(
    root: Path, rel: str, kind: str, change: Change, reads: dict[str, Snapshot] | None = None
) -> bytes | None:
    """The file's new bytes after change (only the lines it touches differ), or None when
    the change leaves its value as it was. FatalError when the result would not be exactly
    the intended value, or would break the record's schema: nothing is written then.
    reads keeps what was read, so that the write can check the file is still that one."""
    try:
        snapshot = read_snapshot(root, rel)
        data = snapshot.data
        if reads is not None:
            reads[rel] = snapshot
        doc = load(data)
        before = plain(doc.data)
        change(doc.data)
        wanted = plain(doc.data)
        if wanted == before:
            return None
        result = edit(data, change)
    except OSError as exc:
        raise FatalError(
            msg("{rel}: cannot read the file: {exc}", rel=rel, exc=str(exc.strerror or exc))
        ) from None
    except (EditError, KeyError, IndexError, TypeError) as exc:
        raise FatalError(msg("{rel}: cannot edit the file: {exc}", rel=rel, exc=str(exc))) from None
    if parse_document(result).value != wanted:
        raise FatalError(msg("{rel}: could not change the file safely; nothing written", rel=rel))
    check_bytes(rel, kind, result)
    return result


def check_bytes(rel: str, kind: str, data: bytes) -> None:
    """Refuse (exit 2) content that would break the record's schema."""
    from reseau.load import read_record

    problems = read_record(kind, data).problems
    if problems:
        raise FatalError(
            "\n".join(f"{rel} would be invalid: {ENGLISH.render(p[3])}" for p in problems)
        )


def set_key(mapping: CommentedMap, key: str, value: Any, order: Iterable[str]) -> None:
    """Give key a value: in place when it is there (its comment stays), else at its
    canonical place."""
    if key in mapping:
        mapping[key] = value
    else:
        insert_key(mapping, key, value, order)


def add_items(mapping: CommentedMap, key: str, items: Iterable[Any], order: Iterable[str]) -> None:
    """Append the items the list at key lacks (a new list is a flow list)."""
    from reseau.yamledit import flow_list

    new = [item for item in dict.fromkeys(items)]
    if not new:
        return
    current = mapping.get(key)
    if isinstance(current, CommentedSeq):
        for item in new:
            if item not in current:
                current.append(item)
    else:
        set_key(mapping, key, flow_list(new), order)


def remove_items(mapping: CommentedMap, key: str, items: Iterable[Any]) -> None:
    """Remove the items from the list at key; an emptied list is removed."""
    current = mapping.get(key)
    if not isinstance(current, CommentedSeq):
        return
    for item in items:
        while item in current:
            del current[current.index(item)]
    if not current:
        delete_key(mapping, key)


def delete_key(mapping: CommentedMap, key: str) -> None:
    """Remove key and its line; the comment and blank lines that followed it stay, attached
    to the key before (ruamel.yaml would drop them with the key)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    keys = list(mapping.keys())
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    del mapping[key]
    if not isinstance(token, CommentToken):
        return
    cut = token.value.find("\n")
    rest = token.value[cut + 1 :] if cut >= 0 else ""
    index = keys.index(key)
    if not rest or index == 0:
        return
    previous = keys[index - 1]
    before = mapping.ca.items.get(previous)
    if before and len(before) > 2 and isinstance(before[2], CommentToken):
        before[2].value += rest
    elif not isinstance(mapping[previous], (CommentedMap, CommentedSeq)):
        mapping.ca.items[previous] = [
            None,
            None,
            CommentToken("\n" + rest, CommentMark(0), None),
            None,
        ]


@dataclass
class Writes:
    """What a command wrote, for its report and `--commit` (removed paths included)."""

    root: Path
    paths: list[str] = field(default_factory=list)
    reads: dict[str, Snapshot] = field(default_factory=dict)  # what edits read, by path

    def note(self, *paths: str) -> None:
        for path in paths:
            if path not in self.paths:
                self.paths.append(path)

    def edited(self, rel: str, kind: str, change: Change) -> bytes | None:
        """edited(), remembering what was read for replace()."""
        return edited(self.root, rel, kind, change, self.reads)

    def replace(self, rel: str, data: bytes, expected: Snapshot | None = None) -> None:
        """Replace the file, only if it is still the one read (Changed, exit 2, otherwise)."""
        replace_atomic(self.root, rel, data, expected or self.reads.pop(rel, None))
        self.note(rel)

    def move(self, old: str, new: str) -> None:
        """Move a record (git mv when it is tracked); refuses to overwrite."""
        if move_file(self.root, old, new):
            self.note(old)  # Git commits the move: the old name goes
        elif old in self.paths:
            self.paths.remove(old)  # never in Git: nothing to commit under that name
        self.note(new)

    def remove(self, rel: str) -> None:
        """Delete a record (git rm when it is tracked)."""
        from reseau.gitsource import in_work_tree

        if in_work_tree(self.root):
            from reseau.gitops import remove_tracked, tracked

            if tracked(self.root, rel):
                remove_tracked(self.root, rel)
                self.note(rel)
                return
        remove_file(self.root, rel)
        if rel in self.paths:
            self.paths.remove(rel)

    def commit(self, env: Env, message: str) -> None:
        """`--commit` of everything written, under the hook policy (what is left to do goes
        to stderr, as for `log --commit`)."""
        from reseau.commands.writing import commit

        if self.paths:
            commit(env, self.paths, message, sys.stderr)


def move_file(root: Path, old: str, new: str) -> bool:
    """old → new inside the ledger, never over an existing file; `git mv` when old is tracked
    (the index records the move: True), else a plain rename (False)."""
    try:
        ledger_path(root, old)
        target = ledger_path(root, new)
    except OutsideLedger as exc:
        raise FatalError(str(exc)) from None
    if target.exists():
        raise FatalError(msg("{new} already exists", new=new))
    from reseau.gitsource import in_work_tree

    if in_work_tree(root):
        from reseau.gitops import move_tracked, tracked

        if tracked(root, old):
            if "/" in new:
                make_folder(root, new.rsplit("/", 1)[0])
            move_tracked(root, old, new)
            return True
    # A hard link claims the new name atomically and exclusively; then the old name goes.
    # Killed in between, both names hold the same bytes: a second run drops the old one.
    try:
        move_new(root, old, new)
    except FileExistsError:
        raise FatalError(msg("{path} already exists", path=new)) from None
    return False
