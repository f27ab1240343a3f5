"""Issue 19, Git: reading a repository runs nothing its own .git/config names.

`core.fsmonitor` set to a command makes plain `git ls-files` and `git status` run it (a
shared ledger copied with its .git folder, a repository another program configured).
reseau runs every Git command with `core.fsmonitor=false`, no pager and no fetching
(reseau.gitsource.SAFE_CONFIG, through GIT_CONFIG_* which beats every config file).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import STORY_AS_OF, run_cli


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def booby_trapped(story: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The story committed, then a .git/config whose fsmonitor and pager leave a mark."""
    git(story, "init", "-q")
    git(story, "add", "-A")
    git(story, "commit", "-qm", "the story")
    mark = tmp_path / "RAN"
    git(story, "config", "core.fsmonitor", f"touch {mark}; true")
    git(story, "config", "core.pager", f"touch {mark}; cat")
    return story, mark


def test_plain_git_would_run_it(booby_trapped: tuple[Path, Path]) -> None:
    """The trap is real: Git itself runs the fsmonitor command on `git ls-files`."""
    story, mark = booby_trapped
    git(story, "ls-files", "--cached", "--others", "--exclude-standard")
    assert mark.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--staged"],
        ["report"],
        ["agenda"],
        ["show", "helene-dupre"],
        ["export", "json"],
        ["fmt", "--check"],
    ],
)
def test_reading_runs_nothing_from_the_repository_config(
    booby_trapped: tuple[Path, Path], args: list[str]
) -> None:
    story, mark = booby_trapped
    result = run_cli("--ledger", str(story), "--as-of", STORY_AS_OF, *args)
    assert result.code in (0, 1), result.err
    assert not mark.exists()


def test_commit_runs_no_fsmonitor_either(booby_trapped: tuple[Path, Path]) -> None:
    story, mark = booby_trapped
    result = run_cli(
        "--ledger", str(story), "--as-of", STORY_AS_OF, "add", "Ada Lovelace", "--commit"
    )
    assert result.code == 0, result.err
    assert git(story, "log", "-1", "--format=%s").strip() == "add: Ada Lovelace"
    assert not mark.exists()


def test_the_users_own_git_config_variables_are_kept(
    booby_trapped: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reseau.gitsource import safe_env

    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "user.name")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "Someone Else")
    env = safe_env()
    assert env["GIT_CONFIG_COUNT"] == "4"
    assert (env["GIT_CONFIG_KEY_1"], env["GIT_CONFIG_VALUE_1"]) == ("core.fsmonitor", "false")
    assert "GIT_CONFIG_KEY_0" not in env  # the user's own stays in the environment
