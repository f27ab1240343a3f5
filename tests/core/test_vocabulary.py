"""The schemas' enums are the one source of the CLI's choices and the words built on them;
and building the CLI from them keeps `reseau --version` and `--help` light."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import click
import pytest

from reseau.cli import cli
from reseau.dates import WEEKDAYS
from reseau.present import _EN_WEEKDAYS as WEEKDAY_NAMES
from reseau.present import CHANNEL_WORDS, ITEM_WORDS, STAGE_WORDS
from reseau.schema import enum, load_schema

# The records each writing command creates (its options are named after their fields).
WRITES = {"add": "contact", "log": "interaction", "set": "contact", "held": "interaction"}
# Choices of a nested field: (command, option) -> the opportunity schema's pointer.
STAGE = "/properties/stages/items/properties/stage"
NESTED = {("add", "stage"): STAGE, ("stage", "stage"): STAGE}  # opp add, opp stage
# The commands that filter records by a field (their options are named after the fields).
FILTERS = {"ls": "contact"}


def _enums(node: Any) -> list[tuple[str, ...]]:
    """Every enum below a schema node."""
    if isinstance(node, dict):
        found = [tuple(node["enum"])] if "enum" in node else []
        return found + [e for value in node.values() for e in _enums(value)]
    if isinstance(node, list):
        return [e for value in node for e in _enums(value)]
    return []


def test_a_choice_named_after_a_field_offers_exactly_its_schema_enum() -> None:
    seen = 0
    for name, kind in WRITES.items():
        properties = load_schema(kind)["properties"]
        command = cli.commands[name]
        for param in command.params:
            if not isinstance(param.type, click.Choice) or param.name not in properties:
                continue
            assert [tuple(param.type.choices)] == _enums(properties[param.name]), param.name
            seen += 1
    # add: relation; log: channel, initiated_by, ask, gave, received; set: relation, status;
    # held: ask, gave, received
    assert seen == 11


def test_a_filter_named_after_a_field_offers_exactly_its_schema_enum() -> None:
    for name, kind in FILTERS.items():
        properties = load_schema(kind)["properties"]
        choices = {
            p.name: tuple(p.type.choices)
            for p in cli.commands[name].params
            if isinstance(p.type, click.Choice) and p.name in properties
        }
        assert choices == {field: _enums(properties[field])[0] for field in ("relation", "status")}


def test_no_other_option_takes_a_schema_enum_by_hand() -> None:
    """A Choice elsewhere that repeats a schema's enum should read it from the schema."""
    everything = {
        e for kind in ("contact", "interaction", "opportunity") for e in _enums(load_schema(kind))
    }

    def commands(group: click.Group) -> list[click.Command]:
        found: list[click.Command] = []
        for command in group.commands.values():
            found += commands(command) if isinstance(command, click.Group) else [command]
        return found

    for command in commands(cli):
        for param in command.params:
            if (command.name, param.name) in NESTED:
                wanted = enum("opportunity", NESTED[(str(command.name), str(param.name))])
                assert tuple(param.type.choices) == wanted  # type: ignore[attr-defined]
                continue
            if isinstance(param.type, click.Choice) and command.name not in {*WRITES, *FILTERS}:
                assert tuple(param.type.choices) not in everything, (command.name, param.name)


def test_the_words_cover_every_value() -> None:
    """Every value has its word in the catalogue (tests/i18n checks it is translated)."""
    stages = enum("opportunity", "/properties/stages/items/properties/stage")
    assert tuple(STAGE_WORDS) == stages
    assert tuple(CHANNEL_WORDS) == enum("interaction", "/properties/channel")
    items = {"referral", "promise"}  # a kept promise, counted as given (Reciprocity)
    items |= set(enum("interaction", "/properties/gave/items"))
    items |= set(enum("interaction", "/properties/received/items/oneOf/0"))
    assert set(ITEM_WORDS) == items


def test_week_starts_names_the_weekdays_in_calendar_order() -> None:
    names = enum("settings", "/properties/week_starts")
    assert [WEEKDAYS[name] for name in names] == list(range(7))  # what --date accepts
    assert names == tuple(day.lower() for day in WEEKDAY_NAMES)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["log", "--help"]])
def test_the_cli_starts_without_jsonschema_or_yaml(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "reseau", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "click" in imported and "json" in imported
    assert imported.isdisjoint({"jsonschema", "yaml", "ruamel", "git"})
