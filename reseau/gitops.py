"""Small Git operations for the writing commands (`--commit`)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reseau.errors import FatalError
from reseau.gitsource import git_bytes, open_repo, top_of
from reseau.i18n import msg

if TYPE_CHECKING:
    from git import Repo


def repo_paths(top: Path, root: Path, paths: Sequence[str | Path]) -> list[str]:
    """Paths (ledger-relative or absolute) as paths relative to the repository's top."""
    found = []
    for path in paths:
        absolute = (root / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
        try:
            found.append(absolute.relative_to(top).as_posix())
        except ValueError:
            raise FatalError(
                msg("{path}: not inside the repository {top}", path=str(path), top=str(top))
            ) from None
    return sorted(set(found))


def commit_files(
    root: Path, paths: Sequence[str | Path], message: str, env: Mapping[str, str] | None = None
) -> str:
    """Commit exactly these files with message; refuse when other changes are staged.

    paths are relative to the ledger root (or absolute); env is added to the environment
    of `git commit` (and so of its hooks). Returns the new commit's id.
    """
    repo = open_repo(root)
    if repo is None:
        raise FatalError(msg("--commit needs a Git repository: run `git init` in the ledger"))
    top = top_of(repo)
    wanted = repo_paths(top, root, paths)
    if not wanted:
        raise FatalError(msg("--commit: no file to commit"))
    staged = staged_paths(repo)
    others = sorted(set(staged) - set(wanted))
    if others:
        listed = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        raise FatalError(
            msg(
                "--commit: other changes are already staged ({listed}); commit or unstage them first, then run the command again",
                listed=listed,
            ),
            1,
        )
    present = [path for path in wanted if (top / path).exists()]
    if present:  # a path moved or removed by the command is staged already (git mv, git rm)
        git_bytes(repo, "add", "--", *present)
    if not set(staged_paths(repo)) & set(wanted):
        raise FatalError(msg("--commit: nothing to commit (the files are unchanged)"), 1)
    # --only: commit these paths and nothing else, whatever the index holds.
    git_bytes(
        repo,
        "commit",
        "--quiet",
        "--no-edit",
        f"--message={message}",
        "--only",
        "--",
        *wanted,
        env=dict(env or {}),
    )
    return git_bytes(repo, "rev-parse", "--verify", "HEAD").decode("ascii").strip()


def staged_paths(repo: Repo) -> list[str]:
    """Paths whose staged content differs from HEAD (every staged path before the first commit)."""
    if repo.head.is_valid():
        out = git_bytes(repo, "diff", "--cached", "--name-only", "-z", "--no-renames")
    else:
        out = git_bytes(repo, "ls-files", "-z", "--cached")
    return [os.fsdecode(item) for item in out.split(b"\0") if item]


def tracked(root: Path, rel: str) -> bool:
    """True when the ledger file rel is in Git's index (False outside a repository)."""
    repo = open_repo(root)
    if repo is None:
        return False
    wanted = repo_paths(top_of(repo), root, [rel])
    return bool(git_bytes(repo, "ls-files", "-z", "--cached", "--", *wanted).strip(b"\0"))


def move_tracked(root: Path, old: str, new: str) -> None:
    """`git mv old new`: the file moves in the work tree and in the index."""
    repo = open_repo(root)
    if repo is None:
        raise FatalError(msg("{old}: not in a Git repository", old=old))
    source, target = (repo_paths(top_of(repo), root, [p])[0] for p in (old, new))
    git_bytes(repo, "mv", "--", source, target)


def remove_tracked(root: Path, rel: str) -> None:
    """`git rm`: the file leaves the work tree and the index."""
    repo = open_repo(root)
    if repo is None:
        raise FatalError(msg("{rel}: not in a Git repository", rel=rel))
    git_bytes(repo, "rm", "--quiet", "--force", "--", *repo_paths(top_of(repo), root, [rel]))
