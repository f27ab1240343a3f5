"""The results cache: a ledger's problems and open loops as of a day, kept while its
content does not change.

`reseau report` right after `reseau check` (or the pre-commit hook) asks the
rules the same question about the same files: the problems and the loops are
pure functions of the listed paths, the files' contents, the as-of day and
reseau's version, which `DocCache.digest` and the day name together. A small
file beside the parse cache keeps the problems and the open loops (what the
report reads) of the last two (digest, day) pairs, marshalled and CRC-checked
like it; anything wrong with it and the rules simply run.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from reseau.cache import cache_file, frame, unframe
from reseau.ledger import Ledger
from reseau.loops import Loop
from reseau.problems import LEVELS, Problem
from reseau.records import Interaction, Opportunity

KEEP = 2  # (digest, day) pairs kept: the last two ledger states or days
Entry = tuple[bytes, list[tuple[Any, ...]], list[tuple[Any, ...]]]
Findings = tuple[list[Problem], list[Loop]]  # problems, open loops


def results_file(root: Path) -> Path:
    path = cache_file(root)
    return path.with_name(path.stem + ".results")


def _key(digest: bytes, as_of: dt.date) -> bytes:
    return digest + as_of.isoformat().encode("ascii")


def _entries(path: Path) -> list[Entry]:
    try:
        with open(path, "rb") as handle:
            entries = marshal.loads(unframe(handle.read()))
    except Exception:  # missing, corrupt, foreign: no results
        return []
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, tuple) and len(e) == 3
            and isinstance(e[0], bytes) and isinstance(e[1], list) and isinstance(e[2], list)]


def load(root: Path, digest: bytes, as_of: dt.date, ledger: Ledger) -> Findings | None:
    """The problems and open loops stored for this content and day, or None."""
    key = _key(digest, as_of)
    for found, rows, loop_rows in _entries(results_file(root)):
        if found != key:
            continue
        try:
            problems = [Problem(*row) for row in rows]
            loops = [Loop.make(kind, _opener(ledger, path), _day(opened), _day(due), people,
                               subject, action, at, None)
                     for kind, path, opened, due, people, subject, action, at in loop_rows]
        except (TypeError, ValueError, KeyError):
            return None
        if all(p.level in LEVELS and isinstance(p.line, int) for p in problems):
            return problems, loops
        return None
    return None


_day = dt.date.fromordinal


def _opener(ledger: Ledger, path: str) -> Interaction | Opportunity:
    record = ledger.by_path[path]
    if isinstance(record, (Interaction, Opportunity)):
        return record
    raise KeyError(path)


def save(root: Path, digest: bytes, as_of: dt.date, problems: list[Problem],
         open_loops: list[Loop]) -> None:
    """Remember these findings first, dropping the oldest pairs beyond KEEP."""
    path = results_file(root)
    key = _key(digest, as_of)
    rows = [(p.path, p.line, p.column, p.rule, p.name, p.level, p.message) for p in problems]
    loop_rows = [(lp.kind, lp.path, lp.opened.toordinal(), lp.due.toordinal(), lp.people,
                  lp.subject, lp.action, lp.at) for lp in open_loops]
    entries = [(key, rows, loop_rows)] + [e for e in _entries(path) if e[0] != key][:KEEP - 1]
    try:
        data = frame(marshal.dumps(entries))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
