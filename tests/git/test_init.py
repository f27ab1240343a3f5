"""`reseau init`: a new ledger, never overwriting, idempotent; --example; --ci github."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau.commands.init import pre_commit_config
from tests.conftest import STORY_AS_OF, Result
from tests.git.helpers import git, new_repo

pytestmark = pytest.mark.slow

CREATED = """\
created new/
initialised a Git repository in new/
created new/contacts/
created new/interactions/
created new/opportunities/
created new/reports/
created new/reseau.yaml
created new/schema/
created new/schema/contact.schema.json
created new/schema/interaction.schema.json
created new/schema/opportunity.schema.json
created new/schema/settings.schema.json
created new/.gitignore
created new/.pre-commit-config.yaml
"""


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git/" not in p.relative_to(folder).as_posix() + "/"
    }


def test_init_creates_then_keeps(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = cli("init", "new")
    assert (first.code, first.out, first.err) == (0, CREATED, "")
    root = tmp_path / "new"
    assert (root / ".git").is_dir()
    before = files_of(root)
    second = cli("init", "new")
    assert second.code == 0
    assert "created" not in second.out
    assert second.out.splitlines() == [
        line.replace("created", "kept") for line in CREATED.splitlines() if not line.endswith("/")
    ]
    assert files_of(root) == before
    settings = (root / "reseau.yaml").read_text(encoding="utf-8")
    assert settings.startswith("# yaml-language-server: $schema=schema/settings.schema.json\n")
    assert cli("--ledger", "new", "check", "--strict", "--verbose").code == 0


def test_init_never_overwrites(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = tmp_path / "mine"
    root.mkdir()
    (root / "reseau.yaml").write_text("owner: Me\n", encoding="utf-8")
    (root / ".gitignore").write_text("secret/\n", encoding="utf-8")
    result = cli("init", str(root))
    assert result.code == 0
    assert f"kept {root.as_posix()}/reseau.yaml\n" in result.out
    assert (root / "reseau.yaml").read_text(encoding="utf-8") == "owner: Me\n"
    assert (root / ".gitignore").read_text(encoding="utf-8") == "secret/\n"


def test_init_example_is_the_story_and_checks_clean(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = tmp_path / "ex"
    assert cli("init", str(root), "--example").code == 0
    assert not (root / "README.md").exists()
    story = Path(__file__).resolve().parents[2] / "examples" / "story"
    assert (root / "contacts" / "helene-dupre.yaml").read_bytes() == (
        story / "contacts" / "helene-dupre.yaml"
    ).read_bytes()
    assert (root / "reseau.yaml").read_bytes() == (story / "reseau.yaml").read_bytes()
    result = cli("--ledger", str(root), "check", "--as-of", STORY_AS_OF)
    assert (result.code, result.out, result.err) == (0, "", "")
    config = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert 'args: [--as-of, "2016-05-03"]' in config


def test_init_in_a_subfolder_of_a_repository(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    top = new_repo(tmp_path / "top")
    monkeypatch.chdir(top)
    result = cli("init", "my net", "--ci", "github")
    assert result.code == 0
    assert "initialised" not in result.out
    assert "created .pre-commit-config.yaml\n" in result.out
    assert "created .github/workflows/reseau.yml\n" in result.out
    config = (top / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "        files: ^my\\ net/(reseau\\.yaml|" in config
    assert '        args: [--ledger, "my net"]\n' in config
    workflow = (top / ".github" / "workflows" / "reseau.yml").read_text(encoding="utf-8")
    assert "run: reseau check --format github --ledger 'my net'\n" in workflow
    assert "reseau report --ledger 'my net' --link-base " in workflow
    (top / ".pre-commit-config.yaml").unlink()
    (top / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    again = cli("init", "other")
    assert (
        "note: to check this ledger before each commit, add this hook to "
        ".pre-commit-config.yaml:\n  - repo: local\n" in again.out
    )
    assert (top / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"


def test_pre_commit_config_is_valid_for_pre_commit(tmp_path: Path) -> None:
    from pre_commit.clientlib import load_config

    for ledger, as_of in (("", None), ("net/sub", STORY_AS_OF)):
        path = tmp_path / "config.yaml"
        path.write_text(pre_commit_config(ledger, as_of), encoding="utf-8")
        config = load_config(str(path))
        hook = config["repos"][0]["hooks"][0]
        assert (hook["id"], hook["entry"], hook["pass_filenames"], hook["verbose"]) == (
            "reseau-check",
            "reseau check --hook",
            False,
            True,  # pre-commit prints what is late only for a verbose hook
        )
        # `system` (pre-commit < 4.4 knows only this name) is read as `unsupported` by newer ones
        assert hook["language"] in ("system", "unsupported")


def test_github_workflow_is_a_valid_workflow(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = tmp_path / "ci"
    assert cli("init", str(root), "--ci", "github").code == 0
    workflow = root / ".github" / "workflows" / "reseau.yml"
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text(encoding="utf-8")
    for needed in (
        "  push:\n",
        "  pull_request:\n",
        "reseau check --format github\n",
        'reseau report --link-base "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA" '
        '>> "$GITHUB_STEP_SUMMARY"\n',
        "- name: Install reseau",
    ):
        assert needed in text


def test_unknown_ci_and_a_file_in_the_way(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = cli("init", str(tmp_path / "file"))
    assert (result.code, result.err) == (
        2,
        f"reseau: {tmp_path / 'file'}: exists and is not a folder\n",
    )
    assert cli("init", str(tmp_path / "x"), "--ci", "jenkins").code == 2
    assert not (tmp_path / "x").exists()


def test_schemas_are_copies(tmp_path: Path, cli: Callable[..., Result]) -> None:
    from reseau.schema import schema_dir

    cli("init", str(tmp_path / "s"))
    for kind in ("contact", "interaction", "opportunity", "settings"):
        copy = tmp_path / "s" / "schema" / f"{kind}.schema.json"
        assert copy.read_bytes() == (schema_dir() / f"{kind}.schema.json").read_bytes()
        json.loads(copy.read_text(encoding="utf-8"))
    assert git(tmp_path / "s", "status", "--porcelain").stdout  # a repository, nothing committed
