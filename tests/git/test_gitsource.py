"""The ledger's files as Git knows them, and `check --staged` against the index."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reseau import gitsource
from reseau.commands.common import FatalError
from reseau.discover import LedgerFile, WorkTree
from tests.conftest import STORY_AS_OF, Result
from tests.git.helpers import commit_all, git, new_repo

pytestmark = pytest.mark.slow

BAD_CALL = """\
date: 2016-04-30
with: [karim-bonet]
channel: call
summary: Call with Karim.
gave: [interest]
next: {action: Ask how the new team is doing, due: 2016-05-20}
"""
GOOD_CALL = BAD_CALL.replace("karim-bonet", "karim-bonnet")
CALL = "interactions/2016/2016-04-30-call-karim-bonnet.yaml"
L001 = (
    f"{CALL}:2:8: error L001 unknown-reference: no contact 'karim-bonet': "
    "did you mean karim-bonnet?\n"
)


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(story: Path) -> Path:
    new_repo(story)
    commit_all(story, "the story")
    return story


def check(cli: Callable[..., Result], root: Path, *args: str) -> Result:
    return cli("--ledger", str(root), "check", "--as-of", STORY_AS_OF, *args)


def test_fixed_in_work_tree_but_not_staged_still_fails_with_staged(
    repo: Path, cli: Callable[..., Result]
) -> None:
    write(repo, CALL, BAD_CALL)
    git(repo, "add", "--", CALL)
    write(repo, CALL, GOOD_CALL)
    assert (check(cli, repo, "--staged").code, check(cli, repo, "--staged").out) == (1, L001)
    assert (check(cli, repo).code, check(cli, repo).out) == (0, "")


def test_fixed_in_index_but_broken_in_work_tree_passes_with_staged(
    repo: Path, cli: Callable[..., Result]
) -> None:
    write(repo, CALL, GOOD_CALL)
    git(repo, "add", "--", CALL)
    write(repo, CALL, BAD_CALL)
    assert (check(cli, repo, "--staged").code, check(cli, repo, "--staged").out) == (0, "")
    assert (check(cli, repo).code, check(cli, repo).out) == (1, L001)


def test_untracked_files_count_ignored_files_do_not(repo: Path, cli: Callable[..., Result]) -> None:
    write(repo, CALL, BAD_CALL)
    assert check(cli, repo).code == 1  # untracked, not ignored: part of the ledger
    assert check(cli, repo, "--staged").code == 0
    write(repo, ".gitignore", "/interactions/2016/2016-04-30-*\n")
    assert (check(cli, repo).code, check(cli, repo).out) == (0, "")


def test_a_tracked_file_deleted_from_the_work_tree_is_gone(repo: Path) -> None:
    (repo / "contacts" / "karim-bonnet.yaml").unlink()
    paths = [f.path for f in gitsource.ledger_source(repo, False).list()]  # type: ignore[union-attr]
    assert "contacts/karim-bonnet.yaml" not in paths
    staged = [f.path for f in gitsource.ledger_source(repo, True).list()]  # type: ignore[union-attr]
    assert "contacts/karim-bonnet.yaml" in staged


def test_git_listing_agrees_with_the_plain_walk(repo: Path) -> None:
    source = gitsource.ledger_source(repo, False)
    assert isinstance(source, gitsource.GitWorkTree)
    assert source.list() == WorkTree(repo).list()
    staged = gitsource.ledger_source(repo, True)
    assert staged is not None and staged.list() == WorkTree(repo).list()
    for file in WorkTree(repo).list():
        assert staged.read(file.path) == source.read(file.path)


def test_ledger_in_a_subfolder(tmp_path: Path, story: Path, cli: Callable[..., Result]) -> None:
    top = new_repo(tmp_path / "top")
    story.rename(top / "my network")
    write(top, "contacts/not-mine.yaml", "name: [broken\n")  # outside the ledger
    commit_all(top)
    root = top / "my network"
    write(root, CALL, BAD_CALL)
    git(top, "add", "--", f"my network/{CALL}")
    write(root, CALL, GOOD_CALL)
    assert (check(cli, root, "--staged").code, check(cli, root, "--staged").out) == (1, L001)
    assert check(cli, root).code == 0


def test_not_a_repository(story: Path, cli: Callable[..., Result]) -> None:
    assert isinstance(gitsource.ledger_source(story, False), WorkTree)
    with pytest.raises(FatalError, match="--staged needs a Git repository"):
        gitsource.ledger_source(story, True)
    result = check(cli, story, "--staged")
    assert (result.code, result.err) == (2, "reseau: --staged needs a Git repository\n")


def test_blobs_are_read_in_one_cat_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = gitsource.git_bytes

    def spy(repo_: Any, command: str, *args: str, **kwargs: Any) -> bytes:
        calls.append(command)
        return real(repo_, command, *args, **kwargs)

    monkeypatch.setattr(gitsource, "git_bytes", spy)
    source = gitsource.ledger_source(repo, True)
    assert source is not None
    files = source.list()
    assert len(files) > 15
    assert all(source.read(f.path) == (repo / f.path).read_bytes() for f in files)
    assert calls == ["ls-files", "cat-file"]


def test_names_that_look_like_options_stay_names(repo: Path, cli: Callable[..., Result]) -> None:
    for name in ("-dash", "--output=x"):
        write(repo, f"contacts/{name}.yaml", "name: Odd Name\n")
    git(repo, "add", "--", "contacts/-dash.yaml", "contacts/--output=x.yaml")
    result = check(cli, repo, "--staged", "--format", "json")
    assert '"path": "contacts/--output=x.yaml"' in result.out
    assert '"path": "contacts/-dash.yaml"' in result.out
    assert not (repo / "x").exists()
    assert check(cli, repo).out == check(cli, repo, "--staged").out


def test_staged_symlinks_inside_are_followed_outside_are_refused(repo: Path) -> None:
    (repo / "contacts" / "alias.yaml").symlink_to("karim-bonnet.yaml")
    (repo / "contacts" / "away.yaml").symlink_to("../../elsewhere.yaml")
    git(repo, "add", "--", "contacts/alias.yaml", "contacts/away.yaml")
    staged = gitsource.ledger_source(repo, True)
    plain = gitsource.ledger_source(repo, False)
    assert staged is not None and plain is not None
    expected = [
        LedgerFile("contacts/alias.yaml", "contact"),
        LedgerFile("contacts/away.yaml", "outside"),
    ]
    for source in (staged, plain, WorkTree(repo)):
        assert [
            f for f in source.list() if f.path in ("contacts/alias.yaml", "contacts/away.yaml")
        ] == expected
    assert staged.read("contacts/alias.yaml") == (repo / "contacts/karim-bonnet.yaml").read_bytes()
