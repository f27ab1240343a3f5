"""`reseau import` end to end: proposals and --update, ids through X-RESEAU-ID, exports that
import back to no change, near-duplicates, encodings, Google and Outlook files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

CSV = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_a_changed_title_is_proposed_then_applied_with_update(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger({})
    first = root.parent / "Connections.csv"
    first.write_text(CSV + "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,Analyst,1 Feb 2016\n")
    assert cli("--ledger", str(root), "import", "linkedin", str(first)).code == 0
    first.write_text(
        CSV + "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,Head of data,1 Feb 2016\n"
    )
    before = _files(root)
    dry = cli("--ledger", str(root), "import", "linkedin", str(first), "--dry-run")
    assert dry.out == (
        "propose contacts/ann-lee.yaml: role: 'Analyst' → 'Head of data'\n"
        "1 change proposed: run again with --update to apply it\n"
        "dry run: nothing written\n"
    )
    plain = cli("--ledger", str(root), "import", "linkedin", str(first))
    assert "propose" in plain.out and _files(root) == before
    applied = cli("--ledger", str(root), "import", "linkedin", str(first), "--update")
    assert applied.out == (
        "update contacts/ann-lee.yaml: role\n"
        "change contacts/ann-lee.yaml: role: 'Analyst' → 'Head of data'\n"
    )
    assert b"role: Head of data\n" in (root / "contacts/ann-lee.yaml").read_bytes()
    again = cli("--ledger", str(root), "import", "linkedin", str(first))
    assert again.out.startswith("nothing to import")


def test_story_export_imports_back_to_no_change(story: Path, cli: Callable[..., Any]) -> None:
    exported = cli("--ledger", str(story), "export", "vcard")
    assert exported.code == 0
    vcf = story.parent / "story.vcf"
    vcf.write_text(exported.out, encoding="utf-8")
    before = _files(story)
    again = cli("--ledger", str(story), "import", "vcard", str(vcf))
    assert again.out.startswith("nothing to import"), again.out
    assert _files(story) == before


def test_export_into_a_fresh_ledger_keeps_ids_and_fields(
    story: Path, make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    vcf = story.parent / "story.vcf"
    vcf.write_text(cli("--ledger", str(story), "export", "vcard").out, encoding="utf-8")
    fresh = make_ledger({})
    assert cli("--ledger", str(fresh), "import", "vcard", str(vcf)).code == 0
    ids = sorted(p.name for p in (story / "contacts").iterdir())
    assert sorted(p.name for p in (fresh / "contacts").iterdir()) == ids
    exported_again = cli("--ledger", str(fresh), "export", "vcard").out
    assert exported_again == vcf.read_text(encoding="utf-8")


def test_birthdays_are_yearly_events_in_the_calendar(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger(
        {
            "contacts/ann-lee.yaml": "name: Ann Lee\nbirthday: 1984-03-12\n",
            "contacts/bob-ray.yaml": "name: Bob Ray\nbirthday: --02-29\n",
        }
    )
    assert cli("--ledger", str(root), "check").code == 0
    ics = cli("--ledger", str(root), "--as-of", "2024-01-01", "export", "ics").out
    assert "SUMMARY:Birthday: Ann Lee" in ics and "DTSTART;VALUE=DATE:19840312" in ics
    assert "DTSTART;VALUE=DATE:20000229" in ics and ics.count("RRULE:FREQ=YEARLY") == 2
    vcf = cli("--ledger", str(root), "export", "vcard").out
    assert "BDAY:19840312" in vcf and "BDAY:--0229" in vcf


def test_near_duplicates_are_reported(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger({"contacts/antoine-le-roux.yaml": "name: Antoine Le Roux\n"})
    vcf = root.parent / "c.vcf"
    vcf.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Antoine Leroux\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Hélène Dupré\\, PhD\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Dr Hélène Dupré\nEND:VCARD\n"
    )
    result = cli("--ledger", str(root), "import", "vcard", str(vcf))
    assert result.code == 0
    assert "line 1: 'Antoine Leroux' looks like 'Antoine Le Roux'" in result.err
    assert "line 9: 'Dr Hélène Dupré' looks like 'Hélène Dupré, PhD'" in result.err


def test_google_and_outlook_commands_and_encoding_override(
    make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger({})
    google = root.parent / "google.csv"
    google.write_text("First Name,Last Name,E-mail 1 - Value\nAnn,Lee,ann@example.org\n")
    outlook = root.parent / "outlook.csv"
    outlook.write_bytes(
        "First Name,Last Name,E-mail Address\nZoë,Müller,ann@example.org\n".encode("cp1252")
    )
    assert cli("--ledger", str(root), "import", "google", str(google)).code == 0
    result = cli("--ledger", str(root), "import", "outlook", str(outlook), "--encoding", "cp1252")
    assert result.err == "reseau: outlook.csv: read as cp1252 (given)\n"
    assert result.out.startswith("nothing to import")  # matched by e-mail
    data = json.loads(cli("--ledger", str(root), "export", "json").out)
    assert [c["id"] for c in data["contacts"]] == ["ann-lee"]
