"""The report parsed by a real Markdown parser: the eight headings in order, well-formed tables."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reseau.present import HEADINGS
from tests.conftest import Result

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def parse(text: str) -> list:  # type: ignore[type-arg]
    return MarkdownIt("commonmark").enable("table").parse(text)


def headings(text: str, level: str) -> list[str]:
    tokens = parse(text)
    return [
        tokens[i + 1].content
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag == level
    ]


def raw_cells(line: str) -> int:
    """Cells of a GFM table row, counted on the source (the parser pads short rows)."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(UNESCAPED_PIPE.split(inner))


def check_tables(text: str) -> int:
    lines = text.splitlines()
    tables = [tok for tok in parse(text) if tok.type == "table_open"]
    for tok in tables:
        start, end = tok.map
        counts = {raw_cells(line) for line in lines[start:end]}
        assert len(counts) == 1, lines[start:end]
    return len(tables)


@pytest.mark.parametrize("as_of", ["2016-05-03", "2016-06-30"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_headings_and_tables(
    story: Path, cli: Callable[..., Result], as_of: str, lang: str
) -> None:
    out = cli("--ledger", str(story), "report", "--as-of", as_of, "--lang", lang).out
    assert headings(out, "h2") == list(HEADINGS[lang])
    assert len(headings(out, "h1")) == 1 and out.startswith("# ")
    assert check_tables(out) == 3  # at a glance, reciprocity, opportunities


def test_french_headings_are_the_contract() -> None:
    assert HEADINGS["fr"] == (
        "En bref",
        "Chaînes rompues",
        "À venir",
        "Reprendre contact",
        "Chaînes de recommandation",
        "Réciprocité",
        "Opportunités",
        "Activité du registre",
    )
    assert HEADINGS["en"] == (
        "At a glance",
        "Broken chains",
        "Coming up",
        "Reconnect",
        "Referral chains",
        "Reciprocity",
        "Opportunities",
        "Ledger activity",
    )


def test_hostile_text_keeps_structure(
    make_ledger: Callable[[dict[str, str]], Path], cli: Callable[..., Result]
) -> None:
    """Pipes, markup and quotes in names and actions break no table, heading or graph."""
    root = make_ledger(
        {
            "contacts/ana.yaml": 'name: "Ana | \\"The\\" <b>Boss</b> # _x_"\norganization: "A|B"\n',
            "contacts/bo.yaml": "name: Bo [x](y)\nintroduced_by: ana\n",
            "interactions/2016/2016-05-02-call-ana.yaml": """\
            date: 2016-05-02
            with: [ana]
            gave: [interest]
            received: [{referral: bo}]
            next: {action: "Call | back ## now", due: 2016-05-04}
            """,
            "opportunities/job.yaml": """\
            title: "Dev | lead"
            organization: "A|B"
            via: ana
            stages: [{date: 2016-05-02, stage: lead}, {date: 2016-05-03, stage: applied}]
            """,
        }
    )
    out = cli("--ledger", str(root), "report", "--as-of", "2016-05-03").out
    assert headings(out, "h2") == list(HEADINGS["en"])
    assert check_tables(out) == 3
    assert 'c_ana["Ana | #quot;The#quot; #lt;b#gt;Boss#lt;/b#gt; #35; _x_"]' in out
    assert "Call \\| back \\#\\# now" in out
