"""`reseau hooks install` and the plain hook, through real `git commit`s."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau.commands.hooks import hook_template
from tests.conftest import Result, write_files
from tests.git.helpers import commit_all, git, new_repo

pytestmark = pytest.mark.slow

TOP = Path(__file__).resolve().parents[2]
CALL = "interactions/2016/2016-05-02-call-lea-martin.yaml"
CALL_TEXT = """\
    date: 2016-05-02
    with: [lea-martin]
    channel: call
    initiated_by: them
    summary: Léa called about the Datacorp team.
    gave: [interest]
    next: {action: Send her the article, due: 2099-01-01}
    """
REFUSED = (
    f"{CALL}:2:8: error L001 unknown-reference: no contact 'lea-martin': "
    "create contacts/lea-martin.yaml or fix the id\n"
)


def test_the_template_is_the_top_level_hook() -> None:
    assert hook_template() == (TOP / "hooks" / "pre-commit").read_bytes()


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path / "repo")
    write_files(
        repo,
        {
            "reseau.yaml": "owner: Camille Martin\n",
            "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
        },
    )
    commit_all(repo)
    return repo


def install(cli: Callable[..., Result], where: Path, *args: str) -> Result:
    return cli("--ledger", str(where), "hooks", "install", *args)


def test_install_then_reinstall(
    ledger: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ledger)
    assert install(cli, ledger).out == "created .git/hooks/pre-commit\n"
    hook = ledger / ".git" / "hooks" / "pre-commit"
    assert hook.read_bytes() == hook_template()
    assert hook.stat().st_mode & stat.S_IXUSR
    assert install(cli, ledger).out == "unchanged .git/hooks/pre-commit\n"
    hook.write_bytes(hook_template() + b"# my addition\n")
    assert install(cli, ledger).out == "updated .git/hooks/pre-commit\n"


def test_a_foreign_hook_is_kept_unless_forced(
    ledger: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ledger)
    hook = ledger / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho mine\n", encoding="utf-8")
    result = install(cli, ledger)
    assert result.code == 1
    assert result.err == (
        "reseau: .git/hooks/pre-commit exists and was not written by reseau: "
        "keep it, add `reseau check --staged` to it yourself, or replace it with "
        "`reseau hooks install --force`\n"
    )
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\necho mine\n"
    assert install(cli, ledger, "--force").out == "replaced .git/hooks/pre-commit\n"
    assert hook.read_bytes() == hook_template()


def test_core_hooks_path_is_respected(ledger: Path, cli: Callable[..., Result]) -> None:
    git(ledger, "config", "core.hooksPath", "githooks")
    assert install(cli, ledger).code == 0
    assert (ledger / "githooks" / "pre-commit").read_bytes() == hook_template()
    assert not (ledger / ".git" / "hooks" / "pre-commit").exists()


def test_outside_a_repository(tmp_path: Path, cli: Callable[..., Result]) -> None:
    result = install(cli, tmp_path)
    assert (result.code, result.err) == (
        2,
        f"reseau: {tmp_path} is not inside a Git repository: run `git init` first\n",
    )


def test_commit_refused_then_accepted(ledger: Path, cli: Callable[..., Result]) -> None:
    assert install(cli, ledger).code == 0
    write_files(ledger, {CALL: CALL_TEXT})
    git(ledger, "add", "--", CALL)
    refused = git(ledger, "commit", "-m", "log: call with Léa Martin", check=False)
    assert refused.returncode == 1
    assert refused.stdout + refused.stderr == REFUSED + (
        "reseau: commit refused: the ledger has problems that block commits in the staged files "
        "(above, paths relative to the ledger).\n"
        "reseau: fix them, `git add` the files, and commit again (or skip the check with --no-verify).\n"
    )
    write_files(ledger, {"contacts/lea-martin.yaml": "name: Léa Martin\nrelation: friend\n"})
    # In the work tree only: the commit judges what is staged, so it is still refused.
    assert git(ledger, "commit", "-m", "log", check=False).returncode == 1
    git(ledger, "add", "--", "contacts/lea-martin.yaml")
    accepted = git(ledger, "commit", "-m", "log: call with Léa Martin", check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert git(ledger, "log", "--format=%s", "-1").stdout == "log: call with Léa Martin\n"


def test_hook_with_a_ledger_in_a_subfolder_and_commit_all(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    top = new_repo(tmp_path / "top")
    write_files(
        top,
        {
            "-net/reseau.yaml": "owner: Camille Martin\n",
            "-net/contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
            "src/contacts/unrelated.yaml": "not: a ledger\n",
        },
    )
    commit_all(top)
    assert install(cli, top / "src").code == 0
    write_files(top, {f"-net/{CALL}": CALL_TEXT})
    git(top, "add", "--", f"-net/{CALL}")
    refused = git(top / "src", "commit", "-m", "log", check=False)
    assert refused.returncode == 1
    assert REFUSED in refused.stderr
    assert "the ledger in -net/ has problems" in refused.stderr
    write_files(top, {f"-net/{CALL}": CALL_TEXT.replace("lea-martin", "marc-leroy")})
    # `git commit -a` stages into a temporary index (GIT_INDEX_FILE): the hook must read that one.
    accepted = git(top, "commit", "-a", "-m", "log: call with Marc Leroy", check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_hook_says_when_reseau_is_missing(ledger: Path, cli: Callable[..., Result]) -> None:
    install(cli, ledger)
    write_files(ledger, {CALL: CALL_TEXT})
    git(ledger, "add", "--", CALL)
    env = dict(os.environ, RESEAU="no-such-reseau")
    import subprocess

    result = subprocess.run(
        ["git", "commit", "-m", "x"],
        cwd=ledger,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "reseau pre-commit hook: 'no-such-reseau' not found on PATH" in result.stderr
