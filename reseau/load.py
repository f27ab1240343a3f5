"""The pipeline up to the index: list, parse, validate, build records."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast, runtime_checkable

from reseau import codec
from reseau.discover import RECORD_KINDS, FileSource, Kind, LedgerFile, Stat, WorkTree, stat_key
from reseau.ledger import Ledger
from reseau.parse import ParsedDoc, parse_document
from reseau.problems import Problem, file_problem
from reseau.records import Contact, Interaction, Opportunity, Record, Settings, Source


class DocCache(Protocol):
    """Parsed-and-validated documents keyed by kind and content."""

    def get(self, kind: str, data: bytes) -> ParsedDoc | None: ...

    def put(self, kind: str, data: bytes, doc: ParsedDoc) -> None: ...

    def save(self) -> None: ...


@runtime_checkable
class FileCache(DocCache, Protocol):
    """A DocCache that also knows work-tree files by their stat, so unchanged ones are not read."""

    def read_file(
        self,
        kind: str,
        path: str,
        full: str,
        read: Callable[[], bytes],
        parse: Callable[[str, bytes], ParsedDoc],
    ) -> ParsedDoc: ...

    def digest(self, files: list[LedgerFile]) -> bytes | None: ...

    def ready_records(
        self, files: list[LedgerFile], folder: str, stats: dict[str, Stat] | None = None
    ) -> dict[str, Any]: ...


def disk_root(source: FileSource) -> Path | None:
    """The folder whose files `source.read` returns as they are on disk (None: Git's index...)."""
    if isinstance(source, WorkTree):
        return source.root
    root = getattr(source, "disk_root", None)
    return root if isinstance(root, Path) else None


def read_record(kind: str, data: bytes) -> ParsedDoc:
    """Parse then schema-check one file: a pure function of kind and bytes (cacheable)."""
    doc = parse_document(data)
    if doc.value is None or doc.problems:
        return doc
    from reseau.schema import validate

    problems = validate(kind, doc)
    if not problems:
        return doc
    return ParsedDoc(doc.value, doc.positions, doc.keys, tuple(problems))


@dataclass
class Loaded:
    ledger: Ledger
    problems: list[Problem]  # Y001, Y002, S001
    files_read: int
    settings_ok: bool  # False: reseau.yaml is broken (a configuration error)
    digest: bytes | None = None  # names this content of the ledger (see DocCache.digest)


# What a warm load needs from the disk: the listing as (path, kind) and the stat_key of
# every regular record file, by path.
Scan = tuple[list[tuple[str, str]], dict[str, Stat]]


def scan(source: FileSource, folder: str) -> Scan:
    """List the ledger and stat its record files (run by a helper process, see open_ledger)."""
    files = source.list()
    stats: dict[str, Stat] = {}
    for file in files:
        if file.kind in RECORD_KINDS:
            try:
                info = os.stat(f"{folder}/{file.path}")
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                stats[file.path] = stat_key(info)
    return [(f.path, f.kind) for f in files], stats


_KINDS: dict[str, Kind] = {
    k: k for k in ("settings", "contact", "interaction", "opportunity", "unknown", "outside")
}


def _scanned(got: object) -> tuple[list[LedgerFile], dict[str, Stat]] | None:
    """scan()'s result as it came back from the helper, or None if it is not one."""
    if not (
        isinstance(got, tuple)
        and len(got) == 2
        and isinstance(got[0], list)
        and isinstance(got[1], dict)
    ):
        return None
    try:
        files = [LedgerFile(path, _KINDS[kind]) for path, kind in got[0]]
    except (TypeError, ValueError, KeyError):
        return None
    return files, got[1]


def load_ledger(
    root: Path,
    source: FileSource | None = None,
    cache: DocCache | None = None,
    scanned: Callable[[], object] | None = None,
) -> Loaded:
    """Read and index the ledger. `scanned`: waits for scan()'s result taken by a helper
    process while the cache was loading (None, or a None result: list and stat here)."""
    source = source or WorkTree(root)
    got = _scanned(scanned()) if scanned is not None else None
    files, stats = got if got is not None else (source.list(), None)
    problems: list[Problem] = []
    contacts: dict[str, Contact] = {}
    interactions: dict[str, Interaction] = {}
    opportunities: dict[str, Opportunity] = {}
    settings = Settings()
    settings_ok = True
    contact_ids: set[str] = set()
    opportunity_ids: set[str] = set()
    read = 0
    disk = disk_root(source) if isinstance(cache, FileCache) else None
    folder = os.fspath(disk) if disk is not None else None  # joined per file: keep it a str
    ready = cast(FileCache, cache).ready_records(files, folder, stats) if folder is not None else {}
    for file in files:
        kind = file.kind
        if kind == "unknown" or kind == "outside":
            continue
        if kind == "contact":
            contact_ids.add(file.stem)
        elif kind == "opportunity":
            opportunity_ids.add(file.stem)
        read += 1
        record = ready.get(file.path)
        if record is not None:  # decoded from the cache, stat unchanged
            if kind == "interaction":
                interactions.setdefault(record.id, record)
            elif kind == "contact":
                contacts[record.id] = record
            else:
                opportunities[record.id] = record
            continue
        doc = _read(source, file, cache, folder)
        if doc.problems:
            problems.extend(file_problem(file.path, *p) for p in doc.problems)
            if file.kind == "settings":
                settings_ok = False
            continue
        try:
            record = _record(file, doc)
        except (ValueError, EOFError, TypeError):  # a cache entry built by something else
            doc = _reparse(source, file, cache)
            if doc.problems:  # the file changed between the two reads
                problems.extend(file_problem(file.path, *p) for p in doc.problems)
                continue
            record = _record(file, doc)
        if isinstance(record, Interaction):
            interactions.setdefault(record.id, record)
        elif isinstance(record, Contact):
            contacts[record.id] = record
        elif isinstance(record, Opportunity):
            opportunities[record.id] = record
        else:
            settings = record
    digest = None
    if cache is not None:
        if folder is not None:
            digest = cast(FileCache, cache).digest(files)
        cache.save()
    ledger = Ledger(
        root,
        settings,
        contacts,
        interactions,
        opportunities,
        tuple(files),
        frozenset(contact_ids),
        frozenset(opportunity_ids),
    )
    return Loaded(ledger, problems, read, settings_ok, digest)


def _record(file: LedgerFile, doc: ParsedDoc) -> Record | Settings:
    """The record of a valid document: decoded from the cache's state when it has one."""
    if file.kind == "settings":
        return Settings.build(Source(file.path, doc), doc.value)
    state = getattr(doc, "state", None)  # set on documents that come from the cache
    if state is not None:
        try:
            return codec.decode(file.kind, file.stem, codec.source(file.path, doc), state)
        except (TypeError, ValueError, IndexError):  # a state from elsewhere: build it
            pass
    return codec.BUILD[file.kind](file.stem, Source(file.path, doc), doc.value)


def _reparse(source: FileSource, file: LedgerFile, cache: DocCache | None) -> ParsedDoc:
    """Parse a file afresh and replace its cache entry (which could not be decoded)."""
    try:
        data = source.read(file.path)
    except OSError as exc:
        return _unreadable(exc)
    doc = read_record(file.kind, data)
    if cache is not None:
        cache.put(file.kind, data, doc)
    return doc


def _unreadable(exc: OSError) -> ParsedDoc:
    return ParsedDoc(None, problems=(("Y001", 1, 1, f"cannot read the file: {exc.strerror}"),))


def _read(
    source: FileSource, file: LedgerFile, cache: DocCache | None, folder: str | None = None
) -> ParsedDoc:
    if folder is not None:  # only set when cache is a FileCache
        try:
            return cast(FileCache, cache).read_file(
                file.kind,
                file.path,
                f"{folder}/{file.path}",
                lambda: source.read(file.path),
                read_record,
            )
        except OSError as exc:
            return _unreadable(exc)
    try:
        data = source.read(file.path)
    except OSError as exc:
        return _unreadable(exc)
    if cache is not None:
        cached = cache.get(file.kind, data)
        if cached is not None:
            return cached
    doc = read_record(file.kind, data)
    if cache is not None:
        cache.put(file.kind, data, doc)
    return doc
