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
from reseau.i18n import ENGLISH, N_, Msg, msg

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
    return sorted(set(problems), key=lambda p: (p[1], p[2], ENGLISH.render(p[3])))


def field_name(path: Path) -> str | Msg:
    """`promised[0].due` for ('promised', 0, 'due'); `the record` (a message) for ()."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or msg("the record")


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
            advice = (
                msg("did you mean {hint}?", hint=repr(hint[0]))
                if hint
                else msg("known keys: {keys}", keys=", ".join(known))
            )
            line, column = doc.key_pos(path + (key,))
            yield (
                "S001",
                line,
                column,
                msg(
                    "unknown key {key} in {name}: {advice} (keys of your own start with 'x-')",
                    key=repr(key),
                    name=name,
                    advice=advice,
                ),
            )
        return
    line, column = doc.pos(path)
    if kind == "required":
        missing = (
            str(error.message).split("'")[1] if "'" in str(error.message) else str(error.message)
        )
        yield (
            "S001",
            line,
            column,
            msg("{name} lacks the required key {key}", name=name, key=repr(missing)),
        )
    elif kind == "type":
        expected = _type_words(error.validator_value)
        got = _shown(error.instance)
        message = msg(
            "{name}: expected {expected}, got {got}", name=name, expected=expected, got=got
        )
        if error.validator_value == "array" and path and isinstance(path[-1], str):
            if isinstance(error.instance, (str, int)) and not isinstance(error.instance, bool):
                message = msg(
                    "{name}: expected {expected}, got {got}: write `{key}: [{value}]`",
                    name=name,
                    expected=expected,
                    got=got,
                    key=path[-1],
                    value=str(error.instance),
                )
        yield ("S001", line, column, message)
    elif kind == "enum":
        allowed: Any = error.validator_value
        choices = ", ".join(str(v) for v in allowed)
        yield (
            "S001",
            line,
            column,
            msg(
                "{name}: {value} is not one of {choices}",
                name=name,
                value=_shown(error.instance),
                choices=choices,
            ),
        )
    elif kind == "format" and _in_calendar(error.instance):
        yield (
            "S001",
            line,
            column,
            msg(
                "{name}: {value} is out of range: use a date from {first} to {last}",
                name=name,
                value=_shown(error.instance),
                first=str(MIN_YEAR),
                last=str(MAX_YEAR),
            ),
        )
    elif kind == "format" and isinstance(error.instance, str) and impossible(error.instance):
        yield (
            "S001",
            line,
            column,
            msg("{name}: {detail}", name=name, detail=not_a_day(error.instance)),
        )
    elif kind in ("format", "pattern") and "date" in json.dumps(error.schema):
        yield (
            "S001",
            line,
            column,
            msg(
                "{name}: {value} is not a date (YYYY-MM-DD)",
                name=name,
                value=_shown(error.instance),
            ),
        )
    elif kind == "pattern":
        expected = _PATTERN_WORDS.get(str(error.validator_value), _ID_WORDS)
        yield (
            "S001",
            line,
            column,
            msg(
                "{name}: {value} is not {expected}",
                name=name,
                value=_shown(error.instance),
                expected=msg(expected),
            ),
        )
    else:  # jsonschema's own English words for the rare validators
        yield ("S001", line, column, msg("{name}: {detail}", name=name, detail=str(error.message)))


_ID_WORDS = N_("an id (lowercase letters, digits and single dashes, like helene-dupre)")
# What each pattern of the schemas expects, in words (the id pattern is the default).
_PATTERN_WORDS = {
    "^[YSLR][0-9]{3}$": N_("a rule id like R009 (a letter Y, S, L or R and three digits)"),
    "^([0-9]{4}-[0-9]{2}-[0-9]{2}|--[0-9]{2}-[0-9]{2})$": N_(
        "a birthday: YYYY-MM-DD, or --MM-DD when the year is unknown"
    ),
}


def _in_calendar(value: object) -> bool:
    try:
        return isinstance(value, str) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


_TYPE_WORDS = {
    "object": N_("a mapping"),
    "array": N_("a list"),
    "string": N_("text"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
    "number": N_("a number"),
    "null": N_("nothing"),
}


def _type_words(expected: Any) -> str | Msg:
    if isinstance(expected, list):
        words = [_type_words(e) for e in expected]
        joined = words[0]
        for word in words[1:]:
            joined = msg("{first} or {second}", first=joined, second=word)
        return joined
    return msg(_TYPE_WORDS[expected]) if expected in _TYPE_WORDS else str(expected)


def _shown(value: Any) -> str | Msg:
    if isinstance(value, dict):
        return msg("a mapping")
    if isinstance(value, list):
        return msg("a list")
    if value is None:
        return msg("nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)
