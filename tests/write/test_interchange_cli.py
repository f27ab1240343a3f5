"""import linkedin|vcard (idempotent) and export vcard|ics|json."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reseau.commands.importing import plan
from reseau.load import load_ledger

DATA = Path(__file__).resolve().parent.parent / "interchange" / "data"
CSV = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Hélène,Dupré,https://www.linkedin.com/in/helene-dupre,,Datacorp,Head of data,24 Aug 2023
Marc,Leroy,https://fr.linkedin.com/in/MarcLeroy/,marc@batiplus.example,"Batiplus, SA",Project manager,03 Jan 2022
Karim,Bonnet,,,Acme,Analytics lead,1 Feb 2016
"""


def test_import_linkedin_twice_writes_nothing_the_second_time(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(
        {
            "contacts/marc-leroy.yaml": "name: Marc Leroy   # from Batiplus\n"
            "links: [https://www.linkedin.com/in/marcleroy]\n"
            "tags: [former-colleague]\n"
        }
    )
    (root.parent / "Connections.csv").write_text(CSV, encoding="utf-8")
    csv = str(root.parent / "Connections.csv")
    dry = cli("--ledger", str(root), "import", "linkedin", csv, "--dry-run")
    assert (dry.code, dry.out) == (
        0,
        "create contacts/helene-dupre.yaml\n"
        "update contacts/marc-leroy.yaml: organization, role, emails, connected\n"
        "create contacts/karim-bonnet.yaml\n"
        "dry run: nothing written\n",
    )
    assert sorted(p.name for p in (root / "contacts").iterdir()) == ["marc-leroy.yaml"]
    first = cli("--ledger", str(root), "import", "linkedin", csv)
    assert first.code == 0 and first.out == dry.out.replace("dry run: nothing written\n", "")
    assert (root / "contacts/marc-leroy.yaml").read_text() == (
        "name: Marc Leroy   # from Batiplus\norganization: Batiplus, SA\nrole: Project manager\n"
        "emails: [marc@batiplus.example]\nlinks: [https://www.linkedin.com/in/marcleroy]\n"
        "tags: [former-colleague]\nconnected: 2022-01-03\n"
    )
    snapshot = {p: p.read_bytes() for p in (root / "contacts").iterdir()}
    second = cli("--ledger", str(root), "import", "linkedin", csv)
    assert (second.code, second.out) == (
        0,
        "nothing to import: every contact of Connections.csv is already in the ledger\n",
    )
    assert {p: p.read_bytes() for p in (root / "contacts").iterdir()} == snapshot
    assert cli("--ledger", str(root), "check").code == 0


def test_bad_input_files_exit_2_without_traceback(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger({})
    bad_csv = root.parent / "bad.csv"
    bad_csv.write_text("a,b\n1,2\n")
    result = cli("--ledger", str(root), "import", "linkedin", str(bad_csv))
    assert (
        result.code == 2
        and result.err.startswith("reseau: ")
        and "no LinkedIn header" in result.err
    )
    binary = root.parent / "bad.vcf"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = cli("--ledger", str(root), "import", "vcard", str(binary))
    assert result.code == 2 and result.err.endswith(
        f"reseau: {binary}: nothing to import: "
        "1 line(s) outside any BEGIN:VCARD … END:VCARD ignored\n"
    )
    result = cli("--ledger", str(root), "import", "vcard", str(root.parent / "missing.vcf"))
    assert result.code == 2 and "cannot read" in result.err
    binary.write_text("BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n")
    result = cli("--ledger", str(root), "import", "vcard", str(binary))
    assert result.code == 2 and "no name" in result.err


def test_vcard_export_reimports_to_the_same_contacts(
    story: Path, make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    exported = cli("--ledger", str(story), "export", "vcard")
    assert exported.code == 0 and exported.out.count("BEGIN:VCARD") == 3
    assert "RELATED;TYPE=contact:urn:reseau:marc-leroy" in exported.out
    assert "X-RESEAU-INTRODUCED-BY:helene-dupre" in exported.out
    root = make_ledger({})
    vcf = root.parent / "story.vcf"
    vcf.write_text(exported.out, encoding="utf-8", newline="")
    assert cli("--ledger", str(root), "import", "vcard", str(vcf)).code == 0
    original = load_ledger(story).ledger.contacts
    imported = load_ledger(root).ledger.contacts
    assert sorted(imported) == sorted(original)
    for cid, contact in original.items():
        again = imported[cid]
        for field in (
            "name",
            "organization",
            "role",
            "introduced_by",
            "emails",
            "phones",
            "links",
            "notes",
        ):
            assert getattr(again, field) == getattr(contact, field), (cid, field)
    second = cli("--ledger", str(root), "import", "vcard", str(vcf))
    assert second.out.startswith("nothing to import")


def test_ics_has_one_event_per_open_dated_loop(story: Path, cli: Callable[..., Any]) -> None:
    from icalendar import Calendar

    from reseau.commands.export import open_dated_loops

    result = cli("--ledger", str(story), "export", "ics", "--as-of", "2016-05-03")
    assert result.code == 0
    calendar = Calendar.from_ical(result.out)
    events = calendar.walk("VEVENT")
    loops = open_dated_loops(load_ledger(story).ledger, dt.date(2016, 5, 3))
    assert {"next", "promise", "planned", "inform"} == {lp.kind for lp in loops}
    assert len(events) == len(loops) == len({str(e["UID"]) for e in events})
    assert sorted(e.decoded("DTSTART") for e in events) == sorted(lp.due for lp in loops)
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert "Promise to Hélène Dupré: Send an updated CV before the interview" in summaries
    assert cli("--ledger", str(story), "export", "ics", "--as-of", "2016-05-03").out == result.out


def test_json_export_and_redaction(story: Path, cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("--ledger", str(story), "export", "json", "--as-of", "2016-05-03")
    index = json.loads(result.out)
    assert sorted(index) == ["as_of", "contacts", "interactions", "loops", "opportunities"]
    assert [c["id"] for c in index["contacts"]] == ["helene-dupre", "karim-bonnet", "marc-leroy"]
    output = tmp_path / "redacted.json"
    redacted = cli(
        "--ledger",
        str(story),
        "export",
        "json",
        "--redact",
        "--salt",
        "s3cret",
        "--output",
        str(output),
        "--as-of",
        "2016-05-03",
    )
    assert (redacted.code, redacted.out) == (0, "")
    text = output.read_text(encoding="utf-8")
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", text)
    for secret in ("Hélène", "Dupré", "helene", "Karim", "karim", "Marc", "linkedin", "data mesh"):
        assert secret not in text, secret
    again = cli(
        "--ledger",
        str(story),
        "export",
        "json",
        "--redact",
        "--salt",
        "s3cret",
        "--as-of",
        "2016-05-03",
    )
    assert again.out == text
    data = json.loads(text)
    helene = data["contacts"][[c["name"] for c in index["contacts"]].index("Hélène Dupré")]
    karim = next(c for c in data["contacts"] if c.get("introduced_by") == helene["id"])
    assert karim["id"].startswith("person-")


def test_plan_matches_within_the_file_too(make_ledger: Callable[..., Path]) -> None:
    from reseau.interchange.people import PersonRecord

    root = make_ledger({})
    ledger = load_ledger(root).ledger
    targets = plan(
        ledger,
        [
            PersonRecord("Zoë Martin", emails=("z@x.example",)),
            PersonRecord("Zoe MARTIN", organization="Acme"),
        ],
    )
    assert [(t.stem, t.values.get("organization")) for t in targets] == [("zoe-martin", "Acme")]


def test_import_the_interchange_fixture(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger({})
    for name in ("Connections.csv", "contacts.vcf"):
        shutil.copy(DATA / name, root.parent / name)
    first = cli("--ledger", str(root), "import", "linkedin", str(root.parent / "Connections.csv"))
    assert first.code == 0 and first.out.count("create ") >= 5
    vcard = cli("--ledger", str(root), "import", "vcard", str(root.parent / "contacts.vcf"))
    assert vcard.code == 0
    assert cli("--ledger", str(root), "check").code == 0
