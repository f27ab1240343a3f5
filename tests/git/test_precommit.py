"""The hooks this project offers to pre-commit: the manifest, the README, and `pre-commit try-repo`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import STORY, STORY_AS_OF, Result, write_files
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
    assert by_id["reseau-check"]["entry"] == "reseau check --hook"
    assert by_id["reseau-check"]["verbose"] is True  # what is late shows on passing commits
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

    # Weeks later the CV promised to Hélène is late: the hook passes and says so.
    git(ledger, "rm", "--quiet", "--", "interactions/2016/2016-05-02-call-lea-martin.yaml")
    commit_all(ledger, "drop the call")
    env["RESEAU_AS_OF"] = "2016-06-30"
    late = subprocess.run(command, cwd=ledger, env=env, capture_output=True, text=True, check=False)
    assert late.returncode == 0, late.stdout + late.stderr
    assert (
        "  error   R006 interactions/2016/2016-04-28-call-helene-dupre.yaml:13: you promised "
        "Hélène Dupré: Send an updated CV before the interview (due 2016-05-06, 55 days late)\n"
    ) in late.stdout
    assert "R005 opportunities/datacorp-data-analyst.yaml:7: Tell Marc Leroy" in late.stdout

    # A file that does not parse is refused with its position.
    write_files(ledger, {"contacts/lea-martin.yaml": "name: [Léa Martin\n"})
    commit_all(ledger, "add: Léa Martin")
    broken = subprocess.run(
        command, cwd=ledger, env=env, capture_output=True, text=True, check=False
    )
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "contacts/lea-martin.yaml:2:1: error Y001 yaml-syntax:" in broken.stdout

    # `hooks: {block: errors}`: the late promise refuses the commit.
    git(ledger, "rm", "--quiet", "--", "contacts/lea-martin.yaml")
    settings = ledger / "reseau.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "hooks: {block: errors}\n", encoding="utf-8"
    )
    commit_all(ledger, "block errors")
    strict = subprocess.run(
        command, cwd=ledger, env=env, capture_output=True, text=True, check=False
    )
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert (
        "interactions/2016/2016-04-28-call-helene-dupre.yaml:13:10: error R006 promise-overdue:"
    ) in strict.stdout


LEDGER = {
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: former-colleague\n",
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nintroduced_by: marc-leroy\n",
    "interactions/2016/2016-04-01-call-marc-leroy.yaml": """\
        date: 2016-04-01
        with: [marc-leroy]
        gave: [interest]
        received:
          - referral: helene-dupre
        promised:
          - {what: Send the article on data mesh, due: 2016-04-10}
        next: {action: Lunch with Marc, due: 2016-06-01}
        """,
}


@pytest.mark.slow
def test_the_generated_config_shows_what_is_late_on_a_real_commit(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reseau init`'s .pre-commit-config.yaml, installed by pre-commit, on real commits."""
    ledger = tmp_path / "ledger"
    assert cli("init", str(ledger)).code == 0
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    monkeypatch.setenv("RESEAU_AS_OF", "2016-05-03")
    pre_commit = str(Path(sys.executable).parent / "pre-commit")
    subprocess.run([pre_commit, "install"], cwd=ledger, check=True, capture_output=True)
    write_files(ledger, dict(LEDGER))
    git(ledger, "add", "--all")
    passed = git(ledger, "commit", "-m", "the ledger", check=False)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "reseau: 2 things to do (they do not block commits), most urgent first:" in output
    assert (
        "error   R006 interactions/2016/2016-04-01-call-marc-leroy.yaml:7: you promised" in output
    )
    assert "error   R004 interactions/2016/2016-04-01-call-marc-leroy.yaml:5: Marc Leroy" in output

    write_files(ledger, {"contacts/lea-martin.yaml": "name: Léa Martin\ncadence: often\n"})
    git(ledger, "add", "--all")
    refused = git(ledger, "commit", "-m", "add: Léa Martin", check=False)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1, output
    assert "contacts/lea-martin.yaml:2:10: error S001 schema:" in output
    assert git(ledger, "log", "--format=%s").stdout == "the ledger\n"
