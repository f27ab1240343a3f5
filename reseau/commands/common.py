"""What every command needs: the ledger root, the as-of day, the loaded ledger."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reseau.discover import FileSource, WorkTree, find_root
from reseau.errors import FatalError
from reseau.load import DocCache, Loaded, load_ledger
from reseau.problems import Problem

if TYPE_CHECKING:
    from reseau.loops import Loop


@dataclass(frozen=True)
class Env:
    """Global options: --ledger, --as-of, the working directory."""

    ledger: Path | None
    as_of: dt.date
    cwd: Path
    no_cache: bool = False

    def root(self) -> Path:
        from reseau.discover import LedgerNotFound

        try:
            return find_root(self.cwd, self.ledger)
        except LedgerNotFound as exc:
            raise FatalError(str(exc)) from None


def open_cache(env: Env, root: Path) -> DocCache | None:
    """The parse cache, unless --no-cache."""
    if env.no_cache:
        return None
    from reseau.cache import open_cache as open_

    return open_(root)


# The last ledger opened, and its cache: kept alive so that `reseau.cli.leave` can exit
# without freeing them (see there). At most one is kept, so a long-lived caller (tests
# calling commands many times) holds one ledger, not all of them.
_KEPT: list[object] = []


def open_ledger(env: Env, staged: bool = False) -> Loaded:
    """Index the whole ledger, from the work tree (Git-aware) or from Git's index."""
    from reseau.gitsource import ledger_source  # imports this module: keep it here

    root = env.root()
    source = ledger_source(root, staged) or WorkTree(root)
    scanned = None if env.no_cache else _scan_aside(root, source)
    cache = open_cache(env, root)
    loaded = load_ledger(root, source, cache, scanned)
    _KEPT[:] = [loaded, cache]
    return loaded


SCAN_ASIDE_BYTES = 8 * 1024 * 1024  # a cache this big: ~8,000 files or more


def _scan_aside(root: Path, source: FileSource) -> Callable[[], object] | None:
    """On a large ledger, list and stat the files in a helper process while this one loads
    the parse cache (both take a few tenths of a second there); None: do it in line."""
    from reseau import parallel
    from reseau.cache import cache_file
    from reseau.load import disk_root, scan

    folder = disk_root(source)
    if folder is None or not parallel.can_fork():
        return None
    try:
        if cache_file(root).stat().st_size < SCAN_ASIDE_BYTES:
            return None
    except (OSError, RuntimeError):
        return None
    return parallel.start(lambda: scan(source, os.fspath(folder)))


def findings(loaded: Loaded, as_of: dt.date) -> tuple[list[Problem], list[Loop]]:
    """Every problem of the ledger as of a day (engine.check_ledger) and its open loops,
    reused from the results cache when this very content was checked as of this day."""
    from reseau import engine, results

    ledger, digest = loaded.ledger, loaded.digest
    if digest is not None:
        found = results.load(ledger.root, digest, as_of, ledger)
        if found is not None:
            return found
    problems, open_loops = engine.findings(ledger, loaded.problems, as_of)
    if digest is not None:
        results.save(ledger.root, digest, as_of, problems, open_loops)
    return problems, open_loops
