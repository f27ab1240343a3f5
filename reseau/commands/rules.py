"""`reseau rules [ID]`: the catalogue, and one rule's documentation."""

from __future__ import annotations

import inspect
from typing import TextIO

from reseau.errors import FatalError
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


def run(rule_id: str | None, out: TextIO) -> int:
    if rule_id is None:
        for rid, name, level, summary in catalogue():
            out.write(f"{rid}  {name:<23} {level:<8} {summary}\n")
        return 0
    wanted = rule_id.upper()
    if wanted in DOCS:
        out.write(DOCS[wanted][2].rstrip() + "\n")
        return 0
    module = RULES.get(wanted)
    if module is None:
        by_name = {m.NAME: m for m in RULES.values()}
        module = by_name.get(rule_id)
    if module is None:
        raise FatalError(f"no rule {rule_id!r}: `reseau rules` lists them")
    out.write(inspect.getdoc(module) or "")
    out.write(f"\n\nLevel: {module.LEVEL}.")
    if module.OPTIONS:
        opts = ", ".join(f"{k} (default {v})" for k, v in module.OPTIONS.items())
        out.write(f" Options in reseau.yaml under rules.{module.ID}: {opts}.")
    out.write("\n")
    return 0
