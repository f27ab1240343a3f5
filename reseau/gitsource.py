"""The ledger's files as Git knows them: the work tree (tracked + untracked, not ignored) or the index."""

from __future__ import annotations

import builtins
import os
import posixpath
import stat
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reseau.discover import (
    SETTINGS_FILE,
    FileSource,
    LedgerFile,
    Stat,
    WorkTree,
    classify_all,
    stat_key,
)
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.parse import MAX_BYTES

if TYPE_CHECKING:
    from git import Repo

SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"
# Pathspecs are literal: a folder named `:(glob)*` is a folder, not pathspec magic.
LITERAL = {"GIT_LITERAL_PATHSPECS": "1"}
# What a repository's own .git/config could make Git run while reseau only reads (a shared
# ledger, a copied folder): overridden for every Git command reseau runs, since GIT_CONFIG_*
# from the environment wins over every configuration file. `core.fsmonitor` runs its value
# as a program on `git ls-files` and `git status`; a pager would run on other commands (no
# command reseau runs prints a patch, so `diff.external` never applies); `protocol.allow=never` stops a partial clone from fetching (and so from
# running `core.sshCommand`). What `--commit` still runs, as `git commit` does: the hooks,
# the clean filters of .gitattributes, a signing program (docs/cli.md).
SAFE_CONFIG = (
    ("core.fsmonitor", "false"),
    ("core.pager", "cat"),
    ("protocol.allow", "never"),
)


def safe_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables that give every Git command SAFE_CONFIG (after any GIT_CONFIG_* the
    user set), no pager, no prompt and literal pathspecs."""
    environ = os.environ if environ is None else environ
    try:
        first = int(environ.get("GIT_CONFIG_COUNT", "0") or "0")
    except ValueError:
        first = 0
    env = {**LITERAL, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}
    for i, (key, value) in enumerate(SAFE_CONFIG, start=first):
        env[f"GIT_CONFIG_KEY_{i}"] = key
        env[f"GIT_CONFIG_VALUE_{i}"] = value
    env["GIT_CONFIG_COUNT"] = str(first + len(SAFE_CONFIG))
    return env


def harden(repo: Repo) -> Repo:
    """Make every command GitPython runs for repo use safe_env()."""
    repo.git.update_environment(**safe_env())
    return repo


def in_work_tree(path: Path) -> bool:
    """Cheap test (no GitPython import): is there a `.git` in path or a folder above it?"""
    return any((folder / ".git").exists() for folder in (path, *path.parents))


def open_repo(path: Path) -> Repo | None:
    """The Git work tree holding path, or None (not a repository, or no git program)."""
    if not in_work_tree(path):
        return None
    try:
        from git import InvalidGitRepositoryError, NoSuchPathError, Repo
    except ImportError:  # GitPython refuses to import when the git program is missing
        return None
    try:
        repo = Repo(path, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        return None
    if repo.bare or repo.working_tree_dir is None:
        return None
    return harden(repo)


def top_of(repo: Repo) -> Path:
    return Path(str(repo.working_tree_dir)).resolve()


def git_bytes(repo: Repo, command: str, *args: str, **kwargs: Any) -> bytes:
    """Run `git <command> <args>` in the work tree's top folder; its raw stdout."""
    from git import GitCommandError

    run = getattr(repo.git, command.replace("-", "_"))
    env = {**safe_env(), **kwargs.pop("env", {})}  # GitPython adds these to os.environ
    try:
        out: bytes = run(
            *args, stdout_as_string=False, strip_newline_in_stdout=False, env=env, **kwargs
        )
    except GitCommandError as exc:
        raise FatalError(
            msg(
                "git {command} failed: {git_error}",
                command=command,
                git_error=str(git_error(exc)),
            )
        ) from None
    return out


def git_error(exc: Any) -> str:
    """Git's own message from a GitCommandError, without GitPython's decoration."""
    text = exc.stderr if isinstance(exc.stderr, str) else str(exc)
    text = text.strip()
    return text.removeprefix("stderr:").strip().strip("'").strip()


def ledger_prefix(repo: Repo, root: Path) -> str:
    """The ledger root relative to the repository's top: '' or 'network/'."""
    rel = root.resolve().relative_to(top_of(repo)).as_posix()
    return "" if rel == "." else rel + "/"


def ledger_source(root: Path, staged: bool) -> FileSource | None:
    """Where the ledger's bytes come from: Git's view of the work tree, Git's index, or the disk."""
    if staged:
        repo = open_repo(root)
        if repo is None:
            raise FatalError(msg("--staged needs a Git repository"))
        return IndexSource(repo, root)
    if not in_work_tree(root):
        return WorkTree(root)
    source = GitWorkTree(root)
    try:
        listed = source.list()
    except NotARepository:
        return WorkTree(root)
    if not any(f.path == SETTINGS_FILE for f in listed) and (root / SETTINGS_FILE).is_file():
        return WorkTree(root)  # the whole ledger is ignored by Git: Git's view says nothing
    return source


def _split_z(data: bytes) -> list[str]:
    return [os.fsdecode(item) for item in data.split(b"\0") if item]


class NotARepository(Exception):
    """`git ls-files` found no repository (or there is no git program): read the disk."""


class GitWorkTree(WorkTree):
    """Files on disk that Git knows: tracked (and still present) plus untracked, not ignored.

    Reading, and the test for links leading out of the ledger, are WorkTree's own. The
    listing is the one Git call on the path of every `check`, so it runs `git ls-files`
    itself (a fixed command line, no value from the ledger in it) rather than through
    GitPython, whose import alone costs several times that call.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._listed: builtins.list[LedgerFile] | None = None
        self._stats: dict[str, Stat] = {}

    def list(self) -> builtins.list[LedgerFile]:
        if self._listed is None:
            self._listed = self._list()
        return self._listed

    def stat(self, path: str) -> Stat | None:
        """The stat the listing took of a regular file (links are followed afresh)."""
        found = self._stats.get(path)
        return found if found is not None else super().stat(path)

    def _list(self) -> builtins.list[LedgerFile]:
        command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."]
        try:
            done = subprocess.run(
                command, cwd=self.root, env={**os.environ, **safe_env()}, capture_output=True,
                check=False, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        except OSError:  # no git program
            raise NotARepository from None
        if done.returncode != 0:
            message = os.fsdecode(done.stderr).strip()
            if "not a git repository" in message:
                raise NotARepository
            raise FatalError(
                msg(
                    "git ls-files failed: {error}",
                    error=message.removeprefix("fatal: "),
                )
            )
        base = os.fspath(self.root)
        links: set[str] = set()
        present = []
        stats = self._stats
        # Deleted-but-not-staged files drop out; links are seen; regular files keep their stat.
        for path in sorted(set(_split_z(done.stdout))):
            if not path.endswith((".yaml", ".yml")):
                continue  # classify_all() decides the rest
            try:
                info = os.lstat(f"{base}/{path}")
            except FileNotFoundError:
                continue
            present.append(path)
            if stat.S_ISLNK(info.st_mode):
                links.add(path)
            elif stat.S_ISREG(info.st_mode):
                stats[path] = stat_key(info)
        return [
            LedgerFile(f.path, "outside") if f.path in links and not self._inside(f.path) else f
            for f in classify_all(present)
        ]


@dataclass(frozen=True)
class Entry:
    mode: str
    sha: str


class IndexSource:
    """What is staged: the index's entries under the root, their blobs read in one `cat-file --batch`."""

    on_disk = False

    def __init__(self, repo: Repo, root: Path) -> None:
        self.repo = repo
        self.root = root
        self._entries: dict[str, Entry] | None = None
        self._blobs: dict[str, bytes] | None = None

    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = self._read_index()
        return self._entries

    def _read_index(self) -> dict[str, Entry]:
        prefix = ledger_prefix(self.repo, self.root)
        out = git_bytes(self.repo, "ls-files", "-z", "--stage", "--", prefix or ".")
        entries: dict[str, tuple[int, Entry]] = {}
        for item in _split_z(out):
            meta, _, path = item.partition("\t")
            mode, sha, stage_text = meta.split(" ")
            if not path.startswith(prefix) or mode == GITLINK_MODE:
                continue
            # During a merge a path has stages 1-3 and no 0: judge "ours" (2).
            stage = int(stage_text)
            rank = {0: 0, 2: 1, 3: 2, 1: 3}[stage]
            rel = path[len(prefix) :]
            if rel not in entries or rank < entries[rel][0]:
                entries[rel] = (rank, Entry(mode, sha))
        return {rel: entry for rel, (_, entry) in entries.items()}

    def list(self) -> list[LedgerFile]:
        entries = self.entries()
        files = classify_all(entries)
        return [LedgerFile(f.path, "outside") if self._target(f.path) is None else f for f in files]

    def _target(self, rel: str, depth: int = 0) -> str | None:
        """The ledger path whose blob rel stands for (following staged symlinks), None if outside."""
        entry = self.entries().get(rel)
        if entry is None or entry.mode != SYMLINK_MODE:
            return rel
        if depth > 20:
            return None
        link = os.fsdecode(self.blobs().get(entry.sha, b""))
        if link.startswith("/"):
            return None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), link))
        if target == ".." or target.startswith("../"):
            return None
        return self._target(target, depth + 1)

    def blobs(self) -> dict[str, bytes]:
        """Every blob under the root, by sha, from a single `git cat-file --batch` process."""
        if self._blobs is None:
            shas = sorted({e.sha for e in self.entries().values()})
            self._blobs = self._cat_file(shas) if shas else {}
        return self._blobs

    def _cat_file(self, shas: builtins.list[str]) -> dict[str, bytes]:
        with tempfile.TemporaryFile() as request:
            request.write("".join(f"{sha}\n" for sha in shas).encode("ascii"))
            request.seek(0)
            out = git_bytes(self.repo, "cat-file", "--batch", istream=request)
        blobs: dict[str, bytes] = {}
        at = 0
        while at < len(out):
            header_end = out.index(b"\n", at)
            fields = out[at:header_end].decode("ascii").split(" ")
            at = header_end + 1
            if len(fields) != 3:  # "<sha> missing"
                continue
            size = int(fields[2])
            blobs[fields[0]] = out[at : at + min(size, MAX_BYTES + 1)]  # as WorkTree.read
            at += size + 1
        return blobs

    def stat(self, path: str) -> Stat | None:
        return None

    def read(self, path: str) -> bytes:
        target = self._target(path)
        entry = self.entries().get(target) if target is not None else None
        if entry is None:
            raise FileNotFoundError(2, "not staged", path)
        if entry.sha not in self.blobs():
            raise FileNotFoundError(2, "blob missing from the repository", path)
        return self.blobs()[entry.sha]
