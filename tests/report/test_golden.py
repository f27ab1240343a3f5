"""The report of examples/story, compared with reviewed golden files.

Regenerate with `RESEAU_REGEN_GOLDEN=1 pytest tests/report` and review the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import STORY_AS_OF, Result

GOLDEN = Path(__file__).parent / "golden"
CASES = [(STORY_AS_OF, "en"), (STORY_AS_OF, "fr"), ("2016-06-30", "en"), ("2016-06-30", "fr")]


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("RESEAU_REGEN_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing {path}: run with RESEAU_REGEN_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("as_of", "lang"), CASES)
def test_story_report(story: Path, cli: Callable[..., Result], as_of: str, lang: str) -> None:
    result = cli("--ledger", str(story), "report", "--as-of", as_of, "--lang", lang)
    assert (result.code, result.err) == (0, "")
    golden(f"story-{as_of}.{lang}.md", result.out)


def test_story_is_clean_at_its_date(story: Path, cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(story), "report", "--as-of", STORY_AS_OF).out
    assert "No broken chain: every loop past its date is closed." in out
    assert "`reseau check`: no error, no warning." in out
    coming = out.split("## Coming up\n\n", 1)[1].split("\n## ", 1)[0]
    assert coming.splitlines()[0] == (
        "- Keep your promise to Hélène Dupré: Send an updated CV before the interview — "
        "due 6 May, in 3 days · [2016-04-28-call-helene-dupre.yaml]"
        "(interactions/2016/2016-04-28-call-helene-dupre.yaml)"
    )


def test_broken_variant_names_person_and_action(story: Path, cli: Callable[..., Result]) -> None:
    """tests/fixtures/broken/R007: the next step with Karim was due on 1 May."""
    path = story / "interactions/2016/2016-04-25-call-karim-bonnet.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("due: 2016-05-25", "due: 2016-05-01"),
        encoding="utf-8",
    )
    out = cli("--ledger", str(story), "report", "--as-of", STORY_AS_OF).out
    broken = out.split("## Broken chains\n\n", 1)[1].split("\n## ", 1)[0]
    assert broken == (
        "### Karim Bonnet\n\n"
        "- Next step with Karim Bonnet: Send Karim news of my search and ask how the new team "
        "is doing — due 1 May, 2 days late · [2016-04-25-call-karim-bonnet.yaml]"
        "(interactions/2016/2016-04-25-call-karim-bonnet.yaml)\n"
    )


def test_week_option(story: Path, cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(story), "report", "--as-of", STORY_AS_OF, "--week", "2016-W15").out
    assert out.startswith("# Camille Martin's weekly review — 2016-W15 (11 Apr – 17 Apr 2016)\n")
    assert "| interactions | 0 | 0 | 0 | 3 | **3** | 5 |" in out


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2016-18", "'2016-18' is not an ISO week: use YYYY-Www, e.g. 2016-W18"),
        ("2015-W54", "'2015-W54': 2015 has no week 54"),
    ],
)
def test_bad_week(story: Path, cli: Callable[..., Result], week: str, message: str) -> None:
    result = cli("--ledger", str(story), "report", "--week", week)
    assert (result.code, result.out, result.err) == (2, "", f"reseau: --week: {message}\n")
