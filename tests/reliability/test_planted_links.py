"""Issue 19, finding 1: no write follows a link it did not create.

A ledger shared by a colleague can hold links: a file named like an `--output` that points
at `~/.bashrc`, a folder that leads out of the ledger, a temporary name planted beside a
hook. Each case below wrote outside the ledger before the write rule of reseau.store;
now the command refuses with one line (exit 2) and the file outside keeps its bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import STORY_AS_OF, run_cli

VICTIM = b"# my shell start-up\nexport PATH=$HOME/bin:$PATH\n"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A folder standing for the user's home, with a file the attack aims at."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / ".bashrc").write_bytes(VICTIM)
    return folder


def in_story(story: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(story)  # the README's commands run from the ledger's folder
    result = run_cli("--as-of", STORY_AS_OF, *args)
    return result.code, result.out, result.err


@pytest.mark.parametrize(
    ("what", "name"), [("vcard", "contacts.vcf"), ("ics", "loops.ics"), ("json", "ledger.json")]
)
def test_export_output_never_follows_a_planted_link(
    story: Path, home: Path, monkeypatch: pytest.MonkeyPatch, what: str, name: str
) -> None:
    os.symlink(os.path.relpath(home / ".bashrc", story), story / name)
    code, out, err = in_story(story, monkeypatch, "export", what, "--output", name)
    assert (code, out) == (2, "")
    assert err == (
        f"reseau: {name}: is a symbolic link; reseau never writes through a link it did not "
        "create\n"
    )
    assert (home / ".bashrc").read_bytes() == VICTIM
    assert (story / name).is_symlink()


def test_export_output_outside_the_ledger_is_written_where_the_user_said(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "mine" / "contacts.vcf"
    code, _, err = in_story(story, monkeypatch, "export", "vcard", "--output", str(target))
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"BEGIN:VCARD")


def test_report_output_never_goes_through_a_folder_link_out_of_the_ledger(
    story: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(story / "reports", ignore_errors=True)
    os.symlink(home, story / "reports")
    code, out, err = in_story(story, monkeypatch, "report", "--output", "reports/W.md")
    assert code == 2
    assert err.startswith("reseau: reports/W.md: leaves the ledger folder ")
    assert sorted(p.name for p in home.iterdir()) == [".bashrc"]


def test_report_output_through_the_users_own_link_into_the_ledger_is_still_checked(
    story: Path, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """~/net -> the ledger (the user's link), then reports -> $HOME (planted): refused."""
    os.symlink(story, tmp_path / "net")
    shutil.rmtree(story / "reports", ignore_errors=True)
    os.symlink(home, story / "reports")
    code, _, err = in_story(
        story, monkeypatch, "report", "--output", str(tmp_path / "net" / "reports" / "W.md")
    )
    assert code == 2, err
    assert sorted(p.name for p in home.iterdir()) == [".bashrc"]


def test_fmt_never_writes_through_a_record_that_is_a_link(story: Path, cli: object) -> None:
    """contacts/x.yaml -> ../reseau.yaml: fmt used to reformat reseau.yaml as a contact."""
    settings = (story / "reseau.yaml").read_bytes()
    (story / "notes").mkdir()
    (story / "notes" / "paul.yaml").write_text("relation: cold\nname: Paul Roux\n")
    os.symlink("../notes/paul.yaml", story / "contacts" / "paul-roux.yaml")
    result = run_cli("--ledger", str(story), "fmt")
    assert result.code == 1
    assert (
        "contacts/paul-roux.yaml: is a symbolic link; reseau never writes through a link it "
        "did not create\n"
    ) in result.err
    assert (story / "notes" / "paul.yaml").read_text() == "relation: cold\nname: Paul Roux\n"
    assert (story / "reseau.yaml").read_bytes() == settings


def test_done_never_writes_through_a_record_that_is_a_link(story: Path) -> None:
    rel = "interactions/2016/2016-04-28-call-helene-dupre.yaml"
    (story / "notes").mkdir()
    shutil.move(story / rel, story / "notes" / "call.yaml")
    os.symlink("../../notes/call.yaml", story / rel)
    before = (story / "notes" / "call.yaml").read_bytes()
    result = run_cli(
        "--ledger", str(story), "--as-of", STORY_AS_OF, "done", "2016-04-28-call-helene-dupre"
    )
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"reseau: {rel}: is a symbolic link; reseau never writes through a link it did not create\n"
    )
    assert (story / "notes" / "call.yaml").read_bytes() == before


def test_init_never_writes_through_a_planted_folder_link(tmp_path: Path, home: Path) -> None:
    """A shared folder with `schema -> ~`: init used to write the schemas into the home."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.symlink(home, shared / "schema")
    result = run_cli("init", str(shared))
    assert result.code == 2
    assert result.err == (
        f"reseau: schema: leaves the ledger folder {shared} (through a link or '..'); "
        "nothing written\n"
    )
    assert sorted(p.name for p in home.iterdir()) == [".bashrc"]


def test_init_keeps_a_planted_file_link_and_writes_nothing_through_it(
    tmp_path: Path, home: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.symlink(home / ".bashrc", shared / ".gitignore")
    result = run_cli("init", str(shared))
    assert result.code == 0, result.err
    assert "kept shared/.gitignore" in result.out or "kept " in result.out
    assert (home / ".bashrc").read_bytes() == VICTIM


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_hooks_install_never_writes_through_a_planted_temporary_name(
    story: Path, home: Path
) -> None:
    _git(story, "init", "-q")
    hooks = story / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    os.symlink(home / ".bashrc", hooks / ".pre-commit.reseau-tmp")  # the old fixed name
    result = run_cli("--ledger", str(story), "hooks", "install")
    assert result.code == 0, result.err
    assert (home / ".bashrc").read_bytes() == VICTIM
    assert b"reseau" in (hooks / "pre-commit").read_bytes()
    assert os.access(hooks / "pre-commit", os.X_OK)


def test_hooks_install_never_writes_through_a_planted_hooks_folder(story: Path, home: Path) -> None:
    _git(story, "init", "-q")
    shutil.rmtree(story / ".git" / "hooks", ignore_errors=True)
    os.symlink(home, story / ".git" / "hooks")
    result = run_cli("--ledger", str(story), "hooks", "install")
    assert result.code == 2
    assert "leaves the ledger folder" in result.err
    assert sorted(p.name for p in home.iterdir()) == [".bashrc"]


def test_hooks_install_refuses_a_hook_that_is_a_link_even_with_force(
    story: Path, home: Path
) -> None:
    _git(story, "init", "-q")
    hooks = story / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    os.symlink(home / ".bashrc", hooks / "pre-commit")
    result = run_cli("--ledger", str(story), "hooks", "install", "--force")
    assert result.code == 2
    assert "is a symbolic link" in result.err and result.err.count("\n") == 1
    assert (home / ".bashrc").read_bytes() == VICTIM
