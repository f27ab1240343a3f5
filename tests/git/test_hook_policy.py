"""The hook policy (docs/cli.md) through real `git commit`s: the plain hook and `--commit`.

Late promises and forgotten referrals are printed on every commit and never refuse it;
integrity errors (Y, S, L) do, with file, line and rule; `hooks: {block: errors}` makes
method errors refuse manual commits too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result, write_files
from tests.git.helpers import commit_all, git, new_repo

pytestmark = pytest.mark.slow

AS_OF = "2016-05-03"
CALL = "interactions/2016/2016-04-01-call-marc-leroy.yaml"
LEDGER = {
    "reseau.yaml": "owner: Camille Martin\n",
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: former-colleague\n",
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nintroduced_by: marc-leroy\n",
    # Marc referred Camille to Hélène a month ago (R004, error after 28 days) and she
    # promised him an article by 10 April (R006): both late on 3 May.
    CALL: """\
        date: 2016-04-01
        with: [marc-leroy]
        channel: call
        ask: advice
        gave: [interest]
        received:
          - referral: helene-dupre
        promised:
          - {what: Send the article on data mesh, due: 2016-04-10}
        next: {action: Lunch with Marc, due: 2016-06-01}
        """,
}
PROMISE_LINE = (
    f"  error   R006 {CALL}:9: you promised Marc Leroy: Send the article on data mesh "
    "(due 2016-04-10, 23 days late)\n"
)
REFERRAL_LINE = f"  error   R004 {CALL}:7: Marc Leroy referred you to Hélène Dupré on 2016-04-01"
COFFEE = "interactions/2016/2016-05-02-meeting-marc-leroy.yaml"
COFFEE_TEXT = """\
    date: 2016-05-02
    with: [marc-leroy]
    channel: meeting
    summary: Coffee, about his new project.
    gave: [interest]
    next: {action: Call Marc back, due: 2016-06-01}
    """
BAD = {
    "Y001": (
        "contacts/lea-martin.yaml",
        "name: [Léa Martin\n",
        "contacts/lea-martin.yaml:2:1: error Y001 yaml-syntax:",
    ),
    "S001": (
        "contacts/lea-martin.yaml",
        "name: Léa Martin\nrelation: friend\ncadence: often\n",
        "contacts/lea-martin.yaml:3:10: error S001 schema:",
    ),
    "L001": (
        "interactions/2016/2016-05-02-call-lea-martin.yaml",
        "date: 2016-05-02\nwith: [lea-martin]\nchannel: call\ngave: [interest]\n",
        "interactions/2016/2016-05-02-call-lea-martin.yaml:2:8: error L001 unknown-reference: "
        "no contact 'lea-martin'",
    ),
}


@pytest.fixture
def ledger(tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The ledger in a repository with reseau's plain hook, judged on 3 May 2016."""
    repo = new_repo(tmp_path / "repo")
    write_files(repo, dict(LEDGER))
    commit_all(repo, "the ledger")
    assert cli("--ledger", str(repo), "hooks", "install").code == 0
    monkeypatch.setenv("RESEAU_AS_OF", AS_OF)  # the hook's day (git passes it on)
    return repo


def commit(repo: Path, *paths: str, message: str = "change") -> tuple[int, str]:
    git(repo, "add", "--", *paths)
    done = git(repo, "commit", "-m", message, check=False)
    return done.returncode, done.stdout + done.stderr


def test_a_late_promise_and_a_forgotten_referral_do_not_refuse_a_commit(ledger: Path) -> None:
    write_files(ledger, {COFFEE: COFFEE_TEXT})
    code, output = commit(ledger, COFFEE, message="log: coffee with Marc")
    assert code == 0, output
    assert "reseau: 2 things to do (they do not block commits), most urgent first:\n" in output
    assert PROMISE_LINE in output
    assert REFERRAL_LINE in output
    assert git(ledger, "log", "--format=%s", "-1").stdout == "log: coffee with Marc\n"


@pytest.mark.parametrize("rule", sorted(BAD))
def test_an_integrity_error_refuses_the_commit_with_file_line_and_rule(
    ledger: Path, rule: str
) -> None:
    path, text, shown = BAD[rule]
    write_files(ledger, {path: text})
    code, output = commit(ledger, path)
    assert code == 1, output
    assert shown in output
    assert "reseau: commit refused: the ledger has problems that block commits" in output
    assert PROMISE_LINE in output  # what is late is still shown
    assert git(ledger, "log", "--format=%s", "-1").stdout == "the ledger\n"


def test_block_errors_refuses_a_late_promise(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(ledger, {"reseau.yaml": "owner: Camille Martin\nhooks: {block: errors}\n"})
    code, output = commit(ledger, "reseau.yaml")
    assert code == 1, output
    assert (
        f"{CALL}:9:48: error R006 promise-overdue: you promised Marc Leroy: "
        "Send the article on data mesh (due 2016-04-10, 23 days late)"
    ) in output
    assert f"{CALL}:7:15: error R004 referral-not-followed" in output
    # RESEAU_BLOCK chooses the policy of one commit.
    monkeypatch.setenv("RESEAU_BLOCK", "integrity")
    code, output = commit(ledger, "reseau.yaml")
    assert code == 0, output
    assert PROMISE_LINE in output


def test_block_warnings_from_the_environment(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(ledger, {COFFEE: COFFEE_TEXT})
    monkeypatch.setenv("RESEAU_BLOCK", "warnings")
    code, output = commit(ledger, COFFEE)
    assert code == 1 and "error R006 promise-overdue" in output, output
    monkeypatch.setenv("RESEAU_BLOCK", "sometimes")
    code, output = commit(ledger, COFFEE)
    assert code == 1
    assert "RESEAU_BLOCK: 'sometimes' is not a policy (use integrity | errors | warnings)" in output


@pytest.mark.parametrize("block", ["integrity", "errors"])
def test_log_commit_goes_through_and_prints_what_is_late(
    ledger: Path, cli: Callable[..., Result], block: str
) -> None:
    """Even with block: errors, `--commit` records what the command wrote (docs/cli.md)."""
    write_files(ledger, {"reseau.yaml": f"owner: Camille Martin\nhooks: {{block: {block}}}\n"})
    commit_all(ledger, "policy")
    result = cli(
        "--ledger", str(ledger), "--as-of", AS_OF, "log", "marc-leroy", "--channel", "meeting",
        "--date", "2016-05-02", "--gave", "interest", "--next", "Call back", "--next-due",
        "2016-06-01", "--commit",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == f"{COFFEE}\n"
    assert result.err.startswith("closes: Next step with Marc Leroy: Lunch with Marc\n")
    assert PROMISE_LINE in result.err and REFERRAL_LINE in result.err
    assert git(ledger, "log", "--format=%s", "-1").stdout == "log: meeting with Marc Leroy\n"
    assert git(ledger, "status", "--porcelain").stdout == ""


def test_done_commit_then_nothing_late_but_the_referral(
    ledger: Path, cli: Callable[..., Result]
) -> None:
    result = cli("--ledger", str(ledger), "--as-of", AS_OF, "done", CALL, "--commit")
    assert result.code == 0, result.err
    assert PROMISE_LINE not in result.err
    assert REFERRAL_LINE in result.err
    assert git(ledger, "log", "--format=%s", "-1").stdout.startswith("done: Send the article")


def test_add_commit_is_refused_for_an_integrity_error_elsewhere(
    ledger: Path, cli: Callable[..., Result]
) -> None:
    path, text, shown = BAD["L001"]
    write_files(ledger, {path: text})
    result = cli("--ledger", str(ledger), "--as-of", AS_OF, "add", "Paul Roux", "--commit")
    assert result.code == 1
    assert result.out == "contacts/paul-roux.yaml\n"
    assert "reseau: wrote contacts/paul-roux.yaml but did not commit" in result.err
    assert shown in result.err
    assert git(ledger, "log", "--format=%s", "-1").stdout == "the ledger\n"
