"""Round-trip YAML edits with ruamel.yaml: comments, quoting, flow lists, blank lines and
line endings survive; nothing is re-wrapped; indentation follows the file."""

from __future__ import annotations

import copy
import difflib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tokens import CommentToken

WIDTH = 1_000_000_000  # never re-wrap the user's text
CANONICAL_INDENT = (2, 4, 2)  # mapping, sequence, dash offset: `key:\n  - item`

_KEY_ONLY = re.compile(r"^( *)(?:- +)?[^\s#][^#]*:\s*(#.*)?$")


class EditError(Exception):
    """The file cannot be edited safely (it does not load as one YAML mapping)."""


@dataclass
class Document:
    """A loaded file: its data and what it takes to write it back the same way."""

    data: CommentedMap
    newline: str = "\n"
    bom: bool = False
    indent: tuple[int, int, int] = CANONICAL_INDENT


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.allow_unicode = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def detect_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as the file uses them; canonical values where unseen."""
    mapping: int | None = None
    offset: int | None = None
    lines = [
        line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")
    ]
    for line, following in zip(lines, lines[1:], strict=False):
        match = _KEY_ONLY.match(line)
        if match is None:
            continue
        base = len(match.group(1)) + (
            len(line) - len(line.lstrip(" -")) - len(match.group(1))
            if line.lstrip().startswith("- ")
            else 0
        )
        depth = len(following) - len(following.lstrip(" "))
        if following.lstrip().startswith("- "):
            if offset is None and depth >= base:
                offset = depth - base
        elif mapping is None and depth > base:
            mapping = depth - base
        if mapping is not None and offset is not None:
            break
    mapping = mapping or CANONICAL_INDENT[0]
    offset = CANONICAL_INDENT[2] if offset is None else offset
    return mapping, max(offset + 2, mapping), offset


def load(data: bytes) -> Document:
    """Load bytes for editing; EditError when they are not one YAML mapping."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError("not UTF-8") from None
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    indent = detect_indent(text)
    try:
        value = _yaml(indent).load(text)
    except YAMLError as exc:
        raise EditError(" ".join(str(exc).split())) from None
    if not isinstance(value, CommentedMap):
        raise EditError("not a YAML mapping")
    return Document(value, newline, bom, indent)


def dump(doc: Document) -> bytes:
    """The document as bytes, with its original line endings and byte-order mark."""
    out = io.StringIO()
    _yaml(doc.indent).dump(doc.data, out)
    text = out.getvalue()
    if doc.newline != "\n":
        text = text.replace("\n", doc.newline)
    return (("\ufeff" if doc.bom else "") + text).encode("utf-8")


def _scalar_comment(mapping: CommentedMap, key: Any) -> CommentToken | None:
    entry = mapping.ca.items.get(key)
    if not entry or len(entry) < 3 or not isinstance(entry[2], CommentToken):
        return None
    return entry[2]


def insert_key(mapping: CommentedMap, key: str, value: Any, order: Iterable[str]) -> None:
    """Add key at its canonical place; full-line comments that followed the key before it
    stay attached to what came next (they move below the new line)."""
    order = tuple(order)
    rank = {name: index for index, name in enumerate(order)}
    keys = list(mapping.keys())
    position = len(keys)
    if key in rank:
        for index, existing in enumerate(keys):
            if existing in rank and rank[existing] > rank[key]:
                position = index
                break
        else:
            # after the last known key, before unknown and x- keys
            known = [i for i, k in enumerate(keys) if k in rank]
            position = known[-1] + 1 if known else 0
    mapping.insert(position, key, value)
    if position == 0:
        return
    previous = keys[position - 1]
    token = _scalar_comment(mapping, previous)
    if token is None:
        return
    text = token.value
    cut = text.find("\n")
    if cut < 0 or cut == len(text) - 1:
        return
    token.value = text[: cut + 1]
    moved = CommentToken("\n" + text[cut + 1 :], CommentMark(0), None)
    mapping.ca.items[key] = [None, None, moved, None]


def flow_list(items: Iterable[Any]) -> CommentedSeq:
    seq = CommentedSeq(list(items))
    seq.fa.set_flow_style()
    return seq


def new_mapping(values: Mapping[str, Any], order: Iterable[str] = ()) -> CommentedMap:
    """A CommentedMap in the given key order, lists of plain scalars in flow style."""
    order = tuple(order)
    keys = [k for k in order if k in values] + [k for k in values if k not in order]
    result = CommentedMap()
    for key in keys:
        result[key] = styled(values[key])
    return result


def styled(value: Any) -> Any:
    if isinstance(value, Mapping):
        return new_mapping(value)
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (Mapping, list, tuple)) for v in value):
            return flow_list(value)
        return CommentedSeq([styled(v) for v in value])
    if isinstance(value, str) and "\n" in value.strip("\n"):
        return LiteralScalarString(value.rstrip("\n") + "\n")
    return copy.copy(value)


def render(values: Mapping[str, Any], order: Iterable[str] = ()) -> str:
    """New YAML text for a record (LF line endings, canonical indentation)."""
    out = io.StringIO()
    _yaml(CANONICAL_INDENT).dump(new_mapping(values, order), out)
    return out.getvalue()


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _reindent(line: str, shift: int) -> str:
    if shift > 0 and line.strip():
        return " " * shift + line
    if shift < 0:
        return line[min(-shift, _indent_of(line)) :]
    return line


def _comment_column(original: str, line: str) -> str:
    """line with its end-of-line comment at the column it had in original, or as far from
    the code as it was when the code grew past it (ruamel.yaml puts one space before the
    comment of a flow list it rewrites), when both lines end with that comment."""
    cut = line.rfind(" #")
    if cut < 0:
        return line
    comment = line[cut + 1 :]
    if not original.endswith(comment) or len(original) == len(comment):
        return line
    column = len(original) - len(comment)
    head = original[:column]
    gap = len(head) - len(head.rstrip())
    code = line[: cut + 1].rstrip()
    return code.ljust(column) + comment if len(code) < column else code + " " * gap + comment


def edit(data: bytes, change: Callable[[CommentedMap], None]) -> bytes:
    """Apply change to the file's round-trip data and return the new bytes, touching only the
    lines the change touches.

    ruamel.yaml normalises a few things on output (spaces inside `[ a ]`, the column of
    comments, mixed sequence indentation). So the unchanged document is dumped too, and
    only the lines where the changed dump differs from it are carried into the original
    text, shifted by the indentation the file uses at that place.
    """
    baseline = dump(load(data)).decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    doc = load(data)
    change(doc.data)
    edited = dump(doc)
    text = data.decode("utf-8")
    bom = text.startswith("\ufeff")
    original = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    base = baseline.split("\n")
    new = edited.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if len(original) != len(base):
        return edited
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, base, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(original[i1:i2])
            continue
        anchor = i1 if tag == "replace" else i1 - 1
        shift = (
            _indent_of(original[anchor]) - _indent_of(base[anchor])
            if 0 <= anchor < len(base) and base[anchor].strip()
            else 0
        )
        lines = [_reindent(line, shift) for line in new[j1:j2]]
        if tag == "replace" and i2 - i1 == j2 - j1:
            lines = [_comment_column(o, n) for o, n in zip(original[i1:i2], lines, strict=True)]
        out.extend(lines)
    result = "\n".join(out)
    if doc.newline != "\n":
        result = result.replace("\n", doc.newline)
    return (("\ufeff" if bom else "") + result).encode("utf-8")
