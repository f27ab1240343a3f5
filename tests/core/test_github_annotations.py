"""`reseau check --format github`, read back as the Actions runner reads workflow commands:
errors first, then warnings by urgency, and a notice when GitHub would hide some."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reseau import formats
from reseau.problems import Problem
from tests.conftest import STORY, Result

# The runner's syntax (actions/runner ActionCommand, actions/toolkit command.ts):
# `::name key=value,key=value::data`; in data %25 %0D %0A, in properties also %3A %2C.
COMMAND = re.compile(r"^::(?P<name>[A-Za-z-]+)(?: (?P<props>[^:]*(?:%3A[^:]*)*))?::(?P<data>.*)$")


def unescape_data(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(value: str) -> str:
    return unescape_data(value.replace("%3A", ":").replace("%2C", ","))


@dataclass
class Annotation:
    level: str
    properties: dict[str, str]
    message: str


def parse(stream: str) -> list[Annotation]:
    found = []
    for line in stream.splitlines():
        match = COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        properties = {}
        for pair in (match["props"] or "").split(","):
            if pair:
                key, _, value = pair.partition("=")
                properties[key] = unescape_property(value)
        found.append(Annotation(match["name"], properties, unescape_data(match["data"])))
    return found


def problem(level: str, rule: str, path: str, message: str = "m") -> Problem:
    return Problem(path, 1, 1, rule, rule.lower(), level, message)  # type: ignore[arg-type]


def big_ledger() -> list[Problem]:
    """24 errors and 350 warnings, as on a large ledger, in path order."""
    problems = [problem("error", "S001", f"contacts/c{i:03}.yaml") for i in range(20)]
    problems += [
        problem("error", "R006", f"interactions/2016/2016-01-{i:02}-x.yaml") for i in range(1, 5)
    ]
    problems += [problem("warning", "R008", f"interactions/2015/a{i:03}.yaml") for i in range(300)]
    problems += [problem("warning", "R005", f"opportunities/o{i:02}.yaml") for i in range(30)]
    problems += [problem("warning", "L005", f"interactions/2017/f{i:02}.yaml") for i in range(20)]
    return sorted(problems)


def test_errors_first_then_warnings_by_urgency_then_the_notice() -> None:
    annotations = parse(formats.github(big_ledger(), "network/"))
    levels = [a.level for a in annotations]
    assert levels == ["error"] * 24 + ["warning"] * 350 + ["notice"]
    # the errors of method rules first, in urgency order (R006 before the others)
    assert [a.properties["title"] for a in annotations[:4]] == ["R006 r006"] * 4
    warnings = [a.properties["title"].split()[0] for a in annotations[24:374]]
    assert warnings[:30] == ["R005"] * 30 and warnings[30:330] == ["R008"] * 300
    assert annotations[0].properties["file"] == "network/interactions/2016/2016-01-01-x.yaml"
    notice = annotations[-1]
    assert notice.properties == {"title": "reseau check: more problems"}
    assert "14 of 24 errors and 340 of 350 warnings are not shown" in notice.message
    assert "GitHub shows 10 annotations of each level per step" in notice.message


def test_no_notice_when_everything_is_shown() -> None:
    problems = [problem("error", "S001", f"c{i}.yaml") for i in range(10)]
    problems += [problem("warning", "R008", f"i{i}.yaml") for i in range(10)]
    assert [a.level for a in parse(formats.github(problems))] == ["error"] * 10 + ["warning"] * 10


def test_info_notices_leave_room_for_the_notice() -> None:
    problems = [problem("info", "R009", f"c{i}.yaml") for i in range(10)]
    annotations = parse(formats.github(problems))
    assert annotations[-1].message.startswith("GitHub shows 10 annotations")
    assert "1 of 10 info are not shown" in annotations[-1].message


def test_escaping_survives_the_runners_parser() -> None:
    tricky = Problem("a,b:c%.yaml", 2, 3, "S001", "schema", "error", "50% of a\nb, c: d\r")
    (annotation,) = parse(formats.github([tricky], "led:ger/"))
    assert annotation.properties == {
        "file": "led:ger/a,b:c%.yaml",
        "line": "2",
        "col": "3",
        "title": "S001 schema",
    }
    assert annotation.message == "50% of a\nb, c: d\r"


def test_terminal_controls_are_shown_escaped() -> None:
    """GitHub escapes only %, CR and LF: an ANSI or OSC sequence from the ledger would reach
    the Actions log, which interprets ANSI codes, so it is shown as text there too."""
    sneaky = Problem(
        "a\x1b[2K.yaml", 1, 1, "S001", "schema", "error", "Eve\x1b]52;c;eA==\x07\u202e"
    )
    (annotation,) = parse(formats.github([sneaky]))
    assert annotation.properties["file"] == "a\\x1b[2K.yaml"
    assert annotation.message == "Eve\\x1b]52;c;eA==\\x07\\u202e"


def test_story_through_the_cli(cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(STORY), "check", "--as-of", "2016-06-30", "--format", "github").out
    annotations = parse(out)
    assert [a.level for a in annotations] == ["error"] + ["warning"] * 5
    assert annotations[0].properties["title"] == "R006 promise-overdue"
