"""Terminal hygiene: a closed, full or broken standard output through real processes, control
characters escaped in text output, colour only where it is wanted, examples in every --help."""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau import formats
from reseau.cli import cli as group
from reseau.cli.streams import BROKEN_PIPE, WRITE_FAILED
from reseau.commands.agenda import use_colour
from reseau.problems import Problem
from tests.conftest import STORY, Result

LATE = ["--ledger", str(STORY), "check", "--as-of", "2016-06-30"]  # prints problems, exits 1


def reseau(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "reseau", *args], capture_output=False, text=True, **kwargs
    )


@pytest.mark.slow
def test_closed_stdout_is_one_line_and_its_own_status() -> None:
    done = reseau(LATE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, close_fds=True)
    assert done.returncode == 1  # the reference: the same run with a working stdout
    closed = subprocess.run(
        f"exec {sys.executable} -m reseau {' '.join(LATE)} >&-",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert closed.returncode == WRITE_FAILED
    assert closed.stderr == "reseau: cannot write to standard output: Bad file descriptor\n"


@pytest.mark.slow
def test_full_stdout_is_one_line_and_its_own_status() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = reseau(LATE, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == WRITE_FAILED
    assert done.stderr == "reseau: cannot write to standard output: No space left on device\n"


@pytest.mark.slow
def test_broken_pipe_is_silent_and_its_own_status() -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before reseau writes: `reseau check | true`
    try:
        done = reseau(LATE, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (BROKEN_PIPE, "")


@pytest.mark.slow
def test_reader_that_stops_early() -> None:
    """`reseau export json | head -c 1`: no message, whether or not the output fitted."""
    shell = f"{sys.executable} -m reseau --ledger {STORY} export json | head -c 1 >/dev/null"
    done = subprocess.run(
        ["bash", "-c", f"{shell}; echo ${{PIPESTATUS[0]}}"], capture_output=True, text=True
    )
    assert done.stderr == ""
    assert int(done.stdout) in (0, BROKEN_PIPE)  # 0 when it all fitted in the pipe at once


@pytest.mark.slow
def test_working_stdout_unchanged() -> None:
    done = reseau(LATE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.startswith("interactions/2016/")


def test_text_output_is_one_line_per_problem() -> None:
    message = "name\nsecond line\r\x1b[2Jcleared \x7f\x85 \u202eevil\u202c\ttab"
    out = formats.text([Problem("contacts/a\nb.yaml", 1, 2, "S001", "schema", "error", message)])
    assert out.count("\n") == 1
    assert out == (
        "contacts/a\\nb.yaml:1:2: error S001 schema: "
        "name\\nsecond line\\r\\x1b[2Jcleared \\x7f\\x85 \\u202eevil\\u202c\ttab\n"
    )


def test_json_and_github_keep_their_own_escaping() -> None:
    problem = Problem("a.yaml", 1, 1, "S001", "schema", "error", "one\ntwo")
    assert '"one\\ntwo"' in formats.as_json([problem], 1)
    assert formats.github([problem]).endswith("::one%0Atwo\n")


def test_escape_keeps_printable_text() -> None:
    assert formats.escape("Hélène Dupré — 東京 🙂\t") == "Hélène Dupré — 東京 🙂\t"
    assert formats.escape("a\nb\x00", keep_newlines=True) == "a\nb\\x00"


HOSTILE = "Eve\x1b]0;pwned\x07 \u202eLIVE\n2016-01-01  fake line"


def test_views_escape_what_the_ledger_holds(
    make_ledger: Callable[[dict[str, str | bytes]], Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger(
        {  # YAML itself allows no raw control characters: JSON-style escapes in quotes
            "contacts/eve.yaml": (
                f"name: {json.dumps(HOSTILE)}\nrelation: friend\n"
                f"notes: {json.dumps('one' + chr(10) + 'two' + chr(27) + '[1m')}\n"
            ),
            "interactions/2016/2016-04-01-call-eve.yaml": (
                'date: 2016-04-01\nwith: [eve]\nchannel: call\nsummary: "hi\\u001b[31m"\n'
                'next: {action: "Call\\nagain", due: 2016-04-10}\n'
            ),
        }
    )
    shown = cli("--ledger", str(root), "show", "eve", "--as-of", "2016-05-01")
    assert shown.code == 0, shown.err
    for out in (shown.out, cli("--ledger", str(root), "agenda", "--as-of", "2016-05-01").out):
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
        assert "\\x1b" in out
        assert not any(line.startswith("2016-01-01  fake") for line in out.splitlines())
    assert "  one\n  two\\x1b[1m\n" in shown.out  # notes keep their lines


def test_error_messages_stay_one_line(cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(STORY), "show", "no\x1bbody")
    assert result.code == 2 and "\x1b" not in result.err and result.err.count("\n") == 1


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environment", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),
        ({"TERM": "dumb"}, True, False),
        ({"TERM": "xterm-256color"}, True, True),
    ],
)
def test_colour_only_on_a_capable_terminal(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], tty: bool, expected: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    assert use_colour(Tty() if tty else io.StringIO()) is expected


def all_commands() -> list[tuple[str, ...]]:
    import click

    found: list[tuple[str, ...]] = []

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        found.append(path)
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                walk(sub, (*path, name))

    walk(group, ())
    return found


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "reseau")
def test_every_help_ends_with_examples(path: tuple[str, ...], cli: Callable[..., Result]) -> None:
    out = cli(*path, "--help").out
    tail = out.rstrip("\n").split("\n\n")[-1].splitlines()
    assert tail[0] == "  Examples:", out
    assert 2 <= len(tail) <= 3
    for line in tail[1:]:
        assert line.startswith("    reseau " + " ".join(path)), line
        # every option the example uses exists: --help after it parses, or exits 2
        words = shlex.split(line.strip().split(" | ")[0].split(" > ")[0])[1:]
        assert cli(*words, "--help").code == 0, line


@pytest.mark.slow
def test_shell_completion_script() -> None:
    for shell in ("bash", "zsh", "fish"):
        done = subprocess.run(
            [sys.executable, "-m", "reseau"],
            env={**os.environ, "_RESEAU_COMPLETE": f"{shell}_source"},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0 and "_RESEAU_COMPLETE" in done.stdout, shell
    words = subprocess.run(
        [sys.executable, "-m", "reseau"],
        env={
            **os.environ,
            "_RESEAU_COMPLETE": "bash_complete",
            "COMP_WORDS": "reseau ag",
            "COMP_CWORD": "1",
        },
        capture_output=True,
        text=True,
    )
    assert "plain,agenda" in words.stdout.splitlines()


@pytest.mark.parametrize("command", [("ls",), ("suggest",)])
def test_ls_and_suggest_escape_control_characters(
    story: Path, cli: Callable[..., Result], command: tuple[str, ...]
) -> None:
    """A shared ledger's escape sequences never reach the terminal raw (OSC 52, erase line)."""
    (story / "contacts" / "evil.yaml").write_text(
        'name: "Evil \\e]52;c;SGVsbG8=\\a\\e[2K"\nintroduced_by: marc-leroy\n', encoding="utf-8"
    )
    result = cli("--ledger", str(story), *command, "--as-of", "2016-06-30")
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "Evil \\x1b]52;c;SGVsbG8=\\x07\\x1b[2K" in result.out


# YAML escapes a shared ledger can hold: OSC 52 (sets the clipboard), erase line, cursor up,
# a C1 CSI, and a right-to-left override. None may reach a terminal raw.
EVIL = "\\e]52;c;SGVsbG8=\\a\\e[2K\\e[1A\\x9b2K\\u202e"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def hostile_story(story: Path) -> Path:
    """The story with a contact, an interaction and an opportunity whose text is hostile."""
    (story / "contacts" / "evil.yaml").write_text(
        f'name: "Evil {EVIL}"\nintroduced_by: marc-leroy\norganization: "Org {EVIL}"\n',
        encoding="utf-8",
    )
    (story / "interactions" / "2016" / "2016-06-01-call-evil.yaml").write_text(
        f'date: 2016-06-01\nwith: [evil]\nchannel: call\nsummary: "Sum {EVIL}"\n'
        f'received: [advice]\nnext: {{action: "Act {EVIL}", due: 2016-06-05}}\n'
        f'promised: [{{what: "Prom {EVIL}", due: 2016-06-03}}]\nopportunity: evil-opp\n',
        encoding="utf-8",
    )
    (story / "opportunities" / "evil-opp.yaml").write_text(
        f'title: "Title {EVIL}"\norganization: "Org {EVIL}"\nvia: evil\n'
        "stages: [{date: 2016-06-01, stage: lead}, {date: 2016-06-02, stage: applied}]\n",
        encoding="utf-8",
    )
    return story


@pytest.mark.parametrize(
    "command",
    [
        ("check",),
        ("check", "--hook"),
        ("check", "--block", "errors"),
        ("agenda",),
        ("show", "evil"),
        ("report",),
        ("graph",),
        ("graph", "--format", "dot"),
        ("ls",),
        ("path", "Org"),
        ("path", "nowhere"),  # the error lists the organisations
    ],
    ids=" ".join,
)
def test_every_text_command_escapes_control_characters(
    story: Path, cli: Callable[..., Result], command: tuple[str, ...]
) -> None:
    """Issue 19, finding 3: names, summaries, actions, titles and organisations reach the
    terminal escaped (`\\x1b`) in every human-readable command, on stdout and stderr."""
    root = hostile_story(story)
    result = cli("--ledger", str(root), *command, "--as-of", "2016-06-30")
    assert result.code in (0, 1), result.err
    for stream in (result.out, result.err):
        assert not any(raw in stream for raw in RAW), stream
    shown = (result.out + result.err).replace("\\\\", "\\")  # dot and Markdown double it
    assert "\\x1b]52;c;SGVsbG8=\\x07" in shown


def test_graph_labels_keep_their_own_quoting() -> None:
    from reseau.views.graph import Network, Node, dot, mermaid

    net = Network((Node("c:eve", 'Eve "\x1b[2K" #1 <b>'),), ())
    assert mermaid(net) == 'graph LR\n  c_eve["Eve #quot;\\x1b[2K#quot; #35;1 #lt;b#gt;"]\n'
    assert '[label="Eve \\"\\\\x1b[2K\\" #1 <b>"]' in dot(net)


def test_hook_lines_quote_values_escaped() -> None:
    from reseau import policy

    problem = Problem("a.yaml", 3, 1, "R006", "promise-overdue", "error", "Eve\x1b[1A: late")
    assert policy.short(problem) == "error   R006 a.yaml:3: Eve\\x1b[1A: late"


def test_write_commands_echo_ledger_text_escaped(story: Path, cli: Callable[..., Result]) -> None:
    """`done`, `drop` and `add`'s duplicate warning quote what the ledger holds: escaped."""
    root = hostile_story(story)
    args = ("--ledger", str(root), "--as-of", "2016-06-30")
    done = cli(*args, "done", "2016-06-01-call-evil")
    dropped = cli(*args, "drop", "2016-06-01-call-evil", "--reason", "moved on")
    raw_name = "Evil \x1b]52;c;SGVsbG8=\x07\x1b[2K\x1b[1A\x9b2K\u202e"  # EVIL, decoded
    added = cli(*args, "add", raw_name, "--new")  # the name of contacts/evil.yaml: a warning
    for result in (done, dropped):
        assert result.code == 0, result.err
        assert not any(raw in result.out + result.err for raw in RAW)
        assert "\\x1b]52;c;SGVsbG8=\\x07" in result.out
    assert added.code == 0 and "may already be in the ledger" in added.err
    assert not any(raw in added.err for raw in RAW) and "\\x1b]52;c;SGVsbG8=\\x07" in added.err
