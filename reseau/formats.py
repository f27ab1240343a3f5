"""Output formats for problems: pure functions from problems to text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from reseau.problems import Problem

GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


# What a terminal would act on rather than show: C0 controls but tab, DEL, C1 controls, and
# line and paragraph separators, and the bidirectional embeddings, overrides and isolates
# (which can make text read backwards).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def escape(value: str, keep_newlines: bool = False) -> str:
    """`value` safe to print on a terminal, one line (unless keep_newlines): newlines as `\\n`,
    other controls as `\\x1b` or `\\u202e`; tabs and everything printable as they are."""
    pattern = _CONTROL_BUT_NEWLINE if keep_newlines else _CONTROL
    return pattern.sub(_escaped, value)


def text(problems: Iterable[Problem]) -> str:
    """`path:line:col: level rule name: message`, one line per problem whatever it holds."""
    return "".join(
        f"{escape(p.path)}:{p.line}:{p.column}: {p.level} {p.rule} {p.name}: {escape(p.message)}\n"
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
