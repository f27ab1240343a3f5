"""Problems: positioned findings about ledger files, the values every stage returns."""

from __future__ import annotations

from typing import Literal

import msgspec

from reseau.i18n import ENGLISH, Msg, Translator

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


class Problem(msgspec.Struct, frozen=True, order=True, array_like=True, gc=False):
    """One problem, located at a 1-based line and column of a ledger file (stored by
    reseau.cache as the list of its fields)."""

    path: str
    line: int
    column: int
    rule: str
    name: str
    level: Level
    message: str  # in English: the JSON contract, sorting, the tests
    msg: Msg | None = None  # the same message in no language yet, to translate when shown

    def text(self, tr: Translator = ENGLISH) -> str:
        """The message in tr's language."""
        return self.message if self.msg is None or tr.lang == "en" else tr.render(self.msg)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "name": self.name,
            "level": self.level,
            "message": self.message,
        }


# Names of the file-level checks, which are not rule modules.
FILE_CHECKS: dict[str, tuple[str, Level]] = {
    "Y001": ("yaml-syntax", "error"),
    "Y002": ("duplicate-key", "error"),
    "S001": ("schema", "error"),
}


def file_problem(path: str, rule: str, line: int, column: int, message: str | Msg) -> Problem:
    """A Y001/Y002/S001 problem, named and levelled from FILE_CHECKS."""
    name, level = FILE_CHECKS[rule]
    if isinstance(message, Msg):
        return Problem(path, line, column, rule, name, level, ENGLISH.render(message), message)
    return Problem(path, line, column, rule, name, level, message)


def sort_key(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.path, problem.line, problem.column, problem.rule, problem.message)


# Most urgent first among a level: a promise made, a referral waiting, people owed news, a
# next step, then the rest — the order of the hook's summary and of GitHub annotations.
URGENCY = ("R006", "R004", "R005", "R007", "R002", "R003", "R001", "R008", "R009")
_LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


def urgency(problem: Problem) -> tuple[int, int, str, str, int, int]:
    """Errors first, then warnings, then info; within a level by URGENCY (other rules after,
    by id), then older files first (interaction files are named by date)."""
    rank = URGENCY.index(problem.rule) if problem.rule in URGENCY else len(URGENCY)
    return (
        _LEVEL_ORDER[problem.level],
        rank,
        problem.rule,
        problem.path,
        problem.line,
        problem.column,
    )
