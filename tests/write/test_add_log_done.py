"""add, log (options, --edit, referrals) and done through the CLI and the command functions."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reseau.commands.common import Env, FatalError
from reseau.commands.log import LogOptions
from reseau.commands.log import run as run_log

PEOPLE = {
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nemails: [helene@datacorp.example]\n",
    "contacts/marc-leroy.yaml": "name: Marc Leroy\n",
}


def test_add_writes_the_contact_in_canonical_order(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = cli(
        "--ledger",
        str(root),
        "add",
        "Karim Bonnet",
        "--tag",
        "data",
        "--cadence",
        "30",
        "--introduced-by",
        "helene-dupre",
        "--org",
        "Acme",
        "--email",
        "k@acme.example",
    )
    assert (result.code, result.out, result.err) == (0, "contacts/karim-bonnet.yaml\n", "")
    assert (root / "contacts/karim-bonnet.yaml").read_text() == (
        "# yaml-language-server: $schema=../schema/contact.schema.json\n"
        "name: Karim Bonnet\norganization: Acme\nintroduced_by: helene-dupre\n"
        "emails: [k@acme.example]\ntags: [data]\ncadence: 30\n"
    )


def test_add_warns_about_a_likely_duplicate(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = cli("--ledger", str(root), "add", "HELENE dupre", "--new")
    assert (result.code, result.out) == (0, "contacts/helene-dupre-2.yaml\n")
    assert result.err == (
        "reseau: warning: HELENE dupre may already be in the ledger: "
        "contacts/helene-dupre.yaml has the same name\n"
    )
    result = cli("--ledger", str(root), "add", "H. D.", "--email", "Helene@Datacorp.example")
    assert "has the same e-mail helene@datacorp.example" in result.err and result.code == 0


def test_add_needs_a_known_introducer(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = cli("--ledger", str(root), "add", "Karim", "--introduced-by", "helene-dupree")
    assert result.code == 2
    assert result.err == (
        "reseau: --introduced-by: no contact 'helene-dupree' in the ledger "
        "(did you mean helene-dupre?)\n"
    )
    assert not (root / "contacts/karim.yaml").exists()


def test_log_writes_a_valid_interaction(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    args = (
        "--ledger",
        str(root),
        "log",
        "helene-dupre",
        "--as-of",
        "2016-04-08",
        "--channel",
        "meeting",
        "--ask",
        "advice",
        "--gave",
        "interest",
        "--received",
        "advice",
        "--referral",
        "marc-leroy",
        "--promise",
        "Send the article",
        "--promise-due",
        "+3w",
        "--next",
        "Tell her how it went",
        "--next-due",
        "friday",
        "--summary",
        "Café: très bien",
    )
    result = cli(*args)
    rel = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
    assert (result.code, result.out, result.err) == (0, rel + "\n", "")
    assert (root / rel).read_text() == (
        "# yaml-language-server: $schema=../../schema/interaction.schema.json\n"
        "date: 2016-04-08\nwith: [helene-dupre]\nchannel: meeting\nsummary: 'Café: très bien'\n"
        "ask: advice\ngave: [interest]\nreceived:\n  - advice\n  - referral: marc-leroy\n"
        "promised:\n  - what: Send the article\n    due: 2016-04-29\n"
        "next:\n  action: Tell her how it went\n  due: 2016-04-15\n"
    )
    again = cli(*args)
    assert again.out == "interactions/2016/2016-04-08-meeting-helene-dupre-2.yaml\n"
    # The same day, another file: it closes the first one's next step.
    assert again.err == "closes: Next step with Hélène Dupré: Tell her how it went\n"
    several = cli(
        "--ledger", str(root), "log", "helene-dupre", "marc-leroy", "--date", "2016-04-09"
    )
    assert several.out == "interactions/2016/2016-04-09-helene-dupre-and-marc-leroy.yaml\n"
    assert several.err == "closes: Get in touch with Marc Leroy, referred by Hélène Dupré\n"
    check = cli("--ledger", str(root), "check", "--as-of", "2016-04-10")
    assert check.code == 0


def test_log_refuses_unknown_people(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = cli("--ledger", str(root), "log", "helene-dupree", "marc-leroy")
    assert result.code == 2
    assert (
        result.err
        == "reseau: no contact 'helene-dupree' in the ledger (did you mean helene-dupre?)\n"
    )
    result = cli("--ledger", str(root), "log", "marc-leroy", "--date", "someday")
    assert result.code == 2 and "--date: 'someday' is not a date" in result.err
    assert not (root / "interactions").exists()


def test_referral_to_a_stranger_off_a_terminal(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    result = cli("--ledger", str(root), "log", "helene-dupre", "--referral", "karim-bonnet")
    assert result.code == 2
    assert result.err == (
        "reseau: --referral: no contact 'karim-bonnet' in the ledger; add them first:\n"
        '  reseau add "Karim Bonnet" --introduced-by helene-dupre --relation introduced\n'
    )


class FakeTerminal:
    interactive = True

    def __init__(self, answers: list[Any]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def confirm(self, text: str) -> bool:
        self.asked.append(text)
        return bool(self.answers.pop(0))

    def prompt(self, text: str, default: str) -> str:
        self.asked.append(f"{text} [{default}]")
        return str(self.answers.pop(0))

    def edit(self, text: str) -> str | None:
        self.asked.append(text)
        answer = self.answers.pop(0)
        return answer(text) if callable(answer) else answer


def env(root: Path) -> Env:
    return Env(root, dt.date(2016, 4, 8), root)


def test_referral_to_a_stranger_on_a_terminal(make_ledger: Callable[..., Path]) -> None:
    root = make_ledger(PEOPLE)
    terminal = FakeTerminal([True, "Karim Bonnet"])
    out = io.StringIO()
    code = run_log(
        env(root),
        LogOptions(("helene-dupre",), channel="meeting", referrals=("karim-bonnet",)),
        terminal,
        out,
        io.StringIO(),
    )
    assert code == 0
    assert out.getvalue() == (
        "contacts/karim-bonnet.yaml\ninteractions/2016/2016-04-08-meeting-helene-dupre.yaml\n"
    )
    assert terminal.asked == [
        "karim-bonnet is not in the ledger. Create contacts/karim-bonnet.yaml, "
        "introduced by helene-dupre?",
        "Name of karim-bonnet [Karim Bonnet]",
    ]
    assert (
        (root / "contacts/karim-bonnet.yaml")
        .read_text()
        .endswith("name: Karim Bonnet\nintroduced_by: helene-dupre\nrelation: introduced\n")
    )


def test_edit_reopens_with_problems_then_writes(make_ledger: Callable[..., Path]) -> None:
    root = make_ledger(PEOPLE)
    broken = "date: 2016-04-08\nwith: [helene-dupr]\nchannel: coffee\n# my own note\n"
    fixed = "date: 2016-04-08\nwith: [helene-dupre]\nchannel: meeting   # my own note\n"
    terminal = FakeTerminal(
        [lambda template: template.replace("with: []", "with: [helene-dupre]"), broken, fixed]
    )
    out = io.StringIO()
    # the first answer keeps the template and its hints: valid as it is
    code = run_log(env(root), LogOptions(edit=True, summary="Coffee"), terminal, out, io.StringIO())
    assert code == 0 and out.getvalue() == "interactions/2016/2016-04-08-helene-dupre.yaml\n"
    written = (root / "interactions/2016/2016-04-08-helene-dupre.yaml").read_text()
    assert written == (
        "# yaml-language-server: $schema=../../schema/interaction.schema.json\n"
        "date: 2016-04-08\nwith: [helene-dupre]\nsummary: Coffee\n"
    )
    template = terminal.asked[0]
    assert (
        template.startswith("# reseau: record the interaction below")
        and "# channel: meeting" in template
    )
    out = io.StringIO()
    code = run_log(env(root), LogOptions(("marc-leroy",), edit=True), terminal, out, io.StringIO())
    assert code == 0
    reopened = terminal.asked[2]
    assert (
        reopened.splitlines()[0]
        == "# reseau: the record has problems; fix them, or delete everything to cancel:"
    )
    assert "channel" in reopened.splitlines()[1] and reopened.endswith(broken)
    assert out.getvalue() == "interactions/2016/2016-04-08-meeting-helene-dupre.yaml\n"


def test_edit_emptied_aborts(make_ledger: Callable[..., Path]) -> None:
    root = make_ledger(PEOPLE)
    err = io.StringIO()
    code = run_log(
        env(root),
        LogOptions(("marc-leroy",), edit=True),
        FakeTerminal(["# nothing\n\n"]),
        io.StringIO(),
        err,
    )
    assert (code, err.getvalue()) == (1, "reseau: empty record: nothing written\n")
    assert not (root / "interactions").exists()


def test_edit_off_a_terminal_is_a_usage_error(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    from reseau.commands.writing import NoTerminal

    with pytest.raises(FatalError):
        run_log(
            env(root),
            LogOptions(("marc-leroy",), edit=True),
            NoTerminal(),
            io.StringIO(),
            io.StringIO(),
        )


TWO_PROMISES = (
    "date: 2016-04-08\nwith: [helene-dupre]\npromised:\n  - what: Send the article\n"
    "    due: 2016-04-29\n  - what: Call Léa\n"
)


def test_done_chooses_the_promise(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    rel = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
    root = make_ledger({**PEOPLE, rel: TWO_PROMISES})
    base = ("--ledger", str(root), "done", "--as-of", "2016-04-20")
    result = cli(*base, "2016-04-08-meeting-helene-dupre")
    assert result.code == 2
    assert result.err == (
        "reseau: 2016-04-08-meeting-helene-dupre has 2 open promises; say which with #N:\n"
        "  2016-04-08-meeting-helene-dupre#1  Send the article (due 2016-04-29)\n"
        "  2016-04-08-meeting-helene-dupre#2  Call Léa (open)\n"
    )
    assert cli(*base, "2016-04-08-meeting-helene-dupre#2").code == 0
    assert (root / rel).read_text() == TWO_PROMISES + "    done: 2016-04-20\n"
    assert cli(*base, "2016-04-08-meeting-helene-dupre").code == 0  # the only open one left
    result = cli(*base, "2016-04-08-meeting-helene-dupre#1")
    assert (result.code, result.err) == (
        1,
        "reseau: 2016-04-08-meeting-helene-dupre#1 is already kept on 2016-04-20\n",
    )
    result = cli(*base, "2016-04-08-meeting-helene")
    assert result.code == 2 and "did you mean 2016-04-08-meeting-helene-dupre?" in result.err


@pytest.mark.slow
def test_twenty_concurrent_logs_get_distinct_files(make_ledger: Callable[..., Path]) -> None:
    root = make_ledger(PEOPLE)
    command = [
        sys.executable,
        "-m",
        "reseau",
        "--ledger",
        str(root),
        "log",
        "marc-leroy",
        "--channel",
        "call",
        "--as-of",
        "2016-04-08",
    ]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(20)
    ]
    results = [(p.wait(), p.communicate()) for p in procs]
    assert [code for code, _ in results] == [0] * 20
    names = sorted(out.strip() for _, (out, _err) in results)
    expected = ["interactions/2016/2016-04-08-call-marc-leroy.yaml"] + [
        f"interactions/2016/2016-04-08-call-marc-leroy-{n}.yaml" for n in range(2, 21)
    ]
    assert names == sorted(expected)
    assert sorted(os.listdir(root / "interactions/2016")) == sorted(
        n.split("/")[-1] for n in expected
    )


@pytest.mark.slow
def test_commit_commits_exactly_the_new_file(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(PEOPLE)
    git = ["git", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    (root / "notes.txt").write_text("not mine\n")
    result = cli("--ledger", str(root), "add", "Hélène Dupré", "--new", "--commit")
    assert result.code == 0
    shown = subprocess.run(
        [*git, "show", "--name-only", "--format=%s", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert shown == "add: Hélène Dupré\n\ncontacts/helene-dupre-2.yaml\n"
    result = cli(
        "--ledger",
        str(root),
        "log",
        "helene-dupre",
        "--channel",
        "call",
        "--commit",
        "--as-of",
        "2016-04-08",
    )
    assert result.code == 0
    subject = subprocess.run(
        [*git, "log", "-1", "--format=%s"], check=True, capture_output=True, text=True
    ).stdout
    assert subject == "log: call with Hélène Dupré\n"
