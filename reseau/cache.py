"""The store: what reseau remembers between runs, one SQLite database per ledger.

It lives in `$RESEAU_CACHE_DIR`, else `$XDG_CACHE_HOME/reseau`, else
`~/.cache/reseau`, as `ledger-<hash of the ledger's absolute path>.sqlite3`:
never in the ledger, never committed, always safe to delete.

- `files`: each work-tree record file's path, the stat it was read with (size,
  mtime, ctime, inode), when it was read, its content key and the record it built
  (msgspec; NULL when it built none). Like Git's index, a file whose stat still
  matches is not read again; one modified within `RACY_NS` before it was read is
  read and hashed again (its next change could keep the same mtime).
- `docs`: by content key (the kind and a hash of the bytes), the file's
  Y001/Y002/S001 problems, and its parsed value and positions, which are read
  only when a problem's position, an edit or an export needs them.
- `results`: the problems and open loops of one ledger content (`digest`: every
  listed path and kind and every content key) as of one day; the newest
  `KEEP_RESULTS` are kept. The rules are pure functions of both.
- `meta`: the stamp (store format, reseau version, the schemas' digest, Python's
  marshal version); a database with another stamp is emptied and rebuilt.

Every file of the store is its owner's only (0600, in a 0700 folder). Opening a store
marks it seen and prunes the folder: stores of ledgers not seen for 90 days (moved or
deleted), journals left by killed runs. `rm -r ~/.cache/reseau` clears everything.

WAL mode, a busy timeout and one transaction per save make concurrent runs safe;
they are never wrong, since a row is trusted only for the very stat and content it
names. A corrupt or foreign database is deleted and rebuilt. A store that cannot be
opened, read or written is no error: reseau then reads the files itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import msgspec

from reseau.discover import LedgerFile, Stat
from reseau.i18n import Msg
from reseau.loops import LoopRow
from reseau.parse import ParsedDoc, RawProblem
from reseau.problems import Problem
from reseau.records import Contact, Interaction, Opportunity, Record

# Bump when a table or a record class changes (tests/core/test_store.py pins the fields).
STORE_FORMAT = 6
RACY_NS = 2_000_000_000
KEEP_RESULTS = 2
BUSY_SECONDS = 2.0
BULK_AFTER = 256  # positions asked one by one before all are read at once
PRUNE_DAYS = 90  # a store whose ledger was not seen for that long is deleted
DAY, HOUR = 86_400, 3_600
JOURNAL_LIMIT = 4 << 20  # bytes of -wal kept after a checkpoint
BATCH = 1000  # new documents held before they are written (the filling run's memory)
_DISCARD = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}  # what makes a database worth deleting

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, ino INTEGER,
    seen INTEGER, key BLOB NOT NULL, record BLOB);
CREATE INDEX IF NOT EXISTS files_key ON files (key);
CREATE TABLE IF NOT EXISTS docs (
    key BLOB PRIMARY KEY, problems BLOB NOT NULL, value BLOB NOT NULL, positions BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    digest BLOB NOT NULL, day TEXT NOT NULL, used INTEGER NOT NULL, problems BLOB NOT NULL,
    loops BLOB NOT NULL, PRIMARY KEY (digest, day));
"""
_DOC_COLUMNS = ("problems", "value", "positions")  # of `docs`, after its key
_DROP = "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS results;"

_ENCODE = msgspec.msgpack.Encoder().encode
_DECODERS: dict[str, msgspec.msgpack.Decoder[Record]] = {
    "contact": msgspec.msgpack.Decoder(Contact),
    "interaction": msgspec.msgpack.Decoder(Interaction),
    "opportunity": msgspec.msgpack.Decoder(Opportunity),
}
_PROBLEMS = msgspec.msgpack.Decoder(list[Problem])
_LOOPS = msgspec.msgpack.Decoder(list[LoopRow])
# A work-tree file as the store knows it: (stat, read at (ns), content key, record or None).
Row = tuple[Stat, int, bytes]  # a stored work-tree file: stat, when it was read, content key


def cache_dir() -> Path:
    """Where stores live: $RESEAU_CACHE_DIR, else the user cache directory."""
    explicit = os.environ.get("RESEAU_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "reseau"


def store_file(root: Path) -> Path:
    """The database of the ledger at root."""
    name = hashlib.sha1(os.fsencode(str(root.resolve()))).hexdigest()[:20]
    return cache_dir() / f"ledger-{name}.sqlite3"


def stamp() -> str:
    """What a database must have been written by to be trusted."""
    import reseau
    from reseau.schema import schemas_digest

    return f"{STORE_FORMAT} {reseau.__version__} {schemas_digest()} {marshal.version}"


def content_key(kind: str, data: bytes) -> bytes:
    return kind.encode("ascii") + b":" + hashlib.blake2b(data, digest_size=20).digest()


class Store:
    """The database of one ledger (see the module's docstring)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path
        self.broken = False  # a read failed: nothing more is asked or written this run
        self._rows: dict[str, Row] | None = None  # the work-tree files as stored, by path
        self._changed: dict[str, tuple[Row, bytes | None]] = {}  # to write: row, record
        self._positions: dict[str, bytes] | None = None  # every file's positions, once asked
        self._asked = 0  # positions asked one by one
        self._docs: dict[bytes, tuple[bytes, bytes, bytes]] = {}  # new: problems, value, positions
        self._wrote = False  # a batch was written this run (save then prunes)

    # -- reading ---------------------------------------------------------------------------

    @property
    def rows(self) -> dict[str, Row]:
        """Every stored work-tree file (read once; empty when the store cannot be read)."""
        if self._rows is None:
            try:
                cursor = self.db.execute(
                    "SELECT path, size, mtime, ctime, ino, seen, key FROM files"
                )
                self._rows = {r[0]: ((r[1], r[2], r[3], r[4]), r[5], r[6]) for r in cursor}
            except sqlite3.Error as exc:
                self._failed(exc)
                self._rows = {}
        return self._rows

    def records(self) -> dict[str, bytes | None]:
        """Every stored work-tree file's record (msgspec), by path."""
        try:
            return dict(self.db.execute("SELECT path, record FROM files"))
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}

    def decode(self, kind: str, blob: bytes) -> Record | None:
        """A stored record, or None when it does not decode (then the file is read)."""
        try:
            return _DECODERS[kind].decode(blob)
        except (msgspec.DecodeError, KeyError):
            return None

    def document(self, key: bytes) -> ParsedDoc | None:
        """The parsed document stored for this content (value, positions, problems), or None."""
        found = self._row(_DOC_COLUMNS, key)
        if found is None:
            return None
        try:
            problems, value, (positions, keys) = (marshal.loads(blob) for blob in found)
            problems = tuple(_message_from(problem) for problem in problems)
        except (EOFError, ValueError, TypeError, msgspec.DecodeError):
            return None
        return ParsedDoc(value, positions, keys, problems)

    def positions(self, path: str, key: bytes) -> ParsedDoc | None:
        """Only the positions of the document stored for this content (its value is None):
        what a problem's place needs, at a fraction of the decoding. After BULK_AFTER asked
        one by one (the rules run on a warm ledger with problems everywhere), those of every
        work-tree file are read in one query."""
        blob = None
        if self._positions is None:
            self._asked += 1
            if self._asked > BULK_AFTER and not self.broken:
                try:
                    self._positions = dict(self.db.execute(
                        "SELECT f.path, d.positions FROM files f JOIN docs d ON f.key = d.key"
                    ))  # fmt: skip
                except sqlite3.Error as exc:
                    self._failed(exc)
        if self._positions is not None and key not in self._docs:
            blob = self._positions.get(path)
        if blob is None:
            found = self._row(("positions",), key)
            if found is None:
                return None
            blob = found[0]
        try:
            positions, keys = marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            return None
        return ParsedDoc(None, positions, keys)

    def results(self, digest: bytes, day: str) -> tuple[list[Problem], list[LoopRow]] | None:
        """The problems and open loops kept for this content as of this day, or None."""
        if self.broken:
            return None
        try:
            row = self.db.execute(
                "SELECT problems, loops FROM results WHERE digest = ? AND day = ?", (digest, day)
            ).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        try:
            return _PROBLEMS.decode(row[0]), _LOOPS.decode(row[1])
        except msgspec.DecodeError:
            return None

    # -- remembering (written by save) -----------------------------------------------------------

    def remember_doc(self, key: bytes, doc: ParsedDoc) -> None:
        try:
            self._docs[key] = (
                marshal.dumps(tuple(_message_to(problem) for problem in doc.problems)),
                marshal.dumps(doc.value),
                marshal.dumps((doc.positions, doc.keys)),
            )
        except ValueError:  # not marshallable: never stored
            pass

    def remember_file(
        self, path: str, st: Stat, seen: int, key: bytes, record: Record | None
    ) -> None:
        """A work-tree file read by this run, and the record it built. Every BATCH new
        documents, they and the files read so far are written (the run that fills the store
        holds a batch of encoded documents, not the whole ledger's, until save)."""
        blob = None if record is None else _ENCODE(record)
        row = (st, seen, key)
        if self.rows.get(path) != row:
            self._changed[path] = (row, blob)
        if len(self._docs) >= BATCH:
            self._write()

    def _write(self, removed: list[str] | None = None) -> bool:
        """Write the documents and files remembered, and forget the removed files, in one
        transaction (docs first: a file row never names a document not written)."""
        if self.broken:
            return False
        try:
            with self._transaction():
                self.db.executemany(
                    "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?)",
                    [(key, *blobs) for key, blobs in self._docs.items()],
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (path, *st, seen, key, blob)
                        for path, ((st, seen, key), blob) in self._changed.items()
                    ],
                )
                if removed is not None:
                    self.db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in removed])
                    self.db.execute("DELETE FROM docs WHERE key NOT IN (SELECT key FROM files)")
        except sqlite3.Error as exc:
            self._failed(exc)
            return False
        for path, (row, _) in self._changed.items():
            self.rows[path] = row
        self._wrote = self._wrote or bool(self._changed or self._docs)
        self._changed.clear()
        self._docs.clear()
        return True

    def save(self, listed: Iterable[LedgerFile] | None) -> None:
        """Write what this run learnt (the last batch) in one transaction. `listed`: the
        work-tree listing (stored files no longer in it are forgotten, and the documents no
        file names); None for a run from Git's index."""
        removed = [] if listed is None else list(self.rows.keys() - {f.path for f in listed})
        if self.broken or not (self._changed or self._docs or removed or self._wrote):
            return
        prune = listed is not None and bool(self._changed or removed or self._wrote)
        if self._write(removed if prune else None):
            for path in removed:
                del self.rows[path]

    def keep_results(
        self, digest: bytes, day: str, problems: list[Problem], loops: list[LoopRow]
    ) -> None:
        """Keep these findings, and only the KEEP_RESULTS newest."""
        if self.broken:
            return
        try:
            with self._transaction():
                self.db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
                    (digest, day, time.time_ns(), _ENCODE(problems), _ENCODE(loops)),
                )
                self.db.execute(
                    "DELETE FROM results WHERE rowid NOT IN "
                    "(SELECT rowid FROM results ORDER BY used DESC LIMIT ?)",
                    (KEEP_RESULTS,),
                )
        except sqlite3.Error as exc:
            self._failed(exc)

    def close(self) -> None:
        self.db.close()

    # -- internals ---------------------------------------------------------------------------------

    def _row(self, columns: tuple[str, ...], key: bytes) -> tuple[bytes, ...] | None:
        """Columns of the document of a content key: this run's new ones first, then the table."""
        new = self._docs.get(key)
        if new is not None:
            return tuple(new[_DOC_COLUMNS.index(c)] for c in columns)
        if self.broken:
            return None
        try:
            row = self.db.execute(
                f"SELECT {', '.join(columns)} FROM docs WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        return None if row is None else tuple(bytes(b) for b in row)

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def _failed(self, exc: sqlite3.Error) -> None:
        """A read or write failed: stop using the store this run; delete it if it is damaged."""
        self.broken = True
        if getattr(exc, "sqlite_errorname", "") in _DISCARD:
            self.db.close()
            discard(self.path)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (the connection is in autocommit)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if exc is None:
            self.db.execute("COMMIT")
        else:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass


def discard(path: Path) -> None:
    """Delete a database and its WAL files."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            name.unlink()
        except OSError:
            pass


def digest(files: list[LedgerFile], keys: dict[str, bytes]) -> bytes:
    """Names one content of a ledger: every listed path and kind, every content key, the stamp."""
    h = hashlib.blake2b(stamp().encode(), digest_size=20)
    h.update("\0".join(f"{f.path}\0{f.kind}" for f in files).encode())
    get = keys.get
    h.update(b"\0".join(get(f.path, b"-") for f in files))
    return h.digest()


def open_store(root: Path, now: float | None = None) -> Store | None:
    """The store of the ledger at root, rebuilt when damaged; None when none can be opened.

    It holds names, e-mails and phones: the database, its -wal and -shm journals and any
    temporary file are created under umask 077 and checked to be 0600, in a 0700 folder.
    Opening marks the store as seen (its mtime, once a day) and prunes the folder: stores
    not seen for PRUNE_DAYS, journals of deleted stores and leftovers of killed runs.
    """
    now = time.time() if now is None else now
    try:
        path = store_file(root)
        _private_folder(path.parent)
    except (OSError, RuntimeError):  # no home directory, a read-only cache folder
        return None
    for _ in range(2):
        db = None
        try:
            with _private_umask():
                os.close(os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600))
                db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(f"PRAGMA journal_size_limit={JOURNAL_LIMIT}")
                _prepare(db)
            _private_files(path)
            _mark_seen(path, now)
            prune(path.parent, now, keep=path)
            return Store(db, path)
        except OSError:
            if db is not None:
                db.close()
            return None
        except sqlite3.Error as exc:
            if db is not None:
                db.close()
            if getattr(exc, "sqlite_errorname", "") not in _DISCARD:
                return None  # locked, read-only, no such folder: run without it
            discard(path)
    return None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@contextlib.contextmanager
def _private_umask() -> Iterator[None]:
    """umask 077 while SQLite creates its files (the database, -wal, -shm, temporaries)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _private_folder(folder: Path) -> None:
    """The stores' folder, created 0700. An existing one is made 0700 when it is reseau's
    own (the default place, or named `reseau`); a folder given by $RESEAU_CACHE_DIR is the
    user's, left as it is: the files in it are 0600 anyway."""
    try:
        folder.mkdir(mode=0o700, parents=True)
        return
    except FileExistsError:
        pass
    info = os.stat(folder)
    if stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.getuid():
        if folder.name == "reseau" and not os.environ.get("RESEAU_CACHE_DIR"):
            os.chmod(folder, 0o700)


def _private_files(path: Path) -> None:
    """Make the database and its journals 0600 if an older reseau or another tool left
    them readable by others."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            info = os.lstat(name)
        except FileNotFoundError:
            continue
        if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) != 0o600:
            os.chmod(name, 0o600)


def _mark_seen(path: Path, now: float) -> None:
    """The store's mtime says when its ledger was last seen: set it once a day (a warm run
    writes nothing to the database)."""
    try:
        if now - os.stat(path).st_mtime > DAY:
            os.utime(path, (now, now))
    except OSError:
        pass


def prune(folder: Path, now: float, keep: Path | None = None) -> list[str]:
    """Delete, in the stores' folder: stores not seen for PRUNE_DAYS (moved or deleted
    ledgers) with their journals, journals whose store is gone, crash reports older than
    PRUNE_DAYS and temporary files of killed runs older than an hour. Never an error (the
    folder or a file may vanish meanwhile); the names removed."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    names = {e.name for e in entries}
    for entry in entries:
        name = entry.name
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        age = now - info.st_mtime
        if not stat.S_ISREG(info.st_mode) or (keep is not None and name == keep.name):
            continue
        if name.startswith("ledger-") and name.endswith(".sqlite3"):
            stale = age > PRUNE_DAYS * DAY
        elif name.startswith("ledger-") and name.endswith((".sqlite3-wal", ".sqlite3-shm")):
            stale = name.rsplit("-", 1)[0] not in names and age > HOUR
        elif name.startswith("crash-") and name.endswith(".txt"):
            stale = age > PRUNE_DAYS * DAY
        elif name.endswith(".tmp"):
            stale = age > HOUR
        else:
            stale = False
        if stale:
            if name.endswith(".sqlite3"):
                discard(Path(entry.path))
            else:
                try:
                    os.unlink(entry.path)
                except OSError:
                    continue
            removed.append(name)
    return sorted(removed)


def _prepare(db: sqlite3.Connection) -> None:
    """Create the tables, or empty them when the database was written by another version."""
    db.executescript(_TABLES.split(";")[0] + ";")  # meta
    want = stamp()
    row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
    if row is not None and row[0] == want:
        return
    with _Transaction(db):
        for statement in (_DROP + _TABLES).split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (want,))


# A file problem's message is a Msg (in no language yet, issue 18) or plain text; marshal
# holds neither Structs nor unions of them, so a Msg is kept as its msgpack bytes.
_MSG_ENCODE = msgspec.msgpack.Encoder().encode
_MSG_DECODE = msgspec.msgpack.Decoder(Msg).decode


def _message_to(problem: RawProblem) -> tuple[str, int, int, str | bytes]:
    rule, line, column, message = problem
    return rule, line, column, message if isinstance(message, str) else _MSG_ENCODE(message)


def _message_from(problem: tuple[str, int, int, str | bytes]) -> RawProblem:
    rule, line, column, message = problem
    return rule, line, column, message if isinstance(message, str) else _MSG_DECODE(message)
