"""Rule options have one source, the rule module's OPTIONS: what else states them agrees.

The settings schema (its per-rule blocks and `$defs/rule`), the rule's own documentation
(`reseau rules ID`), the reseau.yaml that `reseau init` writes and the README's rule table
all repeat the defaults for the reader; this test fails when one of them drifts.
"""

from __future__ import annotations

import json
import re

import yaml

from reseau.rules import RULES
from tests.conftest import ROOT

SETTINGS = json.loads((ROOT / "schema" / "settings.schema.json").read_text(encoding="utf-8"))
WITH_OPTIONS = {rid: rule for rid, rule in RULES.items() if rule.OPTIONS}


def test_the_settings_schema_has_a_block_for_each_rule_with_options() -> None:
    blocks = SETTINGS["properties"]["rules"]["properties"]
    assert set(blocks) == set(WITH_OPTIONS)
    for rid, rule in WITH_OPTIONS.items():
        block = blocks[rid]
        assert block["description"].startswith(f"{rule.NAME}. ")
        assert set(block["properties"]) == set(rule.OPTIONS)
        for key, value in rule.OPTIONS.items():
            assert block["properties"][key]["default"] == value, (rid, key)
            assert block["properties"][key]["description"].endswith(f" Default {value}."), (
                rid,
                key,
            )


def test_the_settings_schema_validates_every_option() -> None:
    entry = SETTINGS["$defs"]["rule"]["properties"]
    options = {key for rule in RULES.values() for key in rule.OPTIONS}
    assert set(entry) - {"level"} == options
    for rid, rule in WITH_OPTIONS.items():
        for key, value in rule.OPTIONS.items():
            assert isinstance(value, int) and entry[key]["type"] == "integer"
            assert entry[key]["minimum"] <= value <= entry[key]["maximum"]
            assert re.search(rf"\b{rid}: [^;)]*\bdefault {value}\b", entry[key]["description"]), (
                rid,
                key,
            )


def test_each_rule_documents_its_defaults() -> None:
    for rid, rule in WITH_OPTIONS.items():
        doc = " ".join((rule.__doc__ or "").split())
        for key, value in rule.OPTIONS.items():
            assert f"`{key}` ({value})" in doc, (rid, key)


def test_the_init_template_writes_the_defaults() -> None:
    template = yaml.safe_load((ROOT / "reseau" / "_templates" / "reseau.yaml").read_text("utf-8"))
    for rid, rule in WITH_OPTIONS.items():
        assert template["rules"][rid] == rule.OPTIONS, rid


def test_the_readme_and_schemas_quote_the_defaults() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rid, rule in WITH_OPTIONS.items():
        row = next(line for line in readme.splitlines() if line.startswith(f"| {rid} |"))
        for key, value in rule.OPTIONS.items():
            assert f"`{key}`" not in row or f"`{key}` ({value}" in row, (rid, key)
    # Elsewhere a default is quoted as "R004 `days` (14)".
    texts = [readme] + [p.read_text("utf-8") for p in sorted((ROOT / "schema").glob("*.json"))]
    quoted = [m for text in texts for m in re.findall(r"\b([LR][0-9]{3}) `(\w+)` \((\d+)\)", text)]
    assert quoted
    for rid, key, value in quoted:
        assert RULES[rid].OPTIONS[key] == int(value), (rid, key)
