"""Finding the ledger root and listing its files, by kind."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

from reseau.i18n import msg

SETTINGS_FILE = "reseau.yaml"
Kind = Literal["settings", "contact", "interaction", "opportunity", "unknown", "outside"]
FOLDERS: dict[str, Kind] = {
    "contacts": "contact",
    "interactions": "interaction",
    "opportunities": "opportunity",
}
RECORD_KINDS: frozenset[Kind] = frozenset(FOLDERS.values())
# What the caches compare to tell a file unchanged: size, mtime_ns, ctime_ns, inode.
Stat = tuple[int, int, int, int]
# Top-level folders that hold YAML reseau does not read as records.
NOT_RECORDS = {"reports", "schema", "schemas", "node_modules", "venv"}


def stat_key(info: os.stat_result) -> Stat:
    """The part of a stat that changes when a file is rewritten (Git's index keeps the same)."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class LedgerNotFound(Exception):
    """No ledger root: a usage error (exit 2)."""


@dataclass(frozen=True)
class LedgerFile:
    path: str  # relative to the ledger root, `/` separators
    kind: Kind

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0]


def find_root(start: Path, explicit: Path | None = None) -> Path:
    """`--ledger DIR`, else the first folder from start upwards holding reseau.yaml."""
    if explicit is not None:
        if not explicit.exists():
            raise LedgerNotFound(msg("--ledger {explicit}: no such folder", explicit=str(explicit)))
        if not explicit.is_dir():
            raise LedgerNotFound(msg("--ledger {explicit}: not a folder", explicit=str(explicit)))
        return explicit.resolve()
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise LedgerNotFound(
        msg(
            "no {settings_file} in {here} or any folder above it: run `reseau init`, or pass --ledger DIR",
            settings_file=SETTINGS_FILE,
            here=str(here),
        )
    )


def classify(path: str) -> Kind | None:
    """The kind of a ledger-relative path, or None when reseau ignores it."""
    if not path.endswith((".yaml", ".yml")) or path.startswith(".") or "/." in path:
        return None  # not YAML, or inside a hidden folder, or a hidden file
    top, slash, _ = path.partition("/")
    if not slash:
        return "settings" if path == SETTINGS_FILE else None
    return _top_kind(top)


def _top_kind(folder: str) -> Kind | None:
    """The kind of the files under a top-level folder (None: not read)."""
    if folder in FOLDERS:
        return FOLDERS[folder]
    return None if folder in NOT_RECORDS else "unknown"


def _path_of(file: LedgerFile) -> str:
    return file.path


def classify_all(paths: Iterable[str]) -> list[LedgerFile]:
    """The files reseau reads among paths, with their kinds, sorted by path."""
    files = []
    for path in paths:
        kind = classify(path)
        if kind is not None:
            files.append(LedgerFile(path, kind))
    return sorted(files, key=_path_of)


class FileSource(Protocol):
    """Where the ledger's bytes come from: the work tree, Git's index, ..."""

    on_disk: bool  # the files are those of the work tree (their stat names their content)

    def list(self) -> list[LedgerFile]: ...

    def read(self, path: str) -> bytes: ...

    def stat(self, path: str) -> Stat | None:
        """The file's stat_key when it is a regular file on disk, else None (Git's index, a
        FIFO, a folder...): the store trusts an unchanged stat instead of reading the file."""
        ...


class WorkTree:
    """Files on disk under the root, walked without following links out of it."""

    on_disk = True

    def __init__(self, root: Path) -> None:
        self.root = root

    def list(self) -> list[LedgerFile]:
        """What classify() would say of every file, found folder by folder: hidden folders are
        not entered, and a folder's kind is its top folder's, so each file costs one test."""
        found: list[LedgerFile] = []
        pending: list[tuple[str, str, Kind | None]] = [(os.fspath(self.root), "", None)]
        while pending:  # scandir: the entry says whether it is a link, without another lstat
            folder, prefix, folder_kind = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(
                        (
                            entry.path,
                            prefix + name + "/",
                            folder_kind if prefix else _top_kind(name),
                        )
                    )
                    continue
                if not name.endswith((".yaml", ".yml")):
                    continue
                kind = folder_kind if prefix else ("settings" if name == SETTINGS_FILE else None)
                if kind is None:
                    continue
                if entry.is_symlink() and not self._inside(prefix + name):
                    kind = "outside"
                found.append(LedgerFile(prefix + name, kind))
        found.sort(key=_path_of)
        return found

    def _inside(self, rel: str) -> bool:
        try:
            target = (self.root / rel).resolve()
        except (OSError, RuntimeError):  # a symlink loop: not a file in the ledger
            return False
        return target.is_relative_to(self.root.resolve())

    def stat(self, path: str) -> Stat | None:
        try:
            info = os.stat(f"{self.root}/{path}")
        except OSError:
            return None
        return stat_key(info) if stat.S_ISREG(info.st_mode) else None

    def read(self, path: str) -> bytes:
        """The file's bytes, at most one over the parser's size limit.

        A FIFO, device or folder named like a record raises OSError instead of
        blocking or streaming forever; a huge file is not read into memory whole.
        """
        fd = os.open(self.root / path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            return read_regular(handle)[0]


def read_regular(handle: BinaryIO) -> tuple[bytes, os.stat_result]:
    """The bytes of an open file (opened with O_NONBLOCK), at most one over the parser's size
    limit, and its stat: the one reader of record files (`check`, `fmt` and every edit).
    Anything but a regular file is an OSError, so a FIFO never blocks and a device never
    streams; a huge or sparse file is not read whole."""
    from reseau.parse import MAX_BYTES

    info = os.fstat(handle.fileno())
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    return handle.read(MAX_BYTES + 1), info
