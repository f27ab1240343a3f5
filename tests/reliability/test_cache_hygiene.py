"""Issue 19, findings 5 and 6: the store's files are private, leftovers go, old stores go.

The store holds names, e-mails and phones. Every file of it (the database, its -wal and
-shm journals) is 0600 in a 0700 folder, also when an older version left them readable
and when a damaged database is rebuilt; journals of deleted stores, temporary files of
killed runs and stores not seen for 90 days are deleted when a store is next opened;
pruning a folder that vanished is no error.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from reseau import cache
from tests.conftest import STORY_AS_OF, run_cli

DAY = 86_400


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def store_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("ledger-"))


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default place, $XDG_CACHE_HOME/reseau: reseau's own folder."""
    monkeypatch.delenv("RESEAU_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "reseau"


def test_every_file_of_an_open_store_is_private(story: Path, cache_folder: Path) -> None:
    old = os.umask(0o022)
    try:
        store = cache.open_store(story)
        assert store is not None
        store.keep_results(b"d" * 20, STORY_AS_OF, [], [])  # a write: -wal and -shm exist
        files = store_files(cache_folder)
        assert [p.name.rsplit(".", 1)[-1] for p in files] == [
            "sqlite3",
            "sqlite3-shm",
            "sqlite3-wal",
        ]
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
        assert mode(cache_folder) == 0o700
        store.close()
    finally:
        os.umask(old)


def test_a_store_left_readable_by_an_older_version_is_made_private(
    story: Path, cache_folder: Path
) -> None:
    assert run_cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF).code == 0
    for path in store_files(cache_folder):
        os.chmod(path, 0o644)
    os.chmod(cache_folder, 0o755)
    assert run_cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF).code == 0
    assert {p.name: mode(p) for p in store_files(cache_folder)} == {
        p.name: 0o600 for p in store_files(cache_folder)
    }
    assert mode(cache_folder) == 0o700


def test_a_rebuilt_damaged_store_is_private(story: Path, cache_folder: Path) -> None:
    """The damaged database is deleted and SQLite creates a new one: under umask 077."""
    old = os.umask(0o022)
    try:
        path = cache.store_file(story)
        cache_folder.mkdir(parents=True)
        path.write_bytes(b"this is not a database" * 100)
        os.chmod(path, 0o600)
        store = cache.open_store(story)
        assert store is not None
        store.keep_results(b"d" * 20, STORY_AS_OF, [], [])
        assert {p.name: mode(p) for p in store_files(cache_folder)} == {
            p.name: 0o600 for p in store_files(cache_folder)
        }
        store.close()
    finally:
        os.umask(old)


def test_leftovers_of_killed_runs_are_removed_on_the_next_run(
    story: Path, cache_folder: Path
) -> None:
    cache_folder.mkdir(parents=True)
    orphans = [
        cache_folder / "ledger-0123456789abcdef0123.sqlite3-wal",  # its store is gone
        cache_folder / "ledger-0123456789abcdef0123.sqlite3-shm",
        cache_folder / ".ledger-0123456789abcdef0123.sqlite3.5f2a.tmp",  # a killed save
    ]
    hour_ago = time.time() - 2 * 3600
    for path in orphans:
        path.write_bytes(b"\0" * 4096)
        os.utime(path, (hour_ago, hour_ago))
    fresh = cache_folder / ".ledger-ffff.sqlite3.0000.tmp"  # another run's, still writing
    fresh.write_bytes(b"\0")
    assert run_cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF).code == 0
    assert not any(p.exists() for p in orphans)
    assert fresh.exists()


def test_stores_not_seen_for_90_days_are_pruned(story: Path, cache_folder: Path) -> None:
    now = 1_900_000_000.0
    cache_folder.mkdir(parents=True)
    gone = cache_folder / "ledger-aaaaaaaaaaaaaaaaaaaa.sqlite3"  # a moved or deleted ledger
    kept = cache_folder / "ledger-bbbbbbbbbbbbbbbbbbbb.sqlite3"  # seen 89 days ago
    for path, days in ((gone, 91), (kept, 89)):
        path.write_bytes(b"x")
        os.utime(path, (now - days * DAY, now - days * DAY))
    (cache_folder / "ledger-aaaaaaaaaaaaaaaaaaaa.sqlite3-wal").write_bytes(b"x")
    os.utime(cache_folder / "ledger-aaaaaaaaaaaaaaaaaaaa.sqlite3-wal", (now, now))
    store = cache.open_store(story, now=now)
    assert store is not None
    names = sorted(p.name for p in cache_folder.iterdir())
    assert gone.name not in names and gone.name + "-wal" not in names
    assert kept.name in names
    # Opening marks the ledger's own store as seen, so it is not pruned while in use.
    assert os.stat(cache.store_file(story)).st_mtime == now
    store.close()


def test_pruning_a_folder_that_vanished_is_no_error(tmp_path: Path) -> None:
    assert cache.prune(tmp_path / "gone", time.time()) == []


def test_a_cache_folder_deleted_under_a_run_is_no_error(
    story: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    real = cache.prune

    def deleted_first(folder: Path, now: float, keep: Path | None = None) -> list[str]:
        shutil.rmtree(folder)
        return real(folder, now, keep)

    monkeypatch.setattr(cache, "prune", deleted_first)
    result = run_cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF)
    assert (result.code, result.err) == (0, "")
