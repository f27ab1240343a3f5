"""The ledger's schema/ copies stay those of the installed reseau: `check` says when they
differ, `init --upgrade` refreshes them; examples/story resolves its modelines."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from reseau.schema import schema_dir, stale_copies
from tests.conftest import STORY, Result

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_check_says_when_a_copy_differs_and_upgrade_restores_it(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = tmp_path / "net"
    assert cli("init", str(root)).code == 0
    assert cli("--ledger", str(root), "check").err == ""
    copy = root / "schema" / "contact.schema.json"
    schema = json.loads(copy.read_text(encoding="utf-8"))
    del schema["properties"]["role"]
    schema["properties"]["nickname"] = {"type": "string"}
    copy.write_text(json.dumps(schema), encoding="utf-8")
    (root / "schema" / "settings.schema.json").unlink()
    checked = cli("--ledger", str(root), "check")
    assert checked.code == 0 and checked.out == ""  # a warning, not a problem of the ledger
    assert checked.err == (
        "reseau: warning: schema/contact.schema.json, schema/settings.schema.json differ from "
        "the schemas of reseau 0.1.0, so your editor checks other rules than `reseau check`: "
        "run `reseau init --upgrade` to refresh them\n"
    )
    upgraded = cli("init", str(root), "--upgrade")
    assert upgraded.code == 0
    lines = upgraded.out.splitlines()
    assert f"updated {root}/schema/contact.schema.json: added role; removed nickname" in lines
    assert f"created {root}/schema/settings.schema.json" in lines
    assert f"up to date {root}/schema/interaction.schema.json" in lines
    assert f"kept {root}/reseau.yaml" in lines
    assert stale_copies(root) == []
    assert copy.read_bytes() == (schema_dir() / "contact.schema.json").read_bytes()
    assert cli("--ledger", str(root), "check").err == ""
    again = cli("init", str(root), "--upgrade").out
    assert "updated" not in again and "created" not in again


def test_a_ledger_without_schema_folder_is_not_warned(tmp_path: Path) -> None:
    (tmp_path / "reseau.yaml").write_text("owner: X\n", encoding="utf-8")
    assert stale_copies(tmp_path) == []


def test_story_ships_the_current_schemas() -> None:
    assert stale_copies(STORY) == []
    shipped = sorted(p.name for p in (STORY / "schema").glob("*.json"))
    assert shipped == sorted(p.name for p in schema_dir().glob("*.schema.json"))


def test_every_story_modeline_resolves() -> None:
    files = [STORY / "reseau.yaml", *sorted(STORY.glob("*/**/*.yaml"))]
    files = [f for f in files if "schema" not in f.relative_to(STORY).parts]
    assert len(files) > 10
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first)
        assert match, f"{path}: no schema modeline"
        target = (path.parent / match[1]).resolve()
        assert target.is_file(), f"{path}: {match[1]} does not resolve"
        json.loads(target.read_text(encoding="utf-8"))
