"""The report of generated ledgers (benchmarks/generate.py, fixed seeds): golden files for 300
contacts, and bounded sections for 10,000.

The big ledger has 10,000 contacts but 10,000 interactions and 200 opportunities (not the
benchmark's 50,000 and 1,000), generated once per module: generating and reporting on it takes
about 45 s on a busy two-core machine (17 s of CPU), 20,000 interactions took 56 s and the full
benchmark size about 85 s. Regenerate the golden files with
`RESEAU_REGEN_GOLDEN=1 pytest tests/report` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau.present import HEADINGS
from tests.conftest import run_cli
from tests.report.test_golden import golden

generate = pytest.importorskip("benchmarks.generate")
AS_OF = generate.AS_OF.isoformat()


@pytest.fixture(scope="module")
def ledger_300(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "l300"
    generate.generate(root, 300, 1500, 30, seed=1)
    return root


@pytest.fixture(scope="module")
def report_10k(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("generated") / "l10k"
    generate.generate(root, 10_000, 10_000, 200, seed=1)
    result = run_cli("--ledger", str(root), "report", "--as-of", AS_OF)
    assert result.code == 0, result.err
    return result.out


def sections(text: str) -> dict[str, list[str]]:
    """Each second-level section's lines (the heading and the blank line after it left out)."""
    parts = text.split("\n## ")
    return {part.split("\n", 1)[0]: part.split("\n")[2:] for part in parts[1:]}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_300_contacts_golden(ledger_300: Path, lang: str) -> None:
    result = run_cli("--ledger", str(ledger_300), "report", "--as-of", AS_OF, "--lang", lang)
    assert (result.code, result.err) == (0, "")
    golden(f"generated-300-{AS_OF}.{lang}.md", result.out)
    assert len(result.out.splitlines()) < 230  # about five screens rendered (docs/cli.md)


# Lines each section may take, whatever the size of the ledger (docs/cli.md says why).
BOUNDS = {
    "At a glance": 50,  # 7 actions, the table, the chart, 3 suggestions
    "Broken chains": 75,  # every loop of 25 people, 10 more people, two counts
    "Coming up": 13,
    "Reconnect": 8,
    "Referral chains": 60,  # a graph of at most 30 nodes, 5 chains of 2 loops
    "Reciprocity": 10,
    "Opportunities": 25,
    "Ledger activity": 16,
}


def test_10k_contacts_sections_are_bounded(report_10k: str) -> None:
    found = sections(report_10k)
    assert list(found) == list(HEADINGS["en"])
    sizes = {heading: len(lines) for heading, lines in found.items()}
    assert all(sizes[h] <= BOUNDS[h] for h in BOUNDS), sizes
    assert len(report_10k.splitlines()) < 260
    glance = "\n".join(found["At a glance"])
    assert "\n7. " in glance and "\n8. " not in glance
    graph = report_10k.split("```mermaid\ngraph LR\n", 1)[1].split("```", 1)[0]
    nodes = [line for line in graph.splitlines() if "-->" not in line and "-.->" not in line]
    assert 0 < len(nodes) <= 30
    broken = "\n".join(found["Broken chains"])
    assert "more people (`reseau agenda` lists every loop)." in broken
    assert "loops more than a year late are not listed" in broken
