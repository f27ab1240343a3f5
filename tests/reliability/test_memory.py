"""The run that fills the store holds no more than a run without it (issue 19, finding 9):
new documents go to SQLite in batches while the ledger is read, not all at the end."""

from __future__ import annotations

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
    monkeypatch.setenv("RESEAU_CACHE_DIR", str(tmp_path / "cache"))
    without = peak(root, None)
    store = open_store(root)
    assert store is not None
    filling = peak(root, store)
    # Holding every new document encoded until one save was 1.27 times the run without.
    assert filling <= 1.1 * without, (filling, without)
    store.close()
