"""Output formats for problems: pure functions from problems to text."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from reseau.problems import Problem

GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def text(problems: Iterable[Problem]) -> str:
    return "".join(
        f"{p.path}:{p.line}:{p.column}: {p.level} {p.rule} {p.name}: {p.message}\n"
        for p in problems
    )


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Iterable[Problem], prefix: str = "") -> str:
    """GitHub Actions workflow commands; prefix is the ledger's folder in the repository."""
    return "".join(
        f"::{GITHUB_LEVELS[p.level]} file={_gh_property(prefix + p.path)},line={p.line},"
        f"col={p.column},title={_gh_property(f'{p.rule} {p.name}')}::{_gh_data(p.message)}\n"
        for p in problems
    )


def summary(problems: Sequence[Problem], files: int) -> dict[str, int]:
    return {
        "files": files,
        "errors": sum(p.level == "error" for p in problems),
        "warnings": sum(p.level == "warning" for p in problems),
        "info": sum(p.level == "info" for p in problems),
    }


def as_json(problems: Sequence[Problem], files: int) -> str:
    document = {"problems": [p.as_dict() for p in problems], "summary": summary(problems, files)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
