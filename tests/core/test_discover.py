"""Listing a work tree: every file classify() reads, with its kind, sorted."""

from __future__ import annotations

import os
from pathlib import Path

from reseau.discover import LedgerFile, WorkTree, classify

TREE = [
    "reseau.yaml",
    "notes.yaml",
    "README.md",
    ".hidden.yaml",
    "contacts/a.yaml",
    "contacts/b.yml",
    "contacts/c.txt",
    "contacts/.d.yaml",
    "contacts/sub/e.yaml",
    "contacts/.git/f.yaml",
    "interactions/2016/2016-04-04-call-a.yaml",
    "interactions/2016/deep/x.yaml",
    "interactions/.cache/g.yaml",
    "opportunities/o.yaml",
    "reports/2016-W14.yaml",
    "schema/contact.yaml",
    "node_modules/p/q.yaml",
    "venv/r.yaml",
    "misc/s.yaml",
    "misc/t/u.yaml",
    ".github/workflows/v.yaml",
]


def test_the_listing_is_what_classify_says(tmp_path: Path) -> None:
    for rel in TREE:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("name: x\n", encoding="utf-8")
    expected = sorted(
        (LedgerFile(rel, kind) for rel in TREE if (kind := classify(rel)) is not None),
        key=lambda f: f.path,
    )
    assert WorkTree(tmp_path).list() == expected
    assert [(f.path, f.kind) for f in expected] == [
        ("contacts/a.yaml", "contact"),
        ("contacts/b.yml", "contact"),
        ("contacts/sub/e.yaml", "contact"),
        ("interactions/2016/2016-04-04-call-a.yaml", "interaction"),
        ("interactions/2016/deep/x.yaml", "interaction"),
        ("misc/s.yaml", "unknown"),
        ("misc/t/u.yaml", "unknown"),
        ("opportunities/o.yaml", "opportunity"),
        ("reseau.yaml", "settings"),
    ]
    assert expected[0].stem == "a" and expected[3].stem == "2016-04-04-call-a"


def test_a_link_out_of_the_ledger_is_outside(tmp_path: Path) -> None:
    ledger, elsewhere = tmp_path / "ledger", tmp_path / "elsewhere.yaml"
    (ledger / "contacts").mkdir(parents=True)
    elsewhere.write_text("name: x\n", encoding="utf-8")
    (ledger / "contacts" / "inside.yaml").write_text("name: y\n", encoding="utf-8")
    os.symlink(elsewhere, ledger / "contacts" / "out.yaml")
    os.symlink(ledger / "contacts" / "inside.yaml", ledger / "contacts" / "alias.yaml")
    assert [(f.path, f.kind) for f in WorkTree(ledger).list()] == [
        ("contacts/alias.yaml", "contact"),
        ("contacts/inside.yaml", "contact"),
        ("contacts/out.yaml", "outside"),
    ]
