"""The JSON Schemas: where they live, their enums, and S001 problems positioned at the
offending value.

The CLI imports this module to build its choices from the enums, so importing it reads
JSON and nothing more: jsonschema, YAML and hashing are imported where they are used.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from reseau.dates import impossible, not_a_day

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

    from reseau.parse import ParsedDoc, Path, RawProblem

KINDS = ("contact", "interaction", "opportunity", "settings")


def schema_dir() -> FsPath:
    """The schemas shipped in the wheel, or the checkout's top-level schema/ folder."""
    here = FsPath(__file__).resolve().parent
    packaged = here / "_data" / "schema"
    if packaged.is_dir():
        return packaged
    return here.parent / "schema"


def stale_copies(root: FsPath) -> list[str]:
    """The ledger's schema/ copies (for editors) that differ from the installed schemas, or
    are missing from a schema/ folder that exists: `reseau init --upgrade` refreshes them."""
    folder = root / "schema"
    if not folder.is_dir():
        return []
    stale = []
    for installed in sorted(schema_dir().glob("*.schema.json")):
        try:
            same = (folder / installed.name).read_bytes() == installed.read_bytes()
        except OSError:
            same = False
        if not same:
            stale.append(f"schema/{installed.name}")
    return stale


def schema_file(kind: str) -> FsPath:
    return schema_dir() / f"{kind}.schema.json"


@functools.cache
def load_schema(kind: str) -> dict[str, Any]:
    with open(schema_file(kind), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def enum(kind: str, pointer: str) -> tuple[str, ...]:
    """The values allowed at a JSON pointer of a kind's schema, in the schema's order.

    `enum("interaction", "/properties/channel")`: the one source of the CLI's choices.
    """
    node: Any = load_schema(kind)
    for part in pointer.split("/")[1:]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return tuple(node["enum"])


@functools.cache
def schemas_digest() -> str:
    """A hash of every schema, part of the store's stamp."""
    import hashlib

    digest = hashlib.sha256()
    for kind in KINDS:
        digest.update(schema_file(kind).read_bytes())
    return digest.hexdigest()


@functools.cache
def validator(kind: str) -> Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date", raises=ValueError)(_is_date)
    return Draft202012Validator(load_schema(kind), format_checker=checker)


# Dates outside these years are typos; refusing them keeps date arithmetic in range.
MIN_YEAR, MAX_YEAR = 1900, 2999


def _is_date(value: object) -> bool:
    """A real calendar day (2016-02-30 is not) in a year reseau can compute with."""
    if not isinstance(value, str):
        return True
    return MIN_YEAR <= dt.date.fromisoformat(value).year <= MAX_YEAR


def validate(kind: str, doc: ParsedDoc) -> list[RawProblem]:
    """S001 problems of a parsed document against its kind's schema, sorted by position."""
    problems: list[RawProblem] = []
    for error in validator(kind).iter_errors(doc.value):
        problems.extend(_explain(error, doc))
    return sorted(set(problems), key=lambda p: (p[1], p[2], p[3]))


def field_name(path: Path) -> str:
    """`promised[0].due` for ('promised', 0, 'due'); `the record` for ()."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the record"


def _explain(error: ValidationError, doc: ParsedDoc) -> Iterator[RawProblem]:
    path: Path = tuple(error.absolute_path)
    name = field_name(path)
    kind = error.validator
    if kind in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        # The branch written for this kind of value says more than "expected text".
        wrong_type = {
            e.schema_path[0] for e in error.context if e.validator == "type" and not e.relative_path
        }
        relevant = [e for e in error.context if e.schema_path[0] not in wrong_type] or error.context
        yield from _explain(best_match(relevant), doc)
        return
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        import difflib

        schema: Any = error.schema
        known = list(schema.get("properties", {}))
        for key in error.instance:
            if key in known or key.startswith("x-"):
                continue
            hint = difflib.get_close_matches(key, known, n=1)
            advice = f"did you mean {hint[0]!r}?" if hint else f"known keys: {', '.join(known)}"
            line, column = doc.key_pos(path + (key,))
            yield (
                "S001",
                line,
                column,
                f"unknown key {key!r} in {name}: {advice} (keys of your own start with 'x-')",
            )
        return
    line, column = doc.pos(path)
    if kind == "required":
        missing = (
            str(error.message).split("'")[1] if "'" in str(error.message) else str(error.message)
        )
        yield ("S001", line, column, f"{name} lacks the required key {missing!r}")
    elif kind == "type":
        message = (
            f"{name}: expected {_type_words(error.validator_value)}, got {_shown(error.instance)}"
        )
        if error.validator_value == "array" and path and isinstance(path[-1], str):
            if isinstance(error.instance, (str, int)) and not isinstance(error.instance, bool):
                message += f": write `{path[-1]}: [{error.instance}]`"
        yield ("S001", line, column, message)
    elif kind == "enum":
        allowed: Any = error.validator_value
        choices = ", ".join(str(v) for v in allowed)
        yield ("S001", line, column, f"{name}: {_shown(error.instance)} is not one of {choices}")
    elif kind == "format" and _in_calendar(error.instance):
        yield (
            "S001",
            line,
            column,
            f"{name}: {_shown(error.instance)} is out of range: "
            f"use a date from {MIN_YEAR} to {MAX_YEAR}",
        )
    elif kind == "format" and isinstance(error.instance, str) and impossible(error.instance):
        yield ("S001", line, column, f"{name}: {not_a_day(error.instance)}")
    elif kind in ("format", "pattern") and "date" in json.dumps(error.schema):
        yield ("S001", line, column, f"{name}: {_shown(error.instance)} is not a date (YYYY-MM-DD)")
    elif kind == "pattern":
        expected = _PATTERN_WORDS.get(str(error.validator_value), _ID_WORDS)
        yield ("S001", line, column, f"{name}: {_shown(error.instance)} is not {expected}")
    else:
        yield ("S001", line, column, f"{name}: {error.message}")


_ID_WORDS = "an id (lowercase letters, digits and single dashes, like helene-dupre)"
# What each pattern of the schemas expects, in words (the id pattern is the default).
_PATTERN_WORDS = {
    "^[YSLR][0-9]{3}$": "a rule id like R009 (a letter Y, S, L or R and three digits)",
    "^([0-9]{4}-[0-9]{2}-[0-9]{2}|--[0-9]{2}-[0-9]{2})$": (
        "a birthday: YYYY-MM-DD, or --MM-DD when the year is unknown"
    ),
}


def _in_calendar(value: object) -> bool:
    try:
        return isinstance(value, str) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _type_words(expected: Any) -> str:
    words = {
        "object": "a mapping",
        "array": "a list",
        "string": "text",
        "integer": "a whole number",
        "boolean": "true or false",
        "number": "a number",
        "null": "nothing",
    }
    if isinstance(expected, list):
        return " or ".join(words.get(str(e), str(e)) for e in expected)
    return words.get(expected, str(expected))


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)
