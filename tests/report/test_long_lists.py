"""Long lists are cut with a count of what is left out, and a command that gives everything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli

MakeLedger = Callable[[dict[str, str | bytes]], Path]


def ledger_of(make_ledger: MakeLedger, people: int, old: int = 0) -> Path:
    """people with a next step due 10 March 2016 (broken on 3 May), and `old` more people
    whose next step was due in 2014 (more than a year late)."""
    files: dict[str, str | bytes] = {}
    for i in range(people + old):
        cid = f"person-{i:02d}"
        year = 2016 if i < people else 2014
        files[f"contacts/{cid}.yaml"] = f"name: Person {i:02d}\nrelation: friend\ncadence: 10\n"
        files[f"interactions/{year}/{year}-03-01-call-{cid}.yaml"] = (
            f"date: {year}-03-01\nwith: [{cid}]\ngave: [interest]\n"
            f"next: {{action: Call {cid} back, due: {year}-03-10}}\n"
        )
    return make_ledger(files)


def section(out: str, heading: str) -> str:
    return out.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_long_sections_are_cut(make_ledger: MakeLedger) -> None:
    root = ledger_of(make_ledger, 40, old=3)
    out = run_cli("--ledger", str(root), "report", "--as-of", "2016-05-03").out
    reconnect = section(out, "Reconnect")
    assert reconnect.count("- **[Person") == 5
    assert "… and 38 more (`reseau agenda` lists them all)." in reconnect
    broken = section(out, "Broken chains")
    # 25 people with every loop, 10 more with one line each, then a count
    assert broken.count("- Next step with **Person") == 25
    assert broken.count(" — [1 loop overdue, 54 days late](") == 10
    assert "… and 5 more people (`reseau agenda` lists every loop)." in broken
    assert broken.endswith(
        "3 loops more than a year late are not listed (the oldest due 10 Mar 2014): drop them "
        "with `reseau drop` or keep them; `reseau agenda` lists them.\n"
    )
    assert "Call person-40 back" not in out  # more than a year late: counted, not listed
    assert out.count("\n1. ") == 1 and "\n7. " in out and "\n8. " not in out  # This week
    french = run_cli("--ledger", str(root), "report", "--as-of", "2016-05-03", "--lang", "fr").out
    assert "… et 38 de plus (`reseau agenda` les liste tous)." in french
    assert "… et 5 personnes de plus (`reseau agenda` liste toutes les relances)." in french
    assert (
        "3 relances en retard de plus d'un an ne sont pas listées (la plus ancienne prévue le "
        "10 mars 2014) : abandonnez-les avec `reseau drop` ou gardez-les ; `reseau agenda` "
        "les liste."
    ) in french
    assert " — [1 relance en retard de 54 jours](" in french


def test_one_old_loop_is_said_in_the_singular(make_ledger: MakeLedger) -> None:
    out = run_cli(
        "--ledger", str(ledger_of(make_ledger, 0, old=1)), "report", "--as-of", "2016-05-03"
    ).out
    assert section(out, "Broken chains") == (
        "\nNothing overdue from the last twelve months.\n\n"
        "1 loop more than a year late is not listed (due 10 Mar 2014): drop it with "
        "`reseau drop` or keep it; `reseau agenda` lists it.\n"
    )


def test_short_lists_have_no_count(make_ledger: MakeLedger) -> None:
    out = run_cli("--ledger", str(ledger_of(make_ledger, 3)), "report", "--as-of", "2016-05-03").out
    assert "more (" not in out and "more people" not in out
