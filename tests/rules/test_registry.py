"""The rule registry: every rule module listed once, in id order, under its file's id."""

from __future__ import annotations

from pathlib import Path

import reseau.rules
from reseau.rules import MODULES, RULES

RULES_DIR = Path(reseau.rules.__file__).parent


def test_every_rule_module_is_registered_in_id_order() -> None:
    files = sorted(p.stem for p in RULES_DIR.glob("[lr][0-9][0-9][0-9]_*.py"))
    assert [m.__name__.rsplit(".", 1)[1] for m in MODULES] == files
    assert list(RULES) == sorted(RULES) == [f.split("_", 1)[0].upper() for f in files]


def test_each_rule_documents_itself() -> None:
    for rule_id, rule in RULES.items():
        assert rule.ID == rule_id
        assert (rule.__doc__ or "").startswith(f"{rule_id} {rule.NAME}")
        assert rule.LEVEL in ("error", "warning", "info")
