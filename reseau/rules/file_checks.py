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

Common mistakes, and how to write them:

1. A colon and a space inside a plain value start a new key. Quote the value:

       summary: Lucas: great talk          # FAIL: "the value of `summary` holds ': '"
       summary: "Lucas: great talk"        # PASS

   Quote also a value that starts with a character YAML reads specially:
   `[`, `{`, `&`, `*`, `!`, `|`, `>`, `%`, `@`, a backquote, or `- `, `? `,
   and a value that ends with a colon. A `#` after a space starts a comment:
   `role: Lead #2` keeps only `Lead`; write `role: "Lead #2"`.

2. Indentation says what belongs to what. The keys of one mapping line up in
   the same column; a key's nested keys go further right, all by the same
   amount. Use spaces, never tabs.

       next:
         action: Call her back
          due: 2016-04-15                  # FAIL: indented more than `action:`
        due: 2016-04-15                    # FAIL: lines up with no key above
         due: 2016-04-15                   # PASS: aligned with `action:`

   In a list of mappings, the keys after the first align with the first one,
   after the dash:

       promised:
         - what: Send the article
           due: 2016-04-22                 # PASS: under `what:`

3. Quotes must close, on the same value: `name: 'Hélène` never ends. Inside
   double quotes a backslash starts an escape, so prefer single quotes for
   text with backslashes; inside single quotes, write a quote twice:
   `notes: 'l''article'`.

4. A list written inline needs brackets: `with: [sarah-cohen]`, or one item
   per line, each starting with `- ` under the key.

`reseau check` names the line and column of the first mistake in each file
and, for the first two, what to write instead.
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
