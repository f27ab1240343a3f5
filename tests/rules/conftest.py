"""Fixtures for the rule tests: build a ledger, check it as of a day, keep one rule's problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from reseau.engine import check_ledger
from reseau.load import load_ledger
from reseau.problems import Problem

Spot = tuple[str, int, int, str]


@dataclass
class Checked:
    problems: list[Problem]  # the rule's problems, sorted by path and position
    file_problems: list[Problem]  # Y001, Y002, S001 of the ledger

    @property
    def spots(self) -> list[Spot]:
        return [(p.path, p.line, p.column, p.level) for p in self.problems]

    @property
    def messages(self) -> list[str]:
        return [p.message for p in self.problems]


CheckFn = Callable[..., Checked]


@pytest.fixture
def check(make_ledger: Callable[[dict[str, str | bytes]], Path]) -> CheckFn:
    """check(files, as_of, rule, file_problems=False): the problems of one rule (or all, rule=None).

    Ledgers in the tables must be free of Y/S problems unless file_problems is True, so a typo in
    a test's YAML cannot pass for a rule's silence.
    """

    def run(
        files: dict[str, str | bytes], as_of: dt.date, rule: str | None, file_problems: bool = False
    ) -> Checked:
        root = make_ledger(files)
        loaded = load_ledger(root)
        if not file_problems:
            assert loaded.problems == [], loaded.problems
        problems = check_ledger(loaded.ledger, loaded.problems, as_of)
        return Checked([p for p in problems if rule is None or p.rule == rule], loaded.problems)

    return run
