"""L003 misplaced-file: a file's name, folder or year does not match its record.

Ids are file stems, so the file name is part of the data. Contacts live in
`contacts/<id>.yaml`, interactions in `interactions/<YYYY>/<YYYY-MM-DD>-<slug>.yaml`
with the year and date of their `date`, opportunities in `opportunities/<id>.yaml`.
Ids are slugs: lowercase letters, digits and single dashes. YAML files in
folders reseau does not know, and links to files outside the ledger, are
reported here too and not read.

PASS: `interactions/2016/2016-04-08-meeting-helene-dupre.yaml` with `date: 2016-04-08`.

FAIL: the same file with `date: 2016-04-09`  # L003 at the date: rename the file or fix the date
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from reseau.i18n import Msg, msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at

ID = "L003"
NAME = "misplaced-file"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {}

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
DATED = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}-?")
# Paths that pass every test of the loop over files, for a quick first test (most paths do):
# a slug with the .yaml extension, straight in its folder (interactions: at any depth here).
FLAT_OK = re.compile(r"[^/]+/[a-z0-9]+(-[a-z0-9]+)*\.yaml\Z")
NESTED_OK = re.compile(r"(.*/)?[a-z0-9]+(-[a-z0-9]+)*\.yaml\Z")


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    for file in ledger.files:
        path, kind = file.path, file.kind
        if kind == "unknown":
            yield Finding(
                path,
                1,
                1,
                msg(
                    "reseau does not read YAML in {folder}/: "
                    "move records to contacts/, interactions/YYYY/ or opportunities/",
                    folder=path.split("/", 1)[0],
                ),
            )
            continue
        if kind == "outside":
            yield Finding(
                path, 1, 1, msg("a link to a file outside the ledger: reseau does not follow it")
            )
            continue
        if kind == "settings" or (NESTED_OK if kind == "interaction" else FLAT_OK).match(path):
            continue
        problem: Msg | None = None
        if path.endswith(".yml"):
            problem = msg("use the .yaml extension")
        elif not SLUG.match(file.stem):
            problem = msg(
                "{stem} is not an id: lowercase letters, digits and single dashes",
                stem=repr(file.stem),
            )
        elif kind != "interaction" and path.count("/") != 1:
            parts = path.split("/")
            moved = parts[0] + "/" + parts[-1]
            problem = msg("move it to {path}", path=moved)
        if problem:
            yield Finding(path, 1, 1, problem)
    expected_on: dict[dt.date, str] = {}  # the file name's start, by day (many share a day)
    for inter in ledger.interactions.values():
        date = inter.date
        expected = expected_on.get(date)
        if expected is None:
            expected = expected_on[date] = f"interactions/{date.year}/{date.isoformat()}-"
        path = inter.path
        if not path.startswith(expected) or path.count("/") != 2:
            rest = DATED.sub("", inter.id) or inter.id
            yield at(
                ledger,
                inter,
                ("date",),
                msg(
                    "the file name does not match date {date}: "
                    "rename it to {name}, or fix the date",
                    date=date.isoformat(),
                    name=expected + rest + ".yaml",
                ),
            )
