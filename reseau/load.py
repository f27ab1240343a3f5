"""The pipeline up to the index: list, parse, validate, build records (through the store)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reseau.cache import RACY_NS, Store, content_key, digest
from reseau.discover import FileSource, WorkTree
from reseau.ledger import Ledger
from reseau.parse import ParsedDoc, parse_document
from reseau.problems import Problem, file_problem
from reseau.records import Contact, Interaction, Opportunity, Record, Settings

BUILD: dict[str, Callable[[str, str, dict[str, Any]], Record]] = {
    "contact": Contact.build,
    "interaction": Interaction.build,
    "opportunity": Opportunity.build,
}


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
    store: Store | None = None
    digest: bytes | None = None  # names this content of the ledger (None: no store)


FETCHED = 1024


class Documents:
    """The ledger's parsed documents: those read by this run, else the store's, else read
    and parsed again (a store deleted under our feet costs time, never a wrong position)."""

    def __init__(self, source: FileSource, store: Store | None) -> None:
        self.source = source
        self.store = store
        self.parsed: dict[str, ParsedDoc] = {}  # read by this run
        self.fetched: OrderedDict[str, ParsedDoc] = OrderedDict()  # the latest FETCHED asked
        self.keys: dict[str, bytes] = {}  # content key by path, for every file read or known
        self.kinds: dict[str, str] = {}

    def positioned(self, path: str) -> ParsedDoc:
        """A document holding at least the file's positions (its value may be None)."""
        doc = self.parsed.get(path) or self.fetched.get(path)
        if doc is not None:
            return doc
        key = self.keys.get(path)
        found = (
            self.store.positions(path, key) if self.store is not None and key is not None else None
        )
        return self._keep(path, found) if found is not None else self.get(path)

    def get(self, path: str) -> ParsedDoc:
        doc = self.parsed.get(path) or self.fetched.get(path)
        if doc is not None and doc.value is not None:
            return doc
        if doc is not None:
            return doc
        key = self.keys.get(path)
        if self.store is not None and key is not None:
            doc = self.store.document(key)
        if doc is None:
            try:
                doc = read_record(self.kinds.get(path, "unknown"), self.source.read(path))
            except OSError:
                doc = ParsedDoc(None)
        return self._keep(path, doc)

    def _keep(self, path: str, doc: ParsedDoc) -> ParsedDoc:
        if len(self.fetched) >= FETCHED:  # a warm run with problems everywhere: bound memory
            self.fetched.popitem(last=False)
        self.fetched[path] = doc
        return doc


def load_ledger(root: Path, source: FileSource | None = None, store: Store | None = None) -> Loaded:
    """Read and index the ledger: records of unchanged files come from the store."""
    source = source or WorkTree(root)
    files = source.list()
    documents = Documents(source, store)
    on_disk = store is not None and source.on_disk
    rows = store.rows if store is not None and on_disk else {}
    blobs = store.records() if store is not None and on_disk else {}
    problems: list[Problem] = []
    index = _Index()
    settings = Settings()
    settings_ok = True
    read = 0
    for file in files:
        kind = file.kind
        if kind == "unknown" or kind == "outside":
            continue
        read += 1
        documents.kinds[file.path] = kind
        record: Record | None = None
        row = rows.get(file.path)
        st = source.stat(file.path) if on_disk else None
        blob = blobs.get(file.path)
        if (
            row is not None
            and st is not None
            and row[0] == st
            and st[1] < row[1] - RACY_NS
            and blob
        ):
            assert store is not None
            record = store.decode(kind, blob)
            if record is not None:
                documents.keys[file.path] = row[2]
                index.add(record)
                continue
        seen = time.time_ns()
        try:
            data = source.read(file.path)
        except OSError as exc:
            problems.append(
                file_problem(file.path, "Y001", 1, 1, f"cannot read the file: {exc.strerror}")
            )
            settings_ok = settings_ok and kind != "settings"
            continue
        doc, key = _document(store, kind, data)
        documents.keys[file.path] = key
        documents.parsed[file.path] = doc
        if doc.problems:
            problems.extend(file_problem(file.path, *p) for p in doc.problems)
            settings_ok = settings_ok and kind != "settings"
        elif kind == "settings":
            settings = Settings.build(file.path, doc.value)
        else:
            record = BUILD[kind](file.stem, file.path, doc.value)
            index.add(record)
        if store is not None and st is not None:
            store.remember_file(file.path, st, seen, key, record)
    found = None
    if store is not None:
        store.save(files if on_disk else None)
        found = digest(files, documents.keys)
    ledger = Ledger(
        root,
        settings,
        index.contacts,
        index.interactions,
        index.opportunities,
        tuple(files),
        frozenset(f.stem for f in files if f.kind == "contact"),
        frozenset(f.stem for f in files if f.kind == "opportunity"),
        documents,
    )
    return Loaded(ledger, problems, read, settings_ok, store, found)


def known_digest(source: FileSource, store: Store) -> tuple[bytes, int] | None:
    """The digest of the ledger and the number of its files, when the store knows every
    record file by an unchanged, trusted stat (so no file needs reading); else None.

    `check` asks this first: when the store also keeps the findings of this digest and
    day, it needs neither the records nor the rules (the warm path of a pre-commit hook).
    """
    if not source.on_disk:
        return None
    files = source.list()
    rows = store.rows
    keys: dict[str, bytes] = {}
    for file in files:
        if file.kind == "unknown" or file.kind == "outside":
            continue
        row = rows.get(file.path)
        st = source.stat(file.path)
        if row is None or st is None or row[0] != st or st[1] >= row[1] - RACY_NS:
            return None
        keys[file.path] = row[2]
    return digest(files, keys), len(keys)


class _Index:
    """Records by id: a contact or opportunity id names its last file, an interaction id its
    first (files come sorted by path)."""

    def __init__(self) -> None:
        self.contacts: dict[str, Contact] = {}
        self.interactions: dict[str, Interaction] = {}
        self.opportunities: dict[str, Opportunity] = {}

    def add(self, record: Record) -> None:
        if isinstance(record, Interaction):
            self.interactions.setdefault(record.id, record)
        elif isinstance(record, Contact):
            self.contacts[record.id] = record
        else:
            self.opportunities[record.id] = record


def _document(store: Store | None, kind: str, data: bytes) -> tuple[ParsedDoc, bytes]:
    """The document of these bytes: the store's when it knows this content, else parsed."""
    key = content_key(kind, data)
    doc = store.document(key) if store is not None else None
    if doc is None:
        doc = read_record(kind, data)
        if store is not None:
            store.remember_doc(key, doc)
    return doc, key
