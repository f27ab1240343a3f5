"""The week's commits touching the ledger, read through GitPython (imported only when asked)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reseau.report.weeks import Week

Status = Literal["git", "not-git", "no-commits"]


@dataclass(frozen=True)
class Commit:
    sha: str  # short (7 hex digits)
    date: dt.date  # author date, in the author's own time zone
    subject: str
    files: tuple[str, ...]  # changed files under the ledger root, ledger-relative


@dataclass(frozen=True)
class Activity:
    status: Status
    commits: tuple[Commit, ...] = ()


def read_activity(root: Path, week: Week, as_of: dt.date) -> Activity:
    """Commits whose author date falls in the week (and on or before as-of) touching the ledger.

    The author date is used (not the committer date) because it is when the
    change was written, and it survives rebases; it is read in the author's own
    time zone so the result does not depend on the machine's.
    """
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return Activity("not-git")
    from reseau.gitsource import harden

    harden(repo)  # no program from the repository's own config runs (reseau.gitsource)
    with repo:
        if repo.working_tree_dir is None:
            return Activity("not-git")
        workdir = Path(repo.working_tree_dir).resolve()
        prefix = root.resolve().relative_to(workdir).as_posix()
        prefix = "" if prefix == "." else prefix
        try:
            repo.head.commit  # noqa: B018 - raises ValueError on a repository with no commits
        except ValueError:
            return Activity("no-commits")
        found: list[tuple[int, Commit]] = []
        commits = repo.iter_commits(paths=prefix) if prefix else repo.iter_commits()
        for commit in commits:
            day = commit.authored_datetime.date()
            if not week.holds(day) or day > as_of:
                continue
            files = _changed(repo, commit, prefix)
            if files:
                found.append(
                    (
                        commit.authored_date,
                        Commit(commit.hexsha[:7], day, str(commit.summary), files),
                    )
                )
        found.sort(key=lambda pair: (pair[1].date, pair[0], pair[1].sha))
        return Activity("git", tuple(c for _, c in found))


def _changed(repo: object, commit: object, prefix: str) -> tuple[str, ...]:
    """Files the commit changed (against its first parent), relative to the ledger root."""
    import git

    assert isinstance(repo, git.Repo) and isinstance(commit, git.Commit)
    if commit.parents:
        out = repo.git.diff_tree(
            "-r", "-z", "--name-only", "--no-renames", commit.parents[0].hexsha, commit.hexsha
        )
    else:
        out = repo.git.diff_tree(
            "-r", "-z", "--name-only", "--no-renames", "--no-commit-id", "--root", commit.hexsha
        )
    paths = [p for p in str(out).split("\0") if p]
    if not prefix:
        return tuple(sorted(paths))
    return tuple(sorted(p[len(prefix) + 1 :] for p in paths if p.startswith(prefix + "/")))
