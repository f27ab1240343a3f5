"""The user reference in docs/ keeps up with the code: every rule, every command, no outside links."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from reseau.cli import cli
from reseau.problems import FILE_CHECKS
from reseau.rules import RULES
from tests.conftest import ROOT

DOCS = ROOT / "docs"
CHECKS = {rid: name for rid, (name, _level) in FILE_CHECKS.items()} | {
    rid: module.NAME for rid, module in RULES.items()
}
KNOWN_OUTSIDE: dict[str, str] = {}  # pages allowed to name something outside the repository


def headings_and_rows(text: str) -> list[str]:
    """The Markdown headings and table rows of a page, outside code blocks."""
    lines = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S).splitlines()
    return [line for line in lines if re.match(r"#{1,6} |\|", line)]


@pytest.mark.parametrize("rule_id", sorted(CHECKS))
def test_every_rule_is_documented_with_its_name(rule_id: str) -> None:
    name = CHECKS[rule_id]
    lines = headings_and_rows((DOCS / "rules.md").read_text(encoding="utf-8"))
    pattern = re.compile(rf"\b{rule_id}\b.*\b{re.escape(name)}\b")
    assert any(pattern.search(line) for line in lines), (
        f"docs/rules.md has no heading or table row naming {rule_id} {name}"
    )


def command_names() -> list[str]:
    """`check`, `hooks`, `hooks install`, …: every command and subcommand on `reseau`."""
    names = []
    for name, command in sorted(cli.commands.items()):
        names.append(name)
        if isinstance(command, click.Group):
            names += [f"{name} {sub}" for sub in sorted(command.commands)]
    return names


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_a_section_in_cli_md(command: str) -> None:
    headings = [
        line
        for line in headings_and_rows((DOCS / "cli.md").read_text(encoding="utf-8"))
        if line.startswith("#")
    ]
    assert any(re.search(rf"\breseau {command}\b", line) for line in headings), (
        f"docs/cli.md has no heading for `reseau {command}`"
    )


def pages() -> list[Path]:
    return [*sorted(p for p in DOCS.rglob("*") if p.is_file()), ROOT / "README.md"]


def page_param(path: Path) -> object:
    rel = path.relative_to(ROOT).as_posix()
    marks = [pytest.mark.xfail(reason=KNOWN_OUTSIDE[rel])] if rel in KNOWN_OUTSIDE else []
    return pytest.param(path, id=rel, marks=marks)


@pytest.mark.parametrize("page", [page_param(p) for p in pages()])
def test_pages_send_the_reader_nowhere_outside_the_repository(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "shared/DESIGN" not in text, f"{page.name} names shared/DESIGN"
    assert "](../" not in text, f"{page.name} links outside the repository"
