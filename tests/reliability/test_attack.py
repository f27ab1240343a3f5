"""The attacking ledger of tests/reliability/attack.py: every command, nothing escapes."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.attack import attack


def test_an_attacking_ledger_through_every_command_touches_nothing_outside(
    tmp_path: Path,
) -> None:
    outcomes, wrong = attack(tmp_path.resolve())
    assert wrong == []
    refused = {" ".join(o.args): o.run.err for o in outcomes if o.run.code == 2}
    for what, output in (("vcard", "contacts.vcf"), ("ics", "loops.ics"), ("json", "ledger.json")):
        assert refused[f"export {what} --output {output}"] == (
            f"reseau: {output}: is a symbolic link; reseau never writes through a link it did "
            "not create\n"
        )
    assert (
        "reports/2016-W18.md: leaves the ledger folder"
        in refused["report --output reports/2016-W18.md"]
    )
