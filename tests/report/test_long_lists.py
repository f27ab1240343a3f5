"""Long lists are cut with a count of what is left out; broken chains never are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli

MakeLedger = Callable[[dict[str, str | bytes]], Path]


def ledger_of(make_ledger: MakeLedger, people: int) -> Path:
    files: dict[str, str | bytes] = {}
    for i in range(people):
        cid = f"person-{i:02d}"
        files[f"contacts/{cid}.yaml"] = f"name: Person {i:02d}\nrelation: friend\ncadence: 10\n"
        files[f"interactions/2016/2016-03-01-call-{cid}.yaml"] = (
            f"date: 2016-03-01\nwith: [{cid}]\ngave: [interest]\n"
            f"next: {{action: Call {cid} back, due: 2016-03-10}}\n"
        )
    return make_ledger(files)


def test_reconnect_shows_25_and_counts_the_rest(make_ledger: MakeLedger) -> None:
    root = ledger_of(make_ledger, 30)
    out = run_cli("--ledger", str(root), "report", "--as-of", "2016-05-03").out
    reconnect = out.split("## Reconnect\n", 1)[1].split("\n## ", 1)[0]
    assert reconnect.count("- **Person") == 25
    assert "… and 5 more (`reseau agenda` lists them all)." in reconnect
    broken = out.split("## Broken chains\n", 1)[1].split("\n## ", 1)[0]
    assert broken.count("- Next step with Person") == 30  # every broken chain, never cut
    french = run_cli("--ledger", str(root), "report", "--as-of", "2016-05-03", "--lang", "fr").out
    assert "… et 5 de plus (`reseau agenda` les liste tous)." in french


def test_short_lists_have_no_count(make_ledger: MakeLedger) -> None:
    out = run_cli("--ledger", str(ledger_of(make_ledger, 3)), "report", "--as-of", "2016-05-03").out
    assert "more (" not in out
