"""Git safety (ledger values never become Git options) and privacy (no contact details leak)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import STORY_AS_OF, run_cli
from tests.reliability.harness import child_env, reseau


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def committed_story(story: Path) -> Path:
    git(story, "init", "-q")
    git(story, "add", "-A")
    git(story, "commit", "-q", "-m", "the story")
    return story


def everything_under(folder: Path) -> set[str]:
    return {
        str(Path(d, n).relative_to(folder))
        for d, dirs, names in os.walk(folder)
        for n in names + dirs
    }


@pytest.mark.slow
def test_a_contact_named_like_a_git_option_is_committed_as_data(
    tmp_path: Path, story: Path
) -> None:
    root = committed_story(story)
    before = everything_under(tmp_path)
    added = run_cli("--ledger", str(root), "add", "--commit", "--", "--output=x")
    assert added.code == 0, added.err
    assert added.out.splitlines()[0] == "contacts/output-x.yaml"
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == [
        "contacts/output-x.yaml"
    ]
    assert "--output=x" in git(root, "log", "-1", "--format=%B")
    logged = run_cli(
        "--ledger",
        str(root),
        "--as-of",
        STORY_AS_OF,
        "log",
        "output-x",
        "--channel",
        "call",
        "--summary",
        "--output=y --exec=touch",
        "--commit",
    )
    assert logged.code == 0, logged.err
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == [
        "interactions/2016/2016-05-03-call-output-x.yaml"
    ]
    assert git(root, "status", "--porcelain") == ""
    created = everything_under(tmp_path) - before
    assert all(name.startswith("story") for name in created), created
    assert not any(Path(p).name in ("x", "y") for p in everything_under(tmp_path))


@pytest.mark.slow
def test_paths_starting_with_a_dash_stay_paths(tmp_path: Path, story: Path) -> None:
    """Staged files named `--output=z.yaml` and `-n.yaml` are checked, reported, never options."""
    root = committed_story(story)
    (root / "contacts" / "--output=z.yaml").write_text("name: Dash Dash\n", encoding="utf-8")
    (root / "contacts" / "-n.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    git(root, "add", "--", "contacts/--output=z.yaml", "contacts/-n.yaml")
    env = child_env(tmp_path / "cache")
    staged = reseau(
        "--ledger",
        str(root),
        "--as-of",
        STORY_AS_OF,
        "check",
        "--staged",
        "--format",
        "json",
        env=env,
    )
    assert "Traceback" not in staged.err, staged.err
    assert staged.code == 1, staged.err
    found = {(p["path"], p["rule"]) for p in json.loads(staged.out)["problems"]}
    assert found == {
        ("contacts/--output=z.yaml", "L003"),
        ("contacts/-n.yaml", "L003"),
        ("contacts/-n.yaml", "Y001"),
    }
    # Filtering by such a path, and the report's Git activity over such commits.
    shown = reseau("--as-of", STORY_AS_OF, "check", "--", "contacts/-n.yaml", cwd=root, env=env)
    assert shown.code == 1 and shown.out.startswith("contacts/-n.yaml:1:"), shown.err
    git(root, "commit", "-q", "-m", "dashes")
    today = dt.date.today().isoformat()
    report = reseau("--ledger", str(root), "--as-of", today, "report", env=env)
    assert report.code in (0, 1) and "Traceback" not in report.err, report.err
    assert "## Ledger activity" in report.out
    assert not any(Path(p).name in ("x", "y", "z") for p in everything_under(tmp_path))


# Privacy.
EMAILS = ["helene.dupre@datacorp.example", "karim@acme.example"]
PHONES = ["+33 6 12 34 56 78", "+33612345678", "06 98 76 54 32"]


def private_story(story: Path) -> Path:
    """The story with phones, and a second contact sharing Hélène's e-mail (an L004)."""
    helene = story / "contacts" / "helene-dupre.yaml"
    helene.write_text(
        helene.read_text(encoding="utf-8") + f'phones: ["{PHONES[0]}", "{PHONES[1]}"]\n',
        encoding="utf-8",
    )
    (story / "contacts" / "helene-twin.yaml").write_text(
        f'name: Helene Twin\nemails: [{EMAILS[0]}]\nphones: ["{PHONES[2]}"]\n', encoding="utf-8"
    )
    return story


def details_in(text: str, story: Path) -> list[str]:
    emails = set(EMAILS)
    for path in (story / "contacts").glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            emails.update(w.strip("[],\"'") for w in line.split() if "@" in w)
    squeezed = text.replace(" ", "")
    return sorted(
        {e for e in emails if e and e in text}
        | {p for p in PHONES if p in text or p.replace(" ", "") in squeezed}
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "json"],
        ["check", "--format", "text", "--verbose"],
        ["check", "--format", "github", "--verbose"],
        ["report"],
        ["report", "--week", "2016-W16"],
        ["agenda"],
        ["graph"],
        ["graph", "--format", "dot"],
    ],
    ids=" ".join,
)
def test_outputs_carry_no_email_or_phone(story: Path, args: list[str]) -> None:
    root = private_story(story)
    result = run_cli("--ledger", str(root), "--as-of", STORY_AS_OF, *args)
    assert result.code in (0, 1), result.err
    assert result.out
    assert details_in(result.out + result.err, root) == []


def fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )


def test_redacted_export_has_no_names_emails_or_phones(story: Path) -> None:
    root = private_story(story)
    result = run_cli("--ledger", str(root), "--as-of", STORY_AS_OF, "export", "json", "--redact")
    assert result.code == 0, result.err
    json.loads(result.out)
    assert details_in(result.out, root) == []
    words = {"helene", "dupre", "karim", "bonnet", "marc", "leroy", "twin", "linkedin.com"}
    leaked = sorted(w for w in words if w in fold(result.out))
    assert leaked == []
    again = run_cli("--ledger", str(root), "--as-of", STORY_AS_OF, "export", "json", "--redact")
    assert again.out == result.out  # stable pseudonyms


@pytest.mark.slow
def test_the_cache_lives_outside_the_ledger(tmp_path: Path, story: Path) -> None:
    git(story, "init", "-q")
    before = everything_under(story)
    env = {k: v for k, v in child_env(tmp_path).items() if k != "RESEAU_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    env["HOME"] = str(tmp_path / "home")
    for _ in range(2):  # the second run reads the cache
        run = reseau("--ledger", str(story), "--as-of", STORY_AS_OF, "check", env=env)
        assert run.code == 0, run.err
    assert everything_under(story) == before
    assert (
        git(story, "status", "--porcelain", "--ignored", "--untracked-files=all")
        .split("\n")[0]
        .startswith("?? ")
    )  # the story's own files, untracked: nothing else appeared
    assert everything_under(tmp_path / "xdg"), "no cache written where XDG_CACHE_HOME says"
    del env["XDG_CACHE_HOME"]
    run = reseau("--ledger", str(story), "--as-of", STORY_AS_OF, "check", env=env)
    assert run.code == 0, run.err
    assert everything_under(story) == before
    assert everything_under(tmp_path / "home" / ".cache")


@pytest.mark.slow
def test_a_killed_writers_temporary_file_is_ignored_by_git(tmp_path: Path) -> None:
    root = tmp_path / "ledger"
    created = run_cli("init", str(root))
    assert created.code == 0, created.err
    fd, _ = tempfile.mkstemp(prefix=".ada-lovelace.yaml.", suffix=".tmp", dir=root / "contacts")
    os.close(fd)
    assert git(root, "status", "--porcelain", "--untracked-files=all", "--", "contacts") == ""
