"""Canonical layout of a record's text: key order and 2-space block indentation.

Works on lines, not on a re-emitted tree, so every comment, quote, flow list and
blank line stays byte for byte: a key moves with the comment lines just above
it, and a nested block is shifted as a whole. Callers check that the value read
back is unchanged (`reseau fmt` does), so a layout this module misjudges is
never written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reseau.store import KEY_ORDER, MODELINE_PREFIX, with_modeline

_KEY = re.compile(
    r"""^(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"?:,\[\]{}&*!|>%@`-][^#]*?"""
    r"""|-[^\s#][^#]*?)[ \t]*:(?:[ \t]|$)"""
)
# Sequences of mappings whose items have a canonical key order, per record kind.
_ITEM_ORDERS = {"promised": "promised", "waive": "waive", "stages": "stages", "history": "history"}
_MAPPING_ORDERS = {("interaction", "next"): "next"}


@dataclass
class _Entry:
    key: str
    lead: list[str] = field(default_factory=list)  # blank and comment lines above the key
    lines: list[str] = field(default_factory=list)  # the key's line and its value's lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _key_of(text: str) -> str | None:
    match = _KEY.match(text)
    if match is None:
        return None
    key = match.group("key")
    if key[:1] == '"':
        return key[1:-1]
    if key[:1] == "'":
        return key[1:-1].replace("''", "'")
    return key.rstrip()


def _shift(lines: list[str], delta: int) -> list[str]:
    if delta == 0:
        return lines
    shifted = []
    for line in lines:
        if not line.strip():
            shifted.append(line)
        elif delta > 0:
            shifted.append(" " * delta + line)
        else:
            shifted.append(line[min(-delta, _indent(line)) :])
    return shifted


def _detach_trailing(entries: list[_Entry], level: int) -> list[str]:
    """Move each entry's trailing blank lines and outdented comments to the next entry's lead;
    return the last entry's (the block's tail)."""
    tail: list[str] = []
    for index, entry in enumerate(entries):
        cut = len(entry.lines)
        while cut > 1 and (
            not entry.lines[cut - 1].strip()
            or (_filler(entry.lines[cut - 1]) and _indent(entry.lines[cut - 1]) <= level)
        ):
            cut -= 1
        moved, entry.lines = entry.lines[cut:], entry.lines[:cut]
        if index + 1 < len(entries):
            entries[index + 1].lead = moved + entries[index + 1].lead
        else:
            tail = moved
    return tail


def _split(lines: list[str], level: int) -> tuple[list[str], list[_Entry], list[str]] | None:
    """(lines before the first key, entries, trailing filler) of a block mapping at `level`."""
    head: list[str] = []
    entries: list[_Entry] = []
    for line in lines:
        if not entries and (_filler(line) or line.rstrip() == "---"):
            head.append(line)
            continue
        indentless_item = _indent(line) == level and (
            line[level:].startswith("- ") or line[level:] == "-"
        )
        if _filler(line) or _indent(line) > level or indentless_item:
            if not entries:
                return None
            entries[-1].lines.append(line)
            continue
        if _indent(line) < level:
            return None
        key = _key_of(line[level:])
        if key is None:
            return None
        entries.append(_Entry(key, [], [line]))
    if not entries:
        return None
    tail = _detach_trailing(entries, level)
    return head, entries, tail


def _ordered(entries: list[_Entry], order: tuple[str, ...]) -> list[_Entry]:
    if not order:
        return entries
    rank = {key: index for index, key in enumerate(order)}
    known = sorted((e for e in entries if e.key in rank), key=lambda e: rank[e.key])
    unknown = [e for e in entries if e.key not in rank and not e.key.startswith("x-")]
    mine = [e for e in entries if e.key not in rank and e.key.startswith("x-")]
    return known + unknown + mine


def _format_value(entry: _Entry, level: int, kind: str, depth: int) -> list[str]:
    """The key line and its value, nested blocks re-indented to level + 2."""
    first, body = entry.lines[0], entry.lines[1:]
    content = [line for line in body if not _filler(line)]
    after_colon = first[level:].split(":", 1)[1].strip() if ":" in first[level:] else ""
    if not content or (after_colon and not after_colon.startswith("#")):
        return entry.lines  # a scalar, flow collection or block scalar: left as written
    child = _indent(content[0])
    if content[0].lstrip().startswith("- ") or content[0].strip() == "-":
        order = (
            KEY_ORDER[_ITEM_ORDERS[entry.key]] if depth == 0 and entry.key in _ITEM_ORDERS else ()
        )
        formatted = _format_sequence(body, child, order, kind, depth + 1)
    else:
        name = _MAPPING_ORDERS.get((kind, entry.key)) if depth == 0 else None
        formatted = _format_mapping(body, child, KEY_ORDER[name] if name else (), kind, depth + 1)
    return [first] + _shift(formatted, level + 2 - child)


def _format_mapping(
    lines: list[str], level: int, order: tuple[str, ...], kind: str, depth: int
) -> list[str]:
    split = _split(lines, level)
    if split is None:
        return lines
    head, entries, tail = split
    if depth == 0:
        # The file's header (the modeline, and everything up to its last blank line) stays
        # on top; comment lines right above the first key move with that key.
        keep = max(
            (
                i + 1
                for i, line in enumerate(head)
                if not line.strip() or line.lstrip().startswith(MODELINE_PREFIX)
            ),
            default=0,
        )
        head, entries[0].lead = head[:keep], head[keep:] + entries[0].lead
    else:
        head, entries[0].lead = [], head + entries[0].lead
    out = list(head)
    for entry in _ordered(entries, order):
        out.extend(entry.lead)
        out.extend(_format_value(entry, level, kind, depth))
    return out + tail


def _format_sequence(
    lines: list[str], level: int, order: tuple[str, ...], kind: str, depth: int
) -> list[str]:
    items: list[list[str]] = []
    head: list[str] = []
    for line in lines:
        if not _filler(line) and _indent(line) == level and line.lstrip().startswith("-"):
            items.append([line])
        elif not items:
            head.append(line)
        elif not _filler(line) and _indent(line) < level:
            return lines
        else:
            items[-1].append(line)
    out = list(head)
    for item in items:
        out.extend(_format_item(item, level, order, kind, depth))
    return out


def _format_item(
    item: list[str], level: int, order: tuple[str, ...], kind: str, depth: int
) -> list[str]:
    """One `- key: value` item: its mapping ordered, the dash back on its first key."""
    first = item[0]
    rest = first[level + 1 :]
    inner = level + 1 + (len(rest) - len(rest.lstrip(" ")))
    if not rest.strip() or _key_of(first[inner:]) is None or inner != level + 2:
        return item
    as_mapping = [first[:level] + " " + first[level + 1 :]] + item[1:]
    formatted = _format_mapping(as_mapping, inner, order, kind, depth)
    for index, line in enumerate(formatted):
        if not _filler(line):
            formatted[index] = line[:level] + "-" + line[level + 1 :]
            break
        if line.strip():  # a comment above the item: at the dash's column
            formatted[index] = " " * level + line.lstrip(" ")
    return formatted


def format_text(text: str, kind: str, rel: str) -> str:
    """The canonical layout of a record's text (line endings and BOM kept)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    newline = "\r\n" if "\r\n" in body else "\n"
    lines = body.replace("\r\n", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    formatted = _format_mapping(lines, 0, KEY_ORDER.get(kind, ()), kind, 0)
    result = "\n".join(formatted) + "\n"
    result = with_modeline(result, rel, kind)
    return bom + result.replace("\n", newline)
