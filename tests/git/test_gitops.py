"""`commit_files`: exactly these files, refused when other changes are staged."""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau.commands.common import FatalError
from reseau.gitops import commit_files
from tests.conftest import write_files
from tests.git.helpers import commit_all, git, new_repo

pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path / "repo")
    write_files(repo, {"net/reseau.yaml": "owner: Camille Martin\n", "notes.txt": "x\n"})
    commit_all(repo)
    return repo


def committed(repo: Path) -> list[str]:
    return git(repo, "show", "--name-only", "--format=%s", "HEAD").stdout.splitlines()


def test_commits_exactly_the_files(repo: Path) -> None:
    root = repo / "net"
    write_files(
        root,
        {
            "contacts/--output=x.yaml": "name: X\n",
            "contacts/-dash.yaml": "name: D\n",
            "contacts/other.yaml": "name: O\n",
        },
    )
    (repo / "notes.txt").write_text("changed\n", encoding="utf-8")
    sha = commit_files(
        root,
        ["contacts/--output=x.yaml", root / "contacts/-dash.yaml"],
        "add: --output=x and -dash",
    )
    assert git(repo, "rev-parse", "HEAD").stdout.strip() == sha
    assert committed(repo) == [
        "add: --output=x and -dash",
        "",
        "net/contacts/--output=x.yaml",
        "net/contacts/-dash.yaml",
    ]
    assert git(repo, "status", "--porcelain").stdout == " M notes.txt\n?? net/contacts/other.yaml\n"
    assert not (repo / "x").exists() and not (root / "x").exists()


def test_refuses_when_other_changes_are_staged(repo: Path) -> None:
    root = repo / "net"
    write_files(root, {"contacts/a.yaml": "name: A\n"})
    (repo / "notes.txt").write_text("changed\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    with pytest.raises(FatalError, match=r"other changes are already staged \(notes.txt\)") as info:
        commit_files(root, ["contacts/a.yaml"], "add: A")
    assert info.value.code == 1
    assert committed(repo)[0] == "snapshot"


def test_already_staged_own_file_is_fine_and_unchanged_is_refused(repo: Path) -> None:
    root = repo / "net"
    write_files(root, {"contacts/a.yaml": "name: A\n"})
    git(repo, "add", "net/contacts/a.yaml")
    commit_files(root, ["contacts/a.yaml"], "add: A")
    with pytest.raises(FatalError, match="nothing to commit"):
        commit_files(root, ["contacts/a.yaml"], "add: A again")


def test_not_a_repository_and_outside_paths(tmp_path: Path, repo: Path) -> None:
    with pytest.raises(FatalError, match="--commit needs a Git repository"):
        commit_files(tmp_path, ["a.yaml"], "x")
    with pytest.raises(FatalError, match="not inside the repository"):
        commit_files(repo / "net", [tmp_path / "elsewhere.yaml"], "x")


def test_first_commit_of_a_new_repository(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "fresh")
    write_files(repo, {"reseau.yaml": "owner: Me\n", "contacts/a.yaml": "name: A\n"})
    commit_files(repo, ["contacts/a.yaml"], "add: A")
    assert committed(repo) == ["add: A", "", "contacts/a.yaml"]
