"""The example ledger is clean at its documented date; each broken variant shows its one rule."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT, STORY, STORY_AS_OF, run_cli, write_files

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "broken").glob("*.yaml"))


def test_story_readme_states_the_as_of_date() -> None:
    text = (STORY / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^As-of date: {STORY_AS_OF}$", text, re.M)


def test_story_is_clean_at_its_date() -> None:
    result = run_cli(
        "--ledger", str(STORY), "check", "--as-of", STORY_AS_OF, "--verbose", "--strict"
    )
    assert (result.code, result.out, result.err) == (0, "", "")


def load_fixture(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_broken_variant_yields_exactly_its_rule(fixture: Path, tmp_path: Path) -> None:
    spec = load_fixture(fixture)
    ledger = tmp_path / "story"
    shutil.copytree(STORY, ledger)
    for rel in spec.get("delete") or []:
        (ledger / rel).unlink()
    write_files(ledger, {rel: content for rel, content in (spec.get("files") or {}).items()})
    result = run_cli(
        "--ledger", str(ledger), "check", "--as-of", str(spec["as_of"]), "--format", "json"
    )
    found = [
        (p["path"], p["line"], p["column"], p["rule"], p["level"])
        for p in json.loads(result.out)["problems"]
    ]
    expected = [(e["path"], e["line"], e["column"], e["rule"], e["level"]) for e in spec["expect"]]
    assert found == expected
    assert {rule for *_, rule, _ in found} == {fixture.stem}
    assert result.code == (1 if any(level == "error" for *_, level in found) else 0)


def test_there_is_a_broken_variant_for_every_check() -> None:
    from reseau.rules import RULES
    from reseau.rules.file_checks import DOCS

    assert {f.stem for f in FIXTURES} == set(RULES) | set(DOCS)
