"""`reseau log` says which loops the new interaction closes, and which inform loops it leaves
open because it gives no update (docs/chains-and-loops.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import STORY_AS_OF, Result

NEXT = "closes: Next step with Marc Leroy: Tell Marc how the interview at Datacorp went\n"
INFORM = "Tell Marc Leroy about Data analyst at Datacorp: interview"


def log(cli: Callable[..., Result], story: Path, *args: str) -> Result:
    return cli("--ledger", str(story), "--as-of", STORY_AS_OF, "log", "marc-leroy", *args)


def test_a_birthday_message_does_not_inform(story: Path, cli: Callable[..., Result]) -> None:
    result = log(cli, story, "--channel", "message", "--summary", "Happy birthday!")
    assert result.code == 0, result.err
    assert result.out == "interactions/2016/2016-05-03-message-marc-leroy.yaml\n"
    assert result.err == (
        NEXT + f"does not close: {INFORM}: this gives no update "
        "(log it with --gave update, or add `update` to its `gave:`)\n"
    )


def test_an_update_informs(story: Path, cli: Callable[..., Result]) -> None:
    """The loops in their order: by due date (9 May, then 12 May)."""
    result = log(cli, story, "--channel", "message", "--gave", "update")
    assert result.code == 0, result.err
    assert result.out == "interactions/2016/2016-05-03-message-marc-leroy.yaml\n"
    assert result.err == f"closes: {INFORM}\n{NEXT}"


def test_a_planned_meeting_closes_nothing(story: Path, cli: Callable[..., Result]) -> None:
    result = log(cli, story, "--date", "2016-05-20", "--planned")
    assert (result.out, result.err) == ("interactions/2016/2016-05-20-marc-leroy.yaml\n", "")
