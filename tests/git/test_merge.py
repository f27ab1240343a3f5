"""Two people log at once on two branches: one file per record, so the merge is clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import STORY_AS_OF, Result, write_files
from tests.git.helpers import commit_all, git, new_repo

pytestmark = pytest.mark.slow


def call(who: str, day: str) -> str:
    return (
        f"date: {day}\nwith: [{who}]\nchannel: call\nsummary: News.\ngave: [update]\n"
        f"next: {{action: Call again, due: 2016-06-01}}\n"
    )


def test_two_branches_logging_merge_cleanly(story: Path, cli: Callable[..., Result]) -> None:
    repo = new_repo(story)
    commit_all(repo, "the story")
    git(repo, "switch", "--quiet", "-c", "alice")
    write_files(
        repo,
        {"interactions/2016/2016-05-02-call-marc-leroy.yaml": call("marc-leroy", "2016-05-02")},
    )
    commit_all(repo, "log: call with Marc Leroy")
    git(repo, "switch", "--quiet", "main")
    git(repo, "switch", "--quiet", "-c", "bob")
    write_files(
        repo,
        {"interactions/2016/2016-05-02-call-karim-bonnet.yaml": call("karim-bonnet", "2016-05-02")},
    )
    commit_all(repo, "log: call with Karim Bonnet")
    merge = git(repo, "merge", "--no-edit", "alice", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert git(repo, "status", "--porcelain").stdout == ""
    assert (repo / "interactions/2016/2016-05-02-call-marc-leroy.yaml").is_file()
    result = cli("--ledger", str(repo), "check", "--as-of", STORY_AS_OF, "--staged")
    assert (result.code, result.out) == (0, "")
