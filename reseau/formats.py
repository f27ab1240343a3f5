"""Output formats for problems: pure functions from problems to text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple
from urllib.parse import quote

from reseau.i18n import ENGLISH, Translator
from reseau.problems import LEVELS, Problem, urgency

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
    # Most text holds none: searching is much cheaper than a sub that replaces nothing.
    return pattern.sub(_escaped, value) if pattern.search(value) else value


def text(problems: Iterable[Problem], tr: Translator = ENGLISH) -> str:
    """`path:line:col: level rule name: message`, one line per problem whatever it holds; the
    message in tr's language (level, rule and name are identifiers, never translated)."""
    return "".join(
        f"{escape(p.path)}:{p.line}:{p.column}: {p.level} {p.rule} {p.name}: {escape(p.text(tr))}\n"
        for p in problems
    )


def _gh_data(value: str) -> str:
    # GitHub's own escaping covers %, CR and LF only; other controls (an ANSI or OSC sequence
    # the Actions log would interpret) are shown escaped, as in text output.
    value = "\r".join(escape(part, keep_newlines=True) for part in value.split("\r"))
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most this many annotations of each level per step; the rest are only in
# the log (docs.github.com, "Workflow commands": "a maximum of 10 error annotations ...").
GITHUB_SHOWN = 10


def github(problems: Iterable[Problem], prefix: str = "") -> str:
    """GitHub Actions workflow commands, most urgent first, so that the ones GitHub shows
    (GITHUB_SHOWN of each level) are those that matter; then a notice that says how many
    the step does not show. prefix is the ledger's folder in the repository."""
    ordered = sorted(problems, key=urgency)
    lines = [
        f"::{GITHUB_LEVELS[p.level]} file={_gh_property(prefix + p.path)},line={p.line},"
        f"col={p.column},title={_gh_property(f'{p.rule} {p.name}')}::{_gh_data(p.message)}\n"
        for p in ordered
    ]
    counts = {level: sum(p.level == level for p in ordered) for level in LEVELS}
    words = {
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "info": ("info", "info"),
    }
    hidden = []
    for level, count in counts.items():
        room = GITHUB_SHOWN - 1 if level == "info" else GITHUB_SHOWN  # the notice below is one
        if count > room:
            one, many = words[level]
            hidden.append(f"{count - room} of {count} {one if count == 1 else many}")
    if hidden:
        lines.append(
            f"::notice title={_gh_property('reseau check: more problems')}::"
            + _gh_data(
                f"GitHub shows {GITHUB_SHOWN} annotations of each level per step: "
                f"{_and(hidden)} are not shown here (the most urgent are). "
                "The step's log lists them all; `reseau check` prints them too."
            )
            + "\n"
        )
    return "".join(lines)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


GITLAB_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def gitlab(problems: Iterable[Problem], prefix: str = "") -> str:
    """A GitLab Code Quality report (the Code Climate subset GitLab reads): one issue per
    problem, with a fingerprint stable across runs for the same problem."""
    import hashlib

    issues = []
    for p in problems:
        key = "\0".join((p.rule, prefix + p.path, str(p.line), str(p.column), p.message))
        issues.append(
            {
                "description": f"{p.rule} {p.name}: {p.message}",
                "check_name": f"{p.rule} {p.name}",
                "fingerprint": hashlib.sha256(key.encode()).hexdigest(),
                "severity": GITLAB_SEVERITIES[p.level],
                "location": {"path": prefix + p.path, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def summary(problems: Sequence[Problem], files: int) -> dict[str, int]:
    return {
        "files": files,
        "errors": sum(p.level == "error" for p in problems),
        "warnings": sum(p.level == "warning" for p in problems),
        "info": sum(p.level == "info" for p in problems),
    }


def as_json(problems: Sequence[Problem], files: int, tr: Translator = ENGLISH) -> str:
    """The JSON contract; `message` in tr's language (English unless --lang or reseau.yaml's
    `lang` asks for another: scripts read it)."""
    rows = [{**p.as_dict(), "message": p.text(tr)} for p in problems]
    document = {"problems": rows, "summary": summary(problems, files)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


class RuleDoc(NamedTuple):
    """A check as SARIF describes it: `reseau rules` gives the summary and the documentation."""

    id: str
    name: str
    level: str
    summary: str
    help: str


def _explanation(rule: RuleDoc) -> str:
    """The first paragraph of a rule's documentation that explains it (not its title line,
    a quotation or an example), on one line."""
    for paragraph in rule.help.split("\n\n")[1:]:
        if paragraph.strip() and not paragraph.lstrip().startswith((">", "PASS", "FAIL")):
            return " ".join(paragraph.split())
    return rule.summary


def sarif(
    problems: Iterable[Problem], rules: Sequence[RuleDoc], version: str, prefix: str = ""
) -> str:
    """A SARIF 2.1.0 log of one run: every check in tool.driver.rules (its documentation as
    help), every problem a result located in its file; prefix is the ledger's folder in the
    repository, so that locations are relative to the repository's top (%SRCROOT%)."""
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = []
    for p in problems:
        result: dict[str, object] = {"ruleId": p.rule}
        if p.rule in index:
            result["ruleIndex"] = index[p.rule]
        result["level"] = SARIF_LEVELS[p.level]
        result["message"] = {"text": p.message}
        location = {
            "artifactLocation": {"uri": quote(prefix + p.path), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(p.line, 1), "startColumn": max(p.column, 1)},
        }
        result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    driver = {
        "name": "reseau",
        "version": version,
        "semanticVersion": version,
        "rules": [
            {
                "id": rule.id,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": _explanation(rule)},
                "help": {"text": rule.help},
                "defaultConfiguration": {"level": SARIF_LEVELS.get(rule.level, "warning")},
                "properties": {"tags": ["integrity" if rule.id[0] in "YSL" else "method"]},
            }
            for rule in rules
        ],
    }
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
