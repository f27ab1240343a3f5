"""`reseau rules [ID]`: the catalogue, and one rule's documentation."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, TextIO

from reseau import formats
from reseau.errors import FatalError
from reseau.i18n import ENGLISH, Translator, msg
from reseau.rules import RULES
from reseau.rules.file_checks import DOCS

if TYPE_CHECKING:
    from reseau.commands.common import Env


def texts() -> dict[str, str]:
    """Every check's documentation in English, by id: the rule modules' docstrings and the
    file checks' DOCS. Each is a msgid of the catalogue (tests/i18n), translated whole."""
    found = {rid: doc.rstrip() for rid, (_name, _level, doc) in DOCS.items()}
    for rid, module in RULES.items():
        found[rid] = inspect.getdoc(module) or ""
    return found


def catalogue(tr: Translator = ENGLISH) -> list[tuple[str, str, str, str]]:
    """(id, name, level, first line of the doc) for every check, in id order."""
    rows = []
    for rid, doc in texts().items():
        name, level = (
            (DOCS[rid][0], DOCS[rid][1])
            if rid in DOCS
            else (
                RULES[rid].NAME,
                RULES[rid].LEVEL,
            )
        )
        first = tr.gettext(doc).splitlines()[0]
        rows.append((rid, name, level, first[len(f"{rid} {name}") :].lstrip(" :—")))
    order = {"Y": 0, "S": 1, "L": 2, "R": 3}
    return sorted(rows, key=lambda r: (order[r[0][0]], r[0]))


def documentation(rule_id: str, tr: Translator = ENGLISH) -> str | None:
    """What `reseau rules ID` prints for a rule id or name (None when there is no such rule)."""
    wanted = rule_id.upper()
    if wanted in DOCS:
        return tr.gettext(texts()[wanted]) + "\n"
    module = RULES.get(wanted)
    if module is None:
        by_name = {m.NAME: m for m in RULES.values()}
        module = by_name.get(rule_id)
    if module is None:
        return None
    doc = inspect.getdoc(module) or ""
    text = (tr.gettext(doc) if doc else doc) + "\n\n"
    text += tr("Level: {level}.", level=module.LEVEL)
    if module.OPTIONS:
        opts = tr.gettext(", ").join(
            tr("{option} (default {value})", option=k, value=v) for k, v in module.OPTIONS.items()
        )
        text += " " + tr(
            "Options in reseau.yaml under rules.{id}: {options}.", id=module.ID, options=opts
        )
    return text + "\n"


def descriptors() -> list[formats.RuleDoc]:
    """Every check, for SARIF's rule list: id, name, level, summary and documentation."""
    return [
        formats.RuleDoc(rid, name, level, summary, documentation(rid) or summary)
        for rid, name, level, summary in catalogue()
    ]


def run(rule_id: str | None, out: TextIO, env: Env | None = None) -> int:
    """The catalogue, or one rule's documentation, in the language of --lang, else of the
    ledger's reseau.yaml when there is one, else of the locale."""
    tr = ENGLISH
    if env is not None:
        from reseau.commands.common import error_translator

        tr = error_translator(env.lang, env.ledger, env.cwd)
    if rule_id is None:
        for rid, name, level, summary in catalogue(tr):
            out.write(f"{rid}  {name:<23} {level:<8} {summary}\n")
        return 0
    text = documentation(rule_id, tr)
    if text is None:
        raise FatalError(msg("no rule {rule_id}: `reseau rules` lists them", rule_id=repr(rule_id)))
    out.write(text)
    return 0
