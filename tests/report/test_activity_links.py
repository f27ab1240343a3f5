"""Ledger activity from a real Git repository; links relative to where the report is written."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau.report.activity import Activity, Commit, read_activity
from reseau.report.weeks import Week
from tests.conftest import STORY, STORY_AS_OF, Result

W18 = Week(2016, 18)


def git(repo: Path, *args: str, date: str | None = None, committed: str | None = None) -> None:
    env = dict(os.environ)
    if date is not None:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=committed or date)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit(
    repo: Path, message: str, date: str, files: dict[str, str], committed: str | None = None
) -> None:
    for rel, content in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(content, encoding="utf-8")
    git(repo, "add", "--", *files)
    git(repo, "commit", "-q", "-m", message, date=date, committed=committed)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding the story under net/, and a file outside the ledger."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(STORY, repo / "net")
    git(repo, "add", "net")
    git(repo, "commit", "-q", "-m", "Start the ledger", date="2016-04-27T09:00:00+02:00")
    commit(repo, "Log the call with Hélène", "2016-05-02T23:30:00+02:00", {"net/notes.txt": "x\n"})
    commit(
        repo,
        "Unrelated: the shopping list",
        "2016-05-03T08:00:00+02:00",
        {"shopping.txt": "eggs\n"},
    )
    commit(
        repo,
        "Add Zoé and update Marc",
        "2016-05-03T10:00:00+02:00",
        {
            "net/contacts/zoe-petit.yaml": "name: Zoé Petit\n",
            "net/contacts/marc-leroy.yaml": "name: Marc Leroy\n",
        },
    )
    commit(
        repo,
        "After as-of: not shown",
        "2016-05-04T10:00:00+02:00",
        {"net/contacts/zoe-petit.yaml": "name: Zoé Petit\nrole: Dev\n"},
    )
    # Authored in the week, committed (rebased) later: the author date counts.
    commit(
        repo,
        "Rebased | kept",
        "2016-05-02T08:00:00+02:00",
        {"net/x.txt": "1\n"},
        committed="2016-06-15T08:00:00+02:00",
    )
    # Authored before the week, committed in it: not this week's work.
    commit(
        repo,
        "Old work",
        "2016-04-20T08:00:00+02:00",
        {"net/y.txt": "1\n"},
        committed="2016-05-03T11:00:00+02:00",
    )
    return repo


@pytest.mark.slow
def test_week_commits_by_author_date(repo: Path) -> None:
    activity = read_activity(repo / "net", W18, dt.date(2016, 5, 3))
    shas = {c.subject: c.sha for c in activity.commits}
    assert activity == Activity(
        "git",
        (
            Commit(shas["Rebased | kept"], dt.date(2016, 5, 2), "Rebased | kept", ("x.txt",)),
            Commit(
                shas["Log the call with Hélène"],
                dt.date(2016, 5, 2),
                "Log the call with Hélène",
                ("notes.txt",),
            ),
            Commit(
                shas["Add Zoé and update Marc"],
                dt.date(2016, 5, 3),
                "Add Zoé and update Marc",
                ("contacts/marc-leroy.yaml", "contacts/zoe-petit.yaml"),
            ),
        ),
    )
    assert all(re.fullmatch(r"[0-9a-f]{7}", sha) for sha in shas.values())


@pytest.mark.slow
def test_activity_section(repo: Path, cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(repo / "net"), "report", "--as-of", STORY_AS_OF).out
    section = out.split("## Ledger activity\n\n", 1)[1]
    lines = section.splitlines()
    assert lines[0] == "Commits touching the ledger this week (author date):"
    assert lines[2:4] == ["| Commit | Date | Subject | Files |", "|---|---|---|---|"]
    rows = [re.sub(r"`[0-9a-f]{7}`", "`sha`", line) for line in lines[4:]]
    assert rows == [
        "| `sha` | 2016-05-02 | Rebased \\| kept | `x.txt` |",
        "| `sha` | 2016-05-02 | Log the call with Hélène | `notes.txt` |",
        "| `sha` | 2016-05-03 | Add Zoé and update Marc | "
        "`contacts/marc-leroy.yaml`, `contacts/zoe-petit.yaml` |",
    ]


@pytest.mark.slow
def test_repository_without_commits(story: Path) -> None:
    git(story, "init", "-q")
    assert read_activity(story, W18, dt.date(2016, 5, 3)) == Activity("no-commits")


def test_not_a_repository(story: Path) -> None:
    assert read_activity(story, W18, dt.date(2016, 5, 3)) == Activity("not-git")


LINK = re.compile(r"\]\(([^)]+)\)")


@pytest.mark.parametrize("output", ["reports/2016-W18.md", "2016-W18.md", "../out/deep/r.md"])
def test_links_resolve_from_the_output_file(
    story: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    monkeypatch.chdir(story)
    result = cli("report", "--as-of", "2016-06-30", "--output", output)
    assert (result.code, result.out, result.err) == (0, "", "")
    written = story / output
    links = LINK.findall(written.read_text(encoding="utf-8"))
    assert len(links) > 10
    for target in links:
        assert (written.parent / target).resolve().is_file(), target
    if output.startswith("reports/"):
        assert "](../interactions/2016/2016-04-28-call-helene-dupre.yaml)" in written.read_text(
            encoding="utf-8"
        )


def test_stdout_links_are_ledger_relative(story: Path, cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(story), "report", "--as-of", "2016-06-30").out
    for target in LINK.findall(out):
        assert (story / target).is_file(), target


def test_report_in_reports_folder_is_not_a_record(story: Path, cli: Callable[..., Result]) -> None:
    """A report kept under reports/ changes neither the check nor the next report."""
    args = ("--ledger", str(story), "report", "--as-of", STORY_AS_OF)
    before = cli(*args).out
    cli(*args, "--output", str(story / "reports" / "2016-W18.md"))
    assert cli(*args).out == before
    assert cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF).code == 0
