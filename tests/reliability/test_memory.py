"""The run that fills the store holds little more than a run without it (issue 19, finding
9): new documents go to SQLite in batches while the ledger is read, not all at the end."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from benchmarks.generate import generate
from reseau.cache import Store, open_store
from reseau.load import load_ledger


def peak(root: Path, store: Store | None) -> int:
    """The most memory allocated (tracemalloc) while loading the ledger."""
    tracemalloc.start()
    try:
        load_ledger(root, None, store)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_filling_the_store_costs_no_more_memory_than_no_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ledger"
    generate(root, contacts=2_000, interactions=4_000, opportunities=100)
    # Files written in the last seconds are "racy" (their stat is not trusted) and kept out
    # of the store's batches: back-date them, so the run measured does not depend on how
    # fast this machine generated them.
    hour_ago = time.time() - 3600
    for path in root.rglob("*"):
        os.utime(path, (hour_ago, hour_ago), follow_symlinks=False)
    monkeypatch.setenv("RESEAU_CACHE_DIR", str(tmp_path / "cache"))
    peak(root, None)  # once first: modules, schemas and caches loaded once are not counted
    without = peak(root, None)
    store = open_store(root)
    assert store is not None
    filling = peak(root, store)
    # Measured on a warm process: holding every new document encoded until one save was
    # 1.56 times the run without; written in batches of 1,000 as they are read, 1.19 to 1.31
    # from run to run (tracemalloc sees Python's allocations, not SQLite's).
    assert filling <= 1.4 * without, (filling, without)
    store.close()
