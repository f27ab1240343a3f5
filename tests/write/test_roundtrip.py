"""Edits keep the file: `done` and `fmt` change only the intended lines (compared with difflib)."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from reseau.commands.fmt import format_file

HAND_EDITED = (
    "# yaml-language-server: $schema=../../schema/interaction.schema.json\n"
    "# Written by hand, in a hurry.\n"
    "\n"
    "date: 2016-04-08     # a Friday\n"
    "with: [ helene-dupre ]\n"
    "channel: 'meeting'\n"
    "\n"
    'summary: "Café près de son bureau : très instructif — she described her team."\n'
    "ask: advice  # within her reach\n"
    "gave: [interest]\n"
    "received:\n"
    "- advice\n"
    "- referral: karim-bonnet   # « appelle Karim de ma part »\n"
    "\n"
    "# what I owe her\n"
    "promised:\n"
    "  - what: 'Send the article on data mesh'\n"
    "    due: 2016-04-29   # before the end of the month\n"
    "  - what: Introduce her to Léa\n"
    "    due: 2016-05-15\n"
    "# the next occasion\n"
    "next:\n"
    "  action: >-\n"
    "    Tell her how the call\n"
    "    with Karim went\n"
    "  due: 2016-04-15\n"
    "x-mood: good   # mine\n"
)


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def diff(before: bytes, after: bytes) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(
            before.decode().splitlines(True), after.decode().splitlines(True), n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_done_adds_exactly_one_line(
    make_ledger: Callable[..., Path], cli: Callable[..., object]
) -> None:
    rel = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
    root = make_ledger(
        {
            "contacts/helene-dupre.yaml": "name: Hélène Dupré\n",
            "contacts/karim-bonnet.yaml": "name: Karim Bonnet\n",
            rel: crlf(HAND_EDITED),
        }
    )
    result = cli(
        "--ledger", str(root), "done", "2016-04-08-meeting-helene-dupre#1", "--as-of", "2016-04-26"
    )
    assert (result.code, result.out) == (
        0,
        f"{rel}: promise #1 kept on 2016-04-26: Send the article on data mesh\n",
    )
    after = (root / rel).read_bytes()
    assert diff(crlf(HAND_EDITED), after) == ["+    done: 2016-04-26\r\n"]
    lines = after.decode().split("\r\n")
    assert (
        lines[lines.index("    due: 2016-04-29   # before the end of the month") + 1]
        == "    done: 2016-04-26"
    )


def test_done_keeps_the_comment_above_the_next_key(
    make_ledger: Callable[..., Path], cli: Callable[..., object]
) -> None:
    rel = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
    root = make_ledger(
        {
            "contacts/helene-dupre.yaml": "name: Hélène Dupré\n",
            "contacts/karim-bonnet.yaml": "name: Karim Bonnet\n",
            rel: HAND_EDITED.encode(),
        }
    )
    result = cli(
        "--ledger", str(root), "done", "2016-04-08-meeting-helene-dupre#2", "--as-of", "2016-04-26"
    )
    assert result.code == 0
    after = (root / rel).read_text()
    assert diff(HAND_EDITED.encode(), after.encode()) == ["+    done: 2016-04-26\n"]
    assert "    due: 2016-05-15\n    done: 2016-04-26\n# the next occasion\nnext:\n" in after


def test_fmt_moves_keys_with_their_comments_and_nothing_else() -> None:
    shuffled = HAND_EDITED.replace(
        "ask: advice  # within her reach\ngave: [interest]\n", "gave: [interest]\n"
    ).replace(
        "x-mood: good   # mine\n",
        "x-mood: good   # mine\n# why I asked\nask: advice  # within her reach\n",
    )
    outcome = format_file("interactions/2016/a.yaml", "interaction", crlf(shuffled))
    assert outcome.status == "changed"
    # the only change: ask and its comment are back after summary; CRLF, quotes, flow lists,
    # the indentless `received` list (now indented) and the folded scalar are kept
    assert diff(crlf(shuffled), outcome.text) == [
        "+# why I asked\r\n",
        "+ask: advice  # within her reach\r\n",
        "-- advice\r\n",
        "-- referral: karim-bonnet   # « appelle Karim de ma part »\r\n",
        "+  - advice\r\n",
        "+  - referral: karim-bonnet   # « appelle Karim de ma part »\r\n",
        "-# why I asked\r\n",
        "-ask: advice  # within her reach\r\n",
    ]
    assert format_file("interactions/2016/a.yaml", "interaction", outcome.text).status == "same"


def test_fmt_orders_nested_keys_and_reindents() -> None:
    text = (
        "date: 2016-04-08\nwith: [a]\npromised:\n    - due: 2016-04-29   # due\n"
        "      # the what\n      what: x\nnext:\n      due: 2016-04-15\n      action: y\n"
    )
    outcome = format_file("interactions/2016/a.yaml", "interaction", text.encode())
    assert outcome.text.decode() == (
        "# yaml-language-server: $schema=../../schema/interaction.schema.json\n"
        "date: 2016-04-08\nwith: [a]\npromised:\n  # the what\n  - what: x\n"
        "    due: 2016-04-29   # due\nnext:\n  action: y\n  due: 2016-04-15\n"
    )


def test_fmt_refuses_broken_yaml() -> None:
    outcome = format_file("contacts/a.yaml", "contact", b"name: A\nname: B\n")
    assert outcome.status == "refused" and "Y002" in outcome.reason


def test_fmt_command_check_then_write_then_noop(
    make_ledger: Callable[..., Path], cli: Callable[..., object]
) -> None:
    root = make_ledger(
        {
            "contacts/a.yaml": "role: Boss\nname: A   # first\n",
            "contacts/b.yaml": "# yaml-language-server: $schema=../schema/contact.schema.json\n"
            "name: B\n",
            "contacts/c.yaml": "name: [\n",
        }
    )
    before = (root / "contacts/a.yaml").read_bytes()
    result = cli("--ledger", str(root), "fmt", "--check")
    assert result.code == 1
    assert result.out == "would reformat contacts/a.yaml\nwould reformat reseau.yaml\n"
    assert result.err.startswith("contacts/c.yaml:")
    assert (root / "contacts/a.yaml").read_bytes() == before
    result = cli("--ledger", str(root), "fmt")
    assert (result.code, result.out) == (
        1,
        "reformatted contacts/a.yaml\nreformatted reseau.yaml\n",
    )
    assert (root / "contacts/a.yaml").read_text() == (
        "# yaml-language-server: $schema=../schema/contact.schema.json\nname: A   # first\nrole: Boss\n"
    )
    (root / "contacts/c.yaml").unlink()
    again = cli("--ledger", str(root), "fmt")
    assert (again.code, again.out) == (0, "")
    assert cli("--ledger", str(root), "fmt", "--check").code == 0


def test_fmt_keeps_the_story_clean(story: Path, cli: Callable[..., object]) -> None:
    assert cli("--ledger", str(story), "fmt").code == 0
    assert cli("--ledger", str(story), "fmt", "--check").code == 0
    result = cli("--ledger", str(story), "check", "--as-of", "2016-05-03", "--verbose")
    assert (result.code, result.out) == (0, "")
