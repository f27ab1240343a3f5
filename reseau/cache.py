"""The parse cache: parsed-and-validated documents kept between runs, outside the ledger.

One file per ledger, plus its journal (named by a hash of the ledger's absolute path) in
`$RESEAU_CACHE_DIR`, else `$XDG_CACHE_HOME/reseau`, else `~/.cache/reseau`.

- Documents are keyed by a hash of the file's bytes and its kind, so a changed
  file is parsed again and an unchanged one never is.
- The whole file is versioned by the reseau version, the schemas' digest and
  the marshal format: any change and it is ignored (then rewritten).
- Like Git's index, each work-tree path keeps the stat of the file it was read
  from (size, mtime, ctime, inode): when the stat still matches, the file is not
  even read. A file modified within `RACY_NS` of the cache write is not trusted
  by its stat (its next change could keep the same mtime): it is read and hashed.
- Beside each valid document, the record it builds, as `reseau.codec` encodes it:
  a warm run decodes records instead of building them from mappings. The parsed
  value and the positions stay marshalled bytes, decoded only when asked for
  (by `export`, `done`, or a problem's position).
- Stored with `marshal` (plain values only: loading it cannot run code), written
  to a temporary file then renamed into place, and only when something changed.
  A CRC-32 covers the whole file (the values inside are decoded lazily, so damage
  must be seen up front): a corrupt, truncated or foreign cache file is ignored
  and rebuilt, silently.
- A run that changed little (a file edited since the last run) does not rewrite
  the whole file: it appends a chunk (what changed, sized and CRC-checked) to
  `<file>.journal`, replayed on top of the main file by the next run. After
  `JOURNAL_CHUNKS` chunks, or when the journal outgrows an eighth of the main
  file, the next run writes a new main file instead (dropping documents no file
  uses any more) and removes the journal. A torn chunk ends the replay; chunks
  written on top of an older main file are skipped.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reseau.discover import RECORD_KINDS, LedgerFile, Stat, stat_key
from reseau.parse import ParsedDoc

MAGIC = "reseau-parse-cache"
FORMAT = 3
HEADER = b"reseau parse cache\n"
# The journal is folded into a new main file after this many chunks, or once it
# holds more than 1/JOURNAL_SHARE of the main file's bytes.
JOURNAL_CHUNKS = 32
JOURNAL_SHARE = 8
RACY_NS = 2_000_000_000  # files touched this close to the write are checked by content
# A document as stored: its problems, its record's state (None: no record), and its
# marshalled value, value positions and key positions (each decoded on first use).
Packed = tuple[tuple[Any, ...], Any, bytes, bytes, bytes]


def frame(payload: bytes) -> bytes:
    """The cache file's bytes: a header, the payload's CRC-32, the marshalled payload."""
    return HEADER + zlib.crc32(payload).to_bytes(4, "big") + payload


def unframe(data: bytes) -> memoryview:
    """The payload of a cache file (a view, not a copy); ValueError when it is not one or
    was damaged."""
    start = len(HEADER) + 4
    if not data.startswith(HEADER) or len(data) < start:
        raise ValueError("not a reseau cache file")
    payload = memoryview(data)[start:]
    if zlib.crc32(payload) != int.from_bytes(data[len(HEADER) : start], "big"):
        raise ValueError("damaged")
    return payload


def cache_dir() -> Path:
    """Where cache files live: $RESEAU_CACHE_DIR, else the user cache directory."""
    explicit = os.environ.get("RESEAU_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "reseau"


def cache_file(root: Path) -> Path:
    """The cache file of the ledger at root."""
    name = hashlib.sha1(os.fsencode(str(root.resolve()))).hexdigest()[:20]
    return cache_dir() / f"ledger-{name}.cache"


def stamp() -> tuple[str, int, str, str, str, int]:
    """What a cache file must have been written by to be trusted."""
    import reseau
    from reseau import codec, schema

    return (
        MAGIC,
        FORMAT,
        str(reseau.__version__),
        schema.schemas_digest(),
        codec.SHAPE,
        marshal.version,
    )


def content_key(kind: str, data: bytes) -> bytes:
    return kind.encode("ascii") + b":" + hashlib.blake2b(data, digest_size=20).digest()


def _trusted(entry: Any, st: Stat, written_ns: int) -> bool:
    """The cached stat matches the file's, and the file had not changed just before the write."""
    try:
        return bool(entry[0] == st and st[1] < written_ns - RACY_NS and isinstance(entry[1], bytes))
    except (TypeError, IndexError, KeyError):
        return False


def contents(path: Path) -> bytes | None:
    """A file's bytes, or None when it cannot be read (no cache yet: not an error)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def write_file(path: Path, data: bytes) -> bool:
    """Atomically replace a cache file (a temporary file renamed into place); a cache that
    cannot be written is no error: False."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True


def _sound(entry: Any) -> bool:
    """A document entry has the layout _unpack() expects (checked once, as entries are
    unpacked lazily, far from the code that could rebuild them)."""
    return (
        type(entry) is tuple
        and len(entry) == 5
        and type(entry[0]) is tuple
        and type(entry[2]) is bytes
        and type(entry[3]) is bytes
        and type(entry[4]) is bytes
    )


class CachedDoc(ParsedDoc):
    """A ParsedDoc from the cache: `state` is its record's (see reseau.codec), and the value and
    positions are decoded on first use (most never are)."""

    state: Any

    def __getattr__(self, name: str) -> Any:
        blob = self.__dict__.pop("_" + name, None)
        if blob is None:
            raise AttributeError(name)
        if name == "value":
            value = marshal.loads(blob)
        else:  # positions, keys: a problem's place, most often of a value only
            try:
                value = marshal.loads(blob)
            except Exception:  # a damaged entry: positions fall back to the file's start
                value = {}
        object.__setattr__(self, name, value)
        return value


def _unpack(packed: Packed) -> CachedDoc:
    problems, state, value, positions, keys = packed
    doc = object.__new__(CachedDoc)
    if state is None:  # no record to decode: the value is needed now (and checked here)
        doc.__dict__.update(
            problems=problems,
            state=None,
            value=marshal.loads(value),
            _positions=positions,
            _keys=keys,
        )
    else:
        doc.__dict__.update(
            problems=problems, state=state, _value=value, _positions=positions, _keys=keys
        )
    return doc


def _pack(kind: str, doc: ParsedDoc) -> Packed:
    from reseau import codec

    state = None if doc.problems else codec.encode(kind, doc.value)
    return (
        tuple(doc.problems),
        state,
        marshal.dumps(doc.value),
        marshal.dumps(doc.positions),
        marshal.dumps(doc.keys),
    )


class DocCache:
    """The parse cache of one ledger (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.journal = path.with_name(path.name + ".journal")
        self.docs: dict[bytes, Packed] = {}
        self.files: dict[str, tuple[Stat, bytes]] = {}  # path -> (stat, content key)
        self.written_ns = 0
        self._base = 0  # written_ns of the main file, named by its journal's chunks
        self._main_size = 0
        self._journal_size = 0
        self._chunks = 0
        self._torn = False  # the journal ends with a torn chunk: cut it before appending
        self._used: set[bytes] = set()
        self._new: set[bytes] = set()  # documents parsed by this run
        self._seen: dict[str, tuple[Stat, bytes]] = {}
        self._fresh: dict[str, tuple[Stat, bytes]] = {}  # entries read again, unlike self.files
        self._disk_run = False
        self._rewrite = False  # the main file must be rewritten (it was corrupt, or damaged)
        self._load()

    # -- reading the cache file and its journal -------------------------------------------

    def _load(self) -> None:
        data = contents(self.path)
        if data is None:
            return
        try:
            loaded = marshal.loads(unframe(data))
            head, written, files, docs = loaded
            if tuple(head) != stamp() or not isinstance(written, int):
                raise ValueError("another version")
            if not isinstance(files, dict) or not isinstance(docs, dict):
                raise ValueError("bad layout")
            if not all(_sound(e) for e in docs.values()):
                raise ValueError("bad entries")  # checked once: entries are unpacked lazily
        except Exception:  # corrupt, truncated, foreign: start afresh, silently
            self._rewrite = True
            return
        self.written_ns, self.files, self.docs = written, files, docs
        self._base, self._main_size = written, len(data)
        self._replay()

    def _replay(self) -> None:
        """Apply the journal's chunks written on top of this main file (see save())."""
        data = contents(self.journal)
        if data is None:
            return
        view, offset = memoryview(data), 0
        while offset + 8 <= len(data):
            size = int.from_bytes(view[offset : offset + 4], "big")
            payload = view[offset + 8 : offset + 8 + size]
            if len(payload) != size or zlib.crc32(payload) != int.from_bytes(
                view[offset + 4 : offset + 8], "big"
            ):
                break  # a torn write: the rest is lost, the cache is still right
            offset += 8 + size
            try:
                base, written, files, removed, docs = marshal.loads(payload)
                if base != self._base:
                    continue  # written on top of an older main file
                if not (
                    isinstance(written, int)
                    and isinstance(files, dict)
                    and isinstance(removed, tuple)
                    and isinstance(docs, dict)
                    and all(_sound(e) for e in docs.values())
                ):
                    continue
            except Exception:
                continue
            self.files.update(files)
            for path in removed:
                self.files.pop(path, None)
            self.docs.update(docs)
            self.written_ns = max(self.written_ns, written)
            self._chunks += 1
        self._journal_size = offset
        self._torn = offset != len(data)

    # -- the DocCache protocol ---------------------------------------------------------------

    def get(self, kind: str, data: bytes) -> ParsedDoc | None:
        return self._doc(content_key(kind, data))

    def put(self, kind: str, data: bytes, doc: ParsedDoc) -> None:
        self._store(content_key(kind, data), kind, doc)

    def ready_records(
        self, files: list[LedgerFile], folder: str, stats: dict[str, Stat] | None = None
    ) -> dict[str, Any]:
        """The records of the files whose stat is trusted and whose entry holds a record state,
        by path: read_file() and a decode for each, in one loop (the warm path of a large
        ledger). Files left out go through read_file() as usual. `stats`: the stat of every
        regular record file, when a helper process took them (see reseau.load.scan)."""
        from reseau.codec import decode
        from reseau.records import Source

        new = object.__new__
        self._disk_run = True
        ready: dict[str, Any] = {}
        known, docs, seen, used = self.files.get, self.docs.get, self._seen, self._used
        limit = self.written_ns - RACY_NS
        stat_of, regular = os.stat, stat.S_ISREG
        for file in files:
            kind = file.kind
            if kind not in RECORD_KINDS:
                continue
            path = file.path
            entry = known(path)
            if entry is None:
                continue
            try:
                if stats is not None:
                    taken = stats.get(path)
                    if taken is None or taken[1] >= limit or entry[0] != taken:
                        continue
                else:
                    info = stat_of(f"{folder}/{path}")
                    if (
                        not regular(info.st_mode)
                        or info.st_mtime_ns >= limit
                        or entry[0] != stat_key(info)
                    ):
                        continue
                key = entry[1]
                packed = docs(key)
                if packed is None or packed[1] is None:
                    continue
                src = new(Source)  # its document is unpacked on first use
                src.__dict__.update(path=path, _doc_from=(_unpack, packed))
                ready[path] = decode(kind, file.stem, src, packed[1])
            except (OSError, TypeError, ValueError, IndexError, KeyError, EOFError):
                continue  # read_file() decides, with its own error handling
            seen[path] = entry
            used.add(key)
        return ready

    def read_file(
        self,
        kind: str,
        path: str,
        full: str,
        read: Callable[[], bytes],
        parse: Callable[[str, bytes], ParsedDoc],
    ) -> ParsedDoc:
        """The document of the work-tree file full (ledger path `path`): from the cache
        when its stat is unchanged, else read(), looked up by content, and parsed if new.
        Raises OSError when the file cannot be read."""
        self._disk_run = True
        info = os.stat(full)
        if not stat.S_ISREG(info.st_mode):
            return parse(kind, read())  # read() refuses FIFOs and devices
        st = stat_key(info)
        entry = self.files.get(path)
        if entry is not None and _trusted(entry, st, self.written_ns):
            doc = self._doc(entry[1])
            if doc is not None:
                self._seen[path] = entry
                return doc
        data = read()
        key = content_key(kind, data)
        self._seen[path] = (st, key)
        if self.files.get(path) != (st, key):
            self._fresh[path] = (st, key)
        doc = self._doc(key)
        if doc is None:
            doc = parse(kind, data)
            self._store(key, kind, doc)
        return doc

    def digest(self, files: list[LedgerFile]) -> bytes | None:
        """A hash of this run's ledger: every listed path and kind, and every read file's
        content key, with the cache's stamp. None when some file was not read through the
        cache from the work tree (a Git-index run, an unreadable file)."""
        seen = self._seen
        try:
            keys = [seen[f.path][1] for f in files if f.kind != "unknown" and f.kind != "outside"]
        except KeyError:
            return None
        digest = hashlib.blake2b(repr(stamp()).encode(), digest_size=20)
        digest.update("\0".join(f"{f.path}\0{f.kind}" for f in files).encode("utf-8", "replace"))
        digest.update(b"".join(keys))
        return digest.digest()

    def save(self) -> None:
        """Record what this run learnt: a chunk appended to the journal when little changed,
        else a new main file holding only the files of this run and their documents."""
        now = time.time_ns()
        limit = now - RACY_NS
        changed: dict[str, tuple[Stat, bytes]] = {}
        removed: tuple[str, ...] = ()
        if self._disk_run:
            # Files found by their stat kept their entry: only files read again can differ.
            seen = self._seen
            changed = {p: e for p, e in self._fresh.items() if e[0][1] < limit}
            if self._fresh or len(seen) != len(self.files):
                removed = tuple(
                    p
                    for p in self.files
                    if p not in seen or (p in self._fresh and p not in changed)
                )
        new_docs = {key: self.docs[key] for key in self._new if key in self.docs}
        if not (self._rewrite or changed or removed or new_docs):
            return
        chunk = b""
        if not self._rewrite and self._base:
            chunk = marshal.dumps((self._base, now, changed, removed, new_docs))
        if (
            chunk
            and self._chunks < JOURNAL_CHUNKS
            and (self._journal_size + len(chunk)) * JOURNAL_SHARE < self._main_size
        ):
            if self._append(chunk):
                self.files.update(changed)
                for path in removed:
                    del self.files[path]
                self.written_ns = now
                self._journal_size += len(chunk) + 8
                self._chunks += 1
                self._new.clear()
                self._fresh.clear()
                return
        if self._disk_run:
            files = {p: e for p, e in self._seen.items() if e[0][1] < limit}
        else:  # a run from Git's index: keep what the work tree had
            files = self.files
        keep = self._used | {key for _, key in files.values()}
        docs = {key: self.docs[key] for key in keep if key in self.docs}
        data = frame(marshal.dumps((stamp(), now, files, docs)))
        if write_file(self.path, data):
            try:
                os.unlink(self.journal)
            except OSError:
                pass
            self._base, self._main_size, self._journal_size, self._chunks = now, len(data), 0, 0
        self.files, self.docs, self.written_ns, self._rewrite = files, docs, now, False
        self._new.clear()
        self._fresh.clear()

    # -- internals ------------------------------------------------------------------------------

    def _doc(self, key: bytes) -> ParsedDoc | None:
        packed = self.docs.get(key)
        if packed is None:
            return None
        try:
            doc = _unpack(packed)
        except Exception:  # a damaged entry: parse the file again
            del self.docs[key]
            self._rewrite = True
            return None
        self._used.add(key)
        return doc

    def _store(self, key: bytes, kind: str, doc: ParsedDoc) -> None:
        try:
            self.docs[key] = _pack(kind, doc)
        except ValueError:  # not marshallable: never cache it
            return
        self._used.add(key)
        self._new.add(key)

    def _append(self, chunk: bytes) -> bool:
        """Add a chunk to the journal: its size, its CRC-32, its bytes, in one write."""
        try:
            if self._torn:
                os.truncate(self.journal, self._journal_size)
                self._torn = False
            with open(self.journal, "ab") as handle:
                handle.write(
                    len(chunk).to_bytes(4, "big") + zlib.crc32(chunk).to_bytes(4, "big") + chunk
                )
        except OSError:
            return False
        return True


def open_cache(root: Path) -> DocCache | None:
    """The parse cache of the ledger at root (None when no cache directory can be named)."""
    try:
        return DocCache(cache_file(root))
    except (OSError, RuntimeError):  # no home directory
        return None
