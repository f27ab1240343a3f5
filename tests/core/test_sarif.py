"""`reseau check --format sarif`: valid SARIF 2.1.0 (against the published schema), one run,
every check described, every problem located."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema

from reseau import formats
from reseau.commands.rules import descriptors
from reseau.problems import FILE_CHECKS, Problem
from reseau.rules import RULES
from tests.conftest import STORY, Result

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text(
        encoding="utf-8"
    )
)


def validate(document: object) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_story_log_is_valid_sarif(cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(STORY), "check", "--as-of", "2016-06-30", "--format", "sarif")
    assert result.code == 1 and result.err == ""
    log = json.loads(result.out)
    validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(
        [*FILE_CHECKS, *RULES], key=lambda r: ("YSLR".index(r[0]), r)
    )
    r005 = rules[[r["id"] for r in rules].index("R005")]
    assert r005["name"] == "referrer-not-informed"
    assert "tenir au courant" in r005["help"]["text"] and "FAIL" in r005["help"]["text"]
    assert r005["fullDescription"]["text"].startswith("Whoever introduced you vouched for you")
    assert r005["defaultConfiguration"] == {"level": "warning"}
    text = cli("--ledger", str(STORY), "check", "--as-of", "2016-06-30", "--verbose").out
    assert len(run["results"]) == len(text.splitlines())  # info included, as in JSON
    for result_ in run["results"]:
        assert rules[result_["ruleIndex"]]["id"] == result_["ruleId"]
        where = result_["locations"][0]["physicalLocation"]
        uri = where["artifactLocation"]["uri"]
        prefix = os.path.relpath(STORY).replace(os.sep, "/") + "/"  # the ledger, from here
        assert uri.startswith(prefix) and f"\n{uri.removeprefix(prefix)}:" in f"\n{text}"
        assert where["region"]["startLine"] >= 1 and where["region"]["startColumn"] >= 1
    assert {r["level"] for r in run["results"]} <= {"error", "warning", "note"}


def test_levels_paths_and_unusual_text() -> None:
    problems = [
        Problem("contacts/hélène dupré.yaml", 3, 7, "S001", "schema", "error", "a\nb \x1b"),
        Problem("interactions/x.yaml", 1, 1, "R009", "reconnect", "info", "long ago"),
        Problem("reseau.yaml", 0, 0, "X999", "unknown", "warning", "no such rule"),
    ]
    log = json.loads(formats.sarif(problems, descriptors(), "0.1.0", "network/"))
    validate(log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "note", "warning"]
    assert results[0]["message"]["text"] == "a\nb \x1b"  # JSON's own escaping
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "network/contacts/h%C3%A9l%C3%A8ne%20dupr%C3%A9.yaml"
    assert "ruleIndex" not in results[2]
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 1,
    }


def test_empty_ledger_is_valid_sarif() -> None:
    log = json.loads(formats.sarif([], descriptors(), "0.1.0"))
    validate(log)
    assert log["runs"][0]["results"] == []
