"""`reseau log --edit`: a commented template in $EDITOR, re-opened with its problems on top
until the record is valid or emptied (like `git commit` and `crontab -e`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from reseau.commands.writing import Prompter
from reseau.i18n import ENGLISH
from reseau.ledger import Ledger
from reseau.schema import enum
from reseau.store import KEY_ORDER
from reseau.yamledit import render

MARK = "# reseau:"
HELP = (
    f"{MARK} record the interaction below, then save and close the editor.",
    f"{MARK} lines starting with '{MARK}' are dropped; delete everything to cancel.",
)


def _choices(pointer: str, *more: str) -> str:
    """`meeting | call | ...`: the values the interaction schema allows there."""
    return " | ".join((*enum("interaction", pointer), *more))


HINTS = {
    "channel": f"# channel: meeting          # {_choices('/properties/channel')}",
    "initiated_by": f"# initiated_by: me         # {_choices('/properties/initiated_by')}",
    "summary": "# summary: what was said, in a sentence",
    "ask": f"# ask: advice               # {_choices('/properties/ask')}",
    "gave": f"# gave: [interest]          # {_choices('/properties/gave/items')}",
    "received": "# received: [advice]        # "
    + _choices("/properties/received/items/oneOf/0", "{referral: contact-id}"),
    "promised": "# promised:\n#   - what: what you promised\n#     due: 2016-01-31",
    "next": "# next:\n#   action: the next occasion to reconnect\n#   due: 2016-01-31",
    "opportunity": "# opportunity: opportunity-id",
    "planned": "# planned: true             # a meeting scheduled in the future",
}


def template(values: dict[str, Any]) -> str:
    """The prefilled record, with commented-out hints for the fields not given yet."""
    shown = dict(values)
    shown.setdefault("with", [])
    lines = list(HELP) + render(shown, KEY_ORDER["interaction"]).rstrip("\n").split("\n")
    for key in KEY_ORDER["interaction"]:
        if key in HINTS and key not in values:
            lines.extend(HINTS[key].split("\n"))
    return "\n".join(lines) + "\n"


def _hint_lines() -> set[str]:
    return {line for hint in HINTS.values() for line in hint.split("\n")}


def cleaned(text: str) -> str:
    """The user's text without reseau's own comment lines (help, hints, problems)."""
    hints = _hint_lines()
    kept = [
        line
        for line in text.replace("\r\n", "\n").split("\n")
        if not line.startswith(MARK) and line.rstrip() not in hints
    ]
    while kept and not kept[0].strip():
        kept.pop(0)
    return "\n".join(kept).rstrip("\n") + "\n"


def is_empty(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.split("\n"))


def problems_of(text: str, offset: int, known: Callable[[dict[str, Any]], list[str]]) -> list[str]:
    """Problems of the edited record; line numbers as the user will see them (after offset)."""
    from reseau.load import read_record

    doc = read_record("interaction", text.encode("utf-8"))
    if doc.problems:
        return [
            f"line {line + offset}, column {column}: {ENGLISH.render(message)}"
            for _rule, line, column, message in doc.problems
        ]
    if not isinstance(doc.value, dict):
        return ["the record must be a mapping (key: value lines)"]
    return known(doc.value)


def edit_interaction(
    ledger: Ledger,
    values: dict[str, Any],
    prompter: Prompter,
    known: Callable[[dict[str, Any]], list[str]],
) -> tuple[dict[str, Any], str] | None:
    """(values, text) once valid, or None when the user emptied the file or did not save."""
    text = template(values)
    while True:
        edited = prompter.edit(text)
        if edited is None:
            return None
        record = cleaned(edited)
        if is_empty(record):
            return None
        header = [f"{MARK} the record has problems; fix them, or delete everything to cancel:"]
        problems = problems_of(record, 0, known)
        if not problems:
            break
        problems = problems_of(record, len(header) + len(problems), known)
        text = "\n".join(header + [f"{MARK}   {p}" for p in problems]) + "\n" + record
    from reseau.load import read_record

    value = read_record("interaction", record.encode("utf-8")).value
    result = dict(value)
    result["date"] = dt.date.fromisoformat(value["date"])
    return result, record
