"""YAML bytes to plain values with positions, through libyaml's parser events.

reseau builds values itself from parser events instead of using a loader: no
constructor runs, anchors/aliases/tags are refused before anything is expanded,
duplicate keys are seen, and every value and key keeps its position.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

from reseau.i18n import Msg, msg

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 50

Key = str | int
Path = tuple[Key, ...]
Position = tuple[int, int]
# A file-level problem before it knows its file: (rule, line, column, message).
RawProblem = tuple[str, int, int, "str | Msg"]


@dataclass(frozen=True)
class ParsedDoc:
    """A parsed file: its value (None when unreadable), positions and problems."""

    value: Any
    positions: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    problems: tuple[RawProblem, ...] = ()

    def pos(self, path: Path) -> Position:
        """Position of the value at path, else of its deepest known ancestor."""
        while path:
            found = self.positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def key_pos(self, path: Path) -> Position:
        """Position of the key holding the value at path (the value's if none)."""
        return self.keys.get(path) or self.pos(path)


_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
}


def resolve_plain(text: str) -> Any:
    """A plain scalar under the YAML 1.2 core schema, dates kept as text."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(text):
            return int(text)
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
    return text


class _Refused(Exception):
    """Stops the walk at the first Y001 problem."""

    def __init__(self, line: int, column: int, message: str | Msg) -> None:
        super().__init__(str(message))
        self.where = (line, column)
        self.message = message


def _y001(line: int, column: int, message: str | Msg) -> ParsedDoc:
    return ParsedDoc(None, problems=(("Y001", line, column, message),))


def decode(data: bytes) -> str | ParsedDoc:
    """The file's text, or a Y001 document when it is not UTF-8 or too big."""
    if len(data) > MAX_BYTES:
        return _y001(
            1,
            1,
            msg(
                "file is over reseau's limit of {limit} bytes: split it or move it out of the ledger",
                limit=f"{MAX_BYTES:,}",
            ),
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _y001(1, 1, msg("file is UTF-16: save it as UTF-8"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return _y001(
            line,
            column,
            msg("not UTF-8 (byte {byte}): save the file as UTF-8", byte=f"0x{data[exc.start]:02x}"),
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        return _y001(*line_column(text, nul), "binary content (a NUL byte): not a YAML text file")
    return text


# YAML 1.2 breaks lines at LF, CR and CRLF only; libyaml follows YAML 1.1, which also breaks
# them at NEL, LS and PS (U+0085, U+2028, U+2029), that YAML 1.2 reads as ordinary characters.
BREAK = re.compile("\r\n|\r|\n")
_YAML11_BREAKS = "\x85\u2028\u2029"


def split_lines(text: str) -> list[str]:
    """The lines of text as YAML 1.2 (and reseau's positions) count them."""
    return BREAK.split(text)


def line_column(text: str, index: int) -> Position:
    """The 1-based (line, column) of the character at index."""
    line, start = 1, 0
    for found in BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def _inside(text: str, line: int, column: int) -> Position:
    """A position inside the text: libyaml puts the end of a file with no final line break
    on the line after its last one, which is the end of that last line."""
    lines = split_lines(text)
    if line <= len(lines):
        return line, column
    return len(lines), len(lines[-1]) + 1


def _stand_ins(text: str) -> tuple[str, dict[int, str] | None]:
    """text with NEL, LS and PS replaced by private-use characters it does not hold (which
    libyaml reads as ordinary ones, as YAML 1.2 reads those three), and the table that puts
    them back in scalars; (text, None) when it holds none of them."""
    present = [c for c in _YAML11_BREAKS if c in text]
    if not present:
        return text, None
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    there = {c: next(free) for c in present}
    back = {ord(stand_in): original for original, stand_in in there.items()}
    return text.translate({ord(c): s for c, s in there.items()}), back


def parse_document(data: bytes) -> ParsedDoc:
    """Parse one ledger file; never raises on bad input."""
    text = decode(data)
    if isinstance(text, ParsedDoc):
        return text
    # libyaml through PyYAML's binding: ruamel.yaml's C extensions bundle libyaml 0.1.7, which
    # refuses `links: [https://...]` (a flow list of links, as the format's own example); PyYAML's wheels carry 0.2.5+.
    # Only the event parser is used: no PyYAML constructor ever runs. Imported here, so that a
    # run whose files all come from the store never loads it.
    from yaml import YAMLError

    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        from yaml import SafeLoader as CParser

    fed, back = _stand_ins(text)
    builder = _Builder(back)
    try:
        builder.run(CParser(fed))
    except _Refused as refused:
        problem = ("Y001", *_inside(text, *refused.where), refused.message)
        return ParsedDoc(None, builder.positions, builder.keys, (*builder.problems, problem))
    except YAMLError as exc:  # libyaml's scanner, parser and reader errors
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        message = f"{what} ({context})" if context else str(what)
        try:
            line, column, message = explain_yaml_error(text, line, column, str(what), message)
        except (IndexError, ValueError):  # pragma: no cover - libyaml's own message stands
            pass
        line, column = _inside(text, line, column)
        return ParsedDoc(
            None,
            builder.positions,
            builder.keys,
            tuple(builder.problems)
            + (("Y001", line, column, msg("invalid YAML: {detail}", detail=message)),),
        )
    return ParsedDoc(builder.value, builder.positions, builder.keys, tuple(builder.problems))


_LINE = re.compile(r"( *)(- +)?([^\s:#'\"][^:#]*?):(?: +(.*))?$")


def _heads(text: str) -> list[tuple[int, str]]:
    """Where a line's keys and dashes start (0-based) and what they are (`key:` or `-`),
    innermost first: `  - what: x` gives [(4, 'what:'), (2, '-')]; [] for blanks, comments."""
    stripped = text.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return []
    indent = len(text) - len(stripped)
    match = _LINE.match(text)
    if match is None:
        return [(indent, "-" if stripped.startswith("-") else (stripped.split() or ["?"])[0])]
    key = (len(match.group(1)) + len(match.group(2) or ""), f"{match.group(3)}:")
    return [key, (indent, "-")] if match.group(2) else [key]


def _quoted(value: str) -> str:
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def explain_yaml_error(
    text: str, line: int, column: int, what: str, message: str
) -> tuple[int, int, str]:
    """libyaml's message, made to say what went wrong and how to fix it for the two usual
    mistakes: a plain value holding `: ` and a key indented out of line with the ones above."""
    lines = split_lines(text)
    if not 1 <= line <= len(lines):
        return line, column, message
    current = lines[line - 1]
    heads = _heads(current)
    if not heads:
        return line, column, message
    indent, label = heads[-1]
    above = [(n, h) for n in range(line - 1, 0, -1) for h in _heads(lines[n - 1])]
    match = _LINE.match(current)
    if what == "mapping values are not allowed in this context" and match:
        first_colon = len(match.group(1)) + len(match.group(2) or "") + len(match.group(3))
        value = match.group(4)
        if column - 1 > first_colon and value:
            key = match.group(3)
            return (
                line,
                column,
                f"the value of `{key}` holds ': ', which YAML reads as the start of a key: "
                f"quote the value: `{key}: {_quoted(value.rstrip())}`",
            )
        if above and above[0][1][0] < indent and lines[above[0][0] - 1].rstrip()[-1:] != ":":
            number, (other, other_label) = above[0]
            return (
                line,
                indent + 1,
                f"`{label}` is indented more than `{other_label}` on line {number}, which "
                f"already has a value: align it with `{other_label}` (column {other + 1})",
            )
    if what.startswith(("did not find expected key", "did not find expected '-'")) or (
        what.startswith("expected <block end>")
    ):
        # The keys this line could belong with: the nearest line above at each smaller depth.
        candidates: list[tuple[int, int, str]] = []
        depth = None
        for number, (other, other_label) in above:
            if depth is None or other < depth:
                depth = other
                if other != indent:
                    candidates.append((number, other, other_label))
            if other == 0:
                break
        if candidates and all(other != indent for _, other, _ in candidates):
            choices = " or ".join(
                f"`{other_label}` (line {number}, column {other + 1})"
                for number, other, other_label in candidates[:2]
            )
            return (
                line,
                indent + 1,
                f"`{label}` at column {indent + 1} lines up with no key above: "
                f"align it with {choices}",
            )
    if "tab character" in what:
        return line, column, f"{message}: indent with spaces, not tabs"
    return line, column, message


# Positions, paths and short strings recur across thousands of files: each distinct one is
# kept once (a ledger of 60,000 files would otherwise hold millions of equal small tuples).
_POSITIONS: dict[Position, Position] = {}
_PATHS: dict[Path, Path] = {}
_intern = sys.intern


class _Frame:
    __slots__ = ("container", "path", "key", "key_mark", "record")

    def __init__(self, container: Any, path: Path, record: bool) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_mark: Position | None = None
        self.record = record  # False inside the value of a duplicate key


class _Builder:
    def __init__(self, back: dict[int, str] | None = None) -> None:
        self.back = back  # stand-ins to put back in scalars (_stand_ins)
        self.value: Any = None
        self.positions: dict[Path, Position] = {}
        self.keys: dict[Path, Position] = {}
        self.problems: list[RawProblem] = []

    def run(self, parser: Any) -> None:
        stack: list[_Frame] = []
        documents = 0
        while True:
            event = parser.get_event()
            kind = type(event).__name__
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            where = _POSITIONS.setdefault(where, where)
            if kind == "StreamEndEvent":
                break
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise _Refused(*where, "more than one YAML document: keep one record per file")
                continue
            if kind in ("StreamStartEvent", "DocumentEndEvent"):
                continue
            if kind == "AliasEvent":
                raise _Refused(
                    *where,
                    msg(
                        "alias {alias}: anchors and aliases are not allowed in a ledger",
                        alias=f"*{event.anchor}",
                    ),
                )
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                done = stack.pop()
                self._place(stack, done.container, where, done.record)
                continue
            if event.anchor is not None:
                raise _Refused(
                    *where,
                    msg(
                        "anchor {anchor}: anchors and aliases are not allowed in a ledger",
                        anchor=f"&{event.anchor}",
                    ),
                )
            if event.tag is not None:
                raise _Refused(
                    *where, msg("tag {tag}: tags are not allowed in a ledger", tag=str(event.tag))
                )
            if kind == "ScalarEvent":
                raw: str = event.value if self.back is None else event.value.translate(self.back)
                try:
                    value = resolve_plain(raw) if not event.style else raw
                    if type(value) is str and len(value) <= 64:
                        value = _intern(value)
                except ValueError:  # an integer over Python's 4,300-digit conversion limit
                    raise _Refused(
                        *where,
                        msg(
                            "a number of {size} characters: too long to be a value",
                            size=f"{len(raw):,}",
                        ),
                    ) from None
                self._place(stack, value, where, stack[-1].record if stack else True, raw)
                continue
            # A mapping or sequence starts.
            if len(stack) >= MAX_DEPTH:
                raise _Refused(
                    *where, msg("nested deeper than {depth} levels", depth=str(MAX_DEPTH))
                )
            if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                raise _Refused(*where, "a mapping key must be plain text, not a list or mapping")
            path, record = self._child(stack, where)
            stack.append(_Frame({} if kind == "MappingStartEvent" else [], path, record))
        if self.value is None:
            raise _Refused(1, 1, "empty file: a record needs at least its required fields")

    def _child(self, stack: list[_Frame], where: Position) -> tuple[Path, bool]:
        """Path of the next value in the innermost collection; records its position."""
        if not stack:
            self.positions[()] = where
            return (), True
        top = stack[-1]
        if isinstance(top.container, list):
            path = top.path + (len(top.container),)
        else:
            assert top.key is not None
            path = top.path + (top.key,)
        path = _PATHS.setdefault(path, path)
        record = top.record and path not in self.positions
        if record:
            self.positions[path] = where
            if top.key_mark is not None:
                self.keys[path] = top.key_mark
        return path, record

    def _place(
        self, stack: list[_Frame], value: Any, where: Position, record: bool, raw: str | None = None
    ) -> None:
        """Place a value; raw is a scalar's text (None for a collection)."""
        if not stack:
            if raw is not None:
                self.positions[()] = where
            self.value = value
            return
        top = stack[-1]
        container = top.container
        if isinstance(container, list):
            if raw is not None:
                self._child(stack, where)
            container.append(value)
            return
        if top.key is None:  # this scalar is a key
            key = _intern(raw) if raw is not None else value
            if not isinstance(key, str):  # pragma: no cover - collections are refused earlier
                raise _Refused(*where, "a mapping key must be plain text")
            if key in container and top.record:
                self.problems.append(
                    (
                        "Y002",
                        where[0],
                        where[1],
                        msg(
                            "duplicate key {key}: the first one, line {line}, is kept; remove one",
                            key=repr(key),
                            line=str(self.keys.get(top.path + (key,), (0, 0))[0]),
                        ),
                    )
                )
            top.key, top.key_mark = key, where
            return
        if raw is not None:
            path, record = self._child(stack, where)
        key = top.key
        if key not in container:
            container[key] = value
        top.key, top.key_mark = None, None
