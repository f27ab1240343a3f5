"""S001: schema problems positioned at the offending value, with messages that say what to do."""

from __future__ import annotations

import json

import pytest

from reseau.i18n import ENGLISH
from reseau.load import read_record
from reseau.schema import KINDS, load_schema, schema_dir


def s001(kind: str, text: str) -> list[tuple[int, int, str]]:
    return [
        (line, col, ENGLISH.render(msg))
        for rule, line, col, msg in read_record(kind, text.encode()).problems
        if rule == "S001"
    ]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "contact",
            "name: A\ncadence: soon\n",
            [(2, 10, "cadence: expected a whole number, got 'soon'")],
        ),
        (
            "contact",
            "name: A\nrelation: boss\n",
            [
                (
                    2,
                    11,
                    "relation: 'boss' is not one of friend, family, "
                    "colleague, former-colleague, classmate, acquaintance, "
                    "introduced, cold",
                )
            ],
        ),
        ("contact", "role: x\n", [(1, 1, "the record lacks the required key 'name'")]),
        (
            "contact",
            "name: A\nintroduced_by: Marc Leroy\n",
            [
                (
                    2,
                    16,
                    "introduced_by: 'Marc Leroy' is not an id (lowercase letters, digits and single dashes, "
                    "like helene-dupre)",
                )
            ],
        ),
        (
            "interaction",
            "date: 2026-02-30\nwith: [a]\n",
            [(1, 7, "date: 2026-02-30: February 2026 has 28 days")],
        ),
        (
            "interaction",
            "date: 2024-02-30\nwith: [a]\n",
            [(1, 7, "date: 2024-02-30: February 2024 has 29 days")],
        ),
        (
            "interaction",
            "date: 2016-04-08\nwith: [a]\npromised:\n  - what: x\n    due: 2016-13-01\n",
            [
                (
                    5,
                    10,
                    "promised[0].due: 2016-13-01: there is no month 13 (months run from 01 to 12)",
                )
            ],
        ),
        (
            "interaction",
            "date: 2016-04-08\nwith: sarah-cohen\n",
            [(2, 7, "with: expected a list, got 'sarah-cohen': write `with: [sarah-cohen]`")],
        ),
        (
            "interaction",
            "date: 2016-04-08\nwith: [a]\nnext: {action: x, due: 2016-05-01, with: b}\n",
            [(3, 42, "next.with: expected a list, got 'b': write `with: [b]`")],
        ),
        (
            "contact",
            "name: A\nwaive:\n  - {rule: R9, until: 2026-12-31, reason: leave}\n",
            [
                (
                    3,
                    12,
                    "waive[0].rule: 'R9' is not a rule id like R009 "
                    "(a letter Y, S, L or R and three digits)",
                )
            ],
        ),
        (
            "contact",
            "name: A\nbirthday: 12/03\n",
            [
                (
                    2,
                    11,
                    "birthday: '12/03' is not a birthday: YYYY-MM-DD, "
                    "or --MM-DD when the year is unknown",
                )
            ],
        ),
        (
            "interaction",
            "date: 2016-04-08\nwith: [a]\nplanned: no\n",
            [(3, 10, "planned: expected true or false, got 'no'")],
        ),
        (
            "interaction",
            "date: 2016-04-08\nwith: [a]\npromised:\n  - what: x\n    due: 22 April\n",
            [(5, 10, "promised[0].due: '22 April' is not a date (YYYY-MM-DD)")],
        ),
        (
            "interaction",
            "date: 2016-04-08\nwith: [a]\nreceived: [advice, {referal: b}]\n",
            [
                (
                    3,
                    21,
                    "unknown key 'referal' in received[1]: did you mean 'referral'? (keys of your own start "
                    "with 'x-')",
                )
            ],
        ),
        ("interaction", "date: 2016-04-08\nwith: []\n", [(2, 7, "with: [] should be non-empty")]),
        (
            "opportunity",
            "title: T\norganization: O\nstages:\n  - {date: 2016-04-11, stage: hired}\n",
            [
                (
                    4,
                    31,
                    "stages[0].stage: 'hired' is not one of lead, applied, interview, offer, accepted, "
                    "rejected, withdrawn",
                )
            ],
        ),
        (
            "settings",
            "rules: {R005: {days: 0}}\n",
            [(1, 22, "rules.R005.days: 0 is less than the minimum of 1")],
        ),
    ],
)
def test_schema_problem_positions(
    kind: str, text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert s001(kind, text) == expected


def test_user_keys_starting_with_x_are_welcome_everywhere() -> None:
    text = (
        "date: 2016-04-08\nwith: [a]\nx-mood: good\nnext:\n  action: y\n  due: 2016-05-01\n"
        "  x-where: café\npromised:\n  - {what: z, x-size: 3}\n"
    )
    assert s001("interaction", text) == []


def test_top_level_must_be_a_mapping() -> None:
    assert s001("contact", "- name: A\n") == [(1, 1, "the record: expected a mapping, got a list")]


def test_schemas_are_documented_for_editors() -> None:
    for kind in KINDS:
        schema = load_schema(kind)
        assert schema["$schema"].endswith("2020-12/schema")
        assert schema["title"] and schema["description"]
        for name, prop in schema.get("properties", {}).items():
            assert "description" in prop, f"{kind}.{name} has no description"
    assert json.loads((schema_dir() / "interaction.schema.json").read_text())["properties"][
        "channel"
    ]
