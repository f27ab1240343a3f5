"""The results cache: a ledger's problems as of a day, kept while its content does not change.

`reseau report` right after `reseau check` (or the pre-commit hook) asks the
rules the same question about the same files: the problems are a pure function
of the listed paths, the files' contents, the as-of day and reseau's version,
which `DocCache.digest` and the day name together. A small file beside the
parse cache keeps the problems of the last few (digest, day) pairs, marshalled
and CRC-checked like it; anything wrong with it and the rules simply run.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from reseau.cache import cache_file, frame, unframe
from reseau.problems import LEVELS, Problem

KEEP = 2  # (digest, day) pairs kept: the last two ledger states or days
Entry = tuple[bytes, list[tuple[Any, ...]]]


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
    return [e for e in entries if isinstance(e, tuple) and len(e) == 2
            and isinstance(e[0], bytes) and isinstance(e[1], list)]


def load(root: Path, digest: bytes, as_of: dt.date) -> list[Problem] | None:
    """The problems stored for this content and day, or None."""
    key = _key(digest, as_of)
    for found, rows in _entries(results_file(root)):
        if found != key:
            continue
        try:
            problems = [Problem(*row) for row in rows]
        except TypeError:
            return None
        if all(p.level in LEVELS and isinstance(p.line, int) for p in problems):
            return problems
        return None
    return None


def save(root: Path, digest: bytes, as_of: dt.date, problems: list[Problem]) -> None:
    """Remember these problems first, dropping the oldest pairs beyond KEEP."""
    path = results_file(root)
    key = _key(digest, as_of)
    rows = [(p.path, p.line, p.column, p.rule, p.name, p.level, p.message) for p in problems]
    entries = [(key, rows)] + [e for e in _entries(path) if e[0] != key][:KEEP - 1]
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
