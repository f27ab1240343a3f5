"""Y001, Y002, S001: the file-level checks, run while reading, documented here for `reseau rules`."""

from __future__ import annotations

DOCS: dict[str, tuple[str, str, str]] = {
    "Y001": (
        "yaml-syntax",
        "error",
        """Y001 yaml-syntax: the file is not a readable ledger record.

Reported when a file is not UTF-8 (a BOM and CRLF line ends are fine), is not
valid YAML, is empty, holds more than one document, nests deeper than 50
levels, is over 1 MiB, or uses anchors, aliases or tags. reseau reads YAML
through the C parser's events and builds plain values itself, so nothing in a
file can build objects or expand an alias bomb.

PASS:

    name: Hélène Dupré

FAIL:

    name: [Hélène Dupré        # Y001: the list is never closed
""",
    ),
    "Y002": (
        "duplicate-key",
        "error",
        """Y002 duplicate-key: a mapping repeats a key.

YAML loaders silently keep one of the two values; reseau keeps the first and
reports the second, where you must choose.

FAIL:

    date: 2016-04-08
    date: 2016-04-09    # Y002 here
""",
    ),
    "S001": (
        "schema",
        "error",
        """S001 schema: the record breaks its JSON Schema.

Each kind of record has a schema in `schema/` (editors use it to complete and
check fields). Wrong types, values outside a list of choices, impossible dates,
missing required keys and unknown keys (typos) are reported at the offending
value or key. Keys of your own are welcome when they start with `x-`.

FAIL:

    chanel: meeting     # S001: unknown key 'chanel': did you mean 'channel'?
""",
    ),
}
