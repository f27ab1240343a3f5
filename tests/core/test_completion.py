"""Shell completion through Click's own protocol (the environment variables the bash and zsh
scripts of `_RESEAU_COMPLETE=bash_source reseau` set), in a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def complete(story: Path, shell: str, words: str) -> list[str]:
    """What the shell would be offered for the last word of `words`."""
    parts = words.split(" ")
    env = {
        **os.environ,
        "_RESEAU_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
    }
    done = subprocess.run(
        [sys.executable, "-c", "from reseau.cli import main; main()"],
        cwd=story, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stderr == ""
    return done.stdout.splitlines()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("reseau show du", ["plain,helene-dupre"]),  # a fragment of the name, accents ignored
        ("reseau show ka", ["plain,karim-bonnet"]),  # the start of the id
        ("reseau log marc-leroy --referral hel", ["plain,helene-dupre"]),
        ("reseau path Da", ["plain,Datacorp"]),
        ("reseau opp stage acme", ["plain,acme-data-analyst"]),
        ("reseau rules R00", [f"plain,R00{n}" for n in range(1, 10)]),
        ("reseau done 2016-04-2", [
            "plain,2016-04-25-call-karim-bonnet", "plain,2016-04-26-email-helene-dupre",
            "plain,2016-04-26-email-marc-leroy", "plain,2016-04-28-call-helene-dupre",
            "plain,2016-04-29-message-marc-leroy",
        ]),
    ],
)  # fmt: skip
def test_bash_completes_ids_from_names_and_ids(
    story: Path, words: str, expected: list[str]
) -> None:
    assert complete(story, "bash", words) == expected


def test_zsh_shows_the_name_beside_the_id(story: Path) -> None:
    assert complete(story, "zsh", "reseau log hel") == ["plain", "helene-dupre", "Hélène Dupré"]


def test_outside_a_ledger_completion_offers_nothing_and_prints_nothing(tmp_path: Path) -> None:
    assert complete(tmp_path, "bash", "reseau show du") in ([], [""])  # Click prints one empty line
