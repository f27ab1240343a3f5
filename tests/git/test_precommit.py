"""The hooks this project offers to pre-commit: the manifest, the README, and `pre-commit try-repo`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import STORY, STORY_AS_OF, write_files
from tests.git.helpers import commit_all, git, new_repo

TOP = Path(__file__).resolve().parents[2]
MANIFEST = TOP / ".pre-commit-hooks.yaml"


def hooks() -> list[dict[str, object]]:
    loaded: list[dict[str, object]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def test_manifest_is_valid_and_checks_the_whole_ledger() -> None:
    from pre_commit.clientlib import load_manifest

    assert [h["id"] for h in load_manifest(str(MANIFEST))] == ["reseau-check", "reseau-fmt"]
    by_id = {h["id"]: h for h in hooks()}
    assert by_id["reseau-check"]["entry"] == "reseau check"
    assert by_id["reseau-fmt"]["entry"] == "reseau fmt --check"
    for hook in by_id.values():
        assert (hook["language"], hook["pass_filenames"], hook["require_serial"]) == (
            "python",
            False,
            True,
        )
        assert "minimum_pre_commit_version" in hook


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("reseau.yaml", True),
        ("contacts/helene-dupre.yaml", True),
        ("interactions/2016/2016-04-08-meeting-helene-dupre.yaml", True),
        ("opportunities/acme.yml", True),
        ("network/contacts/a.yaml", True),
        ("network/reseau.yaml", True),
        ("README.md", False),
        ("schema/contact.schema.json", False),
        ("reports/2016-W18.md", False),
        ("myreseau.yaml", False),
    ],
)
def test_files_pattern(path: str, runs: bool) -> None:
    import re

    for hook in hooks():
        assert bool(re.search(str(hook["files"]), path)) is runs


def test_every_hook_id_is_documented_in_the_readme() -> None:
    readme = (TOP / "README.md").read_text(encoding="utf-8")
    missing = [h["id"] for h in hooks() if f"`{h['id']}`" not in readme]
    assert not missing, f"hook ids not documented in README.md: {missing}"


def project_copy(target: Path) -> Path:
    """The project's files (as Git sees them) in a fresh repository: try-repo clones a commit."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=TOP,
        capture_output=True,
        check=True,
    ).stdout
    for rel in filter(None, listed.decode().split("\0")):
        source = TOP / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    new_repo(target)
    commit_all(target, "project snapshot")
    return target


@pytest.mark.slow
def test_try_repo_passes_on_the_story_then_fails_on_a_bad_interaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (TOP / ".git").exists():
        pytest.skip("try-repo needs the project as a Git checkout")
    project = project_copy(tmp_path / "project")
    ledger = tmp_path / "ledger"
    shutil.copytree(STORY, ledger)
    new_repo(ledger)
    commit_all(ledger, "the story")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    monkeypatch.setenv("RESEAU_AS_OF", STORY_AS_OF)  # try-repo cannot pass args: the story's day
    command = [
        str(Path(sys.executable).parent / "pre-commit"),
        "try-repo",
        str(project),
        "reseau-check",
        "--all-files",
    ]
    env = dict(os.environ)
    passed = subprocess.run(
        command, cwd=ledger, env=env, capture_output=True, text=True, check=False
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "reseau check (whole ledger)" in passed.stdout

    write_files(
        ledger,
        {
            "interactions/2016/2016-05-02-call-lea-martin.yaml": """\
        date: 2016-05-02
        with: [lea-martin]
        channel: call
        summary: Léa called.
        gave: [interest]
        next: {action: Call back, due: 2016-05-20}
        """
        },
    )
    commit_all(ledger, "log: call with Léa Martin")
    failed = subprocess.run(
        command, cwd=ledger, env=env, capture_output=True, text=True, check=False
    )
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (
        "interactions/2016/2016-05-02-call-lea-martin.yaml:2:8: error L001 unknown-reference: "
        "no contact 'lea-martin'"
    ) in failed.stdout
    assert git(ledger, "status", "--porcelain").stdout == ""
