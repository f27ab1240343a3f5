"""The report of examples/story, compared with reviewed golden files.

Regenerate with `RESEAU_REGEN_GOLDEN=1 pytest tests/report` and review the diff.
"""

from __future__ import annotations

import os
import sys
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
        "- Keep your promise to **Hélène Dupré**: Send an updated CV before the interview — "
        "[due 6 May, in 3 days](interactions/2016/2016-04-28-call-helene-dupre.yaml)"
    )


def this_week(out: str) -> str:
    return out.split("### This week\n\n", 1)[1].split("\n\n", 1)[0]


def test_this_week_of_the_story(story: Path, cli: Callable[..., Result]) -> None:
    """What to do, most urgent first, one line per person: on 3 May nothing is late; on 30
    June the promise (an error) leads, then the update owed to Marc (52 days late for 7
    allowed), then Karim's next step (36 days late for 30); Hélène's own update and Marc's
    next step stay in Broken chains."""
    may = cli("--ledger", str(story), "report", "--as-of", STORY_AS_OF).out
    assert this_week(may) == (
        "1. Keep your promise to **Hélène Dupré**: Send an updated CV before the interview — "
        "[due 6 May, in 3 days](interactions/2016/2016-04-28-call-helene-dupre.yaml)\n"
        "2. Tell **Marc Leroy** about Data analyst at Datacorp: interview — "
        "[due 9 May, in 6 days](opportunities/datacorp-data-analyst.yaml)"
    )
    june = cli("--ledger", str(story), "report", "--as-of", "2016-06-30").out
    assert this_week(june) == (
        "1. Keep your promise to **Hélène Dupré**: Send an updated CV before the interview — "
        "[55 days late](interactions/2016/2016-04-28-call-helene-dupre.yaml)\n"
        "2. Tell **Marc Leroy** about Data analyst at Datacorp: interview — "
        "[52 days late](opportunities/datacorp-data-analyst.yaml)\n"
        "3. Next step with **Karim Bonnet**: Send Karim news of my search and ask how the new "
        "team is doing — [36 days late](interactions/2016/2016-04-25-call-karim-bonnet.yaml)"
    )
    french = cli("--ledger", str(story), "report", "--as-of", "2016-06-30", "--lang", "fr").out
    assert french.split("### Cette semaine\n\n", 1)[1].split("\n\n", 1)[0] == (
        "1. Tenir votre promesse à **Hélène Dupré** : Send an updated CV before the interview — "
        "[55 jours de retard](interactions/2016/2016-04-28-call-helene-dupre.yaml)\n"
        "2. Tenir **Marc Leroy** au courant pour le poste Data analyst chez Datacorp : entretien — "
        "[52 jours de retard](opportunities/datacorp-data-analyst.yaml)\n"
        "3. Prochaine étape avec **Karim Bonnet** : Send Karim news of my search and ask how the "
        "new team is doing — [36 jours de retard](interactions/2016/2016-04-25-call-karim-bonnet.yaml)"
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
        "- Next step with **Karim Bonnet**: Send Karim news of my search and ask how the new "
        "team is doing — [due 1 May, 2 days late](interactions/2016/2016-04-25-call-karim-bonnet.yaml)\n"
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


def test_a_changed_report_fails_without_the_flag(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "GOLDEN", tmp_path)
    (tmp_path / "r.md").write_text("old\n", encoding="utf-8")
    monkeypatch.delenv("RESEAU_REGEN_GOLDEN", raising=False)
    with pytest.raises(AssertionError):
        golden("r.md", "new\n")
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == "old\n"
    monkeypatch.setenv("RESEAU_REGEN_GOLDEN", "1")
    golden("r.md", "new\n")
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == "new\n"
