"""The reader: values, positions, and Y001/Y002 as values, never exceptions."""

from __future__ import annotations

import pytest

from reseau.i18n import ENGLISH
from reseau.parse import parse_document


def problems(data: bytes) -> list[tuple[str, int, int]]:
    return [(rule, line, col) for rule, line, col, _ in parse_document(data).problems]


def test_values_follow_yaml_1_2_and_keep_dates_as_text() -> None:
    doc = parse_document(
        b"a: no\nb: on\nc: 0o12\nd: 1_000\ne: 12:30\nf: 2016-04-08\n"
        b"g: true\nh: ~\ni: '3'\nj: 1.5\nk: 0x1F\n"
    )
    assert doc.value == {
        "a": "no",
        "b": "on",
        "c": 10,
        "d": "1_000",
        "e": "12:30",
        "f": "2016-04-08",
        "g": True,
        "h": None,
        "i": "3",
        "j": 1.5,
        "k": 31,
    }
    assert doc.problems == ()


def test_positions_of_values_and_keys() -> None:
    doc = parse_document(
        "name: Hélène\nlinks: [https://x.example/a, b]\nnext:\n  due: 2016-04-15\n".encode()
    )
    assert doc.pos(("name",)) == (1, 7)
    assert doc.pos(("links", 0)) == (2, 9)
    assert doc.pos(("links", 1)) == (2, 30)
    assert doc.pos(("next", "due")) == (4, 8)
    assert doc.key_pos(("next", "due")) == (4, 3)
    assert doc.pos(("next", "missing")) == (4, 3)  # falls back to the deepest known ancestor


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [("Y001", 1, 1)]),
        (b"# only a comment\n", [("Y001", 1, 1)]),
        (b"~\n", [("Y001", 1, 1)]),
        (b"a: [1, 2\n", [("Y001", 2, 1)]),
        (b"a: b: c\n", [("Y001", 1, 5)]),
        (b"a: 1\n---\nb: 2\n", [("Y001", 2, 1)]),
        (b"a: &x 1\nb: *x\n", [("Y001", 1, 4)]),
        (b"a: !!python/object/apply:os.system [ls]\n", [("Y001", 1, 4)]),
        (b"a: !custom x\n", [("Y001", 1, 4)]),
        (b"? [a, b]\n: c\n", [("Y001", 1, 3)]),
        (b"name: caf\xe9\n", [("Y001", 1, 10)]),
        (b"\xff\xfen\x00a\x00", [("Y001", 1, 1)]),
        (b"a: \x00\n", [("Y001", 1, 4)]),
        (b"a: 1\na: 2\n", [("Y002", 2, 1)]),
        (b"a:\n  b: 1\n  c: 2\n  b: 3\n", [("Y002", 4, 3)]),
    ],
)
def test_bad_input_is_a_positioned_problem(
    data: bytes, expected: list[tuple[str, int, int]]
) -> None:
    assert problems(data) == expected


def test_duplicate_key_keeps_the_first_value() -> None:
    doc = parse_document(b"a: 1\na: 2\n")
    assert doc.value == {"a": 1}


def test_bom_and_crlf_are_fine() -> None:
    doc = parse_document(b"\xef\xbb\xbfname: A\r\nrole: B\r\n")
    assert doc.value == {"name": "A", "role": "B"}
    assert doc.problems == ()
    assert doc.pos(("role",)) == (2, 7)


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    lines = [b"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [".encode() + b", ".join([f"*{prev}".encode()] * 9) + b"]")
    assert problems(b"\n".join(lines) + b"\n") == [("Y001", 1, 4)]


def test_deep_nesting_is_bounded() -> None:
    data = b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"
    assert problems(data)[0][0] == "Y001"


def test_huge_file_is_refused_without_parsing() -> None:
    data = b"notes: " + b"x" * (2 * 1024 * 1024) + b"\n"
    assert problems(data) == [("Y001", 1, 1)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"date: 2016-04-08\nwith: [a]\nsummary: Lucas: great talk\n",
            (
                3,
                15,
                "invalid YAML: the value of `summary` holds ': ', which YAML reads as the start "
                'of a key: quote the value: `summary: "Lucas: great talk"`',
            ),
        ),
        (
            b'name: A\nnotes: see: "this"\n',
            (
                2,
                11,
                "invalid YAML: the value of `notes` holds ': ', which YAML reads as the start "
                "of a key: quote the value: `notes: 'see: \"this\"'`",
            ),
        ),
        (
            b"date: 2016-04-08\nwith: [a]\nnext:\n  action: Call her\n   due: 2016-04-10\n",
            (
                5,
                4,
                "invalid YAML: `due:` is indented more than `action:` on line 4, which already "
                "has a value: align it with `action:` (column 3)",
            ),
        ),
        (
            b"date: 2016-04-08\nwith: [a]\nnext:\n  action: Call her\n due: 2016-04-10\n",
            (
                5,
                2,
                "invalid YAML: `due:` at column 2 lines up with no key above: align it with "
                "`action:` (line 4, column 3) or `next:` (line 3, column 1)",
            ),
        ),
        (
            b"name: A\npromised:\n  - what: x\n    due: 2016-01-01\n   done: 2016-01-01\n",
            (
                5,
                4,
                "invalid YAML: `done:` at column 4 lines up with no key above: align it with "
                "`due:` (line 4, column 5) or `-` (line 3, column 3)",
            ),
        ),
        (
            b"name: A\n\trole: B\n",
            (
                2,
                1,
                "invalid YAML: found a tab character that violates indentation (while scanning "
                "a plain scalar): indent with spaces, not tabs",
            ),
        ),
    ],
)
def test_yaml_mistakes_say_how_to_fix_them(data: bytes, expected: tuple[int, int, str]) -> None:
    problems = parse_document(data).problems
    assert [(rule, line, column, ENGLISH.render(m)) for rule, line, column, m in problems] == [
        ("Y001", *expected)
    ]


@pytest.mark.parametrize("char", ["\u0085", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_only_lf_cr_and_crlf_break_lines(char: str) -> None:
    """Issue 19, finding 7: YAML 1.2 reads NEL, LS and PS as ordinary characters (libyaml,
    YAML 1.1, breaks lines at them): the value keeps them and the positions after them are
    on the right line."""
    doc = parse_document(
        f"name: a{char}b\nrole: x\n# note{char}\nnext: {{due: 2016-04-15}}\n".encode()
    )
    assert doc.problems == ()
    assert doc.value == {"name": f"a{char}b", "role": "x", "next": {"due": "2016-04-15"}}
    assert (doc.pos(("role",)), doc.pos(("next", "due"))) == ((2, 7), (4, 13))
    assert doc.key_pos(("next",)) == (4, 1)
    quoted = parse_document(f"a{char}: '{char}'\nb: [\n".encode())
    assert quoted.pos(("a" + char,)) == (1, 5)
    assert [(rule, line) for rule, line, _, _ in quoted.problems] == [("Y001", 3)]


def test_stand_ins_for_breaks_never_clash_with_the_text() -> None:
    text = "a: \ue000\u2028\ue001\nb: x\n"
    doc = parse_document(text.encode())
    assert doc.value == {"a": "\ue000\u2028\ue001", "b": "x"} and doc.pos(("b",)) == (2, 4)


def test_nul_position_counts_cr_and_crlf() -> None:
    assert problems(b"a: 1\r\nb: 2\rc: \x00") == [("Y001", 3, 4)]
