"""The article's story recorded from an empty ledger with commands only (add, log, done, opp,
held, drop), exactly as the README shows it; `reseau check --as-of 2016-05-03 --verbose` is
silent at the end."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parents[2] / "README.md"


def story_commands() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("### The article's story")[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line)[1:] for line in block.strip().splitlines()]


def test_the_story_by_cli(make_ledger: Callable[..., Path], cli: Callable[..., Any]) -> None:
    root = make_ledger({})
    commands = story_commands()
    assert {c[0] for c in commands} == {"add", "log", "done", "opp", "held", "drop", "check"}
    assert commands[-1] == ["check", "--as-of", "2016-05-03", "--verbose"]
    for args in commands[:-1]:
        result = cli("--ledger", str(root), *args)
        assert result.code == 0, args
        # Every helper is given news: log says what each interaction closes, never that one
        # leaves someone uninformed.
        assert all(line.startswith("closes: ") for line in result.err.splitlines()), result.err
    result = cli("--ledger", str(root), *commands[-1])
    assert (result.code, result.out, result.err) == (0, "", "")
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.yaml"))
    assert len(names) == 1 + 3 + 16 + 2  # reseau.yaml, contacts, interactions, opportunities
    assert "interactions/2016/2016-05-10-meeting-helene-dupre.yaml" in names
    held = (root / "interactions/2016/2016-04-18-meeting-karim-bonnet.yaml").read_text()
    assert "planned" not in held and "ask: none\ngave: [interest]\n" in held
    acme = (root / "opportunities/acme-data-analyst.yaml").read_text()
    assert acme.endswith(
        "stages:\n"
        "  - date: 2016-04-11\n    stage: lead\n    note: Karim mentioned an opening in his team\n"
        "  - date: 2016-04-18\n    stage: interview\n"
        "  - date: 2016-04-25\n    stage: rejected\n    note: chose an internal candidate\n"
    )
    call = (root / "interactions/2016/2016-04-28-call-helene-dupre.yaml").read_text()
    assert call.endswith(
        "  due: 2016-05-02\n  dropped: 2016-05-02\n  reason: I will ask at the interview on 10 May\n"
    )
    kept = (root / "interactions/2016/2016-04-08-meeting-helene-dupre.yaml").read_text()
    assert "    due: 2016-04-29\n    done: 2016-04-26\n" in kept
    assert cli("--ledger", str(root), "fmt", "--check").code == 1  # reseau.yaml has no modeline yet
    assert (
        cli(
            "--ledger",
            str(root),
            "fmt",
            "--check",
            str(root / "contacts"),
            str(root / "interactions"),
        ).code
        == 0
    )
