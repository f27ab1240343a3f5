"""The README's excerpts of the weekly review are the review: every line of its report
examples is a line the story's report prints (English at both dates, French at the later)."""

from __future__ import annotations

import re

from tests.conftest import ROOT, STORY, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def report_examples() -> list[str]:
    section = README[README.index("### `reseau report") : README.index("### `reseau agenda")]
    blocks = re.findall(r"^(`{3,4})markdown\n(.*?)^\1$", section, flags=re.M | re.S)
    return [line for _, block in blocks for line in block.splitlines() if line.strip()]


def test_every_line_of_the_readme_report_examples_is_printed() -> None:
    printed: set[str] = set()
    for args in (
        ("report", "--as-of", "2016-05-03"),
        ("report", "--as-of", "2016-06-30"),
        ("--lang", "fr", "report", "--as-of", "2016-06-30"),
    ):
        result = run_cli("--ledger", str(STORY), *args)
        assert result.code == 0, result.err
        printed |= set(result.out.splitlines())
    lines = report_examples()
    assert len(lines) > 40
    assert [line for line in lines if line not in printed] == []
