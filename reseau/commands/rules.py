"""`reseau rules [ID]`: the catalogue, and one rule's documentation."""

from __future__ import annotations

import inspect
from typing import TextIO

from reseau import formats
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.rules import RULES
from reseau.rules.file_checks import DOCS


def catalogue() -> list[tuple[str, str, str, str]]:
    """(id, name, level, first line of the doc) for every check, in id order."""
    rows = [
        (rid, name, level, doc.splitlines()[0].split(": ", 1)[1])
        for rid, (name, level, doc) in DOCS.items()
    ]
    for rid, module in RULES.items():
        first = inspect.getdoc(module).splitlines()[0]  # type: ignore[union-attr]
        rows.append(
            (rid, module.NAME, module.LEVEL, first[len(f"{rid} {module.NAME}") :].lstrip(" :—"))
        )
    order = {"Y": 0, "S": 1, "L": 2, "R": 3}
    return sorted(rows, key=lambda r: (order[r[0][0]], r[0]))


def documentation(rule_id: str) -> str | None:
    """What `reseau rules ID` prints for a rule id or name (None when there is no such rule)."""
    wanted = rule_id.upper()
    if wanted in DOCS:
        return DOCS[wanted][2].rstrip() + "\n"
    module = RULES.get(wanted)
    if module is None:
        by_name = {m.NAME: m for m in RULES.values()}
        module = by_name.get(rule_id)
    if module is None:
        return None
    text = (inspect.getdoc(module) or "") + f"\n\nLevel: {module.LEVEL}."
    if module.OPTIONS:
        opts = ", ".join(f"{k} (default {v})" for k, v in module.OPTIONS.items())
        text += f" Options in reseau.yaml under rules.{module.ID}: {opts}."
    return text + "\n"


def descriptors() -> list[formats.RuleDoc]:
    """Every check, for SARIF's rule list: id, name, level, summary and documentation."""
    return [
        formats.RuleDoc(rid, name, level, summary, documentation(rid) or summary)
        for rid, name, level, summary in catalogue()
    ]


def run(rule_id: str | None, out: TextIO) -> int:
    if rule_id is None:
        for rid, name, level, summary in catalogue():
            out.write(f"{rid}  {name:<23} {level:<8} {summary}\n")
        return 0
    text = documentation(rule_id)
    if text is None:
        raise FatalError(msg("no rule {rule_id}: `reseau rules` lists them", rule_id=repr(rule_id)))
    out.write(text)
    return 0
