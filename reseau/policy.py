"""The hook policy (docs/cli.md): which problems refuse a commit, and the short lines of the rest.

`integrity` (the default) refuses a commit only for error-level problems of the Y, S
and L rules: the ledger's integrity. `errors` refuses any error, `warnings` any error
or warning. What does not block is printed on every commit, most urgent first, one
short line each, so the method (R rules) is seen without punishing the person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from reseau.formats import escape
from reseau.i18n import ENGLISH, Translator
from reseau.problems import Problem, urgency

Block = Literal["integrity", "errors", "warnings"]
BLOCKS: tuple[Block, ...] = ("integrity", "errors", "warnings")
DEFAULT_BLOCK: Block = "integrity"
INTEGRITY = ("Y", "S", "L")  # rule id prefixes: files, schemas, links
MAX_LINES = 10
MAX_MESSAGE = 100


def is_integrity(problem: Problem) -> bool:
    return problem.rule.startswith(INTEGRITY)


def blocks(problem: Problem, block: Block) -> bool:
    """Whether this problem refuses a commit under the policy."""
    if block == "warnings":
        return problem.level in ("error", "warning")
    if block == "errors":
        return problem.level == "error"
    return problem.level == "error" and is_integrity(problem)


def blocking(problems: Iterable[Problem], block: Block) -> list[Problem]:
    return [p for p in problems if blocks(p, block)]


def to_do(problems: Iterable[Problem], block: Block) -> list[Problem]:
    """The errors and warnings that do not block, most urgent first (info is left out)."""
    left = [p for p in problems if p.level != "info" and not blocks(p, block)]
    return sorted(left, key=urgency)


def short(problem: Problem, tr: Translator = ENGLISH) -> str:
    """One line: level, rule, where, and the message without its how-to (cut when long)."""
    message = problem.text(tr).split(tr.gettext("; "), 1)[0]
    if len(message) > MAX_MESSAGE:
        # Keep the lateness at the end, "(due 2016-05-06, 55 days late)": cut the words.
        marker = (
            " ("
            + tr.ngettext("due {due}, {n} day late", "due {due}, {n} days late", 1).split("{", 1)[0]
        )
        text, paren, tail = message.rpartition(marker)
        tail = paren + tail if text and tail.endswith(")") else ""
        text = text if tail else message
        room = max(MAX_MESSAGE - len(tail) - 1, 20)
        message = (text[:room].rstrip() + "…" if len(text) > room else text) + tail
    return escape(f"{problem.level:<7} {problem.rule} {problem.path}:{problem.line}: {message}")


def summary_lines(
    problems: Sequence[Problem], limit: int = MAX_LINES, tr: Translator = ENGLISH
) -> list[str]:
    """The short lines of problems already in urgency order: at most limit, then how many more."""
    lines = [short(p, tr) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(tr("… and {n} more: reseau agenda", n=tr.number(len(problems) - limit)))
    return lines


def summary(
    problems: Sequence[Problem], block: Block, limit: int = MAX_LINES, tr: Translator = ENGLISH
) -> str:
    """What is left to do, as printed on every commit (empty when nothing is left)."""
    left = to_do(problems, block)
    if not left:
        return ""
    head = tr.ngettext(
        "reseau: {n} thing to do (they do not block commits), most urgent first:",
        "reseau: {n} things to do (they do not block commits), most urgent first:",
        len(left),
    ).format(n=tr.number(len(left)))
    return head + "\n" + "".join(f"  {line}\n" for line in summary_lines(left, limit, tr))


def parse_block(value: object) -> Block | None:
    """A policy name from reseau.yaml or the environment; None when it is not one."""
    for block in BLOCKS:
        if value == block:
            return block
    return None
