"""The parse cache: parsed-and-validated documents kept between runs, outside the ledger.

One file per ledger (named by a hash of the ledger's absolute path) in
`$RESEAU_CACHE_DIR`, else `$XDG_CACHE_HOME/reseau`, else `~/.cache/reseau`.

- Documents are keyed by a hash of the file's bytes and its kind, so a changed
  file is parsed again and an unchanged one never is.
- The whole file is versioned by the reseau version, the schemas' digest and
  the marshal format: any change and it is ignored (then rewritten).
- Like Git's index, each work-tree path keeps the stat of the file it was read
  from (size, mtime, ctime, inode): when the stat still matches, the file is not
  even read. A file modified within `RACY_NS` of the cache write is not trusted
  by its stat (its next change could keep the same mtime): it is read and hashed.
- Stored with `marshal` (plain values only: loading it cannot run code), written
  to a temporary file then renamed into place, and only when something changed.
  A corrupt, truncated or foreign cache file is ignored and rebuilt, silently.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from reseau.parse import ParsedDoc

MAGIC = "reseau-parse-cache"
FORMAT = 1
RACY_NS = 2_000_000_000  # files touched this close to the write are checked by content
Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
# A document as stored: marshal of (value, problems) and of (positions, keys).
Packed = tuple[bytes, bytes]


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


def stamp() -> tuple[str, int, str, str, int]:
    """What a cache file must have been written by to be trusted."""
    import reseau
    from reseau import schema

    return (MAGIC, FORMAT, str(reseau.__version__), schema.schemas_digest(), marshal.version)


def content_key(kind: str, data: bytes) -> bytes:
    return kind.encode("ascii") + b":" + hashlib.blake2b(data, digest_size=20).digest()


def _stat_of(st: os.stat_result) -> Stat:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _trusted(entry: Any, st: Stat, written_ns: int) -> bool:
    """The cached stat matches the file's, and the file had not changed just before the write."""
    try:
        return bool(entry[0] == st and st[1] < written_ns - RACY_NS and isinstance(entry[1], bytes))
    except (TypeError, IndexError, KeyError):
        return False


class _LazyDoc(ParsedDoc):
    """A cached ParsedDoc whose positions are decoded on first use (most never are)."""

    def __getattr__(self, name: str) -> Any:
        if name in ("positions", "keys"):
            blob = self.__dict__.pop("_blob", None)
            if blob is None:
                raise AttributeError(name)
            try:
                positions, keys = marshal.loads(blob)
            except Exception:  # a damaged entry: positions fall back to the file's start
                positions, keys = {}, {}
            object.__setattr__(self, "positions", positions)
            object.__setattr__(self, "keys", keys)
            return self.__dict__[name]
        raise AttributeError(name)


def _unpack(packed: Packed) -> ParsedDoc:
    value, problems = marshal.loads(packed[0])
    doc = object.__new__(_LazyDoc)
    object.__setattr__(doc, "value", value)
    object.__setattr__(doc, "problems", problems)
    object.__setattr__(doc, "_blob", packed[1])
    return doc


def _pack(doc: ParsedDoc) -> Packed:
    return (marshal.dumps((doc.value, tuple(doc.problems))),
            marshal.dumps((doc.positions, doc.keys)))


class DocCache:
    """The parse cache of one ledger (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.docs: dict[bytes, Packed] = {}
        self.files: dict[str, tuple[Stat, bytes]] = {}  # path -> (stat, content key)
        self.written_ns = 0
        self._used: set[bytes] = set()
        self._seen: dict[str, tuple[Stat, bytes]] = {}
        self._disk_run = False
        self._changed = False
        self._load()

    # -- reading the cache file -------------------------------------------------------------

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                data = handle.read()
        except OSError:
            return
        try:
            loaded = marshal.loads(data)
            head, written, files, docs = loaded
            if tuple(head) != stamp() or not isinstance(written, int):
                raise ValueError("another version")
            if not isinstance(files, dict) or not isinstance(docs, dict):
                raise ValueError("bad layout")
        except Exception:  # corrupt, truncated, foreign: start afresh, silently
            self._changed = True
            return
        self.written_ns, self.files, self.docs = written, files, docs

    # -- the DocCache protocol ---------------------------------------------------------------

    def get(self, kind: str, data: bytes) -> ParsedDoc | None:
        return self._doc(content_key(kind, data))

    def put(self, kind: str, data: bytes, doc: ParsedDoc) -> None:
        self._store(content_key(kind, data), doc)

    def read_file(self, kind: str, path: str, full: str, read: Callable[[], bytes],
                  parse: Callable[[str, bytes], ParsedDoc]) -> ParsedDoc:
        """The document of the work-tree file full (ledger path `path`): from the cache
        when its stat is unchanged, else read(), looked up by content, and parsed if new.
        Raises OSError when the file cannot be read."""
        self._disk_run = True
        info = os.stat(full)
        if not stat.S_ISREG(info.st_mode):
            return parse(kind, read())  # read() refuses FIFOs and devices
        st = _stat_of(info)
        entry = self.files.get(path)
        if entry is not None and _trusted(entry, st, self.written_ns):
            doc = self._doc(entry[1])
            if doc is not None:
                self._seen[path] = entry
                return doc
        data = read()
        key = content_key(kind, data)
        self._seen[path] = (st, key)
        doc = self._doc(key)
        if doc is None:
            doc = parse(kind, data)
            self._store(key, doc)
        return doc

    def save(self) -> None:
        """Write the cache back if anything changed: only the files of this run are kept."""
        now = time.time_ns()
        if self._disk_run:
            files = {p: e for p, e in self._seen.items() if e[0][1] < now - RACY_NS}
            racy = len(files) != len(self._seen)
        else:  # a run from Git's index: keep what the work tree had
            files, racy = self.files, False
        keep = self._used | {key for _, key in files.values()}
        if not self._changed and not racy and files.keys() == self.files.keys() \
                and all(self.files[p] == e for p, e in files.items()) and keep == self.docs.keys():
            return
        docs = {key: self.docs[key] for key in keep if key in self.docs}
        self._write(marshal.dumps((stamp(), now, files, docs)))
        self.files, self.docs, self.written_ns, self._changed = files, docs, now, False

    # -- internals ------------------------------------------------------------------------------

    def _doc(self, key: bytes) -> ParsedDoc | None:
        packed = self.docs.get(key)
        if packed is None:
            return None
        try:
            doc = _unpack(packed)
        except Exception:  # a damaged entry: parse the file again
            del self.docs[key]
            self._changed = True
            return None
        self._used.add(key)
        return doc

    def _store(self, key: bytes, doc: ParsedDoc) -> None:
        try:
            self.docs[key] = _pack(doc)
        except ValueError:  # not marshallable: never cache it
            return
        self._used.add(key)
        self._changed = True

    def _write(self, data: bytes) -> None:
        """Atomically replace the cache file; a cache that cannot be written is no error."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self.path)
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def open_cache(root: Path) -> DocCache | None:
    """The parse cache of the ledger at root (None when no cache directory can be named)."""
    try:
        return DocCache(cache_file(root))
    except (OSError, RuntimeError):  # no home directory
        return None
