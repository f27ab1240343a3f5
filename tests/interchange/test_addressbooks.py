"""Real address-book exports (tests/fixtures/addressbooks, see SOURCES.md): each file is
imported into a fresh ledger, compared with expected.json, imported again (no change),
and `reseau check` finds no Y/S/L error. Regenerate with RESEAU_REGENERATE=1 and review
the diff."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "addressbooks"
MANIFEST: dict[str, dict[str, str]] = json.loads((CORPUS / "corpus.json").read_text("utf-8"))
EXPECTED_FILE = CORPUS / "expected.json"
EXPECTED: dict[str, Any] = (
    json.loads(EXPECTED_FILE.read_text("utf-8")) if EXPECTED_FILE.exists() else {}
)
REGENERATE = os.environ.get("RESEAU_REGENERATE") == "1"
_KIND = {".vcf": "vcard"}


def _kind(rel: str) -> str:
    return _KIND.get(Path(rel).suffix) or rel.split("/")[0]


def _import(cli: Callable[..., Any], root: Path, rel: str) -> Any:
    args = ["--ledger", str(root), "import", _kind(rel), str(CORPUS / rel)]
    if "encoding" in MANIFEST[rel]:
        args += ["--encoding", MANIFEST[rel]["encoding"]]
    return cli(*args)


def _contacts(root: Path) -> dict[str, Any]:
    folder = root / "contacts"
    if not folder.exists():
        return {}
    return {
        p.name: yaml.safe_load(p.read_text("utf-8"))
        for p in sorted(folder.iterdir())
        if p.suffix == ".yaml"
    }


def _reported(err: str, rel: str) -> list[str]:
    name = Path(rel).name
    lines = []
    for line in err.splitlines():
        line = line.removeprefix("reseau: ")
        line = line.replace(str(CORPUS / rel), name)
        lines.append(line.removeprefix(f"{name}: "))
    return lines


def _result(cli: Callable[..., Any], root: Path, rel: str) -> dict[str, Any]:
    first = _import(cli, root, rel)
    assert first.code in (0, 2), first.err
    return {
        "client": MANIFEST[rel]["client"],
        "contacts": json.loads(json.dumps(_contacts(root), default=str)),
        "reported": _reported(first.err, rel),
    }


@pytest.mark.parametrize("rel", sorted(MANIFEST))
def test_real_export_imports_exactly_and_idempotently(
    rel: str, make_ledger: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    root = make_ledger({})
    result = _result(cli, root, rel)
    if REGENERATE:
        EXPECTED[rel] = result
        EXPECTED_FILE.write_text(
            json.dumps(dict(sorted(EXPECTED.items())), indent=1, ensure_ascii=False) + "\n",
            "utf-8",
        )
    assert result == EXPECTED[rel]
    snapshot = {p: p.read_bytes() for p in (root / "contacts").glob("*.yaml")}
    second = _import(cli, root, rel)
    assert {p: p.read_bytes() for p in (root / "contacts").glob("*.yaml")} == snapshot
    if snapshot:
        assert second.out.startswith("nothing to import"), second.out
    check = cli("--ledger", str(root), "check", "--format", "json")
    problems = json.loads(check.out)["problems"]
    assert [p for p in problems if p["rule"][0] in "YSL" and p["level"] == "error"] == [], problems


def _cards(rel: str) -> int:
    data = (CORPUS / rel).read_bytes().removeprefix(b"\xef\xbb\xbf")
    for encoding in ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ():
        data = data.decode(encoding).encode("utf-8")
    return len(re.findall(rb"(?im)^\s*begin\s*:\s*vcard\s*$", data)) - len(
        re.findall(rb"(?im)^agent:\s*\r?\n\s*begin:vcard", data)
    )


def test_corpus_summary_no_silent_loss() -> None:
    """Every card becomes a contact with its name whole, or is reported with its line."""
    clients = {entry["client"] for entry in MANIFEST.values()}
    cards = imported = reported = 0
    for rel, result in EXPECTED.items():
        count = _cards(rel)
        skipped = sum(r.count("; skipped") for r in result["reported"])
        named = len(result["contacts"])
        assert named + skipped <= count, rel  # a card that is neither is lost
        cards, reported, imported = cards + count, reported + skipped, imported + named
        assert all(c["name"].strip() for c in result["contacts"].values())
    summary = (
        f"{len(EXPECTED)} files from {len(clients)} clients/sources: {cards} cards, "
        f"{imported} contacts created, {reported} reported with file and line, "
        f"{cards - imported - reported} merged into a contact made from another card of the file"
    )
    print(summary)
    assert len(EXPECTED) >= 60 and len(clients) >= 8
    assert cards - imported - reported >= 0
