"""The results cache: a ledger's problems and open loops as of a day, kept while its
content does not change.

`reseau report` right after `reseau check` (or the pre-commit hook) asks the
rules the same question about the same files: the problems and the loops are
pure functions of the listed paths, the files' contents, the as-of day and
reseau's version, which `DocCache.digest` and the day name together. A small
folder beside the parse cache keeps the problems and the open loops (what the
report reads) of the last two (digest, day) pairs, a file each, marshalled and
CRC-checked like the cache; anything wrong with one and the rules simply run.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
from pathlib import Path

from reseau.cache import cache_file, contents, frame, unframe, write_file
from reseau.ledger import Ledger
from reseau.loops import Loop, from_rows, open_rows
from reseau.problems import LEVELS, Problem

KEEP = 2  # (digest, day) pairs kept: the last two ledger states or days
Findings = tuple[list[Problem], list[Loop]]  # problems, open loops


def results_dir(root: Path) -> Path:
    """The folder of the ledger's kept results, beside its parse cache: a file per entry."""
    path = cache_file(root)
    return path.with_name(path.stem + ".results")


def _entry_file(root: Path, digest: bytes, as_of: dt.date) -> Path:
    return results_dir(root) / f"{digest.hex()}-{as_of.isoformat()}"


def load(root: Path, digest: bytes, as_of: dt.date, ledger: Ledger) -> Findings | None:
    """The problems and open loops stored for this content and day, or None."""
    data = contents(_entry_file(root, digest, as_of))
    if data is None:
        return None
    try:
        rows, loop_rows = marshal.loads(unframe(data))
        problems = [Problem(*row) for row in rows]
        loops = from_rows(ledger, loop_rows)
    except Exception:  # missing, corrupt, foreign: the rules run
        return None
    if all(p.level in LEVELS and isinstance(p.line, int) for p in problems):
        return problems, loops
    return None


def save(
    root: Path, digest: bytes, as_of: dt.date, problems: list[Problem], open_loops: list[Loop]
) -> None:
    """Keep these findings, and only the KEEP most recent entries."""
    try:
        data = frame(marshal.dumps(([p.as_row() for p in problems], open_rows(open_loops))))
    except ValueError:  # not marshallable: keep nothing
        return
    if write_file(_entry_file(root, digest, as_of), data):
        _prune(results_dir(root))


def _prune(folder: Path) -> None:
    """Drop all but the KEEP newest entries (and temporary files left by a crash)."""
    entries = []
    for entry in os.scandir(folder):
        try:
            entries.append((entry.stat().st_mtime_ns, entry.path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        try:
            os.unlink(path)
        except OSError:
            pass
